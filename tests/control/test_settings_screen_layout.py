"""The settings screen's geometry on every screen shape, portrait included (issue 8 item 12).

At 720x1280 the value editor collapsed to a sliver between its - and +
buttons, and a row's label ran into its value ("Scan modeauto").  Pure
geometry: no pygame.
"""

from __future__ import annotations

from itertools import combinations

import pytest

from commboard.control.board_view import Rect
from commboard.control.settings_screen_layout import row_parts, screen_layout

SIZES = [(720, 1280), (600, 1024), (1080, 1920), (800, 600), (1280, 720), (1920, 1080)]
GROUPS = 5


def overlap(a: Rect, b: Rect) -> bool:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def within(inner: Rect, outer: Rect) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return ox <= x and oy <= y and x + w <= ox + ow and y + h <= oy + oh


@pytest.mark.parametrize("size", SIZES)
def test_the_value_editor_keeps_a_usable_width(size: tuple[int, int]) -> None:
    lay = screen_layout(size, GROUPS)
    _, _, value_w, value_h = lay.value
    assert value_w >= max(3 * value_h, lay.detail[2] // 2), (size, lay.value)
    assert not overlap(lay.minus, lay.value) and not overlap(lay.value, lay.plus)


@pytest.mark.parametrize("size", SIZES)
def test_list_detail_try_out_and_buttons_never_overlap(size: tuple[int, int]) -> None:
    lay = screen_layout(size, GROUPS)
    parts = [lay.detail, lay.tryout, lay.message, lay.scroll, *lay.rows, *lay.buttons, *lay.tabs]
    for a, b in combinations(parts, 2):
        assert not overlap(a, b), (size, a, b)
    for part in parts:
        assert within(part, lay.panel), (size, part)
    assert len(lay.rows) >= 4  # a portrait list still shows several settings


@pytest.mark.parametrize("size", SIZES)
def test_a_rows_label_and_value_are_apart(size: tuple[int, int]) -> None:
    for row in screen_layout(size, GROUPS).rows:
        label, value = row_parts(row)
        assert not overlap(label, value) and within(label, row) and within(value, row)
        side_by_side = value[1] == label[1]
        if side_by_side:
            assert value[0] - (label[0] + label[2]) >= row[3] // 3  # a clear gap between them


def test_a_narrow_row_puts_the_value_on_its_own_line() -> None:
    label, value = row_parts((0, 0, 300, 60))
    assert value[1] >= label[1] + label[3]  # below the label
    assert label[2] > 250  # and the label has the whole width
