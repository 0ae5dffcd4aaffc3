"""The speech seam: silence chosen by the carer vs broken speech, and the fake the shell tests use."""

from __future__ import annotations

import pytest

from commboard.adapters.pyttsx3_speaker import open_speaker
from commboard.settings import SpeechSettings
from commboard.speech import NullSpeaker, SpeechStatus
from commboard.testing import RecordingSpeaker


def test_chosen_silence_is_unavailable_without_a_problem() -> None:
    speaker = open_speaker("none", SpeechSettings())
    assert isinstance(speaker, NullSpeaker)
    speaker.say("yes")
    speaker.cue("row one")
    speaker.stop()
    speaker.apply(SpeechSettings(rate_wpm=100))
    assert speaker.status() == SpeechStatus(available=False, speaking=False, problem="")
    speaker.close()


@pytest.mark.parametrize("spec", ["loud", "wav", "wav:", ""])
def test_an_unknown_speech_choice_is_a_problem_not_a_crash(spec: str) -> None:
    status = open_speaker(spec, SpeechSettings()).status()
    assert not status.available
    assert status.problem.startswith("Speech unavailable: unknown --speech")
    assert "system, none or wav:DIR" in status.problem


def test_broken_speech_says_why() -> None:
    status = NullSpeaker("Speech unavailable: no audio output device").status()
    assert not status.available and not status.speaking
    assert status.problem == "Speech unavailable: no audio output device"


def test_recording_speaker_keeps_cues_off_a_message_like_the_real_one() -> None:
    speaker = RecordingSpeaker()
    speaker.cue("row one")
    speaker.say("I need suction")
    speaker.cue("row two")
    assert speaker.status().speaking
    speaker.finish()
    speaker.cue("row three")
    speaker.say("now")
    speaker.stop()
    assert speaker.calls == [
        ("cue", "row one"),
        ("say", "I need suction"),
        ("cue-dropped", "row two"),
        ("cue", "row three"),
        ("say", "now"),
        ("stop", ""),
    ]
    assert speaker.said == ["I need suction", "now"]
    assert not speaker.status().speaking


def test_recording_speaker_can_act_out_broken_speech() -> None:
    speaker = RecordingSpeaker(
        available=False, problem="Speech unavailable: no audio output device"
    )
    speaker.say("yes")
    assert speaker.status() == SpeechStatus(
        False, False, "Speech unavailable: no audio output device"
    )
    assert speaker.said == ["yes"]
