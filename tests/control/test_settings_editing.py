"""The settings screen's editing rules, driven by key names alone (no pygame, no disk)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from commboard.control.settings_editing import Leave, Mode, SettingsEditing
from commboard.events import CarerRequest, Key
from commboard.settings import Settings
from commboard.settings.fields import setting_keys
from commboard.settings.values import SettingsProblem

T0 = 50.0


class Disk:
    """Where the editor writes; ``refuse`` makes it fail like a read-only folder."""

    def __init__(self, refuse: bool = False) -> None:
        self.refuse = refuse
        self.written: list[Settings] = []

    def write(self, settings: Settings, notes: list[SettingsProblem]) -> Path:
        if self.refuse:
            raise OSError("read-only file system")
        self.written.append(settings)
        return Path("/profiles/anna.yaml")


def editor(disk: Disk, applied: list[Settings]) -> SettingsEditing:
    return SettingsEditing(Settings(), "anna", disk.write, applied.append, now=T0)


def key(name: str, text: str = "") -> Key:
    return Key(T0, 0, text, name)


def go_to(ed: SettingsEditing, wanted: str) -> None:
    for _ in range(setting_keys().index(wanted)):
        ed.answer(key("down"), T0)
    assert ed.key == wanted


def test_named_keys_change_a_value_and_s_writes_and_applies_it() -> None:
    disk, applied = Disk(), []
    ed = editor(disk, applied)
    go_to(ed, "scan.interval_s")
    before = ed.edited.scan.interval_s
    ed.answer(key("right"), T0)
    assert ed.edited.scan.interval_s > before
    assert disk.written == [] and applied == []  # nothing leaves before S
    ed.answer(key("s", "s"), T0)
    assert disk.written == [ed.edited] and applied == [ed.edited]
    assert "Saved to /profiles/anna.yaml" in ed.message[0]
    assert ed.answer(CarerRequest(T0), T0) == Leave()


def test_a_typed_number_is_set_on_return_and_a_bad_one_is_refused_with_a_message() -> None:
    ed = editor(Disk(), [])
    go_to(ed, "scan.interval_s")
    for ch in "2.5":
        ed.answer(key(ch, ch), T0)
    assert ed.mode == Mode.TYPE
    ed.answer(key("return", "\r"), T0)
    assert (ed.mode, ed.edited.scan.interval_s) == (Mode.BROWSE, 2.5)
    ed.answer(key("return", "\r"), T0)  # edit again: the value is typed afresh
    for _ in range(3):
        ed.answer(key("backspace"), T0)
    ed.answer(key("x", "x"), T0)
    ed.answer(key("return", "\r"), T0)
    assert ed.mode == Mode.TYPE and ed.edited.scan.interval_s == 2.5  # refused, still typing


def test_leaving_with_unsaved_changes_asks_and_l_leaves_without_writing() -> None:
    disk, applied = Disk(), []
    ed = editor(disk, applied)
    go_to(ed, "scan.interval_s")
    ed.answer(key("left"), T0)
    assert ed.answer(key("escape", "\x1b"), T0) is None
    assert ed.answer(CarerRequest(T0), T0) is None and ed.mode == Mode.CONFIRM
    assert ed.answer(key("l", "l"), T0) == Leave()
    assert disk.written == [] and applied == []
    assert ed.timeout_note() == "settings not saved (nobody confirmed them): scan.interval_s"


def test_a_refused_write_still_gives_the_board_the_changes_and_says_they_are_not_saved() -> None:
    disk, applied = Disk(refuse=True), []
    ed = editor(disk, applied)
    go_to(ed, "scan.interval_s")
    ed.answer(key("right"), T0)
    ed.answer(key("s", "s"), T0)
    assert applied == [ed.edited] and ed.changed
    assert ed.message[0].startswith("Not saved (read-only file system)")


def test_page_down_opens_the_next_tab_at_its_first_setting() -> None:
    ed = editor(Disk(), [])
    first = ed.group
    ed.answer(key("page down"), T0)
    assert ed.group != first and ed.key.startswith(ed.group + ".")
    assert setting_keys().index(ed.key) == min(
        i for i, k in enumerate(setting_keys()) if k.startswith(ed.group + ".")
    )


def test_a_typed_number_out_of_range_is_refused_not_clamped_to_an_extreme() -> None:
    """Typing -1 for the acceptance time set 0 s, turning the accidental-press filter off.

    The command line refuses such a value and a profile file falls back to the
    default (issue 8 item 8); the screen clamped it to the nearest limit, and
    S saved it.  Now it is refused like the command line: the value stays as
    it was, the carer keeps typing, and the message gives the allowed range.
    """
    disk, applied = Disk(), []
    ed = editor(disk, applied)
    for wanted, typed, before in [
        ("scan.acceptance_s", "-1", 0.3),
        ("scan.interval_s", "50", 1.0),  # 5.0 mistyped: it became 10 s a step
    ]:
        ed.select(setting_keys().index(wanted))
        ed.answer(key("return", "\r"), T0)
        for _ in range(6):
            ed.answer(key("backspace"), T0)
        for ch in typed:
            ed.answer(key(ch, ch), T0)
        ed.answer(key("return", "\r"), T0)
        assert ed.mode == Mode.TYPE  # still typing: nothing was set
        assert getattr(ed.edited.scan, wanted.split(".")[1]) == before
        assert "outside the allowed range" in ed.message[0], ed.message
        ed.answer(key("escape", "\x1b"), T0)
    assert not ed.changed  # nothing to save: both values are as they were


def test_edits_kept_from_a_timed_out_screen_move_onto_what_the_board_uses_now() -> None:
    disk, applied = Disk(), []
    old = editor(disk, applied)
    go_to(old, "scan.interval_s")
    old.answer(key("right"), T0)  # unconfirmed: then the screen times out
    # Meanwhile a calibration saved new blink levels: the board runs with them.
    now_used = replace(Settings(), blink=replace(Settings().blink, hold_s=0.9))
    fresh = SettingsEditing(now_used, "anna", disk.write, applied.append, now=T0 + 200)
    fresh.take_edits(old, T0 + 200)
    assert fresh.edited.scan.interval_s == old.edited.scan.interval_s  # the edit is back
    assert fresh.edited.blink.hold_s == 0.9  # the calibration's level is not undone
    assert fresh.changed and fresh.key == "scan.interval_s"
    assert "are back: scan.interval_s" in fresh.message[0]
    assert disk.written == [] and applied == []  # still unsaved until S
