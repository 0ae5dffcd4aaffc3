"""``run --profile ana`` when only Anna has a profile: the board starts, and says so.

Starting the board is never refused in front of a patient, but a mistyped
name used to start a new, empty profile in silence: the patient was scanned
with the default settings, not their own hold times and calibration, and
nobody knew why.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from commboard.shell.loop import BoardLoop

SAVED = "version: 2\nscan:\n  interval_s: 1.7\n"


def banners(board: BoardLoop) -> list[str]:
    return [b.text for b in board.chrome.chrome("", board.now).banners]


def annas_profile(tmp_path: Path) -> None:
    profiles = tmp_path / "config" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "anna.yaml").write_text(SAVED, encoding="utf-8")


def test_a_mistyped_profile_starts_the_board_with_a_notice_naming_the_likely_one(
    start_board: Callable[..., BoardLoop], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annas_profile(tmp_path)
    board = start_board("--profile", "ana")
    notice = "no profile 'ana' yet (did you mean 'anna'?)"
    assert any(notice in t.lower() and "new one" in t for t in banners(board))
    assert notice in capsys.readouterr().err
    assert board.settings.scan.interval_s == 1.0, "a new profile: the default settings"


def test_the_patients_own_profile_and_default_start_without_a_notice(
    start_board: Callable[..., BoardLoop], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    annas_profile(tmp_path)
    board = start_board("--profile", "anna")
    assert board.settings.scan.interval_s == 1.7
    assert not any("profile" in t for t in banners(board))
    assert not any("profile" in t for t in banners(start_board()))
    assert "no profile" not in capsys.readouterr().err


def test_a_new_patient_is_told_in_the_terminal_and_no_other_name_is_shown_on_screen(
    start_board: Callable[..., BoardLoop], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Another patient's name on the bedside screen would be a privacy slip: the list of
    # profiles goes to the terminal only; a name far from every other is a new patient.
    annas_profile(tmp_path)
    board = start_board("--profile", "bob")
    assert not any("profile" in t for t in banners(board))
    err = capsys.readouterr().err
    assert "no profile 'bob' yet (the profiles are: anna); starting a new one" in err
