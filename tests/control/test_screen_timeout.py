"""A forgotten carer screen closes by itself after its own time-out, saying what was lost."""

from __future__ import annotations

from commboard.control.screen_timeout import TimedOut, timed_out, timeout_at


class CarerMenu:
    def __init__(self, idle_timeout_s: float | None = 60.0, note: str | None = None) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.note = note

    def timeout_note(self) -> str | None:
        return self.note


class SettingsScreen(CarerMenu):
    pass


class CalibrationScreen(CarerMenu):
    pass


def test_the_top_screens_limit_counts_from_the_last_carer_input() -> None:
    screens = [CarerMenu(60.0), SettingsScreen(120.0)]
    assert timeout_at(screens, 10.0) == 130.0
    assert timeout_at([], 10.0) is None
    assert timeout_at([CalibrationScreen(None)], 10.0) is None  # runs without input


def test_nothing_closes_before_the_limit() -> None:
    assert timed_out([CarerMenu()], 0.0, 59.9) is None


def test_every_open_screen_closes_and_the_notice_names_what_was_lost() -> None:
    screens = [CarerMenu(), SettingsScreen(120.0, "unsaved: scan speed")]
    gone = timed_out(screens, 0.0, 120.0)
    assert gone == TimedOut(["CarerMenu", "SettingsScreen"], 120.0, ["unsaved: scan speed"])
    assert gone.notice == (
        "The carer screen closed after 2 minutes without input; unsaved: scan speed"
    )
    one = timed_out([CarerMenu()], 0.0, 60.0)
    assert one is not None and one.notice == "The carer screen closed after a minute without input"
