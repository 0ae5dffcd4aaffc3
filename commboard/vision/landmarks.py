"""MediaPipe Face Mesh landmark indices that the eye metrics use, and where they come from.

Face Mesh (``refine_landmarks=True``) returns 478 points: 468 mesh points plus
10 iris points (468-477).  Index numbers are those of MediaPipe's canonical
face model (``mediapipe/modules/face_geometry/data/canonical_face_model.obj``)
and of ``mediapipe.python.solutions.face_mesh_connections``.

Left and right: always the *patient's* own left and right, as MediaPipe names
them (``FACEMESH_LEFT_EYE`` contains 263 and 362).  In an unmirrored camera
picture -- what OpenCV delivers -- the patient's left eye is on the image's
*right*.  ``shared/CLINICAL.md`` lists the eye-aspect-ratio points as "left eye
33,160,..." counting from the image's left side; that is the patient's RIGHT
eye.  We checked it on the astronaut photo: landmark 263 lies right of
landmark 33 in the image.  A blink setting "left eye" therefore means the eye
the patient calls left, whichever side of the screen it appears on.
"""

from __future__ import annotations

from typing import Final

LANDMARK_COUNT: Final = 478

# Eye aspect ratio points p1..p6 (Soukupova & Cech 2016): p1/p4 are the eye
# corners, p2/p3 on the upper lid, p6/p5 below them on the lower lid.
# EAR = (|p2-p6| + |p3-p5|) / (2 |p1-p4|).  Index sets as in CLINICAL.md.
EAR_RIGHT: Final = (33, 160, 158, 133, 153, 144)  # image-left eye; p1=33 outer corner
EAR_LEFT: Final = (362, 385, 387, 263, 373, 380)  # image-right eye; p4=263 outer corner

# Closed contour of each eye opening, in drawing order (corner, lower lid,
# corner, upper lid): MediaPipe FACEMESH_RIGHT_EYE / FACEMESH_LEFT_EYE.
CONTOUR_RIGHT: Final = (33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246)  # fmt: skip
CONTOUR_LEFT: Final = (362, 382, 381, 380, 374, 373, 390, 249, 263, 466, 388, 387, 386, 385, 384, 398)  # fmt: skip

# Iris centre and its four rim points (refined landmarks only).
IRIS_RIGHT: Final = 468
IRIS_RIGHT_RIM: Final = (469, 470, 471, 472)
IRIS_LEFT: Final = 473
IRIS_LEFT_RIM: Final = (474, 475, 476, 477)

# Eye corners in image order (image-left corner first) and lid midpoints
# (upper, lower) for the iris position within each eye.
CORNERS_RIGHT: Final = (33, 133)
CORNERS_LEFT: Final = (362, 263)
LIDS_RIGHT: Final = (159, 145)
LIDS_LEFT: Final = (386, 374)
# The middle three points of each upper lid's margin (their mean is steadier than
# one): they follow the eye up and down, as a real upper lid does.
UPPER_LID_RIGHT: Final = (160, 159, 158)
UPPER_LID_LEFT: Final = (385, 386, 387)

# Head pose: the outer eye corners for roll; the face-oval points at the
# cheekbones (234 image-left, 454 image-right) for yaw; forehead top (10) and
# chin bottom (152) for pitch.  In the canonical model 234/454 are mirror
# images (same depth) and 10/152 differ by 0.2 cm in depth over 17.7 cm of
# height (0.7 deg), so a face looking straight at the camera reads about 0.
CHEEK_IMAGE_LEFT: Final = 234
CHEEK_IMAGE_RIGHT: Final = 454
FOREHEAD: Final = 10
CHIN: Final = 152
NOSE_TIP: Final = 1
# The bridge of the nose: between the eyes (168) and a little below (6).  Looks
# up and down are measured against their middle (``metrics.iris_position``).
NOSE_BRIDGE: Final = (168, 6)
