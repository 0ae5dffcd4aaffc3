"""The camera pipeline's logic without threads or clocks: frames in, samples and status changes out.

``VisionPipeline`` owns a frame source and a landmark detector (both Protocols)
and turns frames into ``EyeSample``s, reporting every change of the camera's
state as a ``CameraStatus``.  Time is always a parameter.  The adapter
``commboard.adapters.camera_worker.VisionFeed`` drives it either from a worker
thread (real time) or straight from ``drain(now)`` (virtual clock).

Faults never stop the board: no camera -> NONE; a camera that stops
delivering -> LOST and a reconnect attempt every ``reconnect_s``; an error on
one frame -> ERROR (plus a face-not-found sample), then on with the next frame;
a video that ends -> ENDED.

A model that fails on two frames in a row is broken, not unlucky: MediaPipe's
graph, once it has raised, raises on every later frame.  It is closed and made
again, ``REMAKE_FIRST_S`` later, then after twice as long each time that fails
too (up to ``REMAKE_MAX_S``), with "trying again" on the board; frames until it
works are "no face" (never "eyes closed"), and the first good one is OK again.
"""

from __future__ import annotations

import contextlib
import threading
from collections import deque
from collections.abc import Callable

from commboard.vision.frames import Frame, FrameSource, LandmarkDetector, RGBImage
from commboard.vision.metrics import measure
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

Item = EyeSample | CameraStatus
SourceOpener = Callable[[float], FrameSource | None]
"""Opens the camera: ``start_t -> source``; None means there is no camera (yet)."""

MESSAGES = {
    CameraState.NONE: "No camera — using the keyboard switch",
    CameraState.STARTING: "Starting the camera",
    CameraState.OK: "Camera working",
    CameraState.LOST: "Camera lost — using keyboard switch",
    CameraState.ERROR: "Face tracking error — using keyboard switch",
    CameraState.ENDED: "The video has ended — using keyboard switch",
}
CANNOT_START = "Cannot use the camera — using keyboard switch"
RESTARTING = "Face tracking stopped working — trying again — using keyboard switch"
# Seconds before a broken model is made again, doubled at each failure up to the
# most: a model that cannot start costs a few tenths of a second of the camera
# thread each time, so a lasting fault is retried twice a minute, not at every frame.
REMAKE_FIRST_S = 1.0
REMAKE_MAX_S = 30.0
QUEUE_SAMPLES = 90  # real time: ~3 s at 30 fps; if the loop stops draining, the oldest go


def process_frame(detector: LandmarkDetector, frame: Frame) -> EyeSample:
    """Landmarks and metrics for one frame: the per-frame work the benchmark times."""
    return measure(frame.rgb, frame.t, detector.detect(frame.rgb))


