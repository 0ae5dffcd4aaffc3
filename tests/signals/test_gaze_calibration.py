"""Gaze calibration: the patient's own range sets the look distances; failed steps say which.

Timelines are a patient following the dots of ``GAZE_PHASES`` (3 s each, from
t = 0): ready, middle, their left, their right, up, down.  On a camera that does
not mirror, the patient's left is the image's right (iris x > 0).
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from commboard.control.gaze_calibration_run import (
    CHECK_S,
    EDGE,
    GAZE_PHASES,
    GazeCalibrationRun,
)
from commboard.settings import BlinkSettings, GazeSettings, Settings
from commboard.signals.gaze_calibration import (
    CENTRE_UNSEEN,
    MIN_DISTANCE,
    MIN_VERTICAL,
    calibrate_gaze,
    not_seen,
    result_lines,
    unseen,
)
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_map import CHECKS
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
        **checks(left, right, up, down),
    }


def checks(
    left: float, right: float, up: float, down: float, start: float = 18.0
) -> dict[str, list[EyeSample]]:
    """The four check dots, looked at by a patient whose eyes move in proportion to the dot."""
    rx, ry = REST
    out = {}
    for i, phase in enumerate(p for p in GAZE_PHASES if p.name.startswith("check")):
        assert phase.target is not None
        tx, ty = phase.target
        side = (0.5 - tx) / (0.5 - EDGE) * (left if tx < 0.5 else right)
        tilt = (0.5 - ty) / (0.5 - EDGE) * (up if ty < 0.5 else down)
        begin = start + i * CHECK_S
        s = (
            ScriptedSamples(start_t=begin)
            .looking(0.5, *REST)
            .looking(CHECK_S - 0.5, rx + side, ry - tilt)
        )
        out[phase.name] = s.samples()
    return out


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


def test_looks_up_and_down_are_measured_as_the_look_reader_reads_them() -> None:
    # Face Mesh moves the eye corners along with a look up or down: measured from
    # them (the iris position's y, which the gaze map reads) a look up moved only
    # 0.03, "not seen"; the look height against the nose bridge moved 0.18.
    rx, ry = REST
    steps = patient()
    heights = {"ready": 0.0, "centre": 0.0, "left": 0.0, "right": 0.0, "up": -0.18, "down": 0.2}
    for name, height in heights.items():
        start = steps[name][0].t
        ahead = ScriptedSamples(start_t=start).looking(
            0.5 if name != "ready" else 3.0, rx, ry, height_left=0.1, height_right=0.1
        )
        if name != "ready":
            y = {"up": ry - 0.03, "down": ry + 0.2}.get(name, ry)
            x = {"left": rx + 0.24, "right": rx - 0.2}.get(name, rx)
            h = 0.1 + height
            ahead.looking(2.5, x, y, height_left=h, height_right=h)
        steps[name] = ahead.samples()
    result = measure(steps)
    assert result.ok, result.problems
    assert result.ranges[Direction.UP] == pytest.approx(0.18)
    assert result.settings.vertical_distance == pytest.approx(0.09)
    assert result.offsets[Direction.UP][1] == pytest.approx(0.03)  # the map's own measure
    assert result.rest == (REST, REST)


def test_a_patient_whose_looks_up_are_small_is_not_given_a_distance_jitter_reaches() -> None:
    # Half of a look up of 0.1 would be 0.05: below 0.07 Face Mesh's jitter of the
    # look height at rest counted as looks (benchmarks/gaze.py).
    small = measure(patient(up=0.1))
    assert small.ok and small.settings.vertical_distance == MIN_VERTICAL == pytest.approx(0.07)


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
    note = next(note for note in result.notes if "down" in note)
    # Dwell, which the status line also calls CHOOSING BY LOOKS, is not said to do
    # without looks down: the note names the methods that do and sends dwell elsewhere.
    assert "Halving" in note and "looks as switches" in note and "dwell" in note


def test_a_look_down_that_lowers_the_lids_is_measured_and_a_closing_eye_is_not() -> None:
    # Looking down narrows the eye (by a quarter here): by the population's blink scale
    # that is closing, but this patient's eyes are three quarters as open as at the dot
    # in the middle, so the look is read.  Eyes half shut are not.
    def down_with(ear: float) -> list[EyeSample]:
        s = ScriptedSamples(start_t=15.0).looking(0.5, *REST)
        return s.looking(2.5, REST[0], REST[1] + 0.2, ear_left=ear, ear_right=ear).samples()

    lowered = patient()
    lowered["down"] = down_with(0.225)
    result = measure(lowered)
    assert result.ok and result.ranges[Direction.DOWN] == pytest.approx(0.2)
    closing = patient()
    closing["down"] = down_with(0.15)
    assert Direction.DOWN not in measure(closing).ranges


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
    assert not run.done(27.9) and run.done(28.0) and run.usable()
    applied = run.applied(base)
    assert applied is not None and applied.gaze.calibrated
    assert applied.gaze.distance == pytest.approx(0.1)
    assert applied.blink == base.blink and applied.scan == base.scan
    names = [p.name for p in GAZE_PHASES]
    assert names[:6] == ["ready", "centre", "left", "right", "up", "down"]
    assert names[6:] == ["check 1", "check 2", "check 3", "check 4"]
    assert GAZE_PHASES[2].target is not None and GAZE_PHASES[2].target[0] < 0.5  # screen left


def test_the_five_dots_map_the_screen_and_the_check_dots_measure_it() -> None:
    """A patient whose eyes move in proportion to the dot: the map points at the check dots."""
    run = GazeCalibrationRun(Settings(), start=0.0)
    for samples in patient(left=0.24, right=0.2, up=0.14, down=0.2).values():
        for s in samples:
            run.add(s)
    stored, words = run.stored_map()
    assert stored is not None, words
    assert stored.accuracy.median_pct < 1.0  # the check dots are on the map's lines
    assert (2, 3) in stored.accuracy.usable and (3, 3) in stored.accuracy.usable
    assert "Pointing accuracy" in words and "2×3" in words
    assert "Pointing accuracy" in " ".join(run.lines())
    # the middle dot is the middle of the screen; the left dot is at the screen's left
    assert stored.map.point((REST, REST)) == pytest.approx((0.5, 0.5), abs=0.01)
    left = (REST[0] + 0.24, REST[1])
    assert stored.map.point((left, left))[0] == pytest.approx(EDGE, abs=0.02)


def test_a_height_reading_that_rises_towards_the_eye_corners_still_points_at_the_dots() -> None:
    """An iris near an eye corner reads higher (the lids narrow there): the side dots show how much."""

    def cornered(sample: EyeSample) -> EyeSample:
        if sample.iris_left is None:
            return sample
        x, y = sample.iris_left
        y -= 2.5 * (x - REST[0]) ** 2  # higher the nearer a corner: 0.14 at the left dot
        return replace(sample, iris_left=(x, y), iris_right=(x, y))

    run = GazeCalibrationRun(Settings(), start=0.0)
    for samples in patient(left=0.24, right=0.2, up=0.14, down=0.2).values():
        for s in samples:
            run.add(cornered(s))
    stored, words = run.stored_map()
    assert stored is not None, words
    assert stored.accuracy.median_pct < 1.0
    assert (2, 3) in stored.accuracy.usable
    # A look at the left dot points at the left dot's height, the middle of the screen.
    left = cornered(ScriptedSamples().looking(0.1, REST[0] + 0.24, REST[1]).samples()[0])
    assert left.iris_left is not None
    assert stored.map.point((left.iris_left, left.iris_left))[1] == pytest.approx(0.5, abs=0.02)


def test_a_patient_with_noisy_eyes_gets_only_the_large_grids() -> None:
    """Frame-to-frame wobble at the check dots makes the small cells unusable, and says so."""
    run = GazeCalibrationRun(Settings(), start=0.0)
    steps = patient()
    wobble = [0.09, -0.09, 0.07, -0.08, 0.1, -0.1]
    for name, samples in steps.items():
        for i, s in enumerate(samples):
            if name.startswith("check") and s.iris_left is not None:
                x = s.iris_left[0] + wobble[i % len(wobble)]
                s = replace(s, iris_left=(x, s.iris_left[1]), iris_right=(x, s.iris_left[1]))
            run.add(s)
    stored, words = run.stored_map()
    assert stored is not None
    assert (1, 2) in stored.accuracy.usable and (2, 3) not in stored.accuracy.usable
    assert "2×3" not in words


def test_check_dots_not_seen_keep_the_distances_but_make_no_map() -> None:
    run = GazeCalibrationRun(Settings(), start=0.0)
    for name, samples in patient().items():
        if not name.startswith("check"):
            for s in samples:
                run.add(s)
    assert run.usable() and run.applied(Settings()) is not None
    stored, words = run.stored_map()
    assert stored is None and "not measured" in words and "Dwell" in words


def test_the_event_log_record_names_the_distances_and_the_pointing_accuracy() -> None:
    run = GazeCalibrationRun(Settings(), start=0.0)
    for samples in patient().values():
        for s in samples:
            run.add(s)
    record = run.record()
    assert record["distance"] == pytest.approx(0.1) and record["mirrored"] is False
    accuracy = record["accuracy"]
    assert isinstance(accuracy, dict) and "2x3" in accuracy["usable"]  # type: ignore[operator]
    failed = GazeCalibrationRun(Settings(), start=0.0)
    for s in patient()["centre"]:
        failed.add(s)
    assert "problem" in failed.record()


def bent(d: float) -> float:
    """A height reading that shrinks small looks: a look half as far reads a quarter as far."""
    return d * abs(d) / 0.17


def two_measures(sample: EyeSample, corners_bent: bool) -> EyeSample:
    """The sample read both ways: up and down against the eye corners (iris y) and against
    the nose bridge (the look height); one of them follows the look, the other is ``bent``."""
    if sample.iris_left is None:
        return sample
    x, y = sample.iris_left
    d = y - REST[1]
    iris_y = REST[1] + (bent(d) if corners_bent else d)
    height = REST[1] + (d if corners_bent else bent(d))
    return replace(sample, iris_left=(x, iris_y), iris_right=(x, iris_y),
                   height_left=height, height_right=height)  # fmt: skip


@pytest.mark.parametrize("corners_bent", [True, False])
def test_the_map_reads_up_and_down_the_way_that_points_at_the_dots_for_this_patient(
    corners_bent: bool,
) -> None:
    """Against the eye corners small looks up and down shrink for one face, against the
    nose bridge for another: the calibration keeps the measure that points right."""
    run = GazeCalibrationRun(Settings(), start=0.0)
    for samples in patient(left=0.24, right=0.2, up=0.14, down=0.2).values():
        for s in samples:
            run.add(two_measures(s, corners_bent))
    stored, words = run.stored_map()
    assert stored is not None, words
    share = 1.0 if stored.map.heights else stored.map.nose_share
    assert share == (1.0 if corners_bent else 0.0)
    assert stored.accuracy.median_pct < 1.0 and (2, 3) in stored.accuracy.usable
    record = run.record()["accuracy"]
    assert isinstance(record, dict) and record["up_down_from_nose_bridge"] == share
    # halfway to the upper left check dot's height, the map points at that height
    half = two_measures(ScriptedSamples().looking(0.1, REST[0], REST[1] - 0.07).samples()[0],
                        corners_bent)  # fmt: skip
    point = stored.map.sample_point(half)
    assert point is not None and point[1] == pytest.approx(0.5 - 0.5 * (0.5 - EDGE), abs=0.02)


def reading_low(sample: EyeSample, by: float) -> EyeSample:
    """The sample with both measures of up and down reading ``by`` lower (iris y down)."""
    if sample.iris_left is None:
        return sample
    x, y = sample.iris_left
    return replace(sample, iris_left=(x, y + by), iris_right=(x, y + by),
                   height_left=y + by, height_right=y + by)  # fmt: skip


def towards_a_corner(target: tuple[float, float], low: float) -> tuple[float, float]:
    """Where ``patient()``'s eyes go (iris x, y) for a look at ``target``, when a look
    towards a corner reads ``low`` of the screen's height lower than it is."""
    tx, ty = target
    side = (0.5 - tx) / (0.5 - EDGE) * (0.24 if tx < 0.5 else 0.2)
    up = ty < 0.5
    tilt = (ty - 0.5) / (0.5 - EDGE) * (0.14 if up else 0.2)
    slope = (0.5 - EDGE) / (0.14 if up else 0.2)  # screen height per unit of iris y
    return REST[0] + side, REST[1] + tilt + low / slope


