"""Auditory scanning beeps, carer screens that close when forgotten, one banner for a lost face.

The real board (``shell.app.build``) headless on a virtual clock; speech,
beep and camera feed are recording fakes, so what a patient would hear and
see is read from them and from the render model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from commboard.settings import Auditory, BlinkSettings, FaceLost, ScanPattern
from commboard.settings.profiles import load_profile
from commboard.shell.audio.cue_sound import CueSound, tone
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.camera_view.camera_view import CameraView
from commboard.shell.screens.settings.settings_screen import SettingsScreen
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import (
    YES_NO_LAYOUT,
    RecordingBeeper,
    RecordingSpeaker,
    ScriptedFeed,
    ScriptedSamples,
    run_for,
)
from commboard.vision.sample import CameraState, CameraStatus

LAYOUT = YES_NO_LAYOUT


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> BoardLoop:
    loop = start_board(layout=LAYOUT, draw=False)
    loop.p.speaker = RecordingSpeaker()
    loop.p.cue_sound = RecordingBeeper()
    loop.safe_frame(loop.p.clock.now())
    return loop


def events(tmp_path: Path, kind: str) -> list[dict[str, object]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["type"] == kind]


def auditory(loop: BoardLoop, mode: Auditory) -> None:
    scan = replace(loop.settings.scan, auditory=mode, pattern=ScanPattern.LINEAR, interval_s=1.0)
    loop.apply_settings(replace(loop.settings, scan=scan))


def run_steps(loop: BoardLoop, seconds: float) -> None:
    for _ in range(int(seconds / 0.25)):
        run_for(loop, 0.25)


# -- 2. auditory scanning: beep, labels, both ---------------------------------------------


@pytest.mark.parametrize(
    ("mode", "labels", "beeps"),
    [
        (Auditory.BEEP, False, True),
        (Auditory.BOTH, True, True),
        (Auditory.LABELS, True, False),
        (Auditory.OFF, False, False),
    ],
)
def test_each_auditory_mode_speaks_and_beeps_as_named(
    board: BoardLoop, mode: Auditory, labels: bool, beeps: bool
) -> None:
    auditory(board, mode)
    run_steps(board, 3.0)  # about three scan steps
    speaker, beeper = board.p.speaker, board.p.cue_sound
    assert isinstance(speaker, RecordingSpeaker) and isinstance(beeper, RecordingBeeper)
    cues = [text for kind, text in speaker.calls if kind == "cue"]
    assert bool(cues) is labels
    assert all(cues), "no empty prompt is sent to the voice"
    assert set(cues) <= {"Yes", "No"}
    assert (beeper.beeps >= 2) is beeps and (beeper.beeps == 0) is not beeps


def test_no_beep_while_a_message_is_being_spoken(board: BoardLoop) -> None:
    speaker, beeper = board.p.speaker, board.p.cue_sound
    assert isinstance(speaker, RecordingSpeaker) and isinstance(beeper, RecordingBeeper)
    speaker.say("I am thirsty")  # still playing
    auditory(board, Auditory.BEEP)
    run_steps(board, 3.0)
    assert beeper.beeps == 0
    speaker.finish()
    run_steps(board, 3.0)
    assert beeper.beeps >= 2


def test_a_missing_sound_card_shows_once_and_scanning_goes_on(
    board: BoardLoop, tmp_path: Path
) -> None:
    board.p.cue_sound = RecordingBeeper(problem="no audio device")
    auditory(board, Auditory.BEEP)
    run_steps(board, 3.0)
    assert board.session.highlighted
    assert board.view is not None
    assert any("no audio device" in b.text for b in board.view.banners)
    assert len([e for e in events(tmp_path, "error") if "no audio" in str(e["message"])]) == 1


def test_the_real_beep_is_short_soft_and_harmless_without_a_device() -> None:
    samples = tone(22050, 1)
    assert 0.05 <= len(samples) / 22050 <= 0.1
    assert 0 < abs(samples).max() <= 0.3 * 32767
    assert abs(int(samples[0])) < 200 and abs(int(samples[-1])) < 200  # faded: no click
    beeper = CueSound()  # SDL_AUDIODRIVER=dummy in tests: plays into nothing, or says why not
    beeper.beep()
    beeper.beep()
    beeper.release()
    assert not pygame.mixer.get_init()
    assert beeper.problem == "" or "cannot play" in beeper.problem


# -- 4. forgotten settings screen and camera view close ------------------------------------


def press(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text))
    run_for(loop, 0.01)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text))
    run_for(loop, 0.01)


def test_a_forgotten_settings_screen_closes_without_saving_and_keeps_the_edit_for_next_time(
    board: BoardLoop, tmp_path: Path
) -> None:
    before = board.settings
    press(board, pygame.K_ESCAPE)
    press(board, pygame.K_s, "s")
    assert isinstance(board.screens[-1], SettingsScreen)
    press(board, pygame.K_RIGHT)  # the first scan setting (the pattern) one step on: not saved
    assert board.screens[-1].changed  # type: ignore[attr-defined]
    run_for(board, 119.0)
    assert board.screens, "two minutes to read and talk it over"
    assert board.deadline() is not None  # the loop wakes for the timeout by itself
    run_for(board, 1.5)
    assert not board.screens and board.session.highlighted, "scanning is back"
    assert board.settings == before, "nobody confirmed the change"
    assert load_profile("default")[0].scan == before.scan
    timeout = events(tmp_path, "screen_timeout")[-1]
    assert timeout["closed"] == ["CarerMenu", "SettingsScreen"]
    assert "scan.pattern" in str(timeout["notes"])
    assert board.view is not None
    assert any("not saved" in b.text and "kept" in b.text for b in board.view.banners)
    press(board, pygame.K_ESCAPE)
    press(board, pygame.K_s, "s")  # Settings again: the unconfirmed change is back, unsaved
    screen = board.screens[-1]
    assert isinstance(screen, SettingsScreen) and screen.changed
    assert screen.edited.scan.pattern != before.scan.pattern
    assert "are back: scan.pattern" in screen.message[0]
    assert board.settings == before and load_profile("default")[0].scan == before.scan
    press(board, pygame.K_s, "s")  # now the therapist confirms it
    assert load_profile("default")[0].scan.pattern == screen.edited.scan.pattern


def test_a_forgotten_camera_view_closes_but_calibration_does_not(board: BoardLoop) -> None:
    press(board, pygame.K_ESCAPE)
    press(board, pygame.K_c, "c")
    assert isinstance(board.screens[-1], CameraView)
    run_for(board, 121.0)
    assert not board.screens and not board.session.paused
    press(board, pygame.K_ESCAPE)
    press(board, pygame.K_b, "b")
    assert type(board.screens[-1]).__name__ == "CalibrationScreen"
    run_for(board, 600.0)
    assert type(board.screens[-1]).__name__ == "CalibrationScreen"


# -- 5. a lost face: one banner ------------------------------------------------------------


def face_banners(loop: BoardLoop) -> list[str]:
    assert loop.view is not None
    return [b.text for b in loop.view.banners if "face" in b.text.lower()]


@pytest.mark.parametrize("face_lost", list(FaceLost))
def test_a_lost_face_is_said_by_one_banner(board: BoardLoop, face_lost: FaceLost) -> None:
    blink = BlinkSettings(face_lost=face_lost)
    board.apply_settings(replace(board.settings, blink=blink))
    t0 = board.now
    samples = ScriptedSamples(start_t=t0).open(1.0).no_face(3.0).open(1.0).samples()
    feed = ScriptedFeed([CameraStatus(t0, CameraState.OK, "Camera working"), *samples])
    board.eyes = EyeInput(feed, BlinkSwitch(blink), clock=board.p.clock, camera="fake")
    for sample in samples[: 30 * 3]:  # until 2 s after the face went
        run_for(board, sample.t - board.now)
    assert face_banners(board) and len(face_banners(board)) == 1, face_banners(board)
    assert "can't see your face" in face_banners(board)[0]
    assert board.session.paused is (face_lost == FaceLost.PAUSE)
    for sample in samples[30 * 3 :]:
        run_for(board, sample.t - board.now)
    assert face_banners(board) == [] and not board.session.paused
