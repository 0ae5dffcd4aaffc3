"""End to end on real pixels: the blink film through the whole board, scored from its event log.

Films ``commboard.vision.blink_film`` (the astronaut photo: deliberate 1.0-1.3 s
closures, ordinary 0.1-0.3 s blinks, 2 s without a face, +-15 deg tilts,
brightness halved, camera noise), then runs the real board on it::

    commboard run --headless --virtual-clock --camera video:FILM --event-log LOG \
        --speech none --layout PLAIN --max-seconds DURATION

and reads the event log: every deliberate closure must produce one accepted
SELECT press from the blink switch (the scanner's ``switch`` record with
``source: blink, accepted: true``, pressed during that closure), and nothing
else may.  The layout is plain phrases so no cell asks for the alarm's
longer hold.  Prints JSON.

Usage: ``python benchmarks/blink_end_to_end.py [--fps 30] [--seconds 58] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

PLAIN_LAYOUT = """\
format: 1
name: Plain phrases
home: home
pages:
  - id: home
    title: Home
    rows: 3
    columns: 3
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Thank you"}
      - {label: "Water"}
      - {label: "Pain"}
      - {label: "Cold"}
      - {label: "Hot"}
      - {label: "Turn me"}
      - {label: "Wait"}
"""
# A press counts for a closure if it went down within this of the closure
# (frames are 33 ms apart; the switch is back-dated to the closure's first frame).
MATCH_S = 0.1


def make_film(out: Path, fps: float, seconds: float) -> dict[str, Any]:
    """Film the blink script (or its first ``seconds``) and return its ground truth."""
    from commboard.adapters.synthetic_face import make_animator, write_script_video
    from commboard.vision.blink_film import FILM_SCRIPT, ground_truth
    from commboard.vision.face_script import parse_script

    script = parse_script(FILM_SCRIPT, "blink film")
    write_script_video(out, script, make_animator(script.photo, (640, 480)), fps, seconds)
    truth = ground_truth(script, fps, seconds)
    truth["long_blinks"] = [b for b in truth["long_blinks"] if b["end_s"] <= seconds - 0.5]
    truth["short_blinks"] = [b for b in truth["short_blinks"] if b["end_s"] <= seconds]
    return truth


def run_board(film: Path, workdir: Path, seconds: float) -> list[dict[str, Any]]:
    """``commboard run`` headless on the film; returns the event log's records."""
    from commboard.cli import main

    layout = workdir / "plain.yaml"
    layout.write_text(PLAIN_LAYOUT, encoding="utf-8")
    log = workdir / "events.jsonl"
    code = main([
        "run", "--headless", "--virtual-clock", "--camera", f"video:{film}",
        "--event-log", str(log), "--speech", "none", "--layout", str(layout),
        "--max-seconds", str(seconds), "--history", str(workdir / "history.jsonl"),
    ])  # fmt: skip
    if code != 0:
        raise RuntimeError(f"commboard run exited with {code}")
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def score(records: list[dict[str, Any]], truth: dict[str, Any]) -> dict[str, Any]:
    """Match the board's accepted blink presses to the film's deliberate closures."""
    from commboard.vision.blink_film import presses_per_closure

    presses = [r for r in records if r["type"] == "switch" and r.get("source") == "blink"]
    accepted = [round(r["t"] - r["held_s"], 3) for r in presses if r.get("accepted")]
    per_blink = presses_per_closure(accepted, truth["long_blinks"], within_s=MATCH_S)
    matched = {d for hits in per_blink for d in hits}
    return {
        "long_blinks": len(truth["long_blinks"]),
        "detected": sum(len(hits) == 1 for hits in per_blink),
        "missed_at_s": [b["start_s"] for b, h in zip(truth["long_blinks"], per_blink, strict=True) if not h],
        "short_blinks": len(truth["short_blinks"]),
        "false_selections": len([d for d in accepted if d not in matched]),
        "false_at_s": [d for d in accepted if d not in matched],
        "blink_presses_not_accepted": [
            {"down_s": round(r["t"] - r["held_s"], 3), "reason": r.get("reason", "")}
            for r in presses if not r.get("accepted")
        ],
        "cells_selected_by_blink": sum(
            1 for r in records if r["type"] == "select" and r.get("source") == "blink"
        ),
        "face_lost_pauses": sum(1 for r in records if r["type"] == "face" and not r["found"]),
        "camera_states": [r["state"] for r in records if r["type"] == "camera"],
        "errors": [r.get("message", "") for r in records if r["type"] == "error"],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--seconds", type=float, default=58.0, help="how much of the film to use")
    parser.add_argument("--keep", type=Path, help="keep the film and the event log in DIR")
    args = parser.parse_args()
    os.environ.setdefault("COMMBOARD_CONFIG_DIR", tempfile.mkdtemp(prefix="commboard-cfg-"))
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.keep or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        film = workdir / "blink_film.avi"
        t0, c0 = time.perf_counter(), time.process_time()
        truth = make_film(film, args.fps, args.seconds)
        t1, c1 = time.perf_counter(), time.process_time()
        records = run_board(film, workdir, args.seconds)
        t2, c2 = time.perf_counter(), time.process_time()
    report = score(records, truth)
    report.update(
        fps=args.fps,
        film_s=args.seconds,
        film_wall_s=round(t1 - t0, 2),
        board_wall_s=round(t2 - t1, 2),
        board_cpu_s=round(c2 - c1, 2),
        film_cpu_s=round(c1 - c0, 2),
    )
    print(json.dumps(report, indent=2))
    sys.exit(
        0 if report["detected"] == report["long_blinks"] and not report["false_selections"] else 1
    )


if __name__ == "__main__":
    main()
