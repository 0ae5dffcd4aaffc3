"""A forgotten carer screen closes by itself after its own time-out, saying what was lost."""

from __future__ import annotations

from commboard.control.screen_timeout import KEPT, KeptDrafts, TimedOut, timed_out, timeout_at


class CarerMenu:
    def __init__(
        self, idle_timeout_s: float | None = 60.0, note: str | None = None, slot: str | None = None
    ) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.note = note
        self.draft_slot = slot

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


def test_unsaved_work_is_kept_per_slot_and_said_to_be_kept() -> None:
    menu = CarerMenu()
    editor = SettingsScreen(300.0, "unsaved edits to page 'Home'", slot="editor:a")
    settings = SettingsScreen(120.0, None, slot="settings:default")  # nothing unsaved
    gone = timed_out([menu, editor], 0.0, 300.0)
    assert gone is not None and gone.notes == ["unsaved edits to page 'Home'" + KEPT]
    drafts: KeptDrafts[CarerMenu] = KeptDrafts()
    drafts.keep([menu, editor, settings])
    assert drafts.notes() == ["unsaved edits to page 'Home'"]
    assert drafts.take("settings:default") is None  # nothing was unsaved there
    assert drafts.take("editor:b") is None  # another layout's editor
    assert drafts.take(None) is None
    assert drafts.take("editor:a") is editor
    assert drafts.take("editor:a") is None and drafts.notes() == []  # given back once


def test_a_screen_without_a_slot_says_its_work_is_lost() -> None:
    gone = timed_out([CarerMenu(60.0, "typed path")], 0.0, 60.0)
    assert gone is not None and gone.notes == ["typed path"]
