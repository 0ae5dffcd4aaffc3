"""The gaze calibration on screen: dots where to look, and ``commboard calibrate --gaze`` end to end.

The last test runs the real MediaPipe model on the synthetic face photo
whose irises the script moves, under a virtual clock.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from commboard.cli import parse_options
from commboard.clock import VirtualClock
from commboard.control.gaze_calibration_run import GAZE_PHASES
from commboard.settings import BlinkSettings, Settings
from commboard.settings.gaze_map_file import gaze_map_path, load_gaze_map
from commboard.settings.profiles import load_profile
from commboard.shell import app
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.calibration.calibration_paint import WARN
from commboard.shell.screens.calibration.calibration_screen import (
    CalibrationScreen,
    gaze_run,
)
from commboard.shell.screens.carer_menu.carer_menu import menu_entries
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import GAZE_CALIBRATION_FACE, ScriptedFeed, ScriptedSamples


class Ctx:
    """The running board as the screen sees it: settings and the profile's name."""

    def __init__(self) -> None:
        self.events: list[dict[str, object]] = []
        self.settings = Settings()
        self.profile = "anna"
        self.eyes = None

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        self.events.append({"type": kind, **fields})


def test_each_step_draws_its_dot_where_the_patient_should_look() -> None:
    pygame.font.init()
    said: list[str] = []
    eyes = EyeInput(
        ScriptedFeed(), BlinkSwitch(BlinkSettings()), clock=VirtualClock(0.0), say=said.append
    )
    screen = CalibrationScreen(Ctx(), eyes, GAZE_PHASES, make_run=gaze_run)
    surface = pygame.Surface((1280, 720))
    screen.draw(surface, TextCache(), 0.0)  # starts recording
    follows = ScriptedSamples().looking(6.0).looking(3.0, 0.25).looking(3.0, -0.25)
    for s in follows.looking(3.0, 0.0, -0.15).looking(3.0, 0.0, 0.2).samples():
        assert eyes._tap is not None
        eyes._tap(s)  # what EyeInput.frame does with each sample while recording
    spots = {"left": (102, 360), "right": (1177, 360), "up": (640, 58), "down": (640, 662)}
    for at, name in ((7.0, "left"), (10.0, "right"), (13.0, "up"), (16.0, "down")):
        screen.draw(surface, TextCache(), at)
        x, y = spots[name]
        ring = surface.get_at((x + 30, y))[:3]
        assert ring == WARN, f"the dot is on the {name}"
        others = [p for n, p in spots.items() if n != name]
        assert all(surface.get_at((px + 30, py))[:3] != WARN for px, py in others)
    assert "on your left" in " ".join(said) and "on your right" in " ".join(said)
    # the check dots, between the middle and the corners: nothing is drawn over them
    for at, (x, y) in (
        (19.0, (384, 216)),
        (21.5, (896, 216)),
        (24.0, (384, 504)),
        (26.5, (896, 504)),
    ):
        screen.draw(surface, TextCache(), at)
        ring = [
            surface.get_at((x + dx, y + dy))[:3]
            for dx, dy in ((30, 0), (-30, 0), (0, 30), (0, -30))
        ]
        assert ring == [WARN] * 4, f"the check dot at {x, y} is whole"


def test_the_carer_menu_offers_calibrating_looks() -> None:
    labels = {e.shortcut: e.label for e in menu_entries()}
    assert labels["g"] == "Calibrate looks" and labels["b"] == "Calibrate blinks"


# The patient's left is the image's right on a camera that does not mirror.


def test_commboard_calibrate_gaze_on_the_synthetic_face(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "looks.txt"
    script.write_text(GAZE_CALIBRATION_FACE, encoding="utf-8")
    args = parse_options(
        ["calibrate", "--gaze", "--headless", "--virtual-clock", "--camera",
         f"synthetic:{script}", "--camera-fps", "15", "--speech", "none", "--profile", "bed4"]
    )  # fmt: skip
    assert app.calibrate(args) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    saved, _ = load_profile("bed4")
    assert saved.gaze.calibrated and not saved.gaze.mirrored
    assert 0.06 <= saved.gaze.distance <= 0.3 and 0.04 <= saved.gaze.vertical_distance <= 0.2
    assert "How far your eyes moved: left" in out and "Look distance:" in out
    assert saved.blink == load_profile("nobody")[0].blink, "only the looks changed"
    # the five dots made a gaze map for dwell, the four check dots measured it
    stored, problem = load_gaze_map(gaze_map_path("bed4"))
    assert stored is not None, problem
    assert stored.map.frame_size is not None
    assert (1, 2) in stored.accuracy.usable
    assert "Pointing accuracy:" in out and "dwell pages usable:" in out
    assert f"saved: {gaze_map_path('bed4')} (the gaze map for dwell)" in out
    assert gaze_map_path("bed4").stat().st_mode & 0o777 == 0o600


def test_a_face_that_never_looks_left_fails_at_that_step_and_saves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "no_left.txt"
    script.write_text("9.4 2.6 look left 0.8\n", encoding="utf-8")
    args = parse_options(
        ["calibrate", "--gaze", "--headless", "--virtual-clock", "--camera",
         f"synthetic:{script}", "--camera-fps", "15", "--speech", "none", "--profile", "bed5"]
    )  # fmt: skip
    assert app.calibrate(args) == 1
    out = capsys.readouterr().out
    assert "I did not see you look to your left." in out
    assert not load_profile("bed5")[0].gaze.calibrated
    assert not gaze_map_path("bed5").exists()
