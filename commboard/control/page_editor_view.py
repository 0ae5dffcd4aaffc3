"""The page editor's screen as shown (``EditorView``, one ``EditorCellView`` per slot) and what
a cell does, in a few words for the carer.
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.board.model import Action, Cell, Layout
from commboard.control.cell_drag import DragView


@dataclass(frozen=True, slots=True)
class EditorCellView:
    """One slot as the editor draws it."""

    label: str
    color: str | None
    picture: str | None  # path inside the layout folder, or a shipped symbol
    doing: str  # what it does, in a few words ("says: I am thirsty", "opens Pain")
    selected: bool
    marked: bool  # the cell being moved or swapped
    problem: bool  # a save was refused because of this cell


@dataclass(frozen=True, slots=True)
class EditorView:
    """The whole editor screen as shown."""

    title: str
    rows: int
    columns: int
    cells: tuple[EditorCellView | None, ...]
    details: tuple[tuple[str, str], ...]  # the selected cell's fields: (name, value)
    prompt: str | None  # while typing: what is being typed, with the text so far
    message: str  # the last result, problem or hint
    dirty: bool
    page_id: str = ""  # the page's id (R changes it)
    drag: DragView | None = None  # a cell being dragged with the mouse


def doing(cell: Cell, layout: Layout) -> str:
    """What a cell does, in a few words for the carer."""
    match cell.action:
        case Action.SPEAK:
            return f"says: {cell.spoken}"
        case Action.ADD:
            return (
                f"adds: {cell.spoken!r}"
                if cell.spoken.strip() != cell.spoken
                else f"adds: {cell.spoken}"
            )
        case Action.GO:
            target = layout.pages.get(cell.target or "")
            return f"opens {target.title if target else cell.target}"
        case Action.ALARM:
            return "calls for help"
    return cell.action.value.replace("_", " ")
