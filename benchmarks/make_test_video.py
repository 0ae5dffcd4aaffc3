"""Film the end-to-end blink video (``commboard.vision.blink_film``) and its ground-truth sidecar.

Writes ``OUT`` (Motion-JPEG .avi, 640x480), ``OUT`` with ``.json`` (ground
truth: when each deliberate long blink happens, the ordinary blinks, the 2 s
without a face, the tilts, dark and noise) and ``OUT`` with ``.txt`` (the
synthetic-camera script, for ``--camera synthetic:FILE``).  Then run, e.g.::

    commboard run --headless --virtual-clock --camera video:out/blink_film.avi \
        --event-log out/blink_film.jsonl --max-seconds 60

and check that every long blink selects and nothing else does.  With
``--check`` it also runs the film through the camera pipeline and the blink
switch itself and prints which closures produced a SELECT.

Usage: ``python benchmarks/make_test_video.py [--out out/blink_film.avi] [--fps 30] [--check]``
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from commboard.adapters.camera_worker import open_vision
from commboard.adapters.synthetic_face import make_animator, write_script_video
from commboard.clock import VirtualClock
from commboard.events import SwitchDown
from commboard.settings import BlinkSettings
from commboard.vision.blink_film import (
    FILM_DURATION_S,
    FILM_SCRIPT,
    ground_truth,
    presses_per_closure,
)
from commboard.vision.face_script import parse_script
from commboard.vision.sample import CameraStatus, EyeSample


def make_test_video(out: Path, fps: float = 30.0) -> dict[str, Any]:
    """Write the film, its script and its ground truth next to each other; return the truth."""
    out.parent.mkdir(parents=True, exist_ok=True)
    script = parse_script(FILM_SCRIPT, "blink film")
    animator = make_animator(script.photo, (640, 480))
    write_script_video(out, script, animator, fps, FILM_DURATION_S)
    truth = {"video": out.name, **ground_truth(script, fps, FILM_DURATION_S)}
    out.with_suffix(".json").write_text(json.dumps(truth, indent=2) + "\n", encoding="utf-8")
    out.with_suffix(".txt").write_text(FILM_SCRIPT, encoding="utf-8")
    return truth


def check(out: Path, truth: dict[str, Any]) -> dict[str, Any]:
    """Run the video through VisionFeed + BlinkSwitch (virtual clock) and match SELECTs to blinks."""
    from commboard.signals.blink_switch import BlinkSwitch

    feed = open_vision(f"video:{out}", clock=VirtualClock(0.0), size=(640, 480), fps=truth["fps"],
                       start_t=0.0)  # fmt: skip
    feed.start()
    switch = BlinkSwitch(BlinkSettings())
    downs: list[float] = []
    statuses: list[str] = []
    for item in feed.drain(truth["duration_s"] + 1.0):
        if isinstance(item, CameraStatus):
            statuses.append(f"{item.t:.2f} {item.state.value}")
        elif isinstance(item, EyeSample):
            downs += [e.t for e in switch.update(item) if isinstance(e, SwitchDown)]
    feed.close()
    hits = presses_per_closure(downs, truth["long_blinks"], within_s=0.05)
    matched = {d for h in hits for d in h}
    return {
        "long_blinks": len(truth["long_blinks"]),
        "long_blinks_selected_once": sum(len(h) == 1 for h in hits),
        "selections": len(downs),
        "selections_outside_long_blinks": sorted(set(downs) - matched),
        "switch_down_t": downs,
        "camera_statuses": statuses,
        "note": "SwitchDown is back-dated to the start of the closure (docs/blink.md)",
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("out/blink_film.avi"))
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    truth = make_test_video(args.out, args.fps)
    report: dict[str, Any] = {"video": str(args.out), "frames": truth["frames"],
                              "long_blinks": len(truth["long_blinks"]),
                              "short_blinks": len(truth["short_blinks"])}  # fmt: skip
    if args.check:
        report["check"] = check(args.out, truth)
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
