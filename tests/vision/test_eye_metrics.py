"""Eye and head metrics on hand-built landmark sets: the formulas, signs and pose behaviour."""

from __future__ import annotations

import math

import numpy as np
import pytest

from commboard.vision import landmarks as lm
from commboard.vision.frames import parse_camera_spec
from commboard.vision.metrics import (
    LOOK_HEIGHT_UNIT,
    NEUTRAL_PITCH_DEG,
    PITCH_HEIGHT_PER_DEG,
    VERTICAL_UNIT,
    eye_aspect_ratio,
    eye_sample,
    face_brightness,
    head_pose,
    iris_position,
    look_height,
    to_pixels,
)

W, H = 640, 480


def _face() -> np.ndarray:
    """A schematic frontal face in pixels (x right, y down, z away), centred at (320, 240)."""
    px = np.zeros((lm.LANDMARK_COUNT, 3))
    px[:, :2] = (W / 2, H / 2)
    eyes = {  # image-left eye: the patient's right
        lm.EAR_RIGHT: (270.0, 200.0),
        lm.EAR_LEFT: (370.0, 200.0),
    }
    for idx, (cx, cy) in eyes.items():
        p1, p2, p3, p4, p5, p6 = idx
        px[p1, :2], px[p4, :2] = (cx - 20, cy), (cx + 20, cy)
        px[p2, :2], px[p3, :2] = (cx - 7, cy - 6), (cx + 7, cy - 6)
        px[p6, :2], px[p5, :2] = (cx - 7, cy + 6), (cx + 7, cy + 6)
    for (top, bottom), iris, cx in (
        (lm.LIDS_RIGHT, lm.IRIS_RIGHT, 270.0),
        (lm.LIDS_LEFT, lm.IRIS_LEFT, 370.0),
    ):
        px[top, :2], px[bottom, :2], px[iris, :2] = (cx, 194), (cx, 206), (cx, 200)
    # The bridge of the nose, its middle level with the eyes (looks up and down
    # are measured against it: ``look_height``).
    px[lm.NOSE_BRIDGE[0], :2], px[lm.NOSE_BRIDGE[1], :2] = (320, 190), (320, 210)
    px[lm.CHEEK_IMAGE_LEFT] = (220, 230, 0)
    px[lm.CHEEK_IMAGE_RIGHT] = (420, 230, 0)
    px[lm.FOREHEAD] = (320, 130, 0)
    px[lm.CHIN] = (320, 350, 0)
    return px


def _rotated(px: np.ndarray, yaw: float = 0.0, pitch: float = 0.0, roll: float = 0.0) -> np.ndarray:
    """Rotate the face about its centre (degrees, the signs ``head_pose`` documents)."""
    y, p, r = (math.radians(a) for a in (yaw, pitch, roll))
    ry = np.array([[math.cos(y), 0, -math.sin(y)], [0, 1, 0], [math.sin(y), 0, math.cos(y)]])
    rx = np.array([[1, 0, 0], [0, math.cos(p), -math.sin(p)], [0, math.sin(p), math.cos(p)]])
    rz = np.array([[math.cos(r), -math.sin(r), 0], [math.sin(r), math.cos(r), 0], [0, 0, 1]])
    centre = np.array([W / 2, H / 2, 0.0])
    return (px - centre) @ (rz @ ry @ rx).T + centre


def _pose(px: np.ndarray) -> tuple[float, float, float]:
    yaw, pitch, roll = head_pose(px)
    return yaw, pitch + NEUTRAL_PITCH_DEG, roll


def test_ear_is_lid_gap_over_eye_width() -> None:
    px = _face()
    assert eye_aspect_ratio(px, lm.EAR_LEFT) == pytest.approx(12 / 40)
    px[[lm.EAR_LEFT[1], lm.EAR_LEFT[2]], 1] += 5  # upper lid comes down 5 of the 12 px
    assert eye_aspect_ratio(px, lm.EAR_LEFT) == pytest.approx(7 / 40)
    assert eye_aspect_ratio(px, lm.EAR_RIGHT) == pytest.approx(12 / 40)


