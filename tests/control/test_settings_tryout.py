"""The settings try-out scans a sample page with the edited settings and says what happened."""

from __future__ import annotations

from dataclasses import replace

from commboard.control.settings_tryout import WAITING_RESULT, TryOut, tryout_title
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import ScanMode, ScanSettings, ScanStart


def test_the_patients_switch_drives_it_and_a_stop_says_how_to_start_again() -> None:
    scan = replace(ScanSettings(), interval_s=1.0, passes=1, first_extra_s=0.0)
    tryout = TryOut(scan, 0.0)
    tryout.live = True  # the patient's switch is on it: no demo restarts
    assert tryout.highlighted()
    tryout.tick(30.0)  # nobody pressed: the scanner stops and waits for the switch
    assert tryout.highlighted() == () and tryout.next_deadline() is None
    assert tryout.result == WAITING_RESULT


def test_as_a_demo_it_starts_over_instead_of_waiting() -> None:
    scan = replace(ScanSettings(), interval_s=1.0, passes=1, first_extra_s=0.0)
    tryout = TryOut(scan, 0.0)
    tryout.tick(30.0)
    assert tryout.highlighted() and tryout.next_deadline() is not None


def test_a_selection_is_counted_and_named() -> None:
    scan = replace(ScanSettings(), interval_s=1.0, first_extra_s=0.0, acceptance_s=0.05)
    tryout = TryOut(scan, 0.0)
    tryout.live = True
    for t in (0.1, 0.3):  # the first row, then its first cell
        tryout.handle(SwitchDown(t, Switch.SELECT, Source.KEYBOARD), t)
        tryout.handle(SwitchUp(t + 0.1, Switch.SELECT, Source.KEYBOARD), t + 0.1)
    assert tryout.result == "Selected: Yes (1)" and tryout.selections == 1


def test_its_title_gives_no_time_per_step_in_step_mode() -> None:
    # Review12: with step scanning chosen the try-out said "1.0 s per step" although
    # its highlight moved only on NEXT.
    auto = tryout_title(replace(ScanSettings(), interval_s=1.5))
    assert auto == "Try-out: row-column, 1.5 s per step, hold 0.30 s"
    step = tryout_title(replace(ScanSettings(), interval_s=1.5, mode=ScanMode.STEP))
    assert "per step" not in step and "NEXT moves" in step


def test_with_start_on_switch_the_demo_still_moves_and_the_live_one_says_it_waits() -> None:
    # Review12: with 'Start scanning: switch' the try-out sat blank with nothing said,
    # both as the demo for the eye and after T gave it the patient's switch.
    scan = replace(ScanSettings(), start=ScanStart.SWITCH)
    tryout = TryOut(scan, 0.0)
    tryout.tick(0.1)
    assert tryout.highlighted()  # the demo scans for the eye
    tryout.live = True
    tryout.restart(scan, 1.0)
    assert tryout.highlighted() == () and tryout.result == WAITING_RESULT
