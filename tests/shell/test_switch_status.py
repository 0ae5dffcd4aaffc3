"""The status line names what selects right now: the blink switch only while the camera works.

A carer glancing at the status line must not read "keyboard" while the
patient is selecting with blinks, nor "blink" after the camera was lost.  The
camera here is a scripted feed of status changes (no MediaPipe needed): the
board's own ``EyeInput`` glue and frame loop react to it as to a real one.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from commboard.cli import build_parser
from commboard.shell import app
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.signals.blink_switch import BlinkSwitch
from commboard.vision.sample import CameraState, CameraStatus, EyeSample


class StatusFeed:
    """A vision feed that delivers only the camera states the test queues."""

    def __init__(self) -> None:
        self.queued: list[CameraStatus | EyeSample] = []

    def start(self) -> None:
        pass

    def drain(self, now: float) -> list[EyeSample | CameraStatus]:
        out, self.queued = self.queued, []
        return out

    def latest_frame(self) -> tuple[np.ndarray, EyeSample] | None:
        return None

    def close(self) -> None:
        pass


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's own profiles."""
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "config"))


@pytest.fixture
def board(tmp_path: Path) -> Iterator[tuple[BoardLoop, StatusFeed]]:
    args = build_parser().parse_args(
        ["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none",
         "--history", str(tmp_path / "h.jsonl")]
    )  # fmt: skip
    loop = app.build(args)
    assert isinstance(loop, BoardLoop)
    feed = StatusFeed()
    loop.eyes = EyeInput(
        feed, BlinkSwitch(loop.settings.blink), camera="index:0", virtual_clock=True
    )
    loop.safe_frame(loop.p.clock.now())
    yield loop, feed
    app.close(loop)


def camera(loop: BoardLoop, feed: StatusFeed, state: CameraState) -> str:
    """The camera changes state; the status line's switch part on the next frame."""
    feed.queued.append(CameraStatus(loop.now, state, state.value))
    loop.p.clock.advance_to(loop.now + 0.1)
    loop.safe_frame(loop.p.clock.now())
    assert loop.view is not None
    return loop.view.status.split("  |  ")[0]


def test_status_line_names_the_blink_switch_only_while_the_camera_works(
    board: tuple[BoardLoop, StatusFeed],
) -> None:
    loop, feed = board
    assert camera(loop, feed, CameraState.STARTING) == "switch: keyboard"
    assert camera(loop, feed, CameraState.OK) == "switch: blink + keyboard"
    assert camera(loop, feed, CameraState.LOST) == "switch: keyboard"
    assert camera(loop, feed, CameraState.OK) == "switch: blink + keyboard"
    assert camera(loop, feed, CameraState.ERROR) == "switch: keyboard"


def test_no_blink_switch_while_calibration_records_the_eyes(
    board: tuple[BoardLoop, StatusFeed],
) -> None:
    loop, feed = board
    camera(loop, feed, CameraState.OK)
    assert loop.eyes is not None
    loop.eyes.record(lambda sample: None)  # what the calibration screen does while it records
    assert loop.switch_names() == "keyboard"
    loop.eyes.record(None)
    assert loop.switch_names() == "blink + keyboard"
