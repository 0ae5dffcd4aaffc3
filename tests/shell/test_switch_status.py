"""The status line names what selects right now: the blink switch only while the camera works.

A carer glancing at the status line must not read "keyboard" while the
patient is selecting with blinks, nor "blink" after the camera was lost.  The
camera here is a scripted feed of status changes (no MediaPipe needed): the
board's own ``EyeInput`` glue and frame loop react to it as to a real one.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedFeed
from commboard.vision.sample import CameraState, CameraStatus


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> tuple[BoardLoop, ScriptedFeed]:
    loop = start_board(draw=False)
    feed = ScriptedFeed()
    loop.eyes = EyeInput(
        feed, BlinkSwitch(loop.settings.blink), clock=loop.p.clock, camera="index:0"
    )
    loop.safe_frame(loop.p.clock.now())
    return loop, feed


def camera(loop: BoardLoop, feed: ScriptedFeed, state: CameraState) -> str:
    """The camera changes state; the status line's switch part on the next frame."""
    feed.items.append(CameraStatus(loop.now, state, state.value))
    loop.p.clock.advance_to(loop.now + 0.1)
    loop.safe_frame(loop.p.clock.now())
    assert loop.view is not None
    return loop.view.status.split("  |  ")[0]


def test_status_line_names_the_blink_switch_only_while_the_camera_works(
    board: tuple[BoardLoop, ScriptedFeed],
) -> None:
    loop, feed = board
    assert camera(loop, feed, CameraState.STARTING) == "switch: keyboard"
    assert camera(loop, feed, CameraState.OK) == "switch: blink + keyboard"
    assert camera(loop, feed, CameraState.LOST) == "switch: keyboard"
    assert camera(loop, feed, CameraState.OK) == "switch: blink + keyboard"
    assert camera(loop, feed, CameraState.ERROR) == "switch: keyboard"


def test_no_blink_switch_while_calibration_records_the_eyes(
    board: tuple[BoardLoop, ScriptedFeed],
) -> None:
    loop, feed = board
    camera(loop, feed, CameraState.OK)
    assert loop.eyes is not None
    loop.eyes.record(lambda sample: None)  # what the calibration screen does while it records
    assert loop.switch_names() == "keyboard"
    loop.eyes.record(None)
    assert loop.switch_names() == "blink + keyboard"
