"""Fitted, cached text and the colours every screen shares (the board and the carer screens).

Font rendering is the expensive part of a frame, so every piece of text is
fitted (largest size that fits its box, wrapped on words) and rendered once,
then cached by (text, box, colour).  ``font_choice`` picks, per label, a font
that has every character (pygame's own font for Latin labels; a system font
such as Noto for Hebrew, Arabic or emoji), shaped right to left where needed; ``run_font`` draws writing no one font has ("I feel 👍") run by run.  A scanning frame is then a fill, a few
dozen rectangles and blits: well under the 8 ms budget at 1920x1080.
"""

from __future__ import annotations

from collections import OrderedDict

import pygame
import pyphen

from commboard.adapters.font_choice import Face, FontChoice
from commboard.control.board_view import Rect
from commboard.shell.screens.run_font import RunFont, TextFont, drawn, open_face

INK = (0, 0, 0)
PAPER = (255, 255, 255)
MIN_FONT_PX = 12
CACHE_SIZE = 600
# A page keeps one label size only while that size stays readable: at least
# this share of the label box's shorter side.  The grid is laid out to be read
# from the bed, so the floor follows the cell: at the reference 1280x720 a 4x4
# cell gives a 24 px floor, whose capitals (half the size in pygame's font) are
# 12 px, about 3.2 mm on a 15.6" screen: 11 arc minutes at 1 m, twice the
# 20/20 letter, the least a tired or low-vision patient reads at a glance.
# A label that needs less shrinks (or breaks) alone; the page stays large.
FLOOR_SHARE = 0.3
# A label below the floor is hyphenated only when that makes it this much larger
# ("Uncomfortable" 21 -> 40 px in a portrait cell; not "Therapist" 37 -> 42 px).
HYPHEN_GAIN = 1.25
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

    def __init__(self, fonts: FontChoice | None = None, language: str = "en") -> None:
        self.fonts = fonts or FontChoice()
        self.language = language  # the layout's: where its long words may be hyphenated
        self._hyphenators: dict[str, pyphen.Pyphen | None] = {}
        self._fonts: dict[tuple[object, ...], pygame.font.Font] = {}
        self._run_fonts: dict[tuple[object, ...], RunFont] = {}
        self._surfaces: OrderedDict[tuple[object, ...], pygame.Surface] = OrderedDict()
        self._page_sizes: dict[tuple[object, ...], tuple[int, ...]] = {}
        self._sizes: OrderedDict[tuple[object, ...], int] = OrderedDict()

    def font(self, px: int, text: str = "") -> TextFont:
        """A font at ``px`` pixels that can draw ``text``.

        pygame's bundled bold sans font (large, plain letter shapes) whenever it
        has every character; otherwise the installed font ``font_choice`` picks,
        set to shape right to left for Hebrew or Arabic.  Writing no one font
        has ("I feel 👍") gets a ``RunFont``: each run in its own font.
        """
        face = self.fonts.face(text) if text else None
        if face is not None and face.runs:
            return self._run_font(face, px)
        return self._face_font(face, px)

    def _face_font(self, face: Face | None, px: int) -> pygame.font.Font:
        key = (face.path, face.rtl, face.script, px) if face else (None, False, "", px)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = open_face(face, px)
        return font

    def _run_font(self, face: Face, px: int) -> RunFont:
        # One per set of fonts, direction and size, not per text: a message bar
        # growing letter by letter does not fill the cache.
        key = (tuple(dict.fromkeys((f.path, f.color) for f in face.runs)), face.rtl, px)
        font = self._run_fonts.get(key)
        if font is None:
            font = RunFont(self.fonts.runs, self._face_font, px, face.rtl, face.runs)
            self._run_fonts[key] = font
        return font

    def shown(self, text: str) -> str:
        """``text`` as drawn: without characters no installed font has (never empty boxes)."""
        return self.fonts.face(text).shown

    def _wrap(
        self, text: str, px: int, width: int, break_words: bool = False, hyphenate: bool = False
    ) -> list[str]:
        """Lines of ``text`` at most ``width`` wide, broken between words.

        With ``hyphenate`` a word wider than ``width`` is split with a hyphen at
        the layout language's hyphenation points ("Uncom-" / "fortable").  With ``break_words`` a word wider than
        ``width`` is broken between characters (never cut): the last resort
        for a word longer than its cell.
        """
        font = self.font(px, text)
        lines: list[str] = []
        for word in self.shown(text).split():
            if lines and font.size(f"{lines[-1]} {word}")[0] <= width:
                lines[-1] = f"{lines[-1]} {word}"
                continue
            while hyphenate and font.size(word)[0] > width:
                cut = _hyphen_cut(font, word, width, self._hyphenator())
                if not cut:
                    break
                lines.append(word[:cut] + "-")
                word = word[cut:]
            while break_words and len(word) > 1 and font.size(word)[0] > width:
                cut = len(word) - 1
                while cut > 1 and font.size(word[:cut])[0] > width:
                    cut -= 1
                lines.append(word[:cut])
                word = word[cut:]
            lines.append(word)
        return lines or [""]

    def _hyphenator(self) -> pyphen.Pyphen | None:
        """The hyphenation dictionary of the layout's language (None: pyphen has none)."""
        if self.language not in self._hyphenators:
            found = pyphen.language_fallback(self.language.replace("-", "_"))
            self._hyphenators[self.language] = (
                pyphen.Pyphen(lang=found, left=3, right=3) if found else None
            )  # never one or two letters alone on a line ("Interpret-" / "er")
        return self._hyphenators[self.language]

    def _fits(
        self,
        text: str,
        px: int,
        box: tuple[int, int],
        wrap: bool,
        break_words: bool = False,
        hyphenate: bool = False,
    ) -> bool:
        font = self.font(px, text)
        lines = self._wrap(text, px, box[0], break_words, hyphenate) if wrap else [self.shown(text)]
        # A colour bitmap font has one size; it is scaled to ``px`` lines when drawn.
        scale = px / font.get_linesize() if self.fonts.face(text).color else 1.0
        widest = max(font.size(line)[0] for line in lines) * scale
        return widest <= box[0] and len(lines) * font.get_linesize() * scale <= box[1]

    def fit_px(
        self,
        text: str,
        box: tuple[int, int],
        max_px: int,
        wrap: bool = True,
        break_words: bool = False,
        hyphenate: bool = False,
    ) -> int:
        """Largest font size (pixels) at which ``text`` fits ``box`` (binary search).

        ``MIN_FONT_PX`` when it fits at no size (see ``fits_whole``).  Remembered:
        a label redrawn as the highlight or the eye indicator changes is not
        measured again.
        """
        key = (text, tuple(box), max_px, wrap, break_words, hyphenate, self.language)
        size = self._sizes.get(key)
        if size is None:
            size = self._sizes[key] = self._search_px(
                text, box, max_px, wrap, break_words, hyphenate
            )
            if len(self._sizes) > CACHE_SIZE:
                self._sizes.popitem(last=False)
        return size

    def _search_px(
        self, text: str, box: tuple[int, int], max_px: int, wrap: bool, break_words: bool,
        hyphenate: bool,
    ) -> int:  # fmt: skip
        lo, hi = MIN_FONT_PX, max(MIN_FONT_PX, max_px)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self._fits(text, mid, box, wrap, break_words, hyphenate):
                lo = mid
            else:
                hi = mid - 1
        return lo

    def label_fit(
        self, text: str, box: tuple[int, int], max_px: int, floor: int
    ) -> tuple[int, bool]:
        """Size for a label, and whether a long word is hyphenated to reach it.

        Wrapped between words while that is readable (at least ``floor``);
        otherwise a word too long for the cell is split with a hyphen (where
        the language allows) when that draws the label larger: "Uncomfortable" in a narrow
        portrait cell is "Uncom-" / "fortable" at a size the patient can read,
        not one line at a size they cannot.
        """
        whole = self.fit_px(text, box, max_px)
        if whole >= floor:
            return whole, False
        split = self.fit_px(text, box, max_px, hyphenate=True)
        worth = (
            split >= whole * HYPHEN_GAIN
        )  # a broken word is harder to read: only for a real gain
        if worth and self._fits(text, split, box, True, hyphenate=True):
            return split, True
        return whole, False

    def fits_whole(self, text: str, box: tuple[int, int], px: int) -> bool:
        """Whether ``text`` fits ``box`` at ``px`` wrapped between words only."""
        return self._fits(text, px, box, True)

    def line(self, text: str, px: int, ink: tuple[int, int, int], width: int) -> pygame.Surface:
        """``text`` on one line at ``px``, cut with an ellipsis to ``width`` pixels (cached)."""
        key = ("line", text, px, ink, width)
        cached = self._surfaces.get(key)
        if cached is not None:
            self._surfaces.move_to_end(key)
            return cached
        font = self.font(px, text)
        shown = self.shown(text)
        if font.size(shown)[0] > width:
            while shown and font.size(shown.rstrip() + ELLIPSIS)[0] > width:
                shown = shown[:-1]
            shown = shown.rstrip() + ELLIPSIS
        surface = drawn(font, shown, ink)
        if self.fonts.face(text).color:
            surface = _shrink(surface, (width, px))
        self._remember(key, surface)
        return surface

    def _remember(self, key: tuple[object, ...], surface: pygame.Surface) -> None:
        self._surfaces[key] = surface
        if len(self._surfaces) > CACHE_SIZE:
            self._surfaces.popitem(last=False)

    def page_sizes(
        self,
        labels: tuple[tuple[str, tuple[int, int], int], ...],
        floors: tuple[int, ...] | None = None,
    ) -> tuple[int, ...]:
        """One label size for a page while it stays readable; below that, each label alone.

        ``labels`` holds (label, text box, largest size) per cell.  The page
        size is the largest at which every label fits its cell wrapped between
        words, unless that is under the readable floor (``floor_px``): then the
        labels that cannot fit at the floor get their own, smaller size and do
        not pull the rest of the page down with them.  Cached per page layout,
        so a frame costs nothing.  ``floors`` overrides the floor per label (a
        label under a picture keeps the floor of its whole cell).
        """
        floors = floors or tuple(floor_px(box) for _, box, _ in labels)
        key = ("page", labels, floors, self.language)
        cached = self._page_sizes.get(key)
        if cached is not None:
            return cached
        whole = [self.fit_px(text, box, top) for text, box, top in labels]
        # Letters and numbers ("A", "?", "10") are keys: one size of their own, as
        # large as fits, so the spelling page's letters do not shrink to "Delete".
        keys = [is_key(text) for text, _, _ in labels]
        if any(keys) and not all(keys):
            words = self.page_sizes(
                tuple(x for x, k in zip(labels, keys, strict=True) if not k),
                tuple(x for x, k in zip(floors, keys, strict=True) if not k),
            )
            key_px = min(f for f, k in zip(whole, keys, strict=True) if k)
            rest = iter(words)
            sizes = tuple(key_px if k else next(rest) for k in keys)
            self._page_sizes[key] = sizes
            return sizes
        readable = [f for f, floor in zip(whole, floors, strict=True) if f >= floor]
        page = min(readable) if readable else max(whole, default=0)
        # A label below the floor goes its own way (hyphenated if that is larger):
        # it never pulls the page's size down.
        fits = [
            f if f >= floor else self.label_fit(text, box, top, floor)[0]
            for (text, box, top), f, floor in zip(labels, whole, floors, strict=True)
        ]
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
        floor: int = 0,
    ) -> pygame.Surface:
        """``text`` rendered as large as fits ``box`` (cached).

        ``floor``: the readable size of a cell label (``label_fit``); below it a
        long word is broken with a hyphen when that draws it larger.
        """
        key = (text, box, ink, max_px, wrap, align, floor, self.language if floor else "")
        cached = self._surfaces.get(key)
        if cached is not None:
            self._surfaces.move_to_end(key)
            return cached
        surface = self._render(text, box, ink, max_px, wrap, align, floor)
        self._remember(key, surface)
        return surface

    def _render(self, text, box, ink, max_px, wrap, align, floor=0) -> pygame.Surface:
        px, hyphenate = self.label_fit(text, box, max_px, floor) if wrap and floor else (0, False)
        if not hyphenate:
            px = self.fit_px(text, box, max_px, wrap)
        # A word wider than the box even at the smallest size breaks between
        # characters, largest first, rather than being cut at both ends.
        broken = wrap and not hyphenate and not self.fits_whole(text, box, px)
        if broken:
            px = self.fit_px(text, box, max_px, wrap, break_words=True)
        font = self.font(px, text)
        face = self.fonts.face(text)
        lines = self._wrap(text, px, box[0], broken, hyphenate) if wrap else [face.shown]
        rendered = [drawn(font, line, ink) for line in lines]
        if face.color:  # a colour bitmap font draws at its own size: scale it into the box
            step = font.get_linesize()
            surface = pygame.Surface(
                (max(s.get_width() for s in rendered), step * len(rendered)), pygame.SRCALPHA
            )
            for i, line in enumerate(rendered):
                surface.blit(line, ((surface.get_width() - line.get_width()) // 2, i * step))
            return _shrink(surface, (box[0], min(box[1], px * len(rendered))))
        width = min(box[0], max(s.get_width() for s in rendered))
        if face.rtl and align == "left":
            width = box[0]  # right-to-left text reads from the right edge of its box
        height = min(box[1], len(rendered) * font.get_linesize())
        surface = pygame.Surface((max(1, width), max(1, height)), pygame.SRCALPHA)
        for i, line in enumerate(rendered):
            x = (width - line.get_width()) // 2 if align == "center" else 0
            if face.rtl and align == "left":
                x = width - line.get_width()
            surface.blit(line, (x, i * font.get_linesize()))
        return surface


def _hyphen_cut(font: TextFont, word: str, width: int, hyphens: pyphen.Pyphen | None) -> int:
    """Where to split ``word`` with a hyphen so its first part fits ``width`` (0: nowhere).

    At the language's hyphenation points (pyphen), the last one that fits.
    """
    if hyphens is None:
        return 0
    fitting = [p for p in hyphens.positions(word) if font.size(word[:p] + "-")[0] <= width]
    return max(fitting, default=0)


def floor_px(box: tuple[int, int]) -> int:
    """The smallest size a page's shared label size may be for label boxes like ``box``."""
    return max(MIN_FONT_PX, round(min(box) * FLOOR_SHARE))


def _shrink(surface: pygame.Surface, box: tuple[int, int]) -> pygame.Surface:
    """``surface`` scaled down (never up) to fit ``box``, keeping its proportions."""
    w, h = surface.get_size()
    scale = min(1.0, box[0] / max(1, w), box[1] / max(1, h))
    if scale >= 1.0:
        return surface
    size = (max(1, int(w * scale)), max(1, int(h * scale)))
    return pygame.transform.smoothscale(surface, size)


def blit_in(
    target: pygame.Surface, text: pygame.Surface, rect: Rect, align: str = "center"
) -> None:
    """Blit a text surface into ``rect``, centred vertically (and horizontally unless left)."""
    x, y, w, h = rect
    dx = (w - text.get_width()) // 2 if align == "center" else 0
    target.blit(text, (x + dx, y + (h - text.get_height()) // 2))
