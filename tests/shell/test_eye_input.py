"""The camera glue over a real Session: blinks select like the keyboard, faults never stop the board.

A fake feed hands over scripted ``EyeSample``s and camera status changes; the
session, scanner, blink switch and banner state are the real ones.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from commboard.board.layout_file import load_layout_or_default
from commboard.board.session import Session
from commboard.effects import Effect, Log
from commboard.events import SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, ScanSettings, Settings
from commboard.shell.chrome import ChromeState
from commboard.shell.eye_input import FACE_BANNER, EyeInput
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

LAYOUT = """\
format: 1
name: Test board
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
"""


class FakeFeed:
    """Hands over queued items whose time has come."""

    def __init__(self) -> None:
        self.items: list[EyeSample | CameraStatus] = []
        self.started = self.closed = False

    def start(self) -> None:
        self.started = True

    def drain(self, now: float) -> list[EyeSample | CameraStatus]:
        due = [i for i in self.items if i.t <= now + 1e-9]
        self.items = [i for i in self.items if i.t > now + 1e-9]
        return due

    def latest_frame(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True


class Host:
    """The frame loop's side of the glue: a real session and banners, effects recorded."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.chrome = ChromeState()
        self.screens: list[Any] = []
        self.status_parts: dict[str, str] = {}
        self.dirty = False
        self.now = 0.0
        self.logs: list[Log] = []

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def dispatch(self, event: Any) -> None:
        if isinstance(event, SwitchDown | SwitchUp) and not self.screens:
            self.perform(self.session.handle(event, self.now))

    def perform(self, effects: list[Effect]) -> None:
        self.logs += [e for e in effects if isinstance(e, Log)]

    def of(self, type_: str) -> list[dict[str, Any]]:
        return [dict(log.fields, t=log.t) for log in self.logs if log.type == type_]

    def banners(self) -> dict[str, str]:
        return {b.key: b.text for b in self.chrome.chrome("", self.now).banners}


def make(tmp_path: Path, *, camera: str = "synthetic", blink: BlinkSettings | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / "board.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    layout, problems = load_layout_or_default(path)
    assert not problems
    settings = Settings(
        scan=ScanSettings(interval_s=2.0, undo_window_s=0.0),
        blink=blink or BlinkSettings(),
    )
    host = Host(Session(layout, settings, 0.0))
    feed = FakeFeed()
    eyes = EyeInput(feed, BlinkSwitch(settings.blink), camera=camera, virtual_clock=True)
    return host, feed, eyes


def play(host: Host, feed: FakeFeed, eyes: EyeInput, samples: list[EyeSample]) -> None:
    """Run the glue frame by frame, as the loop does: session tick first, then the camera."""
    feed.items += samples
    feed.items.sort(key=lambda i: i.t)
    for s in samples:
        host.now = s.t
        host.perform(host.session.tick(s.t))
        eyes.frame(host, s.t)


def ok(t: float = 0.0) -> CameraStatus:
    return CameraStatus(t, CameraState.OK, "Camera working")


def test_a_long_blink_selects_exactly_like_a_switch_and_short_blinks_do_nothing(
    tmp_path: Path,
) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    frames = ScriptedSamples().open(3.0).closed(0.2).open(2.0).closed(1.0).open(3.0).samples()
    play(host, feed, eyes, frames)

    presses = host.of("switch")
    assert [(p["source"], p["accepted"]) for p in presses] == [("blink", True)]
    assert 0.95 <= presses[0]["held_s"] <= 1.1
    selects = host.of("select")
    assert len(selects) == 1 and selects[0]["source"] == "blink"
    assert host.status_parts["camera"] == "camera: on"


def test_face_lost_pauses_scanning_and_says_so_until_the_face_returns(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(2.0).no_face(0.8).samples())
    assert not host.session.paused, "a face missing under a second is not yet lost"
    play(host, feed, eyes, ScriptedSamples(start_t=2.8).no_face(1.0).samples())
    assert host.session.paused
    assert host.banners()["face"].startswith(FACE_BANNER)
    assert host.of("face")[-1]["paused"] is True

    play(host, feed, eyes, ScriptedSamples(start_t=3.8).open(0.5).samples())
    assert not host.session.paused
    assert "face" not in host.banners()
    assert host.of("face")[-1]["found"] is True


def test_keep_scanning_setting_shows_the_words_but_does_not_pause(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path, blink=BlinkSettings(face_lost="keep"))
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(1.0).no_face(2.0).samples())
    assert not host.session.paused
    assert host.banners()["face"] == FACE_BANNER


