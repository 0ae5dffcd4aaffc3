"""Looks as switches inside the running board: the synthetic face looks, the board selects.

The real board (``shell.app.build``) headless on a virtual clock, with the
synthetic face (real pixels, real MediaPipe) at 15 fps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from commboard.shell.loop import BoardLoop
from commboard.testing import YES_NO_LAYOUT, run_until


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> Callable[..., BoardLoop]:
    return lambda *words: start_board(
        "--camera-fps", "15", *words, layout=YES_NO_LAYOUT, camera=None, draw=True
    )


def records(tmp_path: Path) -> list[dict[str, Any]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_held_look_selects_the_lit_cell_and_a_glance_selects_nothing(
    board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    # "look right" is the image's right: the patient's own left, SELECT by default.
    script = tmp_path / "looks.face"
    script.write_text("2.6  0.25  look right 0.8\n4.0  1.0   look right 0.8\n", encoding="utf-8")
    loop = board("--camera", f"synthetic:{script}", "--access", "gaze_switches")
    assert "looks + blink" in loop.status_text()
    run_until(loop, loop.start + 10.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    gaze = [e for e in events if e["type"] == "gaze"]
    assert [(e["event"], e.get("reason")) for e in gaze] == [("ignored", "glance"), ("look", None)]
    assert gaze[1]["direction"] == "left"
    lit = [e for e in events if e["type"] == "highlight" and e["t"] <= gaze[1]["t"]][-1]
    [chosen] = [e for e in events if e["type"] == "select"]
    assert chosen["source"] == "gaze" and chosen["cell"] == lit["cells"][0]


def test_with_no_camera_looks_fall_back_to_switch_scanning_and_the_status_line_says_so(
    start_board: Callable[..., BoardLoop],
) -> None:
    loop = start_board("--access", "gaze_switches", layout=YES_NO_LAYOUT, camera="none")
    assert "switch: keyboard (looks need the camera)" in loop.status_text()
    assert not loop.session.paused  # the keyboard switch still scans


FOUR = """\
format: 1
name: Four phrases
home: home
pages:
  - id: home
    title: Home
    rows: 2
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Pain"}
      - {label: "Thank you"}
"""


def test_halving_selects_the_intended_phrase_by_looks_alone(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    # Image right = the patient's left: keep {Yes, No}; then image left = their right: "No".
    script = tmp_path / "looks.face"
    script.write_text("2.5  1.0  look right 0.8\n5.0  1.0  look left 0.8\n", encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_halving",
        layout=FOUR, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 2.0)
    halves = [cell.label for cell in loop.make_view().cells]
    assert halves == ["Yes  ·  No", "Pain  ·  Thank you"]
    assert "CHOOSING BY LOOKS" in loop.status_text()
    run_until(loop, loop.start + 8.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    [chosen] = [e for e in events if e["type"] == "select"]
    assert (chosen["label"], chosen["source"]) == ("No", "gaze")
    assert [e["text"] for e in events if e["type"] == "speak"] == ["No"]
    [done] = [e for e in events if e.get("event") == "chosen"]
    assert done["looks"] == 2
    camera_ok = next(e["t"] for e in events if e["type"] == "camera" and e["state"] == "ok")
    scanned = [e for e in events if e["type"] == "highlight" and e["cells"] and e["t"] > camera_ok]
    assert scanned == []  # once the camera works, looks choose and nothing is scanned
