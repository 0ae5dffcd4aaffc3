"""The page editor's rules: what a carer's edit does to a page, undo and redo, and save checks.

A carer edits one page at a time (carer menu -> Edit this page).  Every
edit returns a new :class:`PageEdit`; nothing is written until the carer
saves, and a save is refused while :func:`save_problems` names a cell.
The checks are the loader's (``commboard validate``) stated on the model, so
the editor can show each problem on the cell it concerns; the save itself
then re-reads the written layout with the loader before it replaces the file.

Slots are numbered in reading order (row-major) from 0; ``where(page, i)``
says "row 2, column 3" for a carer.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath

from commboard.board.layout_cells import COLORS, MAX_HOLD_S, MAX_IMAGE_PATH
from commboard.board.layout_page_checks import pages_with_way_home, unreachable_alarms
from commboard.board.layout_pages import MAX_GRID
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.symbols import is_symbol, symbol_file

MAX_UNDO = 200  # edits remembered; a session of edits on one page stays far below
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_ARROWS = {"up": (-1, 0), "down": (1, 0), "left": (0, -1), "right": (0, 1)}


class EditRefused(ValueError):
    """An edit that cannot be made (the message says why, in words for the carer)."""


@dataclass(frozen=True, slots=True)
class CellProblem:
    """Something that stops a save: which slot (None: the whole page) and why."""

    index: int | None
    message: str


def where(page: Page, index: int) -> str:
    """A slot as a carer reads it: "row 2, column 3" (and the label when there is a cell)."""
    row, column = divmod(index, page.columns)
    cell = page.cells[index] if 0 <= index < len(page.cells) else None
    label = f" '{cell.label}'" if cell is not None else ""
    return f"row {row + 1}, column {column + 1}{label}"


def _with_cells(page: Page, cells: list[Cell | None]) -> Page:
    return replace(page, cells=tuple(cells))


def _slot(page: Page, index: int) -> int:
    if not 0 <= index < len(page.cells):
        raise EditRefused(f"there is no slot {index + 1} on a {page.rows}x{page.columns} page")
    return index


@dataclass(frozen=True, slots=True)
class PageEdit:
    """One page being edited: the page now, the page as saved, the cursor, undo and redo.

    Attributes:
        page: the page with every edit so far.
        saved: the page as it is on disk (``dirty`` compares the two).
        cursor: the selected slot (arrows move it).
        undo: earlier pages, most recent last; ``redo`` the pages undone.
    """

    page: Page
    saved: Page
    cursor: int = 0
    undo: tuple[Page, ...] = field(default=())
    redo: tuple[Page, ...] = field(default=())

    @classmethod
    def open(cls, page: Page) -> PageEdit:
        """Start editing a page as loaded."""
        return cls(page, page)

    @property
    def dirty(self) -> bool:
        """True when there are changes that are not saved (leaving then asks)."""
        return self.page != self.saved

    def _apply(self, page: Page, cursor: int | None = None) -> PageEdit:
        if page == self.page:
            return replace(self, cursor=self.cursor if cursor is None else cursor)
        undo = (*self.undo, self.page)[-MAX_UNDO:]
        return replace(
            self, page=page, undo=undo, redo=(), cursor=self.cursor if cursor is None else cursor
        )

    # --- cells -------------------------------------------------------------

    def edit_cell(self, index: int, **changes: object) -> PageEdit:
        """Change fields of the cell in slot ``index`` (label, text, action, target, color,
        hold_s, image).  A cell whose action is no longer ``go`` loses its target."""
        cell = self.page.cells[_slot(self.page, index)]
        if cell is None:
            raise EditRefused(f"{where(self.page, index)} is empty: add a cell there first")
        unknown = set(changes) - {"label", "text", "action", "target", "color", "hold_s", "image"}
        if unknown:
            raise EditRefused(f"a cell has no field {', '.join(sorted(unknown))}")
        new = replace(cell, **changes)  # type: ignore[arg-type]
        if new.action is not Action.GO and new.target is not None:
            new = replace(new, target=None)
        cells = list(self.page.cells)
        cells[index] = new
        return self._apply(_with_cells(self.page, cells), index)

    def add_cell(self, index: int, cell: Cell | None = None) -> PageEdit:
        """Put a cell (by default a new "New cell" that speaks) in an empty slot."""
        if self.page.cells[_slot(self.page, index)] is not None:
            raise EditRefused(f"{where(self.page, index)} is not empty: choose an empty slot")
        cells = list(self.page.cells)
        cells[index] = cell if cell is not None else Cell("New cell", Action.SPEAK)
        return self._apply(_with_cells(self.page, cells), index)

    def remove_cell(self, index: int) -> PageEdit:
        """Empty a slot."""
        cells = list(self.page.cells)
        cells[_slot(self.page, index)] = None
        return self._apply(_with_cells(self.page, cells), index)

    def swap_cells(self, a: int, b: int) -> PageEdit:
        """Exchange two slots (either may be empty)."""
        cells = list(self.page.cells)
        cells[_slot(self.page, a)], cells[_slot(self.page, b)] = cells[b], cells[a]
        return self._apply(_with_cells(self.page, cells), b)

    def move_cell(self, source: int, target: int) -> PageEdit:
        """Move a cell to another slot, in reading order: the cells between shift by one.

        Moving into an empty slot just moves it; nothing else changes.
        """
        cells = list(self.page.cells)
        moved = cells[_slot(self.page, source)]
        if cells[_slot(self.page, target)] is None:
            cells[source], cells[target] = None, moved
        else:
            del cells[source]
            cells.insert(target, moved)
        return self._apply(_with_cells(self.page, cells), target)

    # --- the page ----------------------------------------------------------

    def resize(self, rows: int, columns: int) -> PageEdit:
        """Change the grid; every cell keeps its row and column.

        Refused (naming them) when cells would fall outside the new grid:
        move or remove them first, nothing is dropped silently.
        """
        if not (1 <= rows <= MAX_GRID and 1 <= columns <= MAX_GRID):
            raise EditRefused(f"rows and columns must be 1 to {MAX_GRID}")
        page = self.page
        cells: list[Cell | None] = [None] * (rows * columns)
        lost = []
        for index, cell in enumerate(page.cells):
            row, column = divmod(index, page.columns)
            if cell is None:
                continue
            if row < rows and column < columns:
                cells[row * columns + column] = cell
            else:
                lost.append(where(page, index))
        if lost:
            raise EditRefused(
                f"these cells would not fit a {rows}x{columns} grid: {'; '.join(lost)}; "
                "move or remove them first"
            )
        resized = replace(page, rows=rows, columns=columns, cells=tuple(cells))
        return self._apply(resized, min(self.cursor, len(cells) - 1))

    def rename(self, title: str) -> PageEdit:
        """Change the page's title (shown at the top of the board)."""
        if not title.strip():
            raise EditRefused("a page needs a title")
        return self._apply(replace(self.page, title=title))

    def change_id(self, layout: Layout, new_id: str, taken: tuple[str, ...] = ()) -> PageEdit:
        """Give the page another id (its name in files and in every link to it).

        One edit, undone as one: the links to the page on other pages and
        the layout's home follow at the save (``edited_layout``), worked out
        from the id the page has on disk (``saved.id``); this page's own
        links to itself follow at once.

        Raises:
            EditRefused: the id is not valid, or another page has it (``taken``:
                ids of pages added since the last save).
        """
        problem = id_problem(layout, self.saved.id, new_id, taken)
        if problem is not None:
            raise EditRefused(problem)
        page = _retarget(self.page, self.page.id, new_id)
        return self._apply(replace(page, id=new_id))

    def move_cursor(self, direction: str) -> PageEdit:
        """Arrows: up, down, left, right; the cursor stops at the edges."""
        d_row, d_column = _ARROWS[direction]
        row, column = divmod(self.cursor, self.page.columns)
        row = min(max(row + d_row, 0), self.page.rows - 1)
        column = min(max(column + d_column, 0), self.page.columns - 1)
        return replace(self, cursor=row * self.page.columns + column)

    # --- history -----------------------------------------------------------

    def undo_edit(self) -> PageEdit:
        """Back one edit (unchanged when there is none)."""
        if not self.undo:
            return self
        previous = self.undo[-1]
        cursor = min(self.cursor, len(previous.cells) - 1)
        return replace(
            self, page=previous, undo=self.undo[:-1], redo=(*self.redo, self.page), cursor=cursor
        )

    def redo_edit(self) -> PageEdit:
        """Forward one undone edit (unchanged when there is none)."""
        if not self.redo:
            return self
        following = self.redo[-1]
        cursor = min(self.cursor, len(following.cells) - 1)
        return replace(
            self, page=following, undo=(*self.undo, self.page), redo=self.redo[:-1], cursor=cursor
        )

    def saved_as(self, page: Page) -> PageEdit:
        """After a save: the page on disk is now ``page`` (undo history kept)."""
        return replace(self, saved=page)


