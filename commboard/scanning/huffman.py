"""Huffman scanning: the scan tree that needs the fewest steps for a usage distribution.

The cost model is the one a scanning user lives with.  Inside a group the
children are highlighted one after another; choosing the ``k``-th child costs
``k`` highlights (one scan interval each).  A cell's *steps* are the sum of
those positions over every level on its path.  Written as a string of
"skip" (0) and "select" (1) decisions, every path ends with a select and its
length is its step count, so the paths form a binary prefix code and Kraft's
inequality gives the lower bound ``E[steps] >= H(p)`` bits.  The bound cannot
be reached exactly: after the last child of a group the scan wraps round
instead of selecting by elimination (so that a missed press is recoverable),
and that wasted "0" leaf costs a little in every group.

:func:`scan_tree` finds an *optimal* tree for this model exactly, with the
level-by-level dynamic programme of Golin and Rote (1998, "A dynamic
programming algorithm for constructing optimal prefix-free codes with unequal
letter costs"): process the binary code tree one depth at a time, keeping only
(number of cells placed, number of open internal nodes).  Cells sorted by
weight take leaves in depth order, so a more used cell never needs more steps
than a less used one, and ties keep reading order.

Stability (so the order can be learnt): weights are smoothed and quantised
by :func:`quantised_weights` before the tree is built, except on pages of at
most :data:`SMALL_PAGE_CELLS` cells (:func:`plan_weights`); see ``docs/scanning.md``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache

Node = int | list["Node"]
"""A built tree: an ``int`` is an item index, a list is a group of children in scan order."""

PRIOR_COUNT = 1.0
"""Add-k smoothing: a cell never used counts as this many uses (Laplace's rule)."""

QUANTUM = 2.0
"""Weights are rounded down to a power of this: a cell moves only when its count doubles."""

SMALL_PAGE_CELLS = 8
"""Up to this many cells the tree is built from exact smoothed counts, not quantised ones.

On a small page the power-of-two buckets throw away most of what the counts
say (counts 3, 2, 1, 1, 1 become weights 4, 2, 2, 2, 2) and the tree then
loses to plain linear scanning (2.5 against 2.375 steps in
``benchmarks/comm_rate.py --targets`` with 5 phrases), while a plan change
on such a page moves only a few cells that the patient sees at a glance.
"""

TIE_BREAK = 1e-6
"""Raw counts weigh this much more than the prior, so trees equal under the smoothed
counts are decided by the counts actually seen (the prior only fills in unseen cells)."""

SLIP_P = 0.1
"""Chance that a press at one level goes astray (missed, a step late, or a stray press).

The simulated switch users of ``benchmarks/comm_rate.py`` miss 5-10 % of
presses and press a step late about 3 % of the time; used by
:func:`fold_tails` (0.05-0.2 measured alike, ``docs/prediction.md``).
"""

MAX_EXACT_ITEMS = 96
"""Above this many cells the O(n^3)-ish exact programme gets slow; halve by weight instead."""

_INF = math.inf


def quantised_weights(counts: Mapping[int, float] | None, cells: Sequence[int]) -> list[float]:
    """Smoothed, quantised weights for ``cells`` from usage ``counts`` (cell -> uses).

    ``w = QUANTUM ** floor(log_QUANTUM(count + PRIOR_COUNT))``.  Unseen cells get
    the prior; a cell's weight changes only when its (smoothed) count doubles,
    so over ``N`` uses it changes at most ``log2(N + 1)`` times.
    """
    out: list[float] = []
    for cell in cells:
        smoothed = _uses(counts, cell) + PRIOR_COUNT
        out.append(QUANTUM ** math.floor(math.log(smoothed, QUANTUM) + 1e-9))
    return out


def plan_weights(counts: Mapping[int, float] | None, cells: Sequence[int]) -> list[float]:
    """The weights a page's Huffman tree is built from (see ``docs/scanning.md``).

    Pages of more than :data:`SMALL_PAGE_CELLS` cells: :func:`quantised_weights`,
    so the plan moves only when a count doubles.  Smaller pages: the smoothed
    counts themselves (``count * (1 + TIE_BREAK) + PRIOR_COUNT``), because
    there the rounding costs more steps than a moved cell.
    """
    if len(cells) > SMALL_PAGE_CELLS:
        return quantised_weights(counts, cells)
    return [_uses(counts, cell) * (1.0 + TIE_BREAK) + PRIOR_COUNT for cell in cells]


def _uses(counts: Mapping[int, float] | None, cell: int) -> float:
    """How often ``cell`` was used; a missing, negative or non-finite count is 0."""
    raw = (counts or {}).get(cell, 0.0)
    return max(0.0, raw if math.isfinite(raw) else 0.0)


def scan_tree(weights: Sequence[float]) -> list[Node]:
    """The root level of a minimum-expected-steps scan tree over items ``0..n-1``.

    Items with larger weight never need more steps; equal weights keep index
    order.  Groups always have at least two children.
    """
    n = len(weights)
    if n == 0:
        return []
    order = sorted(range(n), key=lambda i: (-weights[i], i))
    if n > MAX_EXACT_ITEMS:
        return _halve([order[k] for k in range(n)], [weights[i] for i in order])
    sorted_w = tuple(weights[i] for i in order)
    decisions = _decisions(sorted_w)
    root = [_collapse(child) for child in _realise(decisions, order)]
    return _heaviest_first(root, weights, order)


def expected_steps(tree: Sequence[Node], weights: Sequence[float]) -> float:
    """Mean steps per selection of ``tree`` when item ``i`` is chosen with weight ``weights[i]``."""
    total = sum(weights)
    if total <= 0:
        return 0.0
    steps = item_steps(tree)
    return sum(weights[i] * s for i, s in steps.items()) / total


def item_steps(tree: Sequence[Node], base: int = 0) -> dict[int, int]:
    """Steps (highlights shown, summed over levels) needed to select each item."""
    out: dict[int, int] = {}
    for position, child in enumerate(tree, start=1):
        if isinstance(child, int):
            out[child] = base + position
        else:
            out.update(item_steps(child, base + position))
    return out


@lru_cache(maxsize=256)
def _decisions(w: tuple[float, ...]) -> tuple[tuple[int, int], ...]:
    """Per depth ``(x, r_next)``: cells placed at that depth, open nodes below it.

    State ``(m, r)``: the ``m`` heaviest items are placed, ``r`` internal nodes
    are open (each has a "select" child and a "skip" child one level down).
    At the next depth ``x`` select-children become leaves, the other ``r - x``
    become groups, and ``y`` skip-children continue their group (the rest
    end it): ``r' = r - x + y``.  Every depth costs the weight still unplaced.
    """
    n = len(w)
    rest = [0.0] * (n + 1)
    for i in range(n - 1, -1, -1):
        rest[i] = rest[i + 1] + w[i]
    best = [[_INF] * (n + 2) for _ in range(n + 1)]
    choice: dict[tuple[int, int], tuple[int, int]] = {}
    best[n][0] = 0.0
    for m in range(n - 1, -1, -1):
        for r in range(n - m, 0, -1):
            value, pick = _best_move(best, m, r, n)
            if pick is not None:
                best[m][r] = rest[m] + value
                choice[m, r] = pick
    path: list[tuple[int, int]] = []
    m, r = 0, 1
    while (m, r) != (n, 0):
        x, r2 = choice[m, r]
        path.append((x, r2))
        m, r = m + x, r2
    return tuple(path)


def _best_move(
    best: list[list[float]], m: int, r: int, n: int
) -> tuple[float, tuple[int, int] | None]:
    """Cheapest successor of state ``(m, r)`` in the table filled so far."""
    value, pick = _INF, None
    for x in range(0, min(r, n - m) + 1):
        row = best[m + x]
        lo = r + 1 if x == 0 else r - x  # x == 0 and y == r would be a loop
        hi = min(2 * r - x, n - m - x)
        for r2 in range(lo, hi + 1):
            if row[r2] < value:
                value, pick = row[r2], (x, r2)
    return value, pick


def _realise(decisions: Sequence[tuple[int, int]], order: Sequence[int]) -> list[Node]:
    """Build concrete groups that follow the depth-by-depth ``decisions``."""
    root: list[Node] = []
    wanting_child: list[list[Node]] = [root]  # groups whose next child sits at this depth
    may_continue: list[list[Node]] = [root]  # groups that may get one more child after it
    placed = 0
    for x, r_next in decisions:
        new_groups: list[list[Node]] = []
        for k, group in enumerate(wanting_child):
            if k < x:
                group.append(order[placed])
                placed += 1
            else:
                child: list[Node] = []
                group.append(child)
                new_groups.append(child)
        continuing = may_continue[: r_next - len(new_groups)]
        wanting_child = continuing + new_groups
        may_continue = list(wanting_child)
    return root


def _heaviest_first(root: list[Node], weights: Sequence[float], order: Sequence[int]) -> list[Node]:
    """Present heavier groups earlier and refill leaves, without changing the step count.

    The programme fixes only how many cells sit at each depth; this picks the
    arrangement a person can learn: within a level, heavier branches come
    first (ties: the one holding the earlier cell), and cells fill leaves in
    (steps, scan order), heaviest first.  Both moves never add steps, and the
    programme is optimal, so the total stays the optimum.
    """
    for _ in range(4):
        _sort_levels(root, weights)
        slots = sorted(_leaf_slots(root, 0), key=lambda s: (s[0], s[1]))
        changed = False
        for (_, _, group, k), item in zip(slots, order, strict=True):
            changed = changed or group[k] != item
            group[k] = item
        if not changed:
            break
    return root


def _weight(node: Node, weights: Sequence[float]) -> float:
    if isinstance(node, int):
        return weights[node]
    return sum(_weight(c, weights) for c in node)


def _first(node: Node) -> int:
    return node if isinstance(node, int) else min(_first(c) for c in node)


def _sort_levels(group: list[Node], weights: Sequence[float]) -> None:
    group.sort(key=lambda c: (-_weight(c, weights), _first(c)))
    for child in group:
        if isinstance(child, list):
            _sort_levels(child, weights)


def _leaf_slots(group: list[Node], base: int) -> list[tuple[int, int, list[Node], int]]:
    """(steps, scan order, parent, index) of every leaf, in scan (depth-first) order."""
    out: list[tuple[int, int, list[Node], int]] = []
    for position, child in enumerate(group, start=1):
        if isinstance(child, int):
            out.append((base + position, 0, group, position - 1))
        else:
            out.extend(_leaf_slots(child, base + position))
    return [(s, k, g, i) for k, (s, _, g, i) in enumerate(out)] if base == 0 else out


def _collapse(node: Node) -> Node:
    """Replace a group of one child by that child (it would only cost a step)."""
    if isinstance(node, int):
        return node
    children = [_collapse(c) for c in node]
    return children[0] if len(children) == 1 else children


def fold_tails(tree: Sequence[Node], weights: Sequence[float], slip: float) -> list[Node]:
    """Fold the rarely chosen end of a long level into one group at its end.

    The optimal tree counts only the steps to the chosen cell, so a level may
    end in a long tail of cells almost never chosen (Z, Q, Home, ...): they
    cost nothing when not chosen.  But a press that is missed, or lands in
    the wrong group, makes the patient wait through the whole level before
    the wanted item comes round again (the top level wraps; a lower level
    runs out and goes back up).  Folding the children from position ``j``
    on into one group shortens the level by ``m - j - 1`` steps for every
    such slip and adds one step to each folded cell, so the tail is folded
    where ``slip * (weight before j) * (m - j - 1) - (weight folded)`` is
    largest and positive.  Lower levels first; the new group is folded too.

    Args:
        tree: a level (the root's children) of :func:`scan_tree`.
        weights: the items' weights.
        slip: the chance that a press at a level goes astray (missed, late
            or stray); :data:`SLIP_P` for the Spell page.
    """
    level = [c if isinstance(c, int) else fold_tails(c, weights, slip) for c in tree]
    sizes = [_weight(c, weights) for c in level]
    total, head = sum(sizes), 0.0
    best, best_gain = None, 0.0
    for j in range(1, len(level) - 1):  # fold at least two children, keep at least one
        head += sizes[j - 1]
        gain = slip * head * (len(level) - j - 1) - (total - head)
        if gain > best_gain:
            best, best_gain = j, gain
    if best is None:
        return level
    return level[:best] + [fold_tails(level[best:], weights, slip)]


def _halve(items: list[int], weights: list[float]) -> list[Node]:
    """Fallback for very large pages: split items (sorted by weight) at half the weight."""
    if len(items) <= 2:
        return list(items)
    total, acc, cut = sum(weights), 0.0, 1
    for k in range(len(items) - 1):
        acc += weights[k]
        cut = k + 1
        if acc >= total / 2:
            break
    head: Node = _halve(items[:cut], weights[:cut]) if cut > 1 else items[0]
    tail: Node = _halve(items[cut:], weights[cut:]) if len(items) - cut > 1 else items[cut]
    return [head, tail]
