"""The status line stays readable when it carries a long reason.

A refused dwell puts its whole reason in the status line ("The camera
picture is 1280x720, but looks were calibrated at 640x480: ...").  Squeezed
onto one line, the status was drawn about 9 px high in a 44 px line at
1280x800, and at 800x480 it was cut, its last part (WAITING FOR SWITCH) lost.
It now wraps onto more lines at a larger size.
"""

from __future__ import annotations

import pygame
import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import Chrome, board_view
from commboard.effects import Banner
from commboard.shell.screens.board.banners import BANNER_INK
from commboard.shell.screens.board.render import BACKGROUND, BoardRenderer
from commboard.shell.screens.board.status_line import STATUS_BG

LONG = (
    "switch: The camera picture is 1280×720, but looks were calibrated at 640×480: calibrate "
    "looks again before dwell is used. Scanning: blink + keyboard  |  scan 1.0 s row-column  |  "
    "camera: ok  |  WAITING FOR SWITCH"
)
SHORT = "switch: keyboard  |  scan 1.0 s row-column  |  camera: off"
PAGE = Page("home", "Home", 1, 1, (Cell("Yes", Action.SPEAK),))


def status_bands(size: tuple[int, int], status: str) -> list[int]:
    """Heights of the bands of text rows drawn right of the page title (one per line)."""
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    view = board_view(size, PAGE, "", (), Chrome(status=status))
    BoardRenderer(surface).draw(view)
    x, y, w, h = view.status_rect
    left = x + w // 6  # right of the title "Home" and its rule
    inked = [
        any(surface.get_at((cx, cy))[:3] not in (STATUS_BG, BACKGROUND) for cx in range(left, w))
        for cy in range(y + 1, y + h - 1)
    ]
    bands, run = [], 0
    for on in [*inked, False]:
        if on:
            run += 1
        elif run:
            bands.append(run)
            run = 0
    return bands


@pytest.mark.parametrize("size", [(800, 480), (1280, 800), (1920, 1080), (720, 1280)])
def test_a_long_status_is_drawn_in_lines_as_tall_as_a_short_one_nearly(
    size: tuple[int, int],
) -> None:
    short = max(status_bands(size, SHORT))
    long = status_bands(size, LONG)
    assert len(long) >= 2  # wrapped, not squeezed onto one line
    assert min(long) >= 0.6 * short, (long, short)


def test_a_long_status_keeps_its_last_words_on_a_small_screen() -> None:
    pygame.display.init()
    pygame.font.init()
    size = (800, 480)
    renderer = BoardRenderer(pygame.Surface(size))
    px, lines = renderer.status_layout(board_view(size, PAGE, "", (), Chrome(status=LONG)))
    assert lines[-1].endswith("WAITING FOR SWITCH")
    words = [w for w in " ".join(lines).split() if w != "|"]
    assert words == [w for w in LONG.split() if w != "|"]  # every word shown, none cut


def test_a_status_is_broken_between_its_parts_where_they_fit() -> None:
    pygame.display.init()
    pygame.font.init()
    size = (720, 1280)
    status = "switch: blink + keyboard  |  scan 1.0 s row-column  |  camera: ok  |  not calibrated"
    renderer = BoardRenderer(pygame.Surface(size))
    _, lines = renderer.status_layout(board_view(size, PAGE, "", (), Chrome(status=status)))
    parts = status.split("  |  ")
    assert len(lines) > 1  # portrait: too long for one readable line
    assert [p for line in lines for p in line.split("  |  ")] == parts  # no part cut in two


BANNERS = (
    Banner(
        "layout",
        "Layout /home/carer/layouts/ward.yaml line 4: not valid YAML: while parsing a flow node"
        " expected the node content, but found '<stream end>'; using the default layout.",
    ),
    Banner("history", "History /home/carer/h.jsonl, lines 1, 2: damaged, skipped."),
)


def banner_line_heights(size: tuple[int, int]) -> list[int]:
    """Heights of the bands of white text rows drawn in each banner, right of its sign."""
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    view = board_view(size, PAGE, "", (), Chrome(banners=BANNERS))
    BoardRenderer(surface).draw(view)
    heights = []
    for x, y, w, h in view.banner_rects:
        left = x + h  # past the warning sign
        inked = [
            any(surface.get_at((cx, cy))[:3] == BANNER_INK for cx in range(left, x + w - 8))
            for cy in range(y + 3, y + h - 3)
        ]
        run = 0
        for on in [*inked, False]:
            if on:
                run += 1
            elif run:
                heights.append(run)
                run = 0
    return heights


def test_a_short_screen_draws_two_banners_and_the_status_as_large_as_800x600_does() -> None:
    """800x480 (a common small tablet): the band and the status line were shorter than at
    800x600, so two banners' words and the status were drawn smaller than on any other screen."""
    pygame.display.init()
    pygame.font.init()
    reference, short = (800, 600), (800, 480)
    px = {
        size: BoardRenderer(pygame.Surface(size)).status_layout(
            board_view(size, PAGE, "", (), Chrome(status=SHORT))
        )[0]
        for size in (reference, short)
    }
    assert px[short] >= px[reference]
    assert min(banner_line_heights(short)) >= min(banner_line_heights(reference))
