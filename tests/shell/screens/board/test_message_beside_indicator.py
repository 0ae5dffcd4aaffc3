"""A long message is never hidden under the eye indicator at the right of the message bar."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import numpy
import pygame
import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import Chrome, board_view
from commboard.shell.screens.board.eye_indicator import indicator_rect
from commboard.shell.screens.board.render import BoardRenderer

PAGE = Page("home", "Home", 1, 2, (Cell("Yes", Action.SPEAK), Cell("No", Action.SPEAK)))
LONG = "please call my daughter and ask her to bring my reading glasses tomorrow " * 2


@pytest.fixture(autouse=True)
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    pygame.font.quit()


def ink_columns(surface: pygame.Surface, rect: tuple[int, int, int, int]) -> numpy.ndarray:
    """x positions inside ``rect`` (relative to its left) where dark text pixels are."""
    x, y, w, h = rect
    corner = 12  # rounded corners (radius 10) show the dark background: skip those rows
    pixels = pygame.surfarray.array3d(surface)[x : x + w, y + corner : y + h - corner].astype(int)
    dark = pixels.sum(axis=2) < 200
    return numpy.nonzero(dark.any(axis=1))[0]


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("said", [None, "I am thirsty " * 6])
def test_words_end_before_the_indicator(size: tuple[int, int], said: str | None) -> None:
    surface = pygame.Surface(size)
    view = board_view(size, PAGE, LONG, (), Chrome(said=said))
    bar = view.message_rect
    indicator_x = indicator_rect(bar)[0]
    BoardRenderer(surface).draw(view)
    free = ink_columns(surface, bar)
    assert free.max() + bar[0] >= indicator_x, "without an indicator the words use the bar"

    with_room = replace(view, message_text_w=indicator_x - bar[0])
    BoardRenderer(surface).draw(with_room)
    ink = ink_columns(surface, bar)
    # The said-bar frame is drawn round the whole bar: ignore its right edge.
    border = max(2, bar[3] // 25) + 1 if said else 0
    ink = ink[ink < bar[2] - border]
    assert ink.size and ink.max() + bar[0] < indicator_x
