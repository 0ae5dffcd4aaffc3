"""One OBF board as a commboard page, and the cells an import adds to pages.

The board's ``grid.order`` places its buttons (``null``: an empty slot; a
``hidden`` button is left out; a board without an order fills its grid in
turn), each made a cell by :mod:`~commboard.exchange.obf_cells`.  A grid
larger than commboard shows (12 x 12) is laid out again in reading order;
past 144 buttons it continues on new pages, each opened by a More cell.
Boards from other apps rely on their app's own Back key and OBF has no call
for help, so a page with no way home gets a ``Back`` cell and the home page a
``Call nurse`` alarm cell; each is noted for the carer.
"""

from __future__ import annotations

import math
from dataclasses import replace

from commboard.board.layout_cells import COLORS
from commboard.board.layout_pages import MAX_GRID
from commboard.board.model import Action, Cell, Page
from commboard.exchange.obf_cells import button_cell
from commboard.exchange.obf_run import Board, Run, clean_text, keepable
from commboard.exchange.obf_values import (
    PAGE_MAPPED,
    ExchangeError,
    JsonObject,
    canonical,
    extra_keys,
    id_text,
    page_id_for,
    read_extra_fields,
)

KNOWN_BOARD = {"format", "id", "locale", "name", "buttons", "grid", "images", "sounds"}
KNOWN_BOARD |= extra_keys(Page, PAGE_MAPPED)
MAX_DECLARED = 1000  # rows or columns a board may declare; more than 12 are laid out again


def grid_size(file: str, grid: object) -> tuple[int, int]:
    """The rows and columns a board declares (more than 12 are laid out again later)."""
    if not isinstance(grid, dict):
        raise ExchangeError(file, "grid", "missing: a board needs 'grid' with rows and columns")
    sizes = []
    for name in ("rows", "columns"):
        value = grid.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ExchangeError(file, f"grid.{name}", f"must be a whole number, not {value!r}")
        if value > MAX_DECLARED:
            raise ExchangeError(file, f"grid.{name}", f"is {value}; at most {MAX_DECLARED}")
        sizes.append(value)
    return sizes[0], sizes[1]


# Buttons on a page of a board laid out again: two places stay free, for the More cell
# opening the next page and for the Back or Call nurse cell the import may add.
PER_PAGE = MAX_GRID * MAX_GRID - 2


def pages_needed(board: Board) -> int:
    """How many pages ``board`` may become once laid out (at least, it never makes more)."""
    shown = [
        b for b in board.data["buttons"] if isinstance(b, dict) and b.get("hidden") is not True
    ]
    return 1 if len(shown) <= PER_PAGE else math.ceil(len(shown) / PER_PAGE)


def _buttons_by_id(board: Board) -> dict[str, tuple[int, JsonObject]]:
    found: dict[str, tuple[int, JsonObject]] = {}
    for index, button in enumerate(board.data["buttons"]):
        if button is None:
            continue  # counted in board.nulls
        where = f"buttons[{index}]"
        if not isinstance(button, dict):
            raise ExchangeError(board.file, where, "is not a button (a JSON object)")
        button_id = id_text(button.get("id"))
        if button_id is None:
            raise ExchangeError(board.file, f"{where}.id", "missing: every button needs an id")
        if button_id in found:
            raise ExchangeError(board.file, f"{where}.id", f"id {button_id!r} is used twice")
        found[button_id] = (index, button)
    return found


def _order(board: Board, rows: int, columns: int) -> list[list[object]]:
    order = board.data["grid"].get("order")
    if order is None:  # no order: the buttons fill the grid in turn
        ids = [b.get("id") for b in board.data["buttons"] if isinstance(b, dict)]
        ids = ids[: rows * columns]
        return [ids[r * columns : (r + 1) * columns] for r in range(rows)]
    if not isinstance(order, list) or len(order) > rows:
        raise ExchangeError(board.file, "grid.order", f"must be a list of at most {rows} rows")
    for r, line in enumerate(order):
        if not isinstance(line, list) or len(line) > columns:
            raise ExchangeError(
                board.file, f"grid.order[{r}]", f"must be a list of at most {columns} ids"
            )
    return order


