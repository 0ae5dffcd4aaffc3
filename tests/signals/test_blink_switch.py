"""Blink-switch timelines: what a patient's eyes do, and what the board receives."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from commboard.effects import Log
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, Eye
from commboard.signals.blink_switch import BlinkSwitch, RestRequest, WakeRequest
from commboard.testing import ScriptedSamples

FRAME = 1 / 30
BASE = BlinkSettings(adaptive_hold=False)


def run(script: ScriptedSamples, blink: BlinkSettings = BASE) -> list[tuple[float, object]]:
    """Feed every sample; returns (sample time, output) in order."""
    switch = BlinkSwitch(blink)
    return [(s.t, out) for s in script.samples() for out in switch.update(s)]


def downs(outs: list[tuple[float, object]]) -> list[tuple[float, SwitchDown]]:
    return [(t, o) for t, o in outs if isinstance(o, SwitchDown)]


def of_type(outs: list[tuple[float, object]], kind: type) -> list[object]:
    return [o for _, o in outs if isinstance(o, kind)]


def blink_events(outs: list[tuple[float, object]]) -> list[str]:
    return [o.fields["event"] for _, o in outs if isinstance(o, Log) and o.type == "blink"]


def test_a_held_closure_selects_once_at_the_hold_back_dated_to_its_start() -> None:
    outs = run(ScriptedSamples().open(1.0).closed(1.0).open(1.0))
    ((emitted, down),) = downs(outs)
    assert down == SwitchDown(down.t, Switch.SELECT, Source.BLINK, again_after_s=0.5 + 1.0)
    # The lid passed half way between the last open frame (0.967) and the first shut one (1.0).
    assert down.t == pytest.approx(1.0 - FRAME / 2)
    assert down.t + 0.5 <= emitted <= down.t + 0.5 + 2 * FRAME
    (up,) = of_type(outs, SwitchUp)
    assert isinstance(up, SwitchUp) and up.t == pytest.approx(2.0 - FRAME / 2)
    assert blink_events(outs) == ["face_found", "closed", "select", "opened"]


@pytest.mark.parametrize("seconds", [0.1, 0.2, 0.3, 0.4])
def test_spontaneous_blinks_never_select(seconds: float) -> None:
    script = ScriptedSamples().open(1.0)
    for _ in range(20):
        script.closed(seconds).open(2.0)
    outs = run(script)
    assert downs(outs) == []
    assert blink_events(outs).count("opened") == 20  # every blink was seen, none selected


def test_a_closure_just_over_the_hold_selects_and_one_just_under_does_not() -> None:
    hold = replace(BASE, hold_s=0.8)
    assert downs(run(ScriptedSamples().open(1.0).closed(0.8).open(1.0), hold)) == []
    assert len(downs(run(ScriptedSamples().open(1.0).closed(0.85).open(1.0), hold))) == 1


@pytest.mark.parametrize(
    ("eye", "shut", "selects"),
    [
        ("both", "both", True),
        ("both", "left", False),
        ("either", "left", True),
        ("either", "right", True),
        ("left", "left", True),
        ("left", "right", False),
        ("right", "right", True),
        ("right", "left", False),
    ],
)
def test_one_eye_modes(eye: str, shut: str, selects: bool) -> None:
    outs = run(
        ScriptedSamples().open(1.0).closed(1.0, eyes=shut).open(1.0), replace(BASE, eye=Eye(eye))
    )
    assert len(downs(outs)) == int(selects)


def test_one_eye_mode_ignores_the_other_eye_missing() -> None:
    script = ScriptedSamples().open(1.0, ear_right=None).closed(1.0, eyes="left", ear_right=None)
    assert len(downs(run(script.open(1.0, ear_right=None), replace(BASE, eye=Eye.LEFT)))) == 1
    assert downs(run(script, replace(BASE, eye=Eye.BOTH))) == []


def test_inverse_mode_selects_on_held_opening_not_on_closure() -> None:
    inverse = replace(BASE, inverse=True)
    script = ScriptedSamples().closed(2.0).open(0.3).closed(2.0).open(1.0).closed(2.0)
    outs = run(script, inverse)
    ((emitted, down),) = downs(outs)
    assert down.t == pytest.approx(4.3 - FRAME / 2)  # the held opening, not the short one
    # Open at the start (never seen at rest yet), a long closure, a short opening: nothing.
    assert downs(run(ScriptedSamples().open(1.0).closed(3.0).open(0.3), inverse)) == []


def test_refractory_ignores_a_closure_right_after_a_selection() -> None:
    script = ScriptedSamples().open(1.0).closed(0.8).open(0.5).closed(0.8).open(1.2)
    script.closed(0.8).open(1.0)
    outs = run(script, replace(BASE, refractory_s=1.0))
    assert [round(d.t, 2) for _, d in downs(outs)] == [0.98, 4.28]
    ignored = [o.fields for _, o in outs if isinstance(o, Log) and "ignored" in o.fields]
    assert [f["ignored"] for f in ignored] == ["refractory"]
    assert len(downs(run(script, replace(BASE, refractory_s=0.0)))) == 3


def test_long_closure_selects_then_asks_for_rest_and_cancels_that_selection() -> None:
    outs = run(ScriptedSamples().open(1.0).closed(3.5).open(1.0))
    kinds = [type(o).__name__ for _, o in outs if not isinstance(o, Log)]
    assert kinds == ["SwitchDown", "SwitchUp", "RestRequest"]
    (rest,) = of_type(outs, RestRequest)
    assert isinstance(rest, RestRequest) and rest.cancels_selection
    assert rest.t == pytest.approx(1.0 - FRAME / 2 + 3.0, abs=FRAME)


def test_while_resting_only_two_long_blinks_wake_and_then_holds_select_again() -> None:
    script = ScriptedSamples().open(1.0).closed(3.5).open(2.0)
    script.closed(0.2).open(1.0).closed(0.8).open(6.0)  # blink, then one long blink: no wake
    script.closed(0.8).open(1.0).closed(0.8).open(2.0)  # two long blinks within 5 s: wake
    script.closed(0.8).open(1.0)  # a hold after waking selects
    outs = run(script)
    switch_events = [o for _, o in outs if isinstance(o, SwitchDown | RestRequest | WakeRequest)]
    assert [type(o).__name__ for o in switch_events] == [
        "SwitchDown",
        "RestRequest",
        "WakeRequest",
        "SwitchDown",
    ]
    wake = switch_events[2]
    assert wake.t == pytest.approx(script.t - 1.0 - 0.8 - 2.0 - FRAME / 2, abs=FRAME)


def test_a_rest_time_set_below_the_hold_never_locks_the_patient_out() -> None:
    # Review12: both values in range (hold 1.5 s, rest 1 s): every deliberate closure
    # became a rest, and the wake blinks had to be at least 1.5 s yet under 1 s, so a
    # patient who chooses by blinking could neither select nor wake the board again.
    blink = replace(BASE, hold_s=1.5, rest_s=1.0)
    selects = run(ScriptedSamples().open(1.0).closed(1.8).open(1.0), blink)
    assert len(downs(selects)) == 1 and of_type(selects, RestRequest) == []
    script = ScriptedSamples().open(1.0).closed(4.0).open(2.0)  # rest: well past hold + 1 s
    script.closed(1.8).open(1.0).closed(1.8).open(2.0)  # two long blinks: wake
    woken = run(script, blink)
    assert len(of_type(woken, RestRequest)) == 1 and len(of_type(woken, WakeRequest)) == 1


def test_a_wake_window_shorter_than_two_holds_still_lets_the_patient_wake() -> None:
    # Review12: hold 2 s and wake window 2 s (both in range): the second long blink had
    # to start within 2 s of the first, which itself lasted 2 s, so nothing could wake.
    blink = replace(BASE, hold_s=2.0, wake_window_s=2.0)
    script = ScriptedSamples().open(1.0).closed(4.0).open(2.0)  # rest
    script.closed(2.3).open(0.8).closed(2.3).open(2.0)  # two long blinks, close together
    assert len(of_type(run(script, blink), WakeRequest)) == 1


def test_two_long_blinks_too_far_apart_do_not_wake() -> None:
    script = ScriptedSamples().open(1.0).closed(3.5).open(2.0)
    script.closed(0.8).open(6.0).closed(0.8).open(6.0)
    assert of_type(run(script), WakeRequest) == []


def test_face_lost_mid_closure_gives_nothing_and_needs_open_eyes_before_counting_again() -> None:
    script = ScriptedSamples().open(1.0).closed(0.3).no_face(0.5).closed(1.0).open(1.0)
    outs = run(script)
    assert downs(outs) == []
    assert blink_events(outs)[:5] == [
        "face_found",
        "closed",
        "face_lost",
        "abandoned",
        "face_found",
    ]
    # Once the open eyes are seen again, a hold works.
    assert len(downs(run(script.closed(0.8).open(1.0)))) == 1


def test_face_lost_after_selecting_releases_the_switch() -> None:
    outs = run(ScriptedSamples().open(1.0).closed(1.5).no_face(1.0))
    ((emitted, down),) = downs(outs)
    (up,) = of_type(outs, SwitchUp)
    assert isinstance(up, SwitchUp) and down.t < up.t <= 2.5
    assert of_type(outs, RestRequest) == []


@pytest.mark.parametrize(
    "pose", [{"yaw_deg": 40.0}, {"yaw_deg": -40.0}, {"pitch_deg": 30.0}, {"roll_deg": 35.0}]
)
def test_head_turned_tipped_or_tilted_never_reads_as_closed_eyes(pose: dict[str, float]) -> None:
    script = ScriptedSamples().open(1.0).frames(2.0, ear_left=0.12, ear_right=0.12, **pose)
    outs = run(script.open(1.0))
    assert downs(outs) == []
    assert "ignored_turned" in blink_events(outs)


def test_head_turned_within_limits_still_selects() -> None:
    script = ScriptedSamples().open(1.0, yaw_deg=15.0, roll_deg=-15.0)
    script.closed(1.0, yaw_deg=15.0, roll_deg=-15.0).open(1.0)
    assert len(downs(run(script))) == 1


def test_looking_down_lowers_the_lids_but_selects_nothing() -> None:
    script = (
        ScriptedSamples().open(1.0).open(0.5, iris_left=(0, 0.8), iris_right=(0, 0.8), iris_low=0.8)
    )
    outs = run(script.looking_down(2.0).open(1.0))
    assert downs(outs) == []
    assert "looking down" in [o.fields.get("ignored") for _, o in outs if isinstance(o, Log)]


def test_a_camera_stall_mid_closure_breaks_it() -> None:
    samples = ScriptedSamples().open(1.0).closed(1.0).open(1.0).samples()
    stalled = [s for s in samples if not 1.1 < s.t < 1.5]
    switch = BlinkSwitch(BASE)
    outs = [o for s in stalled for o in switch.update(s)]
    assert not any(isinstance(o, SwitchDown) for o in outs)


def test_state_shows_the_ring_filling_and_the_face() -> None:
    switch = BlinkSwitch(BASE)
    assert not switch.state.face_found
    progress = []
    for s in ScriptedSamples().open(1.0).closed(0.7).samples():
        switch.update(s)
        progress.append(switch.state.hold_progress)
    assert switch.state.eyes_closed and switch.state.tracking
    assert progress[29] == 0.0 and 0.4 < progress[37] < 0.6 and progress[-1] == 1.0
    assert progress == sorted(progress)
    switch.update(ScriptedSamples(start_t=2.0).no_face(0.1).samples()[0])
    state = switch.state
    assert (state.face_found, state.eyes_closed, state.hold_progress) == (False, False, 0.0)
    assert state.problem == "no face"


def test_hold_rises_when_the_patients_own_blinks_lengthen() -> None:
    script = ScriptedSamples().open(1.0)
    for i in range(120):  # tired eyes: many blinks of 0.2-0.45 s
        script.closed(0.2 + 0.25 * ((i * 7) % 11) / 10).open(3.0)
    adaptive = replace(BASE, adaptive_hold=True, max_hold_s=1.2)
    switch = BlinkSwitch(adaptive)
    for s in script.samples():
        switch.update(s)
    assert 0.6 < switch.hold_s <= 1.2
    fixed = BlinkSwitch(replace(adaptive, adaptive_hold=False))
    for s in script.samples():
        fixed.update(s)
    assert fixed.hold_s == 0.5


def test_older_or_repeated_samples_are_ignored() -> None:
    switch = BlinkSwitch(BASE)
    samples = ScriptedSamples().open(1.0).closed(1.0).samples()
    for s in samples:
        switch.update(s)
    assert switch.update(samples[0]) == [] and switch.update(samples[-1]) == []


@settings(max_examples=60, deadline=None)
@given(
    hold=st.floats(0.1, 2.0),
    fps=st.sampled_from([15.0, 24.0, 30.0, 60.0]),
    gaps=st.lists(st.floats(0.2, 3.0), min_size=1, max_size=8),
    fractions=st.lists(st.floats(0.0, 0.999), min_size=8, max_size=8),
    eye=st.sampled_from(list(Eye)),
)
def test_no_closure_shorter_than_the_hold_ever_selects(
    hold: float, fps: float, gaps: list[float], fractions: list[float], eye: Eye
) -> None:
    """Each closure lasts fewer whole frames than the hold (a frame = 1/fps of closure)."""
    script = ScriptedSamples(fps=fps).open(1.0)
    shut = "left" if eye == Eye.LEFT else "right" if eye == Eye.RIGHT else "both"
    frames_below_hold = max(0, int(hold * fps - 1e-9))
    for gap, fraction in zip(gaps, fractions, strict=False):
        n = int(fraction * (frames_below_hold + 1))
        script.closed(n / fps, eyes=shut).open(gap)
    blink = replace(BASE, hold_s=hold, eye=eye, rest_s=20.0)
    assert downs(run(script, blink)) == []


@settings(max_examples=40, deadline=None)
@given(hold=st.floats(0.1, 2.0), fps=st.sampled_from([15.0, 30.0, 60.0]), extra=st.integers(1, 10))
def test_a_closure_longer_than_the_hold_always_selects_exactly_once(
    hold: float, fps: float, extra: int
) -> None:
    n = int(hold * fps) + 1 + extra
    script = ScriptedSamples(fps=fps).open(1.0).closed(n / fps).open(1.0)
    assert len(downs(run(script, replace(BASE, hold_s=hold, rest_s=20.0)))) == 1


def test_changing_how_closure_is_read_mid_hold_releases_the_switch_once() -> None:
    switch = BlinkSwitch(BASE)
    samples = ScriptedSamples().open(1.0).closed(0.8).samples()
    outs = [o for s in samples for o in switch.update(s)]
    assert sum(isinstance(o, SwitchDown) for o in outs) == 1
    switch.set_settings(replace(BASE, eye=Eye.LEFT))
    later = ScriptedSamples(start_t=samples[-1].t + FRAME).closed(1.0).open(1.0).samples()
    outs = [o for s in later for o in switch.update(s)]
    assert [type(o).__name__ for o in outs if isinstance(o, SwitchDown | SwitchUp)] == ["SwitchUp"]
    switch.set_settings(replace(BASE, eye=Eye.LEFT, hold_s=0.6))  # timing only: nothing abandoned
    assert switch.update(ScriptedSamples(start_t=later[-1].t + FRAME).open(0.1).samples()[0]) == []
