"""The newest frame's face landmarks, kept for the carer's camera view (memory only).

``EyeInput.picture`` hands the camera view the newest frame and its eye
sample as a ``vision.frames.Picture``, with the face landmarks this wrapper
of the landmark detector kept, so the carer can check the eye outlines.
Camera frames are never written to disk.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np


class LandmarkMemory:
    """Wraps the landmark detector so the camera view can draw the newest frame's eye outlines.

    ``make`` is given to ``open_vision(make_detector=...)``; the worker thread
    calls ``detect``, the frame loop reads ``latest``.  Replacing one array
    reference is atomic in CPython, so no lock is needed; the outlines may be
    one frame newer than the picture, which nobody can see.
    """

    def __init__(self, make_detector: Callable[[], Any]) -> None:
        self._make = make_detector
        self._inner: Any = None
        self._latest: np.ndarray | None = None
        self._turn_rolled = True

    def make(self) -> LandmarkMemory:
        """Build the real detector (in the thread that will use it) and return the wrapper."""
        self._inner = self._make()
        self.turn_rolled(self._turn_rolled)
        return self

    def turn_rolled(self, on: bool) -> None:
        """Whether the detector turns a rolled face upright first (looks need it; any thread)."""
        self._turn_rolled = on
        if self._inner is not None and hasattr(self._inner, "turn_rolled"):
            self._inner.turn_rolled = on

    def detect(self, rgb: np.ndarray) -> np.ndarray | None:
        found: np.ndarray | None = self._inner.detect(rgb)
        self._latest = found
        return found

    def latest(self) -> np.ndarray | None:
        """Landmarks of the newest processed frame (None: no face)."""
        return self._latest

    def close(self) -> None:
        if self._inner is not None:
            self._inner.close()
