"""The look reader's rest position: the patient's own, learned, followed and re-centred.

Learned from the first ``LEARN_S`` seconds of open eyes with a face in view
(the median), then kept up to date slowly while the eyes are near it; a gaze
held steady away from it becomes the new rest, and a head moved past
``POSE_CHANGE_DEG`` makes it be learned again (``signals.gaze_look`` explains
the whole reader; ``LookReader`` takes these rules from ``RestPosition``).
"""

from __future__ import annotations

import statistics

from commboard.signals.gaze_frame import Point
from commboard.signals.gaze_look_reading import SMOOTH_FRAMES, GazeReading

# The rest position: the median of this much open-eyed gaze with a face in view.
LEARN_S = 1.5
# Afterwards it follows the patient slowly while the gaze is near it
# (a fraction per frame; about 10 s to follow a change of posture at 30 fps).
REST_FOLLOW = 0.003
# The gaze held steady away from rest this long, with no look counted, is a new
# rest position (the patient was moved, or the camera was): the reader
# re-centres there.  A quick move back to the previous rest is a return, not a look.
RECENTRE_S = 2.0
# The same for a gaze held on after a look counted (it was a look at first):
# the look ends (a switch it holds is let go) and the gaze is the new rest.
RECENTRE_HELD_S = 5.0
# The rest position belongs to a head pose: a head that turns, tips or rolls
# further than this from the pose the rest was learned in (the patient was
# moved, or moved) gives no looks until the rest is learned again there.
POSE_CHANGE_DEG = 8.0


def _apart(a: tuple[float, float, float], b: tuple[float, float, float]) -> bool:
    """Two head poses more than ``POSE_CHANGE_DEG`` apart in any angle."""
    return any(abs(x - y) > POSE_CHANGE_DEG for x, y in zip(a, b, strict=True))


def _median(positions: list[tuple[Point, Point]]) -> list[Point]:
    """The per-eye median of gaze positions."""
    return [
        (
            statistics.median(p[i][0] for p in positions),
            statistics.median(p[i][1] for p in positions),
        )
        for i in (0, 1)
    ]


class RestPosition(GazeReading):
    """The rest position's rules (part of ``LookReader``, which holds the state)."""

    _learning: list[tuple[Point, Point]]
    _learn_from: float | None
    _poses: list[tuple[float, float, float]]
    _ears: list[float]
    _pose: tuple[float, float, float] | None
    _previous_rest: list[Point] | None
    _steady: list[tuple[Point, Point]]
    _steady_from: float
    _near_t: float | None
    _accepted: bool

    def _learn(
        self, t: float, eyes: tuple[Point, Point], pose: tuple[float, float, float], openness: float
    ) -> None:
        """Collect the rest position; learning starts again if the head moves meanwhile."""
        if self._poses and _apart(pose, self._poses[0]):
            self._learning, self._poses, self._ears, self._learn_from = [], [], [], None
        middle = _median(self._learning) if len(self._learning) >= SMOOTH_FRAMES else None
        offset = self._between((middle[0], middle[1]), eyes) if middle is not None else (0.0, 0.0)
        moved = (
            abs(offset[0]) >= self.tuning.distance
            or abs(offset[1]) >= self.tuning.vertical_distance
        )
        if moved:  # the eyes looked away while we learned: only a steady gaze is a rest position
            self._learning, self._poses, self._ears, self._learn_from = [], [], [], None
        if self._learn_from is None:
            self._learn_from = t
        self._learning.append(eyes)
        self._poses.append(pose)
        self._ears.append(openness)
        if t - self._learn_from >= LEARN_S:
            self.rest = _median(self._learning)
            self._rest_ear = statistics.median(self._ears)
            roll, yaw, pitch = (statistics.median(p[i] for p in self._poses) for i in range(3))
            self._pose = (roll, yaw, pitch)
            self._learning, self._poses, self._ears, self._learn_from = [], [], [], None
            self._previous_rest, self._steady = None, []
            self._near_t = t

    def _moved(self, pose: tuple[float, float, float]) -> bool:
        """The head is no longer in the pose the rest position was learned in."""
        return self._pose is not None and _apart(pose, self._pose)

    def _recentre(self, t: float, eyes: tuple[Point, Point]) -> bool:
        """A steady gaze away from rest, with no look counted, for ``RECENTRE_S``: the new rest."""
        anchor = self._steady[0] if self._steady else None
        if anchor is None or not self._near(self._between(anchor, eyes)):
            self._steady, self._steady_from = [eyes], t
            return False
        self._steady.append(eyes)
        # A look that counted is held on a while before it can be a new rest: the
        # patient may mean it (a long look up rests the board in halving).
        if t - self._steady_from < (RECENTRE_HELD_S if self._accepted else RECENTRE_S):
            return False
        self._previous_rest, self.rest = self.rest, _median(self._steady)
        self._steady = []
        self._near_t = t
        return True

    def _back_home(self, eyes: tuple[Point, Point]) -> None:
        """A gaze back at the rest it had before re-centring: that rest again (a return, not a look)."""
        if self._previous_rest is None:
            return
        rest, self.rest = self.rest, self._previous_rest
        if self._near(self._offset(eyes)):
            self._previous_rest = None  # home again
            self._steady = []
        else:
            self.rest = rest

    def _between(self, a: tuple[Point, Point], b: tuple[Point, Point]) -> Point:
        """``b`` relative to ``a``, read as a gaze offset."""
        rest, self.rest = self.rest, list(a)
        offset = self._offset(b)
        self.rest = rest
        return offset

    def _follow_rest(self, eyes: tuple[Point, Point]) -> None:
        assert self.rest is not None
        self.rest = [
            (r[0] + REST_FOLLOW * (e[0] - r[0]), r[1] + REST_FOLLOW * (e[1] - r[1]))
            for r, e in zip(self.rest, eyes, strict=True)
        ]
