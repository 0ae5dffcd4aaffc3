"""Painting the therapist's settings screen from its ``SettingsView``.

The screen (``settings_screen``) builds the view; this module draws it and
nothing else, at the places ``control.settings_screen_layout`` gives for the
screen size.
"""

from __future__ import annotations

import pygame

from commboard.control.board_view import Rect, grid_rects
from commboard.control.settings_screen_layout import (
    BUTTONS,
    CONFIRM,
    ScreenLayout,
    choice_rects,
    row_parts,
    screen_layout,
)
from commboard.control.settings_screen_view import (
    CHANGED,
    MUTED,
    RGB,
    SettingsView,
    TryOutView,
)
from commboard.control.settings_tryout import tryout_title
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in, color, ink_for

PANEL = (32, 38, 46)
ROW = (52, 60, 70)
TRYOUT_BG = (20, 24, 30)
SELECTED = (255, 212, 0)
GROUP_TITLES = {
    "scan": "Scanning",
    "blink": "Blink switch",
    "gaze": "Eye gaze",
    "speech": "Speech",
    "display": "Display",
}


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


def paint(view: SettingsView, surface: pygame.Surface, texts: TextCache) -> None:
    """The whole settings screen over the board."""
    lay = screen_layout(surface.get_size(), len(view.groups))
    p = Painter(surface, texts)
    pygame.draw.rect(surface, PANEL, lay.panel, border_radius=14)
    unsaved = "  -  changes not saved yet" if view.changed else ""
    p.text(f"Settings for profile '{view.profile}'{unsaved}", lay.title, PAPER, align="left")
    for group, rect in zip(view.groups, lay.tabs, strict=True):
        on = group == view.group
        p.box(
            rect,
            SELECTED if on else ROW,
            GROUP_TITLES.get(group, group.title()),
            INK if on else PAPER,
        )
    _rows(view, p, lay)
    _scroll_bar(view, p, lay)
    _detail(view, p, lay)
    _tryout(view, p, lay)
    p.text(view.message[0], lay.message, view.message[1], align="left")
    for (letter, label), rect in zip(BUTTONS, lay.buttons, strict=True):
        trying = letter == "t" and view.trying
        p.box(
            rect,
            CHANGED if trying else ROW,
            "T  Stop try-out" if trying else label,
            INK if trying else PAPER,
        )
    if view.choices:
        _choices(view, p, lay)
    if view.confirming:
        _confirm(p, lay)


def _choices(view: SettingsView, p: Painter, lay: ScreenLayout) -> None:
    choices = view.choices
    rects = choice_rects(lay, len(choices))
    x, y = rects[0][:2]
    w, h = rects[-1][0] + rects[-1][2] - x, rects[-1][1] + rects[-1][3] - y
    pygame.draw.rect(p.surface, PANEL, (x - 6, y - 6, w + 12, h + 12), border_radius=10)
    for i, (rect, choice) in enumerate(zip(rects, choices, strict=True)):
        on = i == view.choice
        p.box(rect, SELECTED if on else PAPER, choice.replace("_", " "), INK, border=on)


def _rows(view: SettingsView, p: Painter, lay: ScreenLayout) -> None:
    label_px = round(lay.rows[0][3] * 0.66)
    for rect, row in zip(lay.rows, view.rows, strict=False):
        on, changed = row.selected, row.changed
        pygame.draw.rect(p.surface, SELECTED if on else ROW, rect, border_radius=6)
        ink = INK if on else PAPER
        label_rect, value_rect = row_parts(rect)
        p.text(row.label, label_rect, ink, align="left", max_px=label_px)
        shown = ("* " if changed else "") + row.shown
        value_ink = ink if on else CHANGED if changed else MUTED
        p.text(shown, value_rect, value_ink, align="left", max_px=label_px)


def scroll_track(lay: ScreenLayout) -> Rect:
    """The strip right of the list where the scroll bar goes (``ScreenLayout.scroll``)."""
    return lay.scroll


