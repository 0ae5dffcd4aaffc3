"""Paints a ``BoardView`` (the patient's board) with pygame.

Text is fitted and cached by ``screens.text_fit``; a scanning frame is a
fill, a few dozen rectangles and blits.

The renderer's other jobs have their own modules: ``status_line`` (the page
title and status line), ``banners`` (banners and the alarm screen) and
``halving_arrows`` (halving's side arrows); this module keeps
``BoardRenderer``: the frame, the message bar, the cells, the highlight and
the hold bar.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from commboard.board.colors import UNCOLOURED_CELL, hex_rgb
from commboard.control.board_view import (
    BoardView,
    CellView,
    Rect,
    lit_frames,
    ring_edge_px,
    ring_px,
)
from commboard.shell.screens.board.banners import BannerPainter
from commboard.shell.screens.board.halving_arrows import HalvingArrows, arrow_outline
from commboard.shell.screens.board.pictures import PictureCache
from commboard.shell.screens.board.status_line import StatusLine
from commboard.shell.screens.text_fit import (
    INK,
    MIN_FONT_PX,
    PAPER,
    TextCache,
    blit_in,
    color,
    floor_px,
    ink_for,
)

BACKGROUND = (11, 15, 20)
CELL = hex_rgb(UNCOLOURED_CELL)  # cells without a layout colour: near white, black text
MESSAGE_BG = (255, 255, 255)
SAID_BG = (209, 233, 255)
# The hold bar: the eye indicator's blue (it reads on the yellow highlight and
# is no cell colour) filling over a dark track along the lit cell's bottom.
HOLD_FILL = (64, 156, 255)
HOLD_TRACK = (24, 28, 34)
CELL_TEXT_SHARE = 0.55  # largest label: this fraction of the cell height (one line)
PICTURE_LABEL_SHARE = 0.38  # a cell with a picture: its label gets this share, the picture the rest
PICTURE_TALL = 0.7  # ... and the picture's box is at most this times the cell's width tall


class BoardRenderer(StatusLine, BannerPainter, HalvingArrows):
    """Draws board frames onto a surface."""

    def __init__(self, surface: pygame.Surface, texts: TextCache | None = None) -> None:
        self.surface = surface
        self.texts = texts or TextCache()
        self._dst = surface  # what the painters below draw on
        self._base: pygame.Surface | None = None
        self._base_view: BoardView | None = None
        self._label_px: dict[int, int] = {}
        self._fits_beside: dict[tuple[str, tuple[int, int], tuple[int, int]], bool] = {}
        self.pictures = PictureCache()
        self._status_fit: tuple[tuple[str, str, tuple[int, int, int, int]], tuple[int, list[str]]]
        self._status_fit = (("", "", (0, 0, 0, 0)), (MIN_FONT_PX, [""]))

    def draw(self, view: BoardView) -> None:
        """Paint one frame: the cached unhighlighted board, then the highlighted cells.

        While scanning only the highlight moves, so the rest of the board is
        painted once into ``_base`` and reused until something else changes.
        """
        if view.alarm is not None:
            self._alarm(view)
            return
        unlit = tuple(replace(c, highlighted=False) for c in view.cells)
        arrows = (0.0, 0.0) if view.arrows is not None else None  # drawn each frame, below
        base = replace(view, cells=unlit, hold=None, arrows=arrows)
        if self._base is None or base != self._base_view:
            if self._base is None or self._base.get_size() != self.surface.get_size():
                # Same pixel format as the screen, so the per-frame blit is a plain copy.
                self._base = pygame.Surface(self.surface.get_size(), 0, self.surface)
            self._paint_base(self._base, base)
            self._base_view = base
        self.surface.blit(self._base, (0, 0))
        self._dst = self.surface
        frames = lit_frames(view)
        lit = [c for c in view.cells if c.index in frames]
        grid = pygame.Rect(view.grid_rect)
        ring = ring_px(view)
        edge = ring_edge_px(view)
        # Ring edges, then rings, then the frames: a lit neighbour's ring never
        # covers a frame.  Edge and ring are black and white: whatever a
        # neighbour's colour, the outline stands out against it.
        for ink, grow in ((view.ring_edge_color, ring), (view.ring_color, ring - edge)):
            for cell in lit:
                outer = pygame.Rect(frames[cell.index]).inflate(2 * grow, 2 * grow)
                pygame.draw.rect(
                    self.surface, color(ink, PAPER), outer.clip(grid), border_radius=14
                )
        for cell in lit:
            self._lit_cell(cell, pygame.Rect(frames[cell.index]), view)
        hold = view.hold
        if hold is not None:
            for cell in lit:
                if cell.index in hold.cells:
                    self._hold_bar(pygame.Rect(frames[cell.index]), view, hold.progress)
        self._arrows(view)

    def label_sizes(self, view: BoardView) -> dict[int, int]:
        """Font size (px) of each cell's label: one size per page (see ``TextCache.page_sizes``)."""
        boxes = [self.cell_areas(c, pygame.Rect(c.rect), view)[1] for c in view.cells]
        labels = tuple(
            (c.label, box.size, int(c.rect[3] * CELL_TEXT_SHARE))
            for c, box in zip(view.cells, boxes, strict=True)
        )
        # A picture does not lower the readable floor: it is the whole cell's.
        whole = [self.label_box(pygame.Rect(c.rect), view.border_px).size for c in view.cells]
        sizes = self.texts.page_sizes(labels, tuple(floor_px(b) for b in whole))
        return {c.index: px for c, px in zip(view.cells, sizes, strict=True)}

    @staticmethod
    def label_box(rect: pygame.Rect, border: int) -> pygame.Rect:
        # From the shorter side: tall portrait cells would otherwise lose a third of their width.
        pad = border + max(4, min(rect.size) // 12)
        return rect.inflate(-2 * pad, -2 * pad)

    def cell_areas(
        self, cell: CellView, rect: pygame.Rect, view: BoardView
    ) -> tuple[pygame.Rect | None, pygame.Rect]:
        """(picture box or None, label box) inside a cell's ``rect``.

        A cell with a picture that can be shown gives it the top part and its
        label the rest; in a cell too small for both to stay readable (the
        label would drop under the readable floor of its cell, or the label
        box under two lines of the smallest type) the label is shown alone.
        """
        inner = self.label_box(rect, view.border_px)
        arrow = self.arrow_box(cell, rect, view)
        if arrow is not None:  # halving: the words beside the side arrow, never under it
            # the arrow's outline is drawn across its edges: half of it lies outside the box
            gap = max(4, arrow.width // 6) + arrow_outline(view) // 2 + 1
            inner = inner.copy()
            inner.width -= arrow.width + gap
            if cell.index == 0:
                inner.x = arrow.right + gap
        if cell.picture is None or not self.pictures.readable(cell.picture):
            return None, inner
        # A picture is about square: in a tall narrow (portrait) cell, height beyond
        # PICTURE_TALL times the width would only be empty space, so the label gets it.
        label_h = max(
            int(inner.height * PICTURE_LABEL_SHARE),
            inner.height - int(inner.width * PICTURE_TALL),
            1,
        )
        if label_h < 2 * MIN_FONT_PX:
            return None, inner
        picture = pygame.Rect(inner.x, inner.y, inner.width, inner.height - label_h)
        label = pygame.Rect(inner.x, picture.bottom, inner.width, label_h)
        if not self._label_fits_beside_picture(cell.label, label.size, inner.size):
            return None, inner  # the words come first: the picture gives way
        return picture, label

    def _label_fits_beside_picture(
        self, text: str, box: tuple[int, int], whole: tuple[int, int]
    ) -> bool:
        """False when the label would drop under the readable floor only because of the picture."""
        key = (text, box, whole)
        found = self._fits_beside.get(key)
        if found is None:
            floor = floor_px(whole)
            found = (
                self.texts.fit_px(text, box, floor) >= floor
                or self.texts.fit_px(text, whole, floor) < floor
            )
            self._fits_beside[key] = found
            if len(self._fits_beside) > 2000:
                self._fits_beside.pop(next(iter(self._fits_beside)))
        return found

    def _picture(self, cell: CellView, box: pygame.Rect | None) -> None:
        if box is None or cell.picture is None:
            return
        shown = self.pictures.get(cell.picture, box.size)
        if shown is not None:
            x = box.x + (box.width - shown.get_width()) // 2
            y = box.y + (box.height - shown.get_height()) // 2
            self._dst.blit(shown, (x, y))

    def _paint_base(self, target: pygame.Surface, view: BoardView) -> None:
        self._dst = target
        self._label_px = self.label_sizes(view)
        target.fill(color(view.background_color, BACKGROUND))
        self._message(view)
        for cell in view.cells:
            self._cell(cell, view)
        for banner, rect in zip(view.banners, view.banner_rects, strict=True):
            self._banner(banner, rect)
        self._status(view)

    def _box(self, rect, fill, text, ink, max_px, *, radius=0, pad=0, align="center") -> None:
        pygame.draw.rect(self._dst, fill, rect, border_radius=radius)
        x, y, w, h = rect
        inner = (x + pad, y + pad // 2, w - 2 * pad, h - pad)
        surface = self.texts.text(text, inner[2:], ink, int(max_px), align=align)
        blit_in(self._dst, surface, inner, align)

    def _message(self, view: BoardView) -> None:
        rect = view.message_rect
        pad = max(6, rect[3] // 8)
        # Words end where the eye indicator starts (when one is shown).
        text_w = rect[2] if view.message_text_w is None else view.message_text_w
        if view.said:
            # Same bar as the message (the grid never moves), words as large as it holds.
            x, y, _, h = rect
            w = text_w
            pygame.draw.rect(self._dst, SAID_BG, rect, border_radius=10)
            pygame.draw.rect(self._dst, INK, rect, width=max(2, h // 25), border_radius=10)
            caption_w = w // 10
            caption = (x + pad, y, caption_w, h)
            blit_in(self._dst, self.texts.text("Said:", caption[2:], INK, h // 3), caption, "left")
            words = (x + pad + caption_w, y + 2, w - 2 * pad - caption_w, h - 4)
            blit_in(self._dst, self.texts.text(view.said, words[2:], INK, int(h * 0.9)), words)
            return
        text = view.message or "(message)"
        ink = INK if view.message else (120, 120, 120)
        pygame.draw.rect(self._dst, MESSAGE_BG, rect, border_radius=10)
        words = (rect[0], rect[1], text_w, rect[3])
        self._box(words, MESSAGE_BG, text, ink, rect[3] * 0.62, radius=10, pad=pad, align="left")

    def _cell(self, cell: CellView, view: BoardView) -> None:
        """An unlit cell (the cached base board)."""
        rect = pygame.Rect(cell.rect)
        fill = color(cell.color, CELL)
        pygame.draw.rect(self._dst, fill, rect, border_radius=12)
        picture, inner = self.cell_areas(cell, rect, view)
        self._picture(cell, picture)
        # The page's label size was fitted to this label box (``label_sizes``): a label
        # under a picture is as large as the page's other labels, not cut to the box's
        # height in pixels (a font's nominal size is taller than its lines).
        px = self._label_px.get(cell.index, int(rect.height * CELL_TEXT_SHARE))
        floor = floor_px(self.label_box(rect, view.border_px).size)
        text = self.texts.text(cell.label, inner.size, ink_for(fill), px, floor=floor)
        blit_in(self._dst, text, (inner.x, inner.y, inner.width, inner.height))

    def lit_label(self, cell: CellView, frame: pygame.Rect, view: BoardView) -> tuple[Rect, int]:
        """Box and largest size of a lit cell's label inside its (maybe enlarged) ``frame``.

        The page size grows with the frame (a lit row keeps one size); the text
        is fitted to the box again, so an enlarged label is larger, never cut.
        """
        inner = self.cell_areas(cell, frame, view)[1]
        px = self._label_px.get(cell.index, int(cell.rect[3] * CELL_TEXT_SHARE))
        if frame.height > cell.rect[3]:
            px = px * frame.height // max(1, cell.rect[3])
        return (inner.x, inner.y, inner.width, inner.height), px

    def _lit_cell(self, cell: CellView, frame: pygame.Rect, view: BoardView) -> None:
        """A highlighted cell: highlight fill inside a thick frame (its ring is already drawn)."""
        fill = color(view.highlight_color, (255, 212, 0))
        # Thick frame inside a white ring: visible on any cell colour, not
        # only as a colour change (CLINICAL.md: highlight styles for low vision).
        pygame.draw.rect(self._dst, fill, frame, border_radius=12)
        edge = color(view.highlight_border_color, INK)
        pygame.draw.rect(self._dst, edge, frame, width=view.border_px, border_radius=12)
        self._picture(cell, self.cell_areas(cell, frame, view)[0])
        inner, px = self.lit_label(cell, frame, view)
        floor = floor_px(self.label_box(frame, view.border_px).size)
        text = self.texts.text(cell.label, inner[2:], ink_for(fill), px, floor=floor)
        blit_in(self._dst, text, inner)

    def hold_bar(self, frame: pygame.Rect, view: BoardView) -> pygame.Rect:
        """Where a lit cell's hold bar goes: inside the frame's bottom border, below the label."""
        inner = frame.inflate(-2 * view.border_px, -2 * view.border_px)
        h = max(4, min(frame.size) // 12)  # the label's padding: the bar never covers words
        return pygame.Rect(inner.x, inner.bottom - h, inner.width, h)

    def _hold_bar(self, frame: pygame.Rect, view: BoardView, progress: float) -> None:
        """The bar filling left to right while a switch is held towards a selection."""
        bar = self.hold_bar(frame, view)
        pygame.draw.rect(self._dst, HOLD_TRACK, bar)
        filled = bar.copy()
        filled.width = round(bar.width * max(0.0, min(1.0, progress)))
        if filled.width > 0:
            pygame.draw.rect(self._dst, HOLD_FILL, filled)
