"""The board's status line: the page title, a rule, and the status fitted in one line or more.

Painted by ``BoardRenderer`` (:mod:`commboard.shell.screens.board.render`),
which takes it from ``StatusLine``; the status text itself is
``control.board_status``'s.  A long status is wrapped between its parts (or
words) rather than shrunk past readability.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from commboard.control.board_view import BoardView
from commboard.shell.screens.text_fit import MIN_FONT_PX, PAPER, TextCache, blit_in

STATUS_BG = (32, 38, 46)
STATUS_INK = (235, 238, 241)
PART_SEP = "  |  "  # between the status line's parts (``board_status.status_text``)
STATUS_ONE_LINE_SHARE = 0.45  # the status's smallest size on one line; longer ones take two


class StatusLine:
    """Paints and lays out the status line (part of ``BoardRenderer``, which holds the state)."""

    _dst: pygame.Surface
    texts: TextCache
    _status_fit: tuple[tuple[str, str, tuple[int, int, int, int]], tuple[int, list[str]]]

    def _status(self, view: BoardView) -> None:
        """Page title (at most a third of the width, cut with an ellipsis), a rule, the status."""
        x, y, w, h = view.status_rect
        pygame.draw.rect(self._dst, STATUS_BG, view.status_rect)
        pad = max(8, h // 4)
        px, lines = self.status_layout(view)
        title = self.texts.line(view.page_title, px, PAPER, w // 3)
        blit_in(self._dst, title, (x + pad, y, title.get_width(), h), "left")
        rule_x = x + pad + title.get_width() + pad
        pygame.draw.line(self._dst, STATUS_INK, (rule_x, y + h // 5), (rule_x, y + h - h // 5), 2)
        left = rule_x + pad
        row_h = h // len(lines)
        for n, words in enumerate(lines):
            status = self.texts.line(words, px, STATUS_INK, x + w - pad - left)
            blit_in(self._dst, status, (left, y + n * row_h, status.get_width(), row_h), "left")

    def status_layout(self, view: BoardView) -> tuple[int, list[str]]:
        """The status's size and lines: one line while it stays readable, else more.

        One line from 62% of the line's height down to 45%; a longer status
        (a refused dwell's reason) is wrapped onto more lines between words
        rather than shrunk further: squeezed onto one line it was drawn about
        9 px high in a 44 px line at 1280x800, and cut (its WAITING FOR SWITCH
        lost) at 800x480.  The lines take the largest size at which as many
        as the line's height holds fit; when even the smallest is too long,
        the last line ends with an ellipsis.
        """
        key = (view.status, view.page_title, tuple(view.status_rect))
        if self._status_fit[0] != key:  # measured once per status text, not every frame
            self._status_fit = (key, self._fit_status(view))  # type: ignore[assignment]
        px, lines = self._status_fit[1]
        return px, list(lines)

    def _fit_status(self, view: BoardView) -> tuple[int, list[str]]:
        _, _, w, h = view.status_rect
        pad = max(8, h // 4)
        room = w - 4 * pad
        px = max(MIN_FONT_PX, int(h * 0.62))
        one_line_floor = max(MIN_FONT_PX, int(h * STATUS_ONE_LINE_SHARE))
        while px >= one_line_floor:
            if self._title_w(view, px, room) + self._status_w(view.status, px) <= room:
                return px, [view.status]
            px -= 1
        for px in range(one_line_floor, MIN_FONT_PX - 1, -1):
            rows = max(1, h // self.texts.font(px, view.status).get_linesize())
            avail = room - self._title_w(view, px, room)
            for sep in (PART_SEP, " "):  # between the status's parts where they fit, else words
                lines = _wrapped(view.status, avail, px, self._status_w, sep)
                if len(lines) <= rows and all(self._status_w(t, px) <= avail for t in lines):
                    return px, _balanced(view.status, avail, px, len(lines), self._status_w, sep)
        # Too long even at the smallest size: the last row ends with an ellipsis.
        return MIN_FONT_PX, [*lines[: rows - 1], " ".join(lines[rows - 1 :])]

    def _title_w(self, view: BoardView, px: int, room: int) -> int:
        shown = self.texts.shown(view.page_title)
        return min(self.texts.font(px, view.page_title).size(shown)[0], room // 3)

    def _status_w(self, text: str, px: int) -> int:
        return self.texts.font(px, text).size(self.texts.shown(text))[0]


def _balanced(
    text: str, width: int, px: int, count: int, measure: Callable[[str, int], int], sep: str
) -> list[str]:
    """``text`` in ``count`` lines of about equal width (the narrowest width that keeps ``count``)."""
    lo, hi = width // count, width
    while lo < hi:
        mid = (lo + hi) // 2
        if len(_wrapped(text, mid, px, measure, sep)) <= count:
            hi = mid
        else:
            lo = mid + 1
    return _wrapped(text, hi, px, measure, sep)


def _wrapped(
    text: str, width: int, px: int, measure: Callable[[str, int], int], sep: str = " "
) -> list[str]:
    """``text`` broken at ``sep`` into lines at most ``width`` wide at ``px`` (a piece wider stays whole)."""
    lines: list[str] = []
    for piece in text.split(sep):
        if lines and measure(f"{lines[-1]}{sep}{piece}".rstrip(" |"), px) <= width:
            lines[-1] = f"{lines[-1]}{sep}{piece}"
        else:
            lines.append(piece)
    return [line.strip(" |") for line in lines if line.strip(" |")]