def _laid_out(
    run: Run, board: Board, name: str, size: tuple[int, int], placed: list[tuple[int, Cell]]
) -> tuple[int, int, list[Cell | None], str | None]:
    """(rows, columns, cells, a note or None): the board's grid, or, when it is larger
    than commboard shows, its buttons again in reading order in at most 12 x 12; past
    144 they continue on new pages (``run.extra_pages``), each opened by a More cell."""
    rows, columns = size
    n = len(placed)
    if rows * columns == n == MAX_GRID * MAX_GRID:  # full: no place for a Back or Call nurse cell
        note = (
            f"board '{name}' fills all {n} places of {MAX_GRID} x {MAX_GRID}, leaving none for "
            "a Back or Call nurse cell, so it was laid out"
        )
        return _continued(run, board, name, [cell for _, cell in placed], note)
    if rows <= MAX_GRID and columns <= MAX_GRID:
        cells: list[Cell | None] = [None] * (rows * columns)
        for at, cell in placed:
            cells[at] = cell
        return rows, columns, cells, None
    note = (
        f"board '{name}' is {rows} x {columns}; commboard shows at most {MAX_GRID} x {MAX_GRID}, "
        f"so its {n} buttons were laid out again in reading order"
    )
    if n > PER_PAGE:  # a full 12 x 12 would leave no place for a Back or Call nurse cell
        return _continued(run, board, name, [cell for _, cell in placed], note)
    wide = min(columns, MAX_GRID)
    if math.ceil(n / wide) > MAX_GRID:
        wide = math.ceil(n / MAX_GRID)
    tall = max(1, math.ceil(n / wide))
    cells = [cell for _, cell in placed] + [None] * (tall * wide - n)
    note += f", {tall} x {wide} (empty places closed up). Check the page before the patient uses it"
    return tall, wide, cells, note


def _continued(
    run: Run, board: Board, name: str, cells: list[Cell], note: str
) -> tuple[int, int, list[Cell | None], str]:
    """The first 12 x 12 of a board of more than 144 buttons; the rest go on new pages.

    Each page holds 142 buttons, then a More cell opening the next, and keeps a
    place free for the Back cell a page without a way home is given.
    """
    per = PER_PAGE
    chunks = [cells[at : at + per] for at in range(0, len(cells), per)]
    ids = [board.page_id] + [page_id_for(f"{board.page_id}-more", run.taken) for _ in chunks[1:]]
    laid: list[list[Cell | None]] = []
    for k, chunk in enumerate(chunks):
        page: list[Cell | None] = list(chunk)
        if k + 1 < len(chunks):
            page.append(Cell("More", Action.GO, None, ids[k + 1], "#c4c4c4"))
        laid.append(page + [None] * (MAX_GRID * MAX_GRID - len(page)))
    for k in range(1, len(chunks)):
        run.extra_pages.append(
            Page(ids[k], f"{name} ({k + 1})", MAX_GRID, MAX_GRID, tuple(laid[k]))
        )
    note += (
        f" on {len(chunks)} pages of {MAX_GRID} x {MAX_GRID}, each opening the next with a "
        "More cell. Check the pages before the patient uses them"
    )
    return MAX_GRID, MAX_GRID, laid[0], note