# --- checks before a save ------------------------------------------------------


def _image_ok(path: str) -> bool:
    parts = PurePosixPath(path).parts
    return (
        bool(parts)
        and len(path) <= MAX_IMAGE_PATH
        and path.strip() == path
        and "\\" not in path
        and not PurePosixPath(path).is_absolute()
        and ":" not in parts[0]
        and ".." not in parts
    )


def cell_problems(cell: Cell, page_ids: set[str]) -> list[str]:
    """What is wrong with one cell, in the words ``commboard validate`` uses."""
    found = []
    if not cell.label.strip():
        found.append("a cell needs a label (the words shown on it)")
    if cell.text == "":
        found.append("'text' is empty; leave it out to say the label")
    if cell.action is Action.GO and not cell.target:
        found.append("action 'go' needs a page to open")
    elif cell.action is Action.GO and cell.target not in page_ids:
        found.append(f"'go' to page '{cell.target}', but there is no such page")
    hold = cell.hold_s
    if hold is not None and not (math.isfinite(hold) and 0.0 <= hold <= MAX_HOLD_S):
        found.append(f"'hold' must be seconds from 0 to {MAX_HOLD_S:g}")
    if cell.color is not None and not (cell.color.lower() in COLORS or _HEX.fullmatch(cell.color)):
        found.append(f"unknown colour '{cell.color}'")
    if cell.image is not None and not _image_ok(cell.image):
        found.append(
            "'image' must be a picture's path inside the layout folder, e.g. images/dog.png"
        )
    elif cell.image is not None and is_symbol(cell.image) and symbol_file(cell.image) is None:
        found.append(f"there is no shipped symbol '{cell.image}'")
    return found


