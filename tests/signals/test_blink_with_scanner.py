"""The blink switch driving the real Scanner: long blinks select the cell the patient meant."""

from __future__ import annotations

from commboard.board.model import Action, Cell, Page
from commboard.effects import Activate, Effect
from commboard.events import SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import BlinkSettings, ScanPattern, ScanSettings
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedSamples

ALARM = 3
SCAN = ScanSettings(
    pattern=ScanPattern.LINEAR,
    interval_s=1.0,
    first_extra_s=0.0,
    passes=10,
    post_select_delay_s=0.5,
    acceptance_s=0.3,
    undo_window_s=0.0,
)


def activations(script: ScriptedSamples, alarm_hold_s: float = 2.0) -> list[tuple[float, int]]:
    """(frame time it happened at, cell) for each Activate: BlinkSwitch into a Scanner.

    The page is 1 x 4, cell 3 the alarm.  The scanner stamps ``Activate`` with
    the moment the hold was due, measured from the back-dated ``SwitchDown``;
    what the patient sees is the frame at which it is emitted.
    """
    cells = tuple(
        Cell(
            f"c{i}",
            Action.ALARM if i == ALARM else Action.SPEAK,
            hold_s=alarm_hold_s if i == ALARM else None,
        )
        for i in range(4)
    )
    page = Page("p", "Page", 1, 4, cells)
    scanner = Scanner(SCAN, lambda i: cells[i].hold_s)
    scanner.load(build_plan(page, ScanPattern.LINEAR), 0.0)
    blink = BlinkSwitch(BlinkSettings(adaptive_hold=False))
    blink.alarm_hold_s = alarm_hold_s  # the profile's scan.alarm_hold_s, as the board gives it
    chosen: list[tuple[float, int]] = []
    for sample in script.samples():
        effects: list[Effect] = scanner.tick(sample.t)
        for out in blink.update(sample):
            if isinstance(out, SwitchDown | SwitchUp):
                effects += scanner.handle(out, sample.t)
        chosen += [(sample.t, e.cell) for e in effects if isinstance(e, Activate)]
    return chosen


def test_a_long_blink_selects_the_highlighted_cell_at_the_hold() -> None:
    # Cell 1 is highlighted during [1, 2): eyes shut at 1.2 for 0.7 s.
    ((when, cell),) = activations(ScriptedSamples().open(1.2).closed(0.7).open(1.0))
    assert cell == 1
    assert 1.2 + 0.5 - 0.05 <= when <= 1.2 + 0.5 + 2 / 30


def test_a_closure_that_began_on_a_cell_selects_it_even_if_the_highlight_moved_meanwhile() -> None:
    # Eyes shut at 1.8 on cell 1; the hold is reached at 2.3, when cell 2 is lit.
    ((when, cell),) = activations(ScriptedSamples().open(1.8).closed(0.8).open(1.0))
    assert cell == 1


def test_ordinary_blinks_select_nothing() -> None:
    script = ScriptedSamples().open(0.5)
    for d in (0.1, 0.2, 0.3, 0.4, 0.25, 0.15, 0.35):
        script.closed(d).open(0.9)
    assert activations(script) == []


def test_the_alarm_cell_needs_its_longer_hold_while_the_eyes_stay_shut() -> None:
    # Cell 3 is lit during [3, 4): a 1 s closure is not enough for the alarm's 2 s...
    assert activations(ScriptedSamples().open(3.1).closed(1.0).open(0.5)) == []
    # ...a 2.2 s one is, and it fires at 2 s from the closure's start.
    ((when, cell),) = activations(ScriptedSamples().open(3.1).closed(2.2).open(0.5))
    assert cell == ALARM and 3.1 + 2.0 - 0.05 <= when <= 3.1 + 2.0 + 2 / 30


def test_a_nurse_call_held_longer_than_the_rest_time_is_not_cut_short_by_rest() -> None:
    # Review12: alarm hold 3.5 s and the 3 s rest (both in range): at 3 s the closure became
    # a rest and released the switch, so a blink could never call the nurse.
    ((_, cell),) = activations(ScriptedSamples().open(3.1).closed(3.8).open(0.5), 3.5)
    assert cell == ALARM
