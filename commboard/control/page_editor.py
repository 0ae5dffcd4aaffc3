"""The page editor's rules: what a carer's edit does to a page, undo and redo, and save checks.

A carer edits one page at a time (carer menu -> Edit this page).  Every
edit returns a new :class:`PageEdit`; nothing is written until the carer
saves, and a save is refused while :func:`save_problems` names a cell.
The checks are the loader's (``commboard validate``) stated on the model, so
the editor can show each problem on the cell it concerns; the save itself
then re-reads the written layout with the loader before it replaces the file.

Slots are numbered in reading order (row-major) from 0; ``where(page, i)``
says "row 2, column 3" for a carer.

This module keeps the edits of one page (``PageEdit``); the checks before a
save are in :mod:`commboard.control.page_save_checks`, a page's id and the
links that follow it in :mod:`commboard.control.page_ids`, and new, copied and
linked pages in :mod:`commboard.control.new_pages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from commboard.board.layout_pages import MAX_GRID
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.page_ids import id_problem, retarget

MAX_UNDO = 200  # edits remembered; a session of edits on one page stays far below
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
        page = retarget(self.page, self.page.id, new_id)
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