def board_page(run: Run, board: Board) -> Page:
    """One board as a page, its buttons placed by ``grid.order`` (laid out again when large)."""
    rows, columns = grid_size(board.file, board.data["grid"])
    buttons = _buttons_by_id(board)
    placed: list[tuple[int, Cell]] = []
    placed_ids: set[str] = set()
    for r, line in enumerate(_order(board, rows, columns)):
        for c, slot in enumerate(line):
            if slot is None:
                continue
            button_id = id_text(slot)
            if button_id is None or button_id not in buttons:
                raise ExchangeError(
                    board.file, f"grid.order[{r}][{c}]", f"no button has the id {slot!r}"
                )
            index, button = buttons[button_id]
            placed_ids.add(button_id)
            if button.get("hidden") is True:  # the patient never saw it in the other app
                run.counts["hidden"] += 1
                continue
            placed.append((r * columns + c, button_cell(run, board, index, button)))
    run.counts["not placed"] += len(buttons) - len(placed_ids)
    name = clean_text(board.data.get("name")) or board.page_id
    if board.nulls:
        run.notes.append(
            f"{board.file}: {board.nulls} empty "
            + (
                "entry in 'buttons' (null) was"
                if board.nulls == 1
                else "entries in 'buttons' (null) were"
            )
            + " skipped"
        )
    if board.made_grid:
        run.notes.append(
            f"board '{name}' has no grid; its {len(placed)} buttons were laid out in order, "
            f"{rows} x {columns}"
        )
    rows, columns, cells, note = _laid_out(run, board, name, (rows, columns), placed)
    if note:
        run.notes.append(note)
    kept_fields = keepable(run, name, {k: v for k, v in board.data.items() if k not in KNOWN_BOARD})
    extra, problems = read_extra_fields(Page, PAGE_MAPPED, board.data)
    run.notes += [f"board '{name}': {problem}" for problem in problems]
    return Page(
        board.page_id,
        name,
        rows,
        columns,
        tuple(cells),
        foreign=canonical(kept_fields),
        **extra,
    )


def _with_cell(page: Page, cell: Cell) -> Page | None:
    """``page`` with ``cell`` in its first empty slot; a full page gains a row (or, with
    ``MAX_GRID`` rows, a column, ``cell`` at the end of the first row).  None: no room."""
    cells, rows, columns = list(page.cells), page.rows, page.columns
    if None not in cells:
        if rows < MAX_GRID:
            cells += [None] * columns
            rows += 1
        elif columns < MAX_GRID:
            lines = [cells[r * columns : (r + 1) * columns] for r in range(rows)]
            cells = [c for line in lines for c in [*line, None]]
            columns += 1
        else:
            return None
    cells[cells.index(None)] = cell
    return replace(page, rows=rows, columns=columns, cells=tuple(cells))


def with_way_back(run: Run, page: Page, safe: set[str]) -> Page:
    """``page`` with a Back cell in its first empty slot (``_with_cell``: a full page grows)."""
    if page.id in safe:
        return page
    added = _with_cell(page, Cell("Back", Action.BACK, color="#c4c4c4"))
    if added is None:
        run.notes.append(
            f"page '{page.title}' has no Back cell and no room for one; "
            "add one before the patient uses it"
        )
        return page
    run.given_back.append(page.title)
    return added


def back_note(titles: list[str]) -> str | None:
    """One note for every page that was given a Back cell (a big set has hundreds)."""
    if not titles:
        return None
    if len(titles) == 1:
        return f"page '{titles[0]}': added a Back cell (the board relied on its app's own back key)"
    named = ", ".join(f"'{t}'" for t in titles[:5])
    more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
    return (
        f"pages {named}{more}: added a Back cell each "
        "(the boards relied on their app's own back key)"
    )


def with_call_for_help(run: Run, pages: dict[str, Page], home: str) -> dict[str, Page]:
    """``pages`` with a Call nurse cell on the home page when no page has a call for help.

    The cell goes in the home page's first empty slot (``_with_cell``: a full page grows
    by a row, or a column), so scanning reaches it early; with every page leading home, it is
    reached from every page.
    """
    if any(c and c.action is Action.ALARM for page in pages.values() for c in page.cells):
        return pages
    page = pages[home]
    call = Cell(
        "Call nurse",
        Action.ALARM,
        "Please call the nurse",
        color=COLORS["orange"],
        image="symbols/call-nurse.svg",
    )
    added = _with_cell(page, call)
    if added is None:
        run.notes.append(
            f"page '{page.title}' has no call for help and no room for one; "
            "add a Call nurse cell before the patient uses it"
        )
        return pages
    run.notes.append(
        f"page '{page.title}': added a Call nurse cell (other apps have no call for help; "
        "held, it sounds the alarm even when speech fails). Move it where the patient expects it"
    )
    return {**pages, home: added}
