"""``commboard calibrate``: the guided blink calibration on its own, without the board.

Opens the camera, the speaker and a window (or a headless surface), runs the
same ``CalibrationScreen`` the carer menu opens over the board, prints the
result and says where it was saved.  Exit status: 0 saved, 1 not saved,
2 no camera.  Headless and ``--virtual-clock`` runs close the result screen
by themselves after ``RESULT_S``.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import pygame

from commboard.adapters.pygame_input import WindowClosed, translate
from commboard.settings import Settings
from commboard.shell.calibration_run import result_lines
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.base import Close
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.text_fit import TextCache
from commboard.vision.sample import CameraStatus

RESULT_S = 5.0  # headless runs: how long the result stays up before ``commboard calibrate`` ends


class _AloneContext:
    """``ShellContext`` for calibration outside the board: settings only."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def layouts_root(self) -> Path:
        return Path(".")


def _feed_screen(eyes: EyeInput, screen: CalibrationScreen, now: float) -> None:
    for item in eyes.feed.drain(now):
        if isinstance(item, CameraStatus):
            eyes.state = item.state
            print(f"commboard: camera: {item.message}", file=sys.stderr)
        elif screen.run is not None and screen.finished_at is None:
            screen.run.add(item)


def _calibration_loop(
    args: Any, surface: pygame.Surface, eyes: EyeInput, screen: CalibrationScreen
) -> None:
    virtual = bool(getattr(args, "virtual_clock", False))
    now = start = 1000.0 if virtual else time.monotonic()
    frame_s = 1.0 / max(1.0, float(args.camera_fps))
    texts = TextCache()
    auto_close = virtual or bool(getattr(args, "headless", False))
    while True:
        screen.tick(now)
        if auto_close and screen.finished_at is not None and now - screen.finished_at >= RESULT_S:
            return
        _feed_screen(eyes, screen, now)
        for ev in pygame.event.get():
            ui = translate(ev, now, None)
            if isinstance(ui, WindowClosed):
                screen.stop()
                return
            if ui is not None and isinstance(screen.handle(ui, now), Close):
                return
        screen.draw(surface, texts, now)
        pygame.display.flip()
        if virtual:
            now += frame_s
        else:
            pygame.time.wait(int(frame_s * 1000))
            now = time.monotonic()
        if now - start > 10 * 60:  # never hang: a calibration left open ends after 10 minutes
            return


def run_calibration(args: argparse.Namespace) -> int:
    """``commboard calibrate``: guide, measure, show and save; 0 saved, 1 not, 2 no camera."""
    if str(args.camera).strip().lower() == "none":
        print(
            "commboard: calibration needs a camera (--camera auto, index:N, video:... or synthetic)",
            file=sys.stderr,
        )
        return 2
    if getattr(args, "headless", False):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from commboard.adapters.camera_worker import open_vision
    from commboard.adapters.pyttsx3_speaker import open_speaker
    from commboard.profiles import load_profile
    from commboard.signals.blink_switch import BlinkSwitch

    settings, problems = load_profile(args.profile)
    for problem in problems:
        print(f"commboard: settings: {problem}", file=sys.stderr)
    virtual = bool(getattr(args, "virtual_clock", False))
    pygame.display.init()
    pygame.font.init()
    size = args.windowed or ((1280, 720) if getattr(args, "headless", False) else (0, 0))
    surface = pygame.display.set_mode(
        size, 0 if args.windowed or size != (0, 0) else pygame.FULLSCREEN
    )
    start = 1000.0 if virtual else time.monotonic()
    feed = open_vision(
        args.camera,
        virtual_clock=virtual,
        size=args.camera_size,
        fps=args.camera_fps,
        start_t=start,
    )
    speaker = open_speaker(args.speech, settings.speech)
    eyes = EyeInput(
        feed,
        BlinkSwitch(settings.blink),
        camera=args.camera,
        virtual_clock=virtual,
        fps=args.camera_fps,
        profile=args.profile,
        say=speaker.say,
    )
    screen = CalibrationScreen(_AloneContext(settings), eyes)
    try:
        eyes.start()
        _calibration_loop(args, surface, eyes, screen)
    finally:
        eyes.close()
        speaker.close()
        pygame.quit()
    return _report(screen)


def _report(screen: CalibrationScreen) -> int:
    result = screen.result
    if result is None:
        print("commboard: calibration stopped; nothing was saved", file=sys.stderr)
        return 1
    for line in result_lines(result):
        print(line)
    if screen.save_error:
        print(f"commboard: {screen.save_error}", file=sys.stderr)
    if screen.saved is None:
        print("commboard: calibration not saved", file=sys.stderr)
        return 1
    print(f"saved: {screen.saved}")
    return 0
