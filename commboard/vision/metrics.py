"""Eye and head measurements from Face Mesh landmarks: pure functions, no camera, no clock.

Everything is computed in pixel units (x times width, y times height, z times
width) because normalised coordinates are stretched differently in x and y on
a 4:3 frame, which would bend the eye aspect ratio with the camera's shape.
Index sets and the left/right convention are in ``commboard.vision.landmarks``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from commboard.vision import landmarks as lm
from commboard.vision.frames import Landmarks, RGBImage
from commboard.vision.sample import EyeSample

Points = npt.NDArray[np.float64]

# Rec. 601 luma weights: the usual "how bright does this look" for RGB video.
_LUMA = np.array([0.299, 0.587, 0.114])
# MediaPipe reads both frontal portraits we ship (astronaut +11 deg, Grace
# Hopper +7..8 deg) as looking down, although its canonical face model puts
# forehead and chin within 0.7 deg of the image plane: a bias of its depth
# estimates.  We subtract the mean so a face looking at the camera reads about
# 0; the blink switch's pitch limit is generous (20 deg) for the rest.
NEUTRAL_PITCH_DEG = 9.0
# Brightness is averaged over a grid of about 24x24 pixels of the face box:
# against every pixel, the mean moves by well under 1 grey level, at a
# hundredth of the cost (20 us instead of ~1 ms for a 200x200 face).
_BRIGHTNESS_GRID = 24
# The upper lid's margin sits about this far (share of the eye width) above the
# iris centre in an open eye looking ahead: it covers the top 1-2 mm of an iris
# of about 6 mm radius in an eye about 30 mm wide (0.17 and 0.14 on the two
# photos we ship).  Only changes of the height count, so a patient whose lid
# sits elsewhere reads the same looks.
LID_ABOVE_IRIS = 0.15
# iris_position's y unit, as a share of the eye width: half the opening of a
# typical open eye (eye aspect ratio 0.3), which is what the unit was when y was
# measured from the lids; look distances keep their size.
VERTICAL_UNIT = 0.15
# look_height's unit, as a share of the eye width.  Against the bridge of the
# nose a look up or down reads about three times as far as against the eye
# corners (Face Mesh moves the corners along with the look, which cancelled
# much of it), so the unit is larger by as much: a look distance keeps its size
# (0.08 up or down is about the same share of a look as it was against the
# corners), and so do the calibration's limits.
LOOK_HEIGHT_UNIT = 0.4
# How far (share of the eye width) Face Mesh's height of the iris and lid against
# the nose bridge moves per degree of head pitch, the eyes still in the head: a
# nod down reads as a look up by this much.  Measured by turning Face Mesh's own
# 3D points about the face's middle by +-3 and +-6 degrees of pitch on both
# photos we ship (0.0071 and 0.0072 per degree; its pitch estimate followed the
# turn to within 0.01 degree).  Added back, a nod of 6 degrees moves the height
# by a few hundredths of a look distance instead of 1.3 look distances.
PITCH_HEIGHT_PER_DEG = 0.0071


def to_pixels(landmarks: Landmarks, frame_shape: Sequence[int]) -> Points:
    """Landmarks scaled to pixels: x*width, y*height, z*width (MediaPipe's z uses x's scale)."""
    height, width = int(frame_shape[0]), int(frame_shape[1])
    points: Points = np.asarray(landmarks, dtype=np.float64)
    scale: Points = np.array([width, height, width], dtype=np.float64)
    return points * scale


def _xy(px: Points, i: int) -> tuple[float, float]:
    """Point ``i``'s image position as two Python floats.

    The metrics below are a few dozen sums and products per frame: on Python
    floats they cost a fifth of what the same arithmetic costs on numpy's
    2-vectors (each numpy call has microseconds of overhead), and they run
    30 times a second on the camera thread.
    """
    x, y = px[i, :2].tolist()
    return x, y


def _mean_xy(px: Points, idx: Sequence[int]) -> tuple[float, float]:
    """The mean image position of the points ``idx``."""
    points = px[list(idx), :2].tolist()
    n = len(points)
    return sum(p[0] for p in points) / n, sum(p[1] for p in points) / n


def eye_aspect_ratio(px: Points, idx: Sequence[int]) -> float | None:
    """EAR = (|p2-p6| + |p3-p5|) / (2 |p1-p4|) in the image plane; None if the eye has no width.

    About 0.25-0.35 for an open eye and below 0.2 closed (CLINICAL.md), but it
    varies by person and camera angle, which is why the blink switch is
    calibrated.
    """
    p = px[list(idx), :2].tolist()
    width = math.hypot(p[0][0] - p[3][0], p[0][1] - p[3][1])
    if width < 1e-6:
        return None
    height = math.hypot(p[1][0] - p[5][0], p[1][1] - p[5][1]) + math.hypot(
        p[2][0] - p[4][0], p[2][1] - p[4][1]
    )
    return height / (2.0 * width)


Vec = tuple[float, float]


def _eye_frame(px: Points, corners: tuple[int, int]) -> tuple[Vec, Vec, Vec, float] | None:
    """The eye's own frame: (middle of the corners, unit vector along them, unit vector
    across them pointing down in the image, corner-to-corner width); None when the
    corners coincide.  Measured in it, a head rolled on the pillow changes nothing."""
    (ax, ay), (bx, by) = _xy(px, corners[0]), _xy(px, corners[1])
    width = math.hypot(bx - ax, by - ay)
    if width < 1e-6:
        return None
    u = ((bx - ax) / width, (by - ay) / width)
    return ((ax + bx) / 2.0, (ay + by) / 2.0), u, (-u[1], u[0]), width


def _dot(a: Vec, b: Vec) -> float:
    return a[0] * b[0] + a[1] * b[1]


def iris_position(
    px: Points, corners: tuple[int, int], upper_lid: Sequence[int], iris: int
) -> tuple[float, float] | None:
    """Where the eye points, measured against the eye corners; each axis clipped to -1..1.

    x: the iris centre along the corner-to-corner line, -1 at the image-left
    corner, +1 at the image-right corner.

    y: how high the eye is turned, across that line (-1 up, +1 down), in
    ``VERTICAL_UNIT`` of the eye width.  The corners stay put when the eye
    turns up or down; the lids do not: the upper lid follows the eye (during
    steady fixation lid and eye take "essentially equal" positions, Becker &
    Fuchs 1988, J Neurophysiol 60:1227) and the lower lid goes down with a
    look down (the opening narrows from 9.7 to 6.4 mm at 40 deg of down-gaze,
    Read et al. 2006, Optom Vis Sci 83:E702).  Measured from the lids, as it
    once was, the iris moves only by the difference, and least on a look down.
    The height is the mean of two estimates: the iris centre, and the upper
    lid's margin (``upper_lid``: its middle points) ``LID_ABOVE_IRIS`` below it
    -- two readings of the same movement, with independent landmark jitter.
    """
    frame = _eye_frame(px, corners)
    if frame is None:
        return None
    middle, u, down, width = frame
    cx, cy = _xy(px, iris)
    c = (cx - middle[0], cy - middle[1])
    x = _dot(c, u) / (width / 2.0)
    iris_y = _dot(c, down) / width
    lid_y = (_dot(_mean_xy(px, upper_lid), down) - _dot(middle, down)) / width
    y = (iris_y + lid_y + LID_ABOVE_IRIS) / 2.0 / VERTICAL_UNIT
    return (min(1.0, max(-1.0, x)), min(1.0, max(-1.0, y)))


def look_height(
    px: Points,
    corners: tuple[int, int],
    upper_lid: Sequence[int],
    iris: int,
    pitch_deg: float = 0.0,
) -> float | None:
    """How high the eye is turned, for looks up and down: -1 up .. +1 down (clipped).

    The same two estimates as ``iris_position``'s y (the iris centre, and the
    upper lid's margin ``LID_ABOVE_IRIS`` below it), measured across the
    corner-to-corner line (a head rolled on the pillow changes nothing) but
    from the bridge of the nose (``lm.NOSE_BRIDGE``), in ``LOOK_HEIGHT_UNIT``
    of the eye width.  Face Mesh moves its eye-corner points along with a look
    up or down -- on the photos we ship further than it moves the iris
    against them -- so measured from the corners a small look nearly vanished
    (behind glasses, in dim light).  The nose bridge stays, but against it
    a nod reads as a look the other way: the head's pitch (``pitch_deg``,
    > 0 looking down) is added back at ``PITCH_HEIGHT_PER_DEG``.

    Looks use it.  The gaze map for dwell takes a share of its height from
    it and the rest from ``iris_position``, chosen per patient at the
    calibration (``signals.gaze_map.GazeMap.nose_share``): on the astronaut
    photo this height grows less evenly with the size of a look, on Grace
    Hopper's the corners' reading does.
    """
    frame = _eye_frame(px, corners)
    if frame is None:
        return None
    _, _, down, width = frame
    bridge = _mean_xy(px, lm.NOSE_BRIDGE)
    lid = _mean_xy(px, upper_lid)
    c = _xy(px, iris)
    # The iris centre's height and the lid margin's, each from the bridge.
    both = _dot((c[0] + lid[0] - 2.0 * bridge[0], c[1] + lid[1] - 2.0 * bridge[1]), down) / width
    height = (both + LID_ABOVE_IRIS) / 2.0 + PITCH_HEIGHT_PER_DEG * pitch_deg
    return min(1.0, max(-1.0, height / LOOK_HEIGHT_UNIT))


def iris_between_lids(
    px: Points, corners: tuple[int, int], lids: tuple[int, int], iris: int
) -> float | None:
    """How far below the middle of the lids the iris centre sits, in half lid openings (-1..1).

    Across the corner-to-corner line, from the midpoint between the lids,
    scaled by half the lid opening (at least a tenth of the eye width, so a
    nearly closed eye does not divide by zero).  The lids follow the eye, so
    this hardly says where the eye points; it says whether the iris sits low
    in the opening (looking far down) as a closure starts.
    """
    frame = _eye_frame(px, corners)
    if frame is None:
        return None
    _, _, down, width = frame
    (ux, uy), (lx, ly) = _xy(px, lids[0]), _xy(px, lids[1])
    half_open = max(math.hypot(lx - ux, ly - uy) / 2.0, 0.1 * width)
    cx, cy = _xy(px, iris)
    y = _dot((cx - (ux + lx) / 2.0, cy - (uy + ly) / 2.0), down) / half_open
    return min(1.0, max(-1.0, y))


def head_pose(px: Points) -> tuple[float, float, float]:
    """Head (yaw, pitch, roll) in degrees from landmark geometry.

    roll: slope of the line between the outer eye corners; > 0 when it runs
    down to the image right (the head tilted clockwise on screen, towards the
    patient's left shoulder).  yaw and pitch use MediaPipe's per-landmark depth
    after undoing the roll: yaw is the angle of the cheek-to-cheek line out of
    the image plane, > 0 when the face turns towards the image right (the
    patient's own left); pitch is the angle of the forehead-to-chin line,
    > 0 when the chin moves away from the camera (looking down), less
    ``NEUTRAL_PITCH_DEG``.
    """
    (ax, ay), (bx, by) = _xy(px, lm.CORNERS_RIGHT[0]), _xy(px, lm.CORNERS_LEFT[1])
    roll = math.atan2(by - ay, bx - ax)
    cos_r, sin_r = math.cos(-roll), math.sin(-roll)

    def upright(i: int) -> tuple[float, float, float]:
        x, y, z = px[i].tolist()
        return (x * cos_r - y * sin_r, x * sin_r + y * cos_r, z)

    c0, c1 = upright(lm.CHEEK_IMAGE_LEFT), upright(lm.CHEEK_IMAGE_RIGHT)
    top, chin = upright(lm.FOREHEAD), upright(lm.CHIN)
    yaw = math.atan2(c1[2] - c0[2], c1[0] - c0[0])
    pitch = math.atan2(chin[2] - top[2], chin[1] - top[1])
    return (math.degrees(yaw), math.degrees(pitch) - NEUTRAL_PITCH_DEG, math.degrees(roll))


def face_width(landmarks: Landmarks) -> float:
    """Width of the face as a fraction of the frame width (mesh extent in x)."""
    xs = np.asarray(landmarks)[:, 0]
    return float(xs.max() - xs.min())


def face_brightness(rgb: RGBImage, landmarks: Landmarks | None) -> float | None:
    """Mean luminance (0..255) of the face's bounding box, or None without a face."""
    if landmarks is None:
        return None
    height, width = rgb.shape[0], rgb.shape[1]
    points = np.asarray(landmarks)
    # One column at a time: ``min(axis=0)`` over the (478, 2) block costs three times as much.
    xs, ys = points[:, 0], points[:, 1]
    lo_x, hi_x, lo_y, hi_y = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    x0, x1 = max(0, int(lo_x * width)), min(width, int(math.ceil(hi_x * width)))
    y0, y1 = max(0, int(lo_y * height)), min(height, int(math.ceil(hi_y * height)))
    if x1 <= x0 or y1 <= y0:
        return None
    step = max(1, min(x1 - x0, y1 - y0) // _BRIGHTNESS_GRID)
    box = rgb[y0:y1:step, x0:x1:step]
    # Whole-number sums of each channel, then one division: the same value as
    # ``box.mean(axis=(0, 1))`` (both sums are exact) at a quarter of its cost.
    sums = np.add.reduce(np.add.reduce(box, axis=0, dtype=np.uint32), axis=0)
    return float((sums / (box.shape[0] * box.shape[1])) @ _LUMA)


def eye_sample(
    landmarks: Landmarks | None,
    t: float,
    frame_shape: Sequence[int],
    brightness: float | None,
) -> EyeSample:
    """One ``EyeSample`` from a frame's landmarks; no landmarks means face_found False, all None.

    A missing face is reported as missing -- never as closed eyes.
    """
    if landmarks is None:
        return EyeSample(t=t, face_found=False)
    px = to_pixels(landmarks, frame_shape)
    yaw, pitch, roll = head_pose(px)
    return EyeSample(
        t=t,
        face_found=True,
        ear_left=eye_aspect_ratio(px, lm.EAR_LEFT),
        ear_right=eye_aspect_ratio(px, lm.EAR_RIGHT),
        iris_left=iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT),
        iris_right=iris_position(px, lm.CORNERS_RIGHT, lm.UPPER_LID_RIGHT, lm.IRIS_RIGHT),
        height_left=look_height(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT, pitch),
        height_right=look_height(px, lm.CORNERS_RIGHT, lm.UPPER_LID_RIGHT, lm.IRIS_RIGHT, pitch),
        iris_low=_lower(
            iris_between_lids(px, lm.CORNERS_LEFT, lm.LIDS_LEFT, lm.IRIS_LEFT),
            iris_between_lids(px, lm.CORNERS_RIGHT, lm.LIDS_RIGHT, lm.IRIS_RIGHT),
        ),
        yaw_deg=yaw,
        pitch_deg=pitch,
        roll_deg=roll,
        face_width=face_width(landmarks),
        brightness=brightness,
        frame_size=(int(frame_shape[1]), int(frame_shape[0])),
    )


def _lower(left: float | None, right: float | None) -> float | None:
    known = [v for v in (left, right) if v is not None]
    return max(known) if known else None


def measure(rgb: RGBImage, t: float, landmarks: Landmarks | None) -> EyeSample:
    """``eye_sample`` for a frame, with the face brightness measured from its pixels."""
    return eye_sample(landmarks, t, rgb.shape, face_brightness(rgb, landmarks))
