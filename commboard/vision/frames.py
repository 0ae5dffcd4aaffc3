"""Frames, the sources that deliver them, and the landmark detector seam.

A ``FrameSource`` is a webcam, a video file or the synthetic face
(``commboard/adapters``).  A ``LandmarkDetector`` turns one RGB frame into
MediaPipe's 478 face landmarks.  Both are Protocols so the camera worker can
be tested with fakes.  Frames live in memory only: nothing here or in the
adapters ever writes a frame to disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

from commboard.vision.sample import EyeSample

RGBImage = npt.NDArray[np.uint8]
"""An ``(height, width, 3)`` uint8 array in RGB order."""

Landmarks = npt.NDArray[np.float64]
"""A ``(478, 3)`` array: x, y normalised to the image (0..1), z on x's scale."""


@dataclass(frozen=True, slots=True, eq=False)
class Frame:
    """One camera picture and the monotonic time it was captured."""

    t: float
    rgb: RGBImage


@dataclass(frozen=True, slots=True)
class Picture:
    """The newest camera frame for the carer's camera view (kept in memory only, never on disk).

    Attributes:
        rgb: the frame as captured.
        sample: its eye sample.
        landmarks: the face landmarks found in it (None: none kept, or no face).
    """

    rgb: RGBImage
    sample: EyeSample
    landmarks: Landmarks | None = None


class FrameSource(Protocol):
    """Anything that delivers frames.

    ``read`` returns the next frame, or None when none is available (a camera
    that failed, or a video that has ended).  ``finished`` tells the two apart:
    it is True once a finite source (a video file) has delivered its last frame.
    """

    finished: bool

    def read(self) -> Frame | None: ...

    def close(self) -> None: ...


class LandmarkDetector(Protocol):
    """Face landmarks for one RGB frame, or None when there is no face."""

    def detect(self, rgb: RGBImage) -> Landmarks | None: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class CameraSpec:
    """A parsed ``--camera`` value.

    Attributes:
        kind: ``auto``, ``index``, ``video``, ``synthetic`` or ``none``.
        index: the webcam number for ``index:N``.
        path: the video file for ``video:PATH`` or the script for ``synthetic:SCRIPT``
            (empty = the built-in demo script).
    """

    kind: str
    index: int = 0
    path: str = ""


def parse_camera_spec(spec: str) -> CameraSpec:
    """Parse ``auto | index:N | video:PATH | synthetic[:SCRIPT] | none``.

    Raises:
        ValueError: with a plain-words message naming the accepted forms.
    """
    kind, _, rest = spec.strip().partition(":")
    kind = kind.lower()
    if kind in ("auto", "none") and not rest:
        return CameraSpec(kind)
    if kind == "synthetic":
        return CameraSpec(kind, path=rest)
    if kind == "video" and rest:
        return CameraSpec(kind, path=rest)
    if kind == "index" and rest.isdigit():
        return CameraSpec(kind, index=int(rest))
    raise ValueError(
        f"unknown camera {spec!r}: use auto, index:N, video:PATH, synthetic[:SCRIPT] or none"
    )
