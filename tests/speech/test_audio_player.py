"""Reading the audio player's failures: the carer's banner must say what is wrong in plain words."""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import pytest

from commboard.adapters.audio_player import (
    DEVICE_BUSY,
    NO_DEVICE,
    describe_failure,
    find_player,
    trim_leading_silence,
)
from commboard.testing import measure_wav

# What aplay printed on the machine these tests were written on (no sound card).
NO_CARD_STDERR = """\
ALSA lib confmisc.c:855:(parse_card) cannot find card '0'
ALSA lib conf.c:5180:(_snd_config_evaluate) function snd_func_card_inum returned error: No such file or directory
ALSA lib pcm.c:2666:(snd_pcm_open_noupdate) Unknown PCM default
aplay: main:831: audio open error: No such file or directory
"""


def test_no_sound_card_reads_as_no_audio_output_device() -> None:
    assert describe_failure(1, NO_CARD_STDERR) == NO_DEVICE
    assert describe_failure(1, "aplay: main:831: audio open error: No such device\n") == NO_DEVICE


def test_a_device_held_by_another_program_is_called_busy_not_missing() -> None:
    stderr = "aplay: main:831: audio open error: Device or resource busy\n"
    assert describe_failure(1, stderr) == DEVICE_BUSY


def test_other_failures_quote_the_players_last_line() -> None:
    problem = describe_failure(
        1, "aplay: test_wavefile:1131: can't play WAVE-files with sample 64 bits wide\n"
    )
    assert problem == (
        "Speech unavailable: the audio player failed "
        "(aplay: test_wavefile:1131: can't play WAVE-files with sample 64 bits wide)"
    )
    assert (
        describe_failure(-9, "") == "Speech unavailable: the audio player failed (exit status -9)"
    )


def test_player_is_aplay_on_the_chosen_device(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    aplay = tmp_path / "aplay"
    aplay.write_text("#!/bin/sh\n")
    aplay.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    assert find_player() == ("aplay", "-q")
    assert find_player("plughw:1,0") == ("aplay", "-q", "-D", "plughw:1,0")
    aplay.unlink()
    assert find_player() is None


def test_leading_silence_is_trimmed_to_ten_ms_and_the_speech_kept(tmp_path: Path) -> None:
    rate = 22050
    tone = (0.5 * 32767 * np.sin(2 * np.pi * 440 * np.arange(rate // 2) / rate)).astype("<i2")
    samples = np.concatenate([np.zeros(rate // 10, "<i2"), tone])  # 100 ms silence, 0.5 s tone
    path = tmp_path / "utterance.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())

    trim_leading_silence(path)

    audio = measure_wav(path)
    assert abs(audio.lead_silence_s - 0.01) < 0.001
    assert abs(audio.duration_s - 0.51) < 0.001
    with wave.open(str(path)) as w:
        kept = np.frombuffer(w.readframes(w.getnframes()), "<i2")
    assert np.array_equal(kept[-len(tone) :], tone)
