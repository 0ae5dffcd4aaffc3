"""A page's id in the page editor: whether another id is valid, and the links that follow it.

A carer may give a page another id (:mod:`commboard.control.page_editor`,
``PageEdit.change_id``); at the save every link to it, and the layout's home,
lead to the new id (``edited_layout``).
"""

from __future__ import annotations

import re
from dataclasses import replace

from commboard.board.model import Layout, Page

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


def retarget(page: Page, old_id: str, new_id: str) -> Page:
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
        pages = {pid: retarget(p, old_id, page.id) for pid, p in pages.items()}
        home = page.id if home == old_id else home
    return replace(layout, home=home, pages=pages)
