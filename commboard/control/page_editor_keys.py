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
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from commboard.board.layout_pages import COLORS
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.cell_drag import CellDrag, DragView
from commboard.control.page_editor import (
    CellProblem,
    EditRefused,
    PageEdit,
    blank_page,
    copied_page,
    links_to,
)
from commboard.control.page_removal import page_removal

ACTIONS = tuple(Action)
HOLDS = (None, 0.5, 1.0, 1.5, 2.0, 3.0)
# Named colours a carer cycles through; "yellow" is left out (the highlight's colour).
COLOR_CYCLE = (None, *(v for k, v in COLORS.items() if k not in ("yellow", "gray")))
MAX_TYPED = 200  # characters in a label, words or title
ARROWS = ("up", "down", "left", "right")


@dataclass(frozen=True, slots=True)
class Stay:
    """Nothing for the shell to do but redraw."""


@dataclass(frozen=True, slots=True)
class SaveRequested:
    """Save this page and the pages added meanwhile (the shell writes them and reports back)."""

    page: Page
    added: tuple[Page, ...] = ()
    renamed_from: str | None = None  # the page's id on disk, when the carer changed it


@dataclass(frozen=True, slots=True)
class IdRequested:
    """Ask the carer for the page's new id (a typed line); hand it to ``EditorKeys.change_id``."""

    page_id: str


@dataclass(frozen=True, slots=True)
class RemoveRequested:
    """Remove this page from the layout (confirmed; nothing links to it)."""

    page_id: str


@dataclass(frozen=True, slots=True)
class SayRequested:
    """Speak these words with the patient's voice (not a message: not kept in the history)."""

    text: str


@dataclass(frozen=True, slots=True)
class PickPicture:
    """Open the picture picker for the selected cell (``control.picture_picker``)."""

    current: str | None
    label: str


@dataclass(frozen=True, slots=True)
class LeaveRequested:
    """Close the editor (nothing unsaved, or the carer chose to drop it)."""


