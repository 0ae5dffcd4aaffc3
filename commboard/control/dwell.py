"""Dwell selection as data: which large cells are on screen, and the dwell on them.

With ``access: gaze_dwell`` the patient chooses by looking at a cell until
its ring fills.  A webcam's gaze is coarse, so cells must be large: a page of
at most six cells (2×3 or 3×2 and smaller) is shown as it is; a larger page
is first split into halves or quarters in reading order, each drawn as one
large cell listing its labels, chosen by dwell the same way, until at most
five cells and a *Back* cell are left.

``DwellChoice`` keeps that narrowing (which items are on screen).
``DwellTimer`` turns the gaze's item, frame by frame, into a choice:

* the ring starts filling when the gaze is well inside an item (``MARGIN``:
  a gaze resting between cells fills nothing) and fills while it stays on
  the item; at the grid's left, right and bottom edges, where no other cell
  is, a dwell starts and goes on up to ``OUTER`` past the edge;
* a gaze that leaves the item for no other cell (a gap, past the grid's
  edge, the message bar) holds the ring still for up to ``EXIT_GRACE_S``;
  away longer, or onto another cell at all, the ring empties (a point
  hovering on the line between two cells fills neither);
* the time needed is the dwell time, or a cell's own hold time when longer
  (the nurse call's 2 s);
* frames without a usable gaze (a blink, eyes closing, the face lost, the
  head turned) hold the ring still for up to ``GRACE_S`` (an ordinary blink
  does not empty it); longer, the ring empties;
* no dwell starts around the middle of the screen, where the eyes rest
  (``REST_ZONE``), and no grid puts a cell there (``grid_for``);
* after a choice, nothing fills until the gaze has left the place it was
  when the choice was made (no chain of choices from one stare); when the
  choice changed the screen (a group opened, Back), the new item there is
  free after ``REARM_S`` even if the gaze stayed.

Pure: no clock, no camera, no pygame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from commboard.board.model import Action, Cell, Page

# Frames without a usable gaze shorter than this keep the ring where it was.
GRACE_S = 0.35
# A dwell starts only this far inside a cell (a share of its width and height on
# each side): a gaze resting between cells, or wobbling over an edge, fills
# nothing.  Once started, it goes on over the whole cell (jitter near the edge
# does not empty it).
MARGIN = 0.15
# Where the eyes rest between choices (the calibration's middle dot), and how
# far around it (share of the screen's width and height) no dwell starts.
REST: tuple[float, float] = (0.5, 0.5)
REST_ZONE = 0.1
# After a choice, the place the gaze was is free again after this long even if
# the gaze stayed (the new screen put another item there).
REARM_S = 1.0
# A point that leaves the cell being dwelt on, for no other cell, for at most this
# long holds its ring still instead of emptying it (OptiKey's "incomplete fixation
# time to live"): jitter and flicks of a few frames.  Shorter than a blink's hold
# (``GRACE_S``): a real look elsewhere is a fixation of 0.2 s or more.  A point onto
# another cell empties it at once: tolerating that doubled the wrong choices (docs/gaze.md).
EXIT_GRACE_S = 0.25
# At the grid's left, right and bottom edges no other cell is near: a dwell starts
# and goes on up to this share of the cell's size past them (the gaze map's error
# can put a look at an edge cell there).  Not above the top row: the message bar is there.
OUTER = 0.15
# A level without a Back cell (a patient who can point only left or right)
# goes back by itself after this long without a choice.
BACK_AFTER_S = 6.0
# At most this many cells are shown as they are; inside a group, one fewer (and Back).
MAX_CELLS = 6
BACK = "Back"
JOIN = "  ·  "

Rect = tuple[float, float, float, float]  # x, y, width, height (fractions of the screen)


@dataclass(frozen=True, slots=True)
class Item:
    """One thing on screen to dwell on: a cell, a group of cells, or Back."""

    cells: tuple[int, ...] = ()
    back: bool = False

    @property
    def cell(self) -> int | None:
        """The page cell this item chooses (None: a group or Back)."""
        return self.cells[0] if len(self.cells) == 1 and not self.back else None


def _split(cells: Sequence[int], parts: int) -> list[tuple[int, ...]]:
    """``cells`` in reading order cut into ``parts`` runs of balanced length."""
    out, start = [], 0
    for i in range(parts):
        end = start + (len(cells) - start) // (parts - i)
        out.append(tuple(cells[start:end]))
        start = end
    return [g for g in out if g]


def has_back(top: bool, most: int) -> bool:
    """Whether a level shows a Back cell: inside a group, when there is room for one."""
    return not top and most >= 3


def items_for(cells: Sequence[int], top: bool, most: int = MAX_CELLS) -> list[Item]:
    """What is shown for these cells: each cell, or halves/quarters (and Back inside a group).

    ``most``: how many items fit on screen (the patient's pointing accuracy
    decides).  With only two (a patient who can point only left or right)
    there is no Back cell: the level goes back by itself (``BACK_AFTER_S``).
    """
    back = has_back(top, most)
    room = most - 1 if back else most
    if len(cells) <= room:
        items = [Item((c,)) for c in cells]
    else:
        quarters = len(cells) > 2 * room and room >= 4
        items = [Item(g) for g in _split(cells, 4 if quarters else 2)]
    return [*items, Item(back=True)] if back else items


def most_items(usable: Sequence[tuple[int, int]]) -> int:
    """How many large cells a dwell screen may show, from the grid sizes found usable (2 to 6).

    0 when no grid size was usable: dwell cannot be used.
    """
    if not usable:
        return 0
    return max(2, min(MAX_CELLS, max(r * c for r, c in usable)))


def grid_for(count: int) -> tuple[int, int]:
    """Rows and columns for ``count`` large items (at most 2×3).

    No cell covers the middle of the screen, where the eyes rest between
    choices (the calibration's middle dot): every grid has an even number of
    rows or columns, so the middle falls between cells (one or three items
    leave an empty slot).
    """
    return {1: (1, 2), 2: (1, 2), 3: (2, 2), 4: (2, 2)}.get(count, (2, 3))


class DwellChoice:
    """The page narrowed to what is on screen; see the module docstring.

    Args:
        page: the page on the board.
        most: at most this many large cells on screen at once (2 to 6: the
            largest grid the patient's gaze calibration found usable).
    """

    def __init__(self, page: Page, most: int = MAX_CELLS) -> None:
        self.page = page
        self.most = max(2, min(MAX_CELLS, most))
        self.path: list[tuple[int, ...]] = []  # the groups chosen, outermost first
        self.items: list[Item] = []
        self._refresh()

    @property
    def as_is(self) -> bool:
        """The page is shown with its own layout (small, and no cell in the middle of the screen)."""
        page = self.page
        small = page.rows * page.columns <= self.most and max(page.rows, page.columns) <= 3
        middle_free = page.rows % 2 == 0 or page.columns % 2 == 0
        return not self.path and small and middle_free

    def _refresh(self) -> None:
        cells = self.path[-1] if self.path else self.page.filled()
        self.items = items_for(cells, top=not self.path, most=self.most)

    def enter(self, group: tuple[int, ...]) -> None:
        """Show the cells of a group."""
        self.path.append(group)
        self._refresh()

    def back(self) -> None:
        """Show the level above."""
        if self.path:
            self.path.pop()
        self._refresh()

    def restart(self) -> None:
        """Back to the whole page (after a cell was chosen)."""
        self.path.clear()
        self._refresh()

    def shown(self) -> Page:
        """The page to draw: the page itself, or its items as large cells (same order as ``slot_item``)."""
        if self.as_is:
            return self.page
        rows, columns = grid_for(len(self.items))
        cells: list[Cell | None] = [self._cell(item) for item in self.items]
        cells += [None] * (rows * columns - len(cells))
        return Page(self.page.id, self.page.title, rows, columns, tuple(cells))

    def slot_item(self, slot: int) -> Item | None:
        """The item drawn in slot ``slot`` of ``shown()`` (None: an empty slot)."""
        if self.as_is:
            return Item((slot,)) if self.page.cells[slot] is not None else None
        return self.items[slot] if 0 <= slot < len(self.items) else None

    def _cell(self, item: Item) -> Cell:
        if item.back:
            return Cell(BACK, Action.SPEAK)
        if item.cell is not None:
            cell = self.page.cells[item.cell]
            assert cell is not None
            return cell
        labels = [c.label for i in item.cells if (c := self.page.cells[i]) is not None]
        return Cell(JOIN.join(labels), Action.SPEAK)


def inside(point: tuple[float, float], rect: Rect, margin: float = 0.0) -> bool:
    """``point`` lies in ``rect``, at least ``margin`` of its size from every edge."""
    x, y, w, h = rect
    mx, my = margin * w, margin * h
    return x + mx <= point[0] < x + w - mx and y + my <= point[1] < y + h - my


@dataclass(frozen=True, slots=True)
class Dwelt:
    """The ring on ``slot`` filled: it is chosen (``held_s`` it took)."""

    t: float
    slot: int
    held_s: float


class DwellTimer:
    """Gaze on slots, frame by frame, into choices; see the module docstring.

    Args:
        dwell_s: the dwell time.
    """

    def __init__(self, dwell_s: float) -> None:
        self.dwell_s = dwell_s
        self.slot: int | None = None  # the slot being dwelt on
        self.since = 0.0  # when the dwell on it began (moved on while the ring held still)
        self.progress = 0.0  # 0..1, how full its ring is
        self._unusable_since: float | None = None
        self._away_since: float | None = None  # the point left the slot being dwelt on
        self._leave: Rect | None = None  # after a choice: nothing fills until the gaze leaves this
        self._left_by = float("inf")  # ... or until this time (once the screen changed)

    def reset(self) -> None:
        """The items changed (a new page or level): empty the ring."""
        self.slot, self.progress, self._unusable_since = None, 0.0, None
        self._away_since = None

    def screen_changed(self, t: float) -> None:
        """Other items are now where the last choice was: they are free after ``REARM_S``."""
        if self._leave is not None:
            self._left_by = min(self._left_by, t + REARM_S)

    def update(
        self,
        t: float,
        point: tuple[float, float] | None,
        rects: Sequence[tuple[int, Rect]],
        need_s: dict[int, float],
    ) -> Dwelt | None:
        """One frame: ``point`` is where the gaze is (None: no usable gaze this frame).

        ``rects``: each slot on screen and its rectangle; ``need_s``: a slot's
        own dwell time when it differs from ``dwell_s``.
        """
        if point is None:
            self._unusable(t)
            return None
        if self._unusable_since is not None:  # the ring held still meanwhile
            self.since += t - self._unusable_since
            self._unusable_since = None
        if self._leave is not None:
            if inside(point, self._leave) and t < self._left_by:
                return None
            self._leave = None
        if not self._follow(t, point, rects):
            return None
        assert self.slot is not None
        need = need_s.get(self.slot, self.dwell_s)
        held = t - self.since
        self.progress = min(1.0, held / need) if need > 0 else 1.0
        if held < need:
            return None
        slot = self.slot
        self._leave, self._left_by = _area(dict(rects)[slot], rects, 0.0), float("inf")
        self.reset()
        return Dwelt(t, slot, round(held, 3))

    def _follow(
        self, t: float, point: tuple[float, float], rects: Sequence[tuple[int, Rect]]
    ) -> bool:
        """Move the dwell with the point; True when the ring on ``self.slot`` fills this frame.

        A point that leaves the slot being dwelt on for no other cell (a gap,
        past the grid's edge, the message bar) holds its ring still for up to
        ``EXIT_GRACE_S``; back on the slot, the ring goes on.  Away longer, or
        onto another cell at all, the ring empties (and another cell the point
        is well inside starts).
        """
        here = dict(rects).get(self.slot) if self.slot is not None else None
        if here is not None and inside(point, _area(here, rects, 0.0)):
            if self._away_since is not None:  # the ring held still meanwhile
                self.since += t - self._away_since
                self._away_since = None
            return True
        if self.slot is not None:
            if self._away_since is None:
                self._away_since = t
            onto_other = any(s != self.slot and inside(point, r) for s, r in rects)
            if not onto_other and t - self._away_since <= EXIT_GRACE_S:
                return False
        new = self._start_at(point, rects)
        self.slot, self.since, self.progress, self._away_since = new, t, 0.0, None
        return False

    def _unusable(self, t: float) -> None:
        """A frame with no usable gaze: the ring holds still, and empties after ``GRACE_S``."""
        if self._unusable_since is None:
            self._unusable_since = t
        elif t - self._unusable_since > GRACE_S:
            self.slot, self.progress = None, 0.0
            self._away_since = None

    def _start_at(
        self, point: tuple[float, float], rects: Sequence[tuple[int, Rect]]
    ) -> int | None:
        """The slot a dwell may start on: the point well inside it, not where the eyes rest."""
        if abs(point[0] - REST[0]) < REST_ZONE and abs(point[1] - REST[1]) < REST_ZONE:
            return None
        return next((s for s, r in rects if inside(point, _area(r, rects, MARGIN))), None)


def _area(rect: Rect, rects: Sequence[tuple[int, Rect]], margin: float) -> Rect:
    """``rect`` with ``margin`` of its size taken off every side that faces another cell
    (or the message bar above), and ``OUTER`` added past the sides at the grid's left,
    right and bottom edge, where no other cell is."""
    x, y, w, h = rect
    left = min(r[0] for _, r in rects)
    right = max(r[0] + r[2] for _, r in rects)
    bottom = max(r[1] + r[3] for _, r in rects)
    eps = 1e-6
    x0 = x - OUTER * w if x <= left + eps else x + margin * w
    x1 = x + w + OUTER * w if x + w >= right - eps else x + w - margin * w
    y0 = y + margin * h
    y1 = y + h + OUTER * h if y + h >= bottom - eps else y + h - margin * h
    return x0, y0, x1 - x0, y1 - y0
