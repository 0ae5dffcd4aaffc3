"""What the board prints to the terminal: our own words, not MediaPipe's or ALSA's log lines.

A headless start with the synthetic camera used to print TensorFlow Lite's
"Created XNNPACK delegate", absl's "All log messages before
absl::InitializeLog()" and a row of ``W0000 ... inference_feedback_manager``
lines; a beep with no sound card added eight ``ALSA lib ...`` lines.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from commboard.adapters.native_stderr import SHOW_ALL, is_noise, pass_on

ROOT = Path(__file__).resolve().parents[2]
FACE = ROOT / "tests" / "golden" / "files" / "blinks.face"

NOISE = [
    b"INFO: Created TensorFlow Lite XNNPACK delegate for CPU.\n",
    b"WARNING: All log messages before absl::InitializeLog() is called are written to STDERR\n",
    b"W0000 00:00:1796094061.995654   13735 inference_feedback_manager.cc:114] Feedback manager"
    b" requires a model with a single signature inference.\n",
    b"I0000 00:00:1796094062.6 99 gl_context.cc:369] GL version: 3.2\n",
    b"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n",
    b"ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default\n",
]
OURS = [
    b"commboard: layout problem: board.yaml: no such layout file or folder\n",
    b"Traceback (most recent call last):\n",
    b"F0000 00:00:1796094061.995654   13735 calculator.cc:1] a fatal error, just before a crash\n",
    b"WARNING: something else\n",
    b"Hold time to select: 0.45 s\n",
]


def test_only_native_libraries_log_lines_count_as_noise() -> None:
    assert all(is_noise(line) for line in NOISE)
    assert not any(is_noise(line) for line in OURS)


def test_the_filter_passes_every_other_line_on_in_order() -> None:
    read, write = os.pipe()
    out_read, out_write = os.pipe()
    mixed = [line for pair in zip(NOISE, OURS, strict=False) for line in pair]
    with open(read, "rb") as source:
        thread = threading.Thread(target=pass_on, args=(source, out_write))
        thread.start()
        os.write(write, b"".join(mixed))
        os.close(write)
        thread.join(timeout=5)
    os.close(out_write)
    with open(out_read, "rb") as out:
        assert out.read() == b"".join(OURS[: len(NOISE)])


def start_board(tmp_path: Path, show_all: bool) -> list[str]:
    """``python -m commboard run`` headless on the synthetic face; every line it printed."""
    config = tmp_path / "config"
    (config / "profiles").mkdir(parents=True, exist_ok=True)
    # A beep at each scan step opens pygame's mixer: with no sound card, ALSA complains.
    (config / "profiles" / "beep.yaml").write_text("scan:\n  auditory: beep\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != SHOW_ALL}
    env.update(
        COMMBOARD_CONFIG_DIR=str(config), SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="alsa",
        PYTHONPATH=str(ROOT),
    )  # fmt: skip
    if show_all:
        env[SHOW_ALL] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "commboard", "run", "--headless", "--virtual-clock",
         "--camera", f"synthetic:{FACE}", "--profile", "beep", "--speech", "none",
         "--max-seconds", "4", "--history", str(tmp_path / "h.jsonl"),
         "--layout", str(tmp_path / "missing.yaml")],
        env=env, capture_output=True, timeout=180, cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    return (done.stdout + done.stderr).decode(errors="replace").splitlines()


def test_a_headless_start_with_the_synthetic_camera_prints_only_our_words(
    tmp_path: Path,
) -> None:
    shown = start_board(tmp_path, show_all=False)
    assert shown, "our own words are still shown (the missing layout is reported)"
    assert all(line.startswith("commboard: ") for line in shown if line.strip()), shown
    everything = start_board(tmp_path, show_all=True)
    assert any("inference_feedback_manager" in line for line in everything), (
        "MediaPipe does print them: the test would see them if they got through"
    )
    assert [line for line in everything if line.startswith("commboard: ")] == shown


def test_the_filter_keeps_draining_when_the_terminal_is_gone() -> None:
    # Were it to stop reading, the pipe would fill and block MediaPipe's thread.
    read, write = os.pipe()
    gone_read, gone_write = os.pipe()
    os.close(gone_read)  # writing to gone_write now fails (EPIPE)
    lines = b"commboard: still here\n" * 10_000  # far more than a pipe holds
    with open(read, "rb") as source:
        thread = threading.Thread(target=pass_on, args=(source, gone_write))
        thread.start()
        os.write(write, lines[:60_000])
        os.write(write, lines[60_000:])
        os.close(write)
        thread.join(timeout=10)
    os.close(gone_write)
    assert not thread.is_alive(), "everything was read to the end"
