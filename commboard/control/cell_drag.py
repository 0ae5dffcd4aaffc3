"""Moving a cell in the page editor by dragging it with the mouse: pure, no pygame.

The carer presses on a cell, drags, and releases over another slot: the
cell moves there exactly as the keyboard's move (M, arrows, M) moves it --
``PageEdit.move_cell``: onto a cell, the cells between shift along; into
an empty slot, it just moves.  It is one edit, undone with U.

* A press and release without moving the pointer (less than
  ``DRAG_START_PX``) is a click: it selects the slot, as before.
* Released over the slot it came from: nothing changes.
* Released outside the grid: the drag is cancelled, nothing changes.

The shell only turns mouse events into the slot under the pointer (or None)
and the pointer's position, and draws ``DragView``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Pixels the pointer must travel before a press becomes a drag: a carer's
# hand shakes a little on a click (and a touch pad moves a few pixels).
DRAG_START_PX = 8


@dataclass(frozen=True, slots=True)
class CellDrag:
    """A press on a cell, possibly being dragged.

    Attributes:
        source: the slot pressed (it holds a cell).
        start: where the press was, in pixels.
        at: where the pointer is now.
        over: the slot under the pointer (None: outside the grid).
        moving: the pointer has travelled far enough to be a drag, not a click.
    """

    source: int
    start: tuple[int, int]
    at: tuple[int, int]
    over: int | None
    moving: bool = False

    @classmethod
    def press(cls, source: int, x: int, y: int) -> CellDrag:
        """The carer pressed on the cell in slot ``source``."""
        return cls(source, (x, y), (x, y), source)

    def to(self, x: int, y: int, over: int | None) -> CellDrag:
        """The pointer moved (button still down) to ``(x, y)``, over slot ``over``."""
        far = max(abs(x - self.start[0]), abs(y - self.start[1])) >= DRAG_START_PX
        return replace(self, at=(x, y), over=over, moving=self.moving or far)

    def drop(self) -> int | None:
        """Where the cell goes on release: a slot other than its own, or None (nothing moves)."""
        if not self.moving or self.over is None or self.over == self.source:
            return None
        return self.over


@dataclass(frozen=True, slots=True)
class DragView:
    """A drag as drawn: the cell from ``source`` follows the pointer; ``target`` is framed."""

    source: int
    target: int | None  # the slot it would move to (None: outside the grid, or its own)
    x: int
    y: int
