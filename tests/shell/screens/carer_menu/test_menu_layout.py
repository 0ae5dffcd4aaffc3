"""The carer menu's buttons stay large on every screen: a long menu goes in two columns when wide."""

from __future__ import annotations

import pytest

from commboard.shell.screens.carer_menu.carer_menu import menu_entries
from commboard.shell.screens.carer_menu.menu_paint import button_rects


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080), (1024, 768), (720, 1280)])
def test_every_menu_button_is_big_inside_the_panel_and_apart(size: tuple[int, int]) -> None:
    count = len(menu_entries())
    panel, title, buttons = button_rects(size, count)
    assert len(buttons) == count
    for i, b in enumerate(buttons):
        assert b[3] >= max(40, 0.04 * size[1]), f"button {i} is {b[3]} px high"
        assert panel[0] <= b[0] and b[0] + b[2] <= panel[0] + panel[2]
        assert title[1] + title[3] <= b[1] and b[1] + b[3] <= panel[1] + panel[3]
        assert not any(_overlap(b, c) for c in buttons[i + 1 :])
