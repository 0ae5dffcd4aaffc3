"""``VisionFeed``: the camera pipeline handed to the frame loop without ever blocking it.

Real time: a worker thread reads the source (a live source always delivers
its newest frame; late frames are dropped, never queued), runs Face Mesh and
the metrics, and leaves samples and ``CameraStatus`` changes in a short queue
that ``drain`` empties.  Virtual clock: ``drain(now)`` processes, in the
caller's thread, every frame stamped <= now, so runs are deterministic.
The logic lives in ``commboard.vision.pipeline``; this module adds the thread.
Frames are never written to disk or sent anywhere.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from commboard.adapters.camera_spec import mesh_detector, source_opener
from commboard.clock import Clock
from commboard.vision.frames import LandmarkDetector, RGBImage
from commboard.vision.pipeline import (
    CANNOT_START,
    QUEUE_SAMPLES,
    Item,
    SourceOpener,
    VisionPipeline,
)
from commboard.vision.sample import CameraState, EyeSample

LOST_AFTER_S = 1.0  # a live camera that has delivered nothing for this long is lost


class VisionFeed:
    """Owns a frame source and a landmark detector; see the module docstring.

    Args:
        open_source: opens the camera (``start_t -> FrameSource | None``); None = no camera.
        make_detector: builds the landmark detector (in the thread that will use it).
        clock: the run's clock; on a virtual one ``drain`` does the work in the caller's thread.
        start_t: when the camera is opened (and a missing camera reported).
        problem: why there is no camera (reported with the NONE or ERROR status).
        on_item: called after each sample or status change is queued (from the
            worker thread in real time): the frame loop's wake-up.
    """

    def __init__(
        self,
        open_source: SourceOpener | None,
        make_detector: Callable[[], LandmarkDetector],
        *,
        clock: Clock,
        start_t: float,
        reconnect_s: float = 3.0,
        problem: str = "",
        problem_state: CameraState = CameraState.NONE,
        on_item: Callable[[], None] | None = None,
    ) -> None:
        self._open = open_source
        self._virtual = clock.virtual
        self._start_t = start_t
        self._clock = clock
        self._problem = (problem_state, problem)
        self._pipe = VisionPipeline(
            open_source or (lambda t: None),
            make_detector,
            reconnect_s,
            max_samples=None if clock.virtual else QUEUE_SAMPLES,
        )
        self._pipe.on_item = on_item
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Report NONE/ERROR at once, or open the camera (in the worker thread in real time)."""
        if self._open is None:
            state, problem = self._problem
            headline = CANNOT_START if state is CameraState.ERROR else ""
            self._pipe.report(self._start_t, state, problem, headline)
        elif self._virtual:
            self._pipe.begin(self._start_t)
        else:
            self._thread = threading.Thread(target=self._run, name="vision", daemon=True)
            self._thread.start()

    def drain(self, now: float) -> list[Item]:
        """Samples and status changes since the last call, oldest first.  Never waits."""
        if self._virtual:
            self._pipe.advance(now)
        return self._pipe.take()

    def latest_frame(self) -> tuple[RGBImage, EyeSample] | None:
        """The newest processed RGB frame and its sample, for the carer's camera view."""
        return self._pipe.latest()

    def close(self) -> None:
        """Stop the worker and release the camera and the model."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            if self._thread.is_alive():  # stuck in a driver call: leave it its objects
                return
        self._pipe.close()

    def _run(self) -> None:
        if not self._pipe.begin(self._clock.now()):
            return
        while not self._stop.is_set():
            try:
                self._step(self._clock.now())
            except Exception as err:  # never let the worker die silently: report, go on
                self._pipe.report(self._clock.now(), CameraState.ERROR, str(err))
                self._stop.wait(0.5)

    def _step(self, now: float) -> None:
        pipe = self._pipe
        if pipe.source is None:
            if now >= pipe.retry_at:
                pipe.try_open(now)
            else:
                self._stop.wait(min(0.1, pipe.retry_at - now))
            return
        frame = pipe.read(now)
        if frame is not None:
            pipe.process(frame)
        elif pipe.source is not None and now - pipe.last_frame_t > LOST_AFTER_S:
            pipe.lose(now)
        elif pipe.source is not None:
            self._stop.wait(0.05)  # a failed read: try again shortly


def open_vision(
    spec: str,
    *,
    clock: Clock,
    size: tuple[int, int],
    fps: float,
    start_t: float,
    reconnect_s: float = 3.0,
    make_detector: Callable[[], LandmarkDetector] = mesh_detector,
    on_item: Callable[[], None] | None = None,
) -> VisionFeed:
    """The camera feed for a ``--camera`` value (call ``start()`` on it).  Never raises.

    A value it cannot use (a bad spec, a synthetic script with an error) gives a
    feed that reports ERROR with the reason; ``none`` reports NONE.
    """
    state, problem = CameraState.NONE, ""
    try:
        opener = source_opener(spec, size=size, fps=fps, clock=clock)
    except (ValueError, OSError) as err:
        opener, state, problem = None, CameraState.ERROR, str(err)
    return VisionFeed(opener, make_detector, clock=clock, start_t=start_t,
                      reconnect_s=reconnect_s, problem=problem, problem_state=state,
                      on_item=on_item)  # fmt: skip
