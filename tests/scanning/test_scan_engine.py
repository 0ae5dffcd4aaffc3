"""Scanner timelines on a virtual clock: what the patient sees and when."""

from __future__ import annotations

from dataclasses import replace

import pytest

from commboard.board.model import Action, Cell, Page
from commboard.effects import (
    Activate,
    Cue,
    Effect,
    Highlight,
    Log,
    Notice,
    Paused,
    PauseReason,
    Undo,
)
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import ScanPlan, build_plan
from commboard.settings import Auditory, ScanMode, ScanPattern, ScanSettings, ScanStart

# Round numbers make the expected times readable: steps of 1 s, first item +0.5 s.
BASE = ScanSettings(
    pattern=ScanPattern.ROW_COLUMN,
    interval_s=1.0,
    first_extra_s=0.5,
    passes=2,
    post_select_delay_s=0.5,
    acceptance_s=0.25,
    undo_window_s=1.0,
)


def grid(rows: int = 2, columns: int = 3, alarm: int | None = None) -> Page:
    cells = []
    for i in range(rows * columns):
        action = Action.ALARM if i == alarm else Action.SPEAK
        cells.append(Cell(f"c{i}", action))
    return Page("p", "Page", rows, columns, tuple(cells))


def plan(pattern: ScanPattern = ScanPattern.ROW_COLUMN, page: Page | None = None) -> ScanPlan:
    return build_plan(page or grid(), pattern)


def highlights(effects: list[Effect]) -> list[tuple[float, tuple[int, ...]]]:
    return [(round(e.t, 6), e.cells) for e in effects if isinstance(e, Highlight)]


def of(kind: type, effects: list[Effect]) -> list:
    return [e for e in effects if isinstance(e, kind)]


def press(
    s: Scanner, t: float, held: float, name: Switch = Switch.SELECT, until: float | None = None
) -> list[Effect]:
    """Press at ``t`` for ``held`` seconds, ticking every 10 ms meanwhile; return all effects."""
    out = s.handle(SwitchDown(t, name, Source.SCRIPT), t)
    now = t
    while now + 0.01 < t + held:
        now += 0.01
        out += s.tick(now)
    out += s.handle(SwitchUp(t + held, name, Source.SCRIPT), t + held)
    if until is not None:
        out += s.tick(until)
    return out


def test_row_column_auto_timeline_first_item_gets_extra_time() -> None:
    s = Scanner(BASE)
    out = s.load(plan(), 0.0)
    out += s.tick(10.0)
    # rows at 0, 1.5 (first +0.5), then pass 2 at 2.5, 4.0, then the top-level pause at 5.0
    assert highlights(out) == [
        (0.0, (0, 1, 2)),
        (1.5, (3, 4, 5)),
        (2.5, (0, 1, 2)),
        (4.0, (3, 4, 5)),
        (5.0, ()),
    ]
    assert of(Paused, out) == [Paused(5.0, PauseReason.WAITING)]
    assert s.next_deadline() is None


def test_frame_hitch_lands_on_the_right_highlight_with_exact_times() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    # steps due at 1.5, 2.5, 3.5: a single late tick at 3.75 (a 2.5-step hitch)
    out = s.tick(3.75)
    assert highlights(out) == [(1.5, (1,)), (2.5, (2,)), (3.5, (3,))]
    assert s.highlighted() == (3,)
    assert s.next_deadline() == pytest.approx(4.5)
    logged = [e.fields["cells"] for e in of(Log, out) if e.type == "highlight"]
    assert logged == [[1], [2], [3]]


