"""Cell pictures: read once, scaled to each cell (SVG drawn at the cell's size), cached.

A picture that cannot be read (missing, damaged, a format SDL_image does not
know) is remembered as failed: its cell shows the label alone, and
``notice`` returns one sentence naming the pictures for a banner, once per
new failure.  Files larger than ``MAX_BYTES`` are not read (a 40 MB photo
would stall the frame loop), nor pictures of more than ``MAX_PIXELS``
(measured from the file's header by ``imagesize`` before anything is
decoded: a 400 kB PNG of 12000×12000 pixels decodes to 576 MB); an SVG is
only ever drawn at a bounded size, whatever size it declares.  ``prepare`` reads a layout's pictures ahead,
in the layout loader's worker thread, so the first frame does not wait.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

import imagesize
import pygame

from commboard.control.picture_picker import MAX_PICTURE_PIXELS as MAX_PIXELS
from commboard.regular_file import NOT_A_FILE, is_regular_file

MAX_BYTES = 5_000_000
# An SVG is checked by drawing it this small: its own declared size (which may
# be huge) is never drawn.
SVG_CHECK = (64, 64)
CACHE_SIZE = 400  # scaled pictures kept: a few pages of a large board, at two sizes (lit, unlit)


class PictureCache:
    """Pictures by file path; scaled copies by (path, box size)."""

    def __init__(self) -> None:
        self._raw: dict[str, pygame.Surface | None] = {}
        self._scaled: OrderedDict[tuple[str, tuple[int, int]], pygame.Surface] = OrderedDict()
        self.failed: dict[str, str] = {}  # path -> why, in words
        self._told: set[str] = set()

    def prepare(self, paths: Iterable[str]) -> None:
        """Read these pictures now (the layout loader's worker thread), not at the first draw."""
        for path in paths:
            self._load(path)

    def _load(self, path: str) -> pygame.Surface | None:
        if path in self._raw:
            return self._raw[path]
        surface = None
        try:
            size = Path(path).stat().st_size
            if not is_regular_file(path):  # a pipe or a device: reading it could wait for ever
                raise OSError(NOT_A_FILE)
            svg = path.lower().endswith(".svg")
            width, height = (0, 0) if svg else picture_pixels(path) or (0, 0)
            if size > MAX_BYTES:
                self.failed[path] = f"larger than {MAX_BYTES // 1_000_000} MB"
            elif width * height > MAX_PIXELS:
                self.failed[path] = f"{width}×{height} pixels, more than the board shows"
            elif svg:  # read at a small size to check it (and for its shape); drawn per cell later
                surface = pygame.image.load_sized_svg(path, SVG_CHECK)
            else:
                surface = pygame.image.load(path)
        except FileNotFoundError:
            self.failed[path] = "not found"
        except (OSError, pygame.error, ValueError) as exc:
            self.failed[path] = f"cannot be read ({exc})"
        self._raw[path] = surface
        return surface

    def readable(self, path: str) -> bool:
        """Whether the picture can be shown (read now if it was not read before)."""
        return self._load(path) is not None

    def get(self, path: str, box: tuple[int, int]) -> pygame.Surface | None:
        """The picture scaled to fit ``box`` (aspect kept), or None when it cannot be shown."""
        key = (path, box)
        found = self._scaled.get(key)
        if found is not None:
            self._scaled.move_to_end(key)
            return found
        raw = self._load(path)
        if raw is None or box[0] < 1 or box[1] < 1:
            return None
        w, h = raw.get_size()
        scale = min(box[0] / max(1, w), box[1] / max(1, h))
        size = (max(1, int(w * scale)), max(1, int(h * scale)))
        try:
            if path.lower().endswith(".svg"):
                found = pygame.image.load_sized_svg(path, size)
            else:
                found = pygame.transform.smoothscale(raw, size)
        except (OSError, pygame.error, ValueError) as exc:
            self.failed[path] = f"cannot be drawn ({exc})"
            self._raw[path] = None
            return None
        self._scaled[key] = found
        if len(self._scaled) > CACHE_SIZE:
            self._scaled.popitem(last=False)
        return found

    def notice(self) -> str:
        """One sentence about pictures that newly failed ("" when none did)."""
        new = [p for p in self.failed if p not in self._told]
        if not new:
            return ""
        self._told.update(new)
        shown = ", ".join(f"{Path(p).name} ({self.failed[p]})" for p in new[:3])
        more = f" and {len(new) - 3} more" if len(new) > 3 else ""
        return f"Some pictures could not be shown: {shown}{more}; those cells show their words."


def picture_pixels(path: str | Path) -> tuple[int, int] | None:
    """A picture's width and height from its file's header (None: the header does not say)."""
    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    return (int(width), int(height)) if width > 0 and height > 0 else None
