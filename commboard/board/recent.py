"""The "Recent" page: the messages the patient spelled most, one selection away.

Built when the board starts from the history (``History.spelled``): a
message spelled and spoken yesterday is a phrase cell today.  It is reached
from the Spell page: while the message is empty, the last word slot is
"Recent" (``board.spelling``).  Not a layout file: it is rebuilt at every
start and nothing on it is edited by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from commboard.board.layout_pages import COLORS
from commboard.board.model import Action, Cell, Layout, Page

RECENT_PAGE = "recent"
RECENT_COUNT = 10
"""Messages listed (3 columns x 4 rows, less Back and Home)."""
COLUMNS = 3
MAX_ROWS = 4
MAX_LABEL_CHARS = 60
"""A longer message is shown cut (with an ellipsis) but said whole."""


def recent_page(messages: Sequence[str]) -> Page | None:
    """The page for ``messages`` (most used first), or None when there are none."""
    room = COLUMNS * MAX_ROWS - 2
    chosen = [m for m in messages if m.strip()][:room]
    if not chosen:
        return None
    cells: list[Cell | None] = [
        Cell(message_label(m), Action.SPEAK, text=m, color=COLORS["teal"]) for m in chosen
    ]
    cells += [
        Cell("Back", Action.BACK, color=COLORS["grey"]),
        Cell("Home", Action.HOME, color=COLORS["grey"]),
    ]
    rows = -(-len(cells) // COLUMNS)
    cells += [None] * (rows * COLUMNS - len(cells))
    return Page(RECENT_PAGE, "Recent", max(rows, 1), COLUMNS, tuple(cells))


def with_recent_page(layout: Layout, messages: Sequence[str]) -> Layout:
    """``layout`` with the Recent page added (unchanged when there is nothing to list
    or the layout has its own page of that name)."""
    page = recent_page(messages)
    if page is None or RECENT_PAGE in layout.pages:
        return layout
    return replace(layout, pages={**layout.pages, RECENT_PAGE: page})


def message_label(message: str) -> str:
    """A message as a cell's label: spaces folded, a long one cut with an ellipsis."""
    text = " ".join(message.split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"
