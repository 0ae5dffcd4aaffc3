"""What runs inside the speech worker process: pyttsx3 ``save_to_file`` into WAV files.

This is the one synthesis path for both speaking aloud and ``--speech wav:DIR``.
It is imported by the board only for its message types; pyttsx3 itself is
imported inside :func:`worker_main`, in the child process.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import sys
import threading
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from commboard.adapters.audio_player import trim_leading_silence


@dataclass(frozen=True, slots=True)
class Utterance:
    """One request: synthesise ``text`` into the WAV file ``path``."""

    seq: int
    text: str
    path: str
    rate_wpm: int
    volume: float
    voice: str


@dataclass(frozen=True, slots=True)
class Synthesized:
    """The answer to an :class:`Utterance`; ``error`` is "" when the WAV is written."""

    seq: int
    path: str
    error: str = ""
    skipped: bool = False  # superseded before synthesis started; no file written
    notice: str = ""  # e.g. the chosen voice does not exist


# pyttsx3 2.99's espeak driver is asynchronous, with two races (docs/speech.md): its
# runAndWait() returns before the WAV is written (wait for finished-utterance with
# completed=True), and its stop() inside runAndWait() cancels setProperty changes still
# queued in espeak, sometimes emptying the WAV (wait for espeak to be idle first).
FINISH_TIMEOUT_S = 30.0


class _EngineWatch:
    """When the WAV is really written, when espeak is idle, what errors pyttsx3 swallowed."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.errors: list[object] = []
        try:
            from pyttsx3.drivers import _espeak  # only with the espeak driver

            self._busy: Any = _espeak.IsPlaying
        except Exception:
            self._busy = lambda: False

    def finished(self, completed: bool = True, **_: Any) -> None:
        if completed:  # completed=False is the spurious one from stop(); see above
            self.event.set()

    def error(self, exception: object = None, **_: Any) -> None:
        self.errors.append(exception)

    def settle(self, deadline: float) -> bool:
        """Wait until espeak has nothing queued; False if it never gets there."""
        while self._busy():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.001)
        return True


def _set_voice(engine: Any, watch: _EngineWatch, req: Utterance, default_voice: str) -> str:
    """Apply voice, rate and volume; a notice if the voice does not exist."""
    notice = ""
    watch.errors.clear()
    engine.setProperty("voice", req.voice or default_voice)
    if watch.errors:  # unknown voice: speak with the default rather than not at all
        notice = f"Voice {req.voice!r} not found; using the default voice."
        engine.setProperty("voice", default_voice)
    engine.setProperty("rate", req.rate_wpm)
    engine.setProperty("volume", req.volume)
    return notice


def speakable(text: str) -> str:
    """``text`` with control characters (a NUL, an escape) made spaces.

    espeak reads the words as a C string: at a NUL it stopped, so a cell
    imported as "\\u0000Drink" said nothing at all.
    """
    return "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)


def _synthesize(
    engine: Any, watch: _EngineWatch, req: Utterance, default_voice: str
) -> tuple[str, str]:
    """Write one WAV; returns (error, notice)."""
    deadline = time.monotonic() + FINISH_TIMEOUT_S
    notice = _set_voice(engine, watch, req, default_voice)
    watch.event.clear()
    if not watch.settle(deadline):
        return "the speech engine is stuck", notice
    engine.save_to_file(speakable(req.text), req.path)
    engine.runAndWait()
    if not watch.event.wait(max(0.0, deadline - time.monotonic())) or not watch.settle(deadline):
        return "the speech engine did not finish", notice
    if not os.path.exists(req.path) or os.path.getsize(req.path) <= 44:
        return "the speech engine produced no audio", notice
    trim_leading_silence(Path(req.path))
    return "", notice


def _next_request(requests: Any) -> Utterance | None:
    """The next request; None when told to stop or when the board process is gone."""
    while True:
        with contextlib.suppress(queue.Empty):
            return requests.get(timeout=1.0)  # type: ignore[no-any-return]
        if not mp.parent_process().is_alive():  # type: ignore[union-attr]
            return None  # killed board: do not linger as an orphan


def worker_main(requests: Any, results: Any, skip_below: Any) -> None:
    """Child process entry: answer requests until ``None`` arrives."""
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - pyttsx3 2.99 prints on every save
    try:
        import pyttsx3

        engine = pyttsx3.init()
        watch = _EngineWatch()
        engine.connect("finished-utterance", watch.finished)
        engine.connect("error", watch.error)
        default_voice = engine.getProperty("voice")
        engine.runAndWait()  # empty run: from now on setProperty applies at once
    except Exception as exc:  # no pyttsx3, no driver, no espeak library
        results.put(("failed", f"{type(exc).__name__}: {exc}"))
        return
    results.put(("ready", ""))
    while (req := _next_request(requests)) is not None:
        if req.seq < skip_below.value:
            results.put(Synthesized(req.seq, req.path, skipped=True))
            continue
        try:
            error, notice = _synthesize(engine, watch, req, default_voice)
        except Exception as exc:
            error, notice = f"{type(exc).__name__}: {exc}", ""
        results.put(Synthesized(req.seq, req.path, error, notice=notice))