def test_selecting_row_then_cell_activates_that_cell() -> None:
    s = Scanner(BASE)
    s.load(plan(), 0.0)
    s.tick(1.6)  # row 2 highlighted since 1.5
    out = press(s, 1.7, 0.3)
    # accepted at 1.95 (held 0.25): enter row 2, its first cell for 1.5 s
    assert highlights(out) == [(1.95, (3,))]
    out = s.tick(3.5)
    assert highlights(out) == [(3.45, (4,))]
    out = press(s, 3.6, 0.3)
    assert of(Activate, out) == [Activate(3.85, 4)]
    assert s.highlighted() == (4,)
    # the chosen cell stays lit through the undo window (1 s, longer than the
    # 0.5 s post-selection delay), then a new cycle from the top
    assert highlights(s.tick(4.8)) == []
    assert highlights(s.tick(4.9)) == [(4.85, (0, 1, 2))]


def test_column_row_scans_columns_first() -> None:
    s = Scanner(BASE)
    out = s.load(plan(ScanPattern.COLUMN_ROW), 0.0) + s.tick(3.6)
    assert highlights(out) == [(0.0, (0, 3)), (1.5, (1, 4)), (2.5, (2, 5)), (3.5, (0, 3))]


def test_block_scanning_halves_until_one_cell() -> None:
    page = grid(2, 4)
    s = Scanner(replace(BASE, acceptance_s=0.0))
    s.load(plan(ScanPattern.BLOCK, page), 0.0)
    assert s.highlighted() == (0, 1, 4, 5)  # left half of the 2x4 page
    s.handle(SwitchDown(0.2, Switch.SELECT, Source.SCRIPT), 0.2)
    assert s.highlighted() == (0, 1)  # its top half
    s.handle(SwitchUp(0.3, Switch.SELECT, Source.SCRIPT), 0.3)
    s.tick(1.8)
    assert s.highlighted() == (4, 5)


def test_after_passes_go_up_a_level_then_pause_until_switch() -> None:
    s = Scanner(BASE)
    s.load(plan(), 0.0)
    press(s, 0.2, 0.3)  # enter row 1 at 0.45
    out = s.tick(7.0)
    # row 1 cells: 0.45 (+0.5), 1.95, 2.95; pass 2: 3.95, 5.45, 6.45; back up at 7.45
    assert highlights(out) == [(1.95, (1,)), (2.95, (2,)), (3.95, (0,)), (5.45, (1,)), (6.45, (2,))]
    out = s.tick(20.0)
    assert highlights(out)[0] == (7.45, (0, 1, 2))
    assert any(e.type == "scan" and e.fields == {"event": "back"} for e in of(Log, out))
    assert highlights(out)[-1][1] == ()
    assert s.next_deadline() is None
    # a switch press restarts scanning at the top; it selects nothing
    out = press(s, 30.0, 0.3)
    assert highlights(out) == [(30.25, (0, 1, 2))]
    assert of(Activate, out) == []


def test_a_group_with_its_own_passes_goes_back_up_after_them() -> None:
    # A wrong group entered by a late press is left after one round, not the setting's two.
    rows = build_plan(grid(), ScanPattern.ROW_COLUMN)
    one_pass = ScanPlan(
        replace(rows.root, children=tuple(replace(g, passes=1) for g in rows.root.children))
    )
    s = Scanner(BASE)
    s.load(one_pass, 0.0)
    press(s, 0.2, 0.3)  # enter row 1 at 0.45
    out = s.tick(4.0)
    # row 1 cells: 0.45 (+0.5), 1.95, 2.95; back up at 3.95 (the setting would scan it again)
    assert highlights(out) == [(1.95, (1,)), (2.95, (2,)), (3.95, (0, 1, 2))]
    assert any(e.type == "scan" and e.fields == {"event": "back"} for e in of(Log, out))


def test_a_group_never_gets_more_passes_than_the_setting() -> None:
    rows = build_plan(grid(), ScanPattern.ROW_COLUMN)
    many = ScanPlan(
        replace(rows.root, children=tuple(replace(g, passes=5) for g in rows.root.children))
    )
    s = Scanner(BASE)  # passes=2
    s.load(many, 0.0)
    press(s, 0.2, 0.3)
    out = s.tick(7.5)
    assert highlights(out)[-1] == (7.45, (0, 1, 2))


