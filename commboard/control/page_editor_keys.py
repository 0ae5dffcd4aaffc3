"""What each key does in the page editor, and what the editor shows: pure, no pygame.

The carer edits with letters and arrows (Space and Enter are the patient's
switch keys, so no command uses them; Enter only confirms typed text):

====  ==========================================  ====  =============================
key   does                                        key   does
====  ==========================================  ====  =============================
←↑→↓  choose a slot                               N     new cell in an empty slot
L     type the label                              D     delete the cell
W     type the words it says (empty: the label)   M     move: M, arrows, M again
A     next action (speak, add, go, back, ...)     X     swap: X, arrows, X again
G     link to the next page (action go)           + -   one row more / less
C     next colour                                 > <   one column more / less
H     next hold time (profile's, 0.5 ... 3 s)     T     type the page title
I     choose a picture (layout's images, symbols, a file, none)
R     type the page's id (links follow)
O     new page (type its title); K copy of this page; Z Z remove this page
P     say it with the patient's voice             U Y   undo / redo
S     save                                        Esc   leave (asks when unsaved)
====  ==========================================  ====  =============================

:class:`EditorKeys` takes a key (its name, or the character it types) and
answers what the shell must do: nothing more (``Stay``), ``SaveRequested``,
``SayRequested`` or ``LeaveRequested``.  The shell performs the save (a file
adapter) and reports back with :meth:`EditorKeys.saved` or
:meth:`EditorKeys.refused`.

The answers are in ``page_editor_answers``, the view in ``page_editor_view``;
``EditorKeys`` takes typing (``page_editor_typed_text``) and the mouse
(``page_editor_mouse``) from their own modules.
"""

from __future__ import annotations

from dataclasses import replace

from commboard.board.layout_cells import COLORS
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.cell_drag import CellDrag, DragView
from commboard.control.new_pages import links_to
from commboard.control.page_editor import CellProblem, EditRefused, PageEdit
from commboard.control.page_editor_answers import (
    Answer,
    IdRequested,
    LeaveRequested,
    PickPicture,
    RemoveRequested,
    SaveRequested,
    SayRequested,
    Stay,
)
from commboard.control.page_editor_mouse import EditorMouse
from commboard.control.page_editor_typed_text import EditorTypedText
from commboard.control.page_editor_view import EditorCellView, EditorView, doing
from commboard.control.page_removal import page_removal

ACTIONS = tuple(Action)
HOLDS = (None, 0.5, 1.0, 1.5, 2.0, 3.0)
# Named colours a carer cycles through; "yellow" is left out (the highlight's colour).
COLOR_CYCLE = (None, *(v for k, v in COLORS.items() if k not in ("yellow", "gray")))
ARROWS = ("up", "down", "left", "right")


def _next(options: tuple[object, ...], value: object) -> object:
    index = options.index(value) if value in options else -1
    return options[(index + 1) % len(options)]


