"""What the page editor's key rules answer: what the shell must do after a key (``Stay``,
``SaveRequested``, ``SayRequested``, ``LeaveRequested``, ...).
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.board.model import Page


@dataclass(frozen=True, slots=True)
class Stay:
    """Nothing for the shell to do but redraw."""


@dataclass(frozen=True, slots=True)
class SaveRequested:
    """Save this page and the pages added meanwhile (the shell writes them and reports back)."""

    page: Page
    added: tuple[Page, ...] = ()
    renamed_from: str | None = None  # the page's id on disk, when the carer changed it


@dataclass(frozen=True, slots=True)
class IdRequested:
    """Ask the carer for the page's new id (a typed line); hand it to ``EditorKeys.change_id``."""

    page_id: str


@dataclass(frozen=True, slots=True)
class RemoveRequested:
    """Remove this page from the layout (confirmed; nothing links to it)."""

    page_id: str


@dataclass(frozen=True, slots=True)
class SayRequested:
    """Speak these words with the patient's voice (not a message: not kept in the history)."""

    text: str


@dataclass(frozen=True, slots=True)
class PickPicture:
    """Open the picture picker for the selected cell (``control.picture_picker``)."""

    current: str | None
    label: str


@dataclass(frozen=True, slots=True)
class LeaveRequested:
    """Close the editor (nothing unsaved, or the carer chose to drop it)."""


Answer = (
    Stay | SaveRequested | SayRequested | LeaveRequested | RemoveRequested | IdRequested
    | PickPicture
)  # fmt: skip
