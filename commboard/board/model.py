"""The board model: a layout is pages; a page is a grid of cells; a cell has an action.

These are plain frozen data.  Layout files (``layout_file.py``) build them;
the session (``session.py``) performs cell actions; scan plans
(``commboard.scanning``) group cell indices.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

RECORD_KINDS = ("decision", "preference")
"""The values of a cell's ``record`` field: what a statement is for the care record."""


class Action(StrEnum):
    """What selecting a cell does. The names are the layout file's ``action`` values."""

    SPEAK = "speak"  # say the cell's text now (a phrase), and log it
    ADD = "add"  # add the cell's text to the message (a letter or a word)
    GO = "go"  # open another page (``target``)
    BACK = "back"  # return to the previous page
    HOME = "home"  # return to the home page
    BACKSPACE = "backspace"  # remove the last character of the message
    CLEAR = "clear"  # clear the whole message
    SPEAK_MESSAGE = "speak_message"  # say the message that was built
    ALARM = "alarm"  # call for help: sound + flash, works without speech
    STOP = "stop_speech"  # cut off what is being said
    WORD = "word"  # a word slot: shows a predicted word; selecting it completes the word


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of a page.

    Attributes:
        label: what is written on the cell.
        action: what selecting it does.
        text: what is spoken or added; defaults to ``label``.
        target: page id for ``go``.
        color: background colour name or ``#rrggbb``; None = theme colour.
        hold_s: how long a switch must be held to select this cell (None =
            the profile's acceptance time). Alarm and clear want longer.
        record: what the words are for the care record: ``"decision"`` (a
            statement that decides care: "I don't agree", "Stop") or
            ``"preference"`` ("Ask me, not my family"); None = an ordinary
            message.  Marked in the history and the care-team report.
        confirm: whether saying it asks "You said: ... Is that right?" first
            (None = the profile's ``board.confirm_decisions`` for decisions,
            no for preferences).
        image: a picture for the cell, a path relative to the layout folder
            (``images/dog.png``) or a shipped symbol (``symbols/drink.svg``,
            see ``board/symbols``); None = label only.
        foreign: fields another board program wrote that commboard does not
            use (Open Board Format), as canonical JSON text, written back on
            export; None when there are none.
    """

    label: str
    action: Action
    text: str | None = None
    target: str | None = None
    color: str | None = None
    hold_s: float | None = None
    record: str | None = None
    confirm: bool | None = None
    image: str | None = None
    foreign: str | None = None

    @property
    def spoken(self) -> str:
        """The words this cell says or adds."""
        return self.text if self.text is not None else self.label


@dataclass(frozen=True, slots=True)
class Page:
    """A grid of ``rows`` x ``columns`` slots, row-major; ``None`` is an empty slot.

    ``foreign`` holds a board's fields from another program that commboard
    does not use, as canonical JSON text (see :class:`Cell`).
    """

    id: str
    title: str
    rows: int
    columns: int
    cells: tuple[Cell | None, ...]
    foreign: str | None = None

    def cell_at(self, row: int, column: int) -> Cell | None:
        """The cell in that slot, or None when the slot is empty."""
        return self.cells[row * self.columns + column]

    def filled(self) -> tuple[int, ...]:
        """Indices of the slots that hold a cell, row-major."""
        return tuple(i for i, c in enumerate(self.cells) if c is not None)


@dataclass(frozen=True, slots=True)
class Layout:
    """A set of pages with a home page, loaded from one layout folder or file."""

    name: str
    language: str
    home: str
    pages: dict[str, Page] = field(default_factory=dict)
    source: Path | None = None

    def page(self, page_id: str) -> Page:
        """The page with that id (KeyError if absent; layouts are validated on load)."""
        return self.pages[page_id]

    def texts(self) -> list[str]:
        """Every page title and cell label, as shown on screen (fonts are chosen for these)."""
        out: list[str] = []
        for page in self.pages.values():
            out += [page.title, *(c.label for c in page.cells if c is not None)]
        return out
