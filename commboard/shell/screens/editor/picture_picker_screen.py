"""The page editor's picture picker (key I): a grid of big tiles, each a picture and its name.

The rules (filter, cursor, pages, what a tile means) are ``control.picture_picker``;
this screen lists the files, draws the tiles with their pictures, turns keys
and clicks into the picker's key names, and runs the typed-path line
(:class:`TypedEntry`, the same lettered typed-line screen as the layout path)
inside itself, so a picked file goes straight back to the editor.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.control.board_view import Rect
from commboard.control.picture_picker import (
    COLUMNS,
    ROWS,
    Cancelled,
    Picked,
    PickerView,
    PicturePicker,
    PictureTile,
    TypePath,
    copy_name,
    typed_file_problem,
)
from commboard.events import CarerRequest, Click, Key, UiEvent
from commboard.shell.screens.base import Close, Outcome, Screen, ShellContext, Stay
from commboard.shell.screens.board.pictures import picture_pixels
from commboard.shell.screens.carer_menu.button_screen import TypedEntry
from commboard.shell.screens.carer_menu.menu_paint import inside
from commboard.shell.screens.editor.key_names import PICKER_KEYS
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in

DEFAULT_SIZE = (1280, 720)
BACKGROUND = (24, 28, 34)
TILE = (241, 243, 244)
SPECIAL = (200, 214, 232)  # "No picture" and "A file": not pictures, a different colour
SELECTED = (0, 114, 206)  # the editor's cursor blue
CURRENT = (255, 140, 0)
MUTED = (170, 180, 190)
TYPE_FILE = "Type the picture file's path (PNG, JPEG, GIF, SVG, WebP or BMP), then press Enter"
_NAMES = PICKER_KEYS

# What the editor is told: (the cell's new image or None, the file to copy there on save or None).
Chosen = Callable[[str | None, Path | None], None]
# A picture scaled to a box (the editor's picture cache; None: cannot be shown).
Thumbnail = Callable[[str, tuple[int, int]], pygame.Surface | None]


def areas(size: tuple[int, int]) -> tuple[Rect, list[Rect], Rect, Rect, Rect]:
    """(title, tiles, message, previous button, next button) rectangles."""
    width, height = size
    pad = max(8, width // 100)
    title = (pad, pad, width - 2 * pad, height // 10)
    bottom_h = height // 9
    top = title[1] + title[3] + pad
    gw, gh = width - 2 * pad, height - top - bottom_h - 2 * pad
    gap = max(6, min(gw, gh) // 60)
    tw, th = (gw - gap * (COLUMNS - 1)) // COLUMNS, (gh - gap * (ROWS - 1)) // ROWS
    tiles = [
        (pad + c * (tw + gap), top + r * (th + gap), tw, th)
        for r in range(ROWS)
        for c in range(COLUMNS)
    ]
    y = height - bottom_h - pad
    button_w = width // 6
    previous = (pad, y, button_w, bottom_h)
    following = (width - pad - button_w, y, button_w, bottom_h)
    message = (pad + button_w + pad, y, width - 2 * button_w - 4 * pad, bottom_h)
    return title, tiles, message, previous, following


class PictureFileEntry(TypedEntry):
    """The typed path line; Enter checks the file and hands it to ``accept``."""

    def __init__(self, ctx: ShellContext, accept: Callable[[Path], str | None]) -> None:
        super().__init__(ctx, TYPE_FILE, self._entered)
        self.accept = accept
        self.accepted = False

    def _entered(self, typed: str) -> Outcome:
        path = Path(os.path.expanduser(typed))
        try:
            is_file, size = path.is_file(), path.stat().st_size
        except OSError:
            is_file, size = False, None
        raster = is_file and path.suffix.lower() != ".svg"  # an SVG is drawn at the cell's size
        pixels = picture_pixels(path) if raster else None
        problem = typed_file_problem(typed, is_file, size, pixels) or self.accept(path)
        if problem:
            self.title = problem
            return Stay()
        self.accepted = True
        return Close()


class PicturePickerScreen:
    """Carer screen over the editor: choose the selected cell's picture."""

    wants_text = True  # letters filter the tiles
    wants_switches = False
    idle_timeout_s: float | None = 300.0

    def __init__(
        self,
        ctx: ShellContext,
        picker: PicturePicker,
        thumbnail: Thumbnail,
        chosen: Chosen,
        folder: Path | None,
        taken: Callable[[], set[str]],
    ) -> None:
        """``folder`` is the layout folder; ``taken`` the ``images/`` names in use
        (files there and copies waiting for the save)."""
        self.ctx = ctx
        self.picker = picker
        self.thumbnail = thumbnail
        self.chosen = chosen
        self.folder = folder
        self.taken = taken
        self.entry: PictureFileEntry | None = None
        self._size = DEFAULT_SIZE

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Keys go to the picker's rules (or the typed line); a click picks a tile."""
        if self.entry is not None:
            outcome = self.entry.handle(event, now)
            if isinstance(outcome, Close):
                done, self.entry = self.entry.accepted, None
                return Close() if done else Stay()
            return outcome
        match event:
            case CarerRequest():
                return self._answer(self.picker.press("escape"))
            case Key(key=key) if key in _NAMES:
                return self._answer(self.picker.press(_NAMES[key]))
            case Key(text=text) if text:
                return self._answer(self.picker.press(text))
            case Click(x=x, y=y):
                return self._click(x, y)
        return Stay()

    def _click(self, x: int, y: int) -> Outcome:
        _, tiles, _, previous, following = areas(self._size)
        if inside(previous, x, y) or inside(following, x, y):
            self.picker.turn(-1 if inside(previous, x, y) else 1)
            return Stay()
        start = self.picker.view().page * len(tiles)
        for index, rect in enumerate(tiles):
            if inside(rect, x, y):
                return self._answer(self.picker.pick(start + index))
        return Stay()

    def _answer(self, answer: object) -> Outcome:
        match answer:
            case Picked(image=image):
                self.chosen(image, None)
                return Close()
            case Cancelled():
                return Close()
            case TypePath():
                self.entry = PictureFileEntry(self.ctx, self._accept_file)
        return Stay()

    def _accept_file(self, path: Path) -> str | None:
        """A typed file: referenced where it is if inside the layout folder, else copied on save."""
        try:
            pygame.image.load(str(path))
        except (OSError, pygame.error, ValueError) as exc:
            return f"{path} cannot be read as a picture ({exc})."
        if self.folder is not None:
            try:
                inner = path.resolve().relative_to(self.folder.resolve())
            except (OSError, ValueError):
                inner = None
            if inner is not None and not inner.as_posix().startswith("symbols/"):
                self.chosen(inner.as_posix(), None)
                return None
        self.chosen(copy_name(path.name, self.taken()), path)
        return None

    draft_slot: str | None = None  # keeps no unsaved work

    def resume(self, kept: Screen, now: float) -> Screen:
        """Keeps no drafts: opens as it is."""
        return self

    def timeout_note(self) -> str | None:
        """Closing the picker loses nothing (the editor below keeps its edits)."""
        return None

    def next_deadline(self, now: float) -> float | None:
        """Nothing moves by itself."""
        return None

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """The tiles, or the typed line while a path is typed."""
        self._size = surface.get_size()
        if self.entry is not None:
            self.entry.draw(surface, texts, now)
            return
        paint_picker(surface, texts, self.picker.view(), self.thumbnail)