def test_step_mode_next_moves_select_chooses_nothing_moves_by_itself() -> None:
    s = Scanner(replace(BASE, mode=ScanMode.STEP))
    s.load(plan(ScanPattern.LINEAR), 0.0)
    assert s.highlighted() == (0,)
    assert s.next_deadline() is None
    assert highlights(s.tick(100.0)) == []
    press(s, 100.0, 0.3, Switch.NEXT)
    press(s, 101.0, 0.3, Switch.NEXT)
    assert s.highlighted() == (2,)
    out = press(s, 102.0, 0.3)
    assert of(Activate, out) == [Activate(102.25, 2)]


def test_step_mode_wraps_at_top_level_instead_of_pausing() -> None:
    s = Scanner(replace(BASE, mode=ScanMode.STEP, passes=1))
    s.load(plan(ScanPattern.LINEAR, grid(1, 2)), 0.0)
    press(s, 1.0, 0.3, Switch.NEXT)
    out = press(s, 2.0, 0.3, Switch.NEXT)
    assert highlights(out) == [(2.25, (0,))]


def test_start_on_switch_waits_then_starts_on_first_press() -> None:
    s = Scanner(replace(BASE, start=ScanStart.SWITCH))
    out = s.load(plan(), 0.0)
    assert highlights(out) == [(0.0, ())]
    assert s.next_deadline() is None
    out = press(s, 5.0, 0.3, until=6.8)
    assert highlights(out) == [(5.25, (0, 1, 2)), (6.75, (3, 4, 5))]
    assert of(Activate, out) == []


def test_press_shorter_than_acceptance_is_logged_and_ignored() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    out = press(s, 0.5, 0.1)
    assert of(Activate, out) == []
    (rec,) = [e for e in of(Log, out) if e.type == "switch"]
    assert rec.fields == {
        "source": "script",
        "name": "select",
        "held_s": 0.1,
        "accepted": False,
        "reason": "too short",
        "need_s": 0.25,
    }
    # the highlight stood still while held, then continued: due 1.5 + 0.1
    assert s.next_deadline() == pytest.approx(1.6)


def test_acceptance_is_decided_while_held_and_listed_as_deadline() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.handle(SwitchDown(0.5, Switch.SELECT, Source.KEYBOARD), 0.5)
    assert s.next_deadline() == pytest.approx(0.75)
    assert of(Activate, s.tick(0.74)) == []
    assert of(Activate, s.tick(0.76)) == [Activate(0.75, 0)]
    out = s.handle(SwitchUp(2.0, Switch.SELECT, Source.KEYBOARD), 2.0)
    (rec,) = [e for e in of(Log, out) if e.type == "switch"]
    assert rec.fields["accepted"] is True and rec.fields["held_s"] == 1.5


def test_alarm_cell_needs_its_longer_hold() -> None:
    page = grid(1, 3, alarm=1)

    def hold_for(i: int) -> float | None:
        return 2.0 if page.cells[i] and page.cells[i].action is Action.ALARM else None

    s = Scanner(BASE, hold_for)
    s.load(plan(ScanPattern.LINEAR, page), 0.0)
    s.tick(1.6)  # the alarm cell is highlighted
    out = press(s, 1.7, 1.0)
    assert of(Activate, out) == []
    (rec,) = [e for e in of(Log, out) if e.type == "switch"]
    assert rec.fields["need_s"] == 2.0
    s.tick(2.8)
    assert s.highlighted() == (1,)  # still there: the short press did not advance it
    out = press(s, 2.8, 2.1)
    assert of(Activate, out) == [Activate(4.8, 1)]
    # an ordinary cell still needs only the acceptance time
    s.tick(30.0)
    s2 = Scanner(BASE, hold_for)
    s2.load(plan(ScanPattern.LINEAR, page), 0.0)
    assert of(Activate, press(s2, 0.1, 0.3)) == [Activate(0.35, 0)]


