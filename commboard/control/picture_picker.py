"""The page editor's picture picker: which picture a cell shows, chosen from a grid of tiles.

The carer presses I in the editor and picks from, in this order:

* **No picture** (the cell shows its label alone);
* **A file elsewhere...**: type its path (a USB stick, Downloads); the file
  is copied into the layout's ``images/`` folder when the page is saved, so
  the layout never points at a file that may go away;
* the layout's own pictures (``images/...``);
* the shipped symbols (``symbols/drink.svg``, OpenMoji).

Typing letters filters the tiles by name ("dri" leaves Drink); arrows move,
Enter picks, a click picks, Escape goes back without a change.  The tiles
come in pages of ``COLUMNS`` x ``ROWS``; moving past the last row turns the
page, and the shell draws "previous" / "next" buttons for the mouse.

Pure: the shell lists the files, draws the view, and checks a typed file
(exists, size, readable) before :func:`typed_file_problem` and
:func:`copy_name` say what to tell the carer and what the copy is called.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from commboard.board.layout_cells import MAX_IMAGE_PATH
from commboard.board.symbols import SYMBOLS_PREFIX

COLUMNS = 6
ROWS = 3
PER_PAGE = COLUMNS * ROWS
PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")
MAX_PICTURE_BYTES = 5_000_000  # the board does not read larger pictures (shell PictureCache)
# Nor pictures of more pixels (a small file can hold a huge picture): 16 megapixels.
MAX_PICTURE_PIXELS = 16_000_000
MAX_FILTER = 40  # characters typed to filter


@dataclass(frozen=True, slots=True)
class PictureTile:
    """One choice in the picker.

    Attributes:
        name: what the carer reads on the tile ("drink", "dog.png", "No picture").
        image: what the cell's ``image`` becomes (None: no picture, or the typed-file tile).
        kind: "none", "file" (type a path), "layout" (the layout's images) or "symbol".
    """

    name: str
    image: str | None
    kind: str


NO_PICTURE = PictureTile("No picture", None, "none")
A_FILE = PictureTile("A file elsewhere...", None, "file")


@dataclass(frozen=True, slots=True)
class Picked:
    """The carer chose this picture (None: no picture)."""

    image: str | None


@dataclass(frozen=True, slots=True)
class TypePath:
    """The carer wants to type a file's path."""


@dataclass(frozen=True, slots=True)
class Cancelled:
    """Back to the editor, nothing changed."""


@dataclass(frozen=True, slots=True)
class Browsing:
    """Still choosing (redraw)."""


PickerAnswer = Picked | TypePath | Cancelled | Browsing


@dataclass(frozen=True, slots=True)
class PickerView:
    """The picker as shown: one page of tiles."""

    title: str
    tiles: tuple[PictureTile, ...]  # this page's tiles, at most PER_PAGE
    selected: int | None  # index into ``tiles`` of the cursor, None if not on this page
    current: str | None  # the cell's picture now (its tile is marked)
    filter: str
    page: int  # 0-based
    pages: int
    message: str


def tile_for(image: str) -> PictureTile:
    """The tile of a picture path: a shipped symbol or one of the layout's files."""
    name = PurePosixPath(image).name
    if image.startswith(SYMBOLS_PREFIX):
        return PictureTile(PurePosixPath(name).stem.replace("-", " "), image, "symbol")
    return PictureTile(name, image, "layout")


class PicturePicker:
    """The picker's state: the tiles, the typed filter and the cursor."""

    def __init__(
        self,
        layout_pictures: tuple[str, ...],
        symbols: tuple[str, ...],
        current: str | None,
        label: str = "",
    ) -> None:
        """``layout_pictures`` are paths inside the layout folder, ``symbols`` the shipped
        ones (``symbols/drink.svg``); ``current`` is the cell's picture now."""
        self.all = (
            NO_PICTURE,
            A_FILE,
            *(tile_for(p) for p in layout_pictures if not p.startswith(SYMBOLS_PREFIX)),
            *(tile_for(s) for s in symbols),
        )
        self.current = current
        self.label = label
        self.filter = ""
        self.message = "Type to filter.  Arrows and Enter, or a click, pick.  Esc: back."
        shown = self.tiles()
        at = next((i for i, t in enumerate(shown) if t.image == current), 0)
        self.cursor = at

    def tiles(self) -> tuple[PictureTile, ...]:
        """The tiles the filter leaves: "No picture" and "A file" always, then every match."""
        words = self.filter.lower().split()
        fixed = (NO_PICTURE, A_FILE)
        found = tuple(
            t
            for t in self.all
            if t not in fixed and all(w in (t.name + " " + (t.image or "")).lower() for w in words)
        )
        return (*fixed, *found)

    def press(self, key: str) -> PickerAnswer:
        """A key name ("up", "enter", "backspace", "escape", "pagedown") or a typed character."""
        shown = self.tiles()
        moves = {"left": -1, "right": 1, "up": -COLUMNS, "down": COLUMNS}
        if key in moves:
            self.cursor = min(max(self.cursor + moves[key], 0), len(shown) - 1)
        elif key in ("pageup", "pagedown"):
            self.turn(-1 if key == "pageup" else 1)
        elif key == "enter":
            return self.pick(self.cursor)
        elif key == "escape":
            return Cancelled()
        elif key == "backspace":
            self._filter(self.filter[:-1])
        elif len(key) == 1 and key.isprintable() and len(self.filter) < MAX_FILTER:
            self._filter(self.filter + key)
        return Browsing()

    def turn(self, step: int) -> None:
        """Show the previous (-1) or next (+1) page of tiles; the cursor goes to its first tile."""
        last = (len(self.tiles()) - 1) // PER_PAGE
        page = min(max(self.cursor // PER_PAGE + step, 0), last)
        self.cursor = page * PER_PAGE

    def _filter(self, text: str) -> None:
        self.filter = text
        count = len(self.tiles()) - 2
        self.cursor = 2 if count > 0 and text else 0
        self.message = (
            (f"1 picture matches '{text}'." if count == 1 else f"{count} pictures match '{text}'.")
            if text
            else "Type to filter.  Arrows and Enter, or a click, pick.  Esc: back."
        )

    def pick(self, index: int) -> PickerAnswer:
        """Choose the tile at ``index`` of the filtered tiles (a click or Enter)."""
        shown = self.tiles()
        if not 0 <= index < len(shown):
            return Browsing()
        tile = shown[index]
        if tile.kind == "file":
            return TypePath()
        return Picked(tile.image)

    def view(self) -> PickerView:
        """This page of tiles, the cursor, the filter and the last message."""
        shown = self.tiles()
        page = self.cursor // PER_PAGE
        start = page * PER_PAGE
        title = f"Picture for '{self.label}'" if self.label else "Picture"
        return PickerView(
            title,
            shown[start : start + PER_PAGE],
            self.cursor - start,
            self.current,
            self.filter,
            page,
            (len(shown) - 1) // PER_PAGE + 1,
            self.message,
        )


# --- a file typed by path ----------------------------------------------------


def typed_file_problem(
    typed: str, is_file: bool, size: int | None, pixels: tuple[int, int] | None = None
) -> str | None:
    """Why a typed path cannot be a cell's picture, in plain words (None: it can).

    Args:
        typed: the path as typed.
        is_file: whether it names an existing file (the shell looked).
        size: its size in bytes, None when unknown.
        pixels: its width and height from the file's header, None when unknown.
    """
    suffix = PurePosixPath(typed.replace("\\", "/")).suffix.lower()
    if not is_file:
        return f"There is no file at {typed}.  Check the path and type it again, or Esc."
    if suffix not in PICTURE_SUFFIXES:
        kinds = ", ".join(s.lstrip(".").upper() for s in PICTURE_SUFFIXES)
        return f"{typed} is not a picture the board can show ({kinds})."
    if size is not None and size > MAX_PICTURE_BYTES:
        return (
            f"{typed} is {size / 1_000_000:.1f} MB; the board shows pictures up to "
            f"{MAX_PICTURE_BYTES // 1_000_000} MB (make it smaller first)."
        )
    if pixels is not None and pixels[0] * pixels[1] > MAX_PICTURE_PIXELS:
        return (
            f"{typed} is {pixels[0]}×{pixels[1]} pixels; the board shows pictures up to "
            f"{MAX_PICTURE_PIXELS // 1_000_000} megapixels (make it smaller first)."
        )
    return None


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def copy_name(file_name: str, taken: set[str]) -> str:
    """Where a picture typed by path goes in the layout folder: ``images/<its name>``.

    The name keeps letters, digits, ``.``, ``_`` and ``-`` (others become
    ``-``); a name already ``taken`` (a file there, or another copy waiting
    for the save) gets ``-2``, ``-3``...: an existing picture is never replaced.
    """
    path = PurePosixPath(file_name.replace("\\", "/"))
    stem = _UNSAFE.sub("-", path.stem).strip("-.") or "picture"
    suffix = path.suffix.lower()
    stem = stem[: MAX_IMAGE_PATH - len("images/") - len(suffix) - 8]
    candidate = f"images/{stem}{suffix}"
    n = 2
    while candidate in taken:
        candidate = f"images/{stem}-{n}{suffix}"
        n += 1
    return candidate
