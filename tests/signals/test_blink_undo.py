"""A blink user can cancel a wrong selection by blinking again, as a key user can by pressing.

The undo window was a fixed 1 s from the selection, while the blink switch
ignores every closure that starts within its refractory time (1 s) of the
eyes reopening: with the defaults a second blink could never come inside the
window, and came instead as a selection of the next cycle's first cell.
The window for a selection made by a blink is now at least the switch's hold
plus its refractory time plus ``UNDO_MARGIN_S``.
"""

from __future__ import annotations

from commboard.board.model import Action, Cell, Page
from commboard.effects import Activate, Effect, Undo
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import BlinkSettings, ScanPattern, ScanSettings
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedSamples

PAGE = Page("p", "Page", 1, 4, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(4)))
SCAN = ScanSettings(pattern=ScanPattern.LINEAR, first_extra_s=0.0)  # undo window 1 s


def run(script: ScriptedSamples, blink: BlinkSettings) -> list[Effect]:
    scanner = Scanner(SCAN)
    scanner.load(build_plan(PAGE, ScanPattern.LINEAR), 0.0)
    switch = BlinkSwitch(blink)
    effects: list[Effect] = []
    for sample in script.samples():
        effects += scanner.tick(sample.t)
        for out in switch.update(sample):
            if isinstance(out, SwitchDown | SwitchUp):
                effects += scanner.handle(out, sample.t)
    return effects


def test_a_second_blink_just_after_the_refractory_time_cancels_the_selection() -> None:
    # Cell 1 is lit during [1, 2): a long blink at 1.2 selects it at 1.7, the eyes open
    # at 1.9; the patient sees the wrong cell and blinks again as soon as the switch
    # listens (refractory 1 s from the reopening).
    script = ScriptedSamples().open(1.2).closed(0.7).open(1.15).closed(0.7).open(1.0)
    effects = run(script, BlinkSettings(adaptive_hold=False))
    assert [e.cell for e in effects if isinstance(e, Activate)] == [1]  # nothing else chosen
    assert [e for e in effects if isinstance(e, Undo)]


def test_the_window_follows_the_patients_own_refractory_time() -> None:
    # With a 2 s refractory time the second blink starts 2.1 s after the reopening.
    script = ScriptedSamples().open(1.2).closed(0.7).open(2.15).closed(0.7).open(1.0)
    effects = run(script, BlinkSettings(adaptive_hold=False, refractory_s=2.0))
    assert [e.cell for e in effects if isinstance(e, Activate)] == [1]
    assert [e for e in effects if isinstance(e, Undo)]


def test_a_key_selection_keeps_the_set_window_so_key_users_are_not_slowed() -> None:
    scanner = Scanner(SCAN)
    scanner.load(build_plan(PAGE, ScanPattern.LINEAR), 0.0)
    scanner.handle(SwitchDown(1.2, Switch.SELECT, Source.KEYBOARD), 1.2)
    effects = scanner.tick(1.5)
    effects += scanner.handle(SwitchUp(1.6, Switch.SELECT, Source.KEYBOARD), 1.6)
    assert [e.cell for e in effects if isinstance(e, Activate)] == [1]
    effects = scanner.handle(SwitchDown(2.6, Switch.SELECT, Source.KEYBOARD), 2.6)
    effects += scanner.tick(3.0)
    assert not [e for e in effects if isinstance(e, Undo)]  # 1.1 s after: outside the 1 s
