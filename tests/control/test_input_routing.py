"""Where an input goes: the alarm first, then an open carer screen, then the board."""

from __future__ import annotations

import pytest

from commboard.control.input_routing import (
    CarerScreen,
    Ignore,
    OpenScreens,
    Route,
    StopAlarm,
    ToScreen,
    ToSession,
    route,
)
from commboard.effects import Log
from commboard.events import (
    CarerRequest,
    CellPointed,
    Click,
    Key,
    PointerMoved,
    PointerUp,
    Source,
    Switch,
    SwitchDown,
    SwitchUp,
    UiEvent,
    WindowClosed,
)

PRESS = SwitchDown(5.0, Switch.SELECT, Source.BLINK)
RELEASE = SwitchUp(5.5, Switch.SELECT, Source.KEYBOARD)
ESCAPE = CarerRequest(5.0)
CLICK = Click(5.0, 10, 20)
KEY = Key(5.0, 115, "s")
CLOSED = WindowClosed(5.0)
POINTED = CellPointed(5.0, 3, Source.MOUSE)


def on_board(event: UiEvent, alarm_on: bool = False) -> Route:
    return route(event, alarm_on=alarm_on, screen_open=False, screen_wants_switches=False)


def under_screen(event: UiEvent, wants_switches: bool = False, alarm_on: bool = False) -> Route:
    return route(event, alarm_on=alarm_on, screen_open=True, screen_wants_switches=wants_switches)


@pytest.mark.parametrize("event", [ESCAPE, CLICK])
def test_a_carers_click_or_escape_only_stops_the_alarm(event: UiEvent) -> None:
    assert on_board(event, alarm_on=True) == StopAlarm()
    assert under_screen(event, alarm_on=True) == StopAlarm()


def test_the_patients_switch_still_scans_while_the_alarm_sounds() -> None:
    assert on_board(PRESS, alarm_on=True) == ToSession(PRESS)
    assert on_board(KEY, alarm_on=True) == Ignore()


def test_on_the_board_switches_and_pointed_cells_go_to_the_session() -> None:
    assert on_board(PRESS) == ToSession(PRESS)
    assert on_board(RELEASE) == ToSession(RELEASE)
    assert on_board(POINTED) == ToSession(POINTED)


def test_escape_opens_the_menu_and_closing_the_window_asks_before_quitting() -> None:
    assert on_board(ESCAPE) == OpenScreens((CarerScreen.MENU,))
    assert on_board(CLOSED) == OpenScreens((CarerScreen.MENU, CarerScreen.QUIT_CONFIRM))


def test_stray_keys_and_clicks_on_the_board_do_nothing() -> None:
    assert on_board(KEY) == Ignore()
    assert on_board(CLICK) == Ignore()


@pytest.mark.parametrize("event", [KEY, CLICK, ESCAPE, CLOSED])
def test_carer_input_goes_to_the_open_screen(event: UiEvent) -> None:
    assert under_screen(event) == ToScreen(event)


def test_a_switch_press_under_a_screen_that_ignores_switches_is_logged_and_dropped() -> None:
    assert under_screen(PRESS) == Ignore(
        Log(5.0, "switch", {"source": "blink", "name": "select", "ignored": "carer screen open"})
    )
    routed = under_screen(RELEASE)
    assert isinstance(routed, Ignore) and routed.log is not None
    assert list(routed.log.fields) == ["source", "name", "ignored"]  # the log line's order
    assert routed.log.fields["source"] == "keyboard"


def test_the_settings_try_out_receives_the_switch() -> None:
    assert under_screen(PRESS, wants_switches=True) == ToScreen(PRESS)
    assert under_screen(RELEASE, wants_switches=True) == ToScreen(RELEASE)


def test_a_pointed_cell_never_reaches_a_carer_screen() -> None:
    assert under_screen(POINTED) == Ignore()


def test_a_drags_moves_and_release_reach_a_carer_screen_and_nothing_on_the_board() -> None:
    moved, up = PointerMoved(5.0, 30, 40), PointerUp(5.1, 30, 40)
    for event in (moved, up):
        assert route(event, alarm_on=False, screen_open=True, screen_wants_switches=False) == (
            ToScreen(event)
        )
        assert route(event, alarm_on=False, screen_open=False, screen_wants_switches=False) == (
            Ignore()
        )
