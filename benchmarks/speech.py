"""Speech latency: time to first audio, time to silence after stop()/say(), cost of say().

Prints one JSON object.  Baselines are measured in the same run:
- espeak-ng's own command line, streaming to a pipe (time to its first byte of audio);
- starting a fresh worker process (what cutting speech off by killing the worker
  would cost before the next utterance could start).

This machine may have no sound card, so "first audio" uses aplay on ALSA's
``null`` device (real aplay, real device open, no pacing), and "cut off" uses the
paced stand-in player (``commboard.adapters.paced_player``: takes as long as the sound lasts).
espeak puts ~55 ms of silence before speech; the worker trims it to 10 ms
(``lead_silence_in_wav_ms``), so first *audible* sound ~= aplay_done + that.

Run: ``.venv/bin/python benchmarks/speech.py``
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import commboard.adapters.pyttsx3_speaker as speaker_module
from commboard.adapters import paced_player
from commboard.adapters.pyttsx3_speaker import SystemSpeaker
from commboard.adapters.pyttsx3_synth import Utterance
from commboard.adapters.speech_worker import SynthWorker
from commboard.settings import SpeechSettings
from commboard.testing import LONG_MESSAGE, measure_wav

PACED_PLAYER = Path(paced_player.__file__)
PHRASES = ["yes", "no", "Please call the nurse", "I am in pain", "I need suction", "thank you"]


def ms(values: list[float]) -> dict[str, float]:
    v = sorted(x * 1000 for x in values)
    return {"p50": round(statistics.median(v), 2), "max": round(v[-1], 2), "n": len(v)}


def wait(predicate, timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("speech benchmark: gave up waiting")
        time.sleep(0.0005)


class TimedPlayback(speaker_module.Playback):
    """The real Playback, noting when the player starts and ends."""

    log: list[tuple[str, float, int]] = []

    def __init__(self, command, path) -> None:
        TimedPlayback.log.append(("start", time.monotonic(), 0))
        super().__init__(command, path)
        TimedPlayback.log[-1] = ("start", TimedPlayback.log[-1][1], self.process.pid)

    def wait(self, timeout=None) -> str:
        problem = super().wait(timeout)
        TimedPlayback.log.append(("end", time.monotonic(), self.process.pid))
        return problem


def engine_start() -> float:
    t0 = time.monotonic()
    worker = SynthWorker()
    worker.submit(Utterance(1, "yes", "/dev/null", 160, 1.0, ""))
    while worker.receive(0.05) is None:
        pass
    elapsed = time.monotonic() - t0
    worker.close()
    return elapsed


def first_audio(n_rounds: int) -> dict[str, object]:
    speaker_module.Playback = TimedPlayback  # type: ignore[misc]
    speaker = SystemSpeaker(SpeechSettings(), ("aplay", "-q", "-D", "null"))
    to_start, to_end, say_calls = [], [], []
    for i in range(-1, n_rounds):  # round -1 waits for the worker to start; not counted
        TimedPlayback.log.clear()
        t0 = time.monotonic()
        speaker.say(PHRASES[i % len(PHRASES)])
        say_s = time.monotonic() - t0
        wait(lambda: any(e[0] == "end" for e in TimedPlayback.log))
        if i < 0:
            continue
        say_calls.append(say_s)
        to_start.append(TimedPlayback.log[0][1] - t0)
        to_end.append(TimedPlayback.log[-1][1] - t0)
        time.sleep(0.02)
    speaker.close()
    speaker_module.Playback = TimedPlayback.__mro__[1]  # type: ignore[misc]
    return {"wav_ready_ms": ms(to_start), "aplay_done_ms": ms(to_end), "say_call_ms": ms(say_calls)}


def cut_off(n_rounds: int, by: str) -> dict[str, float]:
    speaker = SystemSpeaker(SpeechSettings(), (sys.executable, str(PACED_PLAYER)))
    silences = []
    for _ in range(n_rounds):
        TimedPlayback.log.clear()
        speaker_module.Playback = TimedPlayback  # type: ignore[misc]
        speaker.say(LONG_MESSAGE)
        wait(lambda: TimedPlayback.log and TimedPlayback.log[0][2])
        time.sleep(0.2)  # mid-sentence
        pid = TimedPlayback.log[0][2]
        t0 = time.monotonic()
        speaker.stop() if by == "stop" else speaker.say("yes")
        wait(lambda pid=pid: not Path(f"/proc/{pid}").exists())
        silences.append(time.monotonic() - t0)
        speaker.stop()
    speaker.close()
    speaker_module.Playback = TimedPlayback.__mro__[1]  # type: ignore[misc]
    return ms(silences)


def espeak_cli_first_byte(n_rounds: int) -> dict[str, float]:
    times = []
    for i in range(n_rounds):
        t0 = time.monotonic()
        proc = subprocess.Popen(
            ["espeak-ng", "--stdout", PHRASES[i % len(PHRASES)]], stdout=subprocess.PIPE
        )
        assert proc.stdout is not None
        proc.stdout.read(1)
        times.append(time.monotonic() - t0)
        proc.communicate()
    return ms(times)


def main() -> None:
    env_log = Path(tempfile.mkdtemp()) / "paced.jsonl"
    os.environ["PACED_PLAYER_LOG"] = str(env_log)
    sample = Path(tempfile.mkdtemp()) / "yes.wav"
    worker = SynthWorker()
    worker.submit(Utterance(1, "Please call the nurse", str(sample), 160, 1.0, ""))
    while worker.receive(0.05) is None:
        pass
    worker.close()
    result = {
        "first_audio": first_audio(20),
        "lead_silence_in_wav_ms": round(measure_wav(sample).lead_silence_s * 1000, 1),
        "cut_off_by_stop_ms": cut_off(8, "stop"),
        "cut_off_by_new_say_ms": cut_off(8, "say"),
        "baseline_espeak_cli_first_byte_ms": espeak_cli_first_byte(10),
        "baseline_worker_start_to_first_wav_ms": ms([engine_start() for _ in range(3)]),
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
