"""The renderer paints the hold bar and an outline that shows on any cell colour (issue 8, 9/10).

Real frames (pygame, dummy video driver), read back as pixels: the bar on a
held cell fills as far as the render model says and is gone when the press
ends; a frame the profile made the same colour as the highlight is drawn in
black, and the ring (white, with a black edge) is there around it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import numpy as np
import pygame
import pytest

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.control import board_status
from commboard.control.board_view import (
    BoardView,
    Chrome,
    HoldView,
    board_view,
    lit_frames,
    ring_edge_px,
    ring_px,
)
from commboard.settings import DisplaySettings, ScanPattern, Settings
from commboard.shell.screens.board.render import HOLD_FILL, BoardRenderer

YELLOW = (255, 212, 0)
PAGE = Page(
    "home",
    "Home",
    2,
    2,
    (
        Cell("Yes", Action.SPEAK),
        Cell("No", Action.SPEAK, color="#ffffff"),
        Cell("Call nurse", Action.ALARM),
        Cell("Pain", Action.SPEAK, color="#000000"),
    ),
)


@pytest.fixture(scope="module")
def surface() -> Iterator[pygame.Surface]:
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode((1280, 720))
    pygame.quit()


def pixels(surface: pygame.Surface) -> np.ndarray:
    return pygame.surfarray.array3d(surface).swapaxes(0, 1).astype(int)  # [y, x, rgb]


def bar_fill(renderer: BoardRenderer, view: BoardView, cell: int, shot: np.ndarray) -> float:
    """Share of the hold bar's middle row painted in the hold colour."""
    bar = renderer.hold_bar(pygame.Rect(lit_frames(view)[cell]), view)
    row = shot[bar.centery, bar.left : bar.right]
    return float(np.mean(np.all(row == HOLD_FILL, axis=1)))


@pytest.mark.parametrize("progress", [0.0, 0.25, 0.5, 1.0])
def test_the_hold_bar_fills_as_far_as_the_hold_has_got(
    surface: pygame.Surface, progress: float
) -> None:
    renderer = BoardRenderer(surface)
    view = board_view(surface.get_size(), PAGE, "", (2,), Chrome(), hold=HoldView((2,), progress))
    renderer.draw(view)
    assert bar_fill(renderer, view, 2, pixels(surface)) == pytest.approx(progress, abs=0.02)


def test_the_bar_goes_when_the_press_ends_and_never_covers_the_label(
    surface: pygame.Surface,
) -> None:
    renderer = BoardRenderer(surface)
    held = board_view(surface.get_size(), PAGE, "", (2,), Chrome(), hold=HoldView((2,), 0.6))
    renderer.draw(held)
    frame = pygame.Rect(lit_frames(held)[2])
    label, _ = renderer.lit_label(held.cells[2], frame, held)
    assert not renderer.hold_bar(frame, held).colliderect(pygame.Rect(label))
    renderer.draw(replace(held, hold=None))
    assert bar_fill(renderer, held, 2, pixels(surface)) == 0.0


def test_a_frame_the_colour_of_the_highlight_is_drawn_black_inside_a_white_ring_and_black_edge(
    surface: pygame.Surface,
) -> None:
    display = DisplaySettings(highlight_color="#ffd400", highlight_border_color="#ffd400")
    settings = Settings(display=display)
    settings = replace(settings, scan=replace(settings.scan, pattern=ScanPattern.LINEAR))
    session = Session(Layout("Test", "en", "home", {"home": PAGE}), settings, 0.0)
    session.tick(0.0)
    view = board_status.board_frame(surface.get_size(), session, Chrome(), None)
    assert [c.index for c in view.cells if c.highlighted] == [0]  # "Yes", beside "No" (white)
    BoardRenderer(surface).draw(view)
    shot = pixels(surface)
    x, y, w, h = lit_frames(view)[0]
    mid_y = y + h // 2
    assert tuple(shot[mid_y, x + view.border_px // 2]) == (0, 0, 0)  # the frame: black, not yellow
    assert tuple(shot[mid_y, x + view.border_px + 3]) == YELLOW  # the fill inside it
    right = x + w  # the ring reaches into the gap towards the white cell "No"
    ring, edge = ring_px(view), ring_edge_px(view)
    assert tuple(shot[mid_y, right + ring - edge - 1]) == (255, 255, 255)  # the ring
    assert tuple(shot[mid_y, right + ring - 1]) == (0, 0, 0)  # its edge, against the white cell
