"""Dwell selection: large cells or groups on screen, and the ring that fills while the gaze stays.

Pure: gaze points are fed frame by frame at 30 fps.
"""

from __future__ import annotations

import math

import pytest

from commboard.board.model import Action, Cell, Page
from commboard.control.dwell import (
    BACK,
    EXIT_GRACE_S,
    GRACE_S,
    OUTER,
    REARM_S,
    DwellChoice,
    DwellTimer,
    Rect,
    grid_for,
    items_for,
    most_items,
)

FRAME = 1 / 30
LEFT: Rect = (0.0, 0.2, 0.5, 0.8)
RIGHT: Rect = (0.5, 0.2, 0.5, 0.8)
TWO = [(0, LEFT), (1, RIGHT)]


def stare(timer: DwellTimer, start: float, seconds: float, point, rects=TWO, need=None):  # type: ignore[no-untyped-def]
    """Feed ``seconds`` of frames at ``point``; the choices made, in order."""
    out = []
    for i in range(round(seconds / FRAME)):
        chosen = timer.update(start + i * FRAME, point, rects, need or {})
        if chosen is not None:
            out.append(chosen)
    return out


def test_the_ring_fills_in_the_dwell_time_and_chooses_the_cell_looked_at() -> None:
    timer = DwellTimer(1.0)
    [chosen] = stare(timer, 0.0, 1.5, (0.25, 0.5))
    assert chosen.slot == 0 and chosen.held_s == pytest.approx(1.0, abs=FRAME)


def test_looking_away_before_it_fills_empties_the_ring() -> None:
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 0.8, (0.25, 0.5)) == []
    assert timer.progress > 0.7
    assert stare(timer, 0.8, 0.1, (0.75, 0.5)) == []  # a glance at the other cell
    assert timer.slot == 1 and timer.progress < 0.2
    assert stare(timer, 0.9, 0.8, (0.25, 0.5)) == [], "the first cell starts again from empty"


def test_after_a_choice_the_gaze_must_leave_the_cell_before_it_can_choose_again() -> None:
    timer = DwellTimer(1.0)
    assert len(stare(timer, 0.0, 5.0, (0.25, 0.5))) == 1, "a long stare chooses once"
    assert [c.slot for c in stare(timer, 5.0, 0.3, (0.75, 0.5))] == []
    again = stare(timer, 5.3, 1.5, (0.25, 0.5))
    assert [c.slot for c in again] == [0], "re-armed once the gaze left"


def test_a_blink_holds_the_ring_still_and_a_longer_loss_empties_it() -> None:
    timer = DwellTimer(1.0)
    stare(timer, 0.0, 0.6, (0.25, 0.5))
    stare(timer, 0.6, 0.2, None)  # an ordinary blink
    [chosen] = stare(timer, 0.8, 0.6, (0.25, 0.5))
    assert chosen.t == pytest.approx(1.2, abs=2 * FRAME), "the blink's 0.2 s did not count"
    timer = DwellTimer(1.0)
    stare(timer, 0.0, 0.8, (0.25, 0.5))
    stare(timer, 0.8, GRACE_S + 0.2, None)  # eyes closed, face lost...
    assert timer.progress == 0.0
    assert stare(timer, 2.0, 0.5, (0.25, 0.5)) == []


def test_a_brief_wobble_off_the_cell_holds_the_ring_and_a_longer_look_away_empties_it() -> None:
    """A gaze point that flicks off the cell for a moment (jitter, past the grid's edge or
    onto the message bar) holds the ring still; only a sustained look away empties it."""
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 0.6, (0.25, 0.5)) == []
    assert stare(timer, 0.6, 0.15, (0.25, 0.12)) == []  # just above the cell: no cell there
    assert timer.slot == 0 and timer.progress > 0.5, "the ring was not emptied"
    [chosen] = stare(timer, 0.75, 0.6, (0.25, 0.5))
    assert chosen.slot == 0
    assert chosen.t == pytest.approx(1.15, abs=2 * FRAME), "the 0.15 s away did not count"
    timer = DwellTimer(1.0)
    stare(timer, 0.0, 0.6, (0.25, 0.5))
    assert stare(timer, 0.6, 0.6, (0.5, 0.05)) == []  # a look at the message bar
    assert timer.progress == 0.0
    [chosen] = stare(timer, 1.2, 1.5, (0.25, 0.5))
    assert chosen.t == pytest.approx(2.2, abs=2 * FRAME), "the dwell started again from empty"
    assert EXIT_GRACE_S < 0.6