Answer = (
    Stay | SaveRequested | SayRequested | LeaveRequested | RemoveRequested | IdRequested
    | PickPicture
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class EditorCellView:
    """One slot as the editor draws it."""

    label: str
    color: str | None
    picture: str | None  # path inside the layout folder, or a shipped symbol
    doing: str  # what it does, in a few words ("says: I am thirsty", "opens Pain")
    selected: bool
    marked: bool  # the cell being moved or swapped
    problem: bool  # a save was refused because of this cell


@dataclass(frozen=True, slots=True)
class EditorView:
    """The whole editor screen as shown."""

    title: str
    rows: int
    columns: int
    cells: tuple[EditorCellView | None, ...]
    details: tuple[tuple[str, str], ...]  # the selected cell's fields: (name, value)
    prompt: str | None  # while typing: what is being typed, with the text so far
    message: str  # the last result, problem or hint
    dirty: bool
    page_id: str = ""  # the page's id (R changes it)
    drag: DragView | None = None  # a cell being dragged with the mouse


def doing(cell: Cell, layout: Layout) -> str:
    """What a cell does, in a few words for the carer."""
    match cell.action:
        case Action.SPEAK:
            return f"says: {cell.spoken}"
        case Action.ADD:
            return (
                f"adds: {cell.spoken!r}"
                if cell.spoken.strip() != cell.spoken
                else f"adds: {cell.spoken}"
            )
        case Action.GO:
            target = layout.pages.get(cell.target or "")
            return f"opens {target.title if target else cell.target}"
        case Action.ALARM:
            return "calls for help"
    return cell.action.value.replace("_", " ")


def _next(options: tuple[object, ...], value: object) -> object:
    index = options.index(value) if value in options else -1
    return options[(index + 1) % len(options)]


class EditorKeys:
    """The page editor's state and key rules for one page of ``layout``."""

    def __init__(self, layout: Layout, page_id: str, pictures: tuple[str, ...] = ()) -> None:
        """Edit ``page_id``; ``pictures`` are the picture files in the layout folder
        (paths inside it, e.g. ``images/dog.png``) that the picture picker offers."""
        self.layout = layout
        self.pictures = pictures
        self.edit = PageEdit.open(layout.page(page_id))
        self.typing: str | None = None  # "label", "words", "title" while typing
        self.typed = ""
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

    # --- the mouse ---------------------------------------------------------

    def _busy(self) -> bool:
        """Typing, or answering a question: the mouse does nothing then."""
        return self.typing is not None or self.leaving or self.removing

    def pointer_down(self, slot: int | None, x: int, y: int) -> None:
        """A press at ``(x, y)`` over ``slot`` (None: outside the grid): selects it; on a cell,
        a drag may follow (``control.cell_drag``)."""
        self.drag = None
        if slot is None or self._busy():
            return
        self.edit = replace(self.edit, cursor=slot)
        if self.picking is None and self.edit.page.cells[slot] is not None:
            self.drag = CellDrag.press(slot, x, y)

    def pointer_moved(self, slot: int | None, x: int, y: int) -> None:
        """The pointer moved with the button down."""
        if self.drag is None:
            return
        was_moving = self.drag.moving
        self.drag = self.drag.to(x, y, slot)
        if self.drag.moving and not was_moving:
            self.message = "Release over the slot it goes to; outside the grid cancels."

    def pointer_up(self, slot: int | None, x: int, y: int) -> None:
        """The button was released: a drag moves the cell (one edit; U undoes it)."""
        if self.drag is None:
            return
        drag, self.drag = self.drag.to(x, y, slot), None
        target = drag.drop()
        if not drag.moving:
            return  # a click: the slot is selected
        if target is None:
            self.edit = replace(self.edit, cursor=drag.source)
            self.message = (
                "Not moved: released outside the grid."
                if drag.over is None
                else "Not moved: released where it was."
            )
            return
        self.edit = self.edit.move_cell(drag.source, target)
        self.message = "Moved.  U undoes it."

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

    # --- typing ------------------------------------------------------------

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

    def _add_page(self, page: Page) -> None:
        """Keep a new page for the next save; link it from the selected slot when it is empty."""
        self.added = (*self.added, page)
        self.layout = replace(self.layout, pages={**self.layout.pages, page.id: page})
        at = self.edit.cursor
        if self.edit.page.cells[at] is None:
            link = Cell(page.title, Action.GO, target=page.id)
            self.edit = self.edit.add_cell(at, link)
            self.message = f"Page '{page.title}' added, opened by this cell.  S saves it."
        else:
            self.message = f"Page '{page.title}' added.  G links the selected cell to it; S saves."

    def _start_typing(self, what: str) -> Answer:
        cell = self.edit.page.cells[self.edit.cursor]
        if what in ("new page", "copy's title"):
            self.typed = ""
        elif what == "title":
            self.typed = self.edit.page.title
        elif cell is None:
            self.message = "This slot is empty: N adds a cell."
            return Stay()
        else:
            self.typed = cell.label if what == "label" else (cell.text or "")
        self.typing = what
        return Stay()

    def _type(self, key: str) -> Answer:
        if key == "escape":
            self.typing = None
            self.message = "Typing cancelled."
        elif key == "enter":
            self._finish_typing()
        elif key == "backspace":
            self.typed = self.typed[:-1]
        elif len(key) == 1 and key.isprintable() and len(self.typed) < MAX_TYPED:
            self.typed += key
        return Stay()

    def _finish_typing(self) -> None:
        what, text = self.typing, self.typed
        self.typing = None
        taken = (*(p.id for p in self.added), self.edit.page.id)
        try:
            if what == "new page":
                self._add_page(blank_page(self.layout, text, taken))
            elif what == "copy's title":
                self._add_page(copied_page(self.layout, self.edit.page, text, taken))
            elif what == "title":
                self.edit = self.edit.rename(text)
            elif what == "label":
                if not text.strip():
                    raise EditRefused("a cell needs a label (the words shown on it)")
                self.edit = self.edit.edit_cell(self.edit.cursor, label=text)
            else:
                self.edit = self.edit.edit_cell(self.edit.cursor, text=text or None)
        except EditRefused as exc:
            self.message = str(exc)

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
