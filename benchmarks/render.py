"""Board rendering and idle cost, printed as JSON.

Three figures (issue 2 targets in brackets):

* ``frame_ms``: cost of one scanning frame (tick + layout + draw + flip) on a
  1920x1080 board, headless (SDL dummy driver), p50/p95 over every highlight
  step [p95 <= 8 ms].  Baseline in the same run: the same frames with the
  text cache emptied before each frame (what rendering text every frame costs).
* ``idle``: CPU time / wall time over a real-time (not virtual-clock) run of
  the scanning board [<= 10%]: the loop must sleep between scan steps.
* ``startup``: seconds from launching ``commboard run`` (a subprocess) to its
  first drawn board, read from the event log's ``first_frame`` record.

Usage: ``python benchmarks/render.py [--frames N] [--idle-seconds S] [--launches N]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from commboard.cli import parse_options  # noqa: E402
from commboard.shell import app  # noqa: E402
from commboard.shell.loop import BoardLoop  # noqa: E402
from commboard.shell.screens.text_fit import TextCache  # noqa: E402


def _board(tmp: Path, *extra: str) -> BoardLoop:
    words = [
        "run",
        "--headless",
        "--windowed",
        "1920x1080",
        "--speech",
        "none",
        "--profile",
        "bench",
        "--camera",
        "none",  # the scanning board alone; benchmarks/vision.py measures the camera
        "--history",
        str(tmp / "history.jsonl"),
        *extra,
    ]
    loop = app.build(parse_options(words))
    assert isinstance(loop, BoardLoop)
    return loop


def _percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return {"p50": round(statistics.median(ordered) * 1000, 3), "p95": round(p95 * 1000, 3)}


def _switch_script(tmp: Path, presses: int) -> Path:
    """0.4 s presses every 2.3 s: rows and cells get chosen, pages change, phrases are said."""
    lines = [
        f"{1.7 + k * 2.3:.2f} down select\n{2.1 + k * 2.3:.2f} up select" for k in range(presses)
    ]
    path = tmp / "presses.txt"
    path.write_text("\n".join(lines) + "\n")
    return path


def frame_costs(tmp: Path, frames: int, cold_text: bool) -> dict[str, float]:
    """Time every redrawn frame of a scanning board driven by a switch script."""
    script = _switch_script(tmp, frames)
    loop = _board(tmp, "--virtual-clock", "--input-script", str(script))
    samples: list[float] = []
    pages: set[str] = set()
    try:
        loop.safe_frame(loop.p.clock.now())
        while len(samples) < frames and loop.running:
            loop.idle()
            if cold_text:
                loop.renderer.texts = TextCache()
            drawn = loop.frames
            started = time.perf_counter()
            loop.safe_frame(loop.p.clock.now())
            if loop.frames > drawn:
                samples.append(time.perf_counter() - started)
                pages.add(loop.session.page.id)
    finally:
        app.close(loop)
    return {**_percentiles(samples), "frames": len(samples), "pages_seen": len(pages)}


def idle_cost(tmp: Path, seconds: float) -> dict[str, float]:
    """CPU share of a real-time scanning board (one process, same run)."""
    loop = _board(tmp, "--max-seconds", str(seconds))
    try:
        wall0, cpu0 = time.monotonic(), time.process_time()
        loop.run()
        wall, cpu = time.monotonic() - wall0, time.process_time() - cpu0
        frames = loop.frames
    finally:
        app.close(loop)
    return {
        "wall_s": round(wall, 3),
        "cpu_s": round(cpu, 3),
        "cpu_share": round(cpu / wall, 4),
        "frames_drawn": frames,
    }


def startup(tmp: Path, launches: int) -> dict[str, float]:
    """Launch ``commboard run`` and wait for its first drawn board."""
    parent, child = [], []
    env = {**os.environ, "COMMBOARD_CONFIG_DIR": str(tmp / "config")}
    for i in range(launches):
        log = tmp / f"start-{i}.jsonl"
        cmd = [
            sys.executable,
            "-m",
            "commboard",
            "run",
            "--headless",
            "--windowed",
            "1920x1080",
            "--event-log",
            str(log),
            "--max-seconds",
            "2",
            "--history",
            str(tmp / "h.jsonl"),
        ]
        started = time.monotonic()
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        first = _wait_first_frame(log, started + 60)
        parent.append(time.monotonic() - started if first is not None else float("nan"))
        child.append(first if first is not None else float("nan"))
        proc.wait(timeout=60)
    return {
        "median_s": round(statistics.median(parent), 3),
        "max_s": round(max(parent), 3),
        "in_process_median_s": round(statistics.median(child), 3),
        "launches": launches,
    }


def _wait_first_frame(log: Path, give_up: float) -> float | None:
    while time.monotonic() < give_up:
        if log.exists():
            for line in log.read_text().splitlines():
                record = json.loads(line)
                if record["type"] == "first_frame":
                    return float(record.get("elapsed_s", "nan"))
        time.sleep(0.002)
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=300)
    parser.add_argument("--idle-seconds", type=float, default=10.0)
    parser.add_argument("--launches", type=int, default=3)
    opts = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        os.environ["COMMBOARD_CONFIG_DIR"] = str(tmp / "config")
        (tmp / "config" / "profiles").mkdir(parents=True)
        # 10 unanswered passes before scanning pauses, so the idle run keeps scanning.
        (tmp / "config" / "profiles" / "bench.yaml").write_text("version: 1\nscan:\n  passes: 10\n")
        cached = frame_costs(tmp, opts.frames, cold_text=False)
        cold = frame_costs(tmp, max(30, opts.frames // 5), cold_text=True)
        result = {
            "benchmark": "render",
            "size": [1920, 1080],
            "frame_ms": cached,
            "frame_ms_uncached_text_baseline": cold,
            "frame_p95_target_ms": 8.0,
            "idle": idle_cost(tmp, opts.idle_seconds),
            "idle_cpu_share_target": 0.10,
            "startup": startup(tmp, opts.launches),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
