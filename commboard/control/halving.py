"""Look to Speak on any page: two halves, a look keeps one, until one cell is left.

``Halving`` holds the cells still in play.  They are split into a left and a
right half in reading order (so the page's layout is kept, only narrowed);
a held look left or right (the patient's own) keeps that half; a look up
goes back one step.  When one cell is left it is chosen -- or, with
confirmation, the board waits for a long blink to select it, and a look
away cancels it (back one step).

The split keeps the halves balanced: by count (⌈log2 n⌉ looks for n cells),
or, given how likely each cell is (``weights``: a spelling model's next
letters, or how often each phrase is used), by likelihood, so that likely
cells take fewer looks (a Huffman-style split kept in reading order).
Pure: the shell draws the halves (``halves``), the looks come from
``signals.gaze_look``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Chosen:
    """One cell is left: it is selected (``confirmed``) or waits for a long blink."""

    cell: int
    looks: int  # looks it took, back steps included
    confirmed: bool


@dataclass(frozen=True, slots=True)
class Narrowed:
    """A look kept one half; ``left``/``right`` are the new halves."""

    left: tuple[int, ...]
    right: tuple[int, ...]


HalvingStep = Chosen | Narrowed


def split(cells: Sequence[int], weights: Mapping[int, float] | None = None) -> tuple[int, int]:
    """Where to cut ``cells`` (kept in order) into two halves: (index, balance error).

    Without weights the halves differ by at most one cell.  With weights the
    cut makes the two halves' likelihoods as equal as possible (each half
    keeps at least one cell).
    """
    n = len(cells)
    if n < 2:
        return n, 0
    if not weights:
        return math.ceil(n / 2), 0
    mass = [max(weights.get(c, 0.0), 0.0) for c in cells]
    total = sum(mass) or 1.0
    best, best_key = 1, (math.inf, math.inf, math.inf)
    running = 0.0
    for i in range(1, n):
        running += mass[i - 1]
        heavier = i if 2 * running >= total else n - i  # cells in the likelier half
        # Balance first; then the likelier half the smaller; then even counts.
        key = (round(abs(2 * running - total) / total, 9), heavier, abs(2 * i - n))
        if key < best_key:
            best, best_key = i, key
    return best, round(best_key[0] * 1000)


class Halving:
    """The cells still in play on one page; see the module docstring.

    Args:
        cells: the selectable cells of the page, in reading order.
        weights: how likely each cell is (None: all alike).
        confirm: the last cell waits for a long blink instead of being chosen at once.
    """

    def __init__(
        self,
        cells: Sequence[int],
        weights: Mapping[int, float] | None = None,
        confirm: bool = False,
    ) -> None:
        if not cells:
            raise ValueError("a page with no cells to choose from")
        self.cells = tuple(cells)
        self.weights = dict(weights) if weights else None
        self.confirm = confirm
        self._trail: list[tuple[int, ...]] = [self.cells]
        self.looks = 0
        self.waiting: int | None = None  # the last cell, waiting for a long blink

    @property
    def in_play(self) -> tuple[int, ...]:
        """The cells still in play."""
        return self._trail[-1]

    def halves(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """The left and right half of the cells in play (the right is empty when one is left)."""
        cells = self.in_play
        cut, _ = split(cells, self.weights)
        return cells[:cut], cells[cut:]

    def keep(self, left: bool) -> HalvingStep | None:
        """A look left (``left``) or right keeps that half; None while a cell waits for a blink."""
        if self.waiting is not None:
            self.back()  # a look away cancels the cell waiting for confirmation
            return Narrowed(*self.halves())
        self.looks += 1
        kept = self.halves()[0 if left else 1]
        if not kept:
            return None  # nothing on that side
        self._trail.append(kept)
        if len(kept) == 1:
            return self._last(kept[0])
        return Narrowed(*self.halves())

    def back(self) -> Narrowed:
        """A look up: one step back (at the start it stays at the start)."""
        self.waiting = None
        if len(self._trail) > 1:
            self._trail.pop()
        self.looks += 1
        return Narrowed(*self.halves())

    def blink(self) -> Chosen | None:
        """A long blink confirms the cell waiting for it (nothing otherwise)."""
        if self.waiting is None:
            return None
        cell, self.waiting = self.waiting, None
        return Chosen(cell, self.looks, confirmed=True)

    def restart(self) -> None:
        """Back to the whole page (after a selection, or when the page changes)."""
        self._trail = [self.cells]
        self.looks = 0
        self.waiting = None

    def _last(self, cell: int) -> Chosen:
        if self.confirm:
            self.waiting = cell
            return Chosen(cell, self.looks, confirmed=False)
        return Chosen(cell, self.looks, confirmed=True)
