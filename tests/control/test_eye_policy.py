"""The eye policy: samples and camera states in, switch events, requests and effects out."""

from __future__ import annotations

from dataclasses import replace

from commboard.control.eye_policy import (
    FACE_BANNER,
    REST_BANNER,
    DetectorOutput,
    EyeContext,
    EyeOutput,
    EyePolicy,
    UndoSelection,
)
from commboard.effects import Banner, HideBanner, Log, Notice, PauseReason, ShowBanner
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings
from commboard.signals.blink_switch import BlinkSwitch, RestRequest
from commboard.testing import ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

PAUSE = EyeContext(face_pause=True)
KEEP = EyeContext(face_pause=False)


def run(
    policy: EyePolicy, samples: list[EyeSample], detectors: list[BlinkSwitch], ctx: EyeContext
) -> list[EyeOutput]:
    out: list[EyeOutput] = []
    for sample in samples:
        out += policy.sample(sample, detectors, ctx)
    return out


def camera_on(policy: EyePolicy, t: float = 0.0) -> list[EyeOutput]:
    return policy.camera(CameraStatus(t, CameraState.OK, "Camera working"), [], PAUSE)


def logs(out: list[EyeOutput], kind: str) -> list[dict[str, object]]:
    return [dict(o.fields, t=o.t) for o in out if isinstance(o, Log) and o.type == kind]


class Gaze:
    """A second eye detector: presses SELECT whenever the sample looks left."""

    def update(self, sample: EyeSample) -> list[DetectorOutput]:
        if sample.iris_left is not None and sample.iris_left[0] < -0.5:
            return [SwitchDown(sample.t, Switch.SELECT, Source.GAZE)]
        return []


def test_a_face_missing_for_a_second_is_lost_and_pauses_when_set_to() -> None:
    policy = EyePolicy()
    camera_on(policy)
    out = run(policy, ScriptedSamples().open(1.0).no_face(1.2).samples(), [], PAUSE)
    (lost,) = logs(out, "face")
    assert lost["found"] is False and lost["paused"] is True
    assert lost["t"] >= 2.0  # missing from 1.0, lost a second later
    assert ShowBanner(lost["t"], Banner("face", FACE_BANNER + " - scanning paused")) in out  # type: ignore[arg-type]
    assert policy.wanted_pause(PAUSE) is PauseReason.FACE_LOST
    assert policy.wanted_pause(KEEP) is None  # face_lost = keep: banner only
    back = run(policy, ScriptedSamples(start_t=2.5).open(0.1).samples(), [], PAUSE)
    assert logs(back, "face")[0]["found"] is True and HideBanner(2.5, "face") in back
    assert policy.wanted_pause(PAUSE) is None


def test_a_lost_face_counts_only_while_the_camera_works() -> None:
    policy = EyePolicy()  # still starting: no frames worth judging
    out = run(policy, ScriptedSamples().no_face(3.0).samples(), [], PAUSE)
    assert logs(out, "face") == [] and policy.wanted_pause(PAUSE) is None


def test_rest_cancels_the_closures_selection_and_pauses_until_wake() -> None:
    policy, blink = EyePolicy(), BlinkSwitch(BlinkSettings())
    camera_on(policy)
    out = run(policy, ScriptedSamples().open(1.0).closed(3.5).open(1.0).samples(), [blink], PAUSE)
    undo = [o for o in out if isinstance(o, UndoSelection)]
    (rest,) = logs(out, "rest")
    assert len(undo) == 1 and rest["undone"] is True
    assert out.index(undo[0]) < out.index(
        ShowBanner(undo[0].t, Banner("rest", REST_BANNER, "info"))
    )
    assert policy.resting and policy.wanted_pause(PAUSE) is PauseReason.RESTING
    assert policy.wanted_pause(replace(PAUSE, recording=True)) is None  # calibration records
    wake = ScriptedSamples(start_t=5.5).closed(1.0).open(0.5).closed(1.0).open(1.0).samples()
    out = run(policy, wake, [blink], PAUSE)
    assert [r["event"] for r in logs(out, "rest")] == ["wake"]
    assert any(isinstance(o, HideBanner) and o.key == "rest" for o in out)
    assert not policy.resting and policy.wanted_pause(PAUSE) is None


class Asks:
    """A detector that asks for rest on the first sample it reads."""

    def __init__(self) -> None:
        self.asked = False

    def update(self, sample: EyeSample) -> list[DetectorOutput]:
        if self.asked:
            return []
        self.asked = True
        return [RestRequest(sample.t, cancels_selection=False)]


def test_a_rest_request_without_a_selection_undoes_nothing() -> None:
    policy = EyePolicy()
    out = policy.sample(EyeSample(4.0, face_found=True), [Asks()], PAUSE)
    assert not any(isinstance(o, UndoSelection) for o in out)
    assert logs(out, "rest") == [{"event": "rest", "undone": False, "t": 4.0}]


def test_under_a_screen_that_ignores_switches_the_detectors_see_the_face_go_once() -> None:
    policy, blink = EyePolicy(), BlinkSwitch(BlinkSettings())
    camera_on(policy)
    run(policy, ScriptedSamples().open(1.0).samples(), [blink], PAUSE)
    deaf = replace(PAUSE, listening=False)
    # Eyes closed for 4 s under the carer menu: no press, no rest request.
    out = run(policy, ScriptedSamples(start_t=1.0).closed(4.0).samples(), [blink], deaf)
    assert not any(isinstance(o, SwitchDown | UndoSelection) for o in out)
    assert not policy.resting
    assert [r["event"] for r in logs(out, "blink")] == ["face_lost"]  # the one blank sample


def test_every_active_detector_reads_the_sample_and_its_presses_come_back() -> None:
    policy, blink = EyePolicy(), BlinkSwitch(BlinkSettings())
    camera_on(policy)
    glance = ScriptedSamples().open(0.5).open(0.1, iris_left=(-0.8, 0.0)).samples()
    out = run(policy, glance, [blink, Gaze()], PAUSE)  # type: ignore[list-item]
    presses = [o for o in out if isinstance(o, SwitchDown)]
    assert presses and {p.source for p in presses} == {Source.GAZE}


def test_camera_changes_are_logged_and_shown_and_a_lost_camera_lets_go_of_the_switch() -> None:
    policy, blink = EyePolicy(), BlinkSwitch(BlinkSettings())
    camera_on(policy)
    run(policy, ScriptedSamples().open(1.0).closed(0.8).samples(), [blink], PAUSE)  # held down
    lost = CameraStatus(1.8, CameraState.LOST, "Camera lost")
    out = policy.camera(lost, [blink], PAUSE)
    assert logs(out, "camera") == [{"state": "lost", "message": "Camera lost", "t": 1.8}]
    assert [o for o in out if isinstance(o, SwitchUp)]  # released, not stuck down
    assert ShowBanner(1.8, Banner("camera", "Camera lost")) in out
    back = policy.camera(CameraStatus(3.0, CameraState.OK, "ok"), [blink], PAUSE)
    assert HideBanner(3.0, "camera") in back
    assert Notice(3.0, "Camera working again - blink switch on") in back


def test_no_camera_chosen_by_the_carer_shows_no_note() -> None:
    none = CameraStatus(0.0, CameraState.NONE, "No camera")
    assert not any(
        isinstance(o, ShowBanner) for o in EyePolicy(chosen_none=True).camera(none, [], PAUSE)
    )
    shown = [o for o in EyePolicy().camera(none, [], PAUSE) if isinstance(o, ShowBanner)]
    assert shown and shown[0].for_s is not None  # timed: the status line keeps saying it