def test_select_within_undo_window_cancels_and_says_so() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    out = press(s, 0.1, 0.3)
    assert of(Activate, out) == [Activate(0.35, 0)]
    # nothing else is offered inside the undo window: the chosen cell stays lit
    assert highlights(s.tick(1.29)) == []
    assert s.highlighted() == (0,)
    out = press(s, 1.3, 0.3)  # down 0.95 s after the activation: inside the 1 s window
    assert of(Undo, out) == [Undo(1.55)]
    assert [n.text for n in of(Notice, out)] == ["Cancelled"]
    assert of(Activate, out) == []
    # one undo per selection: the next press is an ordinary selection again
    assert highlights(s.tick(2.1)) == [(2.05, (0,))]  # 0.5 s after the undo
    out = press(s, 2.2, 0.3)
    assert of(Undo, out) == [] and of(Activate, out) == [Activate(2.45, 0)]


def test_select_after_undo_window_is_a_normal_selection() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    press(s, 0.1, 0.3)  # activated at 0.35
    s.tick(1.4)
    out = press(s, 1.4, 0.3)  # 1.05 s after: outside
    assert of(Undo, out) == []
    assert of(Activate, out) == [Activate(1.65, 0)]


def test_undo_window_zero_means_off() -> None:
    s = Scanner(replace(BASE, undo_window_s=0.0, post_select_delay_s=0.0))
    s.load(plan(ScanPattern.LINEAR), 0.0)
    press(s, 0.1, 0.3)
    out = press(s, 0.5, 0.3)
    assert of(Undo, out) == [] and of(Activate, out) == [Activate(0.75, 0)]


@pytest.mark.parametrize(
    ("mode", "text", "beep"),
    [(Auditory.LABELS, "c0", False), (Auditory.BEEP, "", True), (Auditory.BOTH, "c0", True)],
)
def test_auditory_cues_follow_the_setting(mode: Auditory, text: str, beep: bool) -> None:
    s = Scanner(replace(BASE, auditory=mode))
    out = s.load(plan(ScanPattern.LINEAR), 0.0)
    assert of(Cue, out) == [Cue(0.0, text, beep=beep)]


def test_auditory_off_gives_no_cues_and_groups_are_read_by_label() -> None:
    assert of(Cue, Scanner(BASE).load(plan(), 0.0)) == []
    s = Scanner(replace(BASE, auditory=Auditory.LABELS))
    assert [c.text for c in of(Cue, s.load(plan(), 0.0) + s.tick(1.5))] == ["row 1", "row 2"]


def test_after_a_hitch_only_the_current_item_is_spoken() -> None:
    s = Scanner(replace(BASE, auditory=Auditory.LABELS))
    s.load(plan(ScanPattern.LINEAR), 0.0)
    out = s.tick(3.75)
    assert [c.text for c in of(Cue, out)] == ["c3"]
    assert len(highlights(out)) == 3


def test_pause_freezes_and_ignores_switches_resume_gives_a_full_step() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.tick(1.6)
    out = s.pause(2.0)
    assert s.paused and s.next_deadline() is None
    assert highlights(out) == [] and of(Notice, out) == []  # the pause owner says why
    assert highlights(s.tick(50.0)) == []
    out = press(s, 50.0, 0.5)
    assert of(Activate, out) == []
    (rec,) = [e for e in of(Log, out) if e.type == "switch"]
    assert rec.fields["accepted"] is False and rec.fields["reason"] == "paused"
    out = s.resume(60.0)
    assert highlights(out) == [(60.0, (1,))]
    assert s.next_deadline() == pytest.approx(61.5)
    assert s.resume(61.0) == []


def test_load_while_paused_starts_on_resume() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.pause(0.5)
    s.load(plan(), 1.0)
    assert highlights(s.tick(5.0)) == []
    assert highlights(s.resume(6.0)) == [(6.0, (0, 1, 2))]


def test_set_settings_mid_scan_retimes_the_current_step() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.tick(1.6)  # item 1 shown at 1.5, due 2.5
    s.set_settings(replace(BASE, interval_s=2.0), 1.7)
    assert s.next_deadline() == pytest.approx(3.5)
    out = s.tick(6.0)
    assert highlights(out) == [(3.5, (2,)), (5.5, (3,))]
    # faster than time already spent: the step ends now, not in the past
    s.set_settings(replace(BASE, interval_s=0.2), 6.5)
    assert s.next_deadline() == pytest.approx(6.5)


