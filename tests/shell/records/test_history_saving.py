"""A history that cannot be written is said at once, and the patient's words wait in memory.

Issue 8 item 2: with the data folder read-only or full, the words were
spoken and shown but never reached the history, with no banner and no
record.  Now the banner "What you say is not being saved: <reason>" goes up
on the next frame, an ``error`` record is written, and the kept statements
are written in order, with the time they were said, when the file works.
"""

from __future__ import annotations

import errno
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from commboard.cli import main
from commboard.effects import Speak
from commboard.events import Source
from commboard.history import History
from commboard.shell.loop import BoardLoop
from commboard.shell.records.history_writer import RETRY_S, HistoryWriter
from commboard.shell.screens.carer_menu.carer_menu import QuitConfirm
from commboard.testing import FailingLineFile

CET = timezone(timedelta(hours=1))


def ticking_clock() -> Callable[[], datetime]:
    """Calendar time one minute further at each call."""
    minutes = iter(range(1000))
    return lambda: datetime(2025, 3, 1, 12, next(minutes), tzinfo=CET)


def wait_for(condition: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 5
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def say(loop: BoardLoop, text: str, cell: int) -> None:
    loop.performer.perform([Speak(loop.now, text, "home", cell, Source.KEYBOARD)])


def banner_texts(loop: BoardLoop) -> dict[str, str]:
    return {b.key: b.text for b in loop.chrome.chrome("", loop.now).banners}


def test_a_read_only_history_is_shown_at_once_and_the_words_are_saved_later_in_order(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    loop = start_board(draw=False)
    disk = FailingLineFile(errno.EROFS)
    disk.fail_now()
    path = tmp_path / "data" / "history.jsonl"
    loop.p.history = HistoryWriter(History(path, wall_clock=ticking_clock(), file=disk))
    loop.safe_frame(loop.now)

    say(loop, "I am in pain", 2)
    say(loop, "Yes", 0)
    wait_for(lambda: loop.p.history is not None and loop.p.history.status().problem is not None)
    loop.safe_frame(loop.now + 0.1)  # the next frame

    reason = f"the disk is read-only ({path})"
    assert banner_texts(loop)["history-save"] == (
        f"What you say is not being saved: {reason}. "
        "2 statements are kept and will be saved when it works again."
    )
    assert disk.data == b""

    disk.heal()
    loop.safe_frame(loop.now + RETRY_S)  # a retry is asked for
    wait_for(lambda: loop.p.history is not None and loop.p.history.status().unsaved == 0)
    loop.safe_frame(loop.now + 0.1)

    saved = disk.lines()
    assert [(r["text"], r["cell"]) for r in saved] == [("I am in pain", 2), ("Yes", 0)]
    assert [r["time"] for r in saved] == ["2025-03-01T12:00:00+01:00", "2025-03-01T12:01:00+01:00"]
    assert "history-save" not in banner_texts(loop)
    assert banner_texts(loop)["notice"] == "What you say is being saved again."
    app_close(loop)
    log = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    errors = [r for r in log if r["type"] == "error"]
    assert errors == [
        {"t": errors[0]["t"], "type": "error", "source": "history", "message": reason}
    ]
    resumed = [r for r in log if r["type"] == "writing_resumed"]
    assert resumed == [
        {"t": resumed[0]["t"], "type": "writing_resumed", "source": "history", "kept": 2,
         "dropped": 0}
    ]  # fmt: skip


def app_close(loop: BoardLoop) -> None:
    from commboard.shell import app

    app.close(loop)


def test_statements_still_unsaved_at_the_end_are_counted_on_stderr(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "taps.txt"
    script.write_text(
        "0.5 click 163 320\n1.0 click 532 164\n", encoding="utf-8"
    )  # Pain, then "I am in pain"
    code = main(["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none",
                 "--max-seconds", "3", "--history", "/dev/full", "--input-script", str(script),
                 "--event-log", str(tmp_path / "events.jsonl")])  # fmt: skip
    assert code == 0
    err = capsys.readouterr().err
    assert "1 statement could not be saved to the history: the disk is full (/dev/full)" in err
    # ...and the statement is not lost: it waits in a private file of its own
    (rescued,) = (tmp_path / "config" / "unsaved").glob("unsaved-statements-*.jsonl")
    assert f"they are kept in {rescued}" in err
    assert rescued.stat().st_mode & 0o777 == 0o600
    (line,) = [json.loads(x) for x in rescued.read_text(encoding="utf-8").splitlines()]
    assert line["text"] == "I am in pain" and line["source"] == "mouse"
    log = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert [r for r in log if r["type"] == "speak"]
    assert any(r["type"] == "error" and r["source"] == "history" for r in log)
    banners = [r for r in log if r["type"] == "banner"]
    assert banners == []  # the failure is found while running, not before


def test_a_writer_that_fails_keeps_lines_in_order_until_a_retry_succeeds() -> None:
    disk = FailingLineFile(errno.ENOSPC)
    writer = HistoryWriter(History(Path("/h/history.jsonl"), wall_clock=ticking_clock(), file=disk))
    writer("one", "home", "keyboard", 0)
    wait_for(lambda: disk.attempts == 1)
    disk.fail_now()
    writer("two", "home", "keyboard", 1)
    writer("three", "home", "keyboard", 2)
    wait_for(lambda: writer.status().problem is not None)
    assert writer.status().problem == "the disk is full (/h/history.jsonl)"
    writer.retry(0.0)
    wait_for(lambda: disk.attempts == 3)
    writer.retry(1.0)  # too soon: no attempt
    writer("four", "home", "keyboard", 3)  # queued behind the kept ones, not tried alone
    disk.heal()
    time.sleep(0.05)
    assert disk.attempts == 3 and writer.status().unsaved == 3
    writer.retry(RETRY_S)
    wait_for(lambda: writer.status().unsaved == 0)
    assert [r["text"] for r in disk.lines()] == ["one", "two", "three", "four"]
    assert writer.status().problem is None and writer.status().written_late == 3
    assert writer.close().unsaved == 0


def test_quitting_while_statements_wait_says_they_will_be_lost(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    """The banner promises the kept statements "will be saved when it works again"; a
    carer who then quits loses them, and the quit question said nothing about it."""
    loop = start_board(draw=False)
    disk = FailingLineFile(errno.ENOSPC)
    disk.fail_now()
    path = tmp_path / "data" / "history.jsonl"
    loop.p.history = HistoryWriter(History(path, wall_clock=ticking_clock(), file=disk))
    loop.safe_frame(loop.now)
    assert "statement" not in QuitConfirm(loop).title  # nothing waits: the usual question

    say(loop, "I am in pain", 2)
    wait_for(lambda: loop.p.history is not None and loop.p.history.status().problem is not None)
    title = QuitConfirm(loop).title
    assert title.startswith("Quit? The patient cannot speak or call for help while it is closed.")
    assert f"1 statement the patient made is not saved yet (the disk is full ({path}))" in title
    assert "quitting now leaves it out of the history" in title


def test_statements_rescued_at_the_end_go_to_the_first_place_that_takes_them(
    tmp_path: Path,
) -> None:
    from commboard.shell.records.run_files import rescue_statements

    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    lines = [b'{"text": "yes"}\n', b'{"text": "call my sister"}\n']
    path = rescue_statements(lines, [blocked / "unsaved", tmp_path / "tmp"])
    assert path is not None and path.parent == tmp_path / "tmp"
    assert path.read_bytes() == b"".join(lines)  # as the history would have had them, in order
    again = rescue_statements(lines, [tmp_path / "tmp", tmp_path / "other"])
    assert again is not None and again != path  # never over another run's file
    assert path.read_bytes() == b"".join(lines)
    assert rescue_statements([], [tmp_path / "tmp"]) is None
    assert rescue_statements(lines, [blocked / "unsaved"]) is None