class VisionPipeline:
    """Frames -> samples, with camera-state reporting; thread-safe hand-over of the results."""

    def __init__(
        self,
        open_source: SourceOpener,
        make_detector: Callable[[], LandmarkDetector],
        reconnect_s: float = 3.0,
        max_samples: int | None = QUEUE_SAMPLES,
    ) -> None:
        self._max_samples = max_samples  # None: keep every sample (virtual clock)
        self._open = open_source
        self._make_detector = make_detector
        self.reconnect_s = reconnect_s
        self.source: FrameSource | None = None
        self.detector: LandmarkDetector | None = None
        self.retry_at = 0.0
        self.last_frame_t = 0.0
        self._frame_dt: float | None = None  # interval between the last two frames
        self._ahead: Frame | None = None  # virtual clock: read, not yet due
        self._state: CameraState | None = None
        self._items: deque[Item] = deque()
        self._lock = threading.Lock()
        self._latest: tuple[RGBImage, EyeSample] | None = None
        self._began = False  # the model was made once: frames are read (virtual clock)
        self._failures = 0  # frames (or remakes) in a row the model failed on
        self._remake_at = 0.0  # when a broken model (``detector`` None) is made again
        self._remake_wait_s = REMAKE_FIRST_S
        # Called (from the camera thread) after each queued item: wakes the frame loop.
        self.on_item: Callable[[], None] | None = None

    def _count_samples(self) -> int:
        return sum(isinstance(i, EyeSample) for i in self._items)

    def report(
        self,
        t: float,
        state: CameraState,
        detail: str = "",
        headline: str = "",
        again: bool = False,
    ) -> None:
        """Queue a ``CameraStatus`` if the state changed (or ``again``): ``headline`` + detail.

        ``headline`` defaults to the state's own words.
        """
        if state is self._state and not again:
            return
        self._state = state
        message = (headline or MESSAGES[state]) + (f": {detail}" if detail else "")
        with self._lock:
            self._items.append(CameraStatus(t, state, message))
        if self.on_item is not None:
            self.on_item()

    def take(self) -> list[Item]:
        """Everything queued so far, oldest first."""
        with self._lock:
            items = list(self._items)
            self._items.clear()
        return items

    def latest(self) -> tuple[RGBImage, EyeSample] | None:
        with self._lock:
            return self._latest

    def begin(self, now: float) -> bool:
        """Create the detector and open the source; False (and ERROR) if the model cannot start."""
        self.report(now, CameraState.STARTING)
        try:
            self.detector = self._make_detector()
        except Exception as err:  # a model that cannot load: report it, keep the board
            self.report(
                now,
                CameraState.ERROR,
                str(err),
                "Face tracking cannot start — using keyboard switch",
            )
            return False
        self._began = True
        self.try_open(now)
        return True

    def try_open(self, now: float) -> None:
        """One attempt to (re)open the source; the next one is due ``reconnect_s`` later."""
        self.retry_at, self.last_frame_t, self._frame_dt = now + self.reconnect_s, now, None
        detail, state = "", CameraState.NONE
        try:
            self.source = self._open(now)
        except OSError as err:  # no such camera or file
            self.source, detail = None, str(err)
        except Exception as err:  # anything else that keeps a camera from starting
            self.source, detail, state = None, str(err), CameraState.ERROR
        if self.source is None and self._state is CameraState.STARTING:
            self.report(now, state, detail, CANNOT_START if state is CameraState.ERROR else "")

    def next_due(self, now: float) -> float:
        """When the next frame was due (last frame + its interval); ``now`` before any frame."""
        return now if self._frame_dt is None else self.last_frame_t + self._frame_dt

    def read(self, now: float) -> Frame | None:
        """The source's next frame; a source that has finished is closed and reported ENDED.

        ENDED is stamped when the next frame was due, so virtual-clock runs do
        not depend on how often the loop drains.
        """
        assert self.source is not None
        try:
            frame = self.source.read()
        except Exception:  # a driver error is a failed read
            frame = None
        if frame is None and self.source.finished:
            self.source.close()
            self.source, self.retry_at = None, float("inf")
            self.report(self.next_due(now), CameraState.ENDED)
        return frame

    def lose(self, now: float) -> None:
        """The camera stopped delivering: close it, report LOST, retry later."""
        if self.source is not None:
            self.source.close()
        self.source, self._ahead = None, None
        self.report(now, CameraState.LOST)
        self.retry_at = now + self.reconnect_s

    def process(self, frame: Frame) -> None:
        """Measure one frame and queue its sample (an error becomes ERROR + face not found)."""
        if self.last_frame_t < frame.t:
            self._frame_dt = frame.t - self.last_frame_t
        self.last_frame_t = frame.t
        sample = self._measure(frame)
        with self._lock:
            if self._max_samples is not None and self._count_samples() >= self._max_samples:
                self._items.remove(next(i for i in self._items if isinstance(i, EyeSample)))
            self._items.append(sample)
            self._latest = (frame.rgb, sample)
        if self.on_item is not None:
            self.on_item()

    def _measure(self, frame: Frame) -> EyeSample:
        """The frame's sample; no face while the model is broken or fails on it."""
        if self.detector is None and not self._remake(frame.t):
            return EyeSample(t=frame.t, face_found=False)
        assert self.detector is not None
        try:
            sample = process_frame(self.detector, frame)
        except Exception as err:  # MediaPipe failed on this frame: say so, go on
            self._failed(frame.t, str(err) or type(err).__name__)
            return EyeSample(t=frame.t, face_found=False)
        self._failures, self._remake_wait_s = 0, REMAKE_FIRST_S
        self.report(frame.t, CameraState.OK)
        return sample

    def _failed(self, t: float, why: str) -> None:
        """The model failed: once, say so; again in a row, close it and make it again later."""
        self._failures += 1
        if self._failures == 1:
            self.report(t, CameraState.ERROR, why)
            return
        if self.detector is not None:
            with contextlib.suppress(Exception):  # a broken graph may fail to close as well
                self.detector.close()
            self.detector = None
        self._remake_at = t + self._remake_wait_s
        self._remake_wait_s = min(REMAKE_MAX_S, 2 * self._remake_wait_s)
        if self._failures == 2:
            self.report(t, CameraState.ERROR, why, RESTARTING, again=True)

    def _remake(self, t: float) -> bool:
        """Make the broken model again if it is time; False while there is none."""
        if t < self._remake_at:
            return False
        try:
            self.detector = self._make_detector()
        except Exception as err:  # still cannot start: wait longer
            self._failed(t, str(err) or type(err).__name__)
            return False
        return True

    def advance(self, now: float) -> None:
        """Virtual clock: process every frame stamped <= ``now``, reconnecting when due."""
        while self._began:
            if self.source is None:
                if now < self.retry_at:
                    return
                self.try_open(self.retry_at)  # as scheduled: independent of the drain rate
                continue
            if self._ahead is None:
                self._ahead = self.read(now)
                if self._ahead is None:
                    if self.source is not None:
                        self.lose(self.next_due(now))
                    continue
            if self._ahead.t > now:
                return
            frame, self._ahead = self._ahead, None
            self.process(frame)

    def close(self) -> None:
        for part in (self.source, self.detector):
            if part is not None:
                part.close()
        self.source = self.detector = None
        self._began = False