def test_set_settings_switches_mode_at_once() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.set_settings(replace(BASE, mode=ScanMode.STEP), 0.5)
    assert s.next_deadline() is None
    s.set_settings(BASE, 3.0)
    assert s.next_deadline() == pytest.approx(3.0)


def test_load_during_post_selection_delay_waits_for_it() -> None:
    s = Scanner(BASE)
    s.load(plan(ScanPattern.LINEAR), 0.0)
    press(s, 0.1, 0.3)  # activated at 0.35, quiet (undo window) until 1.35
    out = s.load(plan(), 0.4)
    assert highlights(out) == [(0.4, ())]
    assert highlights(s.tick(1.4)) == [(1.35, (0, 1, 2))]


def test_late_camera_event_selects_what_was_highlighted_at_its_time() -> None:
    s = Scanner(replace(BASE, acceptance_s=0.0))
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.tick(1.52)  # item 1 shown at 1.5
    out = s.handle(SwitchDown(1.45, Switch.SELECT, Source.BLINK), 1.52)
    assert of(Activate, out) == [Activate(1.45, 0)]


def test_second_switch_while_one_is_held_is_ignored() -> None:
    s = Scanner(replace(BASE, mode=ScanMode.STEP))
    s.load(plan(ScanPattern.LINEAR), 0.0)
    s.handle(SwitchDown(1.0, Switch.SELECT, Source.KEYBOARD), 1.0)
    out = s.handle(SwitchDown(1.1, Switch.NEXT, Source.KEYBOARD), 1.1)
    out += s.handle(SwitchUp(1.2, Switch.NEXT, Source.KEYBOARD), 1.2)
    (rec,) = [e for e in of(Log, out) if e.type == "switch"]
    assert rec.fields["reason"] == "another switch is held"
    out = s.tick(1.3)
    assert highlights(out) == []  # NEXT did not move the highlight
    assert of(Activate, out) == [Activate(1.25, 0)]


def test_empty_page_scans_nothing_and_never_fails() -> None:
    page = Page("e", "Empty", 2, 2, (None, None, None, None))
    s = Scanner(BASE)
    out = s.load(build_plan(page, ScanPattern.HUFFMAN), 0.0)
    assert highlights(out) == [(0.0, ())]
    out = press(s, 1.0, 0.5)
    assert of(Activate, out) == []
    assert s.next_deadline() is None


def _chosen_at(
    press_t: float, share: float, mode: ScanMode = ScanMode.AUTO, interval_s: float | None = None
) -> list[int]:
    """Linear scan of three cells (item 0 lit 0-1.5 s, item 1 from 1.5 s); which cell a press chooses."""
    settings = replace(BASE, pattern=ScanPattern.LINEAR, mode=mode)
    if interval_s is not None:
        settings = replace(settings, interval_s=interval_s)
    plan = replace(build_plan(grid(1, 3), ScanPattern.LINEAR), late_press_share=share)
    scanner = Scanner(settings)
    scanner.load(plan, 0.0)
    if mode is ScanMode.STEP:
        scanner.handle(SwitchDown(1.0, Switch.NEXT, Source.KEYBOARD), 1.0)  # item 1 at 1.25
        scanner.handle(SwitchUp(1.3, Switch.NEXT, Source.KEYBOARD), 1.3)
    out = scanner.handle(SwitchDown(press_t, Switch.SELECT, Source.KEYBOARD), press_t)
    out += scanner.handle(SwitchUp(press_t + 0.4, Switch.SELECT, Source.KEYBOARD), press_t + 0.4)
    return [e.cell for e in out if isinstance(e, Activate)]


