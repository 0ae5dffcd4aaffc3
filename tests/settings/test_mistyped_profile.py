"""A mistyped ``--profile`` never quietly means a new, empty profile.

``words clear --profile ana`` for Anna's learned words cleared nothing, yet
the carer believed they were gone; ``calibrate --profile ana`` measured the
patient and saved the result to a new profile Anna's board never reads.  Both
now refuse a name no profile has, with the nearest name, as ``settings set``
does (``calibrate --create`` starts a new patient's profile).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.cli import main
from commboard.predict.personal import PersonalWords
from commboard.predict.personal_file import PersonalFile, learned_words_path
from commboard.settings.profiles import ENV_CONFIG_DIR, profile_path


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_CONFIG_DIR, str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # never the user's own records


def annas_words() -> Path:
    path = learned_words_path("anna")
    model = PersonalWords()
    model.learn("call Xavier")
    assert PersonalFile(path).save(model)
    return path


def test_words_clear_of_a_mistyped_profile_is_refused_and_says_whose_it_meant(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = annas_words()
    assert main(["words", "clear", "--profile", "ana"]) == 1
    said = capsys.readouterr()
    assert "there is no profile 'ana' (did you mean 'anna'?); nothing was cleared" in said.err
    assert "cleared" not in said.out
    assert "xavier" in PersonalFile(path).read().words, "Anna's words are still there"
    assert not learned_words_path("ana").parent.exists(), "no profile 'ana' was made"
    assert main(["words", "clear", "--profile", "anna"]) == 0
    assert PersonalFile(path).read().words == {}


def test_words_clear_of_the_default_profile_needs_no_profile_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["words", "clear"]) == 0
    assert "nothing learned yet" in capsys.readouterr().out


def test_calibrate_with_a_mistyped_profile_is_refused_before_the_camera_opens(
    capsys: pytest.CaptureFixture[str],
) -> None:
    annas_words()  # Anna has records: her profile exists
    # ``--camera none`` would stop with status 2 once past the name: 1 means refused first
    assert main(["calibrate", "--headless", "--camera", "none", "--profile", "ana"]) == 1
    err = capsys.readouterr().err
    assert "there is no profile 'ana' (did you mean 'anna'?)" in err and "add --create" in err
    assert not profile_path("ana").exists()
    assert main(["calibrate", "--headless", "--camera", "none", "--profile", "anna"]) == 2


def test_calibrate_starts_a_new_patient_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["calibrate", "--headless", "--camera", "none", "--profile", "bob"]
    assert main(argv) == 1 and "(there is none yet)" in capsys.readouterr().err
    assert main([*argv, "--create"]) == 2  # past the name, stopped by the missing camera
    assert "calibration needs a camera" in capsys.readouterr().err
    assert main(["calibrate", "--headless", "--camera", "none"]) == 2  # 'default': no asking
