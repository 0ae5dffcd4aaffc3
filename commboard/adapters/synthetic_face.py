"""``synthetic[:SCRIPT]``: a camera that films a real face photo acting out a script.

The photo is scikit-image's astronaut (Eileen Collins, NASA, public domain) or
matplotlib's Grace Hopper portrait (``photo hopper`` in the script).  MediaPipe
runs once on the open-eyed photo to find the eyes; ``FaceAnimator`` then draws
each frame.  Used by tests, benchmarks, the end-to-end video and as a demo on
machines without a webcam.  Frames stay in memory.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from commboard.adapters.face_animation import FaceAnimator
from commboard.adapters.mediapipe_mesh import MediaPipeMesh
from commboard.adapters.opencv_frames import FramePace
from commboard.clock import Clock
from commboard.vision.face_script import DEMO_SCRIPT, FaceScript, parse_script
from commboard.vision.frames import Frame


def load_photo(name: str) -> np.ndarray:
    """The RGB face photo called ``name`` (``astronaut`` or ``hopper``) from an installed package."""
    if name == "hopper":
        from matplotlib import cbook

        path = cbook.get_sample_data("grace_hopper.jpg", asfileobj=False)
        bgr = cv2.imread(str(path), cv2.IMREAD_COLOR)
        return cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
    from skimage import data

    return np.ascontiguousarray(data.astronaut()[:, :, :3])


def make_animator(photo: str, size: tuple[int, int]) -> FaceAnimator:
    """Find the eyes on the photo with MediaPipe (still-image mode) and build the animator.

    Raises:
        RuntimeError: MediaPipe found no face on the photo.
    """
    image = load_photo(photo)
    mesh = MediaPipeMesh(video=False)
    try:
        landmarks = mesh.detect(image)
    finally:
        mesh.close()
    if landmarks is None:
        raise RuntimeError(f"no face found on the {photo} photo")
    return FaceAnimator(image, landmarks, size)


def load_script(path: str) -> FaceScript:
    """The script in ``path``, or the built-in demo for an empty path."""
    if not path:
        return parse_script(DEMO_SCRIPT, "demo script")
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        # Shown on the board's banner: plain words and the path, not an errno.
        reason = (
            "no such file" if isinstance(err, FileNotFoundError) else "not a readable text file"
        )
        raise OSError(f"cannot read the face script {path} ({reason})") from None
    return parse_script(text, path)


class SyntheticFaceSource:
    """A ``FrameSource`` playing a ``FaceScript``.

    On a virtual clock every call returns the next frame, stamped
    ``start_t + frame_no / fps``, without waiting: a deterministic film.  In
    real time it behaves like a webcam: it waits for the next frame time and,
    if the caller fell behind, skips straight to the current frame.
    """

    def __init__(
        self,
        script: FaceScript,
        animator: FaceAnimator,
        fps: float,
        *,
        clock: Clock,
        start_t: float,
    ) -> None:
        self.finished = False
        self._script = script
        self._animator = animator
        self._pace = FramePace(fps, clock=clock, start_t=start_t)
        self._frame_no = 0

    def read(self) -> Frame | None:
        n = self._frame_no
        if self._pace.virtual:
            t = self._pace.stamp(n)
            script_t = n / self._pace.fps
        else:
            t, n = self._pace.wait(n)  # late: newest wins
            script_t = t - self._pace.start_t
        self._frame_no = n + 1
        state = self._script.state_at(script_t)
        return Frame(t, self._animator.render(state, n))

    def close(self) -> None:
        self.finished = True


def write_script_video(
    path: str | Path, script: FaceScript, animator: FaceAnimator, fps: float, duration_s: float
) -> int:
    """Film ``script`` into a Motion-JPEG ``.avi`` at ``path``; returns the number of frames.

    For tests and the end-to-end check only: these are drawn frames, never a
    camera's.

    Raises:
        OSError: OpenCV cannot write the file.
    """
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*"MJPG"), fps, animator.size)
    if not writer.isOpened():
        raise OSError(f"cannot write a video to {path}")
    count = round(duration_s * fps)
    try:
        for n in range(count):
            rgb = animator.render(script.state_at(n / fps), n)
            writer.write(cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR))
    finally:
        writer.release()
    return count
