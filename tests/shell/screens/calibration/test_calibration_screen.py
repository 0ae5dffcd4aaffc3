"""Guided calibration: phases in order with their words spoken, the result applied and saved.

The last test runs ``commboard calibrate`` headless on the synthetic face
(real pixels, real MediaPipe) with a virtual clock: the full 39 s
calibration in a few seconds of CPU.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from commboard.cli import parse_options
from commboard.clock import VirtualClock
from commboard.control.calibration_run import PHASES, CalibrationRun, result_lines
from commboard.events import CarerRequest, Key
from commboard.settings import BlinkSettings, Settings
from commboard.settings.profiles import load_profile
from commboard.shell import app
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.base import Close, Stay
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedFeed, ScriptedSamples
from commboard.vision.sample import EyeSample

# Timeline of a cooperative patient, seconds from the start of calibration:
# ready 0-3, open 3-6, closed 6-9 (closing 0.4 s late), blink 9-39.
BLINKS = [(10.0, 0.15), (13.0, 0.2), (16.5, 0.15), (19.0, 0.25), (22.0, 0.15),
          (25.5, 0.2), (28.0, 0.15), (31.0, 0.3), (34.0, 0.15), (37.0, 0.2)]  # fmt: skip


def patient(start: float = 0.0) -> list[EyeSample]:
    s = ScriptedSamples(start_t=start).open(6.4).closed(2.6)
    at = 9.0
    for when, length in BLINKS:
        s.open(when - at).closed(length)
        at = when + length
    return s.open(39.5 - at).samples()


def test_samples_land_in_the_phase_of_their_capture_time() -> None:
    run = CalibrationRun(BlinkSettings(), start=100.0)
    for s in patient(start=100.0):
        run.add(s)
    counts = {name: len(samples) for name, samples in run.samples.items()}
    assert counts == {"ready": 90, "open": 90, "closed": 90, "blink": 900}
    assert [p.name for p in run.announce(100.0)] == ["ready"]
    assert [p.name for p in run.announce(109.5)] == ["open", "closed", "blink"]
    assert run.announce(110.0) == []
    assert run.done(139.0) and not run.done(138.9)


def test_the_result_sets_levels_and_a_hold_above_the_longest_blink() -> None:
    run = CalibrationRun(BlinkSettings(), start=0.0)
    for s in patient():
        run.add(s)
    result = run.result()
    assert result.ok, result.problems
    assert result.open_level == pytest.approx(0.30) and result.closed_level == pytest.approx(0.12)
    assert len(result.blink_durations_s) == len(BLINKS)
    assert result.hold_s >= max(0.3, result.longest_blink_s + 0.15)
    assert result.settings.calibrated
    lines = result_lines(result)
    assert lines[0] == "Open eyes: 0.300; closed eyes: 0.120"
    assert lines[1].startswith(f"Blinks seen: {len(BLINKS)} (") and "longest 0.3" in lines[1]
    assert lines[2] == f"Hold time to select: {result.hold_s:.2f} s"


def _lines_for(samples: list[EyeSample], before: BlinkSettings | None = None) -> list[str]:
    run = CalibrationRun(before or BlinkSettings(), start=0.0)
    for s in samples:
        run.add(s)
    return result_lines(run.result())


def test_a_level_that_was_not_measured_says_so_instead_of_the_default() -> None:
    # Face gone while the eyes should have been closed (6-9 s), seen before and after.
    away = [s for s in patient() if not 6.0 <= s.t < 9.0]
    away += ScriptedSamples(start_t=6.0).no_face(3.0).samples()
    lines = _lines_for(sorted(away, key=lambda s: s.t))
    assert lines[0] == "Open eyes: 0.300; closed eyes: not measured", lines
    assert f"{BlinkSettings().closed_level:.3f}" not in " ".join(lines)
    assert lines[1] == "Blinks seen: not measured"
    assert lines[2] == f"Hold time to select: {BlinkSettings().hold_s:.2f} s (unchanged)"
    assert any("closed" in line for line in lines[3:]), "the reason follows"


def test_no_face_at_all_leaves_every_value_not_measured() -> None:
    lines = _lines_for(ScriptedSamples().no_face(39.5).samples())
    assert lines[:2] == [
        "Open eyes: not measured; closed eyes: not measured",
        "Blinks seen: not measured",
    ]
    assert not any(ch.isdigit() for ch in "".join(lines[:2]))


def test_a_failed_recalibration_does_not_pass_off_the_old_values_as_measured() -> None:
    before = BlinkSettings(open_level=0.31, closed_level=0.1, hold_s=0.7, calibrated=True)
    lines = _lines_for(ScriptedSamples().no_face(39.5).samples(), before)
    assert lines[:3] == [
        "Open eyes: not measured; closed eyes: not measured",
        "Blinks seen: not measured",
        "Hold time to select: 0.70 s (unchanged)",
    ]


def test_levels_measured_but_no_blinks_seen_keeps_the_hold_and_says_none() -> None:
    eyes = ScriptedSamples(open_ear=0.28, closed_ear=0.09)  # not the defaults: measured
    lines = _lines_for(eyes.open(6.4).closed(2.6).open(30.5).samples())
    assert lines[0] == "Open eyes: 0.280; closed eyes: 0.090"
    assert lines[1] == "Blinks seen: none"
    assert lines[2].endswith("(unchanged)")


class Ctx:
    def __init__(self) -> None:
        self.events: list[dict[str, object]] = []
        self.settings = Settings()
        self.profile = "anna"
        self.eyes = None  # the screen is handed its camera input directly

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings

    def layout_choices(self) -> list[object]:
        return []

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        self.events.append({"type": kind, **fields})


def test_the_screen_speaks_each_step_applies_and_saves_the_result() -> None:
    pygame.font.init()
    said: list[str] = []
    eyes = EyeInput(
        ScriptedFeed(), BlinkSwitch(BlinkSettings()), clock=VirtualClock(0.0), say=said.append
    )
    ctx = Ctx()
    screen = CalibrationScreen(ctx, eyes)
    surface = pygame.Surface((1280, 720))
    frames = patient()
    screen.draw(surface, TextCache(), 0.0)  # starts recording
    for s in frames:
        if eyes._tap is not None:  # what EyeInput.frame does with each sample while recording
            eyes._tap(s)
        if round(s.t * 30) % 8 == 0:
            screen.draw(surface, TextCache(), s.t)
    screen.draw(surface, TextCache(), 39.5)

    assert [p.spoken for p in PHASES] == said[:4]
    assert said[-1].startswith("Thank you.")
    assert ctx.settings.blink.calibrated, "the running board uses the result at once"
    saved, problems = load_profile("anna")
    assert not problems and saved.blink.calibrated
    assert saved.blink.hold_s == ctx.settings.blink.hold_s
    assert screen.saved is not None and screen.saved.name == "anna.yaml"
    assert eyes._tap is None, "samples go back to the blink switch"  # type: ignore[misc]
    assert isinstance(screen.handle(Key(40.0, pygame.K_x, "x"), 40.0), Close)


def test_escape_stops_without_saving_and_eyes_closed_throughout_is_not_saved() -> None:
    eyes = EyeInput(ScriptedFeed(), BlinkSwitch(BlinkSettings()), clock=VirtualClock(0.0))
    ctx = Ctx()
    screen = CalibrationScreen(ctx, eyes)
    screen.tick(0.0)
    assert isinstance(screen.handle(Key(1.0, pygame.K_x, "x"), 1.0), Stay)
    assert isinstance(screen.handle(CarerRequest(1.0), 1.0), Close)
    assert screen.result is None and not ctx.settings.blink.calibrated

    screen = CalibrationScreen(ctx, eyes)
    screen.tick(0.0)
    for s in ScriptedSamples().closed(39.5).samples():
        screen.run.add(s)  # type: ignore[union-attr]
    screen.tick(39.5)
    assert screen.result is not None and screen.result.problems
    assert screen.saved is None and not ctx.settings.blink.calibrated
    assert load_profile("anna")[0] == Settings()


SCRIPT = "\n".join(
    ["# calibration patient: open, closed 6.4-9.0 s, then natural blinks", "6.4 2.6 close"]
    + [f"{when} {length} close" for when, length in BLINKS]
)


def test_commboard_calibrate_headless_on_the_synthetic_face(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = tmp_path / "calibration.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    args = parse_options(
        ["calibrate", "--headless", "--virtual-clock", "--camera", f"synthetic:{script}",
         "--camera-fps", "15", "--speech", "none", "--profile", "bed3"]
    )  # fmt: skip
    assert app.calibrate(args) == 0
    out = capsys.readouterr().out
    saved, _ = load_profile("bed3")
    blink = saved.blink
    assert blink.calibrated
    assert blink.open_level - blink.closed_level > 0.06, (
        "real pixels: open and closed differ clearly"
    )
    assert 0.3 <= blink.hold_s <= 0.8
    assert "Hold time to select" in out and "saved:" in out


def test_commboard_calibrate_without_a_camera_stops_at_once_with_status_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    options = parse_options(["calibrate", "--headless", "--camera", "none", "--profile", "bed3"])
    assert app.calibrate(options) == 2
    assert "calibration needs a camera" in capsys.readouterr().err
    assert load_profile("bed3")[0] == Settings(), "nothing was saved"


def test_commboard_calibrate_with_no_picture_saves_nothing_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = parse_options(
        ["calibrate", "--headless", "--virtual-clock", "--camera", f"video:{tmp_path}/none.mp4",
         "--camera-fps", "15", "--speech", "none", "--profile", "bed3"]
    )  # fmt: skip
    assert app.calibrate(options) == 1
    said = capsys.readouterr()
    assert "calibration not saved" in said.err
    assert load_profile("bed3")[0] == Settings()
    # Review12: it ran every step on no picture, then blamed the eyes ("I could not see
    # the eyes well enough with them open"), so the carer moved the camera, not the path.
    assert "could not see the eyes" not in said.out
    assert "the camera could not be used" in said.err