def _scroll_bar(view: SettingsView, p: Painter, lay: ScreenLayout) -> None:
    """A track with a thumb for the rows shown, when the tab has more rows than fit.

    Without it a carer cannot tell that settings lie below the last row shown
    (or above the first): the list scrolls only as the selection moves.
    """
    above, below = view.hidden
    if not (above or below):
        return
    x, y, w, h = track = scroll_track(lay)
    total = above + len(view.rows) + below
    pygame.draw.rect(p.surface, ROW, track, border_radius=w // 2)
    top = y + round(h * above / total)
    length = max(w, round(h * len(view.rows) / total))
    pygame.draw.rect(
        p.surface, MUTED, (x, min(top, y + h - length), w, length), border_radius=w // 2
    )


def _detail(view: SettingsView, p: Painter, lay: ScreenLayout) -> None:
    detail = view.detail
    dx, dy, dw, dh = lay.detail
    p.text(detail.label, (dx, dy, dw, round(dh * 0.18)), PAPER, align="left")
    p.box(lay.minus, PAPER, "-", INK)
    p.box(lay.plus, PAPER, "+", INK)
    p.box(lay.value, SELECTED, detail.shown, INK)
    if detail.key.endswith("_color"):  # a swatch, because a colour code alone says little
        x, y, _, h = lay.value
        pygame.draw.rect(p.surface, color(str(detail.value), PAPER), (x + 6, y + 6, h - 12, h - 12))
    below = lay.value[1] + lay.value[3] + 6
    line_h = round(dh * 0.15)
    p.text(detail.range, (dx, below, dw, line_h), MUTED, align="left")
    help_rect = (dx, below + line_h, dw, dy + dh - below - line_h)
    p.text(detail.help, help_rect, PAPER, align="left", max_px=round(line_h * 0.8))
    for i, rect in enumerate(choice_rects(lay, len(view.choices)) if view.choices else []):
        on = i == view.choice
        p.box(rect, SELECTED if on else PAPER, view.choices[i].replace("_", " "), INK, border=on)


def _tryout(view: SettingsView, p: Painter, lay: ScreenLayout) -> None:
    x, y, w, h = lay.tryout
    display = view.tryout.display
    pygame.draw.rect(p.surface, TRYOUT_BG, lay.tryout, border_radius=10)
    p.text(
        tryout_title(view.tryout.scan), (x + 10, y + 2, w - 20, h * 3 // 20), PAPER, align="left"
    )
    # The sample sits on the board's background colour, as the patient will see it.
    area = (x + 6, y + h * 3 // 20 + 4, w - 12, h * 13 // 20)
    pygame.draw.rect(p.surface, color(display.background_color, TRYOUT_BG), area, border_radius=8)
    _sample(view.tryout, p, pygame.Rect(area).inflate(-8, -8))
    hint = (
        "The switch drives the try-out (T or Esc: stop)"
        if view.trying
        else "T: try it with the patient's switch"
    )
    status = f"{view.tryout.result}   -   {hint}" if view.tryout.result else hint
    ink = CHANGED if view.trying else MUTED
    p.text(status, (x + 10, y + h * 16 // 20, w - 20, h * 3 // 20), ink, align="left")


def _sample(tryout: TryOutView, p: Painter, area: pygame.Rect) -> None:
    """The sample page drawn like the board: edited colours, border and enlargement.

    The border follows the board's rule (about 1/14 of the cell's smaller
    side, times the border setting).  An enlarged cell is kept inside the
    row's strip of the sample area (never over another row, the title or the
    status line), and every label is fitted inside its own frame, so a thick
    border never cuts it.
    """
    display = tryout.display
    gap = max(6, area.height // 20)
    box = (area.x, area.y, area.width, area.height)
    cells = [pygame.Rect(r) for r in grid_rects(box, tryout.rows, tryout.columns, gap)]
    border = max(2, round(min(cells[0].size) / 14 * display.border_scale))
    # One size for every sample cell, as on the board: the longest label decides.
    px = min(
        p.texts.fit_px(t, _inner(r, border).size, r.height // 2)
        for t, r in zip(tryout.labels, cells, strict=False)
    )
    lit = tryout.lit
    fill = color(display.highlight_color, SELECTED)
    frame = color(display.highlight_border_color, INK)
    shown = list(enumerate(zip(cells, tryout.labels, strict=False)))
    for _, (rect, label) in (c for c in shown if c[0] not in lit):
        pygame.draw.rect(p.surface, PAPER, rect, border_radius=8)
        _label(p, label, _inner(rect, border), INK, px)
    # The white ring outside the frame may use the sample's margin (``_tryout``: 4 px):
    # cut off there, a dark frame vanished into a dark background.
    margin = area.inflate(8, 8)
    for i, (rect, label) in (c for c in shown if c[0] in lit):  # on top: they may be enlarged
        band = _row_band(margin, cells[i], gap)
        max_px = px
        if display.enlarge_highlight:  # half the gap for the cell, the other half its ring
            fit = band.inflate(0, -2 * (gap // 2))
            rect = rect.inflate(border * 2, border * 2).clamp(fit).clip(fit)
            max_px = max(px, rect.height // 2)  # re-fitted: the larger cell gets larger words
        pygame.draw.rect(
            p.surface, PAPER, rect.inflate(border, border).clip(band), border_radius=10
        )
        pygame.draw.rect(p.surface, fill, rect, border_radius=8)
        pygame.draw.rect(p.surface, frame, rect, width=border, border_radius=8)
        _label(p, label, _inner(rect, border), ink_for(fill), max_px)


def _row_band(area: pygame.Rect, cell: pygame.Rect, gap: int) -> pygame.Rect:
    """The strip of ``area`` a lit cell of this row may cover: its height plus the gap each side.

    An enlarged highlight may grow sideways over its neighbours' edges, as on
    the board, but never over the row above or below (their words stay
    readable): it takes half of each gap, its white ring the other half.
    """
    top = max(area.top, cell.top - gap)
    bottom = min(area.bottom, cell.bottom + gap)
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
