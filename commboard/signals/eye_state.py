"""Per-frame reading of an ``EyeSample`` for the blink switch: can we trust it, how shut are the eyes.

Two questions, answered from one sample and the patient's settings:

* ``tracking_problem``: is this frame usable at all?  A missing face, eyes
  that were not measured, or a head turned, tipped or tilted past its limit
  make the frame unusable -- never "eyes closed" (EyeCommander #54, Gameface
  #23: a turned or lost face read as a blink).
* ``activation``: how far the eyes are towards the selecting state, 0 = at
  rest, 1 = fully there.  Normally that is closure relative to *this
  patient's* calibrated open and closed eye-aspect-ratio levels; in inverse
  mode (eyes closed at rest) it is openness.
"""

from __future__ import annotations

from commboard.settings import BlinkSettings, Eye
from commboard.vision.sample import EyeSample

NO_FACE = "no face"
EYES_NOT_MEASURED = "eyes not measured"
HEAD_TURNED = "head turned"
HEAD_TIPPED = "head tipped"
HEAD_TILTED = "head tilted"

# The calibrated open and closed levels must differ by at least this much EAR
# for the relative scale to mean anything (landmark jitter is ~0.01).
MIN_LEVEL_SPAN = 0.03


def tracking_problem(sample: EyeSample, settings: BlinkSettings) -> str:
    """Why this frame cannot be read as open or closed eyes; "" if it can.

    A pose angle the vision layer could not estimate (None) is not a reason
    to refuse the frame: the face and eyes themselves were found.
    """
    if not sample.face_found:
        return NO_FACE
    if selecting_ears(sample, settings) is None:
        return EYES_NOT_MEASURED
    limits = (
        (sample.yaw_deg, settings.max_yaw_deg, HEAD_TURNED),
        (sample.pitch_deg, settings.max_pitch_deg, HEAD_TIPPED),
        (sample.roll_deg, settings.max_roll_deg, HEAD_TILTED),
    )
    for angle, limit, problem in limits:
        if angle is not None and abs(angle) > limit:
            return problem
    return ""


def selecting_ears(sample: EyeSample, settings: BlinkSettings) -> tuple[float, ...] | None:
    """EARs of the eyes this patient selects with (``settings.eye``), or None if one is missing."""
    match settings.eye:
        case Eye.LEFT:
            ears: tuple[float | None, ...] = (sample.ear_left,)
        case Eye.RIGHT:
            ears = (sample.ear_right,)
        case _:
            ears = (sample.ear_left, sample.ear_right)
    if any(e is None for e in ears):
        return None
    return tuple(e for e in ears if e is not None)


def activation(sample: EyeSample, settings: BlinkSettings) -> float:
    """How far the selecting eye(s) are towards the selecting state (0 at rest .. 1).

    Not clipped: jitter may push it a little past 0 or 1.  Call only when
    ``tracking_problem`` returned "".

    * both: the *more open* eye decides closure (both must close);
    * either: the *more closed* eye decides (one is enough);
    * left / right: that eye only (the patient's own left and right).
    """
    ears = selecting_ears(sample, settings)
    if ears is None:
        return 0.0
    span = max(settings.open_level - settings.closed_level, MIN_LEVEL_SPAN)
    per_eye = [(settings.open_level - ear) / span for ear in ears]  # closure, 0 open .. 1 shut
    if settings.inverse:
        per_eye = [1.0 - c for c in per_eye]
    if settings.eye == Eye.EITHER:
        return max(per_eye)
    return min(per_eye)


def iris_down(sample: EyeSample) -> float | None:
    """How far down the irises sit (0 centre .. 1 bottom; the lower of the two), if known."""
    return sample.iris_low
