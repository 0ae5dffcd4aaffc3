"""Where everything is on the therapist's settings screen, for one screen size.

Geometry is one pure function of the screen size, shared by drawing
(``settings_paint``) and by mouse hit-testing (``settings_screen``), so a
click always lands on what was drawn.  Proportions were chosen by looking at
screenshots at 800x600, 1280x720 and 1920x1080.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commboard.control.board_view import Rect

# The buttons along the bottom and of the leave-without-saving question: (key, label).
BUTTONS = (
    ("s", "S  Save"),
    ("t", "T  Try with switch"),
    ("d", "D  Default"),
    ("esc", "Esc  Leave"),
)
CONFIRM = (("s", "S  Save and leave"), ("l", "L  Leave, do not save"), ("c", "C  Keep editing"))


@dataclass(frozen=True, slots=True)
class ScreenLayout:
    """Where everything is, for one screen size."""

    panel: Rect
    title: Rect
    tabs: list[Rect]
    rows: list[Rect]
    detail: Rect
    minus: Rect
    value: Rect
    plus: Rect
    tryout: Rect
    message: Rect
    buttons: list[Rect]
    confirm_box: Rect
    confirm: list[Rect]


def screen_layout(size: tuple[int, int], groups: int) -> ScreenLayout:
    """Every rectangle of the screen at ``size`` with ``groups`` tabs."""
    w, h = size
    m = max(8, h // 40)
    px, py, pw, ph = panel = (m, m, w - 2 * m, h - 2 * m)
    title = (px + m, py + m // 2, pw - 2 * m, round(ph * 0.08))
    tab_y, tab_h = title[1] + title[3], round(ph * 0.065)
    tab_w = (pw - 2 * m) // max(1, groups)
    tabs = [(px + m + i * tab_w, tab_y, tab_w - m // 2, tab_h) for i in range(groups)]
    bottom_h = round(ph * 0.075)
    buttons_y = py + ph - bottom_h - m // 2
    button_w = (pw - 2 * m) // len(BUTTONS)
    buttons = [
        (px + m + i * button_w, buttons_y, button_w - m, bottom_h) for i in range(len(BUTTONS))
    ]
    message = (px + m, buttons_y - round(ph * 0.06) - m // 2, pw - 2 * m, round(ph * 0.06))
    list_top = tab_y + tab_h + m // 2
    list_w = round((pw - 2 * m) * 0.5)
    row_h = max(26, round(ph * 0.058))
    count = max(1, (message[1] - m // 2 - list_top) // row_h)
    rows = [(px + m, list_top + i * row_h, list_w, row_h - 3) for i in range(count)]
    dx = px + m + list_w + m
    dw = px + pw - m - dx
    detail = (dx, list_top, dw, round((message[1] - list_top) * 0.52))
    vy, vh = detail[1] + round(detail[3] * 0.2), round(detail[3] * 0.22)
    bottom = detail[1] + detail[3] + m // 2
    tryout = (dx, bottom, dw, message[1] - m // 2 - bottom)
    box = (px + pw // 8, py + ph // 4, pw * 3 // 4, ph // 2)
    cw, ch = (box[2] - 4 * m) // 3, round(ph * 0.1)
    confirm = [(box[0] + m + i * (cw + m), box[1] + box[3] - ch - m, cw, ch) for i in range(3)]
    return ScreenLayout(
        panel, title, tabs, rows, detail, (dx, vy, vh, vh), (dx + vh + m, vy, dw - 2 * vh - 2 * m, vh),
        (dx + dw - vh, vy, vh, vh), tryout, message, buttons, box, confirm,
    )  # fmt: skip


def choice_rects(lay: ScreenLayout, count: int) -> list[Rect]:
    """The open choice list, below the value box, over the help and try-out."""
    x, y, w, h = lay.value
    top = y + h + 6
    room = lay.tryout[1] + lay.tryout[3] - top
    row = max(22, min(h, room // max(1, count)))
    return [(x, top + i * row, w, row - 3) for i in range(count)]


def inside(rect: Rect, x: int, y: int) -> bool:
    """Whether the point is in the rectangle."""
    rx, ry, rw, rh = rect
    return rx <= x < rx + rw and ry <= y < ry + rh


def clicked(rects: Sequence[Rect], x: int, y: int) -> int | None:
    """Which of ``rects`` holds the point, the first if several (None: none)."""
    return next((i for i, rect in enumerate(rects) if inside(rect, x, y)), None)
