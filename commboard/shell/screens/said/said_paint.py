"""Drawing the *What was said* screen from a ``SaidView``: large text, decisions highlighted.

Seven lines at a time over the whole screen, each with its day and time on
the left; decisions and preferences on a pale yellow with a thick frame and
their mark in capitals, so they stand out at a glance.
"""

from __future__ import annotations

import pygame

from commboard.control.said_screen_view import SaidRow, SaidView
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in

BACKGROUND = (32, 38, 46)
ROW = (241, 243, 244)
MARKED = (255, 236, 150)
GREY = (110, 110, 110)


def paint_said(surface: pygame.Surface, texts: TextCache, view: SaidView) -> None:
    """The title, up to seven lines (or why there are none), the scroll notes and the keys."""
    width, height = surface.get_size()
    surface.fill(BACKGROUND)
    pad = max(8, width // 80)
    title_h = height // 10
    title = (pad, pad, width - 2 * pad, title_h)
    blit_in(surface, texts.text(view.title, title[2:], PAPER, title_h * 2 // 3), title, "left")
    hint_h = height // 16
    hint = (pad, height - hint_h - pad // 2, width - 2 * pad, hint_h)
    keys = view.hint + (f"   ({view.problem})" if view.problem else "")
    blit_in(surface, texts.text(keys, hint[2:], PAPER, hint_h * 2 // 3), hint, "left")
    top = title[1] + title_h + pad
    note_h = height // 22
    area_h = hint[1] - top - 2 * note_h - pad
    if view.more_above:
        _note(surface, texts, f"{view.more_above} newer lines above", (pad, top, width, note_h))
    top += note_h
    if view.empty is not None:
        box = (pad, top, width - 2 * pad, area_h // 3)
        blit_in(surface, texts.text(view.empty, box[2:], PAPER, box[3] // 2), box)
        return
    row_h = area_h // 7
    for i, row in enumerate(view.rows):
        _row(surface, texts, row, (pad, top + i * row_h, width - 2 * pad, row_h - pad // 2))
    if view.more_below:
        below = (pad, top + area_h, width, note_h)
        _note(surface, texts, f"{view.more_below} more lines below (Down)", below)


def _note(
    surface: pygame.Surface, texts: TextCache, words: str, rect: tuple[int, int, int, int]
) -> None:
    blit_in(surface, texts.text(words, rect[2:], PAPER, rect[3]), rect, "left")


def _row(
    surface: pygame.Surface, texts: TextCache, row: SaidRow, rect: tuple[int, int, int, int]
) -> None:
    x, y, w, h = rect
    pygame.draw.rect(surface, MARKED if row.highlight else ROW, rect, border_radius=8)
    if row.highlight:
        pygame.draw.rect(surface, INK, rect, width=4, border_radius=8)
    when_w = w // 5
    when = (x + h // 5, y, when_w, h)
    blit_in(
        surface,
        texts.text(row.when, when[2:], INK, h * 2 // 5, wrap=False, align="left"),
        when,
        "left",
    )
    mark_w = w // 4 if row.mark else 0
    said = (x + when_w + h // 3, y + h // 10, w - when_w - mark_w - h // 2, h - h // 5)
    ink = GREY if row.withdrawn else INK
    text = texts.text(row.text, said[2:], ink, h * 3 // 5, align="left")
    blit_in(surface, text, said, "left")
    if row.withdrawn:
        mid = said[1] + said[3] // 2
        pygame.draw.line(surface, GREY, (said[0], mid), (said[0] + text.get_width(), mid), 3)
    if row.mark:
        mark = (x + w - mark_w - h // 5, y + h // 6, mark_w, h - h // 3)
        pygame.draw.rect(surface, INK, mark, border_radius=6)
        blit_in(surface, texts.text(row.mark, mark[2:], PAPER, h // 3), mark)
