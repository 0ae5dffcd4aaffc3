"""Profiles on disk: what a therapist sees when a file is out of range, old, corrupt or half-saved."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from commboard.settings import Auditory, ScanPattern, Settings
from commboard.settings.fields import SETTINGS_VERSION, get
from commboard.settings.profiles import (
    ENV_CONFIG_DIR,
    ProfileNameError,
    load_profile,
    profile_path,
    save_profile,
)
from commboard.settings.values import SettingsProblem, with_value


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own config dir; nothing ever touches the real home config."""
    cfg = tmp_path / "cfg"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(cfg))
    return cfg


def write_profile(name: str, text: str) -> Path:
    path = profile_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_missing_profile_is_defaults_without_problems() -> None:
    settings, problems = load_profile("anna")
    assert settings == Settings()
    assert problems == []


def test_save_then_load_gives_the_same_settings_in_private_files(config_dir: Path) -> None:
    s, _ = with_value(Settings(), "scan.interval_s", 1.7)
    s, _ = with_value(s, "scan.pattern", "huffman")
    s, _ = with_value(s, "blink.inverse", True)
    s, _ = with_value(s, "speech.voice", "en-gb # with: odd 'chars'")
    path = save_profile("anna", s)
    assert path == config_dir / "profiles" / "anna.yaml"
    assert load_profile("anna") == (s, [])
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert config_dir.stat().st_mode & 0o777 == 0o700


def test_saved_file_is_readable_yaml_with_help_comments_in_screen_order() -> None:
    text = save_profile("anna", Settings()).read_text()
    assert (
        text.index("scan:") < text.index("blink:") < text.index("speech:") < text.index("display:")
    )
    assert "# Scan interval (s, 0.1 to 10): Time each row" in text
    assert "  interval_s: 1.0\n" in text
    assert "  auditory: 'off'\n" in text  # quoted: a bare off would read back as a boolean


def test_value_above_maximum_is_clamped_with_a_warning_pointing_at_the_line() -> None:
    text = "version: 1\nscan:\n  pattern: linear\n  passes: 20\n"
    path = write_profile("anna", text)
    settings, problems = load_profile("anna")
    assert settings.scan.passes == 10
    assert settings.scan.pattern is ScanPattern.LINEAR
    assert [(p.path, p.line, p.message) for p in problems] == [
        (path, 4, "scan.passes 20 is above the maximum 10; using 10")
    ]
    assert problems[0].severity == "warning"


def test_value_below_minimum_is_clamped() -> None:
    write_profile("anna", "scan:\n  passes: 0\n")
    settings, problems = load_profile("anna")
    assert settings.scan.passes == 1
    assert [p.message for p in problems] == ["scan.passes 0 is below the minimum 1; using 1"]


@pytest.mark.parametrize(
    ("key", "typo", "default"),
    [
        ("scan.acceptance_s", "-1", 0.3),
        ("scan.interval_s", "-5", 1.0),
        ("scan.interval_s", "99", 1.0),
        ("scan.alarm_hold_s", "-1", 2.0),
        ("scan.alarm_hold_s", "0", 2.0),  # 0: every press on the nurse call would call
        ("scan.alarm_hold_s", "0.5", 2.0),  # no longer than the blink hold itself
        ("blink.hold_s", "50", 0.5),
        ("blink.refractory_s", "-0.5", None),
        ("speech.volume", "-1", 1.0),  # not 0: a typo must not silence the patient
        ("speech.volume", "0", 1.0),
        ("speech.cue_volume", "0", 0.5),  # auditory scanning's prompts, for who cannot see
    ],
)
def test_a_safety_value_out_of_range_falls_back_to_its_default_not_an_extreme(
    key: str, typo: str, default: float | None
) -> None:
    group, name = key.split(".")
    path = write_profile("anna", f"{group}:\n  {name}: {typo}\n")
    settings, problems = load_profile("anna")
    expected = Settings()
    assert get(settings, key) == get(expected, key)  # the default, whatever it is
    if default is not None:
        assert get(settings, key) == default
    assert len(problems) == 1 and (problems[0].path, problems[0].line) == (path, 2)
    assert "outside the allowed range" in problems[0].message
    assert "using the default" in problems[0].message


