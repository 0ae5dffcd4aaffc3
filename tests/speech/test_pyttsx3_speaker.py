"""Speaking aloud: never blocks, cuts off at once, never talks over a message, fails in plain words.

This machine has no sound card, so the player is a paced stand-in for aplay
(``commboard.adapters.paced_player``) that takes as long as the sound lasts and logs when it
starts and whether it reached the end.  The synthesis is the real pyttsx3.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from speech_helpers import wait_until

from commboard.adapters.audio_player import NO_DEVICE, NO_PLAYER
from commboard.adapters.paced_player import PacedPlayer
from commboard.adapters.pyttsx3_speaker import SystemSpeaker, open_speaker
from commboard.settings import SpeechSettings
from commboard.speech import NullSpeaker, SpeechStatus
from commboard.testing import LONG_MESSAGE, alive


@pytest.fixture
def speaker(paced_aplay: PacedPlayer) -> Iterator[SystemSpeaker]:
    s = open_speaker("system", SpeechSettings())
    assert isinstance(s, SystemSpeaker)
    yield s
    s.close()


def started(player: PacedPlayer, n: int) -> dict:
    assert wait_until(lambda: len(player.starts()) >= n), f"player never started #{n}"
    return player.starts()[n - 1]


def test_say_returns_before_the_speech_is_even_synthesised(
    speaker: SystemSpeaker, paced_aplay: PacedPlayer
) -> None:
    t0 = time.monotonic()
    speaker.say(LONG_MESSAGE)
    say_s = time.monotonic() - t0
    assert speaker.status().speaking

    first = started(paced_aplay, 1)
    assert first["duration"] > 4.0  # the whole message was synthesised
    # The player can only start once the WAV exists; say() had returned long before.
    assert say_s < first["t"] - t0
    assert say_s < first["duration"] / 100
    assert speaker.status() == SpeechStatus(available=True, speaking=True, problem="")


def test_stop_cuts_the_message_off_long_before_it_would_end(
    speaker: SystemSpeaker, paced_aplay: PacedPlayer
) -> None:
    speaker.say(LONG_MESSAGE)
    playing = started(paced_aplay, 1)

    t_stop = time.monotonic()
    speaker.stop()
    assert wait_until(lambda: not alive(playing["pid"]))
    cut_off_s = time.monotonic() - t_stop

    assert not paced_aplay.ended(playing["pid"])
    assert cut_off_s < playing["duration"] / 10
    assert wait_until(lambda: not speaker.status().speaking)


def test_a_new_message_cuts_off_the_previous_one_and_plays_to_its_end(
    speaker: SystemSpeaker, paced_aplay: PacedPlayer
) -> None:
    speaker.say(LONG_MESSAGE)
    first = started(paced_aplay, 1)
    speaker.say("yes")
    second = started(paced_aplay, 2)

    assert not alive(first["pid"]) and not paced_aplay.ended(first["pid"])
    assert second["duration"] < first["duration"] / 4
    assert wait_until(lambda: paced_aplay.ended(second["pid"]))
    assert wait_until(lambda: not speaker.status().speaking)


def test_cues_never_talk_over_a_message(speaker: SystemSpeaker, paced_aplay: PacedPlayer) -> None:
    speaker.say("please wait")
    message = started(paced_aplay, 1)
    speaker.cue("row one")  # would cut the message off if it were played
    assert wait_until(lambda: paced_aplay.ended(message["pid"]))
    assert wait_until(lambda: not speaker.status().speaking)

    speaker.cue("row two")
    cue = started(paced_aplay, 2)
    assert wait_until(lambda: paced_aplay.ended(cue["pid"]))
    assert len(paced_aplay.starts()) == 2  # "row one" was dropped, not delayed
    assert not speaker.status().speaking  # a cue is not a message


def test_a_message_cuts_off_a_cue(speaker: SystemSpeaker, paced_aplay: PacedPlayer) -> None:
    speaker.cue(LONG_MESSAGE)
    cue = started(paced_aplay, 1)
    speaker.say("yes")
    started(paced_aplay, 2)
    assert not paced_aplay.ended(cue["pid"])


def test_unplugged_speaker_is_reported_and_recovers_when_plugged_back(
    speaker: SystemSpeaker,
    paced_aplay: PacedPlayer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    unplugged = tmp_path / "unplugged"
    monkeypatch.setenv("PACED_PLAYER_UNPLUGGED", str(unplugged))
    speaker.say("hello")
    assert wait_until(lambda: paced_aplay.ended(started(paced_aplay, 1)["pid"]))
    assert speaker.status().available

    unplugged.touch()
    speaker.say("can you hear me")
    assert wait_until(lambda: speaker.status().problem == NO_DEVICE)
    assert not speaker.status().available

    unplugged.unlink()
    speaker.say("and now")
    assert wait_until(lambda: speaker.status().available)
    assert speaker.status().problem == ""


def test_missing_audio_device_is_reported_in_plain_words() -> None:
    # The real aplay with an ALSA device that exists on no machine.
    speaker = open_speaker("system:commboard_no_such_device", SpeechSettings())
    try:
        assert wait_until(lambda: speaker.status().problem)
        assert speaker.status().problem == NO_DEVICE
        assert not speaker.status().available
        speaker.say("still working")  # the board goes on; the shell shows the words
        speaker.stop()
    finally:
        speaker.close()


def test_missing_player_gives_a_silent_speaker_that_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no aplay, no afplay
    speaker = open_speaker("system", SpeechSettings())
    assert isinstance(speaker, NullSpeaker)
    assert not speaker.status().available
    assert speaker.status().problem == NO_PLAYER


def test_the_board_process_never_imports_pyttsx3(tmp_path: Path) -> None:
    # A crash inside espeak (C code) must not take the board down with it.
    code = (
        "import sys\n"
        "from commboard.adapters.pyttsx3_speaker import open_speaker\n"
        "from commboard.settings import SpeechSettings\n"
        "if __name__ == '__main__':\n"
        f"    s = open_speaker('wav:{tmp_path}', SpeechSettings())\n"
        "    s.say('yes')\n"
        "    s.close()\n"
        "    assert 'pyttsx3' not in sys.modules, 'pyttsx3 imported in the board process'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=os.environ
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "0001.wav").stat().st_size > 1000


def test_an_engine_that_cannot_start_is_reported_and_nothing_stays_speaking(
    paced_aplay: PacedPlayer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake" / "pyttsx3"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text("raise ImportError('No module named pyttsx3')\n")
    monkeypatch.syspath_prepend(str(fake.parent))  # the spawned worker inherits sys.path

    speaker = open_speaker("system", SpeechSettings())
    try:
        speaker.say("hello")
        assert wait_until(lambda: speaker.status().problem)
        speaker.say("hello again")
        status = speaker.status()
        assert not status.available and not status.speaking
        assert status.problem.startswith("Speech unavailable: the speech engine could not start")
        assert paced_aplay.starts() == []
    finally:
        speaker.close()
