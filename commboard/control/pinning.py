"""Pinning a recent message: a message the patient spelled becomes a phrase cell on a page.

The Recent page (``board.recent``) is rebuilt from the history at every
start; a message pinned is kept for good, as an ordinary phrase cell in the
layout's files.  These are the rules: which messages may be pinned (the
Recent page's, most used first), which pages are offered, and where the
cell goes (the page's first empty slot, or the first slot of a new row when
the page is full).  A message already on the page (same words, any
capitals or spacing) is not added twice.  The shell saves the pinned page
through the page editor's save (``adapters.layout_save.save_page``): the
same checks, round-trip YAML, ``.bak`` and atomic write, a shipped layout
copied first, and the board rebuilt with it at once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from commboard.board.layout_pages import COLORS, MAX_GRID
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.recent import RECENT_PAGE, message_label

PINNED_COLOR = COLORS["teal"]  # the Recent page's colour: the carer sees where it came from
MAX_OFFERED = 10  # keys 1-9 and 0 on the carer's button screens
_KEYS = "1234567890"


@dataclass(frozen=True, slots=True)
class Pinned:
    """A page with the message added.

    Attributes:
        page: the page to save.
        slot: where the new cell is (reading order, from 0).
        grew: True when the page was full and got one row more.
    """

    page: Page
    slot: int
    grew: bool


@dataclass(frozen=True, slots=True)
class PinRefused:
    """Nothing to change; ``reason`` says why, in words for the carer."""

    reason: str


def offered_keys(count: int) -> tuple[str, ...]:
    """The keys the carer presses for ``count`` choices (at most ``MAX_OFFERED``)."""
    return tuple(_KEYS[: min(count, MAX_OFFERED)])


def pin_candidates(layout: Layout) -> tuple[str, ...]:
    """The messages that may be pinned: the Recent page's, most used first (none: no page)."""
    recent = layout.pages.get(RECENT_PAGE)
    if recent is None:
        return ()
    found = [c.spoken for c in recent.cells if c is not None and c.action is Action.SPEAK]
    return tuple(found[:MAX_OFFERED])


def pin_targets(layout: Layout, showing: str) -> tuple[str, ...]:
    """Page ids offered to pin onto: the page on the board, home, then the others in order.

    The Recent page is never one (it is rebuilt at every start).  At most
    ``MAX_OFFERED``; a carer with more pages opens the one they want first.
    """
    order = [showing, layout.home, *layout.pages]
    chosen: list[str] = []
    for page_id in order:
        if page_id in layout.pages and page_id != RECENT_PAGE and page_id not in chosen:
            chosen.append(page_id)
    return tuple(chosen[:MAX_OFFERED])


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def pin_message(page: Page, message: str) -> Pinned | PinRefused:
    """``page`` with ``message`` as a phrase cell that says it, or why it cannot be added."""
    words = " ".join(message.split())
    if not words:
        return PinRefused("there is no message to keep")
    if page.id == RECENT_PAGE:
        return PinRefused("the Recent page is rebuilt from the history; choose another page")
    for cell in page.cells:
        if cell is not None and cell.action is Action.SPEAK and _same_words(cell.spoken, words):
            return PinRefused(f"'{cell.label}' already says it on page '{page.title}'")
    label = message_label(words)
    cell = Cell(label, Action.SPEAK, text=None if label == words else words, color=PINNED_COLOR)
    if None in page.cells:
        slot = page.cells.index(None)
        cells = (*page.cells[:slot], cell, *page.cells[slot + 1 :])
        return Pinned(replace(page, cells=cells), slot, grew=False)
    if page.rows >= MAX_GRID:
        return PinRefused(f"page '{page.title}' is full ({MAX_GRID} rows); make room first")
    slot = page.rows * page.columns
    cells = (*page.cells, cell, *([None] * (page.columns - 1)))
    return Pinned(replace(page, rows=page.rows + 1, cells=cells), slot, grew=True)
