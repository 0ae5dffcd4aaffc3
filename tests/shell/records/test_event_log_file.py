"""The event log appends, is private, and can never be the history or a profile.

Issue 8 item 3: the log was created 0644 although it holds the patient's
words, a second run with the same ``--event-log`` truncated the first, and
pointing it at the history file truncated the history.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from commboard.cli import main

RUN = ["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none"]
RUN += ["--max-seconds", "2"]


@pytest.fixture(autouse=True)
def private_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (the default history's) in ``tmp_path``."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def test_a_second_run_appends_to_the_log_and_the_log_is_private(tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    history = ["--history", str(tmp_path / "h.jsonl")]
    assert main([*RUN, *history, "--event-log", str(log)]) == 0
    log.chmod(0o644)  # as an earlier version left it
    assert main([*RUN, *history, "--event-log", str(log)]) == 0
    types = [json.loads(line)["type"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert types.count("start") == 2 and types.count("stop") == 2
    assert types[0] == "start" and types[-1] == "stop"
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def test_a_new_log_is_created_private(tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    assert main([*RUN, "--history", str(tmp_path / "h.jsonl"), "--event-log", str(log)]) == 0
    assert stat.S_IMODE(log.stat().st_mode) == 0o600


def refused(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(argv) == 2
    return capsys.readouterr().err.strip()


def test_the_history_file_is_refused_and_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    history = tmp_path / "h.jsonl"
    said = b'{"time": "2025-03-01T12:00:00+01:00", "text": "Yes", "page": "home"}\n'
    history.write_bytes(said)
    err = refused([*RUN, "--history", str(history), "--event-log", str(history)], capsys)
    assert err == (
        f"commboard: --event-log {history} is the history file given to --history; "
        "choose another file"
    )
    link = tmp_path / "innocent.jsonl"
    link.symlink_to(history)
    err = refused([*RUN, "--history", str(history), "--event-log", str(link)], capsys)
    assert "is the history file" in err
    assert history.read_bytes() == said


def test_the_users_own_history_is_refused_even_in_a_test_run(
    private_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = private_data / "commboard" / "history.jsonl"
    argv = [*RUN, "--history", str(tmp_path / "h.jsonl"), "--event-log", str(real)]
    err = refused(argv, capsys)
    assert err == f"commboard: --event-log {real} is the history file; choose another file"
    assert not real.parent.exists()


def test_the_access_log_and_the_learned_words_are_refused_and_left_as_they_were(
    private_data: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    access = tmp_path / "access.jsonl"
    access.write_bytes(b'{"at": "2026-03-01T12:00:00", "type": "select"}\n')
    argv = [*RUN, "--history", str(tmp_path / "h.jsonl"), "--access-log", str(access)]
    err = refused([*argv, "--event-log", str(access)], capsys)
    assert err == f"commboard: --event-log {access} is the access log; choose another file"
    assert access.read_bytes() == b'{"at": "2026-03-01T12:00:00", "type": "select"}\n'
    words = private_data / "commboard" / "profiles" / "default" / "words.json"
    err = refused([*RUN, "--history", str(tmp_path / "h.jsonl"), "--event-log", str(words)], capsys)
    assert err == f"commboard: --event-log {words} is the learned words file; choose another file"
    assert not words.exists()


def test_a_profile_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["settings", "set", "scan.interval_s", "2"]) == 0
    profile = tmp_path / "config" / "profiles" / "default.yaml"
    before = profile.read_bytes()
    for target in (profile, profile.parent / "anna.yaml"):
        argv = [*RUN, "--history", str(tmp_path / "h.jsonl"), "--event-log", str(target)]
        assert "is in the profiles folder; choose another file" in refused(argv, capsys)
    assert profile.read_bytes() == before
    assert not (profile.parent / "anna.yaml").exists()


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = [*RUN, "--history", str(tmp_path / "h.jsonl"), "--event-log", str(tmp_path)]
    assert (
        refused(argv, capsys) == f"commboard: --event-log {tmp_path} is a folder; give a file name"
    )


def test_a_path_too_long_for_the_system_never_stops_the_board_starting(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--layout`` (or ``--event-log``) of 5000 characters: the check that the log is not the
    layout asked ``is_dir()``, which raised 'File name too long': a traceback and no board."""
    log = tmp_path / "events.jsonl"
    too_long = str(tmp_path / ("a" * 5000))
    history = ["--history", str(tmp_path / "h.jsonl")]
    assert main([*RUN, *history, "--event-log", str(log), "--layout", too_long]) == 0
    assert "layout problem:" in capsys.readouterr().err  # and the default layout is used
    types = [json.loads(line)["type"] for line in log.read_text(encoding="utf-8").splitlines()]
    assert types[0] == "start" and types[-1] == "stop"
    # A log that cannot be opened leaves the board running (issue 8): it ran its 2 s.
    assert main([*RUN, *history, "--event-log", too_long]) == 0
