"""The mouse on carer screens: a move with the button held and a release become drag events."""

from __future__ import annotations

import pygame

from commboard.adapters.pygame_input import translate
from commboard.events import PointerMoved, PointerUp


def _on_cells(x: int, y: int) -> int | None:
    return 0  # the board's hit test: every point is cell 0


def test_the_mouse_held_down_is_a_drag_only_over_a_carer_screen() -> None:
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), buttons=(1, 0, 0), rel=(2, 0))
    hover = pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), buttons=(0, 0, 0), rel=(2, 0))
    release = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(30, 40), button=1)
    assert translate(motion, 5.0, None) == PointerMoved(5.0, 30, 40)
    assert translate(release, 5.0, None) == PointerUp(5.0, 30, 40)
    assert translate(hover, 5.0, None) is None  # moving without the button: no drag
    assert translate(motion, 5.0, _on_cells) is None  # on the board the mouse only points
    assert translate(release, 5.0, _on_cells) is None


def test_closing_the_window_reaches_the_board_whether_or_not_a_carer_screen_is_open() -> None:
    from commboard.events import WindowClosed

    close = pygame.event.Event(pygame.QUIT)
    assert translate(close, 7.0, None) == WindowClosed(7.0)  # a carer screen is open
    assert translate(close, 7.0, _on_cells) == WindowClosed(7.0)
