"""The "Recent" page: the messages the patient spelled most, one selection away.

Built when the board starts from the history (``History.spelled``): a
message spelled and spoken yesterday is a phrase cell today.  It is reached
from the Spell page: while the message is empty, the last word slot is
"Recent" (``board.spelling``).  Not a layout file: it is rebuilt at every
start and nothing on it is edited by hand.

Its "Keep one..." cell opens a second built page, ``recent-keep``, listing
the same messages: one chosen there is not said but kept as a phrase in the
layout's "My phrases" page once the undo window has passed
(``board.session``, ``control.pinning``).  Both pages lead home.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from commboard.board.layout_cells import COLORS
from commboard.board.model import Action, Cell, Layout, Page

RECENT_PAGE = "recent"
KEEP_PAGE = "recent-keep"
"""The built page where a message chosen is kept in "My phrases" instead of said."""
RECENT_COUNT = 10
"""Messages listed (3 columns x 5 rows, less Keep, Back and Home)."""
COLUMNS = 3
MAX_ROWS = 5
MAX_LABEL_CHARS = 60
"""A longer message is shown cut (with an ellipsis) but said whole."""


def recent_page(messages: Sequence[str]) -> Page | None:
    """The page for ``messages`` (most used first), or None when there are none."""
    keep = Cell("Keep one...", Action.GO, target=KEEP_PAGE, color=COLORS["orange"])
    return _page(RECENT_PAGE, "Recent", messages, COLORS["teal"], keep)


def keep_page(messages: Sequence[str]) -> Page | None:
    """The page where a message chosen is kept in "My phrases" (None when there are none)."""
    return _page(KEEP_PAGE, "Keep which one in My phrases?", messages, COLORS["orange"])


def _page(
    page_id: str, title: str, messages: Sequence[str], color: str, extra: Cell | None = None
) -> Page | None:
    room = min(RECENT_COUNT, COLUMNS * MAX_ROWS - 3)
    chosen = [m for m in messages if m.strip()][:room]
    if not chosen:
        return None
    cells: list[Cell | None] = [
        Cell(message_label(m), Action.SPEAK, text=m, color=color) for m in chosen
    ]
    cells += [extra] if extra is not None else []
    cells += [
        Cell("Back", Action.BACK, color=COLORS["grey"]),
        Cell("Home", Action.HOME, color=COLORS["grey"]),
    ]
    rows = -(-len(cells) // COLUMNS)
    cells += [None] * (rows * COLUMNS - len(cells))
    return Page(page_id, title, max(rows, 1), COLUMNS, tuple(cells))


def with_recent_page(layout: Layout, messages: Sequence[str]) -> Layout:
    """``layout`` with the Recent page and its Keep page added (unchanged when there is
    nothing to list or the layout has its own page of either name)."""
    page, keep = recent_page(messages), keep_page(messages)
    if page is None or keep is None or RECENT_PAGE in layout.pages or KEEP_PAGE in layout.pages:
        return layout
    return replace(layout, pages={**layout.pages, RECENT_PAGE: page, KEEP_PAGE: keep})


def message_label(message: str) -> str:
    """A message as a cell's label: spaces folded, a long one cut with an ellipsis."""
    text = " ".join(message.split())
    return text if len(text) <= MAX_LABEL_CHARS else text[: MAX_LABEL_CHARS - 1] + "…"
