"""Input events: what the user did, independent of how they did it.

Logical switch names (SELECT, NEXT) are separate from physical sources
(keyboard, mouse, script, blink, gaze) so that a deliberate blink produces
exactly the same SELECT as the space bar.  Every event carries ``t``: the
monotonic time (seconds) at which it happened -- for camera input that is the
capture time of the frame, not the time we processed it.

The carer's inputs (``CarerRequest``, ``Key``, ``Click``, ``WindowClosed``)
live here too: ``adapters.pygame_input`` makes them from pygame's events,
``control.input_routing`` decides where each one goes, and carer screens
read them -- none of which needs pygame.
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
    """A logical switch went down (key pressed, eyes confirmed closed...).

    ``again_after_s``: the soonest after ``t`` the same switch can go down
    again (a blink: its hold plus the refractory time after the eyes
    reopen; 0 for a key).  The scanner keeps its undo window open at least
    that long (plus a margin) after a selection made with it, or a blink
    user could never cancel one.
    """

    t: float
    name: Switch
    source: Source
    again_after_s: float = 0.0


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


@dataclass(frozen=True, slots=True)
class CarerRequest:
    """Escape/F10: open (or, inside the menu, step back out of) the carer menu."""

    t: float


@dataclass(frozen=True, slots=True)
class Key:
    """A key that is not a switch, for carer screens.

    Attributes:
        key: pygame's key code (``pygame.K_*``).
        text: what the key types ("" for keys that type nothing).
        name: the key's name as pygame names it ("up", "return", "page down",
            "backspace", "s"), so the rules in ``commboard.control`` can read
            keys without pygame.
    """

    t: float
    key: int
    text: str
    name: str = ""


@dataclass(frozen=True, slots=True)
class Click:
    """A left click that did not land on a cell (carer screens, buttons)."""

    t: float
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class PointerMoved:
    """The mouse moved with the left button held, over a carer screen (the editor's drag)."""

    t: float
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class PointerUp:
    """The left button was released over a carer screen (the end of a click or a drag)."""

    t: float
    x: int
    y: int


@dataclass(frozen=True, slots=True)
class WindowClosed:
    """The window's close button (windowed mode); treated as a request to quit."""

    t: float


UiEvent = InputEvent | CarerRequest | Key | Click | PointerMoved | PointerUp | WindowClosed
