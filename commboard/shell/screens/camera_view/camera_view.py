"""The carer's camera view: the live picture with eye outlines and eye state, to set up the camera.

Opened from the carer menu (scanning is paused meanwhile).  It shows what
the camera sees, the outline of each eye (green open, red closed) when the
feed provides landmarks, each eye's aspect ratio against the patient's
calibrated levels, and plain-words warnings when the face is too small, too
dark or turned -- the three things a carer can fix by moving the laptop or a
lamp.  The picture lives only in memory: nothing on this screen saves it.

``camera_warnings`` and ``eye_readings`` are plain functions (tested without
pixels); ``CameraView`` is the pygame screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from commboard.adapters.pygame_input import CarerRequest, Key, UiEvent
from commboard.settings import BlinkSettings
from commboard.shell.screens.base import CameraAccess, Close, Open, Outcome, ShellContext, Stay
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.camera_view.camera_picture import Picture
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in
from commboard.shell.view import Rect
from commboard.signals.eye_state import tracking_problem
from commboard.vision import landmarks as lm
from commboard.vision.sample import CameraState, EyeSample

# Below this face width (share of the frame) an eye is under ~25 px wide at
# 640x480 and one pixel of landmark jitter moves the eye aspect ratio by
# several hundredths -- a good part of the open-closed difference.
MIN_FACE_WIDTH = 0.2
# Mean face luminance (0..255) below which webcam noise and auto-exposure
# start to dominate the eye region; halved room light (~70) still tracks.
MIN_BRIGHTNESS = 50.0
REDRAW_S = 1.0 / 15.0  # live picture refresh: smooth enough to aim a camera, cheap on 2 cores
# A forgotten camera view must not leave the patient without scanning: the
# loop closes it after this long without a carer key or click.  Longer than
# the menu's minute, as aiming a camera and moving a lamp need no key.
CAMERA_IDLE_S = 120.0

BACKGROUND = (11, 15, 20)
OPEN_COLOR = (46, 204, 113)
CLOSED_COLOR = (231, 76, 60)
WARN_BG = (255, 212, 0)
TEXT = (235, 238, 241)


@dataclass(frozen=True, slots=True)
class EyeReading:
    """One eye on the camera view: its aspect ratio and whether that reads as closed."""

    side: str  # "left" / "right": the patient's own
    ear: float | None
    closed: bool | None


def eye_readings(sample: EyeSample, settings: BlinkSettings) -> tuple[EyeReading, EyeReading]:
    """Each eye's EAR and open/closed against the patient's levels (closed below ``close_fraction``)."""
    cut = settings.closed_level + settings.close_fraction * (
        settings.open_level - settings.closed_level
    )

    def reading(side: str, ear: float | None) -> EyeReading:
        return EyeReading(side, ear, None if ear is None else ear < cut)

    return reading("left", sample.ear_left), reading("right", sample.ear_right)


def camera_warnings(sample: EyeSample | None, settings: BlinkSettings) -> list[str]:
    """What the carer should fix, in plain words (empty: the picture is good)."""
    if sample is None:
        return ["No picture from the camera."]
    if not sample.face_found:
        return ["No face found: point the camera at the patient's face."]
    out: list[str] = []
    if sample.face_width is not None and sample.face_width < MIN_FACE_WIDTH:
        out.append("The face is too small: move the camera closer.")
    if sample.brightness is not None and sample.brightness < MIN_BRIGHTNESS:
        out.append("The face is too dark: add light from the front.")
    problem = tracking_problem(sample, settings)
    if problem.startswith("head"):
        out.append(f"The {problem}: blinks are ignored. Face the camera straight on.")
    elif problem:
        out.append(f"Cannot read the eyes ({problem}).")
    return out


def _status_lines(
    eyes: CameraAccess | None, picture: Picture | None, settings: BlinkSettings
) -> list[str]:
    if eyes is None:
        return ["No camera in this board."]
    lines = [eyes.status_text()]
    if picture is None:
        return lines
    sample = picture.sample
    lines.append("Face: found" if sample.face_found else "Face: not found")
    for r in eye_readings(sample, settings):
        state = "-" if r.closed is None else ("closed" if r.closed else "open")
        value = "-" if r.ear is None else f"{r.ear:.3f}"
        lines.append(f"{r.side.capitalize()} eye: {value} {state}")
    lines.append(f"Levels: open {settings.open_level:.2f}, closed {settings.closed_level:.2f}")
    if sample.yaw_deg is not None and sample.pitch_deg is not None and sample.roll_deg is not None:
        lines.append(
            f"Head: turn {sample.yaw_deg:+.0f}, nod {sample.pitch_deg:+.0f}, "
            f"tilt {sample.roll_deg:+.0f} deg"
        )
    return lines


def to_surface(rgb: np.ndarray) -> pygame.Surface:
    """An RGB frame as a pygame surface (a copy in memory; never written anywhere)."""
    height, width = rgb.shape[:2]
    return pygame.image.frombuffer(np.ascontiguousarray(rgb).tobytes(), (width, height), "RGB")


def fit_rect(image: tuple[int, int], box: Rect) -> Rect:
    """The largest rectangle with the image's aspect ratio, centred in ``box``."""
    bx, by, bw, bh = box
    iw, ih = image
    scale = min(bw / max(1, iw), bh / max(1, ih))
    w, h = max(1, int(iw * scale)), max(1, int(ih * scale))
    return (bx + (bw - w) // 2, by + (bh - h) // 2, w, h)


def _outline(landmarks: np.ndarray, idx: Sequence[int], rect: Rect) -> list[tuple[float, float]]:
    x, y, w, h = rect
    return [(x + float(landmarks[i, 0]) * w, y + float(landmarks[i, 1]) * h) for i in idx]


def draw_eyes(
    surface: pygame.Surface, picture: Picture, rect: Rect, settings: BlinkSettings
) -> None:
    """Eye outlines on the shown picture: green open, red closed (no landmarks: nothing)."""
    if picture.landmarks is None or not picture.sample.face_found:
        return
    left, right = eye_readings(picture.sample, settings)
    width = max(2, rect[2] // 200)
    for reading, contour in ((left, lm.CONTOUR_LEFT), (right, lm.CONTOUR_RIGHT)):
        color = CLOSED_COLOR if reading.closed else OPEN_COLOR
        pygame.draw.lines(surface, color, True, _outline(picture.landmarks, contour, rect), width)


class CameraView:
    """Carer screen: live picture, eye outlines and readings, warnings.  C calibrates."""

    wants_text = False
    wants_switches = False  # the carer's "close your eyes" must not select anything
    idle_timeout_s: float | None = CAMERA_IDLE_S

    def __init__(self, ctx: ShellContext, eyes: CameraAccess | None) -> None:
        self.ctx = ctx
        self.eyes = eyes
        self._drawn_at: float | None = None

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Escape or B goes back; C starts calibration."""
        match event:
            case CarerRequest():
                return Close()
            case Key(text=text) if text.lower() == "b":
                return Close()
            case Key(text=text) if text.lower() == "c":
                return Open(CalibrationScreen(self.ctx, self.eyes))
        return Stay()

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
        width, height = surface.get_size()
        surface.fill(BACKGROUND)
        gap = max(8, height // 60)
        title = (gap, gap, width - 2 * gap, height // 10)
        header = "Camera view - the picture is never saved.  C: calibrate   B or Escape: back"
        blit_in(surface, texts.text(header, title[2:], PAPER, title[3] // 2), title, "left")
        settings = self.ctx.settings.blink
        picture = self.eyes.picture() if self.eyes is not None else None
        box = (gap, title[3] + 2 * gap, width * 62 // 100, height - title[3] - 3 * gap)
        self._picture(surface, texts, picture, box, settings)
        side = (box[0] + box[2] + gap, box[1], width - box[2] - 3 * gap, box[3])
        self._side(surface, texts, picture, side, settings)

    def _picture(
        self,
        surface: pygame.Surface,
        texts: TextCache,
        picture: Picture | None,
        box: Rect,
        settings: BlinkSettings,
    ) -> None:
        pygame.draw.rect(surface, (32, 38, 46), box)
        if picture is None:
            blit_in(surface, texts.text("No picture", box[2:], TEXT, box[3] // 8), box)
            return
        image = to_surface(picture.rgb)
        rect = fit_rect(image.get_size(), box)
        surface.blit(pygame.transform.smoothscale(image, rect[2:]), rect[:2])
        draw_eyes(surface, picture, rect, settings)

    def _side(
        self,
        surface: pygame.Surface,
        texts: TextCache,
        picture: Picture | None,
        box: Rect,
        settings: BlinkSettings,
    ) -> None:
        x, y, w, h = box
        line_h = h // 14
        for i, line in enumerate(_status_lines(self.eyes, picture, settings)):
            rect = (x, y + i * line_h, w, line_h)
            blit_in(surface, texts.text(line, (w, line_h), TEXT, line_h * 3 // 4), rect, "left")
        sample = picture.sample if picture is not None else None
        warn_live = self.eyes is not None and self.eyes.state is CameraState.OK
        warnings = camera_warnings(sample, settings) if warn_live or sample else []
        top = y + 7 * line_h
        for i, text in enumerate(warnings[:3]):
            rect = (x, top + i * (2 * line_h + 4), w, 2 * line_h)
            pygame.draw.rect(surface, WARN_BG, rect, border_radius=8)
            inner = (rect[0] + 8, rect[1] + 4, rect[2] - 16, rect[3] - 8)
            blit_in(surface, texts.text(text, inner[2:], INK, line_h * 3 // 4), inner)


def open_camera_view(ctx: ShellContext) -> Outcome:
    """The carer menu's "Camera view" entry."""
    return Open(CameraView(ctx, ctx.eyes))
