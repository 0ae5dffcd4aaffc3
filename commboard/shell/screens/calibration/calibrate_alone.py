"""``commboard calibrate``'s screen part: the calibration screen on its own, without the board.

``shell.app.calibrate`` builds the display, clock, speaker and camera (as
for ``run``); this module runs the same ``CalibrationScreen`` the carer menu
opens over the board, frame by frame, then prints the result and says where
it was saved.  Headless and ``--virtual-clock`` runs close the result screen
by themselves after ``RESULT_S``.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import translate
from commboard.board.layout_file import emergency_layout
from commboard.board.layout_places import LayoutChoice
from commboard.board.model import Layout
from commboard.clock import Clock
from commboard.control.gaze_calibration_run import GAZE_PHASES, GazeCalibrationRun
from commboard.control.write_problems import WriteStatus
from commboard.events import WindowClosed
from commboard.settings import Settings
from commboard.settings.gaze_map_file import gaze_map_path
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.base import CameraAccess, Close
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen, gaze_run
from commboard.shell.screens.text_fit import TextCache
from commboard.vision.sample import CameraState, CameraStatus

RESULT_S = 5.0  # headless runs: how long the result stays up before ``commboard calibrate`` ends
LONGEST_S = 10 * 60  # never hang: a calibration left open ends after 10 minutes


class AloneContext:
    """``ShellContext`` for calibration outside the board: settings, profile and camera only."""

    def __init__(self, settings: Settings, profile: str, eyes: CameraAccess | None) -> None:
        self._settings = settings
        self._profile = profile
        self._eyes = eyes

    @property
    def settings(self) -> Settings:
        return self._settings

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings

    def layout_choices(self) -> list[LayoutChoice]:
        return []  # no carer menu here

    @property
    def profile(self) -> str:
        return self._profile

    @property
    def eyes(self) -> CameraAccess | None:
        return self._eyes

    @property
    def layout(self) -> Layout:
        return emergency_layout()  # no board here: nothing to edit

    @property
    def page_id(self) -> str:
        return self.layout.home

    def say(self, text: str) -> None:
        if self._eyes is not None:
            self._eyes.say(text)

    @property
    def history_path(self) -> Path | None:
        """Calibrating alone shows no history."""
        return None

    def history_status(self) -> WriteStatus | None:
        """Calibrating alone keeps no history."""
        return None

    def calendar(self) -> datetime:
        return datetime.now().astimezone()

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        """Calibrating alone keeps no event log: the terminal shows the result."""

    def kept_drafts(self) -> list[str]:
        """Calibrating alone opens no other screen: nothing is kept."""
        return []

    def learned_counts(self) -> tuple[int, int] | None:
        """Calibrating alone keeps no learned words."""
        return None

    def forget_learned(self) -> str:
        """Calibrating alone keeps no learned words."""
        return ""


def calibration_screen(
    settings: Settings, profile: str, eyes: EyeInput, gaze: bool = False
) -> CalibrationScreen:
    """The calibration screen for ``profile``, outside the board (``gaze``: looks, not blinks)."""
    ctx = AloneContext(settings, profile, eyes)
    if gaze:
        return CalibrationScreen(ctx, eyes, GAZE_PHASES, make_run=gaze_run)
    return CalibrationScreen(ctx, eyes)


def _feed_screen(eyes: EyeInput, screen: CalibrationScreen, now: float) -> bool:
    """Hand the camera's samples to the screen; False when the camera could not be opened."""
    opened = True
    for item in eyes.feed.drain(now):
        if isinstance(item, CameraStatus):
            eyes.state = item.state
            print(f"commboard: camera: {item.message}", file=sys.stderr)
            opened = opened and item.state is not CameraState.NONE
        elif screen.run is not None and screen.finished_at is None:
            screen.run.add(item)
    return opened


def run_alone(
    screen: CalibrationScreen,
    eyes: EyeInput,
    surface: pygame.Surface,
    clock: Clock,
    fps: float,
    auto_close: bool,
) -> bool:
    """Run ``screen`` until it closes, the window closes, or (``auto_close``) the result was shown.

    False at once when the camera could not be opened: measuring no picture
    would end in "I could not see the eyes", and the carer would move the camera.
    """
    now = start = clock.now()
    frame_s = 1.0 / max(1.0, float(fps))
    texts = TextCache()
    while True:
        screen.tick(now)
        if auto_close and screen.finished_at is not None and now - screen.finished_at >= RESULT_S:
            return True
        if not _feed_screen(eyes, screen, now):
            screen.stop()
            return False
        for ev in pygame.event.get():
            ui = translate(ev, now, None)
            if isinstance(ui, WindowClosed):
                screen.stop()
                return True
            if ui is not None and isinstance(screen.handle(ui, now), Close):
                return True
        screen.draw(surface, texts, now)
        pygame.display.flip()
        if clock.virtual:
            clock.advance_to(now + frame_s)
        else:
            pygame.time.wait(int(frame_s * 1000))
        now = clock.now()
        if now - start > LONGEST_S:
            return True


def report(screen: CalibrationScreen) -> int:
    """Print the result and where it was saved; the exit status: 0 saved, 1 not saved."""
    if screen.result is None or screen.run is None:
        print("commboard: calibration stopped; nothing was saved", file=sys.stderr)
        return 1
    for line in screen.run.lines():
        print(line)
    if screen.save_error:
        print(f"commboard: {screen.save_error}", file=sys.stderr)
    if screen.saved is None:
        print("commboard: calibration not saved", file=sys.stderr)
        return 1
    print(f"saved: {screen.saved}")
    if isinstance(screen.run, GazeCalibrationRun) and screen.run.stored_map()[0] is not None:
        print(f"saved: {gaze_map_path(screen.ctx.profile)} (the gaze map for dwell)")
    return 0
