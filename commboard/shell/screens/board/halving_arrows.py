"""Halving's side arrows: a big arrow at the outer side of each half, filled as a look is held.

Painted by ``BoardRenderer`` (:mod:`commboard.shell.screens.board.render`),
which takes them from ``HalvingArrows``; the cell's label keeps clear of its
half's arrow (``BoardRenderer.cell_areas`` asks ``arrow_box``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from commboard.control.board_view import BoardView, CellView
from commboard.shell.screens.text_fit import INK, PAPER, color

# Halving: the big arrow at the outer side of each half takes this share of its width.
ARROW_SHARE = 0.2


def arrow_outline(view: BoardView) -> int:
    """How wide a halving arrow's outer (ring-coloured) outline is drawn, in pixels; the
    ink line inside it is 4 px narrower.  Drawn across the arrow's edges, so half of it
    lies outside the arrow's box."""
    return max(3, view.border_px // 2) + 4


class HalvingArrows:
    """Paints halving's arrows (part of ``BoardRenderer``, which holds the state)."""

    _dst: pygame.Surface

    if TYPE_CHECKING:

        @staticmethod
        def label_box(rect: pygame.Rect, border: int) -> pygame.Rect: ...

    def arrow_box(self, cell: CellView, rect: pygame.Rect, view: BoardView) -> pygame.Rect | None:
        """Halving: where the big arrow of a half goes, at its outer side (None: no arrow).

        A strip ``ARROW_SHARE`` of the half's width (at most as wide as it is
        tall), the height of its label box: the half on the left points left,
        the one on the right points right.
        """
        if view.arrows is None or cell.index not in (0, 1):
            return None
        inner = self.label_box(rect, view.border_px)
        width = min(int(inner.width * ARROW_SHARE), inner.height)
        if width < 8:
            return None
        x = inner.x if cell.index == 0 else inner.right - width
        return pygame.Rect(x, inner.y, width, inner.height)

    def _arrows(self, view: BoardView) -> None:
        """Halving: both halves' side arrows, each filled as far as a look towards it is held."""
        if view.arrows is None:
            return
        for cell in view.cells:
            box = self.arrow_box(cell, pygame.Rect(cell.rect), view)
            if box is not None:
                self._arrow(box, cell.index == 0, view.arrows[cell.index], view)

    def _arrow(self, box: pygame.Rect, left: bool, full: float, view: BoardView) -> None:
        """A big arrow pointing out of the screen's side, filled from its base to its tip
        as far as ``full`` (a look held towards that half); outlined so it shows on any
        cell colour and on the highlight."""
        half_h = min(box.height // 2, int(box.width * 0.9))
        cy = box.centery
        tip_x, base_x = (box.left, box.right) if left else (box.right, box.left)
        points = [(tip_x, cy), (base_x, cy - half_h), (base_x, cy + half_h)]
        ink = color(view.highlight_border_color, INK)
        ring = color(view.ring_color, PAPER)
        line = arrow_outline(view) - 4
        share = max(0.0, min(1.0, full))
        if share > 0.0:
            filled = round(box.width * share)
            clip = pygame.Rect(box.right - filled if left else box.left, box.y, filled, box.height)
            before = self._dst.get_clip()
            self._dst.set_clip(clip.clip(before) if before else clip)
            pygame.draw.polygon(self._dst, ink, points)
            self._dst.set_clip(before)
        pygame.draw.polygon(self._dst, ring, points, width=arrow_outline(view))
        pygame.draw.polygon(self._dst, ink, points, width=line)
