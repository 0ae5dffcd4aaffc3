"""Fakes for speech and sound: a recording speaker and beeper, and a WAV measured independently."""

from __future__ import annotations

import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from commboard.speech import SpeechStatus


class RecordingSpeaker:
    """A ``commboard.speech.Speaker`` that records what it is asked; nothing is heard.

    ``calls`` lists ``(kind, text)`` in order: "say", "cue", "stop", "apply",
    "close", and "cue-dropped" for a cue asked while a message is playing (the
    real speaker drops those too).  A message plays until :meth:`finish` or
    ``stop``.  Set ``available``/``problem`` to act out broken speech.
    """

    def __init__(self, available: bool = True, problem: str = "") -> None:
        self.calls: list[tuple[str, str]] = []
        self.speaking = False
        self.available = available
        self.problem = problem
        self.settings: object = None

    @property
    def said(self) -> list[str]:
        return [text for kind, text in self.calls if kind == "say"]

    def say(self, text: str) -> None:
        self.calls.append(("say", text))
        self.speaking = bool(text.strip())

    def cue(self, text: str) -> None:
        self.calls.append(("cue-dropped" if self.speaking else "cue", text))

    def stop(self) -> None:
        self.calls.append(("stop", ""))
        self.speaking = False

    def finish(self) -> None:
        """The message being spoken has played to its end."""
        self.speaking = False

    def apply(self, settings: object) -> None:
        self.calls.append(("apply", ""))
        self.settings = settings

    def status(self) -> SpeechStatus:
        return SpeechStatus(self.available, self.speaking and self.available, self.problem)

    def close(self) -> None:
        self.calls.append(("close", ""))


class RecordingBeeper:
    """A ``commboard.shell.audio.cue_sound.Beeper`` that counts beeps; nothing is heard.

    Set ``problem`` to act out a missing sound card (beeps are then not counted).
    """

    def __init__(self, problem: str = "") -> None:
        self.beeps = 0
        self.releases = 0
        self.problem = problem

    def beep(self) -> None:
        if not self.problem:
            self.beeps += 1

    def release(self) -> None:
        self.releases += 1


# About 8 s of speech at 160 wpm: long enough that "cut off" and "still playing"
# differ by seconds, so no speech test or benchmark depends on how busy the machine is.
LONG_MESSAGE = (
    "I would like to talk to my doctor about my options before we decide anything. "
    "Please explain it again slowly, and ask me, not my family. I need time to decide."
)


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie has ended; it only awaits its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass(frozen=True, slots=True)
class WavAudio:
    """What a listener would get from a 16-bit mono WAV, measured independently of our code."""

    duration_s: float
    rms: float  # 0..1 of full scale
    peak: float
    lead_silence_s: float  # until the first sample above 1% of full scale; inf if none


def measure_wav(path: Path | str) -> WavAudio:
    """Duration, loudness and lead-in silence of a 16-bit mono WAV (tests and benchmarks)."""
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), "expected 16-bit mono"
        rate = w.getframerate()
        samples = (
            np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
        )
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return WavAudio(
        duration_s=len(samples) / rate,
        rms=float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0,
        peak=float(np.max(np.abs(samples))) if len(samples) else 0.0,
        lead_silence_s=float(loud[0] / rate) if len(loud) else float("inf"),
    )
