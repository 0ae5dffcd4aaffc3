"""What the camera pipeline hands to the rest of the board: one ``EyeSample`` per frame.

The vision worker turns each frame into an ``EyeSample`` (frame -> MediaPipe
landmarks -> ``commboard.vision.metrics``) and sends it to the frame loop,
which feeds it to the blink switch (``commboard.signals``).  Status changes of
the camera itself travel as ``CameraStatus``.  ``t`` is always the frame's
*capture* time in monotonic seconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class EyeSample:
    """Eye and head measurements from one frame.

    When ``face_found`` is False every measurement is None: a missing face is
    never a closed eye.

    Attributes:
        t: capture time of the frame (monotonic seconds).
        face_found: MediaPipe found a face.
        ear_left / ear_right: eye aspect ratio of the patient's left / right eye.
        iris_left / iris_right: where the eye points, (x, y) in -1..1, measured
            against the eye's corners (x: -1 = towards the corner on the image
            left; y: -1 = up; ``vision.metrics.iris_position``).
        iris_low: how low the iris sits between the lids (0 centre .. 1 at the
            lower lid; the lower of the two eyes): the blink switch's
            "looking down" rule.
        yaw_deg / pitch_deg / roll_deg: head rotation estimate (0 = facing camera;
            pitch > 0 = looking down).
        face_width: face width as a fraction of the frame width.
        brightness: mean luminance of the face region, 0..255.
        frame_size: the camera picture's (width, height) in pixels (a gaze
            map is only valid for the size it was made with).
        height_left / height_right: how high the eye is turned for looks up and
            down (-1 up .. 1 down), measured from the bridge of the nose
            (``vision.metrics.look_height``); None when not measured (a sample
            made by hand): looks then read the iris position's y.
    """

    t: float
    face_found: bool
    ear_left: float | None = None
    ear_right: float | None = None
    iris_left: tuple[float, float] | None = None
    iris_right: tuple[float, float] | None = None
    iris_low: float | None = None
    yaw_deg: float | None = None
    pitch_deg: float | None = None
    roll_deg: float | None = None
    face_width: float | None = None
    brightness: float | None = None
    frame_size: tuple[int, int] | None = None
    height_left: float | None = None
    height_right: float | None = None


class CameraState(StrEnum):
    NONE = "none"  # no camera configured or found: keyboard/switch only
    STARTING = "starting"
    OK = "ok"
    LOST = "lost"  # was working, stopped delivering frames; reconnecting
    ERROR = "error"  # MediaPipe or decoding error on a frame; the board goes on
    ENDED = "ended"  # a video file finished


@dataclass(frozen=True, slots=True)
class CameraStatus:
    """The camera's state changed; ``message`` is plain words for the screen."""

    t: float
    state: CameraState
    message: str = ""
