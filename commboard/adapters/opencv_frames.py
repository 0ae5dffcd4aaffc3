"""Webcams (``auto``, ``index:N``) and video files (``video:PATH``) as ``FrameSource``s via OpenCV.

Frames are converted to RGB and kept in memory only.  Live sources are read
as fast as they deliver, so the newest frame always wins; a video played in
real time skips the frames it is late for rather than queueing them.  On a
virtual clock (``Clock.virtual``) every frame is delivered and stamped
``start_t + n / fps``.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from commboard.adapters.opencv_quiet import open_capture
from commboard.clock import Clock
from commboard.vision.frames import Frame

_MAX_AUTO_INDEX = 4  # `auto` tries /dev/video0..3 (or indices 0..3 elsewhere)


class FramePace:
    """When frame ``n`` of a source playing ``fps`` frames from ``start_t`` is due, and its stamp.

    Shared by the sources that play at a rate (video files, the synthetic
    face) and by the webcam's virtual-clock stamps.  On a virtual clock frame
    ``n`` is stamped ``start_t + n / fps`` and delivered at once; in real time
    the reader waits for it (``wait``).
    """

    def __init__(self, fps: float, *, clock: Clock, start_t: float) -> None:
        self.fps = fps
        self.clock = clock
        self.start_t = start_t
        self.virtual = clock.virtual

    def stamp(self, n: int) -> float:
        """Frame ``n``'s time on the run's clock, had it come exactly on time."""
        return self.start_t + n / self.fps

    def wait(self, n: int) -> tuple[float, int]:
        """Sleep until frame ``n`` is due; return (now, newest frame due by now, at least ``n``).

        Real-time playback (files, scripted faces): a late caller skips to the newest frame.
        """
        wait = self.stamp(n) - self.clock.now()
        if wait > 0:
            time.sleep(wait)
        now = self.clock.now()
        return now, max(n, math.floor((now - self.start_t) * self.fps))


class _CaptureSource:
    """Shared reading of a ``cv2.VideoCapture``; subclasses decide pacing."""

    def __init__(
        self,
        cap: cv2.VideoCapture,
        fps: float,
        *,
        clock: Clock,
        start_t: float,
    ) -> None:
        self.finished = False
        self._cap = cap
        self._pace = FramePace(fps, clock=clock, start_t=start_t)
        self._frame_no = 0

    def _grab_frame(self, t: float | None) -> Frame | None:
        ok, bgr = self._cap.read()
        if not ok or bgr is None:
            return None
        n, self._frame_no = self._frame_no, self._frame_no + 1
        if t is None:
            t = self._pace.stamp(n) if self._pace.virtual else self._pace.clock.now()
        return Frame(t, np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), np.uint8))  # no copy

    def close(self) -> None:
        self._cap.release()


class WebcamSource(_CaptureSource):
    """A webcam by index, asked for ``size`` and ``fps`` (it may deliver something close)."""

    def __init__(
        self,
        index: int,
        size: tuple[int, int],
        fps: float,
        *,
        clock: Clock,
        start_t: float,
    ) -> None:
        cap = open_capture(index)  # OpenCV's own log kept quiet
        if not cap.isOpened():
            cap.release()
            raise OSError(f"camera {index} could not be opened")
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
        cap.set(cv2.CAP_PROP_FPS, fps)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)  # keep the driver from queueing stale frames
        super().__init__(cap, fps, clock=clock, start_t=start_t)

    def read(self) -> Frame | None:
        return self._grab_frame(None)


def find_webcam(
    size: tuple[int, int], fps: float, *, clock: Clock, start_t: float
) -> WebcamSource | None:
    """The first webcam that opens, or None.  On Linux only existing /dev/video* are tried."""
    for index in range(_MAX_AUTO_INDEX):
        if sys.platform.startswith("linux") and not Path(f"/dev/video{index}").exists():
            continue
        try:
            return WebcamSource(index, size, fps, clock=clock, start_t=start_t)
        except OSError:
            continue
    return None


class VideoFileSource(_CaptureSource):
    """A video file, played by its own frame rate."""

    def __init__(
        self,
        path: str,
        *,
        clock: Clock,
        start_t: float,
    ) -> None:
        if not Path(path).is_file():
            raise OSError(f"no video file at {path}")
        cap = open_capture(path)  # OpenCV's own log kept quiet
        if not cap.isOpened():
            cap.release()
            raise OSError(f"OpenCV cannot read the video {path}")
        fps = float(cap.get(cv2.CAP_PROP_FPS) or 0.0)
        if not 1.0 <= fps <= 240.0 or math.isnan(fps):
            fps = 30.0  # a file without a usable rate: assume the common webcam rate
        super().__init__(cap, fps, clock=clock, start_t=start_t)

    @property
    def fps(self) -> float:
        return self._pace.fps

    def read(self) -> Frame | None:
        frame = self._grab_frame(None) if self._pace.virtual else self._read_paced()
        if frame is None:
            self.finished = True
        return frame

    def _read_paced(self) -> Frame | None:
        _, newest = self._pace.wait(self._frame_no)
        for _ in range(newest - self._frame_no):  # late: drop the frames we missed
            if not self._cap.grab():
                return None
            self._frame_no += 1
        return self._grab_frame(self._pace.stamp(self._frame_no))
