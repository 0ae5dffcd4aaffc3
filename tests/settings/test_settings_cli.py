"""`commboard settings show|set|reset`: what a scripted set-up prints and returns."""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.cli import main
from commboard.settings.profiles import ENV_CONFIG_DIR, load_profile, profile_path


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cfg = tmp_path / "cfg"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(cfg))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # never the user's own records
    return cfg


def run(capsys: pytest.CaptureFixture[str], *words: str) -> tuple[int, str, str]:
    code = main(["settings", *words])
    out, err = capsys.readouterr()
    return code, out, err


def test_show_lists_every_setting_with_units(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "show")
    assert code == 0 and err == ""
    assert "not saved yet" in out.splitlines()[0]
    assert "scan.interval_s = 1.0 s" in out.splitlines()
    assert "scan.pattern = row_column" in out.splitlines()
    assert "blink.inverse = false" in out.splitlines()
    assert not profile_path("default").exists()  # showing never writes


def test_set_saves_to_the_named_profile_and_show_reads_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = run(capsys, "set", "scan.interval_s", "1.5", "--profile", "anna", "--create")
    assert (code, err) == (0, "")
    assert out == f"scan.interval_s = 1.5 s (saved to {profile_path('anna')})\n"
    assert load_profile("anna")[0].scan.interval_s == 1.5
    assert load_profile("default")[0].scan.interval_s == 1.0
    assert run(capsys, "show", "scan.interval_s", "--profile", "anna") == (0, "1.5 s\n", "")


@pytest.mark.parametrize(("key", "value"), [("scan.interval_s", "-5"), ("scan.passes", "99")])
def test_set_out_of_range_is_refused_with_the_range_and_nothing_saved(
    capsys: pytest.CaptureFixture[str], key: str, value: str
) -> None:
    run(capsys, "set", "scan.interval_s", "2")
    before = profile_path("default").read_bytes()
    code, out, err = run(capsys, "set", key, value)
    assert (code, out) == (1, "")
    assert "outside the allowed range" in err and (" 0.1 to 10 s" in err or " 1 to 10" in err)
    assert profile_path("default").read_bytes() == before


def test_set_bad_value_fails_and_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "set", "scan.interval_s", "2")
    before = profile_path("default").read_bytes()
    code, out, err = run(capsys, "set", "scan.interval_s", "fast")
    assert (code, out) == (1, "")
    assert "scan.interval_s: expected a number in s from 0.1 to 10, not 'fast'" in err
    assert profile_path("default").read_bytes() == before


def test_nonexistent_key_exits_1_and_lists_close_keys(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "set", "scan.intervall", "2")
    assert (code, out) == (1, "")
    assert "no setting named 'scan.intervall'" in err and "scan.interval_s" in err
    assert not profile_path("default").exists()
    code, _, err = run(capsys, "show", "interval")
    assert code == 1 and "scan.interval_s" in err


def test_missing_arguments_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "set", "scan.interval_s")
    assert code == 2 and "usage: commboard settings set KEY VALUE" in err


def test_bad_profile_name_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "show", "--profile", "../etc")
    assert code == 1 and "not allowed" in err


def test_reset_one_key_or_all_keeps_unknown_fields(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "set", "scan.interval_s", "2")
    run(capsys, "set", "scan.passes", "5")
    path = profile_path("default")
    path.write_text(path.read_text() + "future_feature: 3\n")
    code, out, _ = run(capsys, "reset", "scan.interval_s")
    assert code == 0 and out.startswith("scan.interval_s = 1.0 s (was 2.0 s; saved to")
    settings = load_profile("default")[0]
    assert (settings.scan.interval_s, settings.scan.passes) == (1.0, 5)
    code, out, _ = run(capsys, "reset")
    assert code == 0 and out.startswith("all settings reset")
    settings = load_profile("default")[0]
    assert settings.scan.passes == 3
    assert dict(settings.unknown) == {"future_feature": 3}


def test_show_of_a_corrupt_profile_reports_path_and_line_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = profile_path("default")
    path.parent.mkdir(parents=True)
    path.write_text("scan:\n  interval_s: {\n")
    code, out, err = run(capsys, "show")
    assert code == 1
    assert f"{path}:2: not valid YAML" in err  # the last line, not one past the end
    assert "scan.interval_s = 1.0 s" in out  # what the board would use
    assert path.read_text() == "scan:\n  interval_s: {\n"


