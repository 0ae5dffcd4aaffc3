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

The patient pins from the Recent page's Keep page (``board.recent``,
``board.session``): the message goes to one fixed page, "My phrases"
(:func:`patient_pin`), made with Back and Home and linked from the home page
the first time.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from commboard.board.layout_cells import COLORS
from commboard.board.layout_pages import MAX_GRID
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.recent import KEEP_PAGE, RECENT_PAGE, message_label

PINNED_COLOR = COLORS["teal"]  # the Recent page's colour: the carer sees where it came from
MY_PHRASES = "my-phrases"
"""The page where the patient's own pins go (made, and linked from home, on the first)."""
MY_PHRASES_TITLE = "My phrases"
MAX_OFFERED = 10  # keys 1-9 and 0 on the carer's button screens
_KEYS = "1234567890"
_BUILT = (RECENT_PAGE, KEEP_PAGE)  # built from the history at every start: never saved


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
        if page_id in layout.pages and page_id not in _BUILT and page_id not in chosen:
            chosen.append(page_id)
    return tuple(chosen[:MAX_OFFERED])


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def pin_message(page: Page, message: str) -> Pinned | PinRefused:
    """``page`` with ``message`` as a phrase cell that says it, or why it cannot be added."""
    words = " ".join(message.split())
    if not words:
        return PinRefused("there is no message to keep")
    if page.id in _BUILT:
        return PinRefused("the Recent page is rebuilt from the history; choose another page")
    for cell in page.cells:
        if cell is not None and cell.action is Action.SPEAK and _same_words(cell.spoken, words):
            return PinRefused(f"'{cell.label}' already says it on page '{page.title}'")
    label = message_label(words)
    cell = Cell(label, Action.SPEAK, text=None if label == words else words, color=PINNED_COLOR)
    return _placed(page, cell)


def _placed(page: Page, cell: Cell) -> Pinned | PinRefused:
    """``page`` with ``cell`` in its first empty slot, or first in a new row when full."""
    if None in page.cells:
        slot = page.cells.index(None)
        cells = (*page.cells[:slot], cell, *page.cells[slot + 1 :])
        return Pinned(replace(page, cells=cells), slot, grew=False)
    if page.rows >= MAX_GRID:
        return PinRefused(f"page '{page.title}' is full ({MAX_GRID} rows); make room first")
    slot = page.rows * page.columns
    cells = (*page.cells, cell, *([None] * (page.columns - 1)))
    return Pinned(replace(page, rows=page.rows + 1, cells=cells), slot, grew=True)


@dataclass(frozen=True, slots=True)
class PatientPin:
    """What to save for the patient's pin: the page changed and a page made, if any.

    Attributes:
        page: "My phrases" with the message, or (the first time) the home page
            with a new cell that opens "My phrases".
        added: the new "My phrases" page (first time), else empty.
        slot: the message's slot on "My phrases".
    """

    page: Page
    added: tuple[Page, ...]
    slot: int


def patient_pin(layout: Layout, message: str) -> PatientPin | PinRefused:
    """Keep ``message`` in "My phrases"; the first time, make the page and link it from home."""
    mine = layout.pages.get(MY_PHRASES)
    if mine is not None:
        pinned = pin_message(mine, message)
        if isinstance(pinned, PinRefused):
            return pinned
        return PatientPin(pinned.page, (), pinned.slot)
    back = Cell("Back", Action.BACK, color=COLORS["grey"])
    home = Cell("Home", Action.HOME, color=COLORS["grey"])
    empty = Page(MY_PHRASES, MY_PHRASES_TITLE, 2, 3, (None, None, None, None, back, home))
    first = pin_message(empty, message)
    if isinstance(first, PinRefused):
        return first
    link = Cell(MY_PHRASES_TITLE, Action.GO, target=MY_PHRASES, color=PINNED_COLOR)
    linked = _placed(layout.pages[layout.home], link)
    if isinstance(linked, PinRefused):
        return linked
    return PatientPin(linked.page, (first.page,), first.slot)
