"""The page editor's checks before a save: what stops a page (and new pages) being saved.

The checks are the loader's (``commboard validate``) stated on the model, so
the editor (:mod:`commboard.control.page_editor`) can show each problem on the
cell it concerns, as a :class:`~commboard.control.page_editor.CellProblem`.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import PurePosixPath

from commboard.board.layout_cells import COLORS, MAX_HOLD_S, MAX_IMAGE_PATH
from commboard.board.layout_page_checks import pages_with_way_home, unreachable_alarms
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.symbols import is_symbol, symbol_file
from commboard.control.page_editor import CellProblem, where
from commboard.control.page_ids import edited_layout, id_problem

_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


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
