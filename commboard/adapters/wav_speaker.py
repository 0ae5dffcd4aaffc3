"""``--speech wav:DIR``: every utterance becomes a numbered WAV file (how tests hear the board).

The files come from the same worker and the same pyttsx3 ``save_to_file``
call as spoken utterances.  Main utterances are ``0001.wav``, ``0002.wav``...
in the order ``say`` was called; auditory-scanning prompts go to
``cue-0001.wav``... so the numbered main files are exactly the messages.
Numbering continues after the highest file already in DIR: nothing is
overwritten.  There is no playback, so nothing is cut off and no cue is
dropped (that keeps virtual-clock runs deterministic); ``close`` waits until
every requested file is written.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from commboard.adapters.pyttsx3_synth import Utterance
from commboard.adapters.speech_worker import SynthWorker
from commboard.private_folder import make_private_folder
from commboard.settings import SpeechSettings
from commboard.speech import SpeechStatus


def _highest(directory: Path, prefix: str) -> int:
    pattern = re.compile(rf"{prefix}(\d+)\.wav")
    numbers = [int(m.group(1)) for p in directory.iterdir() if (m := pattern.fullmatch(p.name))]
    return max(numbers, default=0)


class WavDirSpeaker:
    """Writes utterances to ``directory`` instead of playing them.

    Args:
        directory: Created if missing, readable by this user only.
        settings: Rates, volumes and voice, as for speaking aloud.
    """

    def __init__(self, directory: Path, settings: SpeechSettings) -> None:
        make_private_folder(directory)  # the files are the patient's words (0700, as the history's)
        directory.mkdir(exist_ok=True)  # a file in its place is refused here, with its name
        self._dir = directory
        self._settings = settings
        self._counts = {"": _highest(directory, ""), "cue-": _highest(directory, "cue-")}
        self._seq = 0
        self._mains: set[int] = set()
        self._worker = SynthWorker()

    @property
    def worker_pid(self) -> int | None:
        return self._worker.pid

    def say(self, text: str) -> None:
        if text.strip():
            self._mains.add(self._submit(text, "", self._settings.rate_wpm, self._settings.volume))

    def cue(self, text: str) -> None:
        if text.strip():
            s = self._settings
            self._submit(text, "cue-", s.cue_rate_wpm, s.cue_volume)

    def stop(self) -> None:
        """Files already requested are still written: a file cannot be cut off."""

    def apply(self, settings: SpeechSettings) -> None:
        self._settings = settings

    def status(self) -> SpeechStatus:
        self._drain(timeout=0.0)
        self._mains &= set(self._worker.outstanding)
        problem = self._worker.problem
        return SpeechStatus(not problem, bool(self._mains), problem, self._worker.notice)

    def close(self, timeout_s: float = 30.0) -> None:
        """Wait until every requested WAV is written (or the worker gave up), then stop it."""
        deadline = time.monotonic() + timeout_s
        while self._worker.outstanding and not self._worker.problem:
            if time.monotonic() > deadline:
                break
            self._drain(timeout=0.1)
        self._worker.close()

    def _submit(self, text: str, prefix: str, rate_wpm: int, volume: float) -> int:
        self._counts[prefix] += 1
        self._seq += 1
        path = self._dir / f"{prefix}{self._counts[prefix]:04d}.wav"
        self._worker.submit(
            Utterance(self._seq, text, str(path), rate_wpm, volume, self._settings.voice)
        )
        return self._seq

    def _drain(self, timeout: float) -> None:
        while self._worker.receive(timeout) is not None:
            timeout = 0.0
