"""What the whole board costs in CPU beside the camera work it cannot avoid, in one run.

Four processes, each timed by the kernel (user + system CPU of the process
and all its threads, from ``os.wait4``), on the same 30 fps video:

* ``board``: ``commboard run --headless --camera video:FILE`` in real time
  for ``--seconds`` (the frame loop, drawing, scanning, the camera thread
  with OpenCV decoding and MediaPipe), speech off;
* ``bare``: the same video decoded with OpenCV and every frame given to
  MediaPipe Face Mesh, as fast as it goes -- the work any camera board must do;
  run before and after the board, and the mean of the two is the baseline
  (this machine's speed drifts between minutes);
* ``paced bare``: the same, but at 30 fps in real time with late frames
  dropped, as the board reads the video: what pacing alone costs;
* ``idle``: the board for ``--seconds`` without a camera (``--camera none``):
  its share of one core when nothing is seen;
* ``stock bare``: as ``bare``, but with MediaPipe's ``FaceMesh`` as it ships,
  its graph on a pool of worker threads.  The board runs the graph in its
  camera thread (``adapters/mediapipe_mesh``), and ``bare`` is built the
  same way, so ``ratio`` compares like with like; ``ratio_to_stock_bare``
  compares the board with a program that uses MediaPipe as it comes.

Both camera processes start Python, import their libraries and load the
model, so start-up counts on both sides (both import only MediaPipe's Face
Mesh, ``commboard.adapters.mediapipe_import``: the baseline gets that saving
too).  The board drops late frames (real
time) while ``bare`` processes all of them; the frames each processed are
reported, and ``ratio_per_frame`` compares the cost of one frame.  The video
(the synthetic face, ``commboard.adapters.synthetic_face``: blinks, glances,
tilts, dim light, noise) is written to a temporary folder first.

Prints one JSON document: ``ratio`` (board CPU / bare CPU), ``board_cpu_s``,
``bare_cpu_s`` (the mean; each run in ``bare_cpu_s_before_after``),
``wall_s`` (the board's), ``idle_share`` (idle CPU / wall), frame counts, the paced and stock bare figures, the board's CPU by thread (main loop,
camera thread, MediaPipe's threads if any, others) and the machine's load.

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

from vision import FPS, SCRIPT  # the same synthetic film as benchmarks/vision.py

PACKAGE = Path(__file__).resolve().parent.parent / "commboard"

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


def bare(video: str, paced: bool, stock: bool = False) -> None:
    """Child process: decode frames and give them to MediaPipe; print how many it processed.

    ``paced``: at the video's 30 fps in real time, late frames dropped, as the
    board's camera thread reads a video -- the bare work under the same pacing.
    ``stock``: MediaPipe's own ``FaceMesh`` as it ships (its graph on a pool of
    worker threads, its output parsed by ``process``) instead of the board's,
    which runs it in the calling thread and reads the landmarks' bytes.
    """
    import cv2

    from commboard.adapters.mediapipe_import import face_mesh_module
    from commboard.adapters.mediapipe_mesh import MediaPipeMesh

    if stock:
        mesh = face_mesh_module().FaceMesh(refine_landmarks=True)  # the board's other options
    else:
        mesh = MediaPipeMesh(video=True)._mesh  # the bare MediaPipe graph, as benchmarks/vision.py
    cap = cv2.VideoCapture(video)
    frames = read = 0
    start = time.monotonic()
    while True:
        if paced:
            wait = start + read / FPS - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            while read < int((time.monotonic() - start) * FPS) and cap.grab():
                read += 1  # late: dropped, as the board drops them
        ok, bgr = cap.read()
        if not ok:
            break
        read += 1
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        if stock:
            mesh.process(rgb)
        else:
            mesh.first_face(rgb)  # the graph's output read as the board reads it: like for like
        frames += 1
    cap.release()
    mesh.close()
    print(frames)


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds so far of each thread of ``pid``, summed by kind (Linux ``/proc``; else empty).

    Kinds: ``main`` (the frame loop), ``vision`` (the camera thread: reading,
    decoding, calling MediaPipe), ``mediapipe`` (its own worker threads) and
    ``other`` (OpenCV's decoder, SDL, the log writer...).
    """
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return out
    for tid in tasks:
        try:
            comm = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
            fields = Path(f"/proc/{pid}/task/{tid}/stat").read_text().rsplit(") ", 1)[1].split()
        except OSError:
            continue
        kind = "main" if tid == str(pid) else comm if comm == "vision" else "other"
        kind = "mediapipe" if comm.startswith("mediapipe") else kind
        out[kind] = out.get(kind, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return {k: round(v, 2) for k, v in sorted(out.items())}


def name_vision_thread() -> str:
    """Code for the board's process: give the camera thread its name in ``/proc`` too."""
    return (
        "import ctypes, threading\n"
        "_start = threading.Thread.run\n"
        "def _named(self):\n"
        "    if self.name == 'vision':\n"
        "        ctypes.CDLL(None).prctl(15, b'vision', 0, 0, 0)\n"
        "    _start(self)\n"
        "threading.Thread.run = _named\n"
    )


def timed(
    argv: list[str], env: dict[str, str], threads_at: float | None = None
) -> tuple[float, float, str, dict[str, float]]:
    """Run ``argv``: CPU seconds (user + system, all threads), wall seconds, stdout, per-thread CPU.

    ``threads_at``: read each thread's CPU this many seconds after the start
    (threads are gone once the process has ended).
    """
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    threads: dict[str, float] = {}
    if threads_at is not None:
        time.sleep(threads_at)
        threads = thread_cpu(child.pid)
    assert child.stdout is not None
    out = child.stdout.read().decode()
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{argv[1:3]} exited {child.returncode}")
    return usage.ru_utime + usage.ru_stime, wall, out, threads


def board_argv(folder: Path, camera: str, seconds: float, profile: str | None) -> list[str]:
    run = ["run", "--headless", "--camera", camera, "--speech", "none",
           "--max-seconds", str(seconds), "--history", str(folder / "h.jsonl"),
           "--event-log", str(folder / "events.jsonl")]  # fmt: skip
    count = str(folder / "frames.txt")
    if profile is None:
        return [sys.executable, "-c", name_vision_thread() + BOARD, count, *run]
    wrapped = f"import cProfile\nBOARD = {BOARD!r}\ncProfile.run('exec(BOARD)', {profile!r})\n"
    return [sys.executable, "-c", wrapped, count, *run]


def measure(seconds: float, profile: str | None = None) -> dict[str, Any]:
    """Make the video, time the four processes, and return the figures."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    # The board's bytecode compiled ahead, as ``make run`` does (MediaPipe's and
    # OpenCV's came compiled with their wheels): otherwise a machine that sets
    # PYTHONDONTWRITEBYTECODE recompiles the board at every start.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(PACKAGE)], check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="board_cpu-") as name:
        folder = Path(name)
        video = folder / "face.avi"
        frames = make_video(video, seconds)
        (folder / "config").mkdir()
        env["COMMBOARD_CONFIG_DIR"] = str(folder / "config")
        load_before = os.getloadavg()[0]
        bare_argv = [sys.executable, __file__, "--bare", str(video)]
        bare_before, bare_wall, out, _ = timed(bare_argv, env)
        paced = [sys.executable, __file__, "--bare", str(video), "--paced"]
        paced_cpu, _, paced_out, _ = timed(paced, env)
        board = board_argv(folder, f"video:{video}", seconds, profile)
        board_cpu, board_wall, _, threads = timed(board, env, threads_at=seconds - 1.0)
        board_frames = int((folder / "frames.txt").read_text())
        # Bare again after the board: this machine's speed drifts by up to a
        # quarter between minutes, so the baseline is the mean of both sides.
        bare_after, _, _, _ = timed(bare_argv, env)
        bare_cpu = (bare_before + bare_after) / 2
        idle_cpu, idle_wall, _, _ = timed(board_argv(folder, "none", seconds, None), env)
        stock_cpu, _, _, _ = timed([*bare_argv, "--stock"], env)
    bare_frames = int(out.strip())
    return {
        "seconds": seconds,
        "video_frames": frames,
        "ratio": round(board_cpu / bare_cpu, 3),
        "board_cpu_s": round(board_cpu, 2),
        "bare_cpu_s": round(bare_cpu, 2),
        "bare_cpu_s_before_after": [round(bare_before, 2), round(bare_after, 2)],
        "wall_s": round(board_wall, 2),
        "bare_wall_s": round(bare_wall, 2),
        "board_frames": board_frames,
        "bare_frames": bare_frames,
        "ratio_per_frame": round((board_cpu / board_frames) / (bare_cpu / bare_frames), 3),
        "paced_bare_cpu_s": round(paced_cpu, 2),
        "paced_bare_frames": int(paced_out.strip()),
        "ratio_to_paced_bare": round(board_cpu / paced_cpu, 3),
        "stock_bare_cpu_s": round(stock_cpu, 2),
        "ratio_to_stock_bare": round(board_cpu / stock_cpu, 3),
        "board_threads_cpu_s": threads,  # read 1 s before the board's end
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
    parser.add_argument("--paced", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--stock", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.bare:
        bare(args.bare, args.paced, args.stock)
        return
    from commboard.adapters.native_stderr import keep_native_logs_quiet

    keep_native_logs_quiet()  # the face animator's MediaPipe run prints its log lines here
    print(json.dumps(measure(args.seconds, args.profile), indent=2))


if __name__ == "__main__":
    main()
