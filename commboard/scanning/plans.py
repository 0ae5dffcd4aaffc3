"""Scan plans: which groups of cells are highlighted, in which order, as plain data.

A plan is a tree of :class:`ScanGroup`.  ``plan.root.children`` is the first
level the scanner steps through; selecting a group steps through its
children; selecting a leaf (one cell) activates it.  Every pattern is a pure
builder ``Page -> ScanPlan``, so adding a pattern never touches the engine.

Rules shared by all builders: empty slots are skipped; a group with a
single child is replaced by that child (highlighting the only choice would
cost a step for nothing); every filled cell is reachable exactly once.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from commboard.board.model import Page
from commboard.scanning import huffman
from commboard.settings import ScanPattern


@dataclass(frozen=True, slots=True)
class ScanGroup:
    """A node of the plan tree.

    Attributes:
        cells: page slot indices covered (a leaf covers exactly one).
        label: what auditory scanning says when it is highlighted.
        children: the next level, in scan order; empty for a leaf.
        passes: unanswered passes over ``children`` before the scan goes back
            up a level; 0 = the patient's ``scan.passes`` setting (a group
            never gets more passes than that setting).
    """

    cells: tuple[int, ...]
    label: str
    children: tuple[ScanGroup, ...] = ()
    passes: int = 0

    @property
    def is_leaf(self) -> bool:
        """True for a single cell that is activated when selected."""
        return not self.children


@dataclass(frozen=True, slots=True)
class ScanPlan:
    """A whole page's scan tree; ``root.children`` is the first level stepped through.

    ``late_press_share``: a press within this share of the scan interval
    after the highlight moved on selects the item before (0: never).
    """

    root: ScanGroup
    late_press_share: float = 0.0

    def steps(self) -> dict[int, int]:
        """Highlights shown (summed over levels) until each cell is selected, no errors."""
        out: dict[int, int] = {}
        _walk_steps(self.root, 0, out)
        return out

    def expected_steps(self, weights: Mapping[int, float]) -> float:
        """Mean steps per selection when cell ``i`` is chosen in proportion to ``weights[i]``."""
        steps = self.steps()
        total = sum(w for c, w in weights.items() if c in steps)
        if total <= 0:
            return 0.0
        return sum(w * steps[c] for c, w in weights.items() if c in steps) / total


def _walk_steps(group: ScanGroup, base: int, out: dict[int, int]) -> None:
    for position, child in enumerate(group.children, start=1):
        if child.is_leaf:
            out[child.cells[0]] = base + position
        else:
            _walk_steps(child, base + position, out)


def build_plan(
    page: Page,
    pattern: ScanPattern,
    weights: Mapping[int, float] | None = None,
) -> ScanPlan:
    """The scan plan of ``page`` for ``pattern``.

    Args:
        page: the page whose filled cells are scanned.
        pattern: how the highlight moves (an unknown word in a profile was
            already replaced by the default when the settings were read).
        weights: usage counts, cell index -> uses (from the history); only
            Huffman uses them. Missing cells get a smoothed prior.
    """
    builder = _BUILDERS[pattern]
    children = builder(page, weights)
    return ScanPlan(ScanGroup(page.filled(), page.title, tuple(children)))


INNER_PASSES = 1
"""Passes over a group below the top level of a likelihood plan before going back up.

A likelihood tree is several levels deep, so a press that lands one item late
(or a stray press) often enters a group that does not hold the wanted cell.
With the patient's usual passes (3) the patient then waits through three
rounds of that group per level before the scan comes back; after one round
it is back at the level above, where the wanted group comes round again.  A
press missed inside the right group costs about the same either way (one
round of the group, then the level above from its start).
"""


LATE_PRESS_SHARE = 0.25
"""A press this early in a step of a likelihood plan is for the item before (see below).

