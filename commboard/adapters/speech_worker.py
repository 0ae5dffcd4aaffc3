"""The speech worker process, seen from the board: send utterances, receive WAV files.

Why a process: pyttsx3's ``runAndWait`` blocks, and espeak is C code loaded
with ctypes; in a process of its own a hang or a crash cannot freeze or kill
the board, and the board process never imports pyttsx3 at all.  The worker
only synthesises (``save_to_file``, ~10-20 ms per utterance); playing is done
by the parent with a player it can kill, so cutting off speech is immediate.
A dead worker is restarted once, then given up with a plain-words problem.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import queue
import threading

from commboard.adapters import clean_spawn
from commboard.adapters.pyttsx3_synth import Synthesized, Utterance


class SynthWorker:
    """Parent-side handle: send utterances, receive results, restart once if it dies."""

    def __init__(self, restarts: int = 1) -> None:
        self._ctx = mp.get_context("spawn")  # fork would copy pygame/camera threads
        self._lock = threading.Lock()
        self.skip_below = self._ctx.RawValue("q", 0)  # requests older than this are skipped
        self.outstanding: dict[int, Utterance] = {}
        self.problem = ""  # fatal, plain words; "" while the worker works
        self.notice = ""
        self._restarts_left = restarts
        self._closing = False
        self._start()

    def _start(self) -> None:
        # Fresh queues each time: a killed process may leave a queue's lock held.
        self._requests = self._ctx.Queue()
        self._results = self._ctx.Queue()
        # Not ctx.Process directly: the camera thread's cv2 import can leave cv2's
        # own folder on sys.path for a moment, and a child started then died.
        self._process = clean_spawn.start(
            self._ctx,
            "commboard.adapters.pyttsx3_synth:worker_main",
            (self._requests, self._results, self.skip_below),
            name="commboard-speech",
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid

    def submit(self, req: Utterance) -> None:
        """Queue a request; never blocks.  Ignored once the worker was given up."""
        if self.problem:
            return
        with self._lock:
            self.outstanding[req.seq] = req
            self._requests.put(req)

    def receive(self, timeout: float) -> Synthesized | None:
        """The next result, or None after ``timeout`` (also notices a dead worker)."""
        try:
            msg = self._results.get(timeout=timeout)
        except queue.Empty:
            if not self._process.is_alive() and not self._closing and not self.problem:
                self._on_death()
            return None
        except (EOFError, OSError):
            return None
        if isinstance(msg, tuple):
            kind, text = msg
            if kind == "failed":
                self.problem = f"Speech unavailable: the speech engine could not start ({text})"
            return None
        if not msg.skipped:
            self.notice = msg.notice
        with self._lock:
            self.outstanding.pop(msg.seq, None)
        return msg

    def _on_death(self) -> None:
        with self._lock:
            if self._restarts_left <= 0:
                self.problem = "Speech stopped working: the speech engine crashed twice"
                self.outstanding.clear()
                return
            self._restarts_left -= 1
            self._start()
            for seq in sorted(self.outstanding):
                self._requests.put(self.outstanding[seq])

    def close(self, timeout: float = 1.0) -> None:
        """Ask the worker to finish, then make sure it is gone."""
        self._closing = True
        with contextlib.suppress(OSError, ValueError):
            self._requests.put(None)
        self._process.join(timeout)
        if self._process.is_alive():
            self._process.kill()
            self._process.join(timeout)
