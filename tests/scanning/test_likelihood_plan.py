"""The Spell page's likelihood scan: a valid plan for every context, never slower than linear."""

from __future__ import annotations

from functools import cache

import pytest

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Layout
from commboard.board.spelling import layout_words, predict_page
from commboard.predict.language_data import read_counts
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import BaseModel, Predictor
from commboard.scanning import huffman
from commboard.scanning.plans import ScanGroup, build_weighted_plan

# Every prefix of a few messages, slips and odd text included.
MESSAGES = sorted(
    {
        m[:k]
        for m in (
            "i want my sister to decide with me not my son",
            "please cxll the nurse",
            "🙂 zzzzqx ",
            "?? what",
        )
        for k in range(len(m) + 1)
    }
)


@cache
def english() -> tuple[Layout, Predictor]:
    layout = load_layout(default_layout_path())
    base = BaseModel(read_counts("en"))
    return layout, Predictor(base, PersonalWords(), layout_words(layout))


def walk(group: ScanGroup, seen: list[int]) -> None:
    for child in group.children:
        if child.is_leaf:
            seen.append(child.cells[0])
        else:
            assert len(child.children) >= 2  # a one-child group would only cost a step
            assert set(child.cells) == {c for g in child.children for c in g.cells}
            walk(child, seen)


@pytest.mark.parametrize("message", MESSAGES)
def test_the_plan_is_valid_and_never_slower_than_linear_on_its_own_weights(message: str) -> None:
    layout, predictor = english()
    prediction = predict_page(layout.page("alphabet"), message, predictor, 6)
    page, weights = prediction.page, prediction.weights
    plan = build_weighted_plan(page, weights)
    seen: list[int] = []
    walk(plan.root, seen)
    assert sorted(seen) == list(page.filled())  # every filled cell exactly once, nothing else
    assert set(weights) == set(page.filled())
    assert sum(weights.values()) == pytest.approx(1.0)
    # Linear scanning in the best order for the same weights: most likely first.
    linear = sorted(weights.values(), reverse=True)
    linear_steps = sum(w * (k + 1) for k, w in enumerate(linear))
    assert plan.expected_steps(weights) <= linear_steps + 1e-9


def test_the_most_likely_cells_are_the_fewest_steps_away() -> None:
    layout, predictor = english()
    prediction = predict_page(layout.page("alphabet"), "i want my sis", predictor, 6)
    steps = build_weighted_plan(prediction.page, prediction.weights).steps()
    sister = prediction.page.cells.index(
        next(c for c in prediction.page.cells if c is not None and c.label == "sister")
    )
    assert steps[sister] == min(steps.values())
    z = next(i for i, c in enumerate(prediction.page.cells) if c is not None and c.label == "Z")
    assert steps[z] > steps[sister] + 3


def test_groups_below_the_top_are_scanned_once_before_going_back_up() -> None:
    # A late or stray press into a wrong group costs one round of it, not three.
    layout, predictor = english()
    prediction = predict_page(layout.page("alphabet"), "i want my s", predictor, 6)
    plan = build_weighted_plan(prediction.page, prediction.weights)
    assert plan.root.passes == 0  # the top level keeps the patient's passes, then pauses
    groups: list[ScanGroup] = []

    def collect(group: ScanGroup) -> None:
        for child in group.children:
            if not child.is_leaf:
                groups.append(child)
                collect(child)

    collect(plan.root)
    assert groups and all(g.passes == 1 for g in groups)


def _longest_level(group: ScanGroup) -> int:
    return max([len(group.children)] + [_longest_level(c) for c in group.children if c.children])


def test_a_missed_press_never_waits_through_a_long_tail_of_unlikely_cells() -> None:
    # The optimal tree put up to 11 items on one level (the likeliest few, then
    # Z, Q, Home, ...): a press missed on the first one waited through all of them.
    layout, predictor = english()
    for message in MESSAGES:
        prediction = predict_page(layout.page("alphabet"), message, predictor, 6)
        plan = build_weighted_plan(prediction.page, prediction.weights)
        assert _longest_level(plan.root) <= 6, message


def test_the_rare_end_of_a_level_is_folded_into_one_group_and_the_likely_cells_stay_put() -> None:
    weights = [0.5, 0.3, 0.1, 0.02, 0.02, 0.02, 0.02, 0.02]
    tree = huffman.fold_tails(list(range(8)), weights, huffman.SLIP_P)
    assert tree == [0, 1, 2, [3, 4, 5, 6, 7]]
    assert huffman.item_steps(tree)[0] == 1 and huffman.item_steps(tree)[2] == 3
    # A level of equally likely cells has no rare end: it is left alone.
    assert huffman.fold_tails(list(range(6)), [1.0] * 6, huffman.SLIP_P) == list(range(6))