def test_looks_towards_the_corners_that_all_read_low_point_at_their_dots() -> None:
    """Every look towards a corner reads 8% of the screen's height lower than it is (as
    on both of our test faces), which the five dots on the axes cannot see: the check
    dots measure it, and the map then points at a corner's dot, measured on dots that
    had no say in it."""
    names = {p.name: p.target for p in GAZE_PHASES if p.name.startswith("check")}
    run = GazeCalibrationRun(Settings(), start=0.0)
    for name, samples in patient(left=0.24, right=0.2, up=0.14, down=0.2).items():
        if name in names:
            target = names[name]
            assert target is not None
            start = samples[0].t
            samples = (
                ScriptedSamples(start_t=start)
                .looking(0.5, *REST)
                .looking(CHECK_S - 0.5, *towards_a_corner(target, 0.08))
                .samples()
            )
        for s in samples:
            run.add(s)
    stored, words = run.stored_map()
    assert stored is not None, words
    assert stored.accuracy.median_y_pct is not None and stored.accuracy.median_y_pct < 1.0
    assert (2, 3) in stored.accuracy.usable and (3, 3) in stored.accuracy.usable
    # a look at each check dot, reading low as these looks do, lands on it
    for target in CHECKS:
        look = ScriptedSamples().looking(0.1, *towards_a_corner(target, 0.08)).samples()[0]
        point = stored.map.sample_point(look)
        assert point is not None and point == pytest.approx(target, abs=0.01)
    # looks along the axes are not moved: the middle and the left dot map as they were
    middle = ScriptedSamples().looking(0.1, *REST).samples()[0]
    assert stored.map.sample_point(middle) == pytest.approx((0.5, 0.5), abs=0.01)
    left = ScriptedSamples().looking(0.1, REST[0] + 0.24, REST[1]).samples()[0]
    assert stored.map.sample_point(left) == pytest.approx((EDGE, 0.5), abs=0.02)


