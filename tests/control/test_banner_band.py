"""Banners never move the grid (issue 8, item 11).

Before: each banner took its height from the grid, so a banner going up or
down mid-scan (the scan banner, "Hold longer", a camera problem) made every
cell jump under the patient's eyes.  Now the band banners use is kept free
whether or not one is shown; two banners share it side by side.
"""

from __future__ import annotations

import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import SCAN_BANNER, Chrome, banner_band, board_view
from commboard.effects import Banner

PAGE = Page(
    "home",
    "Home",
    3,
    3,
    tuple(Cell(f"Cell {i}", Action.SPEAK) for i in range(8)) + (Cell("Help", Action.ALARM),),
)
SIZES = [(640, 480), (800, 600), (1280, 720), (1920, 1080), (720, 1280)]
BANNERS = (
    Banner("camera", "Camera lost"),
    Banner("speech", "Speech is unavailable: no device. Spoken words are shown at the top."),
    Banner(SCAN_BANNER, "Scanning stopped - press the switch to start", "info"),
)


def overlaps(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return not (
        a[0] + a[2] <= b[0] or b[0] + b[2] <= a[0] or a[1] + a[3] <= b[1] or b[1] + b[3] <= a[1]
    )


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("count", [1, 2, 3])
def test_the_grid_is_identical_with_and_without_banners(size: tuple[int, int], count: int) -> None:
    bare = board_view(size, PAGE, "", (4,), Chrome())
    with_banners = board_view(size, PAGE, "", (4,), Chrome(banners=BANNERS[:count]))
    assert with_banners.banners  # they are shown...
    assert with_banners.grid_rect == bare.grid_rect  # ...and no cell moved
    assert [c.rect for c in with_banners.cells] == [c.rect for c in bare.cells]
    assert with_banners.message_rect == bare.message_rect
    assert with_banners.status_rect == bare.status_rect


@pytest.mark.parametrize("size", SIZES)
def test_banners_sit_in_their_band_side_by_side_over_no_cell(size: tuple[int, int]) -> None:
    view = board_view(size, PAGE, "", (), Chrome(banners=BANNERS))
    band = banner_band(size)
    assert len(view.banner_rects) == 2  # the newest problem and the scan banner
    left, right = view.banner_rects
    assert left[1] == right[1] == band[1] and left[3] == right[3] == band[3]
    assert left[0] == band[0] and right[0] + right[2] <= band[0] + band[2]
    assert left[0] + left[2] < right[0]  # apart, not overlapping
    assert right[2] >= band[2] // 2 - view.gap_px  # each has half the width to wrap its words in
    for rect in view.banner_rects:
        assert not overlaps(rect, view.grid_rect)
        assert not overlaps(rect, view.status_rect)
        assert all(not overlaps(rect, c.rect) for c in view.cells)


@pytest.mark.parametrize("size", SIZES)
def test_one_banner_takes_the_whole_band(size: tuple[int, int]) -> None:
    view = board_view(size, PAGE, "", (), Chrome(banners=BANNERS[:1]))
    assert view.banner_rects == (banner_band(size),)