def test_ear_uses_pixels_not_normalised_units() -> None:
    norm = _face() / np.array([W, H, W])
    assert eye_aspect_ratio(to_pixels(norm, (H, W, 3)), lm.EAR_RIGHT) == pytest.approx(0.3)


def test_degenerate_eye_has_no_ear() -> None:
    px = _face()
    px[list(lm.EAR_LEFT), :2] = (370.0, 200.0)
    assert eye_aspect_ratio(px, lm.EAR_LEFT) is None


# iris_position's y unit in pixels for the schematic eye (40 px between the corners).
UNIT_PX = VERTICAL_UNIT * 40


@pytest.mark.parametrize(("dx", "dy"), [(-15, 0), (15, 0), (0, -4), (0, 4)])
def test_iris_position_follows_the_iris(dx: float, dy: float) -> None:
    px = _face()
    px[lm.IRIS_LEFT, :2] += (dx, dy)
    x, y = iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT) or (9.0, 9.0)
    assert x == pytest.approx(dx / 20)
    assert y == pytest.approx(dy / 2 / UNIT_PX)  # the iris alone: half the reading


@pytest.mark.parametrize("dy", [-4.0, 4.0])
def test_a_look_up_or_down_with_the_lids_following_reads_its_full_height(dy: float) -> None:
    # A real eye turning up or down takes its upper lid along (and the lower lid
    # on a look down): measured from the lids, the iris would hardly move.
    px = _face()
    lids = [*lm.EAR_LEFT[1:3], *lm.EAR_LEFT[4:6], *lm.LIDS_LEFT]
    px[[lm.IRIS_LEFT, *lids], 1] += dy
    x, y = iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT) or (9.0, 9.0)
    assert x == pytest.approx(0.0, abs=1e-9)
    assert y == pytest.approx(dy / UNIT_PX)


LOOK_UNIT_PX = LOOK_HEIGHT_UNIT * 40  # look_height's unit in pixels for the schematic eye


def _height(px: np.ndarray, pitch_deg: float = 0.0) -> float:
    h = look_height(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT, pitch_deg)
    assert h is not None
    return h


@pytest.mark.parametrize("dy", [-4.0, 4.0])
def test_the_look_height_follows_the_eye_and_its_lids_from_the_nose_bridge(dy: float) -> None:
    px = _face()
    assert _height(px) == pytest.approx(
        0.0, abs=1e-9
    )  # the lid over the iris, level with the bridge
    lids = [*lm.EAR_LEFT[1:3], *lm.EAR_LEFT[4:6], *lm.LIDS_LEFT]
    px[[lm.IRIS_LEFT, *lids], 1] += dy
    assert _height(px) == pytest.approx(dy / LOOK_UNIT_PX)


@pytest.mark.parametrize("dy", [-4.0, 4.0])
def test_eye_corners_that_move_with_a_look_up_or_down_do_not_take_it_away(dy: float) -> None:
    # Face Mesh moves its eye-corner points along with a look up or down (on the
    # photos we ship, further than it moves the iris against them): measured
    # from the corners the look vanishes; from the nose bridge it does not.
    px = _face()
    lids = [*lm.EAR_LEFT[1:3], *lm.EAR_LEFT[4:6], *lm.LIDS_LEFT]
    px[[lm.IRIS_LEFT, *lids, *lm.CORNERS_LEFT], 1] += dy
    assert _height(px) == pytest.approx(dy / LOOK_UNIT_PX)
    _, y = iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT) or (9.0, 9.0)
    assert y == pytest.approx(0.0, abs=1e-9)


def test_the_heads_pitch_is_added_back_to_the_look_height() -> None:
    # Against the nose bridge a nod down reads as a look up: the head's pitch
    # (> 0 looking down) is added back at the same rate.
    px = _face()
    assert _height(px, 6.0) - _height(px) == pytest.approx(
        6 * PITCH_HEIGHT_PER_DEG / LOOK_HEIGHT_UNIT
    )


def test_the_look_height_is_measured_across_a_tilted_eye() -> None:
    px = _rotated(_face(), roll=30)
    assert _height(px) == pytest.approx(0.0, abs=1e-9)
    px[lm.IRIS_LEFT, :2] += (0, 100)  # far out of the eye: clipped
    assert _height(px) == 1.0