def test_set_over_a_corrupt_profile_keeps_the_corrupt_file(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = profile_path("default")
    path.parent.mkdir(parents=True)
    path.write_text("scan: [\n")
    code, _, err = run(capsys, "set", "scan.passes", "4")
    assert code == 0
    assert "kept as default.yaml.corrupt-1" in err
    assert path.with_name("default.yaml.corrupt-1").read_text() == "scan: [\n"
    assert load_profile("default")[0].scan.passes == 4


def test_reset_of_every_setting_keeps_the_tuned_profile_where_it_can_be_restored(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run(capsys, "set", "scan.interval_s", "2.4", "--profile", "anna", "--create")
    run(capsys, "set", "blink.hold_s", "0.9", "--profile", "anna")
    tuned = profile_path("anna").read_bytes()
    code, out, _ = run(capsys, "reset", "--profile", "anna")
    kept = profile_path("anna").with_name("anna.yaml.before-reset-1")
    assert code == 0 and f"the previous settings are kept in {kept}" in out
    assert kept.read_bytes() == tuned and kept.stat().st_mode & 0o777 == 0o600
    # Later saves (which replace anna.yaml.bak) and a second reset never touch what was kept.
    run(capsys, "set", "scan.passes", "4", "--profile", "anna")
    run(capsys, "reset", "--profile", "anna")
    assert kept.read_bytes() == tuned
    assert profile_path("anna").with_name("anna.yaml.before-reset-2").is_file()
    kept.replace(profile_path("anna"))  # restoring is copying it back, as the message says
    settings = load_profile("anna")[0]
    assert (settings.scan.interval_s, settings.blink.hold_s) == (2.4, 0.9)


def test_reset_of_one_setting_says_what_the_value_was(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "set", "scan.interval_s", "2.4")
    code, out, _ = run(capsys, "reset", "scan.interval_s")
    assert code == 0 and out.startswith("scan.interval_s = 1.0 s (was 2.4 s; saved to")


def test_the_main_voice_cannot_be_turned_off(capsys: pytest.CaptureFixture[str]) -> None:
    """A volume of 0 silenced the patient with no word on screen (their words were spoken to
    nobody); the quietest is 0.1."""
    code, _, err = run(capsys, "set", "speech.volume", "0")
    assert code == 1 and "speech.volume: 0 is outside the allowed range, 0.1 to 1" in err
    assert not profile_path("default").exists()
    assert run(capsys, "set", "speech.volume", "0.1")[0] == 0


def test_the_nurse_call_hold_cannot_be_set_to_no_hold(capsys: pytest.CaptureFixture[str]) -> None:
    """A 0 s alarm hold made every press on the nurse call (and Clear) count at once, which
    the longer hold is there to stop (CLINICAL.md); the shortest is 1 s."""
    code, _, err = run(capsys, "set", "scan.alarm_hold_s", "0")
    assert code == 1 and "scan.alarm_hold_s: 0 is outside the allowed range, 1 to 5 s" in err
    assert not profile_path("default").exists()
    assert run(capsys, "set", "scan.alarm_hold_s", "1")[0] == 0


def test_a_mistyped_profile_is_refused_with_a_suggestion_and_nothing_is_created(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """``set --profile ana`` for Anna's profile made a new profile 'ana' in silence: the change
    was lost for Anna, and the board ran her with defaults."""
    run(capsys, "set", "scan.interval_s", "1.5", "--profile", "anna", "--create")
    code, out, err = run(capsys, "set", "scan.interval_s", "2", "--profile", "ana")
    assert (code, out) == (1, "")
    assert "there is no profile 'ana' (did you mean 'anna'?); nothing was saved" in err
    assert "add --create" in err
    assert not profile_path("ana").exists()
    code, _, err = run(capsys, "reset", "--profile", "Anna")
    assert code == 1 and "did you mean 'anna'?" in err and not profile_path("Anna").exists()
    assert load_profile("anna")[0].scan.interval_s == 1.5


def test_a_new_profile_is_made_when_asked_and_the_default_one_needs_no_asking(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "set", "scan.interval_s", "1.5", "--profile", "bob", "--create")
    assert code == 0 and out == f"scan.interval_s = 1.5 s (saved to {profile_path('bob')})\n"
    assert run(capsys, "set", "scan.interval_s", "1.6", "--profile", "bob")[0] == 0
    assert run(capsys, "set", "scan.interval_s", "1.2")[0] == 0  # 'default', never saved before
    assert load_profile("default")[0].scan.interval_s == 1.2


def test_a_patient_with_records_but_no_saved_settings_is_a_known_profile(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from commboard.history import profile_folder

    profile_folder("carl").mkdir(parents=True)  # `commboard run --profile carl` kept his words
    assert run(capsys, "set", "scan.interval_s", "1.5", "--profile", "carl")[0] == 0
    code, _, err = run(capsys, "set", "scan.interval_s", "1.5", "--profile", "karl")
    assert code == 1 and "did you mean 'carl'?" in err
