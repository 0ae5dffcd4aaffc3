"""Paints a ``BoardView`` (and carer screens) with pygame.

Font rendering is the expensive part of a frame, so every piece of text is
fitted (largest size that fits its box, wrapped on words) and rendered once,
then cached by (text, box, colour).  A scanning frame is then a fill, a few
dozen rectangles and blits: well under the 8 ms budget at 1920x1080.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace

import pygame

from commboard.control.board_view import BoardView, CellView, Rect, lit_frames, ring_px
from commboard.effects import Banner

BACKGROUND = (11, 15, 20)
CELL = (241, 243, 244)  # cells without a layout colour: near white, black text
INK = (0, 0, 0)
PAPER = (255, 255, 255)
MESSAGE_BG = (255, 255, 255)
SAID_BG = (209, 233, 255)
STATUS_BG = (32, 38, 46)
STATUS_INK = (235, 238, 241)
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
MIN_FONT_PX = 12
CACHE_SIZE = 600
# A single long word ("Uncomfortable") may get a smaller size than the rest of
# its page only when fitting the whole page to it would shrink every other
# label below this fraction of the size they could have.
LONE_WORD_SHARE = 0.6
LONE_WORDS_PER_CELL = 8  # at most one lone word in this many cells may shrink alone
CELL_TEXT_SHARE = 0.55  # largest label: this fraction of the cell height (one line)
ELLIPSIS = "\u2026"


def color(value: str | None, default: tuple[int, int, int]) -> tuple[int, int, int]:
    """A colour name or ``#rrggbb`` as RGB; ``default`` when missing or unknown."""
    if not value:
        return default
    try:
        c = pygame.Color(value)
    except ValueError:
        return default
    return (c.r, c.g, c.b)


