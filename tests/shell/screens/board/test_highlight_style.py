"""Display settings a patient sees: frame and background colours, and an enlarged highlight.

Read from pixels and the render model: the colours chosen in the settings
reach the screen (at once, when changed on the running board), and an
enlarged highlight stays inside the grid with its labels whole, on small,
wide and portrait screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

import numpy
import pygame
import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import BoardView, Chrome, board_view, lit_frames, ring_px
from commboard.effects import Banner
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import MIN_FONT_PX, floor_px
from commboard.testing import YES_NO_LAYOUT, run_for

LAYOUT = YES_NO_LAYOUT
PAGE = Page(
    "home",
    "Home",
    3,
    3,
    tuple(
        Cell(label, Action.SPEAK)
        for label in ("Yes", "No", "Uncomfortable", "Call the nurse", "Pain", "Cold",
                      "Thank you", "Wait", "I want to sit up")
    ),
)  # fmt: skip
SIZES = [(800, 600), (1920, 1080), (800, 1280)]
RED = (200, 0, 0)
NAVY = (16, 32, 96)


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> BoardLoop:
    return start_board(layout=LAYOUT)


@pytest.fixture
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield
    pygame.font.quit()


def pixel(surface: pygame.Surface, x: int, y: int) -> tuple[int, int, int]:
    c = surface.get_at((x, y))
    return (c.r, c.g, c.b)


def lit_cell_frame_pixel(loop: BoardLoop) -> tuple[int, int, int]:
    """The colour in the middle of the left edge of the first lit cell's frame."""
    assert loop.view is not None
    cell = next(c for c in loop.view.cells if c.highlighted)
    x, y, _, h = cell.rect
    return pixel(loop.p.surface, x + loop.view.border_px // 2, y + h // 2)


def test_frame_and_background_colours_from_the_settings_show_at_once(board: BoardLoop) -> None:
    run_for(board, 1.5)  # the first cell is lit
    assert lit_cell_frame_pixel(board) == (0, 0, 0)  # the defaults: black frame
    assert pixel(board.p.surface, 1, 1) == (11, 15, 20)  # and the dark background

    display = replace(
        board.settings.display, highlight_border_color="#c80000", background_color="#102060"
    )
    board.apply_settings(replace(board.settings, display=display))
    run_for(board, 0.01)  # the next frame: no restart, no page change
    assert lit_cell_frame_pixel(board) == RED
    assert pixel(board.p.surface, 1, 1) == NAVY  # the margin around the board
    assert board.view is not None
    x, y, w, _ = board.view.grid_rect  # the gap between message bar and cells
    assert pixel(board.p.surface, x + w // 2, y - board.view.gap_px // 2) == NAVY


def enlarged_row(size: tuple[int, int], row: int) -> BoardView:
    lit = tuple(range(row * 3, row * 3 + 3))
    chrome = Chrome("switch: keyboard", (Banner("a", "A problem"),))
    return board_view(size, PAGE, "Hello", lit, chrome, border_scale=2.0, enlarge_highlight=True)


def inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("row", [0, 1, 2])
def test_an_enlarged_row_grows_as_one_band_inside_the_grid(size: tuple[int, int], row: int) -> None:
    view = enlarged_row(size, row)
    frames = lit_frames(view)
    ring = ring_px(view)
    assert len(frames) == 3
    for index, frame in frames.items():
        slot = view.cells[index].rect
        ringed = (frame[0] - ring, frame[1] - ring, frame[2] + 2 * ring, frame[3] + 2 * ring)
        assert inside(slot, frame), "never smaller than its slot"
        clipped_ring = pygame.Rect(ringed).clip(pygame.Rect(view.grid_rect))
        assert inside(frame, view.grid_rect) and inside(tuple(clipped_ring), view.grid_rect)
        assert frame[3] > slot[3], "an enlarged lit cell is taller than its slot"
    tops = {f[1] for f in frames.values()}
    heights = {f[3] for f in frames.values()}
    assert len(tops) == 1 and len(heights) == 1, "the lit row is one band"
    ordered = [frames[i] for i in sorted(frames)]
    for a, b in zip(ordered, ordered[1:], strict=False):
        assert a[0] + a[2] < b[0], "lit neighbours keep apart"


@pytest.mark.parametrize("size", SIZES)
def test_an_enlarged_highlight_leaves_message_banners_and_status_untouched(
    size: tuple[int, int], fonts: None
) -> None:
    """Every pixel outside the grid is the same with the top or bottom row lit and enlarged."""
    surface = pygame.Surface(size)
    renderer = BoardRenderer(surface)
    unlit = replace(
        enlarged_row(size, 0),
        cells=tuple(replace(c, highlighted=False) for c in enlarged_row(size, 0).cells),
    )
    renderer.draw(unlit)
    outside = numpy.ones(size, dtype=bool)  # surfarray is indexed [x, y]
    gx, gy, gw, gh = unlit.grid_rect
    outside[gx : gx + gw, gy : gy + gh] = False
    unlit_pixels = pygame.surfarray.array3d(surface)
    before = unlit_pixels[outside]
    for row in (0, 2):
        renderer.draw(enlarged_row(size, row))
        after = pygame.surfarray.array3d(surface)
        assert (after[outside] == before).all(), f"row {row} drew outside the grid"
        frames = lit_frames(enlarged_row(size, row))
        for x, y, _, h in frames.values():  # the frames were drawn, enlarged
            assert (after[x + 1, y + h // 2] != unlit_pixels[x + 1, y + h // 2]).any()


@pytest.mark.parametrize("size", SIZES)
def test_enlarged_labels_are_larger_and_whole(size: tuple[int, int], fonts: None) -> None:
    renderer = BoardRenderer(pygame.Surface(size))
    for row in (0, 1, 2):
        view = enlarged_row(size, row)
        renderer.draw(view)
        page_px = renderer.label_sizes(view)
        for index, frame in lit_frames(view).items():
            cell = view.cells[index]
            box, px = renderer.lit_label(cell, pygame.Rect(frame), view)
            assert inside(box, frame), "the label sits inside the frame"
            # As drawn: whole words, or hyphenated where that is the readable size.
            floor = floor_px(renderer.label_box(pygame.Rect(frame), view.border_px).size)
            shown = renderer.texts.label_fit(cell.label, box[2:], px, floor)[0]
            # It only returns more than the smallest size when the words fit the box.
            assert shown > MIN_FONT_PX, f"{cell.label!r} does not fit at {size}"
            assert shown >= page_px[index], f"{cell.label!r} shrank when enlarged"
