"""Removing a whole page in the editor (Z, Z): what goes with it, and when it is refused.

A page the carer can open in the editor is on the board, so some cell
opens it: removing only pages nothing links to would never be possible.
The cells that open the page are deleted with it, in the same save, and
the confirmation names them.  Refused (nothing changes), each in words
for the carer:

* the home page (the board starts on it), and the pages the board makes
  itself (Recent);
* a removal after which some page has no way back to the home page, the
  call for help can no longer be reached from home (or the page had the
  only one), or a page is left with no cells (the rules
  ``commboard validate`` applies);
* a removal that strands other pages: pages the patient reaches only
  through this one would be kept in the files but never be shown again.
  The carer removes or re-links them first.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from commboard.board.layout_page_checks import pages_with_way_home, unreachable_alarms
from commboard.board.model import Action, Layout, Page
from commboard.control.new_pages import links_to
from commboard.control.page_ids import RESERVED_IDS


@dataclass(frozen=True, slots=True)
class PageRemoval:
    """What removing one page does.

    Attributes:
        page_id: the page removed.
        layout: the layout once it is removed (its links deleted).
        unlinked: the cells that opened it, deleted with it, as a carer finds them.
        problems: why it cannot be removed (empty: it can).
    """

    page_id: str
    layout: Layout
    unlinked: tuple[str, ...]
    problems: tuple[str, ...]


def _without_links(page: Page, page_id: str) -> Page:
    if not any(c is not None and c.action is Action.GO and c.target == page_id for c in page.cells):
        return page
    cells = tuple(
        None if c is not None and c.action is Action.GO and c.target == page_id else c
        for c in page.cells
    )
    return replace(page, cells=cells)


def _has_alarm(pages: dict[str, Page]) -> bool:
    return any(c is not None and c.action is Action.ALARM for p in pages.values() for c in p.cells)


def shown_from_home(pages: dict[str, Page], home: str) -> set[str]:
    """The pages a patient can open, starting on the home page and following its links."""
    found, todo = {home}, [home]
    while todo:
        page = pages.get(todo.pop())
        for cell in page.cells if page is not None else ():
            target = cell.target if cell is not None and cell.action is Action.GO else None
            if target is not None and target in pages and target not in found:
                found.add(target)
                todo.append(target)
    return found


def _after_problems(layout: Layout, after: Layout, page_id: str) -> list[str]:
    """The validator's rules on the layout without the page, and pages it would strand."""
    problems: list[str] = []
    emptied = [
        p.title for pid, p in after.pages.items() if layout.pages[pid] != p and not any(p.cells)
    ]
    if emptied:
        problems.append(f"these pages would have no cells left: {', '.join(emptied)}")
    safe = pages_with_way_home(after.pages, after.home)
    cut_off = [p.title for pid, p in after.pages.items() if pid not in safe]
    if cut_off:
        problems.append(
            f"these pages would have no way back to the home page: {', '.join(cut_off)}"
        )
    if _has_alarm(layout.pages) and not _has_alarm(after.pages):
        problems.append("it has the only call for help: add one on another page first")
    elif unreachable_alarms(after.pages, after.home):
        problems.append("the call for help could no longer be reached from the home page")
    before = shown_from_home(layout.pages, layout.home) - {page_id}
    stranded = before - shown_from_home(after.pages, after.home)
    if stranded:
        titles = ", ".join(sorted(layout.pages[pid].title for pid in stranded))
        problems.append(
            f"these pages are opened only through it and would be lost to the patient: {titles};"
            " remove them first, or link them from another page"
        )
    return problems


def page_removal(layout: Layout, page_id: str) -> PageRemoval:
    """Remove ``page_id`` and the cells that open it; ``problems`` says if it may not be done."""
    if page_id == layout.home:
        problems = ["the home page cannot be removed (the board starts on it)"]
        return PageRemoval(page_id, layout, (), tuple(problems))
    if page_id.lower() in RESERVED_IDS or page_id not in layout.pages:
        problems = ["the board makes this page itself; it is not in the layout's files"]
        return PageRemoval(page_id, layout, (), tuple(problems))
    pages = {
        pid: _without_links(page, page_id) for pid, page in layout.pages.items() if pid != page_id
    }
    after = replace(layout, pages=pages)
    return PageRemoval(
        page_id,
        after,
        tuple(links_to(layout, page_id)),
        tuple(_after_problems(layout, after, page_id)),
    )
