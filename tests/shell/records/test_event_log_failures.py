"""A failing event log never stops the board: one banner, an ``error`` record, every line kept.

Issue 8 item 1: ``--event-log`` in a missing or read-only folder gave a
traceback and no board; a full disk mid-session crashed it with a torn last
line and no ``stop`` record.
"""

from __future__ import annotations

import errno
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from commboard.cli import main
from commboard.control.banners import ChromeState
from commboard.effects import Banner
from commboard.shell.loop import BoardLoop
from commboard.shell.records.event_log import RETRY_S, EventLog
from commboard.testing import FailingLineFile

RUN = ["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none"]


def banners_shown(loop_chrome: ChromeState, key: str) -> list[str]:
    """Wrap ``chrome.show``: the texts of every banner ``key`` put up, in order."""
    shown: list[str] = []
    real = loop_chrome.show

    def show(banner: Banner, now: float, for_s: float | None = None) -> bool:
        if banner.key == key:
            shown.append(banner.text)
        return real(banner, now, for_s)

    loop_chrome.show = show  # type: ignore[method-assign]
    return shown


def test_a_disk_full_mid_session_keeps_the_board_running_and_every_line_whole(
    start_board: Callable[..., BoardLoop],
) -> None:
    loop = start_board("--max-seconds", "40", draw=False)
    disk = FailingLineFile(errno.ENOSPC, failing=range(6, 11))  # full, then freed
    loop.p.event_log = EventLog(Path("/data/events.jsonl"), loop.start, file=disk)
    shown = banners_shown(loop.chrome, "event-log")

    assert loop.run() == "time up"  # the board ran to its end

    records = disk.lines()  # whole lines only: each one parses
    types = [r["type"] for r in records]
    assert types[0] == "start" and types[-1] == "stop"
    assert [r["t"] for r in records] == sorted(r["t"] for r in records)  # kept lines in order
    error = next(r for r in records if r["type"] == "error")
    assert error == {
        "t": error["t"],
        "type": "error",
        "source": "event_log",
        "message": "the disk is full (/data/events.jsonl)",
    }
    resumed = next(r for r in records if r["type"] == "writing_resumed")
    assert resumed["source"] == "event_log" and resumed["kept"] > 5 and resumed["dropped"] == 0
    assert resumed["t"] >= error["t"] + 4 * RETRY_S  # retried until the disk was freed
    highlights = [r["t"] for r in records if r["type"] == "highlight"]
    assert all(b - a < 1.6 for a, b in zip(highlights, highlights[1:], strict=False))  # no gap
    assert shown == [
        "The event log is not being written: the disk is full (/data/events.jsonl). "
        "Its lines are kept and written when it works again."
    ]  # one banner, shown once
    assert "event-log" not in {b.key for b in loop.chrome.chrome("", loop.now).banners}


def test_an_event_log_in_a_missing_folder_leaves_the_board_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "no-such-folder" / "events.jsonl"
    code = main([*RUN, "--max-seconds", "5", "--history", str(tmp_path / "h.jsonl"),
                 "--event-log", str(log)])  # fmt: skip
    assert code == 0
    assert not log.parent.exists()  # no folder is made up
    err = capsys.readouterr().err
    assert "could not be written to the event log: the folder does not exist" in err


def test_an_event_log_on_a_full_device_leaves_the_board_running(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main([*RUN, "--max-seconds", "5", "--history", str(tmp_path / "h.jsonl"),
                 "--event-log", "/dev/full"])  # fmt: skip
    assert code == 0
    assert (
        "could not be written to the event log: the disk is full (/dev/full)"
        in capsys.readouterr().err
    )


def test_a_read_only_log_shows_its_banner_on_the_first_frame(
    start_board: Callable[..., BoardLoop],
) -> None:
    loop = start_board(draw=False)
    disk = FailingLineFile(errno.EROFS)
    disk.fail_now()
    loop.p.event_log = EventLog(Path("/ro/events.jsonl"), loop.start, file=disk)
    loop.p.event_log.record(loop.now, "start")
    loop.safe_frame(loop.now)
    banners = {b.key: b.text for b in loop.chrome.chrome("", loop.now).banners}
    assert banners["event-log"].startswith(
        "The event log is not being written: the disk is read-only (/ro/events.jsonl)."
    )
    assert loop.p.event_log.status().unsaved >= 2  # start and error kept for later
    disk.heal()
    loop.safe_frame(loop.now + RETRY_S)
    lines = disk.lines()
    assert [r["type"] for r in lines][0] == "start"
    assert "error" in [r["type"] for r in lines]
    assert "event-log" not in {b.key for b in loop.chrome.chrome("", loop.now).banners}


def test_a_log_kept_too_long_drops_its_oldest_lines_and_counts_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from commboard.shell.records import event_log

    monkeypatch.setattr(event_log, "MAX_KEPT_LINES", 3)
    disk = FailingLineFile()
    disk.fail_now()
    log = EventLog(Path("x"), 0.0, file=disk)
    for n in range(5):
        log.record(float(n), "highlight", n=n)
    assert log.status().unsaved == 3 and log.status().dropped == 2
    disk.heal()
    log.retry(10.0)
    assert [r["n"] for r in disk.lines()] == [2, 3, 4]
    assert json.loads(disk.data.splitlines()[0])["t"] == 2.0