def test_camera_lost_mid_blink_releases_the_switch_and_falls_back_to_the_keyboard(
    tmp_path: Path,
) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(2.0).closed(0.8).samples())
    assert eyes.blink.state.hold_progress == 1.0  # the switch is down
    lost = CameraStatus(2.9, CameraState.LOST, "Camera lost — using keyboard switch")
    feed.items.append(lost)
    host.now = 2.9
    eyes.frame(host, 2.9)

    assert host.banners()["camera"] == "Camera lost — using keyboard switch"
    assert host.status_parts["camera"].startswith("camera: lost")
    assert host.of("camera")[-1]["state"] == "lost"
    assert host.of("switch")[-1]["source"] == "blink"  # released, so the scanner logged it
    # No frames for a long time: that is not a lost face, and scanning goes on.
    host.perform(host.session.tick(10.0))
    eyes.frame(host, 10.0)
    assert not host.session.paused and "face" not in host.banners()
    # The camera comes back: the banner goes and blinks select again.
    feed.items.append(CameraStatus(10.0, CameraState.OK, "Camera working"))
    play(host, feed, eyes, ScriptedSamples(start_t=10.0).open(2.0).closed(1.0).open(1.0).samples())
    assert "camera" not in host.banners()
    assert host.of("select")[-1]["source"] == "blink"


def test_no_camera_at_start_says_so_but_not_when_the_carer_chose_none(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path, camera="auto")
    feed.items.append(CameraStatus(0.0, CameraState.NONE, "No camera — using the keyboard switch"))
    eyes.frame(host, 0.0)
    assert host.banners()["camera"] == "No camera — using the keyboard switch"
    assert host.status_parts["camera"] == "camera: none - keyboard switch"
    assert eyes.next_deadline(0.0) is None

    host, feed, eyes = make(tmp_path, camera="none")
    feed.items.append(CameraStatus(0.0, CameraState.NONE, "No camera — using the keyboard switch"))
    eyes.frame(host, 0.0)
    assert "camera" not in host.banners()
    assert host.status_parts["camera"] == "camera: off"
    assert eyes.look() is None


def test_a_tracking_error_is_logged_and_shown_and_the_board_goes_on(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items += [ok(), CameraStatus(1.0, CameraState.ERROR, "Face tracking error: boom")]
    play(host, feed, eyes, ScriptedSamples().open(1.0).no_face(2.0).samples())
    assert host.of("error")[-1]["message"] == "Face tracking error: boom"
    assert "boom" in host.banners()["camera"]
    assert not host.session.paused, "no face during a tracking error is not a lost face"


def test_rest_pauses_until_two_long_blinks_and_undoes_the_selection_it_began_with(
    tmp_path: Path,
) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(3.0).closed(3.5).open(2.0).samples())
    assert host.of("select"), "the closure selected at the hold time first"
    assert host.of("undo"), "then the rest request undid that selection"
    assert host.of("rest")[0]["undone"] is True
    assert host.session.paused and "rest" in host.banners()
    assert "resting" in host.status_parts["camera"]

    wake = ScriptedSamples(start_t=8.5).closed(0.8).open(1.0).closed(0.8).open(2.0).samples()
    play(host, feed, eyes, wake)
    assert host.of("rest")[-1]["event"] == "wake"
    assert not host.session.paused and "rest" not in host.banners()


def test_a_pause_is_never_lifted_under_an_open_carer_screen(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(1.0).no_face(1.5).samples())
    assert host.session.paused
    host.screens.append(object())  # the carer opened the menu
    play(host, feed, eyes, ScriptedSamples(start_t=2.5).open(1.0).samples())
    assert host.session.paused


def test_a_carer_screen_closing_does_not_unpause_a_lost_face(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(1.0).no_face(1.5).samples())
    host.perform(host.session.resume(2.5))  # what the loop does when the carer menu closes
    play(host, feed, eyes, ScriptedSamples(start_t=2.5).no_face(0.1).samples())
    assert host.session.paused


def test_while_calibration_records_the_blink_switch_sees_nothing(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    feed.items.append(ok())
    recorded: list[EyeSample] = []
    eyes.record(recorded.append)
    frames = ScriptedSamples().open(1.0).closed(3.5).open(1.0).samples()
    play(host, feed, eyes, frames)
    assert len(recorded) == len(frames)
    assert not host.of("select") and not host.of("rest") and not host.session.paused
    eyes.record(None)
    play(host, feed, eyes, ScriptedSamples(start_t=5.5).open(1.0).closed(1.0).open(1.0).samples())
    assert host.of("select")[-1]["source"] == "blink"


def test_new_blink_settings_reach_the_switch(tmp_path: Path) -> None:
    host, feed, eyes = make(tmp_path)
    longer = replace(host.session.settings.blink, hold_s=1.5, adaptive_hold=False)
    host.session.settings = replace(host.session.settings, blink=longer)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(2.0).closed(1.0).open(2.0).samples())
    assert not host.of("select"), "a 1 s closure is short of the new 1.5 s hold"


@pytest.mark.parametrize("virtual", [True, False])
def test_the_loop_is_woken_for_every_frame_while_the_camera_works(
    tmp_path: Path, virtual: bool
) -> None:
    host, feed, eyes = make(tmp_path)
    eyes._virtual = virtual
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(1.0).samples())
    last = 29 / 30
    due = eyes.next_deadline(last)
    assert due is not None and last < due <= last + 1 / 30 + 1e-6