def test_a_glance_at_another_cell_while_reading_empties_the_ring() -> None:
    """Reading: 0.6 s on a cell, a glance at the next one, back for 0.6 s chooses nothing
    (the time on the first cell does not add up across a look at another cell)."""
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 0.6, (0.25, 0.5)) == []
    assert stare(timer, 0.6, 0.2, (0.75, 0.5)) == []
    assert stare(timer, 0.8, 0.6, (0.25, 0.5)) == []
    # Even one frame onto the other cell (not yet well inside it) empties the ring: a point
    # hovering on the line between two cells fills neither, rather than the wrong one.
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 0.6, (0.25, 0.5)) == []
    assert timer.update(0.6, (0.52, 0.5), TWO, {}) is None and timer.progress == 0.0
    assert stare(timer, 0.6 + FRAME, 0.6, (0.25, 0.5)) == []


def test_a_look_at_an_edge_cell_that_lands_just_past_the_screen_side_still_fills_it() -> None:
    """The gaze map's error can put a look at a cell on the grid's left, right or bottom edge
    just past it, where no other cell is: that cell fills (but not above the top row, where
    the message bar is), and it fills once, not again and again while the gaze stays."""
    past = OUTER / 2
    for point, slot in (
        ((-past * 0.5, 0.6), 0),
        ((1 + past * 0.5, 0.6), 1),
        ((0.75, 1 + past * 0.8), 1),
    ):
        timer = DwellTimer(1.0)
        assert [c.slot for c in stare(timer, 0.0, 5.0, point)] == [slot], point
    assert stare(DwellTimer(1.0), 0.0, 3.0, (0.25, 0.2 - past * 0.8)) == [], "above the top row"
    assert stare(DwellTimer(1.0), 0.0, 3.0, (-0.5, 0.6)) == [], "far off the screen"


def test_a_cell_with_its_own_longer_hold_needs_it() -> None:
    """The nurse call's 2 s hold is kept under dwell."""
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 1.5, (0.75, 0.5), need={1: 2.0}) == []
    [chosen] = stare(timer, 1.5, 1.0, (0.75, 0.5), need={1: 2.0})
    assert chosen.slot == 1 and chosen.held_s == pytest.approx(2.0, abs=FRAME)


def test_a_point_off_every_cell_fills_nothing() -> None:
    timer = DwellTimer(0.5)
    assert stare(timer, 0.0, 3.0, (0.5, 0.05)) == []  # the message bar
    assert timer.slot is None and timer.progress == 0.0


def page_of(n: int, rows: int, columns: int) -> Page:
    cells = [Cell(f"c{i}", Action.SPEAK) for i in range(n)]
    return Page("p", "P", rows, columns, tuple(cells + [None] * (rows * columns - n)))


def test_a_small_page_is_shown_as_it_is() -> None:
    page = page_of(6, 2, 3)
    choice = DwellChoice(page)
    assert choice.shown() is page
    assert choice.slot_item(4) is not None and choice.slot_item(4).cell == 4  # type: ignore[union-attr]


@pytest.mark.parametrize("n", [7, 9, 12, 13, 20, 36, 64])
def test_a_large_page_narrows_through_groups_to_every_cell(n: int) -> None:
    """Every cell can be reached; each screen has at most six large cells (Back included)."""
    rows = math.ceil(n / 8)
    page = page_of(n, rows, 8)
    reached = set()

    def walk(choice: DwellChoice, depth: int) -> None:
        shown = choice.shown()
        assert shown.rows * shown.columns <= 6 and max(shown.rows, shown.columns) <= 3
        assert depth < 6
        for slot, item in enumerate(choice.items):
            assert choice.slot_item(slot) == item
            if item.back:
                assert shown.cells[slot] is not None and shown.cells[slot].label == BACK  # type: ignore[union-attr]
            elif item.cell is not None:
                reached.add(item.cell)
            else:
                choice.enter(item.cells)
                assert any(i.back for i in choice.items)
                walk(choice, depth + 1)
                choice.back()

    walk(DwellChoice(page), 0)
    assert reached == set(range(n))


