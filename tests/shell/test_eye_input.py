"""The camera glue over a real Session: blinks select like the keyboard, faults never stop the board.

A fake feed hands over scripted ``EyeSample``s and camera status changes; the
session, scanner, blink switch and banner state are the real ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from commboard.clock import MonotonicClock, VirtualClock
from commboard.control.eye_policy import FACE_BANNER
from commboard.effects import PauseReason
from commboard.settings import BlinkSettings, FaceLost
from commboard.settings.fields import Access
from commboard.shell.eye_input import WOKEN_POLL_S, EyeInput
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import RecordingEyeHost, ScriptedFeed, ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

EyeBoard = Callable[..., tuple[RecordingEyeHost, ScriptedFeed, EyeInput]]


class MenuLike:
    """A carer screen that does not take switch presses (like the carer menu)."""

    wants_switches = False


def ok(t: float = 0.0) -> CameraStatus:
    return CameraStatus(t, CameraState.OK, "Camera working")


def test_a_long_blink_selects_exactly_like_a_switch_and_short_blinks_do_nothing(
    eye_board: EyeBoard,
) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    frames = ScriptedSamples().open(3.0).closed(0.2).open(2.0).closed(1.0).open(3.0).samples()
    host.play(feed, eyes, frames)

    presses = host.of("switch")
    assert [(p["source"], p["accepted"]) for p in presses] == [("blink", True)]
    assert 0.95 <= presses[0]["held_s"] <= 1.1
    selects = host.of("select")
    assert len(selects) == 1 and selects[0]["source"] == "blink"
    assert host.status_parts["camera"] == "camera: on"


def test_face_lost_pauses_scanning_and_says_so_until_the_face_returns(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(2.0).no_face(0.8).samples())
    assert not host.session.paused, "a face missing under a second is not yet lost"
    host.play(feed, eyes, ScriptedSamples(start_t=2.8).no_face(1.0).samples())
    assert host.session.paused
    assert host.banners()["face"].startswith(FACE_BANNER)
    assert host.of("face")[-1]["paused"] is True

    host.play(feed, eyes, ScriptedSamples(start_t=3.8).open(0.5).samples())
    assert not host.session.paused
    assert "face" not in host.banners()
    assert host.of("face")[-1]["found"] is True


def test_keep_scanning_setting_shows_the_words_but_does_not_pause(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board(blink=BlinkSettings(face_lost=FaceLost.KEEP))
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(1.0).no_face(2.0).samples())
    assert not host.session.paused
    assert host.banners()["face"] == FACE_BANNER


def test_camera_lost_mid_blink_releases_the_switch_and_falls_back_to_the_keyboard(
    eye_board: EyeBoard,
) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(2.0).closed(0.8).samples())
    assert eyes.blink.state.hold_progress == 1.0  # the switch is down
    lost = CameraStatus(2.9, CameraState.LOST, "Camera lost — using keyboard switch")
    feed.items.append(lost)
    host.now = 2.9
    host.run(eyes, 2.9)

    assert host.banners()["camera"] == "Camera lost — using keyboard switch"
    assert host.status_parts["camera"].startswith("camera: lost")
    assert host.of("camera")[-1]["state"] == "lost"
    assert host.of("switch")[-1]["source"] == "blink"  # released, so the scanner logged it
    # No frames for a long time: that is not a lost face, and scanning goes on.
    host.perform(host.session.tick(10.0))
    host.run(eyes, 10.0)
    assert not host.session.paused and "face" not in host.banners()
    # The camera comes back: the banner goes and blinks select again.
    feed.items.append(CameraStatus(10.0, CameraState.OK, "Camera working"))
    host.play(feed, eyes, ScriptedSamples(start_t=10.0).open(2.0).closed(1.0).open(1.0).samples())
    assert "camera" not in host.banners()
    assert host.of("select")[-1]["source"] == "blink"


def test_no_camera_at_start_says_so_but_not_when_the_carer_chose_none(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board(camera="auto")
    feed.items.append(CameraStatus(0.0, CameraState.NONE, "No camera — using the keyboard switch"))
    host.run(eyes, 0.0)
    assert host.banners()["camera"] == "No camera — using the keyboard switch"
    assert host.status_parts["camera"] == "camera: none - keyboard switch"
    assert eyes.next_deadline(0.0) is None

    host, feed, eyes = eye_board(camera="none")
    feed.items.append(CameraStatus(0.0, CameraState.NONE, "No camera — using the keyboard switch"))
    host.run(eyes, 0.0)
    assert "camera" not in host.banners()
    assert host.status_parts["camera"] == "camera: off"
    assert eyes.look() is None


def test_a_tracking_error_is_logged_and_shown_and_the_board_goes_on(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items += [ok(), CameraStatus(1.0, CameraState.ERROR, "Face tracking error: boom")]
    host.play(feed, eyes, ScriptedSamples().open(1.0).no_face(2.0).samples())
    assert host.of("error")[-1]["message"] == "Face tracking error: boom"
    assert "boom" in host.banners()["camera"]
    assert not host.session.paused, "no face during a tracking error is not a lost face"


def test_rest_pauses_until_two_long_blinks_and_undoes_the_selection_it_began_with(
    eye_board: EyeBoard,
) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(3.0).closed(3.5).open(2.0).samples())
    assert host.of("select"), "the closure selected at the hold time first"
    assert host.of("undo"), "then the rest request undid that selection"
    assert host.of("rest")[0]["undone"] is True
    assert host.session.paused and "rest" in host.banners()
    assert "resting" in host.status_parts["camera"]

    wake = ScriptedSamples(start_t=8.5).closed(0.8).open(1.0).closed(0.8).open(2.0).samples()
    host.play(feed, eyes, wake)
    assert host.of("rest")[-1]["event"] == "wake"
    assert not host.session.paused and "rest" not in host.banners()


def test_a_pause_is_never_lifted_under_an_open_carer_screen(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(1.0).no_face(1.5).samples())
    assert host.session.paused
    host.screens.append(MenuLike())  # the carer opened the menu (the loop holds its pause)
    host.perform(host.pauses.hold(PauseReason.CARER_SCREEN, 2.5, host.session))
    host.play(feed, eyes, ScriptedSamples(start_t=2.5).open(1.0).samples())
    assert host.session.paused
    assert host.pauses.reasons == (PauseReason.CARER_SCREEN,)
    # The face's pause left while the menu's held on: a "pause" record, not "scan resumed".
    assert [r["event"] for r in host.of("scan")].count("resumed") == 0
    (gone,) = [r for r in host.of("pause") if r["event"] == "released"]
    assert gone["reason"] == "face lost" and gone["held"] == ["carer menu"]


def test_a_carer_screen_closing_does_not_unpause_a_lost_face(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(1.0).no_face(1.5).samples())
    # The carer menu opens and closes: its pause comes and goes, the face's stays.
    host.perform(host.pauses.hold(PauseReason.CARER_SCREEN, 2.5, host.session))
    host.perform(host.pauses.release(PauseReason.CARER_SCREEN, 2.5, host.session))
    host.play(feed, eyes, ScriptedSamples(start_t=2.5).no_face(0.1).samples())
    assert host.session.paused
    assert host.pauses.reasons == (PauseReason.FACE_LOST,)


def test_while_calibration_records_the_blink_switch_sees_nothing(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    recorded: list[EyeSample] = []
    eyes.record(recorded.append)
    frames = ScriptedSamples().open(1.0).closed(3.5).open(1.0).samples()
    host.play(feed, eyes, frames)
    assert len(recorded) == len(frames)
    assert not host.of("select") and not host.of("rest") and not host.session.paused
    eyes.record(None)
    host.play(feed, eyes, ScriptedSamples(start_t=5.5).open(1.0).closed(1.0).open(1.0).samples())
    assert host.of("select")[-1]["source"] == "blink"


def test_new_blink_settings_reach_the_switch(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    longer = replace(host.session.settings.blink, hold_s=1.5, adaptive_hold=False)
    host.session.settings = replace(host.session.settings, blink=longer)
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(2.0).closed(1.0).open(2.0).samples())
    assert not host.of("select"), "a 1 s closure is short of the new 1.5 s hold"


@pytest.mark.parametrize("virtual", [True, False])
def test_the_loop_is_woken_for_every_frame_while_the_camera_works(
    eye_board: EyeBoard, virtual: bool
) -> None:
    host, feed, eyes = eye_board()
    eyes._virtual = virtual
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(1.0).samples())
    last = 29 / 30
    due = eyes.next_deadline(last)
    assert due is not None and last < due <= last + 1 / 30 + 1e-6


def test_a_feed_that_wakes_the_loop_itself_is_only_polled_as_a_safety_net(
    eye_board: EyeBoard,
) -> None:
    """Real time: the camera thread wakes the frame loop with each sample, so the loop's
    own timer for the camera is slow (a tenth of a second): polling at the frame rate
    as well ran the loop a third more often than samples came, for nothing."""
    host, feed, eyes = eye_board()
    woken = EyeInput(feed, eyes.blink, clock=MonotonicClock(), camera="synthetic", woken=True)
    for camera in (eyes, woken):
        camera._virtual = False
        feed.items.append(ok())
        host.play(feed, camera, ScriptedSamples().open(0.5).samples())
    assert eyes.next_deadline(10.0) == pytest.approx(10.0 + 1 / 30)  # nothing else wakes it
    assert woken.next_deadline(10.0) == pytest.approx(10.0 + WOKEN_POLL_S)


def test_rolled_faces_are_turned_upright_only_while_looks_are_read(eye_board: EyeBoard) -> None:
    """Turning a rolled face upright costs 1-3 ms a frame; the blink switch does not need
    it.  The detector is told to turn for a gaze access method or a gaze calibration."""
    host, feed, _ = eye_board()
    told: list[bool] = []
    eyes = EyeInput(
        feed, BlinkSwitch(BlinkSettings()), clock=VirtualClock(0.0), camera="synthetic",
        turn_rolled=told.append,
    )  # fmt: skip
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(0.2).samples())
    assert told == [False]  # scanning with blinks
    eyes.record(lambda sample: None)  # blink calibration
    assert told == [False]
    eyes.record(lambda sample: None, looks=True)  # gaze calibration
    eyes.record(None)
    assert told == [False, True, False]
    halving = replace(host.settings, gaze=replace(host.settings.gaze, access=Access.GAZE_HALVING))
    eyes.frame(1.0, halving, True)
    assert told == [False, True, False, True]
