"""Looks as switches driving the real Scanner: a held look selects (or moves on), a glance does nothing."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell, Page
from commboard.effects import Activate, Cue, Effect, Log
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import (
    BlinkSettings,
    GazeSettings,
    GazeSwitches,
    ScanMode,
    ScanPattern,
    ScanSettings,
)
from commboard.signals.gaze_rest import LEARN_S
from commboard.signals.gaze_switch import GazeSwitch
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
PATIENT_LEFT = 0.3  # image right: the patient's left on a camera that does not mirror
PATIENT_RIGHT = -0.3


def run(
    script: ScriptedSamples, gaze: GazeSettings, scan: ScanSettings = SCAN
) -> tuple[list[tuple[float, int]], list[Log]]:
    """(time, cell) for each Activate of a 1 x 4 page (cell 3 the alarm), and the gaze logs."""
    cells = tuple(
        Cell(
            f"c{i}",
            Action.ALARM if i == ALARM else Action.SPEAK,
            hold_s=2.0 if i == ALARM else None,
        )
        for i in range(4)
    )
    scanner = Scanner(scan, lambda i: cells[i].hold_s)
    scanner.load(build_plan(Page("p", "Page", 1, 4, cells), ScanPattern.LINEAR), 0.0)
    looks = GazeSwitch(gaze, BlinkSettings())
    chosen: list[tuple[float, int]] = []
    logs: list[Log] = []
    beeps: list[Cue] = []
    for sample in script.samples():
        effects: list[Effect] = scanner.tick(sample.t)
        for out in looks.update(sample):
            if isinstance(out, SwitchDown | SwitchUp):
                assert out.source is Source.GAZE
                effects += scanner.handle(out, sample.t)
            elif isinstance(out, Log):
                logs.append(out)
            else:
                beeps.append(out)
        chosen += [(sample.t, e.cell) for e in effects if isinstance(e, Activate)]
    accepted = [log for log in logs if log.fields["event"] == "look"]
    assert [b.t for b in beeps] == [log.t for log in accepted] and all(b.beep for b in beeps)
    return chosen, logs


def test_a_held_look_left_selects_the_highlighted_cell_when_the_look_is_accepted() -> None:
    # Rest is learned over the first 1.5 s (cell 1 is lit during [1, 2), cell 2 during [2, 3)).
    script = ScriptedSamples().looking(2.1).looking(0.7, PATIENT_LEFT).looking(1.0)
    ((when, cell),) = run(script, GazeSettings())[0]
    assert cell == 2
    assert 2.1 + 0.5 - 1e-6 <= when <= 2.1 + 0.5 + 2 / 30


def test_glances_and_looks_that_are_not_mapped_select_nothing_but_are_logged() -> None:
    script = ScriptedSamples().looking(LEARN_S + 0.5)
    script.looking(0.2, PATIENT_LEFT).looking(1.0).looking(0.8, 0.0, -0.3).looking(1.0)
    chosen, logs = run(script, GazeSettings())  # up is not a switch in two-switch mode
    assert chosen == []
    events = [(log.fields["event"], log.fields["direction"]) for log in logs]
    assert events == [("ignored", "left"), ("look", "up")]
    assert logs[0].fields["reason"] == "glance"


def test_with_any_select_a_look_either_way_selects_and_the_right_look_steps_in_two_switch_mode() -> (
    None
):
    script = ScriptedSamples().looking(2.1).looking(0.7, PATIENT_RIGHT).looking(1.0)
    any_select = GazeSettings(switches=GazeSwitches.ANY_SELECT)
    assert [cell for _, cell in run(script, any_select)[0]] == [2]
    step = replace(SCAN, mode=ScanMode.STEP)
    # Step scanning: two looks right move the highlight twice, a look left selects.
    script = ScriptedSamples().looking(2.0)
    for direction in (PATIENT_RIGHT, PATIENT_RIGHT, PATIENT_LEFT):
        script.looking(0.7, direction).looking(0.8)
    assert [cell for _, cell in run(script, GazeSettings(), step)[0]] == [2]


def test_the_alarm_cell_needs_the_look_held_for_its_longer_hold() -> None:
    # Cell 3 (alarm, 2 s hold) is lit during [3, 4).
    short = ScriptedSamples().looking(3.1).looking(0.8, PATIENT_LEFT).looking(2.0)
    assert run(short, GazeSettings())[0] == []
    held = ScriptedSamples().looking(3.1).looking(2.3, PATIENT_LEFT).looking(1.0)
    assert [cell for _, cell in run(held, GazeSettings())[0]] == [ALARM]


def test_a_face_lost_while_a_look_holds_the_switch_releases_it() -> None:
    looks = GazeSwitch(GazeSettings(), BlinkSettings())
    script = ScriptedSamples().looking(LEARN_S + 0.5).looking(0.7, PATIENT_LEFT).no_face(0.2)
    events = [
        out
        for s in script.samples()
        for out in looks.update(s)
        if isinstance(out, SwitchDown | SwitchUp)
    ]
    assert [type(e) for e in events] == [SwitchDown, SwitchUp]
    assert events[0].name is Switch.SELECT
