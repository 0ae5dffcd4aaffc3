"""Words of a message whose speech fails while it plays are still shown large.

A real speaker learns that the player or the audio device failed a few
milliseconds after ``say()`` returned.  The board must notice on a later frame
and show those words in the large "Said:" bar, with the banner, instead of
leaving the patient unheard and unseen.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame
import pytest

from commboard.effects import StopSpeech
from commboard.shell.loop import BoardLoop
from commboard.testing import YES_NO_LAYOUT, RecordingSpeaker, run_for

LAYOUT = YES_NO_LAYOUT
FAILURE = "Speech failed: the audio device was unplugged"


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> tuple[BoardLoop, RecordingSpeaker]:
    loop = start_board(layout=LAYOUT, draw=False)
    speaker = RecordingSpeaker()  # works when asked: the failure comes later
    loop.p.speaker = speaker
    loop.safe_frame(loop.p.clock.now())
    return loop, speaker


def choose(loop: BoardLoop, label: str) -> None:
    """Click a cell (a mouse click chooses at once)."""
    assert loop.view is not None
    cell = next(c for c in loop.view.cells if c.label == label)
    x, y, w, h = cell.rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.05)


def fail(speaker: RecordingSpeaker) -> None:
    speaker.available, speaker.problem = False, FAILURE


def test_speech_failing_while_the_message_plays_shows_its_words_and_the_banner(
    board: tuple[BoardLoop, RecordingSpeaker],
) -> None:
    loop, speaker = board
    choose(loop, "Yes")
    assert speaker.said == ["Yes"]
    assert loop.view is not None and loop.view.said is None  # speech looked fine when asked
    fail(speaker)  # the player reports the failure a few ms later
    run_for(loop, 0.01)
    assert loop.view.said == "Yes"
    assert any(FAILURE in b.text for b in loop.view.banners)
    run_for(loop, 11.0)
    assert loop.view.said is None  # the words go after a while; the banner stays
    assert any(FAILURE in b.text for b in loop.view.banners)


def test_a_failure_after_the_message_played_shows_no_old_words(
    board: tuple[BoardLoop, RecordingSpeaker],
) -> None:
    loop, speaker = board
    choose(loop, "No")
    speaker.finish()  # "No" was heard
    run_for(loop, 0.5)
    fail(speaker)
    run_for(loop, 0.5)
    assert loop.view is not None and loop.view.said is None  # nothing unheard to show
    assert any(FAILURE in b.text for b in loop.view.banners)


def test_a_message_the_patient_stopped_is_not_shown_as_failed(
    board: tuple[BoardLoop, RecordingSpeaker],
) -> None:
    loop, speaker = board
    choose(loop, "Yes")
    loop.perform([StopSpeech(loop.now)])  # the patient's "Stop" cell
    fail(speaker)  # before the next frame
    run_for(loop, 0.1)
    assert loop.view is not None and loop.view.said is None
    assert any(FAILURE in b.text for b in loop.view.banners)
