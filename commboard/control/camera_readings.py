"""What the carer reads on the camera view, as data: status, eye readings, warnings.

The camera view (``shell.screens.camera_view``) builds a ``CameraReadings``
each frame (``camera_readings``) and ``camera_paint`` draws it.  ``camera_warnings`` and ``eye_readings`` are
plain functions, tested without pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from commboard.settings import BlinkSettings
from commboard.signals.eye_state import tracking_problem
from commboard.vision.frames import Picture
from commboard.vision.sample import CameraState, EyeSample


class CameraReport(Protocol):
    """What the camera view reads of the board's camera input (``shell.eye_input.EyeInput``)."""

    @property
    def state(self) -> CameraState:
        """Whether the camera is starting, working, lost or missing."""

    def picture(self) -> Picture | None:
        """The newest frame with its eye sample (memory only), None before the first."""

    def status_text(self) -> str:
        """The camera's part of the status line, in words."""


# Below this face width (share of the frame) an eye is under ~25 px wide at
# 640x480 and one pixel of landmark jitter moves the eye aspect ratio by
# several hundredths -- a good part of the open-closed difference.
MIN_FACE_WIDTH = 0.2
# Mean face luminance (0..255) below which webcam noise and auto-exposure
# start to dominate the eye region; halved room light (~70) still tracks.
MIN_BRIGHTNESS = 50.0


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


@dataclass(frozen=True, slots=True)
class CameraReadings:
    """The camera view for one frame: the picture, the lines beside it, what to fix."""

    picture: Picture | None  # the newest frame (memory only), None before the first
    lines: tuple[str, ...]  # camera state, face, each eye, levels, head pose
    warnings: tuple[str, ...]  # at most three things the carer should fix
    eyes: tuple[EyeReading, EyeReading] | None  # outline colours (None: no outlines to draw)


def camera_readings(eyes: CameraReport | None, settings: BlinkSettings) -> CameraReadings:
    """What the camera view shows now, read from the board's camera input."""
    picture = eyes.picture() if eyes is not None else None
    sample = picture.sample if picture is not None else None
    warn_live = eyes is not None and eyes.state is CameraState.OK
    warnings = camera_warnings(sample, settings) if warn_live or sample else []
    outlines = None
    if picture is not None and picture.landmarks is not None and picture.sample.face_found:
        outlines = eye_readings(picture.sample, settings)
    lines = _status_lines(eyes, picture, settings)
    return CameraReadings(picture, tuple(lines), tuple(warnings[:3]), outlines)


def _status_lines(
    eyes: CameraReport | None, picture: Picture | None, settings: BlinkSettings
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
