"""Input events: what the user did, independent of how they did it.

Logical switch names (SELECT, NEXT) are separate from physical sources
(keyboard, mouse, script, blink, gaze) so that a deliberate blink produces
exactly the same SELECT as the space bar.  Every event carries ``t``: the
monotonic time (seconds) at which it happened -- for camera input that is the
capture time of the frame, not the time we processed it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Switch(StrEnum):
    """Logical switches the selector understands."""

    SELECT = "select"
    NEXT = "next"


class Source(StrEnum):
    """Physical origin of an event; recorded in the event log and history."""

    KEYBOARD = "keyboard"
    MOUSE = "mouse"
    SCRIPT = "script"
    BLINK = "blink"
    GAZE = "gaze"


@dataclass(frozen=True, slots=True)
class SwitchDown:
    """A logical switch went down (key pressed, eyes confirmed closed...)."""

    t: float
    name: Switch
    source: Source


@dataclass(frozen=True, slots=True)
class SwitchUp:
    """A logical switch was released."""

    t: float
    name: Switch
    source: Source


@dataclass(frozen=True, slots=True)
class CellPointed:
    """The user pointed straight at a cell (a carer's mouse click, later gaze dwell).

    ``cell`` is the index of the cell in the current page's ``cells`` tuple.
    """

    t: float
    cell: int
    source: Source


InputEvent = SwitchDown | SwitchUp | CellPointed
