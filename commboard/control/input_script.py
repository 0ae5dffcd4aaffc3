"""Scripted input for headless runs: switch presses and carer keys, one per line.

Format (docs/event-log.md, "Input scripts"): one event per line; SECONDS is
the time since the board started (decimals allowed); ``#`` starts a comment;
blank lines are ignored.  ``SECONDS down|up select|next`` changes a switch:
hold durations are explicit (``3.0 down select`` then ``3.4 up select`` is a
0.4 s press).  ``SECONDS key NAME`` presses and releases a keyboard key by
its name (``escape``, ``s``, ``return``, ``up``...), as a carer would, and
goes wherever that key would go (a switch key is a switch press, Escape
opens the carer menu).  ``SECONDS click X Y`` is a left click at that pixel
(on a cell it chooses the cell, as a carer's click does).  Lines must be in
time order.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from commboard.events import Source, Switch, SwitchDown, SwitchUp


class ScriptError(ValueError):
    """A line of the input script is wrong; the message names the file and line."""


# The most of a bad line an error message quotes: enough to find it, never a
# 20 MB line (or a file that is not a script) copied whole into a terminal.
QUOTE_CHARS = 60


def quoted(text: str) -> str:
    """``text`` quoted for an error message, cut to ``QUOTE_CHARS`` with the length said."""
    if len(text) <= QUOTE_CHARS:
        return repr(text)
    return f"{text[:QUOTE_CHARS]!r}... ({len(text)} characters)"


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


@dataclass(frozen=True, slots=True)
class ScriptedKey:
    """A keyboard key pressed and released ``at_s`` seconds after start (``name`` as pygame names it)."""

    at_s: float
    name: str


@dataclass(frozen=True, slots=True)
class ScriptedClick:
    """A left click at pixel (``x``, ``y``) ``at_s`` seconds after start."""

    at_s: float
    x: int
    y: int


Scripted = ScriptedEvent | ScriptedKey | ScriptedClick


def _parse_click(at_s: float, words: list[str], where: str) -> ScriptedClick:
    try:
        if len(words) != 4:
            raise ValueError
        return ScriptedClick(at_s, int(words[2]), int(words[3]))
    except ValueError:
        raise ScriptError(
            f"{where}: expected 'SECONDS click X Y', got {quoted(' '.join(words))}"
        ) from None


def _parse_key(at_s: float, words: list[str], where: str) -> ScriptedKey:
    if len(words) != 3:
        raise ScriptError(f"{where}: expected 'SECONDS key NAME', got {quoted(' '.join(words))}")
    return ScriptedKey(at_s, words[2].lower())


def _parse_line(words: list[str], where: str) -> Scripted:
    if len(words) >= 2 and words[1] == "key":
        return _parse_key(_seconds(words[0], where), words, where)
    if len(words) >= 2 and words[1] == "click":
        return _parse_click(_seconds(words[0], where), words, where)
    if len(words) != 3:
        raise ScriptError(
            f"{where}: expected 'SECONDS down|up select|next', got {quoted(' '.join(words))}"
        )
    seconds, direction, name = words
    at_s = _seconds(seconds, where)
    if direction not in ("down", "up"):
        raise ScriptError(f"{where}: expected 'down' or 'up', got {quoted(direction)}")
    if name not in ("select", "next"):
        raise ScriptError(f"{where}: expected 'select' or 'next', got {quoted(name)}")
    return ScriptedEvent(at_s, direction == "down", Switch(name))


def _seconds(text: str, where: str) -> float:
    """A line's time; ``nan`` and ``inf`` are refused (they never come, or hang a virtual clock)."""
    try:
        at_s = float(text)
    except ValueError:
        raise ScriptError(f"{where}: {quoted(text)} is not a number of seconds") from None
    if not math.isfinite(at_s):
        raise ScriptError(f"{where}: {quoted(text)} is not a number of seconds (not finite)")
    if at_s < 0:
        raise ScriptError(f"{where}: time {at_s} is negative")
    return at_s


def parse_script(text: str, name: str = "<script>") -> list[Scripted]:
    """Parse a whole script; raises ``ScriptError`` naming the first bad line."""
    events: list[Scripted] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        if not words:
            continue
        event = _parse_line(words, f"{name}, line {number}")
        if events and event.at_s < events[-1].at_s:
            raise ScriptError(f"{name}, line {number}: time {event.at_s} is before the line above")
        events.append(event)
    return events


def load_script(path: Path) -> list[Scripted]:
    """Read and parse a script file (``ScriptError`` if unreadable or wrong)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ScriptError(f"{path}: cannot read the input script ({exc})") from None
    return parse_script(text, str(path))


class ScriptFeed:
    """Hands out scripted events as the clock reaches them."""

    def __init__(self, events: list[Scripted], start: float) -> None:
        self._events = [
            (start + e.at_s, e.event(start) if isinstance(e, ScriptedEvent) else e) for e in events
        ]
        self._next = 0

    def drain(self, now: float) -> list[SwitchDown | SwitchUp | ScriptedKey | ScriptedClick]:
        """Every scripted event stamped at or before ``now``, in order (keys and clicks as scripted)."""
        out: list[SwitchDown | SwitchUp | ScriptedKey | ScriptedClick] = []
        while self._next < len(self._events) and self._events[self._next][0] <= now:
            out.append(self._events[self._next][1])
            self._next += 1
        return out

    def next_deadline(self) -> float | None:
        """Time of the next scripted event (None when the script is used up)."""
        return self._events[self._next][0] if self._next < len(self._events) else None

    @property
    def finished(self) -> bool:
        """True once every event has been handed out."""
        return self._next >= len(self._events)
