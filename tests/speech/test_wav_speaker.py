"""``--speech wav:DIR``: how tests hear the board.  Real pyttsx3 synthesis, real WAV files."""

from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from speech_helpers import wait_until

from commboard.adapters.pyttsx3_speaker import open_speaker
from commboard.adapters.wav_speaker import WavDirSpeaker
from commboard.settings import SpeechSettings
from commboard.speech import NullSpeaker
from commboard.testing import LONG_MESSAGE, alive, measure_wav

FAKE_PYTTSX3 = {
    "import fails": "raise ImportError('No module named pyttsx3')\n",
    "no espeak library": (
        "def init(*args, **kwargs):\n"
        "    raise OSError('libespeak-ng.so.1: cannot open shared object file')\n"
    ),
}


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "speech"


def open_wav(out: Path, settings: SpeechSettings | None = None) -> WavDirSpeaker:
    speaker = open_speaker(f"wav:{out}", settings or SpeechSettings())
    assert isinstance(speaker, WavDirSpeaker)
    return speaker


def test_each_message_is_a_numbered_wav_of_real_speech(out: Path) -> None:
    speaker = open_wav(out)
    speaker.say("Please call the nurse")
    speaker.cue("row two")
    speaker.say("yes")
    speaker.close()

    assert sorted(p.name for p in out.iterdir()) == ["0001.wav", "0002.wav", "cue-0001.wav"]
    nurse, yes, cue = (measure_wav(out / n) for n in ("0001.wav", "0002.wav", "cue-0001.wav"))
    for audio in (nurse, yes, cue):
        assert audio.rms > 0.02 and audio.peak > 0.2  # speech, not silence
    assert nurse.duration_s > yes.duration_s  # more words, longer audio
    assert nurse.lead_silence_s < 0.02  # espeak's ~55 ms lead-in is trimmed to 10 ms


def test_the_folder_it_makes_for_the_patients_words_is_private(tmp_path: Path) -> None:
    # Review12: 'wav:DIR' made DIR (and any folder above it) 0755, so every user of the
    # machine could list and play what the patient said; the history and logs are 0600.
    out = tmp_path / "new" / "speech"
    open_wav(out).close()
    for folder in (out, out.parent):
        assert folder.stat().st_mode & 0o777 == 0o700


def test_say_returns_long_before_the_file_is_synthesised(out: Path) -> None:
    speaker = open_wav(out)
    speaker.say("warm up")
    assert wait_until(lambda: not speaker.status().speaking)  # worker started

    t0 = time.monotonic()
    speaker.say(LONG_MESSAGE)
    say_s = time.monotonic() - t0
    assert speaker.status().speaking
    assert wait_until(lambda: not speaker.status().speaking)
    synth_s = time.monotonic() - t0
    speaker.close()

    audio = measure_wav(out / "0002.wav")
    assert say_s < synth_s / 5  # the caller did not wait for synthesis...
    assert synth_s < audio.duration_s / 5  # ...which itself is far faster than speaking


def test_prompt_voice_is_quieter_and_faster_than_the_message_voice(out: Path) -> None:
    speaker = open_wav(out)
    speaker.say("row two, column three")
    speaker.cue("row two, column three")
    speaker.close()
    message, cue = measure_wav(out / "0001.wav"), measure_wav(out / "cue-0001.wav")
    assert cue.peak < message.peak * 0.7  # cue_volume 0.5 against volume 1.0
    assert cue.duration_s < message.duration_s * 0.9  # 220 wpm against 160 wpm


def test_apply_changes_the_rate_of_the_next_message(out: Path) -> None:
    speaker = open_wav(out, SpeechSettings(rate_wpm=100))
    speaker.say("I would like a drink of water")
    speaker.apply(dataclasses.replace(SpeechSettings(), rate_wpm=250))
    speaker.say("I would like a drink of water")
    speaker.close()
    slow, fast = measure_wav(out / "0001.wav"), measure_wav(out / "0002.wav")
    assert fast.duration_s < slow.duration_s * 0.6


def test_unknown_voice_speaks_with_the_default_and_tells_the_carer(out: Path) -> None:
    speaker = open_wav(out, SpeechSettings(voice="no-such-voice-anywhere"))
    speaker.say("yes")
    assert wait_until(lambda: not speaker.status().speaking)
    status = speaker.status()
    speaker.close()
    assert status.available and status.problem == ""
    assert "no-such-voice-anywhere" in status.notice
    assert measure_wav(out / "0001.wav").rms > 0.02


