"""Whole pages in the page editor: a new blank page, a copy, and the cells that link to a page.

New pages get an id made from their title, unique in the layout; the editor's
edits of one page are in :mod:`commboard.control.page_editor`.
"""

from __future__ import annotations

import re
from dataclasses import replace

from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.page_editor import EditRefused, where

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
