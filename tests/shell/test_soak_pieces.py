"""The soak's pieces, short: the simulated patient, and the soak itself for a few minutes.

The full run (8 simulated hours) is ``benchmarks/soak.py``; here the same
script runs three simulated minutes and every figure it reports is checked.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from commboard.control.decision_confirmation import CONFIRM_PAGE_ID, NO_CELL, YES_CELL
from commboard.testing.patient import DECISION_TEXT, DrowsyEyes, Intentions
from commboard.vision.sample import CameraStatus, EyeSample

SOAK = Path(__file__).resolve().parents[2] / "benchmarks" / "soak.py"


def test_drowsy_eyes_give_every_frame_on_time_with_blinks_and_long_blinks() -> None:
    eyes = DrowsyEyes(seed=3, fps=30.0, start_t=100.0, long_blink_share=0.2)
    items = eyes.drain(100.0 + 600.0)
    assert isinstance(items[0], CameraStatus)
    frames = [i for i in items if isinstance(i, EyeSample)]
    assert len(frames) == 600 * 30 + 1
    assert abs((frames[1].t - frames[0].t) - 1 / 30) < 1e-9
    closed = [f for f in frames if f.face_found and f.ear_left is not None and f.ear_left < 0.2]
    assert 0.02 < len(closed) / len(frames) < 0.3  # blinking, mostly open
    assert eyes.long_blinks > 10  # some blinks long enough to select by themselves
    assert eyes.drain(700.0) == []  # nothing twice


def test_the_patient_presses_when_its_target_is_lit_and_declines_an_unmeant_question() -> None:
    patient = Intentions(seed=1, decision_every=1, notices=1.0)
    patient.next_at = 0.0
    assert not patient.press(1.0, "home", (0, 1, 2, 3), 1)  # "My care" (10) is not lit
    assert patient.press(1.0, "home", (8, 9, 10, 11), 1)  # its row: press
    assert patient.intended and patient.intended[0][1] == DECISION_TEXT
    assert not patient.press(1.5, "home", (10,), 1)  # still pressing
    assert patient.press(3.0, "home", (10,), 1)  # the cell: press
    assert patient.press(5.0, "mycare", (3,), 1)  # "I don't agree"
    assert patient.press(7.0, CONFIRM_PAGE_ID, (YES_CELL,), None)  # meant: Yes
    other = Intentions(seed=1, notices=1.0)
    assert not other.press(1.0, CONFIRM_PAGE_ID, (YES_CELL,), None)  # not meant: never Yes
    assert other.press(2.0, CONFIRM_PAGE_ID, (NO_CELL,), None)  # ...but No
    assert other.answered_no == 1


def test_a_short_soak_reports_every_figure_and_stays_sound(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SOAK), "--hours", "0.05", "--fps", "15"],
        capture_output=True, text=True, check=True, timeout=300,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert report["hours"] >= 0.05
    assert report["crashes"] == 0
    assert report["unintended_decisions"] == 0
    assert report["history_invalid_lines"] == 0 and report["access_log_invalid_lines"] == 0
    assert report["access_log_lines"] > 10
    assert report["frame_ms_p99"]["first_hour"] > 0
    assert {"memory_growth_mb_per_h", "frame_p99_last_over_first"} <= set(report)
