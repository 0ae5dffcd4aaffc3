"""Checks across a layout's pages: unique ids, links that lead somewhere, a way home, help in reach.

They run once every page is read (:mod:`commboard.board.layout_pages` parses
each page into a ``PageDraft``): page ids used twice, ``go`` cells to pages
that do not exist, pages a patient could not leave for the home page, and a
call-for-help cell the home page cannot reach.  ``pages_with_way_home`` and
``unreachable_alarms`` are the same rules for editors that change pages.
"""

from __future__ import annotations

from commboard.board.layout_pages import PageDraft
from commboard.board.layout_yaml import did_you_mean
from commboard.board.model import Action, Page


def _check_ids(drafts: list[PageDraft]) -> None:
    first: dict[str, PageDraft] = {}
    for draft in drafts:
        pid = draft.page_id
        if pid is None:
            continue
        if pid in first:
            where = first[pid]
            line = where.id_node.start_mark.line + 1 if where.id_node else "?"
            draft.src.report(
                draft.id_node, f"page id '{pid}' is used twice (also {where.src.path}:{line})"
            )
        else:
            first[pid] = draft


def _check_links(drafts: list[PageDraft], ids: set[str]) -> None:
    for draft in drafts:
        for ref in draft.go_refs:
            if ref.target not in ids:
                hint = did_you_mean(ref.target, ids)
                ref.src.report(
                    ref.node, f"'go' to page '{ref.target}', but there is no such page{hint}"
                )


def _reaching(pages: dict[str, Page], start: set[str], home: str | None) -> set[str]:
    """Pages from which ``go`` links (and ``home`` cells, if home is in ``start``) reach ``start``.

    The least fixed point: a page joins once one of its links leads to a page
    already in the set, so two pages that only link to each other never do.
    """
    found = set(start)
    changed = True
    while changed:
        changed = False
        for pid, page in pages.items():
            if pid in found:
                continue
            cells = [c for c in page.cells if c is not None]
            by_home = home in found and any(c.action is Action.HOME for c in cells)
            by_go = any(c.action is Action.GO and c.target in found for c in cells)
            if by_home or by_go:
                found.add(pid)
                changed = True
    return found


def _ways_home(pages: dict[str, Page], home: str) -> set[str]:
    """Pages from which the patient can always get back to the home page.

    A ``back`` cell pops the page stack, whose bottom is always home, so a
    page with one is safe; otherwise a ``home`` cell, or ``go`` links that
    lead (page by page) to a page that is safe that way.  A ``go`` to a page
    whose only exit is ``back`` does not count: back just returns here.
    """
    has_back = {
        pid for pid, page in pages.items() if any(c and c.action is Action.BACK for c in page.cells)
    }
    return _reaching(pages, {home}, home) | has_back


def pages_with_way_home(pages: dict[str, Page], home: str) -> set[str]:
    """Ids of the pages a patient can leave for the home page (the rule ``validate`` applies)."""
    return _ways_home(pages, home) | {home}


def unreachable_alarms(pages: dict[str, Page], home: str) -> set[str]:
    """Pages with a call-for-help cell, when the home page cannot reach one of them; else empty."""
    alarms = {
        pid
        for pid, page in pages.items()
        if any(c and c.action is Action.ALARM for c in page.cells)
    }
    return alarms if alarms and home not in _reaching(pages, alarms, home) else set()


def _check_exits(drafts: list[PageDraft], home: str | None) -> None:
    """From every page the patient can get home and call for help, or they could be stranded.

    Two pages that only link to each other would keep a one-switch user away
    from Home and the nurse call for good.  When the layout has a call-for-help
    cell at all, it must be reachable from the home page (and so from every page).
    """
    pages = {d.page.id: d.page for d in drafts if d.page is not None}
    if home not in pages:
        return  # reported by the layout check: the home page does not exist
    safe = _ways_home(pages, home)
    for draft in drafts:
        page = draft.page
        if page is None or page.id in safe:
            continue
        draft.src.report(
            draft.id_node,
            f"page '{page.id}' has no way back to the home page '{home}': a patient could not "
            "leave it (add a back or home cell)",
        )
    alarms = unreachable_alarms(pages, home)
    if alarms:
        first = next(d for d in drafts if d.page is not None and d.page.id == home)
        first.src.report(
            first.id_node,
            f"the call for help ({', '.join(sorted(alarms))}) cannot be reached from the home "
            f"page '{home}': link to it from home",
        )


def check_pages(drafts: list[PageDraft], home: str | None) -> set[str]:
    """Checks across pages: unique ids, links that lead somewhere, a way out.

    Returns:
        The ids of all pages that have one, for the caller's own checks.
    """
    ids = {d.page_id for d in drafts if d.page_id is not None}
    _check_ids(drafts)
    _check_links(drafts, ids)
    _check_exits(drafts, home)
    return ids
