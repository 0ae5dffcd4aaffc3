"""What the whole board costs in CPU beside the camera work it cannot avoid, in one run.

Three processes, each timed by the kernel (user + system CPU of the process
and all its threads, from ``os.wait4``), on the same 30 fps video:

* ``board``: ``commboard run --headless --camera video:FILE`` in real time
  for ``--seconds`` (the frame loop, drawing, scanning, the camera thread
  with OpenCV decoding and MediaPipe), speech off;
* ``bare``: the same video decoded with OpenCV and every frame given to
  MediaPipe Face Mesh, as fast as it goes -- the work any camera board must do;
* ``idle``: the board for ``--seconds`` without a camera (``--camera none``):
  its share of one core when nothing is seen.

Both camera processes start Python, import their libraries and load the
model, so start-up counts on both sides.  The board drops late frames (real
time) while ``bare`` processes all of them; the frames each processed are
reported, and ``ratio_per_frame`` compares the cost of one frame.  The video
(the synthetic face, ``commboard.adapters.synthetic_face``: blinks, glances,
tilts, dim light, noise) is written to a temporary folder first.

Prints one JSON document: ``ratio`` (board CPU / bare CPU), ``board_cpu_s``,
``bare_cpu_s``, ``wall_s`` (the board's), ``idle_share`` (idle CPU / wall),
frame counts and the machine's load.

Usage: ``python benchmarks/board_cpu.py [--seconds 60] [--profile OUT.prof]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

FPS = 30.0
SCRIPT = """\
repeat 10
1.0  0.15  close
2.0  1.0   close
4.0  1.5   look left
5.5  1.0   rotate 15
6.5  1.0   rotate -15
7.5  2.5   bright 0.5
8.0  2.0   noise 10
8.5  0.2   close
"""
# Run in the board's process: counts the frames its camera thread gave to
# MediaPipe (late frames are dropped in real time) and writes the count at exit.
BOARD = """\
import atexit, sys
from commboard.vision import pipeline
count = [0]
process = pipeline.VisionPipeline.process
def counted(self, frame):
    count[0] += 1
    return process(self, frame)
pipeline.VisionPipeline.process = counted
atexit.register(lambda: open(sys.argv[1], "w").write(str(count[0])))
from commboard.cli import main
sys.exit(main(sys.argv[2:]))
"""


def make_video(path: Path, seconds: float) -> int:
    """The synthetic face filmed at 30 fps into ``path``; returns the number of frames."""
    from commboard.adapters.synthetic_face import make_animator, write_script_video
    from commboard.vision.face_script import parse_script

    script = parse_script(SCRIPT, "board_cpu benchmark")
    return write_script_video(path, script, make_animator(script.photo, (640, 480)), FPS, seconds)


def bare(video: str) -> None:
    """Child process: decode every frame and give it to MediaPipe; print the frame count."""
    import cv2

    from commboard.adapters.mediapipe_mesh import MediaPipeMesh

    mesh = MediaPipeMesh(video=True)._mesh  # the bare MediaPipe graph, as benchmarks/vision.py
    cap = cv2.VideoCapture(video)
    frames = 0
    while True:
        ok, bgr = cap.read()
        if not ok:
            break
        mesh.process(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
        frames += 1
    cap.release()
    mesh.close()
    print(frames)


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run ``argv``; its CPU seconds (user + system, all threads), wall seconds and stdout."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert child.stdout is not None
    out = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{argv[1:3]} exited {child.returncode}")
    return usage.ru_utime + usage.ru_stime, wall, out


def board_argv(folder: Path, camera: str, seconds: float, profile: str | None) -> list[str]:
    run = ["run", "--headless", "--camera", camera, "--speech", "none",
           "--max-seconds", str(seconds), "--history", str(folder / "h.jsonl"),
           "--event-log", str(folder / "events.jsonl")]  # fmt: skip
    count = str(folder / "frames.txt")
    if profile is None:
        return [sys.executable, "-c", BOARD, count, *run]
    wrapped = f"import cProfile\nBOARD = {BOARD!r}\ncProfile.run('exec(BOARD)', {profile!r})\n"
    return [sys.executable, "-c", wrapped, count, *run]


def measure(seconds: float, profile: str | None = None) -> dict[str, Any]:
    """Make the video, time the three processes, and return the figures."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    with tempfile.TemporaryDirectory(prefix="board_cpu-") as name:
        folder = Path(name)
        video = folder / "face.avi"
        frames = make_video(video, seconds)
        (folder / "config").mkdir()
        env["COMMBOARD_CONFIG_DIR"] = str(folder / "config")
        load_before = os.getloadavg()[0]
        bare_cpu, bare_wall, out = timed([sys.executable, __file__, "--bare", str(video)], env)
        board_cpu, board_wall, _ = timed(
            board_argv(folder, f"video:{video}", seconds, profile), env
        )
        board_frames = int((folder / "frames.txt").read_text())
        idle_cpu, idle_wall, _ = timed(board_argv(folder, "none", seconds, None), env)
    bare_frames = int(out.strip())
    return {
        "seconds": seconds,
        "video_frames": frames,
        "ratio": round(board_cpu / bare_cpu, 3),
        "board_cpu_s": round(board_cpu, 2),
        "bare_cpu_s": round(bare_cpu, 2),
        "wall_s": round(board_wall, 2),
        "bare_wall_s": round(bare_wall, 2),
        "board_frames": board_frames,
        "bare_frames": bare_frames,
        "ratio_per_frame": round((board_cpu / board_frames) / (bare_cpu / bare_frames), 3),
        "idle_cpu_s": round(idle_cpu, 2),
        "idle_wall_s": round(idle_wall, 2),
        "idle_share": round(idle_cpu / idle_wall, 4),
        "load_1min": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "cpus": os.cpu_count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="board run and video length")
    parser.add_argument("--profile", help="write a cProfile of the board's process here")
    parser.add_argument("--bare", help=argparse.SUPPRESS)  # the child process's entry
    args = parser.parse_args()
    if args.bare:
        bare(args.bare)
        return
    from commboard.adapters.native_stderr import keep_native_logs_quiet

    keep_native_logs_quiet()  # the face animator's MediaPipe run prints its log lines here
    print(json.dumps(measure(args.seconds, args.profile), indent=2))


if __name__ == "__main__":
    main()
