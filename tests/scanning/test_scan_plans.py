"""Scan plans: every pattern reaches every filled cell once; Huffman is optimal and stable."""

from __future__ import annotations

import itertools
import math
import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from commboard.board.model import Action, Cell, Page
from commboard.scanning import huffman
from commboard.scanning.plans import ScanGroup, ScanPlan, build_plan
from commboard.settings import ScanPattern

PATTERNS = list(ScanPattern)


@st.composite
def pages(draw: st.DrawFn) -> Page:
    rows = draw(st.integers(1, 6))
    columns = draw(st.integers(1, 8))
    filled = draw(st.lists(st.booleans(), min_size=rows * columns, max_size=rows * columns))
    cells = tuple(Cell(f"c{i}", Action.SPEAK) if f else None for i, f in enumerate(filled))
    return Page("p", "P", rows, columns, cells)


usage = st.dictionaries(st.integers(0, 47), st.integers(0, 500), max_size=48)


def leaves(group: ScanGroup) -> list[int]:
    if group.is_leaf:
        return list(group.cells)
    return [c for child in group.children for c in leaves(child)]


def groups(group: ScanGroup) -> list[ScanGroup]:
    out = [group]
    for child in group.children:
        out += groups(child)
    return out


@settings(max_examples=150, deadline=None)
@given(page=pages(), weights=usage)
def test_every_filled_cell_is_reachable_exactly_once_in_every_pattern(
    page: Page, weights: dict[int, int]
) -> None:
    for pattern in PATTERNS:
        plan = build_plan(page, pattern, weights)
        reached = leaves(plan.root)
        assert sorted(reached) == list(page.filled()), pattern
        for g in groups(plan.root)[1:]:
            # a group is exactly its children's cells and never a pointless single child
            assert g.is_leaf or (len(g.children) >= 2 and g.cells == tuple(leaves(g)))
            assert g.is_leaf or g.label


@settings(max_examples=100, deadline=None)
@given(page=pages(), weights=usage)
def test_no_plan_beats_the_entropy_bound(page: Page, weights: dict[int, int]) -> None:
    """Kraft: choosing the k-th child costs k steps, so sum 2^-steps <= 1 and E[steps] >= H."""
    probs = {c: weights.get(c, 0) + 1.0 for c in page.filled()}
    total = sum(probs.values())
    entropy = -sum(w / total * math.log2(w / total) for w in probs.values())
    for pattern in PATTERNS:
        plan = build_plan(page, pattern, weights)
        assert sum(2.0**-s for s in plan.steps().values()) <= 1 + 1e-9
        assert plan.expected_steps(probs) >= entropy - 1e-9


def test_row_column_steps_are_row_plus_column() -> None:
    page = Page("p", "P", 3, 4, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(12)))
    steps = build_plan(page, ScanPattern.ROW_COLUMN).steps()
    assert steps == {r * 4 + c: (r + 1) + (c + 1) for r in range(3) for c in range(4)}
    steps = build_plan(page, ScanPattern.COLUMN_ROW).steps()
    assert steps == {r * 4 + c: (c + 1) + (r + 1) for r in range(3) for c in range(4)}
    assert build_plan(page, ScanPattern.LINEAR).steps() == {i: i + 1 for i in range(12)}


def test_empty_slots_are_skipped_and_single_cell_rows_are_not_groups() -> None:
    c = Cell("x", Action.SPEAK)
    page = Page("p", "P", 2, 3, (c, None, c, None, c, None))
    plan = build_plan(page, ScanPattern.ROW_COLUMN)
    first, second = plan.root.children
    assert first.cells == (0, 2) and first.label == "row 1"
    assert second.is_leaf and second.cells == (4,)


def test_block_halves_are_rectangles_of_the_page() -> None:
    page = Page("p", "P", 4, 4, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(16)))
    top = build_plan(page, ScanPattern.BLOCK).root.children
    assert [sorted(g.cells) for g in top] == [list(range(8)), list(range(8, 16))]
    assert [sorted(g.cells) for g in top[0].children] == [[0, 1, 4, 5], [2, 3, 6, 7]]


def _profiles(n: int) -> set[tuple[int, ...]]:
    """Every achievable sorted multiset of leaf steps with ``n`` cells (brute force)."""
    if n == 1:
        return {(1,)}
    out: set[tuple[int, ...]] = set()
    for first in range(1, n + 1):
        head = _subtree(first)
        rest = [()] if first == n else _profiles(n - first)
        for h, r in itertools.product(head, rest):
            out.add(tuple(sorted([s + 1 for s in h] + [s + 1 for s in r])))
    return out


def _subtree(m: int) -> set[tuple[int, ...]]:
    """Steps inside one child of ``m`` cells, measured from its own highlight."""
    if m == 1:
        return {(0,)}
    out: set[tuple[int, ...]] = set()
    for k in range(1, m):
        for h, r in itertools.product(_subtree(k), _profiles(m - k)):
            out.add(tuple(sorted([s + 1 for s in h] + [s + 1 for s in r])))
    return out


