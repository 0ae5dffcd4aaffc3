"""The mouse in the page editor: a press selects a slot, a drag moves a cell
(``control.cell_drag``); ``EditorKeys`` takes these rules from ``EditorMouse``.
"""

from __future__ import annotations

from dataclasses import replace

from commboard.control.cell_drag import CellDrag
from commboard.control.page_editor import PageEdit


class EditorMouse:
    """Selecting and dragging cells with the mouse (part of ``EditorKeys``, which holds the state)."""

    edit: PageEdit
    drag: CellDrag | None
    picking: str | None
    typing: str | None
    leaving: bool
    removing: bool
    message: str

    def _busy(self) -> bool:
        """Typing, or answering a question: the mouse does nothing then."""
        return self.typing is not None or self.leaving or self.removing

    def pointer_down(self, slot: int | None, x: int, y: int) -> None:
        """A press at ``(x, y)`` over ``slot`` (None: outside the grid): selects it; on a cell,
        a drag may follow (``control.cell_drag``)."""
        self.drag = None
        if slot is None or self._busy():
            return
        self.edit = replace(self.edit, cursor=slot)
        if self.picking is None and self.edit.page.cells[slot] is not None:
            self.drag = CellDrag.press(slot, x, y)

    def pointer_moved(self, slot: int | None, x: int, y: int) -> None:
        """The pointer moved with the button down."""
        if self.drag is None:
            return
        was_moving = self.drag.moving
        self.drag = self.drag.to(x, y, slot)
        if self.drag.moving and not was_moving:
            self.message = "Release over the slot it goes to; outside the grid cancels."

    def pointer_up(self, slot: int | None, x: int, y: int) -> None:
        """The button was released: a drag moves the cell (one edit; U undoes it)."""
        if self.drag is None:
            return
        drag, self.drag = self.drag.to(x, y, slot), None
        target = drag.drop()
        if not drag.moving:
            return  # a click: the slot is selected
        if target is None:
            self.edit = replace(self.edit, cursor=drag.source)
            self.message = (
                "Not moved: released outside the grid."
                if drag.over is None
                else "Not moved: released where it was."
            )
            return
        self.edit = self.edit.move_cell(drag.source, target)
        self.message = "Moved.  U undoes it."
