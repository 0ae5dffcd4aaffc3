"""The carer's camera view: the live picture with eye outlines and eye state, to set up the camera.

Opened from the carer menu (scanning is paused meanwhile).  It shows what
the camera sees, the outline of each eye (green open, red closed) when the
feed provides landmarks, each eye's aspect ratio against the patient's
calibrated levels, and plain-words warnings when the face is too small, too
dark or turned -- the three things a carer can fix by moving the laptop or a
lamp.  The picture lives only in memory: nothing on this screen saves it.

``CameraView`` is the screen: it builds ``CameraReadings`` each frame
(``camera_readings``) and ``camera_paint`` draws them.
"""

from __future__ import annotations

import pygame

from commboard.control.camera_readings import CameraReadings, camera_readings
from commboard.events import CarerRequest, Key, UiEvent
from commboard.shell.screens.base import (
    CameraAccess,
    Close,
    Open,
    Outcome,
    Screen,
    ShellContext,
    Stay,
)
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.camera_view.camera_paint import paint
from commboard.shell.screens.text_fit import TextCache

REDRAW_S = 1.0 / 15.0  # live picture refresh: smooth enough to aim a camera, cheap on 2 cores
# A forgotten camera view must not leave the patient without scanning: the
# loop closes it after this long without a carer key or click.  Longer than
# the menu's minute, as aiming a camera and moving a lamp need no key.
CAMERA_IDLE_S = 120.0
CALIBRATE_KEY = "b"  # the carer menu's letter for "Calibrate blinks"


class CameraView:
    """Carer screen: live picture, eye outlines and readings, warnings.  B calibrates blinks."""

    wants_text = False
    wants_switches = False  # the carer's "close your eyes" must not select anything
    idle_timeout_s: float | None = CAMERA_IDLE_S

    def __init__(self, ctx: ShellContext, eyes: CameraAccess | None) -> None:
        self.ctx = ctx
        self.eyes = eyes
        self._drawn_at: float | None = None

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Escape goes back; B starts blink calibration, the carer menu's letter for it.

        The letters agree with the menu (C: camera view, B: calibrate blinks),
        so a carer who learnt them there never goes back when meaning to
        calibrate; C, this screen's own letter, keeps the view open.
        """
        match event:
            case CarerRequest():
                return Close()
            case Key(text=text) if text.lower() == CALIBRATE_KEY:
                return Open(CalibrationScreen(self.ctx, self.eyes))
        return Stay()

    draft_slot: str | None = None  # keeps no unsaved work

    def resume(self, kept: Screen, now: float) -> Screen:
        """Keeps no drafts: opens as it is."""
        return self

    def timeout_note(self) -> str | None:
        """Closing the camera view loses nothing."""
        return None

    def next_deadline(self, now: float) -> float | None:
        """A live picture: redraw several times a second while a camera is there."""
        if self.eyes is None:
            return None
        return now if self._drawn_at is None else self._drawn_at + REDRAW_S

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Picture on the left, readings and warnings on the right."""
        self._drawn_at = now
        paint(surface, texts, self.view())

    def view(self) -> CameraReadings:
        """What the view shows now: the newest picture, its readings and warnings."""
        return camera_readings(self.eyes, self.ctx.settings.blink)


def open_camera_view(ctx: ShellContext) -> Outcome:
    """The carer menu's "Camera view" entry."""
    return Open(CameraView(ctx, ctx.eyes))
