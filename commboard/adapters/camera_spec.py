"""Turns a ``--camera`` value into a way to open its ``FrameSource``: the one place that knows them all.

Used by ``camera_worker.open_vision``.  Sources are opened lazily (in the
worker thread, and again on every reconnect attempt).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commboard.clock import Clock
from commboard.vision.frames import FrameSource, LandmarkDetector, parse_camera_spec
from commboard.vision.pipeline import SourceOpener

if TYPE_CHECKING:
    from commboard.adapters.face_animation import FaceAnimator


def mesh_detector() -> LandmarkDetector:
    """MediaPipe Face Mesh in video (tracking) mode."""
    from commboard.adapters.mediapipe_mesh import MediaPipeMesh

    return MediaPipeMesh(video=True)


def source_opener(
    spec: str,
    *,
    size: tuple[int, int],
    fps: float,
    clock: Clock,
) -> SourceOpener | None:
    """A function ``start_t -> FrameSource | None`` for ``spec``; None for ``none``.

    Raises:
        ValueError: the spec, or the synthetic script it names, cannot be understood.
        OSError: the synthetic script file cannot be read.
    """
    cam = parse_camera_spec(spec)
    match cam.kind:
        case "none":
            return None
        case "auto" | "index":
            from commboard.adapters.opencv_frames import WebcamSource, find_webcam

            if cam.kind == "auto":
                return lambda t: find_webcam(size, fps, clock=clock, start_t=t)
            return lambda t: WebcamSource(cam.index, size, fps, clock=clock, start_t=t)
        case "video":
            from commboard.adapters.opencv_frames import VideoFileSource

            return lambda t: VideoFileSource(cam.path, clock=clock, start_t=t)
    return _synthetic_opener(cam.path, size, fps, clock)


def _synthetic_opener(path: str, size: tuple[int, int], fps: float, clock: Clock) -> SourceOpener:
    from commboard.adapters.synthetic_face import (
        SyntheticFaceSource,  # fmt: skip
        load_script,
        make_animator,
    )

    script = load_script(path)  # parse now, so a bad script is reported at start
    animators: list[
        FaceAnimator
    ] = []  # built on first open (MediaPipe on the photo), kept for reconnects

    def open_source(start_t: float) -> FrameSource:
        if not animators:
            animators.append(make_animator(script.photo, size))
        return SyntheticFaceSource(script, animators[0], fps, clock=clock, start_t=start_t)

    return open_source