def test_wrong_types_are_reported_and_the_default_used() -> None:
    text = (
        "scan:\n  interval_s: fast\n  passes: 2.5\n  pattern: spiral\n"
        "blink:\n  inverse: maybe\ndisplay:\n  highlight_color: yellow\n"
    )
    write_profile("anna", text)
    settings, problems = load_profile("anna")
    assert settings == Settings()
    by_line = {p.line: p.message for p in problems}
    assert by_line[2] == (
        "scan.interval_s: expected a number in s from 0.1 to 10, not 'fast'; using the default 1.0"
    )
    assert "whole number" in by_line[3]
    assert "expected one of linear, row_column, column_row, block, huffman" in by_line[4]
    assert "scan.pattern" in by_line[4]
    assert "expected yes or no" in by_line[6]
    assert "colour like #ffd400" in by_line[8]


def test_bare_yaml_off_is_read_as_the_choice_off() -> None:
    write_profile("anna", "scan:\n  auditory: off\n")
    settings, problems = load_profile("anna")
    assert settings.scan.auditory is Auditory.OFF
    assert problems == []


def test_unknown_fields_are_reported_and_kept_across_save() -> None:
    text = (
        "version: 1\nscan:\n  interval_s: 2.0\n  tremor_filter_s: 0.2\n"
        "tracker:\n  dwell_s: 1.25\n  targets: [left, right]\n"
    )
    path = write_profile("anna", text)
    settings, problems = load_profile("anna")
    assert settings.scan.interval_s == 2.0
    assert [(p.line, p.severity) for p in problems] == [(4, "warning"), (5, "warning")]
    assert "scan.tremor_filter_s" in problems[0].message and "kept" in problems[0].message
    assert "'tracker'" in problems[1].message

    changed, _ = with_value(settings, "scan.interval_s", 2.5)
    save_profile("anna", changed)
    reread, again = load_profile("anna")
    assert reread.scan.interval_s == 2.5
    assert dict(reread.unknown) == {
        "scan.tremor_filter_s": 0.2,
        "tracker": {"dwell_s": 1.25, "targets": ["left", "right"]},
    }
    assert len(again) == 2
    saved = path.read_text()
    assert saved.index("tremor_filter_s") < saved.index("blink:")  # stays in its section


def test_duplicate_keys_are_reported() -> None:
    write_profile("anna", "scan:\n  interval_s: 2.0\n  interval_s: 3.0\n")
    settings, problems = load_profile("anna")
    assert settings.scan.interval_s == 3.0
    assert [(p.line, "twice" in p.message) for p in problems] == [(3, True)]


def test_version_0_flat_file_is_migrated_and_rewritten_on_save() -> None:
    old = (
        "scan_interval_ms: 1500\nblink_hold_ms: 700\nscan_pattern: row-column\nvolume_percent: 80\n"
    )
    old += "acceptance_ms: 9000\ntheme: dark\n"
    path = write_profile("anna", old)
    settings, problems = load_profile("anna")
    assert settings.scan.interval_s == 1.5
    assert settings.blink.hold_s == 0.7
    assert settings.scan.pattern is ScanPattern.ROW_COLUMN
    assert settings.speech.volume == 0.8
    assert settings.scan.acceptance_s == 0.3  # 9 s is a typo: the default, not the 2 s limit
    messages = {p.line: p.message for p in problems}
    assert "version 0" in messages[None]
    # a problem found after migration still points at the line the therapist wrote
    assert messages[line_of(old, "acceptance_ms")] == (
        "scan.acceptance_s: 9 is outside the allowed range, 0 to 2 s; using the default 0.3 s, "
        "not the nearest limit (a safety setting)"
    )
    assert "'theme'" in messages[line_of(old, "theme")]

    save_profile("anna", settings)
    assert path.with_name("anna.yaml.bak").read_text() == old
    reread, again = load_profile("anna")
    assert reread == settings
    assert [p.message for p in again] == [m for k, m in messages.items() if "theme" in m]
    assert f"version: {SETTINGS_VERSION}\n" in path.read_text()


def test_file_from_a_newer_version_is_used_as_far_as_known() -> None:
    write_profile("anna", "version: 7\nscan:\n  interval_s: 1.2\n  eye_tracker: on\n")
    settings, problems = load_profile("anna")
    assert settings.scan.interval_s == 1.2
    assert "newer commboard" in problems[0].message
    assert dict(settings.unknown) == {"scan.eye_tracker": True}


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("version: 1\nscan:\n  interval_s: [1.0\n  passes: 3\n", 4),
        ("scan:\n  interval_s: 1.0\n\tpasses: 3\n", 3),
        ("- just\n- a list\n", 1),
    ],
)
def test_corrupt_file_is_reported_with_line_left_untouched_and_defaults_used(
    text: str, line: int
) -> None:
    path = write_profile("anna", text)
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    before = path.read_bytes(), path.stat().st_mtime_ns
    settings, problems = load_profile("anna")
    assert settings == Settings()
    assert len(problems) == 1
    assert (problems[0].path, problems[0].line, problems[0].severity) == (path, line, "error")
    assert "default settings" in problems[0].message
    assert str(problems[0]).startswith(f"{path}:{line}: ")
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["anna.yaml"]


