"""A value the board runs with only for this run (``--scan-interval``) is shown as such.

The settings screen showed the running ``--scan-interval 4`` as the scan
interval, like any saved value; after S it still read 4.0 s while the
profile kept 1.7 s (saving writes only what was changed on the screen), so
the therapist believed 4 s was saved and would be there next time.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.events import Key
from commboard.settings import Settings
from commboard.settings.fields import describe
from commboard.settings.profiles import ENV_CONFIG_DIR, load_profile, save_profile
from commboard.settings.values import with_value
from commboard.shell.screens.settings.settings_screen import SettingsScreen

T0 = 100.0


class FakeBoard:
    """The ShellContext a carer screen sees: the settings the board runs with."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def layout_choices(self) -> list[object]:
        return []

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path / "cfg"))


def press(screen: SettingsScreen, *names: str) -> None:
    for name in names:
        code = ord(name) if len(name) == 1 else 0
        screen.handle(Key(T0, code, name if len(name) == 1 else "", name), T0)


def go_to(screen: SettingsScreen, key: str) -> None:
    keys = [k for k, _, _ in describe()]
    steps = keys.index(key) - keys.index(screen.key)
    press(screen, *["down" if steps > 0 else "up"] * abs(steps))
    assert screen.key == key


def interval_row(screen: SettingsScreen) -> str:
    view = screen.view(40)
    return next(r.shown for r in view.rows if r.label == "Scan interval")


def test_a_one_run_scan_interval_is_marked_as_not_in_the_profile_before_and_after_a_save() -> None:
    tuned = with_value(Settings(), "scan.interval_s", "1.7")[0]
    save_profile("anna", tuned)
    board = FakeBoard(with_value(tuned, "scan.interval_s", "4")[0])  # --scan-interval 4
    screen = SettingsScreen(board, "anna", now=T0)
    assert interval_row(screen) == "4.0 s (this run; profile 1.7 s)"
    go_to(screen, "scan.interval_s")
    assert "Set for this run only (on the command line); the profile keeps 1.7 s." in (
        screen.view(40).detail.help
    )
    go_to(screen, "speech.volume")
    press(screen, "left", "s")  # something else saved
    assert load_profile("anna")[0].scan.interval_s == 1.7
    go_to(screen, "scan.interval_s")
    assert interval_row(screen) == "4.0 s (this run; profile 1.7 s)"  # still not saved


def test_a_one_run_value_changed_and_saved_on_the_screen_is_an_ordinary_saved_value() -> None:
    save_profile("anna", Settings())
    board = FakeBoard(with_value(Settings(), "scan.interval_s", "4")[0])
    screen = SettingsScreen(board, "anna", now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, "left", "s")
    assert load_profile("anna")[0].scan.interval_s == 3.9
    assert interval_row(screen) == "3.9 s"


def test_values_the_profile_has_are_shown_plainly() -> None:
    save_profile("anna", Settings())
    screen = SettingsScreen(FakeBoard(Settings()), "anna", now=T0)
    assert interval_row(screen) == "1.0 s"