def test_huffman_tree_is_optimal_against_brute_force() -> None:
    rng = random.Random(7)
    for n in range(1, 8):
        shapes = _profiles(n)
        for _ in range(15):
            w = [rng.random() ** 3 + 1e-3 for _ in range(n)]
            best = min(
                sum(a * b for a, b in zip(sorted(w, reverse=True), s, strict=True)) for s in shapes
            )
            got = sum(w) * huffman.expected_steps(huffman.scan_tree(w), w)
            assert got <= best + 1e-9, (n, w)


@settings(max_examples=100, deadline=None)
@given(w=st.lists(st.integers(1, 64), min_size=1, max_size=40))
def test_huffman_more_used_never_needs_more_steps_ties_keep_reading_order(w: list[int]) -> None:
    steps = huffman.item_steps(huffman.scan_tree([float(x) for x in w]))
    assert sorted(steps) == list(range(len(w)))
    for i, j in itertools.combinations(range(len(w)), 2):
        if w[i] >= w[j]:
            assert steps[i] <= steps[j]


@settings(max_examples=60, deadline=None)
@given(page=pages(), weights=usage, data=st.data())
def test_huffman_plan_only_changes_when_a_count_doubles(
    page: Page, weights: dict[int, int], data: st.DataObject
) -> None:
    """Stability: the plan is a function of the quantised weights, nothing finer.

    Pages of at most ``SMALL_PAGE_CELLS`` cells use exact counts on purpose
    (see the small-page test below).
    """
    assume(len(page.filled()) > huffman.SMALL_PAGE_CELLS)
    nudged = dict(weights)
    for cell in page.filled():
        count = weights.get(cell, 0)
        bucket = math.floor(math.log2(count + 1) + 1e-9)
        top = 2 ** (bucket + 1) - 1 - 1  # the largest count still in the same bucket
        nudged[cell] = data.draw(st.integers(count, max(count, top)))
    assert build_plan(page, ScanPattern.HUFFMAN, nudged) == build_plan(
        page, ScanPattern.HUFFMAN, weights
    )


def test_huffman_stabilises_as_history_grows() -> None:
    """Over a growing history, plan changes are bounded by the doublings of the counts."""
    page = Page("p", "P", 4, 8, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(32)))
    zipf = [1 / (i + 1) for i in range(32)]
    rng = random.Random(3)
    counts: dict[int, int] = {}
    previous: ScanPlan | None = None
    changes_by_block = [0] * 4  # uses 1-250, 251-500, 501-750, 751-1000
    for use in range(1000):
        cell = rng.choices(range(32), zipf)[0]
        counts[cell] = counts.get(cell, 0) + 1
        plan = build_plan(page, ScanPattern.HUFFMAN, counts)
        if previous is not None and plan != previous:
            changes_by_block[use // 250] += 1
        previous = plan
    doublings = sum(math.floor(math.log2(c + 1)) for c in counts.values())
    assert sum(changes_by_block) <= doublings
    # adaptation slows down: the last quarter moves cells far less than the first
    assert changes_by_block[3] * 3 <= changes_by_block[0]


def test_huffman_gets_close_to_the_entropy_bound_on_zipf_usage() -> None:
    page = Page("p", "P", 4, 8, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(32)))
    usage_counts = {i: round(1000 / (i + 1)) for i in range(32)}
    total = sum(usage_counts.values())
    entropy = -sum(c / total * math.log2(c / total) for c in usage_counts.values())
    huff = build_plan(page, ScanPattern.HUFFMAN, usage_counts).expected_steps(usage_counts)
    linear = build_plan(page, ScanPattern.LINEAR).expected_steps(usage_counts)
    assert huff <= 1.05 * entropy
    assert linear / huff >= 1.8


def test_huffman_never_loses_to_linear_on_a_small_page_of_phrases() -> None:
    """5 phrases said 3, 2, 1, 1, 1 times: rounding 3 and 2 uses into one bucket
    used to give a 2.5-step tree where reading order needs 2.375."""
    page = Page("p", "P", 1, 5, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(5)))
    counts = {0: 3, 1: 2, 2: 1, 3: 1, 4: 1}
    huff = build_plan(page, ScanPattern.HUFFMAN, counts).expected_steps(counts)
    linear = build_plan(page, ScanPattern.LINEAR).expected_steps(counts)
    assert huff <= linear
    assert huff == 19 / 8


@settings(max_examples=80, deadline=None)
@given(
    counts=st.lists(st.integers(1, 40), min_size=2, max_size=huffman.SMALL_PAGE_CELLS),
)
def test_huffman_on_small_pages_is_optimal_for_the_smoothed_counts(counts: list[int]) -> None:
    """No scan order of a small page (linear in any order included) needs fewer steps."""
    n = len(counts)
    page = Page("p", "P", 1, n, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(n)))
    usage = dict(enumerate(counts))
    smoothed = {i: c + huffman.PRIOR_COUNT for i, c in usage.items()}
    huff = build_plan(page, ScanPattern.HUFFMAN, usage).expected_steps(smoothed)
    best_linear = sum(
        k * w for k, w in enumerate(sorted(smoothed.values(), reverse=True), start=1)
    ) / sum(smoothed.values())
    assert huff <= best_linear + 1e-9
