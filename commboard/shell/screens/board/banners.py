"""Banners and the alarm screen: messages on the board that must not look like a cell.

A banner is a dark box with a light edge, a drawn sign (warning triangle or
information circle) and white words; the alarm fills the screen, flashing.
Painted by ``BoardRenderer`` (:mod:`commboard.shell.screens.board.render`),
which takes them from ``BannerPainter``.
"""

from __future__ import annotations

import pygame

from commboard.control.board_view import BoardView, Rect
from commboard.effects import Banner
from commboard.shell.screens.text_fit import PAPER, TextCache, blit_in

# Banners must never look like the scan highlight (a yellow cell, black frame)
# or like a cell: dark fill, white words (contrast 11:1 and more), a light
# edge to stand out from the dark background, and a sign drawn at the left: a
# warning triangle with "!", or a circle with "i".  (fill, edge) per level.
BANNER_STYLES = {
    "warning": ((24, 48, 120), (235, 240, 248)),
    "info": ((52, 58, 68), (160, 168, 178)),
}
BANNER_INK = PAPER
ALARM_COLORS = ((200, 0, 0), (255, 255, 255))


class BannerPainter:
    """Paints banners and the alarm (part of ``BoardRenderer``, which holds the state)."""

    surface: pygame.Surface
    _dst: pygame.Surface
    texts: TextCache

    def _banner(self, banner: Banner, rect: Rect) -> None:
        """A dark box with a light edge, the level's sign at the left, white words."""
        fill, edge = BANNER_STYLES.get(banner.level, BANNER_STYLES["warning"])
        x, y, w, h = rect
        pygame.draw.rect(self._dst, fill, rect, border_radius=6)
        pygame.draw.rect(self._dst, edge, rect, width=max(2, h // 14), border_radius=6)
        pad = max(6, h // 5)
        side = int(h * 0.7)
        sign = pygame.Rect(x + pad, y + (h - side) // 2, side, side)
        self._sign(banner.level, sign, fill)
        left = sign.right + pad
        inner = (left, y + pad // 2, x + w - pad - left, h - pad)
        words = self.texts.text(banner.text, inner[2:], BANNER_INK, int(h * 0.6), align="left")
        blit_in(self._dst, words, inner, "left")

    def _sign(self, level: str, box: pygame.Rect, fill: tuple[int, int, int]) -> None:
        """A white warning triangle with "!" or information circle with "i" (drawn, no font)."""
        cx, top, side = box.centerx, box.top, box.height
        stroke = max(2, side // 7)
        if level == "info":
            pygame.draw.ellipse(self._dst, BANNER_INK, box)
            dot_y, bar = 0.27, (0.42, 0.78)
        else:
            points = [(cx, top), (box.right, box.bottom), (box.left, box.bottom)]
            pygame.draw.polygon(self._dst, BANNER_INK, points)
            dot_y, bar = 0.85, (0.36, 0.64)
        start, end = (cx, top + round(side * bar[0])), (cx, top + round(side * bar[1]))
        pygame.draw.line(self._dst, fill, start, end, stroke)
        pygame.draw.circle(
            self._dst, fill, (cx, top + round(side * dot_y)), max(1, stroke * 2 // 3)
        )

    def _alarm(self, view: BoardView) -> None:
        back, ink = ALARM_COLORS if view.flash_on else ALARM_COLORS[::-1]
        self.surface.fill(back)
        w, h = view.size
        words = self.texts.text(view.alarm or "", (w * 9 // 10, h // 2), ink, h // 4)
        blit_in(self.surface, words, (0, h // 8, w, h // 2))
        hint = "Carer: press Escape or click to stop the alarm"
        small = self.texts.text(hint, (w * 9 // 10, h // 8), ink, h // 16)
        blit_in(self.surface, small, (0, h * 3 // 4, w, h // 8))
