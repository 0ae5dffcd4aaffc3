"""A banner never looks like the scan highlight: a patient must not take one for a lit row.

Draws real frames (pygame, dummy video driver) with a highlighted row and a
banner of each level, then reads the pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import pygame
import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import BoardView, Chrome, board_view
from commboard.effects import Banner
from commboard.shell.screens.board.banners import BANNER_INK, BANNER_STYLES
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import color

PAGE = Page(
    "home",
    "Home",
    2,
    2,
    (
        Cell("Yes", Action.SPEAK),
        Cell("No", Action.SPEAK),
        Cell("Water", Action.SPEAK, color="#8ab4f8"),
        Cell("Pain", Action.SPEAK),
    ),
)
HIGHLIGHT = "#ffd400"  # the default highlight colour (settings.display.highlight_color)


@pytest.fixture(scope="module")
def surface() -> Iterator[pygame.Surface]:
    pygame.display.init()
    pygame.font.init()
    yield pygame.display.set_mode((1280, 720))
    pygame.quit()


def frame(surface: pygame.Surface) -> tuple[BoardView, np.ndarray]:
    banners = (
        Banner("layout", "Layout problem: board.yaml, line 3: unknown action"),
        Banner("camera", "No camera - using the keyboard switch", "info"),
    )
    view = board_view(
        surface.get_size(), PAGE, "", (0, 1), Chrome("status", banners), highlight_color=HIGHLIGHT
    )
    BoardRenderer(surface).draw(view)
    return view, pygame.surfarray.array3d(surface).swapaxes(0, 1).astype(int)  # [y, x, rgb]


def region(pixels: np.ndarray, rect: tuple[int, int, int, int]) -> np.ndarray:
    x, y, w, h = rect
    return pixels[y : y + h, x : x + w].reshape(-1, 3)


def near(pixels: np.ndarray, rgb: tuple[int, int, int], within: float = 60.0) -> float:
    """Fraction of pixels within ``within`` (RGB distance) of ``rgb``."""
    return float(np.mean(np.linalg.norm(pixels - np.array(rgb), axis=1) < within))


def luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def test_no_banner_pixel_has_the_highlight_colour(surface: pygame.Surface) -> None:
    view, pixels = frame(surface)
    yellow = color(HIGHLIGHT, (0, 0, 0))
    lit = region(pixels, next(c.rect for c in view.cells if c.highlighted))
    assert near(lit, yellow) > 0.3  # the check does find the highlight where it is
    for rect in view.banner_rects:
        assert near(region(pixels, rect), yellow, within=120) == 0.0


def test_banners_are_dark_with_white_words_unlike_any_cell(surface: pygame.Surface) -> None:
    view, pixels = frame(surface)
    cell_colours = [color(HIGHLIGHT, (0, 0, 0)), (241, 243, 244), (138, 180, 248)]
    for banner, rect in zip(view.banners, view.banner_rects, strict=True):
        fill, _ = BANNER_STYLES[banner.level]
        area = region(pixels, rect)
        assert near(area, fill, within=10) > 0.5  # mostly the banner's own dark fill
        assert near(area, BANNER_INK, within=30) > 0.03  # white words and sign
        # WCAG contrast of the words: at least 7:1 (AAA), read from across a room.
        contrast = (luminance(BANNER_INK) + 0.05) / (luminance(fill) + 0.05)
        assert contrast >= 7.0
        for cell in cell_colours:
            assert np.linalg.norm(np.array(fill) - np.array(cell)) > 150


def test_each_level_has_its_own_sign_at_the_left(surface: pygame.Surface) -> None:
    view, pixels = frame(surface)
    signs = []
    for rect in view.banner_rects:
        x, y, w, h = rect
        sign = region(pixels, (x + h // 5, y + h // 6, h * 2 // 3, h * 2 // 3))
        assert near(sign, BANNER_INK, within=30) > 0.25  # a white shape, not just words
        signs.append(sign)
    warning, info = signs
    assert np.abs(warning.mean(axis=0) - info.mean(axis=0)).sum() > 20  # triangle vs circle
