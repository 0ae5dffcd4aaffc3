"""The running board writes what was said to the history, and Huffman scanning learns from it.

A scripted headless run (the same loop as ``commboard run``) chooses one
phrase three times; the history then counts that cell, and the next start of
the board with the ``huffman`` pattern puts it fewer steps away.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from commboard.cli import main, parse_options
from commboard.history import History
from commboard.scanning.plans import build_plan
from commboard.settings import ScanPattern
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.run_clocks import local_wall_clock
from commboard.testing import TWO_PAGE_LAYOUT

LAYOUT = TWO_PAGE_LAYOUT
# Scan interval 2 s, row-column: row 2 is lit 2.25 s after each cycle starts;
# a press 0.55 s later opens it and a second 1.7 s after that chooses
# "Thank you" (slot 2).  After a choice the next cycle starts 5.8 s on.
THANK_YOU_THRICE = "".join(
    f"{2.8 + k * 5.8:.1f} down select\n{3.2 + k * 5.8:.1f} up select\n"
    f"{4.5 + k * 5.8:.1f} down select\n{4.9 + k * 5.8:.1f} up select\n"
    for k in range(3)
)


def run_args(tmp_path: Path, *extra: str) -> list[str]:
    layout = tmp_path / "board.yaml"
    layout.write_text(LAYOUT, encoding="utf-8")
    return [
        "run",
        "--headless",
        "--virtual-clock",
        "--camera",
        "none",
        "--speech",
        "none",
        "--layout",
        str(layout),
        "--history",
        str(tmp_path / "history.jsonl"),
        *extra,
    ]


def test_phrases_spoken_on_the_board_make_huffman_scanning_reach_them_sooner(
    tmp_path: Path,
) -> None:
    script = tmp_path / "taps.txt"
    script.write_text(THANK_YOU_THRICE, encoding="utf-8")
    code = main(run_args(tmp_path, "--scan-interval", "2", "--input-script", str(script)))
    assert code == 0

    history = History(tmp_path / "history.jsonl", wall_clock=local_wall_clock)
    lines = [json.loads(x) for x in history.path.read_text(encoding="utf-8").splitlines()]
    assert [(h["text"], h["cell"]) for h in lines] == [("Thank you very much", 2)] * 3
    # The shell's wall clock stamps each line with the local offset.
    assert all(datetime.fromisoformat(h["time"]).utcoffset() is not None for h in lines)
    assert history.usage() == {"home": {2: 3.0}}

    # The next start, with Huffman scanning: the board reads the history and uses it.
    assert main(["settings", "set", "scan.pattern", "huffman"]) == 0
    loop = app.build(parse_options(run_args(tmp_path, "--max-seconds", "1")))
    assert isinstance(loop, BoardLoop)
    try:
        assert loop.p.usage == {"home": {2: 3.0}}
        page = loop.session.page
        learnt = build_plan(page, ScanPattern.HUFFMAN, loop.p.usage["home"]).steps()
        fresh = build_plan(page, ScanPattern.HUFFMAN, None).steps()
        assert learnt[2] < fresh[2]
        assert learnt[2] == min(learnt.values())
        loop.safe_frame(loop.p.clock.now())
        assert loop.session.highlighted == (2,)  # the first thing lit is the patient's phrase
    finally:
        app.close(loop)


def test_a_virtual_clock_run_stamps_the_history_from_start_time_moving_with_the_clock(
    tmp_path: Path,
) -> None:
    script = tmp_path / "taps.txt"
    script.write_text(THANK_YOU_THRICE, encoding="utf-8")
    args = run_args(tmp_path, "--scan-interval", "2", "--input-script", str(script))
    assert main([*args, "--start-time", "2026-03-01T08:00:00+01:00"]) == 0
    lines = [json.loads(x) for x in (tmp_path / "history.jsonl").read_text("utf-8").splitlines()]
    times = [datetime.fromisoformat(h["time"]) for h in lines]
    start = datetime.fromisoformat("2026-03-01T08:00:00+01:00")
    # "Thank you" is chosen at 4.9, 10.7 and 16.5 virtual seconds (times kept to the second).
    assert [round((t - start).total_seconds()) for t in times] == [4, 10, 16]


def test_start_time_without_a_virtual_clock_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [a for a in run_args(tmp_path) if a != "--virtual-clock"]
    assert main([*args, "--start-time", "2026-03-01T08:00"]) == 2
    assert "--start-time needs --virtual-clock" in capsys.readouterr().err
