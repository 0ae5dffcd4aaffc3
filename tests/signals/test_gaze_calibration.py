"""Gaze calibration: the patient's own range sets the look distances; failed steps say which.

Timelines are a patient following the dots of ``GAZE_PHASES`` (3 s each, from
t = 0): ready, middle, their left, their right, up, down.  On a camera that does
not mirror, the patient's left is the image's right (iris x > 0).
"""

from __future__ import annotations

import pytest

from commboard.control.gaze_calibration_run import GAZE_PHASES, GazeCalibrationRun
from commboard.settings import BlinkSettings, GazeSettings, Settings
from commboard.signals.gaze_calibration import (
    CENTRE_UNSEEN,
    MIN_DISTANCE,
    calibrate_gaze,
    not_seen,
    result_lines,
    unseen,
)
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_switch import tuning
from commboard.testing import ScriptedSamples
from commboard.vision.sample import EyeSample

REST = (0.03, -0.02)  # this patient's eyes do not sit exactly in the middle


def step(start: float, x: float, y: float, late_s: float = 0.5) -> list[EyeSample]:
    """One 3-s step: still at rest for ``late_s`` (finding the dot), then there."""
    s = ScriptedSamples(start_t=start).looking(late_s, *REST).looking(3.0 - late_s, x, y)
    return s.samples()


def patient(
    left: float = 0.24, right: float = 0.2, up: float = 0.14, down: float = 0.2
) -> dict[str, list[EyeSample]]:
    """Samples by step name for a patient who looks ``left``... this far from rest."""
    rx, ry = REST
    return {
        "ready": ScriptedSamples(start_t=0.0).looking(3.0, *REST).samples(),
        "centre": step(3.0, rx, ry),
        "left": step(6.0, rx + left, ry),
        "right": step(9.0, rx - right, ry),
        "up": step(12.0, rx, ry - up),
        "down": step(15.0, rx, ry + down),
    }


def measure(steps: dict[str, list[EyeSample]], gaze: GazeSettings | None = None):  # type: ignore[no-untyped-def]
    looks = {d: steps.get(d.value, []) for d in Direction}
    return calibrate_gaze(steps["centre"], looks, gaze or GazeSettings(), BlinkSettings())


def test_the_distances_are_half_the_patients_own_smaller_range() -> None:
    result = measure(patient(left=0.24, right=0.2, up=0.14))
    assert result.ok, result.problems
    assert result.rest == (REST, REST)
    assert result.ranges[Direction.LEFT] == pytest.approx(0.24)
    assert result.ranges[Direction.RIGHT] == pytest.approx(0.2)
    assert result.settings.distance == pytest.approx(0.1)  # half of the smaller side
    assert result.settings.vertical_distance == pytest.approx(0.07)
    assert result.settings.calibrated and not result.swapped
    assert result_lines(result)[1] == "Look distance: 0.10 sideways, 0.07 up and down"


def test_a_patient_with_small_eye_movements_gets_shorter_distances_never_below_the_floor() -> None:
    small = measure(patient(left=0.14, right=0.13, up=0.08))
    assert small.ok and small.settings.distance == pytest.approx(0.07)
    assert small.settings.distance < GazeSettings().distance  # looks they can make now count
    tiny = measure(patient(left=0.09, right=0.09, up=0.06))
    assert tiny.ok and tiny.settings.distance == MIN_DISTANCE


def test_the_calibrated_distances_make_the_patients_looks_count() -> None:
    """A patient whose full look only reaches 0.14 is not seen with the population default."""
    calibrated = measure(patient(left=0.14, right=0.13, up=0.08)).settings
    rest = REST
    sideways = 0.09  # two thirds of their range: a look they can hold
    looks = ScriptedSamples().looking(2.0, *rest).looking(0.8, rest[0] + sideways, rest[1])
    for gaze, expected in ((GazeSettings(), 0), (calibrated, 1)):
        reader = LookReader(tuning(gaze), BlinkSettings())
        outputs = [o for s in looks.looking(1.0, *rest).samples() for o in reader.update(s)]
        counted = [o for o in outputs if type(o).__name__ == "Look"]
        assert len(counted) == expected, gaze


def test_left_and_right_swapped_flip_the_mirror_setting() -> None:
    steps = patient()
    steps["left"], steps["right"] = (
        step(6.0, REST[0] - 0.2, REST[1]),
        step(9.0, REST[0] + 0.24, REST[1]),
    )
    result = measure(steps)
    assert result.ok and result.swapped
    assert result.settings.mirrored is True
    assert any("swapped" in line for line in result_lines(result))
    assert measure(patient(), GazeSettings(mirrored=True)).settings.mirrored is False


def test_each_failed_step_is_named_and_nothing_is_changed() -> None:
    before = GazeSettings(distance=0.12, calibrated=True)
    no_face = patient()
    no_face["centre"] = ScriptedSamples(start_t=3.0).no_face(3.0).samples()
    assert measure(no_face, before).problems == (CENTRE_UNSEEN,)

    closed = patient()
    closed["up"] = ScriptedSamples(start_t=12.0).closed(3.0).samples()
    result = measure(closed, before)
    assert result.problems == (unseen(Direction.UP),)
    assert result.settings == before

    wrong_way = patient()
    wrong_way["left"] = step(6.0, REST[0], REST[1] - 0.2)  # looked up instead
    assert measure(wrong_way, before).problems == (not_seen(Direction.LEFT),)
    assert not_seen(Direction.LEFT) == "I did not see you look to your left."


def test_a_patient_who_cannot_look_down_still_completes_it() -> None:
    steps = patient()
    steps["down"] = step(15.0, *REST)
    result = measure(steps)
    assert result.ok and Direction.DOWN not in result.ranges
    assert any("down" in note for note in result.notes)


def test_a_glance_at_the_dot_is_not_a_range_the_settled_part_is() -> None:
    """The first second of a step is the patient finding the dot: frames there are not used."""
    steps = patient()
    steps["left"] = step(6.0, REST[0] + 0.24, REST[1], late_s=0.9)
    assert measure(steps).ranges[Direction.LEFT] == pytest.approx(0.24)


def test_the_run_ends_at_the_failed_step_and_says_only_that() -> None:
    run = GazeCalibrationRun(Settings(), start=0.0)
    steps = patient()
    steps["left"] = step(6.0, *REST)  # did not look left
    for name in ("ready", "centre", "left"):
        for s in steps[name]:
            run.add(s)
    assert not run.done(8.9)
    assert run.done(9.6), "the left step's failure ends it half a second after the step"
    assert run.result().problems == (not_seen(Direction.LEFT),)
    assert run.applied(Settings()) is None
    assert "left" in run.failed_words()


def test_the_run_applies_distances_and_keeps_every_other_setting() -> None:
    base = Settings()
    run = GazeCalibrationRun(base, start=0.0)
    for samples in patient().values():
        for s in samples:
            run.add(s)
    assert run.done(18.0) and run.usable()
    applied = run.applied(base)
    assert applied is not None and applied.gaze.calibrated
    assert applied.gaze.distance == pytest.approx(0.1)
    assert applied.blink == base.blink and applied.scan == base.scan
    assert [p.name for p in GAZE_PHASES] == ["ready", "centre", "left", "right", "up", "down"]
    assert GAZE_PHASES[2].target is not None and GAZE_PHASES[2].target[0] < 0.5  # screen left