def test_file_that_is_not_text_or_not_a_file_never_raises() -> None:
    write_profile("anna", "")
    profile_path("anna").write_bytes(b"scan:\n  voice: \xff\xfe\n")
    settings, problems = load_profile("anna")
    assert settings == Settings() and problems[0].severity == "error"
    profile_path("bob").mkdir(parents=True)
    settings, problems = load_profile("bob")
    assert settings == Settings() and problems[0].severity == "error"


def test_empty_file_is_defaults_with_a_note() -> None:
    write_profile("anna", "")
    settings, problems = load_profile("anna")
    assert settings == Settings()
    assert [p.message for p in problems] == ["the file is empty; using default settings"]


def test_saving_over_a_corrupt_file_keeps_it_aside_first() -> None:
    path = save_profile("anna", Settings())
    good = path.read_bytes()
    save_profile("anna", Settings())  # .bak now holds a good file
    path.write_text("scan: [unclosed\n")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    notes: list[SettingsProblem] = []
    s, _ = with_value(Settings(), "scan.interval_s", 3)
    save_profile("anna", s, notes=notes)
    aside = path.with_name("anna.yaml.corrupt-1")
    assert aside.read_text() == "scan: [unclosed\n"
    assert aside.stat().st_mtime_ns == 2_000_000_000
    assert path.with_name("anna.yaml.bak").read_bytes() == good  # not replaced by the corrupt one
    assert "anna.yaml.corrupt-1" in notes[0].message
    assert load_profile("anna") == (s, [])
    path.write_text("scan: [again\n")
    save_profile("anna", s)
    assert path.with_name("anna.yaml.corrupt-2").read_text() == "scan: [again\n"
    assert aside.read_text() == "scan: [unclosed\n"


def test_the_copy_of_an_unreadable_profile_is_private_even_if_the_original_was_not() -> None:
    path = save_profile("anna", Settings())
    path.write_text("scan: [unclosed\n")
    os.chmod(path, 0o644)  # hand-edited, readable by everyone
    save_profile("anna", Settings())
    aside = path.with_name("anna.yaml.corrupt-1")
    assert aside.read_text() == "scan: [unclosed\n"
    assert aside.stat().st_mode & 0o777 == 0o600  # the name may be the patient's
    assert path.stat().st_mode & 0o777 == 0o600


def test_every_save_keeps_the_previous_file_as_backup() -> None:
    first, _ = with_value(Settings(), "scan.interval_s", 1.5)
    second, _ = with_value(Settings(), "scan.interval_s", 2.5)
    path = save_profile("anna", first)
    first_bytes = path.read_bytes()
    assert not path.with_name("anna.yaml.bak").exists()
    save_profile("anna", second)
    assert path.with_name("anna.yaml.bak").read_bytes() == first_bytes
    assert load_profile("anna")[0] == second


@pytest.mark.parametrize("fail_backup_too", [False, True])
def test_crash_between_write_and_rename_leaves_the_old_file_intact(
    monkeypatch: pytest.MonkeyPatch, fail_backup_too: bool
) -> None:
    old, _ = with_value(Settings(), "scan.interval_s", 1.5)
    path = save_profile("anna", old)
    old_bytes = path.read_bytes()
    real_replace = os.replace

    def crash(src: str, dst: str) -> None:
        if Path(dst) == path or fail_backup_too:
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    new, _ = with_value(Settings(), "scan.interval_s", 4.0)
    with monkeypatch.context() as m, pytest.raises(OSError, match="No space"):
        m.setattr(os, "replace", crash)
        save_profile("anna", new)
    assert path.read_bytes() == old_bytes
    assert load_profile("anna")[0] == old
    leftovers = {p.name for p in path.parent.iterdir()} - {"anna.yaml", "anna.yaml.bak"}
    assert leftovers == set()  # no half-written temp files


@pytest.mark.parametrize("name", ["", "../evil", "a b", "anna.yaml", "x" * 65, "CON", "zoë"])
def test_unsafe_profile_names_are_refused(name: str) -> None:
    with pytest.raises(ProfileNameError, match="letters"):
        profile_path(name)
    with pytest.raises(ProfileNameError):
        save_profile(name, Settings())
    settings, problems = load_profile(name)
    assert settings == Settings()
    assert problems[0].severity == "error" and "letters" in problems[0].message


