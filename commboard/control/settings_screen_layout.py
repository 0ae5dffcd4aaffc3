"""Where everything is on the therapist's settings screen, for one screen size.

Geometry is one pure function of the screen size, shared by drawing
(``settings_paint``) and by mouse hit-testing (``settings_screen``), so a
click always lands on what was drawn.  Proportions were chosen by looking at
screenshots at 800x600, 1280x720 and 1920x1080; on a portrait screen
(720x1280) the detail and the try-out go below the list instead of beside it,
so the value editor keeps a usable width, and the tabs take two rows.
"""

from __future__ import annotations

import math
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
# A tab narrower than this many times its height goes into two rows of tabs.
TAB_MIN_SHAPE = 2.0
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
    scroll: Rect  # the strip beside the list for its scroll bar


def _stacked(size: tuple[int, int]) -> bool:
    """Whether the detail goes below the list: a screen taller than wide."""
    return size[1] > size[0]


def screen_layout(size: tuple[int, int], groups: int) -> ScreenLayout:
    """Every rectangle of the screen at ``size`` with ``groups`` tabs."""
    w, h = size
    m = max(8, h // 40)
    px, py, pw, ph = panel = (m, m, w - 2 * m, h - 2 * m)
    title = (px + m, py + m // 2, pw - 2 * m, round(ph * 0.08))
    tab_y, tab_h = title[1] + title[3], round(ph * 0.065)
    per_row = max(1, groups)
    if (pw - 2 * m) // per_row < TAB_MIN_SHAPE * tab_h:
        # Narrow (portrait): two rows of wider tabs, or "Scanning" was drawn at 9 px.
        per_row, tab_h = max(1, math.ceil(groups / 2)), round(ph * 0.05)
    tab_w = (pw - 2 * m) // per_row
    tabs = [
        (px + m + (i % per_row) * tab_w, tab_y + (i // per_row) * tab_h, tab_w - m // 2,
         tab_h - (m // 2 if groups > per_row else 0))
        for i in range(groups)
    ]  # fmt: skip
    tab_h *= math.ceil(max(1, groups) / per_row)  # the height of all rows of tabs
    bottom_h = round(ph * 0.075)
    buttons_y = py + ph - bottom_h - m // 2
    button_w = (pw - 2 * m) // len(BUTTONS)
    buttons = [
        (px + m + i * button_w, buttons_y, button_w - m, bottom_h) for i in range(len(BUTTONS))
    ]
    message = (px + m, buttons_y - round(ph * 0.06) - m // 2, pw - 2 * m, round(ph * 0.06))
    list_top = tab_y + tab_h + m // 2
    row_h = max(26, round(ph * 0.058))
    room = message[1] - m // 2 - list_top
    if _stacked(size):
        # Full-width list (less its scroll strip), then the detail, then the try-out.
        list_w = pw - 3 * m
        count = max(1, round(room * 0.4) // row_h)
        dx, dw = px + m, pw - 2 * m
        detail = (dx, list_top + count * row_h + m // 2, dw, round(room * 0.32))
    else:
        list_w = round((pw - 2 * m) * 0.5)
        count = max(1, room // row_h)
        dx = px + m + list_w + m
        dw = px + pw - m - dx
        detail = (dx, list_top, dw, round((message[1] - list_top) * 0.52))
    rows = [(px + m, list_top + i * row_h, list_w, row_h - 3) for i in range(count)]
    scroll_x = px + m + list_w
    scroll_gap = (dx if not _stacked(size) else px + pw - m) - scroll_x
    scroll_w = max(4, scroll_gap // 2)
    scroll = (scroll_x + (scroll_gap - scroll_w) // 2, list_top, scroll_w, count * row_h - 3)
    vy, vh = detail[1] + round(detail[3] * 0.2), round(detail[3] * 0.22)
    bottom = detail[1] + detail[3] + m // 2
    tryout = (dx, bottom, dw, message[1] - m // 2 - bottom)
    box = (px + pw // 8, py + ph // 4, pw * 3 // 4, ph // 2)
    cw, ch = (box[2] - 4 * m) // 3, round(ph * 0.1)
    confirm = [(box[0] + m + i * (cw + m), box[1] + box[3] - ch - m, cw, ch) for i in range(3)]
    return ScreenLayout(
        panel, title, tabs, rows, detail, (dx, vy, vh, vh), (dx + vh + m, vy, dw - 2 * vh - 2 * m, vh),
        (dx + dw - vh, vy, vh, vh), tryout, message, buttons, box, confirm, scroll,
    )  # fmt: skip


def row_parts(row: Rect) -> tuple[Rect, Rect]:
    """Where a settings row's label and value go: side by side, or stacked when narrow.

    A clear gap (a third of the row height) always parts them, so "Scan mode"
    and "auto" never read as one word; a row less than eight times as wide as
    it is high puts the value on its own line under the label.
    """
    x, y, w, h = row
    pad, gap = 10, max(14, h // 3)
    if w < 8 * h:
        half = h // 2
        return (x + pad, y, w - 2 * pad, half), (
            x + pad + gap,
            y + half,
            w - 2 * pad - gap,
            h - half,
        )
    split = w * 6 // 10
    return (x + pad, y, split - pad - gap, h), (x + split, y, w - split - pad, h)


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
