"""Input scripts drive the running board: carer keys reach it, bad key names stop it first."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commboard.cli import main


def test_a_scripted_escape_opens_the_carer_menu_and_r_resumes(tmp_path: Path) -> None:
    script = tmp_path / "carer.txt"
    script.write_text("1 key escape\n3 key r\n", encoding="utf-8")
    log = tmp_path / "events.jsonl"
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
    argv += ["--history", str(tmp_path / "h.jsonl"), "--event-log", str(log)]
    assert main([*argv, "--input-script", str(script), "--max-seconds", "5"]) == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    seen = [(r["t"], r["type"], r.get("name") or r.get("event")) for r in records]
    assert (1.0, "screen", "CarerMenu") in seen
    assert (3.0, "scan", "resumed") in seen


def test_an_unknown_key_name_stops_before_the_board_starts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "carer.txt"
    script.write_text("1 key escapee\n", encoding="utf-8")
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
    assert main([*argv, "--history", str(tmp_path / "h.jsonl"), "--input-script", str(script)]) == 2
    assert "no key is called 'escapee'" in capsys.readouterr().err


@pytest.mark.parametrize("time", ["nan", "inf"])
def test_a_time_that_is_not_finite_stops_a_virtual_clock_run_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], time: str
) -> None:
    # nan used to hang the run (its event never came); inf wrote Infinity into the log.
    script = tmp_path / "taps.txt"
    script.write_text(f"1 down select\n{time} up select\n", encoding="utf-8")
    log = tmp_path / "events.jsonl"
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
    argv += ["--history", str(tmp_path / "h.jsonl"), "--event-log", str(log)]
    assert main([*argv, "--input-script", str(script)]) == 2
    assert f"taps.txt, line 2: '{time}' is not a number of seconds" in capsys.readouterr().err
    assert not log.exists(), "the board never started"


def test_an_unknown_huge_key_name_is_not_echoed_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "carer.txt"
    script.write_text("1 key " + "q" * 20_000_000 + "\n", encoding="utf-8")
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
    assert main([*argv, "--history", str(tmp_path / "h.jsonl"), "--input-script", str(script)]) == 2
    err = capsys.readouterr().err
    assert "no key is called 'qqq" in err and len(err) < 300