class EditorKeys(EditorMouse, EditorTypedText):
    """The page editor's state and key rules for one page of ``layout``."""

    def __init__(self, layout: Layout, page_id: str, pictures: tuple[str, ...] = ()) -> None:
        """Edit ``page_id``; ``pictures`` are the picture files in the layout folder
        (paths inside it, e.g. ``images/dog.png``) that the picture picker offers."""
        self.layout = layout
        self.pictures = pictures
        self.edit = PageEdit.open(layout.page(page_id))
        self.typing: str | None = None  # "label", "words", "title" while typing
        self.typed = ""
        self.typed_from = ""  # what the typed line started from: typing past it is unsaved work
        self.picking: str | None = None  # "move" or "swap" while choosing where
        self.picked = 0
        self.leaving = False  # asked "save before leaving?"
        self.added: tuple[Page, ...] = ()  # new pages, written with the next save
        self.removing = False  # Z pressed once: Z again removes the page
        self.problems: tuple[CellProblem, ...] = ()
        self.drag: CellDrag | None = None  # a mouse press on a cell, maybe a drag
        self.message = "Arrows choose a cell.  L label, W words, A action, S save, Esc leave."

    # --- keys --------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        """Unsaved changes: the page was edited, or pages were added."""
        return self.edit.dirty or bool(self.added)

    @property
    def unsaved(self) -> bool:
        """Work that closing the editor would lose: changes, or a line typed but not yet entered."""
        return self.dirty or (self.typing is not None and self.typed != self.typed_from)

    def resumed(self) -> None:
        """The editor opens again after it closed for want of input: its work is back.

        A question it was asking then (leave?, remove?, where to move?) is not
        asked any more: the carer no longer has it in mind, and its keys would
        do what the message does not say.  A line being typed is still being typed.
        """
        self.leaving = self.removing = False
        self.picking, self.drag = None, None
        title = self.edit.page.title
        if self.typing is not None:
            self.message = (
                f"Your typing on page '{title}' is back (the editor closed while nobody used"
                f" it): the {self.typing} '{self.typed}'.  Enter keeps it; Esc cancels it."
            )
        else:
            self.message = (
                f"Your unsaved edits to page '{title}' are back (the editor closed while nobody"
                " used it).  S saves them; Esc leaves."
            )

    def press(self, key: str) -> Answer:
        """One key: an arrow or control name ("up", "enter", "backspace", "escape") or a character."""
        if self.drag is not None:  # a key during a drag ends it: the cell stays where it was
            self.drag = None
            if key == "escape":
                self.message = "Not moved."
                return Stay()
        if self.typing is not None:
            return self._type(key)
        if self.leaving:
            return self._leave(key)
        if self.removing:
            return self._remove(key)
        if key == "escape":
            return self._escape()
        if key in ARROWS:
            self.edit = self.edit.move_cursor(key)
            return Stay()
        if self.picking is not None and key.lower() in ("m", "x"):
            return self._drop()
        return self._command(key)

    def _command(self, key: str) -> Answer:
        commands = {
            "l": lambda: self._start_typing("label"),
            "w": lambda: self._start_typing("words"),
            "t": lambda: self._start_typing("title"),
            "o": lambda: self._start_typing("new page"),
            "k": lambda: self._start_typing("copy's title"),
            "z": self._ask_remove,
            "r": self.ask_id,
            "s": self._save_request,
            "p": self._say,
            "i": self._pick_picture,
        }
        if key.lower() in commands:
            return commands[key.lower()]()
        try:
            self._edit(key)
        except EditRefused as exc:
            self.message = str(exc)
        return Stay()

    def _edit(self, key: str) -> None:  # noqa: C901 - one line per key, read as a table
        edit, at = self.edit, self.edit.cursor
        cell = edit.page.cells[at]
        match key.lower():
            case "n":
                self.edit = edit.add_cell(at)
            case "d":
                self.edit = edit.remove_cell(at)
            case "a" if cell is not None:
                self.edit = edit.edit_cell(at, action=_next(ACTIONS, cell.action))
                self._target_if_go()
            case "g" if cell is not None:
                self.edit = edit.edit_cell(at, action=Action.GO, target=self._next_target(cell))
            case "c" if cell is not None:
                self.edit = edit.edit_cell(at, color=_next(COLOR_CYCLE, cell.color))
            case "h" if cell is not None:
                self.edit = edit.edit_cell(at, hold_s=_next(HOLDS, cell.hold_s))
            case "m" | "x" if cell is not None:
                self.picking, self.picked = ("move" if key.lower() == "m" else "swap"), at
                self.message = "Arrows: where to?  Press the same letter again there; Esc cancels."
            case "+" | "-":
                step = 1 if key == "+" else -1
                self.edit = edit.resize(edit.page.rows + step, edit.page.columns)
            case ">" | "<":
                step = 1 if key == ">" else -1
                self.edit = edit.resize(edit.page.rows, edit.page.columns + step)
            case "u":
                self.edit = edit.undo_edit()
            case "y":
                self.edit = edit.redo_edit()
            case "a" | "g" | "c" | "h" | "m" | "x":
                self.message = "This slot is empty: N adds a cell."

    def ask_id(self) -> Answer:
        """R, or a click on the page id: ask for a new id (not while typing or asked something)."""
        if self._busy():
            return Stay()
        self.picking = None
        return IdRequested(self.edit.page.id)

    def _save_request(self) -> SaveRequested:
        old_id = self.edit.saved.id
        return SaveRequested(
            self.edit.page, self.added, old_id if old_id != self.edit.page.id else None
        )

    def change_id(self, new_id: str) -> str | None:
        """The carer typed a new id for the page: None when it is taken, else why not (plain words).

        Links to the page and the layout's home follow it when the page is
        saved; U undoes it like any edit.
        """
        old_id = self.edit.page.id
        try:
            self.edit = self.edit.change_id(self.layout, new_id, tuple(p.id for p in self.added))
        except EditRefused as exc:
            self.message = f"The id stays '{old_id}': {exc}"
            return str(exc)
        links = len(links_to(self.layout, self.edit.saved.id))
        cells = "1 cell that opens it" if links == 1 else f"{links} cells that open it"
        follow = [cells] if links else []
        follow += ["the layout's home"] if self.layout.home == self.edit.saved.id else []
        self.message = f"The page's id is now '{new_id}' (was '{old_id}')" + (
            f"; {' and '.join(follow)} will follow when you save." if follow else "."
        )
        self.message += "  U undoes it."
        return None

    def _target_if_go(self) -> None:
        cell = self.edit.page.cells[self.edit.cursor]
        if cell is not None and cell.action is Action.GO and cell.target is None:
            self.edit = self.edit.edit_cell(self.edit.cursor, target=self._next_target(cell))

    def _next_target(self, cell: Cell) -> str:
        here = (self.edit.page.id, self.edit.saved.id)
        others = tuple(p for p in self.layout.pages if p not in here) or (self.edit.page.id,)
        return str(_next(others, cell.target))

    def _drop(self) -> Answer:
        source, target = self.picked, self.edit.cursor
        self.edit = (
            self.edit.move_cell(source, target)
            if self.picking == "move"
            else self.edit.swap_cells(source, target)
        )
        self.picking = None
        self.message = "Done.  U undoes it."
        return Stay()

    def _pick_picture(self) -> Answer:
        cell = self.edit.page.cells[self.edit.cursor]
        if cell is None:
            self.message = "This slot is empty: N adds a cell."
            return Stay()
        return PickPicture(cell.image, cell.label)

    def picture_chosen(self, image: str | None) -> None:
        """The picker's choice for the selected cell (one edit: U undoes it)."""
        at = self.edit.cursor
        cell = self.edit.page.cells[at]
        if cell is None or cell.image == image:
            self.message = "The picture is unchanged."
            return
        self.edit = self.edit.edit_cell(at, image=image)
        self.message = f"Picture: {image or 'none'}.  U undoes it."

    def _say(self) -> Answer:
        cell = self.edit.page.cells[self.edit.cursor]
        if cell is None:
            self.message = "This slot is empty: nothing to say."
            return Stay()
        return SayRequested(cell.spoken)

    def _escape(self) -> Answer:
        if self.picking is not None:
            self.picking = None
            self.message = "Cancelled."
            return Stay()
        if self.dirty:
            self.leaving = True
            self.message = (
                "Unsaved changes.  S: save and leave.  Q: leave without saving.  Esc: stay."
            )
            return Stay()
        return LeaveRequested()

    def _leave(self, key: str) -> Answer:
        self.leaving = False
        if key.lower() == "s":
            return self._save_request()
        if key.lower() == "q":
            return LeaveRequested()
        self.message = "Still editing."
        return Stay()

    # --- removing the page -----------------------------------------------

    def _ask_remove(self) -> Answer:
        page = self.edit.page
        if self.dirty:
            self.message = (
                f"Page '{page.title}' has changes not saved: S saves them or U undoes them,"
                " then Z removes the page."
            )
            return Stay()
        removal = page_removal(self.layout, self.edit.saved.id)
        if removal.problems:
            self.message = f"Page '{page.title}' cannot be removed: {removal.problems[0]}"
            return Stay()
        self.removing = True
        links = (
            f"  The cells that open it are deleted too: {'; '.join(removal.unlinked)}."
            if removal.unlinked
            else ""
        )
        self.message = (
            f"Remove page '{page.title}'?{links}  Z again removes it (each changed file is"
            " kept as a .bak); any other key keeps it."
        )
        return Stay()

    def _remove(self, key: str) -> Answer:
        self.removing = False
        if key.lower() == "z":
            return RemoveRequested(self.edit.saved.id)
        self.message = "The page is kept."
        return Stay()

    # --- after a save ------------------------------------------------------

    def refused(self, problems: list[CellProblem]) -> None:
        """The save was refused: show the first problem and mark its cells."""
        self.problems = tuple(problems)
        self.message = "Not saved: " + (problems[0].message if problems else "unknown problem")
        firsts = [p.index for p in problems if p.index is not None]
        if firsts:
            self.edit = replace(self.edit, cursor=firsts[0])

    def saved(self, note: str) -> None:
        """The page (and the added pages) are on disk now."""
        self.edit = self.edit.saved_as(self.edit.page)
        self.added = ()
        self.problems = ()
        self.message = note

    # --- what is shown ------------------------------------------------------

    def view(self) -> EditorView:
        """The editor as shown now."""
        page, at = self.edit.page, self.edit.cursor
        bad = {p.index for p in self.problems}
        cells = tuple(
            None
            if cell is None
            else EditorCellView(
                cell.label,
                cell.color,
                cell.image,
                doing(cell, self.layout),
                index == at,
                self.picking is not None and index == self.picked,
                index in bad,
            )
            for index, cell in enumerate(page.cells)
        )
        prompt = None
        if self.typing is not None:
            what = {"new page": "new page's title", "title": "page title"}.get(
                self.typing, self.typing
            )
            prompt = f"Type the {what} (Enter: done, Esc: cancel): {self.typed}"
        return EditorView(
            f"Editing page: {page.title}",
            page.rows,
            page.columns,
            cells,
            self._details(),
            prompt,
            self.message,
            self.dirty,
            page.id,
            self._drag_view(),
        )

    def _drag_view(self) -> DragView | None:
        drag = self.drag
        if drag is None or not drag.moving:
            return None
        return DragView(drag.source, drag.drop(), *drag.at)

    def _details(self) -> tuple[tuple[str, str], ...]:
        page, at = self.edit.page, self.edit.cursor
        row, column = divmod(at, page.columns)
        cell = page.cells[at]
        where = ("Slot", f"row {row + 1}, column {column + 1}")
        if cell is None:
            return (where, ("", "empty (N adds a cell)"))
        names = {v: k for k, v in reversed(COLORS.items())}
        return (
            where,
            ("Label", cell.label),
            ("Says", cell.spoken),
            ("Action", doing(cell, self.layout)),
            ("Colour", names.get(cell.color or "", cell.color or "theme")),
            ("Hold", "profile's" if cell.hold_s is None else f"{cell.hold_s:g} s"),
            ("Picture", cell.image or "none"),
        )