def save_problems(
    layout: Layout, page: Page, added: tuple[Page, ...] = (), renamed_from: str | None = None
) -> list[CellProblem]:
    """Why ``page`` (and new pages ``added``) cannot be saved into ``layout`` (empty: they can).

    The same rules as loading: every cell valid, every page can be left for
    home, and the call for help can still be reached from the home page.
    Problems on the edited page name their cell.  ``renamed_from``: the
    page's id on disk when the carer gave it another (links follow it).
    """
    old_id = renamed_from or page.id
    after = edited_layout(layout, old_id, page, added)
    page, added = after.pages[page.id], tuple(after.pages[p.id] for p in added)
    pages = after.pages
    renaming = id_problem(layout, old_id, page.id) if old_id != page.id else None
    found = [
        CellProblem(index, f"{where(page, index)}: {message}")
        for index, cell in enumerate(page.cells)
        if cell is not None
        for message in cell_problems(cell, set(pages))
    ]
    found += [
        CellProblem(None, f"new page '{new.title}', {where(new, index)}: {message}")
        for new in added
        for index, cell in enumerate(new.cells)
        if cell is not None
        for message in cell_problems(cell, set(pages))
    ]
    if renaming is not None:
        found.append(CellProblem(None, renaming))
    if not any(c is not None for c in page.cells):
        found.append(CellProblem(None, f"page '{page.id}' has no cells"))
    safe = pages_with_way_home(pages, after.home)
    for checked in (page, *added):
        if checked.id not in safe:
            found.append(
                CellProblem(
                    None,
                    f"page '{checked.id}' has no way back to the home page: a patient could "
                    "not leave it (add a back or home cell)",
                )
            )
    if unreachable_alarms(pages, after.home):
        found.append(
            CellProblem(None, "the call for help could no longer be reached from the home page")
        )
    return found


def with_page(layout: Layout, page: Page) -> Layout:
    """The layout with one page replaced (what the board shows after a save)."""
    return replace(layout, pages={**layout.pages, page.id: page})


