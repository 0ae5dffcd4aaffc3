"""Switch presses from down to up: which switches are held, and the press being decided.

A press is decided while it is held: once held for the time it needs
(``need_s``) it is accepted; let go before that, it was "too short".  Only one
press is decided at a time.  A second switch pressed meanwhile, or a press the
scanner cannot use (paused, nothing to scan, too soon after a selection), is
still remembered until it goes up, so that its release is logged with the
reason it did nothing.  A repeated down without an up (key auto-repeat,
bounce) is not a new press.

What an accepted press *does* is the engine's business
(:mod:`commboard.scanning.engine`); this module keeps the bookkeeping and
writes the ``switch`` log line every press leaves, which is how a therapist
sees presses that were too short to count.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from commboard.effects import Log
from commboard.events import Source, Switch, SwitchDown, SwitchUp


class Purpose(Enum):
    """What a press will do once held long enough, decided when it goes down."""

    SELECT = "select"
    NEXT = "next"
    START = "start"
    UNDO = "undo"
    IGNORE = "ignore"


@dataclass(slots=True)
class Press:
    """One switch press from down to up."""

    name: Switch
    source: Source
    down_t: float
    purpose: Purpose
    need_s: float = 0.0
    target: int | None = None  # child index at the current level, latched at down
    accepted: bool = False
    reason: str = ""  # why it was not accepted
    again_after_s: float = 0.0  # the switch's own soonest next press (``SwitchDown``)


@dataclass(frozen=True, slots=True)
class Holding:
    """The press being decided, as the screen shows it: which cells, since when, for how long.

    Attributes:
        down_t: when the switch went down.
        need_s: how long it must be held to count (the acceptance time, or a
            cell's longer hold: 2 s on "Call nurse").
        cells: the cells it acts on (the highlighted item it latched).
    """

    down_t: float
    need_s: float
    cells: tuple[int, ...]

    def progress(self, now: float) -> float:
        """How far the hold is towards counting, 0..1."""
        if self.need_s <= 0:
            return 1.0
        return min(1.0, max(0.0, (now - self.down_t) / self.need_s))


class SwitchPresses:
    """The switches held now, and the single press whose hold is being timed.

    Attributes:
        pending: the press being decided, or None; the engine sets it when a
            press goes down with a purpose other than ``IGNORE``.
    """

    def __init__(self) -> None:
        self._held: dict[Switch, Press] = {}
        self.pending: Press | None = None

    def press(self, event: SwitchDown) -> Press | None:
        """Remember a switch going down; None for a repeated down without an up."""
        if event.name in self._held:
            return None
        press = Press(
            event.name, event.source, event.t, Purpose.IGNORE, again_after_s=event.again_after_s
        )
        self._held[event.name] = press
        return press

    def due(self) -> float | None:
        """When the pending press will have been held long enough; None = nothing pending."""
        press = self.pending
        return None if press is None else press.down_t + press.need_s

    def accept(self, press: Press) -> None:
        """The press was held long enough: it counts, and nothing is pending any more."""
        press.accepted = True
        self.pending = None

    def void(self, reason: str) -> None:
        """The pending press, if any, will do nothing (the page changed, scanning paused)."""
        if self.pending is not None:
            self.pending.purpose = Purpose.IGNORE
            self.pending.reason = reason
            self.pending = None

    def release(self, event: SwitchUp) -> tuple[Log | None, bool]:
        """Forget a switch going up.

        Returns:
            The press's ``switch`` log line (None for an up without a down), and
            whether it was the pending press, let go before its hold was reached.
        """
        press = self._held.pop(event.name, None)
        if press is None:
            return None, False
        early = press is self.pending
        if early:  # released before the hold was reached
            self.pending = None
            press.reason = "too short"
        fields: dict[str, object] = {
            "source": press.source.value,
            "name": press.name.value,
            "held_s": round(event.t - press.down_t, 3),
            "accepted": press.accepted,
        }
        if not press.accepted:
            fields["reason"] = press.reason
            if press.reason == "too short":
                fields["need_s"] = round(press.need_s, 3)
        return Log(event.t, "switch", fields), early