def test_on_a_likelihood_plan_a_press_just_after_the_highlight_moved_is_for_the_item_before() -> (
    None
):
    # Item 1 is lit at 1.5 s; nobody reacts to it within a quarter interval.
    assert _chosen_at(1.6, share=0.25) == [0]
    assert _chosen_at(1.8, share=0.25) == [1]  # later: the item lit now
    assert _chosen_at(1.6, share=0.0) == [1]  # other plans: the item lit now, as always
    assert _chosen_at(0.1, share=0.25) == [0]  # the first item has nothing before it
    # Step mode moves only when told: a press after NEXT is for the new item.
    assert _chosen_at(1.35, share=0.25, mode=ScanMode.STEP) == [1]


def test_with_a_long_interval_a_press_after_a_normal_reaction_is_for_the_item_lit() -> None:
    """A therapist's 3 s interval for a tired patient: the late-press grace stays 0.25 s."""
    settings = replace(BASE, pattern=ScanPattern.LINEAR, interval_s=3.0)
    scanner = Scanner(settings)
    scanner.load(replace(build_plan(grid(1, 3), ScanPattern.LINEAR), late_press_share=0.25), 0.0)
    moved = scanner.next_deadline()  # item 1 is lit from here
    assert moved is not None
    assert _chosen_at(moved + 0.6, share=0.25, interval_s=3.0) == [1]  # deliberate: the lit item
    assert _chosen_at(moved + 0.2, share=0.25, interval_s=3.0) == [0]  # too fast to be for it


def _after_activation(
    share: float, undo_at: float | None = None, held: float = 0.4
) -> list[Effect]:
    """Linear scan of three cells, item 0 chosen at 0.5 s (activated at 0.75 s, window to 1.75 s).

    Returns the effects after the activation up to 4 s, with an optional second
    press going down at ``undo_at``.
    """
    settings = replace(BASE, pattern=ScanPattern.LINEAR, post_select_delay_s=0.1)
    scanner = Scanner(settings)
    scanner.load(replace(build_plan(grid(1, 3), ScanPattern.LINEAR), late_press_share=share), 0.0)
    out = scanner.handle(SwitchDown(0.5, Switch.SELECT, Source.KEYBOARD), 0.5)
    out += scanner.handle(SwitchUp(0.9, Switch.SELECT, Source.KEYBOARD), 0.9)
    assert [e.cell for e in out if isinstance(e, Activate)] == [0]
    if undo_at is not None:
        out = scanner.handle(SwitchDown(undo_at, Switch.SELECT, Source.KEYBOARD), undo_at)
        out += scanner.handle(SwitchUp(undo_at + held, Switch.SELECT, Source.KEYBOARD), 4.0)
    else:
        out = scanner.tick(4.0)
    return out


def test_on_a_likelihood_plan_the_next_cycle_starts_a_quarter_interval_before_the_undo_window_ends():
    # Window 0.75-1.75 s; interval 1 s: the next cycle is lit from 1.5 s, not 1.75 s.
    assert highlights(_after_activation(0.25))[0] == (1.5, (0,))
    assert highlights(_after_activation(0.0))[0] == (1.75, (0,))  # other plans: after the window


def test_a_press_in_the_overlap_is_still_the_undo_not_a_choice_of_the_first_item():
    out = _after_activation(0.25, undo_at=1.6)
    assert of(Undo, out) and of(Activate, out) == []


def test_an_undo_press_held_when_the_next_cycle_would_start_keeps_the_highlight_back():
    # Down at 1.4 s (held to 1.65 s to count): nothing is lit until the undo is decided,
    # so no highlight flashes up and vanishes under the patient's eyes.
    out = _after_activation(0.25, undo_at=1.4)
    assert of(Undo, out)
    lit = [h for h in highlights(out) if h[1]]
    assert lit and lit[0][0] >= 1.65
    # Let go too soon: the cycle starts when the press would have counted.
    out = _after_activation(0.25, undo_at=1.4, held=0.1)
    assert of(Undo, out) == []
    assert [h for h in highlights(out) if h[1]][0] == (1.65, (0,))