# --- a page's id ---------------------------------------------------------------

_PAGE_ID = re.compile(r"[A-Za-z0-9_-]+")  # the loader's rule (board.layout_pages)
MAX_PAGE_ID = 60  # characters: it names a file, and a carer types it
RESERVED_IDS = (
    "layout",
    "recent",
    "recent-keep",
)  # layout.yaml: the folder's own file; the rest are built in


def id_problem(layout: Layout, old_id: str, new_id: str, taken: tuple[str, ...] = ()) -> str | None:
    """Why page ``old_id`` cannot be called ``new_id`` (None: it can), in plain words."""
    if new_id == old_id:
        return None
    if not new_id:
        return "a page needs an id"
    if not _PAGE_ID.fullmatch(new_id) or len(new_id) > MAX_PAGE_ID:
        return (
            f"'{new_id}' cannot be a page id: use only letters, digits, '-' and '_' "
            f"(no spaces), at most {MAX_PAGE_ID}"
        )
    if new_id.lower() in RESERVED_IDS:
        return f"'{new_id}' is kept for the board itself: choose another id"
    others = {pid.lower() for pid in (*layout.pages, *taken) if pid != old_id}
    if new_id.lower() in others:  # 'Pain' beside 'pain' would be two files on Windows and macOS
        return f"another page is already called '{new_id}': choose another id"
    return None


def _retarget(page: Page, old_id: str, new_id: str) -> Page:
    """``page`` with its links to ``old_id`` leading to ``new_id``."""
    if not any(c is not None and c.target == old_id for c in page.cells):
        return page
    cells = tuple(
        replace(c, target=new_id) if c is not None and c.target == old_id else c for c in page.cells
    )
    return replace(page, cells=cells)


def edited_layout(layout: Layout, old_id: str, page: Page, added: tuple[Page, ...] = ()) -> Layout:
    """The layout once ``page`` (on disk as ``old_id``) and the ``added`` pages are saved.

    When the page's id changed, every link to it on every page, and the
    layout's home, lead to the new id: the board after a save, and what
    ``commboard validate`` reads from the files the save writes.
    """
    pages = {pid: p for pid, p in layout.pages.items() if pid != old_id}
    pages.update({p.id: p for p in added})
    pages[page.id] = page
    home = layout.home
    if old_id != page.id:
        pages = {pid: _retarget(p, old_id, page.id) for pid, p in pages.items()}
        home = page.id if home == old_id else home
    return replace(layout, home=home, pages=pages)


# --- whole pages -----------------------------------------------------------------

_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def new_page_id(layout: Layout, title: str, extra: tuple[str, ...] = ()) -> str:
    """A page id made from a title (``My dog`` -> ``my-dog``), unique in the layout."""
    base = _NOT_ID.sub("-", title.lower()).strip("-")[:40] or "page"
    if base == "layout":  # a layout folder's own file is layout.yaml
        base = "layout-page"
    taken = {*layout.pages, *extra}
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    return found


def blank_page(layout: Layout, title: str, extra: tuple[str, ...] = ()) -> Page:
    """A new 3x3 page with Back and Home first, so the patient can always leave it."""
    if not title.strip():
        raise EditRefused("a page needs a title")
    cells: list[Cell | None] = [Cell("Back", Action.BACK), Cell("Home", Action.HOME)]
    cells += [None] * 7
    return Page(new_page_id(layout, title, extra), title, 3, 3, tuple(cells))


def copied_page(layout: Layout, page: Page, title: str, extra: tuple[str, ...] = ()) -> Page:
    """A copy of ``page`` under a new title and id (other apps' fields are not copied)."""
    if not title.strip():
        raise EditRefused("a page needs a title")
    return replace(page, id=new_page_id(layout, title, extra), title=title, foreign=None)


def links_to(layout: Layout, page_id: str) -> list[str]:
    """The cells that open ``page_id``, as a carer finds them ("page 'Home', row 2, column 1 'Pain'")."""
    return [
        f"page '{page.title}', {where(page, index)}"
        for page in layout.pages.values()
        if page.id != page_id
        for index, cell in enumerate(page.cells)
        if cell is not None and cell.action is Action.GO and cell.target == page_id
    ]
