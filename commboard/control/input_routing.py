"""Where one input goes: the alarm, an open carer screen, the session, or a new carer screen.

The frame loop drains keys, clicks, scripted events and blinks alike and asks
``route`` where each one goes; it then carries the answer out.  The rules,
in order:

* while help is called, a carer's click or Escape/F10 stops the alarm and
  does nothing else (the carer came; their click must not also press a
  button or open the menu);
* while a carer screen is open every input goes to it -- except the
  patient's switch presses, which only a screen that ``wants_switches``
  (the settings try-out) receives: under any other screen a press is
  ignored, with a log record saying so, so a blink while the carer checks
  the camera selects nothing;
* on the board, switch presses and pointed cells go to the session;
  Escape/F10 opens the carer menu; the window's close button opens the menu
  with the quit question on top (quitting is always confirmed);
* anything else (a stray key or a click beside the cells) is dropped.

Pure: the loop passes in what is above the board now.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from commboard.effects import Log
from commboard.events import (
    CarerRequest,
    CellPointed,
    Click,
    InputEvent,
    Key,
    PointerMoved,
    PointerUp,
    SwitchDown,
    SwitchUp,
    UiEvent,
    WindowClosed,
)

IGNORED_UNDER_SCREEN = "carer screen open"  # the log's reason for a switch press that went nowhere

ScreenEvent = (
    Key | Click | PointerMoved | PointerUp | CarerRequest | WindowClosed | SwitchDown | SwitchUp
)
"""What a carer screen is handed (a pointed cell never reaches one)."""


class CarerScreen(StrEnum):
    """A carer screen the board opens by itself, on a carer's request."""

    MENU = "menu"
    QUIT_CONFIRM = "quit confirm"


@dataclass(frozen=True, slots=True)
class StopAlarm:
    """The carer answered the call for help: stop the alarm, nothing else."""


@dataclass(frozen=True, slots=True)
class ToScreen:
    """Hand the event to the top carer screen (it is carer input: the screen's idle time restarts)."""

    event: ScreenEvent


@dataclass(frozen=True, slots=True)
class ToSession:
    """Hand the patient's (or a carer's pointed) input to the session."""

    event: InputEvent


@dataclass(frozen=True, slots=True)
class OpenScreens:
    """Open these carer screens over the board, bottom first."""

    screens: tuple[CarerScreen, ...]


@dataclass(frozen=True, slots=True)
class Ignore:
    """Nothing happens; ``log`` (if any) records that the input went nowhere."""

    log: Log | None = None


Route = StopAlarm | ToScreen | ToSession | OpenScreens | Ignore


def route(
    event: UiEvent, *, alarm_on: bool, screen_open: bool, screen_wants_switches: bool
) -> Route:
    """Where ``event`` goes (see the module docstring for the rules).

    Args:
        event: one input, from the keyboard, mouse, script or camera.
        alarm_on: help is being called (the alarm sounds).
        screen_open: a carer screen is open over the board.
        screen_wants_switches: the top carer screen takes switch presses.
    """
    if alarm_on and isinstance(event, CarerRequest | Click):
        return StopAlarm()
    if screen_open:
        return _to_screen(event, screen_wants_switches)
    if isinstance(event, SwitchDown | SwitchUp | CellPointed):
        return ToSession(event)
    if isinstance(event, CarerRequest):
        return OpenScreens((CarerScreen.MENU,))
    if isinstance(event, WindowClosed):
        return OpenScreens((CarerScreen.MENU, CarerScreen.QUIT_CONFIRM))
    return Ignore()


def _to_screen(event: UiEvent, wants_switches: bool) -> Route:
    if isinstance(event, SwitchDown | SwitchUp) and not wants_switches:
        fields = {"source": event.source.value, "name": event.name.value}
        return Ignore(Log(event.t, "switch", {**fields, "ignored": IGNORED_UNDER_SCREEN}))
    if isinstance(event, CellPointed):
        return Ignore()
    return ToScreen(event)