def test_lids_closing_over_a_still_iris_read_as_looking_down() -> None:
    # Why looks need open eyes (signals.gaze_frame): a closing lid moves the reading.
    px = _face()
    px[list(lm.UPPER_LID_LEFT), 1] += 6
    _, y = iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT) or (9.0, 9.0)
    assert y == pytest.approx(3 / UNIT_PX)


def test_iris_position_is_clipped_and_measured_along_a_tilted_eye() -> None:
    px = _rotated(_face(), roll=30)
    x, y = iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT) or (9.0, 9.0)
    assert (x, y) == (pytest.approx(0.0, abs=1e-9), pytest.approx(0.0, abs=1e-9))
    px[lm.IRIS_LEFT, :2] += (100, 0)
    assert iris_position(px, lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT)[0] == 1.0  # type: ignore[index]


def test_frontal_face_reads_zero_pose() -> None:
    assert _pose(_face()) == pytest.approx((0.0, 0.0, 0.0), abs=1e-9)


@pytest.mark.parametrize("axis", ["yaw", "pitch", "roll"])
def test_each_pose_angle_tracks_its_rotation_monotonically(axis: str) -> None:
    angles = [-40, -25, -15, -5, 0, 5, 15, 25, 40]
    which = ("yaw", "pitch", "roll").index(axis)
    readings = [_pose(_rotated(_face(), **{axis: a}))[which] for a in angles]
    assert readings == pytest.approx(angles, abs=0.5)
    assert all(b > a for a, b in zip(readings, readings[1:], strict=False))


def test_yaw_and_pitch_survive_a_head_tilt() -> None:
    yaw, pitch, roll = _pose(_rotated(_face(), yaw=20, pitch=-10, roll=15))
    assert roll == pytest.approx(15, abs=1.5)
    assert yaw == pytest.approx(20, abs=2)
    assert pitch == pytest.approx(-10, abs=2)


def test_no_landmarks_means_no_face_and_no_measurements() -> None:
    sample = eye_sample(None, 3.5, (H, W, 3), 120.0)
    assert sample.t == 3.5 and not sample.face_found
    assert all(
        getattr(sample, f) is None
        for f in ("ear_left", "ear_right", "iris_left", "iris_right", "yaw_deg",
                  "pitch_deg", "roll_deg", "face_width", "brightness")
    )  # fmt: skip


def test_sample_from_landmarks_fills_every_measurement() -> None:
    norm = _face() / np.array([W, H, W])
    sample = eye_sample(norm, 1.0, (H, W, 3), 99.0)
    assert sample.face_found
    assert sample.ear_left == pytest.approx(0.3) and sample.ear_right == pytest.approx(0.3)
    assert sample.face_width == pytest.approx((420 - 220) / W)
    assert sample.brightness == 99.0


def test_face_brightness_is_the_face_box_not_the_frame() -> None:
    rgb = np.zeros((H, W, 3), np.uint8)
    rgb[100:380, 200:440] = 200
    norm = _face() / np.array([W, H, W])
    assert face_brightness(rgb, norm) == pytest.approx(200, abs=1)
    assert face_brightness(rgb, None) is None


@pytest.mark.parametrize(
    ("spec", "kind", "index", "path"),
    [("auto", "auto", 0, ""), ("none", "none", 0, ""), ("index:2", "index", 2, ""),
     ("video:/tmp/a b.avi", "video", 0, "/tmp/a b.avi"), ("synthetic", "synthetic", 0, ""),
     ("synthetic:demo.txt", "synthetic", 0, "demo.txt")],
)  # fmt: skip
def test_camera_specs_parse(spec: str, kind: str, index: int, path: str) -> None:
    cam = parse_camera_spec(spec)
    assert (cam.kind, cam.index, cam.path) == (kind, index, path)


@pytest.mark.parametrize("spec", ["", "index:x", "video:", "webcam", "auto:1"])
def test_bad_camera_specs_say_what_is_accepted(spec: str) -> None:
    with pytest.raises(ValueError, match="auto, index:N, video:PATH"):
        parse_camera_spec(spec)
