"""Scripted switch input for headless runs: ``SECONDS down|up select|next`` per line.

Format (docs/event-log.md, "Input scripts"): one event per line; SECONDS is
the time since the board started (decimals allowed); ``#`` starts a comment;
blank lines are ignored.  Hold durations are explicit: ``3.0 down select``
then ``3.4 up select`` is a 0.4 s press.  Lines must be in time order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commboard.events import Source, Switch, SwitchDown, SwitchUp


class ScriptError(ValueError):
    """A line of the input script is wrong; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class ScriptedEvent:
    """One scripted switch change, ``at_s`` seconds after start."""

    at_s: float
    down: bool
    name: Switch

    def event(self, start: float) -> SwitchDown | SwitchUp:
        """The input event, stamped on the run's clock."""
        kind = SwitchDown if self.down else SwitchUp
        return kind(start + self.at_s, self.name, Source.SCRIPT)


def _parse_line(words: list[str], where: str) -> ScriptedEvent:
    if len(words) != 3:
        raise ScriptError(
            f"{where}: expected 'SECONDS down|up select|next', got {' '.join(words)!r}"
        )
    seconds, direction, name = words
    try:
        at_s = float(seconds)
    except ValueError:
        raise ScriptError(f"{where}: {seconds!r} is not a number of seconds") from None
    if at_s < 0:
        raise ScriptError(f"{where}: time {at_s} is negative")
    if direction not in ("down", "up"):
        raise ScriptError(f"{where}: expected 'down' or 'up', got {direction!r}")
    if name not in ("select", "next"):
        raise ScriptError(f"{where}: expected 'select' or 'next', got {name!r}")
    return ScriptedEvent(at_s, direction == "down", Switch(name))


def parse_script(text: str, name: str = "<script>") -> list[ScriptedEvent]:
    """Parse a whole script; raises ``ScriptError`` naming the first bad line."""
    events: list[ScriptedEvent] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        event = _parse_line(words, f"{name}, line {number}")
        if events and event.at_s < events[-1].at_s:
            raise ScriptError(f"{name}, line {number}: time {event.at_s} is before the line above")
        events.append(event)
    return events


def load_script(path: Path) -> list[ScriptedEvent]:
    """Read and parse a script file (``ScriptError`` if unreadable or wrong)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read the input script ({exc})") from None
    return parse_script(text, str(path))


class ScriptFeed:
    """Hands out scripted events as the clock reaches them."""

    def __init__(self, events: list[ScriptedEvent], start: float) -> None:
        self._events = [e.event(start) for e in events]
        self._next = 0

    def drain(self, now: float) -> list[SwitchDown | SwitchUp]:
        """Every scripted event stamped at or before ``now``, in order."""
        out: list[SwitchDown | SwitchUp] = []
        while self._next < len(self._events) and self._events[self._next].t <= now:
            out.append(self._events[self._next])
            self._next += 1
        return out

    def next_deadline(self) -> float | None:
        """Time of the next scripted event (None when the script is used up)."""
        return self._events[self._next].t if self._next < len(self._events) else None

    @property
    def finished(self) -> bool:
        """True once every event has been handed out."""
        return self._next >= len(self._events)
