"""Privacy: ``--screenshots`` saves pictures of the board, never the camera picture.

The carer's camera view paints the live camera frame over the board.  A
screenshot taken while it is open must show the board only, so no camera
frame ever lands on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.camera_view.camera_view import CameraView


@pytest.fixture(autouse=True)
def dummy_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")


def test_a_screenshot_under_the_camera_view_shows_the_board_not_the_camera(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    shots = tmp_path / "shots"
    shots.mkdir()
    loop = start_board(
        "--camera-fps", "15", "--max-seconds", "3", "--screenshots", str(shots),
        camera="synthetic", draw=False,
    )  # fmt: skip
    try:
        loop.run()  # the camera runs; the demo face is seen
        assert loop.eyes is not None and loop.eyes.picture() is not None
        loop.open_screen(CameraView(loop, loop.eyes))
        loop.shots.due = "page"
        loop.draw()
        on_screen = pygame.surfarray.array3d(loop.p.surface)
        # The same board state drawn without any carer screen on top.
        loop.renderer.draw(loop.view)
        loop.eyes.draw(loop.p.surface, loop.view, loop.renderer.texts)
        board = pygame.surfarray.array3d(loop.p.surface)
    finally:
        app.close(loop)
    saved = sorted((tmp_path / "shots").glob("*.png"))
    assert saved, "a screenshot was due"
    saved_pixels = pygame.surfarray.array3d(pygame.image.load(str(saved[-1])))
    assert (on_screen != board).any(), "the camera view was on screen"
    assert (saved_pixels == board).all(), "the file shows the board, not the camera view"
