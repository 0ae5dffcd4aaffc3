"""One frame's gaze: can a look be read from it, and where do the eyes point relative to rest.

The look reader (``signals.gaze_look``) and the gaze calibration
(``signals.gaze_calibration``) read frames the same way: the iris centre
inside each eye (``vision.metrics.iris_position``), measured along the line
between that eye's corners, and for looks the height of the eye measured from
the bridge of the nose (``vision.metrics.look_height``), compared with the
eye's own rest position, in the patient's terms (left is the patient's left).
The gaze map for dwell reads both (``signals.gaze_map.GazeMap.sample_point``).
Pure: no clock, no camera.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from commboard.settings import BlinkSettings, Eye
from commboard.signals.eye_state import activation, selecting_ears
from commboard.vision.sample import EyeSample

# Eyes less open than this share of their openness at rest (learned with the
# rest position) give no look: the iris is unreliable there.  Until the rest
# is learned, the blink switch's own calibrated scale decides (more than
# ``CLOSING`` of the way from open to shut).
CLOSING_SHARE = 0.7
CLOSING = 0.35


class Direction(StrEnum):
    """Where a look goes, in the patient's own terms."""

    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"


@dataclass(frozen=True, slots=True)
class GazeTuning:
    """How looks are read for one patient (``settings.gaze`` fills it).

    Attributes:
        hold_s: a look must be held this long.
        distance: how far (iris position units, -1..1 across the eye) from
            rest a left or right look must go.
        vertical_distance: the same for up and down.
        refractory_s: looks are ignored this long after an accepted one.
        long_s: a look held this long is also a long look.
        eye: both eyes, or one (``Eye.LEFT``/``Eye.RIGHT``: one-eye mode).
        mirrored: the camera mirrors the picture (image right is then the
            patient's right).
    """

    hold_s: float = 0.5
    distance: float = 0.1
    vertical_distance: float = 0.08
    refractory_s: float = 0.3
    long_s: float = 2.0
    eye: Eye = Eye.BOTH
    mirrored: bool = False


Point = tuple[float, float]


def frame_problem(
    sample: EyeSample, tuning: GazeTuning, blink: BlinkSettings, rest_ear: float | None = None
) -> str:
    """Why this frame gives no look ("" if it can): the head may be tilted sideways.

    ``rest_ear``: how open the eyes are at rest, once known; until then the
    blink switch's calibrated scale says when they are closing.
    """
    if not sample.face_found:
        return "face lost"
    if not _within(sample.yaw_deg, blink.max_yaw_deg) or not _within(
        sample.pitch_deg, blink.max_pitch_deg
    ):
        return "head turned"
    if selecting_ears(sample, blink) is None:
        return "eyes not measured"
    now_open = openness(sample, tuning.eye)
    if rest_ear is None or now_open is None:
        closing = activation(sample, blink) > CLOSING
    else:
        closing = now_open < CLOSING_SHARE * rest_ear
    return "eyes closed" if closing else ""


def usable_eyes(
    sample: EyeSample,
    tuning: GazeTuning,
    blink: BlinkSettings,
    rest_ear: float | None = None,
    heights: bool = False,
) -> tuple[Point, Point] | None:
    """Both eyes' iris positions (one eye's twice in one-eye mode) when a look could be read.

    ``rest_ear``: as for ``frame_problem``; ``heights``: as for ``used_eyes``.
    """
    if frame_problem(sample, tuning, blink, rest_ear):
        return None
    return used_eyes(sample, tuning.eye, heights)


def gaze_offset(
    eyes: tuple[Point, Point], rest: tuple[Point, Point], eye: Eye, mirrored: bool
) -> Point:
    """Gaze relative to rest in the patient's terms: x > 0 their left, y > 0 up."""
    used = {Eye.LEFT: (0,), Eye.RIGHT: (1,)}.get(eye, (0, 1))
    dx = sum(eyes[i][0] - rest[i][0] for i in used) / len(used)
    dy = sum(eyes[i][1] - rest[i][1] for i in used) / len(used)
    # Image x grows to the image right, which is the patient's left unless mirrored.
    return (-dx if mirrored else dx), -dy


def openness(sample: EyeSample, eye: Eye) -> float | None:
    """The eye aspect ratio of the eye(s) looks are read from (their mean)."""
    ears = {Eye.LEFT: (sample.ear_left,), Eye.RIGHT: (sample.ear_right,)}.get(
        eye, (sample.ear_left, sample.ear_right)
    )
    known = [e for e in ears if e is not None]
    return sum(known) / len(known) if known else None


def used_eyes(sample: EyeSample, eye: Eye, heights: bool = False) -> tuple[Point, Point] | None:
    """Each eye's (x, y); one eye's twice in one-eye mode.

    ``heights``: y is the look height measured from the nose bridge, what looks
    are read from (a sample without it, made by hand, keeps the iris y).
    """
    left, right = sample.iris_left, sample.iris_right
    if heights:
        left = _with_height(left, sample.height_left)
        right = _with_height(right, sample.height_right)
    if eye == Eye.LEFT:
        right = right or left
    elif eye == Eye.RIGHT:
        left = left or right
    if left is None or right is None:
        return None
    return left, right


def _with_height(iris: Point | None, height: float | None) -> Point | None:
    return iris if iris is None or height is None else (iris[0], height)


def _within(angle: float | None, limit: float) -> bool:
    """An angle the vision could not estimate (None) is no reason to refuse the frame."""
    return angle is None or abs(angle) <= limit
