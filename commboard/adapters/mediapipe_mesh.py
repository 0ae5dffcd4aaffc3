"""MediaPipe Face Mesh as a ``LandmarkDetector``: an RGB frame in, (478, 3) landmarks out.

Uses the legacy ``mediapipe.solutions.face_mesh`` graph of mediapipe 0.10.21,
whose wheel still carries the models (no download, no network).  One object
must be used from one thread at a time; the camera worker creates it in the
thread that uses it.
"""

from __future__ import annotations

import numpy as np

from commboard.vision.landmarks import LANDMARK_COUNT

# A serialised NormalizedLandmark with only x, y, z set is 17 bytes: field tag
# 0x0a, length 15, then tag 0x0d + float32 x, 0x15 + y, 0x1d + z.  Reading that
# layout with numpy costs ~15 us instead of ~300 us for 478 Python attribute
# lookups -- a tenth of MediaPipe's own time per frame.  Anything else (a
# visibility field, another MediaPipe version) takes the slow, general path.
_RECORD = 17
_HEADER = bytes([0x0A, 0x0F, 0x0D])


def landmarks_to_array(landmark_list) -> np.ndarray:
    """A MediaPipe ``NormalizedLandmarkList`` as a (n, 3) float64 array of x, y, z."""
    raw = landmark_list.SerializeToString()
    n = len(landmark_list.landmark)
    if len(raw) == n * _RECORD and raw[:3] == _HEADER:
        rec = np.frombuffer(raw, dtype=np.uint8).reshape(n, _RECORD)
        if (rec[:, 7] == 0x15).all() and (rec[:, 12] == 0x1D).all():
            cols = np.concatenate([rec[:, 3:7], rec[:, 8:12], rec[:, 13:17]], axis=1)
            return np.ascontiguousarray(cols).view("<f4").astype(np.float64)
    return np.array([(p.x, p.y, p.z) for p in landmark_list.landmark], dtype=np.float64)


class MediaPipeMesh:
    """Face Mesh with iris refinement, one face.

    Args:
        video: True for a stream of frames (tracks the face from frame to frame,
            running the face detector only when tracking is lost: about half the
            cost per frame); False for unrelated still images.
    """

    def __init__(self, video: bool = True) -> None:
        import mediapipe as mp

        self._mesh = mp.solutions.face_mesh.FaceMesh(
            static_image_mode=not video,
            max_num_faces=1,
            refine_landmarks=True,
            min_detection_confidence=0.5,
            min_tracking_confidence=0.5,
        )

    def detect(self, rgb: np.ndarray) -> np.ndarray | None:
        """Landmarks of the face in ``rgb`` (uint8, RGB), or None when there is none."""
        result = self._mesh.process(rgb)
        faces = result.multi_face_landmarks
        if not faces:
            return None
        points = landmarks_to_array(faces[0])
        return points if points.shape == (LANDMARK_COUNT, 3) else None

    def close(self) -> None:
        self._mesh.close()