def ink_for(background: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever contrasts more with ``background`` (WCAG luminance)."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in background)
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return INK if (lum + 0.05) / 0.05 >= 1.05 / (lum + 0.05) else PAPER


def is_key(label: str) -> bool:
    """A one-character label ("A", "?") or a number ("10"): a key, sized with the other keys."""
    text = label.strip()
    return len(text) == 1 or text.isdigit()


class TextCache:
    """Fits text into boxes and keeps the rendered surfaces."""

    def __init__(self) -> None:
        self._fonts: dict[int, pygame.font.Font] = {}
        self._surfaces: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._page_sizes: dict[tuple[object, ...], tuple[int, ...]] = {}

    def font(self, px: int) -> pygame.font.Font:
        """pygame's bundled bold sans font at ``px`` pixels (large, plain letter shapes)."""
        if px not in self._fonts:
            self._fonts[px] = pygame.font.Font(None, px)
        return self._fonts[px]

    def _wrap(self, text: str, px: int, width: int) -> list[str]:
        font = self.font(px)
        lines: list[str] = []
        for word in text.split():
            if lines and font.size(f"{lines[-1]} {word}")[0] <= width:
                lines[-1] = f"{lines[-1]} {word}"
            else:
                lines.append(word)
        return lines or [""]

    def _fits(self, text: str, px: int, box: tuple[int, int], wrap: bool) -> bool:
        font = self.font(px)
        lines = self._wrap(text, px, box[0]) if wrap else [text]
        widest = max(font.size(line)[0] for line in lines)
        return widest <= box[0] and len(lines) * font.get_linesize() <= box[1]

    def fit_px(self, text: str, box: tuple[int, int], max_px: int, wrap: bool = True) -> int:
        """Largest font size (pixels) at which ``text`` fits ``box`` (binary search)."""
        lo, hi = MIN_FONT_PX, max(MIN_FONT_PX, max_px)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._fits(text, mid, box, wrap):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def line(self, text: str, px: int, ink: tuple[int, int, int], width: int) -> pygame.Surface:
        """``text`` on one line at ``px``, cut with an ellipsis to ``width`` pixels (cached)."""
        key = ("line", text, px, ink, width)
        cached = self._surfaces.get(key)
        if cached is not None:
            self._surfaces.move_to_end(key)
            return cached
        font = self.font(px)
        shown = text
        if font.size(shown)[0] > width:
            while shown and font.size(shown.rstrip() + ELLIPSIS)[0] > width:
                shown = shown[:-1]
            shown = shown.rstrip() + ELLIPSIS
        surface = font.render(shown, True, ink)
        self._remember(key, surface)
        return surface

    def _remember(self, key: tuple[object, ...], surface: pygame.Surface) -> None:
        self._surfaces[key] = surface
        if len(self._surfaces) > CACHE_SIZE:
            self._surfaces.popitem(last=False)

    def page_sizes(self, labels: tuple[tuple[str, tuple[int, int], int], ...]) -> tuple[int, ...]:
        """One label size for a whole page: the largest at which every label fits its cell.

        ``labels`` holds (label, text box, largest size) per cell.  Multi-word
        labels wrap onto lines and set the page size.  A single word so long
        that it would shrink the page below ``LONE_WORD_SHARE`` of that size
        gets its own smaller size (at most one cell in ``LONE_WORDS_PER_CELL``,
        the longest words); every other cell keeps the page size.  Cached per page layout, so a frame costs nothing.
        """
        key = ("page", labels)
        cached = self._page_sizes.get(key)
        if cached is not None:
            return cached
        fits = [self.fit_px(text, box, top) for text, box, top in labels]
        # Letters and numbers ("A", "?", "10") are keys: one size of their own, as
        # large as fits, so the spelling page's letters do not shrink to "Delete".
        keys = [is_key(text) for text, _, _ in labels]
        if any(keys) and not all(keys):
            words = self.page_sizes(tuple(x for x, k in zip(labels, keys, strict=True) if not k))
            key_px = min(f for f, k in zip(fits, keys, strict=True) if k)
            rest = iter(words)
            sizes = tuple(key_px if k else next(rest) for k in keys)
            self._page_sizes[key] = sizes
            return sizes
        single = [len(text.split()) == 1 for text, _, _ in labels]
        phrases = [f for f, one in zip(fits, single, strict=True) if not one]
        # Phrases wrap, so they set the page size; without any, the median cell does.
        common = min(phrases) if phrases else sorted(fits)[len(fits) // 2] if fits else 0
        floor = common * LONE_WORD_SHARE
        short = sorted(f for f, one in zip(fits, single, strict=True) if one and f < floor)
        alone = max(1, len(fits) // LONE_WORDS_PER_CELL)  # more than a few: the page follows them
        kept = [f for f, one in zip(fits, single, strict=True) if one and f >= floor]
        page = min([common, *kept, *short[alone:]])
        sizes = tuple(min(page, f) for f in fits)
        self._page_sizes[key] = sizes
        if len(self._page_sizes) > CACHE_SIZE // 10:
            self._page_sizes.pop(next(iter(self._page_sizes)))
        return sizes

    def text(
        self,
        text: str,
        box: tuple[int, int],
        ink: tuple[int, int, int],
        max_px: int,
        *,
        wrap: bool = True,
        align: str = "center",
    ) -> pygame.Surface:
        """``text`` rendered as large as fits ``box`` (cached)."""
        key = (text, box, ink, max_px, wrap, align)
        cached = self._surfaces.get(key)
        if cached is not None:
            self._surfaces.move_to_end(key)
            return cached
        surface = self._render(text, box, ink, max_px, wrap, align)
        self._remember(key, surface)
        return surface

    def _render(self, text, box, ink, max_px, wrap, align) -> pygame.Surface:
        px = self.fit_px(text, box, max_px, wrap)
        font = self.font(px)
        lines = self._wrap(text, px, box[0]) if wrap else [text]
        rendered = [font.render(line, True, ink) for line in lines]
        width = min(box[0], max(s.get_width() for s in rendered))
        height = min(box[1], len(rendered) * font.get_linesize())
        surface = pygame.Surface((max(1, width), max(1, height)), pygame.SRCALPHA)
        for i, line in enumerate(rendered):
            x = (width - line.get_width()) // 2 if align == "center" else 0
            surface.blit(line, (x, i * font.get_linesize()))
        return surface


def blit_in(
    target: pygame.Surface, text: pygame.Surface, rect: Rect, align: str = "center"
) -> None:
    """Blit a text surface into ``rect``, centred vertically (and horizontally unless left)."""
    x, y, w, h = rect
    dx = (w - text.get_width()) // 2 if align == "center" else 0
    target.blit(text, (x + dx, y + (h - text.get_height()) // 2))


class BoardRenderer:
    """Draws board frames onto a surface."""

    def __init__(self, surface: pygame.Surface, texts: TextCache | None = None) -> None:
        self.surface = surface
        self.texts = texts or TextCache()
        self._dst = surface  # what the painters below draw on
        self._base: pygame.Surface | None = None
        self._base_view: BoardView | None = None
        self._label_px: dict[int, int] = {}

    def draw(self, view: BoardView) -> None:
        """Paint one frame: the cached unhighlighted board, then the highlighted cells.

        While scanning only the highlight moves, so the rest of the board is
        painted once into ``_base`` and reused until something else changes.
        """
        if view.alarm is not None:
            self._alarm(view)
            return
        base = replace(view, cells=tuple(replace(c, highlighted=False) for c in view.cells))
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
        # All white rings first, then the frames: a lit neighbour's ring never covers a frame.
        for cell in lit:
            outer = pygame.Rect(frames[cell.index]).inflate(2 * ring, 2 * ring)
            pygame.draw.rect(self.surface, PAPER, outer.clip(grid), border_radius=14)
        for cell in lit:
            self._lit_cell(cell, pygame.Rect(frames[cell.index]), view)

    def label_sizes(self, view: BoardView) -> dict[int, int]:
        """Font size (px) of each cell's label: one size per page (see ``TextCache.page_sizes``)."""
        boxes = [self._label_box(pygame.Rect(c.rect), view.border_px) for c in view.cells]
        labels = tuple(
            (c.label, box.size, int(c.rect[3] * CELL_TEXT_SHARE))
            for c, box in zip(view.cells, boxes, strict=True)
        )
        sizes = self.texts.page_sizes(labels)
        return {c.index: px for c, px in zip(view.cells, sizes, strict=True)}

    @staticmethod
    def _label_box(rect: pygame.Rect, border: int) -> pygame.Rect:
        # From the shorter side: tall portrait cells would otherwise lose a third of their width.
        pad = border + max(4, min(rect.size) // 12)
        return rect.inflate(-2 * pad, -2 * pad)

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
        inner = self._label_box(rect, view.border_px)
        px = self._label_px.get(cell.index, int(rect.height * CELL_TEXT_SHARE))
        text = self.texts.text(cell.label, inner.size, ink_for(fill), px)
        blit_in(self._dst, text, (inner.x, inner.y, inner.width, inner.height))

    def lit_label(self, cell: CellView, frame: pygame.Rect, view: BoardView) -> tuple[Rect, int]:
        """Box and largest size of a lit cell's label inside its (maybe enlarged) ``frame``.

        The page size grows with the frame (a lit row keeps one size); the text
        is fitted to the box again, so an enlarged label is larger, never cut.
        """
        inner = self._label_box(frame, view.border_px)
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
        inner, px = self.lit_label(cell, frame, view)
        text = self.texts.text(cell.label, inner[2:], ink_for(fill), px)
        blit_in(self._dst, text, inner)

    def _status(self, view: BoardView) -> None:
        """Page title (at most a third of the width, cut with an ellipsis), a rule, the status."""
        x, y, w, h = view.status_rect
        pygame.draw.rect(self._dst, STATUS_BG, view.status_rect)
        pad = max(8, h // 4)
        px = self._status_px(view, w - 4 * pad, h)
        title = self.texts.line(view.page_title, px, PAPER, w // 3)
        blit_in(self._dst, title, (x + pad, y, title.get_width(), h), "left")
        rule_x = x + pad + title.get_width() + pad
        pygame.draw.line(self._dst, STATUS_INK, (rule_x, y + h // 5), (rule_x, y + h - h // 5), 2)
        left = rule_x + pad
        status = self.texts.line(view.status, px, STATUS_INK, x + w - pad - left)
        blit_in(self._dst, status, (left, y, status.get_width(), h), "left")

    def _status_px(self, view: BoardView, room: int, h: int) -> int:
        """The largest status size (62% of the line down to 32%) at which title and status fit."""
        px = max(MIN_FONT_PX, int(h * 0.62))
        smallest = max(MIN_FONT_PX, int(h * 0.32))
        while px > smallest:
            font = self.texts.font(px)
            title_w = min(font.size(view.page_title)[0], room // 3)
            if title_w + font.size(view.status)[0] <= room:
                break
            px -= 1
        return px

    def _alarm(self, view: BoardView) -> None:
        back, ink = ALARM_COLORS if view.flash_on else ALARM_COLORS[::-1]
        self.surface.fill(back)
        w, h = view.size
        words = self.texts.text(view.alarm or "", (w * 9 // 10, h // 2), ink, h // 4)
        blit_in(self.surface, words, (0, h // 8, w, h // 2))
        hint = "Carer: press Escape or click to stop the alarm"
        small = self.texts.text(hint, (w * 9 // 10, h // 8), ink, h // 16)
        blit_in(self.surface, small, (0, h * 3 // 4, w, h // 8))
