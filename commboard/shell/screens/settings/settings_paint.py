"""Geometry and painting of the therapist's settings screen (state lives in ``settings_screen``).

Geometry is one pure function of the screen size, shared by drawing and by
mouse hit-testing, so a click always lands on what was drawn.  Proportions
were chosen by looking at screenshots at 800x600, 1280x720 and 1920x1080.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pygame

from commboard.settings import Meta, get
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in, color, ink_for
from commboard.shell.view import Rect, grid_rects

if TYPE_CHECKING:
    from commboard.shell.screens.settings.settings_screen import SettingsScreen

RGB = tuple[int, int, int]
PANEL = (32, 38, 46)
ROW = (52, 60, 70)
TRYOUT_BG = (20, 24, 30)
CHANGED = (138, 180, 248)  # values edited but not yet saved
SELECTED = (255, 212, 0)
MUTED = (190, 196, 204)
WARN = (255, 150, 130)
GROUP_TITLES = {
    "scan": "Scanning",
    "blink": "Blink switch",
    "speech": "Speech",
    "display": "Display",
}
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


def decimals(meta: Meta) -> int:
    """Digits after the point that the setting's step needs (0.05 -> 2)."""
    return max(0, -math.floor(math.log10(meta.step) + 1e-9)) if meta.step else 2


