"""MediaPipe Face Mesh as a ``LandmarkDetector``: an RGB frame in, (478, 3) landmarks out.

Uses the legacy ``mediapipe.solutions.face_mesh`` graph of mediapipe 0.10.21,
whose wheel still carries the models (no download, no network).  One object
must be used from one thread at a time; the camera worker creates it in the
thread that uses it.

A face rolled far to one side (a patient lying on their side) is first turned
upright (``_Upright``): Face Mesh's eye and iris points follow a look up or
down much less on a rolled face than on an upright one.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import cv2
import numpy as np

from commboard.vision import landmarks as lm
from commboard.vision.landmarks import LANDMARK_COUNT

# The frame is turned upright in steps of this many degrees of head roll, and
# only when the roll is more than ``TURN_SLACK_DEG`` from the turn in use: an
# upright face (within 7.5 degrees) is never turned, and the turn does not
# flicker with landmark jitter (each change is a jump Face Mesh must follow).
# Why: on the synthetic camera's faces rolled 30 degrees, the iris and lid
# points moved by a quarter to a half of what they move upright for the same
# look up or down (and by nothing at all on one photo rolled -30 degrees, for
# a look up of about 20 degrees); turned upright first, as much as upright.
TURN_STEP_DEG = 10.0
TURN_SLACK_DEG = 7.5
# Only a square around the face is turned (this many times the face's size, so a
# face that moves between two frames stays inside it), and its middle follows the
# face in steps of ``_CENTRE_STEP_PX`` (a still face is turned the same way each
# frame): turning the whole 640x480 frame cost 1-2.5 ms, a sixth to a third
# of the pipeline's time per frame; the square costs about a third of that.
TURN_BOX = 1.6
_CENTRE_STEP_PX = 8

# A serialised NormalizedLandmark with only x, y, z set is 17 bytes: field tag
# 0x0a, length 15, then tag 0x0d + float32 x, 0x15 + y, 0x1d + z.  Reading that
# layout with numpy costs ~15 us instead of ~300 us for 478 Python attribute
# lookups -- a tenth of MediaPipe's own time per frame.  Anything else (a
# visibility field, another MediaPipe version) takes the slow, general path.
_RECORD = np.dtype(
    [("head", "u1", 3), ("x", "<f4"), ("y_tag", "u1"), ("y", "<f4"), ("z_tag", "u1"), ("z", "<f4")]
)
_HEADER = bytes([0x0A, 0x0F, 0x0D])


def landmarks_to_array(landmark_list) -> np.ndarray:
    """A MediaPipe ``NormalizedLandmarkList`` as a (n, 3) float64 array of x, y, z."""
    raw = landmark_list.SerializeToString()
    fast = _read_records(raw, len(landmark_list.landmark))
    if fast is not None:
        return fast
    return np.array([(p.x, p.y, p.z) for p in landmark_list.landmark], dtype=np.float64)


def landmarks_from_bytes(raw: bytes) -> np.ndarray:
    """A serialised ``NormalizedLandmarkList`` (as the graph hands it over) as a (n, 3) array."""
    fast = _read_records(raw, len(raw) // _RECORD.itemsize)
    if fast is not None:
        return fast
    from mediapipe.framework.formats import landmark_pb2  # the general path: parse it

    return landmarks_to_array(landmark_pb2.NormalizedLandmarkList.FromString(raw))


def _read_records(raw: bytes, n: int) -> np.ndarray | None:
    """``n`` landmarks of x, y, z only, read straight from ``raw``; None for any other layout."""
    if n == 0 or len(raw) != n * _RECORD.itemsize or raw[:3] != _HEADER:
        return None
    rec = np.frombuffer(raw, dtype=_RECORD)
    if not ((rec["y_tag"] == 0x15).all() and (rec["z_tag"] == 0x1D).all()):
        return None
    out = np.empty((n, 3), dtype=np.float64)
    out[:, 0], out[:, 1], out[:, 2] = rec["x"], rec["y"], rec["z"]
    return out


def _on_calling_thread(face_mesh: type) -> type:
    """``face_mesh`` (MediaPipe's class), its graph run by the thread that calls ``process``.

    By default MediaPipe runs a graph's calculators on a pool of worker
    threads (one per core): ``process`` hands each frame to the pool and
    waits for it.  At a camera's 30 frames a second every frame wakes the
    pool from sleep and passes work between threads.  With the default
    executor set to ``ApplicationThreadExecutor`` the waiting thread runs the
    calculators itself: the same graph and results, one thread fewer.  On
    the 30 fps film in real time, MediaPipe's CPU fell by about 7 %
    (interleaved runs; as fast as it goes, no change): docs/camera.md.  A
    graph whose executors are set some other way is left as it is.
    """

    serialized = _serialized_protos()

    class OnCallingThread(face_mesh):  # type: ignore[misc,valid-type]
        def _initialize_graph_interface(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            config = super()._initialize_graph_interface(*args, **kwargs)
            executors = list(config.executor)
            if len(executors) == 1 and not executors[0].name and not executors[0].type:
                executors[0].type = "ApplicationThreadExecutor"
            return config

        def first_face(self, rgb: np.ndarray) -> bytes | None:
            """``process(rgb)``'s first face, serialised as the graph hands it over (None: none).

            ``process`` builds a new namedtuple class for every frame (~40 us)
            and parses each face into Python protobuf objects, which were then
            serialised again to be read as an array: 60-70 us a frame, 30 times
            a second, for the same bytes.  The same graph, input and output.
            """
            inputs = self._input_stream_type_info
            if serialized is None or inputs is None or len(inputs) != 1 or rgb.shape[2] != 3:
                faces = self.process(rgb).multi_face_landmarks  # the general path
                return faces[0].SerializeToString() if faces else None
            self._graph_outputs.clear()
            self._simulated_timestamp += 33333  # as ``process``: a 30 fps stream
            stream, kind = next(iter(inputs.items()))
            packet = self._make_packet(kind, rgb).at(self._simulated_timestamp)
            self._graph.add_packet_to_input_stream(stream=stream, packet=packet)
            self._graph.wait_until_idle()
            out = self._graph_outputs.get("multi_face_landmarks")
            faces = serialized(out) if out is not None and not out.is_empty() else []
            return bytes(faces[0]) if faces else None

    return OnCallingThread


def _serialized_protos() -> Callable[[object], list[bytes]] | None:
    """MediaPipe's reader of a packet of protos as their serialised bytes (None: not found)."""
    try:
        from mediapipe.python._framework_bindings import _packet_getter
    except ImportError:
        return None
    found: Callable[[object], list[bytes]] | None
    found = getattr(_packet_getter, "_get_serialized_proto_list", None)
    return found


class MediaPipeMesh:
    """Face Mesh with iris refinement, one face.

    Args:
        video: True for a stream of frames (tracks the face from frame to frame,
            running the face detector only when tracking is lost: about half the
            cost per frame); False for unrelated still images.
    """

    def __init__(self, video: bool = True) -> None:
        from commboard.adapters.mediapipe_import import face_mesh_module
        from commboard.adapters.opencv_quiet import single_threaded_opencv

        single_threaded_opencv()  # the frame's turning runs here, 30 times a second
        self._video = video
        self._upright = _Upright()
        # Whether a rolled face is turned upright first (set from another thread:
        # a plain attribute, read once per frame).  Only looks need it; the blink
        # switch reads a rolled face as well either way, so a patient who only
        # blinks does not pay for the turning (1-3 ms a frame while lying on one side).
        self.turn_rolled = True

        self._mesh = _on_calling_thread(face_mesh_module().FaceMesh)(
            static_image_mode=not video,
            max_num_faces=1,
            refine_landmarks=True,
            min_detection_confidence=0.5,
            min_tracking_confidence=0.5,
        )

    def detect(self, rgb: np.ndarray) -> np.ndarray | None:
        """Landmarks of the face in ``rgb`` (uint8, RGB), or None when there is none.

        A face rolled to one side is read from the frame turned upright (by the
        roll found in the frame before; for a still image, found in the image
        itself first), and its landmarks are turned back into ``rgb``'s frame.
        """
        if not self._video or not self.turn_rolled:
            self._upright = _Upright()
        if not self.turn_rolled:
            return self._detect(rgb)
        points = self._upright.detect(self._detect, rgb)
        if not self._video and points is not None and self._upright.turn != 0.0:
            turned = self._upright.detect(self._detect, rgb)
            points = turned if turned is not None else points
        return points

    def _detect(self, rgb: np.ndarray) -> np.ndarray | None:
        face = self._mesh.first_face(rgb)
        if face is None:
            return None
        points = landmarks_from_bytes(face)
        return points if points.shape == (LANDMARK_COUNT, 3) else None

    def close(self) -> None:
        self._mesh.close()


class _Upright:
    """Turns frames so the face in them stands upright, by the roll of the face last seen."""

    def __init__(self) -> None:
        self.turn = 0.0  # degrees, anticlockwise on screen
        self._centre = (0.0, 0.0)  # pixels: the point turned about (the face's middle)
        self._half = 0  # pixels: half the side of the square turned

    def detect(
        self, detect: Callable[[np.ndarray], np.ndarray | None], rgb: np.ndarray
    ) -> np.ndarray | None:
        """``detect`` on ``rgb`` turned by the turn in use; landmarks in ``rgb``'s own frame."""
        height, width = rgb.shape[0], rgb.shape[1]
        if self.turn == 0.0:
            points = detect(rgb)
        else:
            m = cv2.getRotationMatrix2D(self._centre, self.turn, 1.0)
            x0, y0 = (max(0, int(c) - self._half) for c in self._centre)
            x1 = min(width, int(self._centre[0]) + self._half)
            y1 = min(height, int(self._centre[1]) + self._half)
            turned = rgb.copy()
            if x1 > x0 and y1 > y0:
                box = m - np.array([[0.0, 0.0, x0], [0.0, 0.0, y0]])  # into the square's own pixels
                turned[y0:y1, x0:x1] = cv2.warpAffine(rgb, box, (x1 - x0, y1 - y0),
                    flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
            points = detect(turned)
            if points is not None:
                back = cv2.invertAffineTransform(m)
                px = points[:, :2] * (width, height)
                points = points.copy()
                points[:, :2] = (px @ back[:, :2].T + back[:, 2]) / (width, height)
        self._follow(points, width, height)
        return points

    def _follow(self, points: np.ndarray | None, width: int, height: int) -> None:
        """The next turn: none without a face; a new step when the roll left the slack."""
        if points is None:
            self.turn = 0.0
            return
        # Python floats, not numpy 2-vectors: this runs 30 times a second.
        ax, ay = points[lm.CORNERS_RIGHT[0], :2].tolist()
        bx, by = points[lm.CORNERS_LEFT[1], :2].tolist()
        roll = math.degrees(math.atan2((by - ay) * height, (bx - ax) * width))
        if abs(roll - self.turn) > TURN_SLACK_DEG:
            self.turn = float(round(roll / TURN_STEP_DEG) * TURN_STEP_DEG)
        xy = points[:, :2]
        (mx, my), (x0, y0), (x1, y1) = (
            xy.mean(axis=0).tolist(),
            xy.min(0).tolist(),
            xy.max(0).tolist(),
        )
        step = _CENTRE_STEP_PX
        self._centre = (
            float(round(mx * width / step) * step),
            float(round(my * height / step) * step),
        )
        size = max((x1 - x0) * width, (y1 - y0) * height)
        self._half = int(math.ceil(size * TURN_BOX / 2 / step)) * step