def test_the_accuracy_shown_is_measured_at_each_dot_with_a_map_fitted_without_it() -> None:
    """Only the upper left check dot reads low (18% of the height): not a steady
    bias.  Measured with a map fitted without it, that dot shows its whole miss, and
    the other three the part of it that the map took on; fitted on all four and
    measured on them, the map would hide a quarter of it and report a flattering
    number."""
    first = next(p.name for p in GAZE_PHASES if p.name.startswith("check"))
    run = GazeCalibrationRun(Settings(), start=0.0)
    for name, samples in patient(left=0.24, right=0.2, up=0.14, down=0.2).items():
        for s in samples:
            run.add(reading_low(s, 0.06 if name == first else 0.0))
    stored, words = run.stored_map()
    assert stored is not None, words
    # held out, the three others are 5-6% of the height off (the map took on 18 / 3; fitted
    # on all four and measured on them, about 4%), the odd dot 18%
    assert stored.accuracy.median_y_pct is not None and stored.accuracy.median_y_pct > 4.8
    assert stored.accuracy.p90_pct > 9.0
    assert (3, 3) not in stored.accuracy.usable and "3×3" not in words
    settled_frames = round((CHECK_S - 1.0) * 30)  # ScriptedSamples film at 30 fps
    assert stored.accuracy.frames >= 4 * settled_frames - 4  # all four dots measured it


def test_every_check_dot_measures_the_accuracy() -> None:
    """Each measured with a map chosen and fitted without it: the check is steadier."""
    run = GazeCalibrationRun(Settings(), start=0.0)
    for samples in patient().values():
        for s in samples:
            run.add(s)
    stored, _ = run.stored_map()
    assert stored is not None
    settled_frames = round((CHECK_S - 1.0) * 30)
    assert stored.accuracy.frames >= 4 * settled_frames - 4
