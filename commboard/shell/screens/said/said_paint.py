"""Drawing the *What was said* screen from a ``SaidView``: large text, decisions highlighted.

Seven lines at a time over the whole screen, each with its day and time on
the left; decisions and preferences on a pale yellow with a thick frame and
their mark in capitals, so they stand out at a glance. A statement too long
to be read in one line's height takes the height of several (the lines it
pushes off the screen are reached with Down).
"""

from __future__ import annotations

import pygame

from commboard.control.said_screen_view import ROWS_SHOWN, SaidRow, SaidView
from commboard.shell.screens.text_fit import INK, MIN_FONT_PX, PAPER, TextCache, blit_in

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
    top, area_h, note_h = _area(surface.get_size())
    if view.more_above:
        _note(surface, texts, f"{view.more_above} newer lines above", (pad, top, width, note_h))
    top += note_h
    if view.empty is not None:
        box = (pad, top, width - 2 * pad, area_h // 3)
        blit_in(surface, texts.text(view.empty, box[2:], PAPER, box[3] // 2), box)
        return
    row_h = area_h // ROWS_SHOWN
    used = 0
    drawn = 0
    for row in view.rows:
        slots = _slots(texts, row, (width - 2 * pad, row_h - pad // 2), row_h)
        if drawn and used + slots > ROWS_SHOWN:
            break  # shown after scrolling down, at a size a nurse can read
        slots = min(slots, ROWS_SHOWN - used)
        box = (pad, top + used * row_h, width - 2 * pad, slots * row_h - pad // 2)
        _row(surface, texts, row, box, row_h - pad // 2)
        used += slots
        drawn += 1
    below = view.more_below + len(view.rows) - drawn
    if below:
        rect = (pad, top + area_h, width, note_h)
        _note(surface, texts, f"{below} more lines below (Down)", rect)


def _area(size: tuple[int, int]) -> tuple[int, int, int]:
    """(top of the "newer lines above" note, height of the lines' area below it, a note's height)."""
    width, height = size
    pad = max(8, width // 80)
    title_h, hint_h, note_h = height // 10, height // 16, height // 22
    top = pad + title_h + pad
    hint_y = height - hint_h - pad // 2
    return top, hint_y - top - 2 * note_h - pad, note_h


def lines_fitting(size: tuple[int, int], texts: TextCache, lines: tuple[SaidRow, ...]) -> int:
    """How many of ``lines`` (the last ones first) the screen shows at once, at a readable size."""
    width = size[0]
    pad = max(8, width // 80)
    row_h = _area(size)[1] // ROWS_SHOWN
    used = 0
    for count, row in enumerate(reversed(lines)):
        used += _slots(texts, row, (width - 2 * pad, row_h - pad // 2), row_h)
        if used > ROWS_SHOWN:
            return max(1, count)
    return ROWS_SHOWN


def _said_box(
    rect: tuple[int, int, int, int], line_h: int, marked: bool
) -> tuple[int, int, int, int]:
    """Where a row's words go: right of its time, left of its mark; ``line_h`` one row's height."""
    x, y, w, h = rect
    when_w = w // 5
    mark_w = w // 4 if marked else 0
    return (
        x + when_w + line_h // 3,
        y + line_h // 10,
        w - when_w - mark_w - line_h // 2,
        h - line_h // 5,
    )


def _slots(texts: TextCache, row: SaidRow, size: tuple[int, int], row_h: int) -> int:
    """How many rows' height a statement needs to be read at half the usual size or more.

    A long spelled message squeezed into one row was drawn a few pixels high.
    """
    line_h = size[1]
    readable = max(MIN_FONT_PX, line_h * 3 // 10)
    for slots in range(1, ROWS_SHOWN + 1):
        box = _said_box((0, 0, size[0], line_h + (slots - 1) * row_h), line_h, row.mark is not None)
        if texts.fit_px(row.text, box[2:], line_h * 3 // 5) >= readable:
            return slots
    return ROWS_SHOWN


def _note(
    surface: pygame.Surface, texts: TextCache, words: str, rect: tuple[int, int, int, int]
) -> None:
    blit_in(surface, texts.text(words, rect[2:], PAPER, rect[3]), rect, "left")


def _row(
    surface: pygame.Surface,
    texts: TextCache,
    row: SaidRow,
    rect: tuple[int, int, int, int],
    line_h: int,
) -> None:
    """One statement in ``rect`` (one row's height ``line_h``, or more for a long one)."""
    x, y, w, h = rect
    pygame.draw.rect(surface, MARKED if row.highlight else ROW, rect, border_radius=8)
    if row.highlight:
        pygame.draw.rect(surface, INK, rect, width=4, border_radius=8)
    when_w = w // 5
    when = (x + line_h // 5, y, when_w, line_h)
    blit_in(
        surface,
        texts.text(row.when, when[2:], INK, line_h * 2 // 5, wrap=False, align="left"),
        when,
        "left",
    )
    mark_w = w // 4 if row.mark else 0
    said = _said_box(rect, line_h, row.mark is not None)
    ink = GREY if row.withdrawn else INK
    text = texts.text(row.text, said[2:], ink, line_h * 3 // 5, align="left")
    blit_in(surface, text, said, "left")
    if row.withdrawn:
        mid = said[1] + said[3] // 2
        pygame.draw.line(surface, GREY, (said[0], mid), (said[0] + text.get_width(), mid), 3)
    if row.mark:
        mark = (x + w - mark_w - line_h // 5, y + line_h // 6, mark_w, line_h - line_h // 3)
        pygame.draw.rect(surface, INK, mark, border_radius=6)
        blit_in(surface, texts.text(row.mark, mark[2:], PAPER, line_h // 3), mark)
