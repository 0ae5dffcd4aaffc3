"""End to end on real pixels: the blink film through ``commboard run --camera video:...``.

The vision helper's film (astronaut photo: ten deliberate 1.0-1.3 s closures,
eleven ordinary 0.1-0.3 s blinks, 2 s without a face, +-15 deg tilts,
brightness halved, camera noise) is written as a video, the real board runs
on it headless with a virtual clock, and the event log is scored by
``benchmarks/blink_end_to_end.py``: every long blink must give one accepted
SELECT press from the blink switch, and nothing else may.  About 20 s of CPU.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "blink_end_to_end.py"


def load_bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blink_end_to_end", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_long_blink_selects_and_nothing_else_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "config"))
    bench = load_bench()
    film = tmp_path / "film.avi"
    truth = bench.make_film(film, fps=30.0, seconds=58.0)
    records = bench.run_board(film, tmp_path, 58.0)
    report = bench.score(records, truth)

    assert report["long_blinks"] == 10 and report["short_blinks"] >= 10
    assert report["detected"] == report["long_blinks"], report["missed_at_s"]
    assert report["false_selections"] == 0, report["false_at_s"]
    assert report["blink_presses_not_accepted"] == []
    assert report["cells_selected_by_blink"] >= 4, "long blinks chose rows and then cells"
    assert report["face_lost_pauses"] == 1, "the 2 s without a face paused scanning once"
    assert report["camera_states"][:2] == ["starting", "ok"] and report["errors"] == []
    # The scanner's own record of each press is the one the keyboard produces too.
    press = next(r for r in records if r["type"] == "switch" and r["source"] == "blink")
    assert set(press) >= {"t", "type", "source", "name", "held_s", "accepted"}
    assert press["name"] == "select"