def test_numbering_continues_after_files_already_there(out: Path) -> None:
    out.mkdir()
    (out / "0001.wav").write_bytes(b"an earlier run")
    (out / "0007.wav").write_bytes(b"an earlier run")
    speaker = open_wav(out)
    speaker.say("hello")
    speaker.close()
    assert (out / "0001.wav").read_bytes() == b"an earlier run"
    assert measure_wav(out / "0008.wav").rms > 0.02


def test_stop_does_not_lose_files_already_asked_for(out: Path) -> None:
    speaker = open_wav(out)
    speaker.say("I am in pain")
    speaker.stop()
    speaker.say("my back")
    speaker.close()
    assert measure_wav(out / "0001.wav").rms > 0.02 and measure_wav(out / "0002.wav").rms > 0.02


def test_a_crashed_worker_is_restarted_once_then_given_up(out: Path) -> None:
    speaker = open_wav(out)
    speaker.say("before")
    assert wait_until(lambda: (out / "0001.wav").exists() and not speaker.status().speaking)

    os.kill(speaker.worker_pid, signal.SIGKILL)
    speaker.say("after one crash")
    assert wait_until(lambda: not speaker.status().speaking)
    assert speaker.status().available
    assert measure_wav(out / "0002.wav").rms > 0.02

    os.kill(speaker.worker_pid, signal.SIGKILL)
    speaker.say("after two crashes")
    assert wait_until(lambda: speaker.status().problem)
    status = speaker.status()
    assert not status.available and not status.speaking
    assert status.problem == "Speech stopped working: the speech engine crashed twice"
    speaker.say("the board goes on")  # never raises
    speaker.close()


def test_the_worker_does_not_outlive_a_killed_board(out: Path) -> None:
    with subprocess.Popen(
        [
            sys.executable,
            "-c",
            (
                "import os, signal\n"
                "from commboard.adapters.pyttsx3_speaker import open_speaker\n"
                "from commboard.settings import SpeechSettings\n"
                "if __name__ == '__main__':\n"
                f"    s = open_speaker('wav:{out}', SpeechSettings())\n"
                "    print(s.worker_pid, flush=True)\n"
                "    os.kill(os.getpid(), signal.SIGKILL)  # no clean-up at all\n"
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    ) as board:
        assert board.stdout is not None
        worker_pid = int(board.stdout.readline())
        board.wait()
    assert board.returncode == -signal.SIGKILL
    assert wait_until(lambda: not alive(worker_pid))


@pytest.mark.parametrize("failure", sorted(FAKE_PYTTSX3))
def test_an_engine_that_cannot_start_is_reported_in_plain_words(
    failure: str, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake" / "pyttsx3"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(FAKE_PYTTSX3[failure])
    monkeypatch.syspath_prepend(str(fake.parent))  # the spawned worker inherits sys.path

    speaker = open_wav(out)
    speaker.say("hello")
    assert wait_until(lambda: speaker.status().problem)
    status = speaker.status()
    speaker.close()
    assert not status.available
    assert status.problem.startswith("Speech unavailable: the speech engine could not start")
    assert ("ImportError" if failure == "import fails" else "libespeak") in status.problem


def test_a_folder_that_cannot_be_made_gives_a_silent_speaker_that_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    speaker = open_speaker(f"wav:{blocker}/speech", SpeechSettings())
    assert isinstance(speaker, NullSpeaker)
    assert not speaker.status().available
    assert speaker.status().problem.startswith("Speech unavailable:")
    assert str(blocker) in speaker.status().problem


def test_a_control_character_in_the_words_does_not_silence_them(out: Path) -> None:
    # A cell imported from another app's board can carry a NUL ("\u0000Drink"):
    # espeak read the words as a C string and stopped at the NUL, so the
    # patient chose "Drink" and the board said nothing (a 0.0 s file, no error).
    speaker = open_wav(out)
    speaker.say("\0Drink\x1b please")
    speaker.close()
    audio = measure_wav(out / "0001.wav")
    assert audio.rms > 0.02 and audio.duration_s > 0.4  # both words, not silence
