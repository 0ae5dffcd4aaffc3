"""The carer's camera view: warnings a carer can act on, eye readings, and the picture on screen."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pygame
import pytest

from commboard.clock import VirtualClock
from commboard.control.camera_readings import camera_warnings, eye_readings
from commboard.events import CarerRequest, Key
from commboard.settings import BlinkSettings, Settings
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.base import Close, Open, Stay
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.camera_view.camera_paint import HEADER, OPEN_COLOR, fit_rect
from commboard.shell.screens.camera_view.camera_view import CameraView, open_camera_view
from commboard.shell.screens.carer_menu.carer_menu import menu_entries
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedFeed
from commboard.vision import landmarks as lm
from commboard.vision.sample import CameraState, EyeSample

GOOD = EyeSample(
    t=0.0, face_found=True, ear_left=0.30, ear_right=0.11, iris_left=(0.0, 0.0),
    iris_right=(0.0, 0.0), yaw_deg=2.0, pitch_deg=1.0, roll_deg=0.0,
    face_width=0.35, brightness=130.0,
)  # fmt: skip


def with_(**kw: Any) -> EyeSample:
    from dataclasses import replace

    return replace(GOOD, **kw)


def test_a_good_picture_has_no_warnings() -> None:
    assert camera_warnings(GOOD, BlinkSettings()) == []


@pytest.mark.parametrize(
    ("sample", "words"),
    [
        (with_(face_width=0.12), "too small"),
        (with_(brightness=30.0), "too dark"),
        (with_(yaw_deg=35.0), "head turned"),
        (with_(roll_deg=-40.0), "head tilted"),
        (EyeSample(t=0.0, face_found=False), "No face"),
        (None, "No picture"),
    ],
)
def test_warnings_name_what_the_carer_should_fix(sample: EyeSample | None, words: str) -> None:
    warnings = camera_warnings(sample, BlinkSettings())
    assert len(warnings) == 1 and words in warnings[0]


def test_eye_readings_use_the_patients_calibrated_levels() -> None:
    left, right = eye_readings(GOOD, BlinkSettings(open_level=0.30, closed_level=0.12))
    assert (left.side, left.closed, right.side, right.closed) == ("left", False, "right", True)
    # The same 0.11 is open for someone whose closed eyes read 0.05 and open 0.14.
    _, right = eye_readings(GOOD, BlinkSettings(open_level=0.14, closed_level=0.05))
    assert right.closed is False


def test_fit_keeps_the_aspect_ratio() -> None:
    assert fit_rect((640, 480), (0, 0, 800, 800)) == (0, 100, 800, 600)


class Ctx:
    settings = Settings()
    profile = "default"
    eyes = None  # a board without a camera

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings

    def layout_choices(self) -> list[object]:
        return []

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        raise AssertionError("the camera view writes no event records")


def test_the_view_shows_the_picture_and_green_outlines_of_open_eyes() -> None:
    pygame.font.init()
    rgb = np.zeros((480, 640, 3), np.uint8)
    rgb[:, :, 2] = 200  # a blue picture: easy to find on screen
    landmarks = np.full((478, 3), 0.5)
    for i, idx in enumerate(lm.CONTOUR_LEFT):  # a ring of points for the left eye
        a = 2 * np.pi * i / len(lm.CONTOUR_LEFT)
        landmarks[idx] = (0.6 + 0.05 * np.cos(a), 0.4 + 0.03 * np.sin(a), 0.0)
    eyes = EyeInput(
        ScriptedFeed(frame=(rgb, GOOD)),
        BlinkSwitch(BlinkSettings()),
        clock=VirtualClock(0.0),
        landmarks=lambda: landmarks,
    )
    eyes.state = CameraState.OK
    view = CameraView(Ctx(), eyes)
    surface = pygame.Surface((1280, 720))
    view.draw(surface, TextCache(), 1.0)
    pixels = pygame.surfarray.array3d(surface).reshape(-1, 3)
    assert ((pixels == (0, 0, 200)).all(axis=1)).sum() > 100_000  # the picture is there
    assert ((pixels == OPEN_COLOR).all(axis=1)).sum() > 50  # the open eye's outline
    assert view.next_deadline(1.0) == pytest.approx(1.0 + 1 / 15)


def test_keys_go_back_or_on_to_calibration_and_nothing_without_a_camera() -> None:
    view = CameraView(Ctx(), None)
    assert isinstance(view.handle(CarerRequest(0.0), 0.0), Close)
    outcome = view.handle(Key(0.0, pygame.K_b, "b"), 0.0)
    assert isinstance(outcome, Open) and isinstance(outcome.screen, CalibrationScreen)
    assert isinstance(view.handle(Key(0.0, pygame.K_c, "c"), 0.0), Stay)
    assert view.next_deadline(0.0) is None
    opened = open_camera_view(Ctx())
    assert isinstance(opened, Open) and opened.screen.eyes is None  # type: ignore[attr-defined]


def test_the_letters_shown_are_the_carer_menus_letters_and_do_what_they_say() -> None:
    # The view used to say "C: calibrate, B: back" while the menu has C for the
    # camera view and B for calibration: a carer pressing the menu's B left.
    menu = {e.label: e.shortcut for e in menu_entries()}
    shown = dict(re.findall(r"\b([A-Z]): ([a-z ]+?)(?:\s{2,}|$)", HEADER))
    assert shown == {"B": "calibrate blinks"}
    assert menu["Calibrate blinks"] == "b" and "Escape: back" in HEADER
    outcome = CameraView(Ctx(), None).handle(Key(0.0, pygame.K_b, "b"), 0.0)
    assert isinstance(outcome, Open) and isinstance(outcome.screen, CalibrationScreen)
