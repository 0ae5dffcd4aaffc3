"""The access log: every event record minus the patient's words, private, rotated by size."""

from __future__ import annotations

import json
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

from commboard.cli import main
from commboard.shell.records.access_log import AccessLog, rotated_files
from commboard.testing import TWO_PAGE_LAYOUT

T0 = datetime(2026, 3, 1, 8, 0, tzinfo=timezone(timedelta(hours=1)))


def test_words_are_left_out_and_steps_folded_into_the_selection(tmp_path: Path) -> None:
    log = AccessLog(tmp_path / "p" / "access.jsonl", lambda: T0)
    log.add({"t": 0.0, "type": "highlight", "cells": [0, 1]})
    log.add({"t": 1.0, "type": "highlight", "cells": []})  # nothing lit: not a step
    log.add({"t": 2.0, "type": "highlight", "cells": [1]})
    log.add({"t": 2.5, "type": "select", "page": "home", "cell": 1, "label": "I don't agree",
             "action": "speak", "source": "blink"})  # fmt: skip
    log.add({"t": 2.5, "type": "speak", "text": "I don't agree", "page": "home", "cell": 1})
    log.close()
    path = tmp_path / "p" / "access.jsonl"
    lines = [json.loads(x) for x in path.read_text("utf-8").splitlines()]
    assert lines == [
        {"t": 2.5, "type": "select", "page": "home", "cell": 1, "action": "speak",
         "source": "blink", "steps": 2, "at": "2026-03-01T08:00:00.000+01:00"},
        {"t": 2.5, "type": "speak", "page": "home", "cell": 1,
         "at": "2026-03-01T08:00:00.000+01:00"},
    ]  # fmt: skip
    assert "agree" not in path.read_text("utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_it_rotates_by_size_keeping_seven_older_files(tmp_path: Path) -> None:
    path = tmp_path / "access.jsonl"
    log = AccessLog(path, lambda: T0, max_bytes=1000)
    for k in range(300):
        log.add({"t": float(k), "type": "switch", "source": "keyboard", "accepted": True})
    log.close()
    files = rotated_files(path)
    assert [p.name for p in files] == [f"access.jsonl.{n}" for n in (7, 6, 5, 4, 3, 2, 1)] + [
        "access.jsonl"
    ]
    assert all(p.stat().st_size <= 1000 for p in files)
    last = [json.loads(x)["t"] for x in path.read_text("utf-8").splitlines()]
    assert last[-1] == 299.0  # the newest lines are in access.jsonl


def test_a_log_that_cannot_be_written_never_stops_the_board(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    log = AccessLog(blocker / "access.jsonl", lambda: T0)  # its folder is a file
    log.add({"t": 0.0, "type": "stop"})
    assert log.dropped == 1 and log.problem is not None


def test_the_running_board_keeps_an_access_log_without_words(tmp_path: Path) -> None:
    layout = tmp_path / "board.yaml"
    layout.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    script = tmp_path / "clicks.txt"
    script.write_text("1.0 click 320 520\n", encoding="utf-8")  # row 2, column 1: "Thank you"
    access = tmp_path / "access.jsonl"
    args = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none",
            "--layout", str(layout), "--input-script", str(script), "--max-seconds", "3",
            "--access-log", str(access), "--start-time", "2026-03-01T08:00:00+01:00"]  # fmt: skip
    assert main(args) == 0
    records = [json.loads(x) for x in access.read_text("utf-8").splitlines()]
    assert [r["type"] for r in records[:2]] == ["start", "settings"]
    assert records[1]["interval_s"] == 1.0
    speak = next(r for r in records if r["type"] == "speak")
    assert speak["at"] == "2026-03-01T08:00:01.000+01:00"  # the virtual clock's calendar
    assert "Thank you" not in access.read_text("utf-8")
    assert records[-1]["type"] == "stop"