@pytest.mark.parametrize("name", ["anna", "Bed-12_night", "7"])
def test_safe_profile_names_are_accepted(name: str, config_dir: Path) -> None:
    assert profile_path(name) == config_dir / "profiles" / f"{name}.yaml"


def test_explicit_config_dir_beats_the_environment(tmp_path: Path) -> None:
    other = tmp_path / "other"
    s, _ = with_value(Settings(), "scan.passes", 5)
    path = save_profile("anna", s, config_dir=other)
    assert path == other / "profiles" / "anna.yaml"
    assert load_profile("anna", config_dir=other)[0] == s
    assert load_profile("anna")[0] == Settings()


def test_a_profile_calibrated_before_looks_were_read_against_the_nose_is_made_safe_and_said() -> (
    None
):
    """A version-1 calibration of 0.05 (eye-corner units) would count resting jitter as looks up/down."""
    old = "version: 1\ngaze:\n  vertical_distance: 0.05\n  hold_s: 0.6\n"
    path = write_profile("anna", old)
    settings, problems = load_profile("anna")
    assert settings.gaze.vertical_distance == 0.07
    assert settings.gaze.hold_s == 0.6
    assert [p.path for p in problems] == [path]
    assert "calibrate looks again" in problems[0].message
    assert path.read_text() == old  # reading never writes; the next save keeps it as .bak
    save_profile("anna", settings)
    assert path.with_name("anna.yaml.bak").read_text() == old
    reread, again = load_profile("anna")
    assert reread.gaze.vertical_distance == 0.07 and again == []


def test_a_profile_nested_too_deeply_is_reported_not_raised() -> None:
    """`[[[[...` 100 000 deep: the parser's recursion error escaped `commboard settings show`."""
    path = write_profile("deep", "scan:\n  interval_s: " + "[" * 100_000 + "\n")
    settings, problems = load_profile("deep")
    assert settings == Settings()
    assert [(p.severity, p.line) for p in problems] == [("error", None)]
    assert "nested too deeply" in problems[0].message and problems[0].path == path


def test_a_profile_with_a_number_thousands_of_digits_long_is_reported_with_its_line() -> None:
    """YAML's int() raises a plain ValueError past Python's 4300-digit limit: the profile was
    reported without its path or line, with the whole Python message, and every save (the
    settings screen, `commboard settings set`) failed on it, so it could not be put right."""
    from commboard.settings.profiles import save_profile

    path = write_profile(
        "long", "speech:\n  volume: 0.8\nscan:\n  interval_s: " + "9" * 5000 + "\n"
    )
    settings, problems = load_profile("long")
    assert settings == Settings()
    assert [(p.severity, p.path, p.line) for p in problems] == [("error", path, 4)]
    assert "thousands of digits" in problems[0].message and len(str(problems[0])) < 300
    text = path.read_text(encoding="utf-8")
    notes: list[SettingsProblem] = []
    save_profile("long", Settings(), notes=notes)  # the therapist's fix is saved
    assert path.with_name("long.yaml.corrupt-1").read_text(encoding="utf-8") == text
    assert load_profile("long") == (Settings(), [])


def test_a_profile_that_multiplies_itself_with_aliases_is_refused_in_a_short_message() -> None:
    """Nine aliases of nine aliases, eight times over: 43 million values from 400 bytes.  The
    message quoted the whole value (hundreds of megabytes), for the terminal and the banner."""
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    lines += [f"a{i}: &a{i} [{','.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 8)]
    text = "\n".join([*lines, "scan:", "  interval_s: *a7", ""])
    write_profile("bomb", text)
    settings, problems = load_profile("bomb")
    assert settings == Settings()
    assert [(p.severity, p.line) for p in problems] == [("error", 2)]
    assert "anchors and aliases" in problems[0].message
    assert len(str(problems[0])) < 300


def test_a_huge_wrong_value_is_quoted_short() -> None:
    write_profile(
        "long", f"scan:\n  pattern: {'x' * 2_000_000}\n  interval_s: [{'1,' * 50_000}1]\n"
    )
    _, problems = load_profile("long")
    assert len(problems) == 2
    assert all(len(str(p)) < 300 for p in problems), [len(str(p)) for p in problems]
    assert "expected one of" in problems[0].message and "'xxxx" in problems[0].message
