"""The render model: layout of the board on screens of any size, and pointer hits."""

from __future__ import annotations

import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import Chrome, board_view, cell_at
from commboard.effects import Banner

PAGE = Page(
    "home",
    "Home",
    2,
    3,
    (
        Cell("Yes", Action.SPEAK),
        Cell("No", Action.SPEAK),
        None,
        Cell("Pain", Action.GO, target="pain"),
        Cell("Thirsty", Action.SPEAK),
        Cell("Help", Action.ALARM),
    ),
)


def inside(inner: tuple[int, int, int, int], outer: tuple[int, int, int, int]) -> bool:
    return (
        inner[0] >= outer[0]
        and inner[1] >= outer[1]
        and inner[0] + inner[2] <= outer[0] + outer[2]
        and inner[1] + inner[3] <= outer[1] + outer[3]
    )


@pytest.mark.parametrize("size", [(640, 480), (1280, 720), (1920, 1080), (800, 1280)])
def test_cells_fill_the_screen_without_overlapping(size: tuple[int, int]) -> None:
    view = board_view(size, PAGE, "", (), Chrome(banners=(Banner("a", "x"),)))
    screen = (0, 0, *size)
    rects = [c.rect for c in view.cells]
    assert len(rects) == 5  # the empty slot is not drawn
    assert all(inside(r, screen) for r in rects)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert (
                a[0] + a[2] <= b[0]
                or b[0] + b[2] <= a[0]
                or a[1] + a[3] <= b[1]
                or b[1] + b[3] <= a[1]
            )
    grid_bottom = max(r[1] + r[3] for r in rects)
    assert grid_bottom <= view.banner_rects[0][1] <= view.status_rect[1]
    # cells take most of the screen: large targets for the patient's eyes
    assert sum(r[2] * r[3] for r in rects) / 5 * 6 > 0.5 * size[0] * size[1]


def test_highlighted_cells_are_marked_and_borders_scale_with_the_screen() -> None:
    small = board_view((640, 480), PAGE, "", (3, 4, 5), Chrome())
    large = board_view((1920, 1080), PAGE, "", (3, 4, 5), Chrome(), border_scale=2.0)
    assert [c.label for c in small.cells if c.highlighted] == ["Pain", "Thirsty", "Help"]
    assert large.border_px > 2 * small.border_px >= 10


def test_words_shown_instead_of_speech_take_the_message_bar_and_leave_the_grid_still() -> None:
    normal = board_view((1280, 720), PAGE, "hi", (), Chrome())
    said = board_view((1280, 720), PAGE, "hi", (), Chrome(said="I am thirsty"))
    assert said.said == "I am thirsty" and normal.said is None
    assert said.message_rect == normal.message_rect
    assert [(c.label, c.rect) for c in said.cells] == [(c.label, c.rect) for c in normal.cells]


def test_pointer_hits_the_cell_under_it_and_nothing_between_cells() -> None:
    view = board_view((1280, 720), PAGE, "", (), Chrome())
    pain = next(c for c in view.cells if c.label == "Pain")
    x, y, w, h = pain.rect
    assert cell_at(view, x + w // 2, y + h // 2) == 3
    assert cell_at(view, x - 2, y + h // 2) is None  # the gap left of the first column
    assert cell_at(view, 5, 5) is None  # the message bar
