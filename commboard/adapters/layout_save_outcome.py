"""What a page save gives back: the saved page (``Saved``), or why nothing was
saved (``SaveRefused``; ``ChangedOnDisk`` when the file changed since the board read it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commboard.board.model import Layout
from commboard.control.page_editor import CellProblem


class SaveRefused(Exception):
    """The page was not saved; ``problems`` say why (each on its cell where there is one)."""

    def __init__(self, problems: list[CellProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


class ChangedOnDisk(SaveRefused):
    """Not saved: a page's file was changed after the board read it (writing would overwrite
    that change); the layout must be read again before this page is edited."""


@dataclass(frozen=True, slots=True)
class Saved:
    """A saved page.

    Attributes:
        file: the file written.
        backup: the previous version of that file.
        layout: the layout as it now loads (give it to the board).
        copied_from: the shipped layout folder that was copied first, or None.
    """

    file: Path
    backup: Path
    layout: Layout
    copied_from: Path | None