def test_a_group_cell_lists_its_labels_and_back_returns() -> None:
    choice = DwellChoice(page_of(9, 3, 3))
    assert choice.shown().cells[0].label.startswith("c0  ·  c1")  # type: ignore[union-attr]
    first = choice.items[0]
    choice.enter(first.cells)
    assert [i.cell for i in choice.items if not i.back] == list(first.cells)
    choice.back()
    assert choice.items[0] == first


def test_a_patient_who_points_coarsely_gets_fewer_larger_cells() -> None:
    assert most_items([]) == 0, "no usable grid: no dwell"
    assert most_items([(1, 2)]) == 2 and most_items([(1, 2), (2, 2)]) == 4
    assert most_items([(1, 2), (2, 2), (2, 3), (3, 3)]) == 6
    choice = DwellChoice(page_of(6, 2, 3), most=4)
    assert choice.shown().rows * choice.shown().columns <= 4
    assert len(items_for(list(range(6)), top=True, most=4)) <= 4
    assert grid_for(5) == (2, 3) and grid_for(4) == (2, 2)


def test_a_gaze_resting_between_two_cells_fills_nothing_but_wobble_over_the_edge_does_not_reset() -> (
    None
):
    timer = DwellTimer(1.0)
    assert stare(timer, 0.0, 5.0, (0.49, 0.6)) == []  # the middle of the screen, at the cells' edge
    for i in range(45):  # started well inside, then wobbling across to the cell's edge
        x = 0.25 if i < 5 else (0.47 if i % 2 else 0.3)
        chosen = timer.update(5.0 + i * FRAME, (x, 0.6), TWO, {})
        if chosen is not None:
            assert chosen.slot == 0
            break
    else:
        pytest.fail("the wobble near the edge kept emptying the ring")


@pytest.mark.parametrize("most", [2, 3, 4, 6])
@pytest.mark.parametrize("n", [7, 16, 36])
def test_no_screen_shows_more_large_cells_than_the_patient_can_point_at(most: int, n: int) -> None:
    choice = DwellChoice(page_of(n, math.ceil(n / 6), 6), most=most)
    todo = [choice.items[:]]
    while todo:
        items = todo.pop()
        assert len(items) <= most
        for item in items:
            if not item.back and item.cell is None:
                choice.enter(item.cells)
                todo.append(choice.items[:])
                choice.back()


def test_no_screen_puts_a_cell_where_the_eyes_rest() -> None:
    """The middle of the screen (the calibration's middle dot) falls between cells on every grid."""
    for count in range(1, 7):
        rows, columns = grid_for(count)
        assert rows * columns >= count and (rows % 2 == 0 or columns % 2 == 0), count
    assert not DwellChoice(page_of(3, 1, 3)).as_is, "a 1×3 page is laid out again"
    assert DwellChoice(page_of(3, 1, 3)).shown().rows == 2
    timer = DwellTimer(1.0)
    middle = [(0, (0.3, 0.2, 0.4, 0.7))]  # a cell over the middle (a hand-made screen)
    assert stare(timer, 0.0, 5.0, (0.52, 0.5), rects=middle) == [], "resting eyes choose nothing"
    assert len(stare(timer, 5.0, 1.5, (0.38, 0.32), rects=middle)) == 1


def test_a_new_item_where_the_gaze_stayed_is_free_after_the_rearm_time() -> None:
    timer = DwellTimer(1.0)
    [first] = stare(timer, 0.0, 1.2, (0.25, 0.5))
    timer.reset()
    timer.screen_changed(first.t)  # a group opened: another item now where the gaze is
    [second] = stare(timer, 1.2, 3.0, (0.25, 0.5))
    assert second.t == pytest.approx(first.t + REARM_S + 1.0, abs=3 * FRAME)


def test_a_level_without_back_goes_back_by_itself() -> None:
    """A patient who can point only left or right: no Back cell, the level returns after a while."""
    choice = DwellChoice(page_of(8, 2, 4), most=2)
    assert len(choice.items) == 2 and not any(i.back for i in choice.items)
    choice.enter(choice.items[0].cells)
    assert not any(i.back for i in choice.items) and len(choice.items) == 2
