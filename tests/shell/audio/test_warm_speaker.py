"""The voice opens in the background: the board never waits for it, and nothing said is lost."""

from __future__ import annotations

import threading

from commboard.settings import SpeechSettings
from commboard.shell.audio.warm_speaker import WarmingSpeaker
from commboard.testing import RecordingSpeaker


def test_words_said_while_the_voice_starts_are_said_once_it_is_ready() -> None:
    ready = threading.Event()
    real = RecordingSpeaker()

    def slow_open() -> RecordingSpeaker:
        ready.wait(5)
        return real

    speaker = WarmingSpeaker(slow_open)
    speaker.say("Yes")
    speaker.say("No")  # a newer utterance replaces the older one, as when speaking
    speaker.apply(SpeechSettings(rate_wpm=120))
    assert real.said == [] and speaker.status().available
    ready.set()
    speaker.close()
    assert real.said == ["No"] and real.settings == SpeechSettings(rate_wpm=120)


def test_stop_before_ready_drops_the_pending_words() -> None:
    ready = threading.Event()
    real = RecordingSpeaker()
    speaker = WarmingSpeaker(lambda: (ready.wait(5), real)[1])
    speaker.say("Thirsty")
    speaker.stop()
    ready.set()
    speaker.close()
    assert real.said == []


def test_an_opener_that_fails_gives_a_silent_speaker_with_the_reason() -> None:
    def broken() -> RecordingSpeaker:
        raise OSError("espeak-ng missing")

    speaker = WarmingSpeaker(broken)
    speaker.close()
    status = speaker.status()
    assert not status.available and "espeak-ng missing" in status.problem
