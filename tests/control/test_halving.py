"""Look to Speak halving: every cell is reached in ceil(log2 n) looks, up goes back, a blink confirms."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from commboard.board.model import Action, Cell, Page
from commboard.control.halving import Chosen, Halving, Narrowed, split
from commboard.control.halving_looks import HalvingLooks
from commboard.effects import Cue
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, GazeSettings
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look_outputs import Look


def choose(h: Halving, target: int) -> Chosen:
    """Look towards the half holding ``target`` until a cell is chosen."""
    while True:
        left, _ = h.halves()
        step = h.keep(left=target in left)
        if isinstance(step, Chosen):
            return step


@given(st.integers(min_value=2, max_value=64))
def test_any_page_reduces_to_the_intended_cell_in_ceil_log2_n_looks(n: int) -> None:
    for target in range(n):
        h = Halving(list(range(n)))
        chosen = choose(h, target)
        assert chosen.cell == target and chosen.confirmed
        assert chosen.looks <= math.ceil(math.log2(n))


def test_the_halves_keep_the_pages_reading_order() -> None:
    h = Halving([3, 5, 8, 9, 12])
    assert h.halves() == ((3, 5, 8), (9, 12))
    assert h.keep(left=False) == Narrowed((9,), (12,))


def test_a_look_up_goes_back_one_step_and_at_the_start_stays_there() -> None:
    h = Halving(list(range(8)))
    h.keep(left=True)
    h.keep(left=False)
    assert h.in_play == (2, 3)
    assert h.back() == Narrowed((0, 1), (2, 3))
    assert h.back() == Narrowed((0, 1, 2, 3), (4, 5, 6, 7))
    assert h.back() == Narrowed((0, 1, 2, 3), (4, 5, 6, 7))


def test_with_confirmation_the_last_cell_waits_for_a_long_blink_and_a_look_away_cancels_it() -> (
    None
):
    h = Halving([0, 1], confirm=True)
    waiting = h.keep(left=True)
    assert waiting == Chosen(0, 1, confirmed=False)
    assert h.keep(left=False) == Narrowed((0,), (1,))  # looked away: back to the two
    assert h.blink() is None
    assert h.keep(left=False) == Chosen(1, 3, confirmed=False)
    assert h.blink() == Chosen(1, 3, confirmed=True)


def test_likely_cells_take_fewer_looks_when_the_halves_are_balanced_by_likelihood() -> None:
    cells = list(range(26))
    weights = {c: 1.0 / (c + 1) for c in cells}  # the first letters far more likely
    total = sum(weights.values())

    def expected_looks(use_weights: bool) -> float:
        looks = 0.0
        for target in cells:
            h = Halving(cells, weights if use_weights else None)
            looks += weights[target] / total * choose(h, target).looks
        return looks

    assert expected_looks(True) < expected_looks(False)
    entropy = -sum(w / total * math.log2(w / total) for w in weights.values())
    assert expected_looks(True) <= entropy + 1.0  # close to the bound, as Huffman is


def test_a_split_by_weight_keeps_a_cell_on_each_side() -> None:
    assert split([1, 2, 3], {1: 100.0, 2: 0.0, 3: 0.0})[0] == 1
    assert split([1, 2, 3], {1: 0.0, 2: 0.0, 3: 100.0})[0] == 2


def test_spoken_halves_read_each_half_after_a_look_when_the_setting_is_on() -> None:
    page = Page(
        "p", "P", 2, 2, tuple(Cell(x, Action.SPEAK) for x in ("Yes", "No", "Pain", "Thanks"))
    )
    quiet, spoken = (
        HalvingLooks(GazeSettings(), BlinkSettings()),
        HalvingLooks(GazeSettings(speak_halves=True, confirm=True), BlinkSettings()),
    )
    for looks in (quiet, spoken):
        looks.show(page)
    left = Look(1.0, Direction.LEFT, 0.5, 0.5, 3.0)
    assert not [o for o in quiet._look(left) if isinstance(o, Cue)]
    [said] = [o for o in spoken._look(left) if isinstance(o, Cue)]
    assert said.text == "Left: Yes. Right: No."
    [waiting] = [
        o for o in spoken._look(Look(2.0, Direction.RIGHT, 0.5, 1.5, 3.0)) if isinstance(o, Cue)
    ]
    assert waiting.text == "No. A long blink chooses it."


def test_on_the_board_a_long_blink_confirms_the_waiting_cell_and_is_otherwise_not_a_press() -> None:
    page = Page("p", "P", 1, 2, (Cell("Yes", Action.SPEAK), Cell("No", Action.SPEAK)))
    looks = HalvingLooks(GazeSettings(confirm=True), BlinkSettings())
    looks.show(page)
    blink = [
        SwitchDown(3.0, Switch.SELECT, Source.BLINK),
        SwitchUp(3.5, Switch.SELECT, Source.BLINK),
    ]
    key = SwitchDown(3.0, Switch.SELECT, Source.KEYBOARD)
    assert looks.take_switches([*blink, key]) == [key]  # nothing waits: the blink does nothing
    looks._look(Look(2.0, Direction.RIGHT, 0.5, 1.5, 3.0))  # "No" is left, waiting
    confirmed = looks.take_switches(blink)
    assert [o for o in confirmed if isinstance(o, CellPointed)] == [
        CellPointed(3.0, 1, Source.GAZE)
    ]


def test_on_a_predicting_page_the_halves_follow_the_likelihoods_until_the_first_look() -> None:
    letters = tuple(Cell(x, Action.ADD) for x in "ETAOINSH")
    page = Page("spell", "Spell", 2, 4, letters)
    looks = HalvingLooks(GazeSettings(), BlinkSettings())
    looks.show(page)
    assert looks.halving is not None and looks.halving.halves() == ((0, 1, 2, 3), (4, 5, 6, 7))
    likely_h = {i: (0.9 if i == 7 else 0.1 / 7) for i in range(8)}  # "H" is all but certain
    looks.show(page, likely_h)
    assert looks.halving.halves() == ((0, 1, 2, 3, 4, 5, 6), (7,))  # one look reaches it
    looks._look(Look(1.0, Direction.LEFT, 0.5, 0.5, 3.0))
    looks.show(page, {i: 1 / 8 for i in range(8)})  # mid-choice: the halves stay put
    assert looks.halving.in_play == (0, 1, 2, 3, 4, 5, 6)
