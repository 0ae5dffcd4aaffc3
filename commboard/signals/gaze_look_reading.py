"""Where the eyes point, for the look reader: one frame's gaze relative to the rest position.

The iris centre inside each eye, measured along the line between that eye's
corners (``vision.metrics.iris_position``), each eye compared with its own
rest position, smoothed over a few frames, and classified as a direction
beyond the look distance (``signals.gaze_look`` explains the whole reader;
``LookReader`` takes these rules from ``GazeReading``).
"""

from __future__ import annotations

import statistics
from collections import deque

from commboard.settings import BlinkSettings
from commboard.signals.gaze_frame import (
    Direction,
    GazeTuning,
    Point,
    frame_problem,
    gaze_offset,
    openness,
    used_eyes,
)
from commboard.vision.sample import EyeSample

# A gaze this far sideways (in look distances: past the sideways distance itself)
# is a look sideways however high it reads: an iris near an eye corner is partly
# hidden by the narrowing lids, and Face Mesh then puts its centre higher or lower
# than it is -- by as much as a look up (a look far to the image right read 0.17
# up on both photos we ship).  Short of it, the larger of the two decides: a look
# up can read a little to the side (0.7 of the distance on Grace Hopper's photo
# rolled 30 degrees, for a look up of 25 degrees), which once made it a look
# sideways when this was half the distance.
SIDEWAYS_BLOCKS_VERTICAL = 1.0
# A look in progress goes on while the gaze stays beyond this fraction of the distance.
KEEP = 0.7
# "Near rest": within this fraction of the look distance.
NEAR_REST = 0.5
# The gaze is the per-axis median of this many frames: one frame's landmark
# glitch neither starts nor breaks a look (it costs one frame of delay).
SMOOTH_FRAMES = 3


def head_pose(sample: EyeSample) -> tuple[float, float, float]:
    """The head's (roll, yaw, pitch) in degrees; one the vision could not estimate reads 0."""
    return (sample.roll_deg or 0.0, sample.yaw_deg or 0.0, sample.pitch_deg or 0.0)


def middle_offset(points: deque[Point]) -> Point:
    """The per-axis median of the recent offsets."""
    return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))


class GazeReading:
    """Reading one frame's gaze (part of ``LookReader``, which holds the state)."""

    tuning: GazeTuning
    blink: BlinkSettings
    rest: list[Point] | None
    _rest_ear: float | None
    _direction: Direction | None
    _keep_from: dict[Direction, float]

    def _problem(self, sample: EyeSample) -> str:
        """Why this frame gives no look ("" if it can): the head may be tilted sideways."""
        return frame_problem(sample, self.tuning, self.blink, self._rest_ear)

    def _openness(self, sample: EyeSample) -> float | None:
        return openness(sample, self.tuning.eye)

    def _eyes(self, sample: EyeSample) -> tuple[Point, Point] | None:
        return used_eyes(sample, self.tuning.eye, heights=True)

    def _offset(self, eyes: tuple[Point, Point]) -> Point:
        """Gaze relative to rest in the patient's terms: x > 0 their left, y > 0 up."""
        assert self.rest is not None
        return gaze_offset(
            eyes, (self.rest[0], self.rest[1]), self.tuning.eye, self.tuning.mirrored
        )

    def _classify(self, offset: Point) -> tuple[Direction | None, float]:
        """The direction beyond its look distance, and how far (in distances); None if none.

        A look in progress goes on while the gaze stays beyond ``KEEP`` of the
        distance that way (landmark jitter near the threshold does not cut it).
        """
        x = offset[0] / self.tuning.distance
        y = offset[1] / self.tuning.vertical_distance
        if self._direction is not None:
            along = {Direction.LEFT: x, Direction.RIGHT: -x, Direction.UP: y, Direction.DOWN: -y}
            if along[self._direction] >= KEEP:
                return self._direction, along[self._direction]
        if max(abs(x), abs(y)) < 1.0:
            return None, max(abs(x), abs(y))
        if abs(x) >= abs(y) or abs(x) >= SIDEWAYS_BLOCKS_VERTICAL:
            return (Direction.LEFT if x > 0 else Direction.RIGHT), abs(x)
        return (Direction.UP if y > 0 else Direction.DOWN), abs(y)

    def _track_keep(self, t: float, offset: Point) -> None:
        """Since when the gaze has been beyond ``KEEP`` of the distance, each way."""
        x = offset[0] / self.tuning.distance
        y = offset[1] / self.tuning.vertical_distance
        along = {Direction.LEFT: x, Direction.RIGHT: -x, Direction.UP: y, Direction.DOWN: -y}
        for direction, amount in along.items():
            if amount >= KEEP:
                self._keep_from.setdefault(direction, t)
            else:
                self._keep_from.pop(direction, None)

    def _near(self, offset: Point) -> bool:
        return (
            abs(offset[0]) < NEAR_REST * self.tuning.distance
            and abs(offset[1]) < NEAR_REST * self.tuning.vertical_distance
        )
