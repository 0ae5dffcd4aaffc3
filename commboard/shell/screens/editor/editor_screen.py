"""The page editor screen: carer menu -> E edits the page on the board, Save writes it.

Keys and what they do are the editor's rules (``control.page_editor_keys``);
this screen turns pygame keys and clicks into those key names, draws the
view, speaks "Say it" with the patient's voice, and saves through
``adapters.layout_save``.  Every key arrives here as typed (``wants_text``):
Space and Enter type while a label is typed and do nothing else, and the
patient's switch cannot reach the editor (it is opened from the carer menu,
and a blink is not a key).

A saved page goes to the board at once: the screen asks the loop to load
the saved layout (``ChangeLayout``), which rebuilds the session (scan plans
and Huffman weights), remembers it in the profile, and says where it was
saved.  A shipped layout is copied to the carer's layouts folder first.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from commboard.adapters.layout_page_remove import remove_page
from commboard.adapters.layout_roundtrip import RoundTripDocuments
from commboard.adapters.layout_save import save_page
from commboard.adapters.layout_save_outcome import ChangedOnDisk, SaveRefused
from commboard.adapters.picture_copy import copy_pictures
from commboard.board.layout_file import HEADER_FILE
from commboard.board.model import Page
from commboard.board.symbols import symbol_names
from commboard.control.board_view import layout_folder, picture_path
from commboard.control.page_editor_answers import (
    IdRequested,
    LeaveRequested,
    PickPicture,
    RemoveRequested,
    SaveRequested,
    SayRequested,
)
from commboard.control.page_editor_keys import EditorKeys
from commboard.control.picture_picker import PICTURE_SUFFIXES, PicturePicker
from commboard.events import CarerRequest, Click, Key, PointerMoved, PointerUp, UiEvent
from commboard.shell.screens.base import (
    ChangeLayout,
    Close,
    Open,
    Outcome,
    Screen,
    ShellContext,
    Stay,
)
from commboard.shell.screens.board.pictures import PictureCache
from commboard.shell.screens.carer_menu.menu_paint import inside
from commboard.shell.screens.editor.editor_paint import grid_rects, id_button, paint_editor
from commboard.shell.screens.editor.key_names import EDITOR_KEYS
from commboard.shell.screens.editor.page_id_entry import PageIdEntry
from commboard.shell.screens.editor.picture_picker_screen import PicturePickerScreen
from commboard.shell.screens.text_fit import TextCache

DEFAULT_SIZE = (1280, 720)
# A forgotten editor gives the patient their board back after this long: the
# patient's voice first.  Its unsaved edits are kept (the notice says so), and
# the next "Edit this page" on the same layout opens them again, still unsaved.
EDITOR_IDLE_S = 300.0
_NAMES = EDITOR_KEYS


class EditorScreen:
    """Carer screen: edit the page the board shows, hear a cell, save it."""

    wants_text = True  # letters are commands, and typed text needs Space and Enter
    wants_switches = False
    idle_timeout_s: float | None = EDITOR_IDLE_S

    def __init__(self, ctx: ShellContext) -> None:
        self.ctx = ctx
        self.folder = layout_folder(ctx.layout.source)
        self.draft_slot: str | None = draft_slot(ctx.layout.source)  # one draft per layout
        # The layout as this editor read it: a save checks the page on disk against it, so a
        # page changed meanwhile (the patient's pinned phrase while the editor's edits were
        # kept, a hand edit) is refused, not overwritten; the board's copy may be newer.
        self.layout = ctx.layout
        self.keys = EditorKeys(ctx.layout, ctx.page_id, layout_pictures(self.folder))
        self.pictures = PictureCache()
        # Pictures typed by path: image in the layout folder -> the file, copied there on save.
        self.pending: dict[str, Path] = {}
        self._size = DEFAULT_SIZE
        # The page's file parsed (round trip) while the carer edits, so Save need not.
        self.documents = RoundTripDocuments()
        # A save found the layout's files changed by someone else: leaving reads them again,
        # so the next edit starts from what is on disk (not the copy the board read before).
        self.stale = False
        if ctx.layout.source is not None:
            self.documents.prepare(ctx.layout, ctx.page_id, background=True)

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Keys go to the editor's rules; a click selects a slot, a drag moves a cell."""
        match event:
            case CarerRequest():
                return self._answer(self.keys.press("escape"))
            case Key(key=key, text=text) if key in _NAMES:
                return self._answer(self.keys.press(_NAMES[key]))
            case Key(text=text) if text:
                return self._answer(self.keys.press(text))
            case Click(x=x, y=y) if inside(id_button(self._size), x, y):
                return self._answer(self.keys.ask_id())
            case Click(x=x, y=y):
                self.keys.pointer_down(self._slot(x, y), x, y)
            case PointerMoved(x=x, y=y):
                self.keys.pointer_moved(self._slot(x, y), x, y)
            case PointerUp(x=x, y=y):
                self.keys.pointer_up(self._slot(x, y), x, y)
        return Stay()

    def _slot(self, x: int, y: int) -> int | None:
        """The slot drawn under ``(x, y)``, None outside the grid."""
        page = self.keys.edit.page
        for index, rect in enumerate(grid_rects(self._size, page.rows, page.columns)):
            if inside(rect, x, y):
                return index
        return None

    def _answer(self, answer: object) -> Outcome:
        match answer:
            case SayRequested(text=text):
                self.ctx.say(text)
            case LeaveRequested() if self.stale and self.ctx.layout.source is not None:
                note = "The layout was read again as it is on disk; edit the page again."
                return ChangeLayout(self.ctx.layout.source, note)
            case LeaveRequested():
                return Close()
            case SaveRequested(page=page, added=added, renamed_from=renamed_from):
                return self._save(page, added, renamed_from)
            case IdRequested():
                return Open(PageIdEntry(self.ctx, self.keys))
            case RemoveRequested(page_id=page_id):
                return self._remove(page_id)
            case PickPicture(current=current, label=label):
                return self._pick_picture(current, label)
        return Stay()

    def _pick_picture(self, current: str | None, label: str) -> Outcome:
        picker = PicturePicker(self.keys.pictures, tuple(symbol_names()), current, label)
        return Open(
            PicturePickerScreen(
                self.ctx, picker, self._picture, self._picture_chosen, self.folder, self._taken
            )
        )

    def _picture_chosen(self, image: str | None, source: Path | None) -> None:
        if image is not None and source is not None:
            self.pending[image] = source
        self.keys.picture_chosen(image)

    def _taken(self) -> set[str]:
        """The ``images/`` names in use: files in the layout folder and copies waiting."""
        found = set(self.pending)
        if self.folder is not None and (self.folder / "images").is_dir():
            found |= {
                p.relative_to(self.folder).as_posix() for p in (self.folder / "images").iterdir()
            }
        return found

    def _copy_pictures(self, folder: Path | None, pages: tuple[Page, ...]) -> str:
        """Copy the typed-path pictures the saved pages show; a sentence if some could not be."""
        shown = {c.image for p in pages for c in p.cells if c is not None and c.image}
        wanted = {k: v for k, v in self.pending.items() if k in shown}
        if not wanted or folder is None:
            return ""
        problems = copy_pictures(wanted, folder)
        for image in wanted:
            self.pending.pop(image, None)
        return f"  Pictures not copied: {'; '.join(problems)}." if problems else ""

    def _remove(self, page_id: str) -> Outcome:
        title = self.keys.edit.page.title
        try:
            saved = remove_page(self.layout, page_id, documents=self.documents)
        except SaveRefused as exc:
            self.stale = isinstance(exc, ChangedOnDisk)  # leaving reads the layout again
            self.keys.refused(exc.problems)
            return Stay()
        note = f"Page '{title}' removed (kept as {saved.backup.name})."
        if saved.copied_from is not None:
            note += " The built-in layout was copied to your layouts folder first."
        return ChangeLayout(saved.layout.source or saved.file, note, saved.layout)

    def _save(self, page: Page, added: tuple[Page, ...], renamed_from: str | None) -> Outcome:
        try:
            saved = save_page(
                self.layout,
                page,
                added=added,
                renamed_from=renamed_from,
                documents=self.documents,
            )
        except SaveRefused as exc:
            self.stale = isinstance(exc, ChangedOnDisk)
            self.keys.refused(exc.problems)
            return Stay()
        source = saved.layout.source or saved.file
        copied = self._copy_pictures(layout_folder(saved.layout.source), (page, *added))
        note = f"Page '{page.title}' saved in {saved.file}."
        if renamed_from is not None:
            note += f" Its id is now '{page.id}' (was '{renamed_from}'); every link to it follows."
        note += copied
        if saved.copied_from is not None:
            note = (
                f"The built-in layout was copied to {source} and your change saved there; "
                "the board uses your copy from now on." + copied
            )
        self.keys.saved(note)
        return ChangeLayout(source, note, saved.layout)

    def timeout_note(self) -> str | None:
        """What closing the editor for want of input leaves unsaved (the loop keeps it)."""
        if self.keys.unsaved:
            return f"unsaved edits to page '{self.keys.edit.page.title}'"
        return None

    def resume(self, kept: Screen, now: float) -> Screen:
        """The editor that closed for want of input, with its edits, instead of a new one.

        Saving it is as safe as ever: a page changed on disk meanwhile is refused
        (``ChangedOnDisk``), never overwritten.
        """
        if not isinstance(kept, EditorScreen):
            return self
        kept.keys.resumed()
        return kept

    def next_deadline(self, now: float) -> float | None:
        """Nothing moves by itself."""
        return None

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """The grid, the selected cell's fields, the message and the keys."""
        self._size = surface.get_size()
        paint_editor(surface, texts, self.keys.view(), self.keys.edit.cursor, self._picture)

    def _picture(self, path: str, box: tuple[int, int]) -> pygame.Surface | None:
        """A cell's picture scaled to ``box``: waiting to be copied, a symbol, or in the folder."""
        waiting = self.pending.get(path)
        found = str(waiting) if waiting is not None else picture_path(self.folder, path)
        return None if found is None else self.pictures.get(found, box)


def draft_slot(source: Path | None) -> str:
    """Where the edits of a layout's editor are kept: the layout however its path is spelt
    (relative at the start, absolute from the carer menu, a folder or its layout.yaml)."""
    if source is None:
        return "editor:"
    try:
        found = source.resolve()
    except OSError:
        found = source.absolute()
    return f"editor:{found.parent if found.name == HEADER_FILE else found}"


MAX_LISTED = 500  # the layout's pictures offered by I; a folder of thousands is not listed


def layout_pictures(folder: Path | None) -> tuple[str, ...]:
    """Picture files in the layout's ``images`` folder, as paths inside the layout folder."""
    if folder is None or not (folder / "images").is_dir():
        return ()
    try:
        found = sorted(
            p.relative_to(folder).as_posix()
            for p in (folder / "images").rglob("*")
            if p.suffix.lower() in PICTURE_SUFFIXES and p.is_file()
        )
    except OSError:
        return ()
    return tuple(found[:MAX_LISTED])


def open_editor(ctx: ShellContext) -> Outcome:
    """The carer menu's "Edit this page" entry."""
    return Open(EditorScreen(ctx))