With the interval at reaction time / 0.65, about 3 % of presses come after
the highlight has moved on, and on the Spell page that is a wrong group or
a wrong letter to undo.  A quarter interval is about 0.4 of the patient's
mean reaction time: no press meant for the new item comes that fast (the
layout changes after every letter, so nobody presses in anticipation).
"""


def build_weighted_plan(
    page: Page, weights: Mapping[int, float], inner_passes: int = INNER_PASSES
) -> ScanPlan:
    """The fewest-steps plan for cells chosen with the given likelihoods (exact, not quantised).

    The Spell page's likelihood scan: ``weights`` are the predictor's
    probabilities for the next choice, which change after every letter, so
    the smoothing and power-of-two rounding that keep a phrase page's Huffman
    plan still would only cost steps here.  The rarely chosen end of a long
    level is folded into one group (``huffman.fold_tails``), so a missed or
    stray press does not cost a wait through every unlikely letter.  A cell without a weight (or a
    non-finite or negative one) counts as never chosen but stays reachable.
    """
    cells = page.filled()
    clean = [_finite(weights.get(c, 0.0)) for c in cells]
    floor = min((w for w in clean if w > 0), default=1.0) * 1e-3
    kept = [max(w, floor) for w in clean]
    tree = huffman.fold_tails(huffman.scan_tree(kept), kept, huffman.SLIP_P)
    children = [_from_node(page, cells, node, inner_passes) for node in tree]
    return ScanPlan(ScanGroup(cells, page.title, tuple(children)), LATE_PRESS_SHARE)


def _finite(value: float) -> float:
    return value if math.isfinite(value) and value > 0 else 0.0


def _leaf(page: Page, index: int) -> ScanGroup:
    cell = page.cells[index]
    return ScanGroup((index,), cell.label if cell is not None else "")


def _group(page: Page, children: Sequence[ScanGroup], label: str | None = None) -> ScanGroup:
    """A group over ``children``; one child is returned as itself."""
    if len(children) == 1:
        return children[0]
    cells = tuple(c for child in children for c in child.cells)
    return ScanGroup(cells, label if label is not None else _summary(children), tuple(children))


def _summary(children: Sequence[ScanGroup]) -> str:
    """Auditory label of an unnamed group: two labels one selection away, then an ellipsis.

    Cells directly inside the group come first (they are what the user picks
    next), then the labels of its sub-groups.
    """
    labels = [c.label for c in children if c.is_leaf] + [c.label for c in children if not c.is_leaf]
    more = len(children) > 2 or any(not c.is_leaf for c in children[:2])
    return ", ".join(labels[:2]) + ("…" if more else "")


def _linear(page: Page, weights: Mapping[int, float] | None) -> list[ScanGroup]:
    return [_leaf(page, i) for i in page.filled()]


def _lines(page: Page, by_row: bool) -> list[ScanGroup]:
    outer, inner = (page.rows, page.columns) if by_row else (page.columns, page.rows)
    word = "row" if by_row else "column"
    groups: list[ScanGroup] = []
    for a in range(outer):
        slots = [a * page.columns + b if by_row else b * page.columns + a for b in range(inner)]
        leaves = [_leaf(page, i) for i in slots if page.cells[i] is not None]
        if leaves:
            groups.append(_group(page, leaves, f"{word} {a + 1}"))
    return groups


def _row_column(page: Page, weights: Mapping[int, float] | None) -> list[ScanGroup]:
    return _top(_lines(page, by_row=True))


def _column_row(page: Page, weights: Mapping[int, float] | None) -> list[ScanGroup]:
    return _top(_lines(page, by_row=False))


def _top(groups: list[ScanGroup]) -> list[ScanGroup]:
    """The first level; a single group there is opened (its children become the level)."""
    if len(groups) == 1 and not groups[0].is_leaf:
        return list(groups[0].children)
    return groups


def _block(page: Page, weights: Mapping[int, float] | None) -> list[ScanGroup]:
    """Halve the page into rectangles until one cell: at most two choices per level."""
    node = _halve_region(page, 0, page.rows, 0, page.columns)
    if node is None:
        return []
    return [node] if node.is_leaf else list(node.children)


def _halve_region(page: Page, r0: int, r1: int, c0: int, c1: int) -> ScanGroup | None:
    """Split the rectangle across its longer side where the filled cells halve best."""
    filled = [
        r * page.columns + c
        for r in range(r0, r1)
        for c in range(c0, c1)
        if page.cells[r * page.columns + c] is not None
    ]
    if not filled:
        return None
    if len(filled) == 1:
        return _leaf(page, filled[0])
    rows, columns = r1 - r0, c1 - c0
    if rows > 1 and (rows >= columns or columns == 1):
        cut = _balanced_cut(page, r0, r1, lambda k: (k, k + 1, c0, c1))
        halves = [(r0, cut, c0, c1), (cut, r1, c0, c1)]
    else:
        cut = _balanced_cut(page, c0, c1, lambda k: (r0, r1, k, k + 1))
        halves = [(r0, r1, c0, cut), (r0, r1, cut, c1)]
    parts = [g for g in (_halve_region(page, *h) for h in halves) if g is not None]
    return _group(page, parts)


def _balanced_cut(
    page: Page, lo: int, hi: int, strip: Callable[[int], tuple[int, int, int, int]]
) -> int:
    """The cut in ``lo+1..hi-1`` that best halves the filled cells of the strips."""
    counts = [_count(page, *strip(k)) for k in range(lo, hi)]
    total, acc = sum(counts), 0
    best, best_gap = lo + 1, float("inf")
    for k in range(lo + 1, hi):
        acc += counts[k - lo - 1]
        gap = abs(total - 2 * acc)
        if gap < best_gap:
            best, best_gap = k, gap
    return best


def _count(page: Page, r0: int, r1: int, c0: int, c1: int) -> int:
    return sum(
        page.cells[r * page.columns + c] is not None for r in range(r0, r1) for c in range(c0, c1)
    )


def _huffman(page: Page, weights: Mapping[int, float] | None) -> list[ScanGroup]:
    cells = page.filled()
    tree = huffman.scan_tree(huffman.plan_weights(weights, cells))
    return [_from_node(page, cells, node) for node in tree]


def _from_node(page: Page, cells: Sequence[int], node: huffman.Node, passes: int = 0) -> ScanGroup:
    """The plan group of a Huffman node; its groups get ``passes`` (0: the setting)."""
    if isinstance(node, int):
        return _leaf(page, cells[node])
    group = _group(page, [_from_node(page, cells, child, passes) for child in node])
    return replace(group, passes=passes) if passes > 0 and not group.is_leaf else group


_BUILDERS: dict[ScanPattern, Callable[[Page, Mapping[int, float] | None], list[ScanGroup]]] = {
    ScanPattern.LINEAR: _linear,
    ScanPattern.ROW_COLUMN: _row_column,
    ScanPattern.COLUMN_ROW: _column_row,
    ScanPattern.BLOCK: _block,
    ScanPattern.HUFFMAN: _huffman,
}