def _name_box(rect: Rect, pictured: bool) -> Rect:
    x, y, w, h = rect
    label_h = h * 3 // 10
    return (
        (x + 6, y + h - label_h - 4, w - 12, label_h)
        if pictured
        else (x + 6, y + 6, w - 12, h - 12)
    )


def _tile(
    surface: pygame.Surface,
    texts: TextCache,
    rect: Rect,
    tile: PictureTile,
    picture: pygame.Surface | None,
    px: int,
) -> None:
    x, y, w, h = rect
    fill = TILE if tile.kind in ("layout", "symbol") else SPECIAL
    pygame.draw.rect(surface, fill, rect, border_radius=10)
    name_box = _name_box(rect, picture is not None)
    if picture is not None:
        top = y + (h - name_box[3] - picture.get_height()) // 2
        surface.blit(picture, (x + (w - picture.get_width()) // 2, top))
    blit_in(surface, texts.text(tile.name, name_box[2:], INK, px), name_box)


def paint_picker(
    surface: pygame.Surface, texts: TextCache, view: PickerView, thumbnail: Thumbnail
) -> None:
    """One page of tiles: the cursor framed blue, the cell's picture now framed orange."""
    surface.fill(BACKGROUND)
    title, tiles, message, previous, following = areas(surface.get_size())
    heading = view.title + (f"   filter: {view.filter}|" if view.filter else "   (type to filter)")
    blit_in(surface, texts.text(heading, title[2:], PAPER, title[3] * 2 // 3), title, "left")
    # One size for the names on the page, as on the board: a name too long to stay
    # readable at it (a camera's file name) gets its own smaller size, not all of them.
    label_box = _name_box(tiles[0], True)[2:]
    sizes = texts.page_sizes(tuple((t.name, label_box, label_box[1]) for t in view.tiles))
    for index, (rect, tile, px) in enumerate(zip(tiles, view.tiles, sizes, strict=False)):
        box = (rect[2] - 16, rect[3] - label_box[1] - 16)
        picture = thumbnail(tile.image, box) if tile.image is not None else None
        _tile(surface, texts, rect, tile, picture, px)
        if tile.image is not None and tile.image == view.current:
            pygame.draw.rect(surface, CURRENT, rect, width=max(4, rect[2] // 30), border_radius=10)
        if index == view.selected:
            pygame.draw.rect(surface, SELECTED, rect, width=max(6, rect[2] // 16), border_radius=10)
    for rect, words, shown in (
        (previous, "< Previous", view.page > 0),
        (following, "Next >", view.page < view.pages - 1),
    ):
        if shown:
            pygame.draw.rect(surface, SPECIAL, rect, border_radius=10)
            blit_in(surface, texts.text(words, rect[2:], INK, rect[3] // 2), rect)
    words = f"Page {view.page + 1} of {view.pages}.  {view.message}"
    blit_in(
        surface,
        texts.text(words, message[2:], MUTED, message[3] // 3, align="left"),
        message,
        "left",
    )