def show_value(meta: Meta, value: object) -> str:
    """A value as a therapist reads it: '1.3 s', 'Yes', 'row column', '(system default)'."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value.replace("_", " ") if value else "(system default)"
    text = f"{value:.{decimals(meta)}f}" if isinstance(value, float) else str(value)
    return f"{text} {meta.unit}" if meta.unit else text


def range_text(meta: Meta, default: object) -> str:
    """'from 0.1 s to 10.0 s,  step 0.1,  default 1.0 s'."""
    parts = []
    if meta.min is not None and meta.max is not None:
        low, high = show_value(meta, float(meta.min)), show_value(meta, float(meta.max))
        parts.append(f"from {low} to {high}")
    if meta.step:
        parts.append(f"step {meta.step:g}")
    parts.append(f"default {show_value(meta, default)}")
    return ",  ".join(parts)


class Painter:
    """Drawing helpers over one surface and the shared text cache."""

    def __init__(self, surface: pygame.Surface, texts: TextCache) -> None:
        self.surface = surface
        self.texts = texts

    def text(
        self, text: str, rect: Rect, ink: RGB, *, align: str = "center", max_px: int = 0
    ) -> None:
        """``text`` as large as fits ``rect`` (at most ``max_px``, default 62% of its height)."""
        x, y, w, h = rect
        if w > 4 and h > 4:
            px = max_px or round(h * 0.62)
            blit_in(self.surface, self.texts.text(text, (w, h), ink, px, align=align), rect, align)

    def box(
        self, rect: Rect, fill: RGB, text: str, ink: RGB, *, border: bool = False, max_px: int = 0
    ) -> None:
        """A rounded box with centred text; ``border`` adds the thick black highlight frame."""
        pygame.draw.rect(self.surface, fill, rect, border_radius=8)
        if border:
            pygame.draw.rect(self.surface, INK, rect, width=4, border_radius=8)
        x, y, w, h = rect
        self.text(text, (x + 8, y + 2, w - 16, h - 4), ink, max_px=max_px)


def paint(screen: SettingsScreen, surface: pygame.Surface, texts: TextCache) -> None:
    """The whole settings screen over the board."""
    lay = screen_layout(surface.get_size(), len(screen.groups))
    p = Painter(surface, texts)
    pygame.draw.rect(surface, PANEL, lay.panel, border_radius=14)
    unsaved = "  -  changes not saved yet" if screen.changed else ""
    p.text(f"Settings for profile '{screen.profile}'{unsaved}", lay.title, PAPER, align="left")
    current = screen.key.split(".", 1)[0]
    for group, rect in zip(screen.groups, lay.tabs, strict=True):
        on = group == current
        p.box(
            rect,
            SELECTED if on else ROW,
            GROUP_TITLES.get(group, group.title()),
            INK if on else PAPER,
        )
    _rows(screen, p, lay)
    _detail(screen, p, lay)
    _tryout(screen, p, lay)
    p.text(screen.message[0], lay.message, screen.message[1], align="left")
    for (letter, label), rect in zip(BUTTONS, lay.buttons, strict=True):
        trying = letter == "t" and screen.trying
        p.box(
            rect,
            CHANGED if trying else ROW,
            "T  Stop try-out" if trying else label,
            INK if trying else PAPER,
        )
    if screen.mode == "choose":
        _choices(screen, p, lay)
    if screen.mode == "confirm":
        _confirm(p, lay)


def _choices(screen: SettingsScreen, p: Painter, lay: ScreenLayout) -> None:
    choices = screen.entries[screen.index][1].choices
    rects = choice_rects(lay, len(choices))
    x, y = rects[0][:2]
    w, h = rects[-1][0] + rects[-1][2] - x, rects[-1][1] + rects[-1][3] - y
    pygame.draw.rect(p.surface, PANEL, (x - 6, y - 6, w + 12, h + 12), border_radius=10)
    for i, (rect, choice) in enumerate(zip(rects, choices, strict=True)):
        on = i == screen.choice
        p.box(rect, SELECTED if on else PAPER, choice.replace("_", " "), INK, border=on)


def _rows(screen: SettingsScreen, p: Painter, lay: ScreenLayout) -> None:
    label_px = round(lay.rows[0][3] * 0.66)
    for rect, i in zip(lay.rows, screen.visible_rows(len(lay.rows)), strict=False):
        key, meta, _ = screen.entries[i]
        value = get(screen.edited, key)
        on = i == screen.index
        changed = value != get(screen.saved, key)
        pygame.draw.rect(p.surface, SELECTED if on else ROW, rect, border_radius=6)
        x, y, w, h = rect
        ink = INK if on else PAPER
        p.text(meta.label, (x + 10, y, w * 6 // 10 - 14, h), ink, align="left", max_px=label_px)
        shown = ("* " if changed else "") + show_value(meta, value)
        value_ink = ink if on else CHANGED if changed else MUTED
        p.text(
            shown,
            (x + w * 6 // 10, y, w * 4 // 10 - 10, h),
            value_ink,
            align="left",
            max_px=label_px,
        )


def _detail(screen: SettingsScreen, p: Painter, lay: ScreenLayout) -> None:
    key, meta, default = screen.entries[screen.index]
    value = get(screen.edited, key)
    dx, dy, dw, dh = lay.detail
    p.text(meta.label, (dx, dy, dw, round(dh * 0.18)), PAPER, align="left")
    p.box(lay.minus, PAPER, "-", INK)
    p.box(lay.plus, PAPER, "+", INK)
    shown = screen.typed + "|" if screen.mode == "type" else show_value(meta, value)
    p.box(lay.value, SELECTED, shown, INK)
    if key.endswith("_color"):  # a swatch, because a colour code alone says little
        x, y, _, h = lay.value
        pygame.draw.rect(p.surface, color(str(value), PAPER), (x + 6, y + 6, h - 12, h - 12))
    below = lay.value[1] + lay.value[3] + 6
    line_h = round(dh * 0.15)
    p.text(range_text(meta, default), (dx, below, dw, line_h), MUTED, align="left")
    help_rect = (dx, below + line_h, dw, dy + dh - below - line_h)
    p.text(meta.help, help_rect, PAPER, align="left", max_px=round(line_h * 0.8))
    if screen.mode == "choose":
        for i, rect in enumerate(choice_rects(lay, len(meta.choices))):
            on = i == screen.choice
            p.box(
                rect, SELECTED if on else PAPER, meta.choices[i].replace("_", " "), INK, border=on
            )


def _tryout(screen: SettingsScreen, p: Painter, lay: ScreenLayout) -> None:
    x, y, w, h = lay.tryout
    display = screen.edited.display
    pygame.draw.rect(p.surface, TRYOUT_BG, lay.tryout, border_radius=10)
    scan = screen.edited.scan
    pattern = scan.pattern.replace("_", "-")
    title = f"Try-out: {pattern}, {scan.interval_s:.1f} s per step, hold {scan.acceptance_s:.2f} s"
    p.text(title, (x + 10, y + 2, w - 20, h * 3 // 20), PAPER, align="left")
    # The sample sits on the board's background colour, as the patient will see it.
    area = (x + 6, y + h * 3 // 20 + 4, w - 12, h * 13 // 20)
    pygame.draw.rect(p.surface, color(display.background_color, TRYOUT_BG), area, border_radius=8)
    _sample(screen, p, pygame.Rect(area).inflate(-8, -8))
    hint = (
        "The switch drives the try-out (T or Esc: stop)"
        if screen.trying
        else "T: try it with the patient's switch"
    )
    status = f"{screen.tryout.result}   -   {hint}" if screen.tryout.result else hint
    ink = CHANGED if screen.trying else MUTED
    p.text(status, (x + 10, y + h * 16 // 20, w - 20, h * 3 // 20), ink, align="left")


def _sample(screen: SettingsScreen, p: Painter, area: pygame.Rect) -> None:
    """The sample page drawn like the board: edited colours, border and enlargement.

    The border follows the board's rule (about 1/14 of the cell's smaller
    side, times the border setting).  An enlarged cell is kept inside the
    row's strip of the sample area (never over another row, the title or the
    status line), and every label is fitted inside its own frame, so a thick
    border never cuts it.
    """
    display = screen.edited.display
    tryout = screen.tryout
    gap = max(6, area.height // 20)
    box = (area.x, area.y, area.width, area.height)
    cells = [pygame.Rect(r) for r in grid_rects(box, tryout.rows, tryout.columns, gap)]
    border = max(2, round(min(cells[0].size) / 14 * display.border_scale))
    # One size for every sample cell, as on the board: the longest label decides.
    px = min(
        p.texts.fit_px(t, _inner(r, border).size, r.height // 2)
        for t, r in zip(tryout.labels, cells, strict=False)
    )
    lit = set(tryout.highlighted())
    fill = color(display.highlight_color, SELECTED)
    frame = color(display.highlight_border_color, INK)
    shown = list(enumerate(zip(cells, tryout.labels, strict=False)))
    for _, (rect, label) in (c for c in shown if c[0] not in lit):
        pygame.draw.rect(p.surface, PAPER, rect, border_radius=8)
        _label(p, label, _inner(rect, border), INK, px)
    for i, (rect, label) in (c for c in shown if c[0] in lit):  # on top: they may be enlarged
        band = _row_band(area, cells[i], gap)
        max_px = px
        if display.enlarge_highlight:
            rect = rect.inflate(border * 2, border * 2).clamp(band).clip(band)
            max_px = max(px, rect.height // 2)  # re-fitted: the larger cell gets larger words
        pygame.draw.rect(
            p.surface, PAPER, rect.inflate(border, border).clip(band), border_radius=10
        )
        pygame.draw.rect(p.surface, fill, rect, border_radius=8)
        pygame.draw.rect(p.surface, frame, rect, width=border, border_radius=8)
        _label(p, label, _inner(rect, border), ink_for(fill), max_px)


def _row_band(area: pygame.Rect, cell: pygame.Rect, gap: int) -> pygame.Rect:
    """The strip of ``area`` a cell's row owns: its height plus half the gap each side.

    An enlarged highlight may grow sideways over its neighbours' edges, as on
    the board, but never over the row above or below (their words stay readable).
    """
    top = max(area.top, cell.top - gap // 2)
    bottom = min(area.bottom, cell.bottom + gap // 2)
    return pygame.Rect(area.left, top, area.width, bottom - top)


def _inner(rect: pygame.Rect, border: int) -> pygame.Rect:
    """Where a cell's label may go: inside the frame, with a margin (the board's rule)."""
    pad = border + max(4, min(rect.size) // 12)
    return rect.inflate(-2 * pad, -2 * pad)


def _label(p: Painter, label: str, inner: pygame.Rect, ink: RGB, max_px: int) -> None:
    if inner.width > 4 and inner.height > 4:
        surface = p.texts.text(label, inner.size, ink, max_px)
        blit_in(p.surface, surface, (inner.x, inner.y, inner.width, inner.height))


def _confirm(p: Painter, lay: ScreenLayout) -> None:
    shade = pygame.Surface(p.surface.get_size(), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 170))
    p.surface.blit(shade, (0, 0))
    x, y, w, h = box = lay.confirm_box
    pygame.draw.rect(p.surface, PANEL, box, border_radius=14)
    pygame.draw.rect(p.surface, PAPER, box, width=3, border_radius=14)
    question = "You changed settings. Save them for this patient before leaving?"
    top = lay.confirm[0][1]
    p.text(question, (x + 30, y + 20, w - 60, top - y - 40), PAPER, max_px=round(h * 0.13))
    for (_, label), rect in zip(CONFIRM, lay.confirm, strict=True):
        p.box(rect, PAPER, label, INK)
