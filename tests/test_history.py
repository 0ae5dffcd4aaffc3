"""The utterance history: private, append-only, readable later, robust to damage."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from commboard.history import History, default_path

CET = timezone(timedelta(hours=1))


def clock_at(*moments: datetime):
    it = iter(moments)
    return lambda: next(it)


def noon() -> datetime:
    """A fixed wall clock: the history never reads the real one itself."""
    return datetime(2025, 3, 1, 12, 0, tzinfo=CET)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_records_are_json_lines_with_zoned_wall_clock_time(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    history = History(
        path,
        wall_clock=clock_at(
            datetime(2025, 3, 1, 14, 3, 7, tzinfo=CET), datetime(2025, 3, 1, 14, 5, 0, tzinfo=CET)
        ),
    )
    history.append(
        "I don't agree", page="care", source="keyboard", cell=1, record="decision", confirmed=True
    )
    history.append("Ça fait mal", page="message", source="blink")

    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == [
        {
            "time": "2025-03-01T14:03:07+01:00",
            "text": "I don't agree",
            "page": "care",
            "source": "keyboard",
            "cell": 1,
            "how": "phrase",
            "record": "decision",
            "confirmed": True,
        },
        {
            "time": "2025-03-01T14:05:00+01:00",
            "text": "Ça fait mal",
            "page": "message",
            "source": "blink",
            "cell": None,
            "how": "spelled",
            "record": None,
            "confirmed": False,
        },
    ]
    assert datetime.fromisoformat(json.loads(lines[0])["time"]).utcoffset() == timedelta(hours=1)


def test_naive_clock_is_recorded_with_the_local_offset(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    History(path, wall_clock=lambda: datetime(2025, 6, 1, 9, 0)).append("yes", "home", "mouse", 0)
    stamp = datetime.fromisoformat(json.loads(path.read_text())["time"])
    assert stamp.tzinfo is not None
    assert stamp.replace(tzinfo=None) == datetime(2025, 6, 1, 9, 0)


def test_folder_and_file_are_private_to_the_user(tmp_path: Path) -> None:
    old = os.umask(0o022)  # a typical desktop umask would leave new files world-readable
    try:
        path = tmp_path / "data" / "commboard" / "history.jsonl"
        History(path, wall_clock=noon).append("call my wife", "people", "keyboard", 3)
    finally:
        os.umask(old)
    assert mode(path.parent) == 0o700
    assert mode(path.parent.parent) == 0o700, "every folder made for it: profile names are names"
    assert mode(path) == 0o600


def test_a_widened_file_is_made_private_again_on_the_next_append(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    History(path, wall_clock=noon).append("yes", "home", "keyboard", 0)
    path.chmod(0o644)
    History(path, wall_clock=noon).append("no", "home", "keyboard", 1)
    assert mode(path) == 0o600
    assert len(path.read_text().splitlines()) == 2


def test_default_path_is_in_the_users_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "commboard" / "history.jsonl"
    assert History(wall_clock=noon).path == default_path()


def test_usage_counts_selections_per_page_and_cell(tmp_path: Path) -> None:
    history = History(tmp_path / "h.jsonl", wall_clock=noon)
    for page, cell in [("home", 0), ("home", 0), ("home", 2), ("pain", 5)]:
        history.append("x", page, "keyboard", cell)
    history.append("spelled message", "message", "keyboard")  # no cell: not a cell's weight
    assert history.usage() == {"home": {0: 2.0, 2: 1.0}, "pain": {5: 1.0}}
    assert history.problems == []


def test_missing_file_means_no_usage_and_no_problem(tmp_path: Path) -> None:
    history = History(tmp_path / "nothing-yet.jsonl", wall_clock=noon)
    assert history.usage() == {}
    assert history.problems == []


def test_corrupt_lines_are_reported_with_line_number_and_never_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    good = json.dumps(
        {
            "time": "2025-03-01T14:03:07+01:00",
            "text": "yes",
            "page": "home",
            "source": "keyboard",
            "cell": 0,
        }
    )
    damaged = f"{good}\n{{not json\n[1, 2]\n\n\xff\xfe\n{good}\n".encode("latin-1")
    path.write_bytes(damaged)

    history = History(path, wall_clock=noon)
    assert history.usage() == {"home": {0: 2.0}}
    assert history.problems == [
        f"{path}, line 2: not a history record; skipped",
        f"{path}, line 3: not a history record; skipped",
        f"{path}, line 5: not a history record; skipped",
    ]
    assert path.read_bytes() == damaged


def test_append_after_a_torn_last_line_keeps_the_new_record_whole(tmp_path: Path) -> None:
    path = tmp_path / "h.jsonl"
    path.write_bytes(b'{"time": "2025-03-01T14:0')  # power cut in the middle of a write
    history = History(path, wall_clock=lambda: datetime(2025, 3, 2, 8, 0, tzinfo=CET))
    history.append("good morning", "home", "keyboard", 4)

    assert path.read_bytes().startswith(b'{"time": "2025-03-01T14:0\n')
    assert history.usage() == {"home": {4: 1.0}}
    assert history.problems == [f"{path}, line 1: not a history record; skipped"]


def test_a_file_that_cannot_be_written_raises_and_leaves_no_folder_behind(tmp_path: Path) -> None:
    """The shell's writer keeps the line and says so; History itself only reports the failure."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    history = History(blocker / "history.jsonl", wall_clock=noon)
    with pytest.raises(OSError):
        history.append("yes", "home", "keyboard", 0)
    assert blocker.read_text() == ""


def test_a_device_is_never_read_for_usage() -> None:
    """``--history /dev/full`` (reads as endless zeros) or ``/dev/null``: nothing to learn."""
    for device in ("/dev/full", "/dev/null"):
        history = History(Path(device), wall_clock=noon)
        assert history.usage() == {}
        assert history.problems == []


def test_a_line_nested_too_deeply_is_skipped_and_reported_not_raised(tmp_path: Path) -> None:
    """One such line (a damaged disk, a hostile file) stopped the board from starting: the JSON
    parser's RecursionError escaped the history's usage count."""
    path = tmp_path / "h.jsonl"
    good = json.dumps(
        {"time": "2025-03-01T14:03:07+01:00", "text": "yes", "page": "home", "cell": 0}
    )
    deep = '{"time": "t", "text": "x", "page": "home", "deep": ' + "[" * 50_000 + "]" * 50_000 + "}"
    path.write_text(f"{deep}\n{good}\n", encoding="utf-8")
    history = History(path, wall_clock=noon)
    assert history.usage() == {"home": {0: 1.0}}
    assert history.problems == [f"{path}, line 1: not a history record; skipped"]


def test_a_line_with_a_number_thousands_of_digits_long_is_skipped_not_raised(
    tmp_path: Path,
) -> None:
    """json.loads raises a plain ValueError past Python's 4300-digit limit for whole numbers:
    like a line nested too deeply, one such line stopped the board from starting."""
    path = tmp_path / "h.jsonl"
    good = json.dumps(
        {"time": "2025-03-01T14:03:07+01:00", "text": "yes", "page": "home", "cell": 0}
    )
    long = '{"time": "t", "text": "x", "page": "home", "cell": ' + "9" * 5000 + "}"
    path.write_text(f"{long}\n{good}\n", encoding="utf-8")
    history = History(path, wall_clock=noon)
    assert history.usage() == {"home": {0: 1.0}}
    assert history.problems == [f"{path}, line 1: not a history record; skipped"]
