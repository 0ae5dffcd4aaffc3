"""Looks: a deliberate held glance left, right, up or down, read from where the irises sit in the eyes.

A state machine over ``EyeSample``s that takes time only from their capture
stamps.  docs/gaze.md explains it for carers; in short:

* **Where the eyes point** is the iris centre inside each eye, measured
  along the line between that eye's corners (``vision.metrics.iris_position``),
  so a head tilted sideways (a patient lying on one side) does not move it:
  the measure turns with the eye.  Up and down, the height of the eye across
  that line measured from the bridge of the nose, the head's pitch added back
  (``vision.metrics.look_height``).  Each eye is compared with its *own* rest
  position (no two eyes sit alike), then the two are averaged (or one eye
  is used, in one-eye mode).
* **The rest position** is the patient's own: learned from the first
  ``LEARN_S`` seconds of open eyes with a face in view (the median), then
  kept up to date slowly while the eyes are near it.  Before it is learned
  nothing counts.  A gaze calibration sets it (and the look distances)
  directly.
* **A look** is the gaze held beyond the look distance in one direction for
  ``hold_s``.  Directions are the patient's own: *left* is the patient's
  left (the image's right on a camera that does not mirror).  Horizontal and
  vertical distances differ (the eyes move less up and down).  A gaze more
  than ``SIDEWAYS_BLOCKS_VERTICAL`` of the distance to the side is never a
  look up or down.
* **Not a look**: a glance (back before ``hold_s``: ``glance``); a slow drift
  past the distance (the gaze took longer than ``MAX_ONSET_S`` to get there
  from near rest: ``drift``) -- a deliberate look is a quick eye movement;
  anything while the eyes are closing or closed (the iris is unreliable
  there: ``eyes closed``), the face is missing (``face lost``) or the head is
  turned or tipped past the blink switch's limits (``head turned``); and a
  look within ``refractory_s`` of the last one (``refractory``).
* A blink inside a look not yet decided (or a moment's sag short of the
  distance, not back near rest) pauses its hold: if it goes on the same way
  within ``PAUSE_S`` the hold carries on; the paused frames never count.
* After an accepted look the gaze must come back near rest before another
  look counts; a look held on past ``long_s`` is reported once more as a
  long look (a long look up pauses the board in the halving method).

Outputs, in order: ``LookStarted`` (a look began: for the indicator),
``Look`` (accepted), ``LongLook``, ``LookEnded`` (the gaze came back) and
``LookIgnored`` (with its reason).  ``progress`` says how far the hold of
the look in progress has got, for the on-screen indicator.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from dataclasses import dataclass

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

# The rest position: the median of this much open-eyed gaze with a face in view.
LEARN_S = 1.5
# Afterwards it follows the patient slowly while the gaze is near it
# (a fraction per frame; about 10 s to follow a change of posture at 30 fps).
REST_FOLLOW = 0.003
# A deliberate look reaches the look distance this soon after leaving the
# area near rest (a saccade takes 30-100 ms; two or three frames of landmark
# smoothing on top).  Slower is a drift.
MAX_ONSET_S = 0.3
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
# The gaze held steady away from rest this long, with no look counted, is a new
# rest position (the patient was moved, or the camera was): the reader
# re-centres there.  A quick move back to the previous rest is a return, not a look.
RECENTRE_S = 2.0
# The same for a gaze held on after a look counted (it was a look at first):
# the look ends (a switch it holds is let go) and the gaze is the new rest.
RECENTRE_HELD_S = 5.0
# The gaze is the per-axis median of this many frames: one frame's landmark
# glitch neither starts nor breaks a look (it costs one frame of delay).
SMOOTH_FRAMES = 3
# The rest position belongs to a head pose: a head that turns, tips or rolls
# further than this from the pose the rest was learned in (the patient was
# moved, or moved) gives no looks until the rest is learned again there.
POSE_CHANGE_DEG = 8.0
# Shorter excursions than this are jitter, not glances: not even reported.
MIN_GLANCE_S = 0.08
# A look not yet decided that is interrupted by a blink (or by the gaze sagging
# below ``KEEP`` without coming back near rest) and goes on the same way within
# this long keeps the hold it had built: a patient holding a look blinks (an
# ordinary blink lasts 0.1-0.4 s).  The interrupted frames themselves never
# count towards the hold.  A longer interruption starts the hold afresh.
PAUSE_S = 0.4


@dataclass(frozen=True, slots=True)
class LookStarted:
    """The gaze went quickly past the look distance: a look may be starting."""

    t: float
    direction: Direction


@dataclass(frozen=True, slots=True)
class Look:
    """An accepted look that began at ``start_t``, held ``held_s`` (at least the hold time).

    ``held_s`` counts only the frames with open eyes looking that way: a blink
    inside the look is not part of it (``PAUSE_S``).
    """

    t: float
    direction: Direction
    held_s: float
    start_t: float
    amplitude: float  # how far from rest, in look distances


@dataclass(frozen=True, slots=True)
class LongLook:
    """An accepted look held on to ``long_s``."""

    t: float
    direction: Direction


@dataclass(frozen=True, slots=True)
class LookEnded:
    """The gaze came back from an accepted look (or the look was cut off)."""

    t: float
    direction: Direction


@dataclass(frozen=True, slots=True)
class LookIgnored:
    """Something that was not a look, and why (``glance``, ``drift``, ``eyes closed``...)."""

    t: float
    direction: Direction | None
    reason: str
    held_s: float = 0.0


LookOutput = LookStarted | Look | LongLook | LookEnded | LookIgnored


class LookReader:
    """Turns eye samples into looks; see the module docstring.

    Args:
        tuning: the patient's look settings.
        blink: the blink settings: the eyes' calibrated open/closed levels
            (to know when they are closing) and the head-pose limits.
        rest: a calibrated rest position per eye (left, right), or None to learn it.
    """

    def __init__(
        self,
        tuning: GazeTuning,
        blink: BlinkSettings,
        rest: tuple[Point, Point] | None = None,
    ) -> None:
        self.tuning = tuning
        self.blink = blink
        self.rest: list[Point] | None = list(rest) if rest is not None else None
        self._learning: list[tuple[Point, Point]] = []
        self._learn_from: float | None = None
        self._last_t: float | None = None
        self._near_t: float | None = None  # last time the gaze was near rest
        self._direction: Direction | None = None  # the excursion in progress
        self._since = 0.0
        self._carried = 0.0  # hold built before a blink or sag inside this look
        self._start_t = 0.0  # when this look first began (before any pause)
        self._paused: _Paused | None = None  # a look interrupted, that may go on
        self._keep_from: dict[Direction, float] = {}  # beyond KEEP that way since
        self._quick = False  # it got there quickly (not a drift)
        self._excursion: Direction | None = (
            None  # this trip from rest began as a quick look this way
        )
        self._done = False  # it was decided (accepted or refused) already
        self._accepted = False
        self._long = False
        self._refractory_until = -math.inf
        self._recent: deque[Point] = deque(maxlen=SMOOTH_FRAMES)  # the last few offsets
        self._rest_ear: float | None = None  # how open the eyes are at rest
        self._ears: list[float] = []
        self._pose: tuple[float, float, float] | None = None  # head pose the rest belongs to
        self._poses: list[tuple[float, float, float]] = []
        self._previous_rest: list[Point] | None = None
        self._steady: list[tuple[Point, Point]] = []  # the gaze since it last moved
        self._steady_from = 0.0
        self.progress: tuple[Direction, float] | None = None

    @property
    def learned(self) -> bool:
        """The rest position is known (calibrated or learned)."""
        return self.rest is not None

    def set_tuning(self, tuning: GazeTuning, blink: BlinkSettings) -> None:
        """New settings from the carer; a look in progress goes on under them."""
        self.tuning, self.blink = tuning, blink

    def update(self, sample: EyeSample) -> list[LookOutput]:
        """Read one frame's sample; returns what it means, in order."""
        t = sample.t
        if self._last_t is not None and t <= self._last_t:
            return []
        self._last_t = t
        out = self._pause_expired(t)
        problem = self._problem(sample)
        if problem:
            return out + self._interrupt(t, problem)
        eyes = self._eyes(sample)
        if eyes is None:
            return out + self._interrupt(t, "eyes not measured")
        pose = _pose(sample)
        if self.rest is not None and self._moved(pose):
            self.rest = None  # learn it again in the new pose
            return out + self._give_up() + self._interrupt(t, "head moved")
        if self.rest is None:
            self._learn(t, eyes, pose, self._openness(sample) or 0.0)
            return out
        self._back_home(eyes)
        self._recent.append(self._offset(eyes))
        offset = _middle(self._recent)
        self._track_keep(t, offset)
        direction, amplitude = self._classify(offset)
        near = self._near(offset)
        if near:
            self._near_t = t
            self._excursion = None
            self._steady = []
            self._follow_rest(eyes)
            out += self._give_up()  # back at rest: an interrupted look is over
        elif self._recentre(t, eyes):
            return out + self._end(t, quiet=not self._accepted)  # a held switch is let go
        return out + self._step(t, direction, amplitude, near)

    # -- reading a sample ------------------------------------------------------------------

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

    # -- rest position --------------------------------------------------------------------

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

    # -- the look in progress ---------------------------------------------------------------

    def _step(
        self, t: float, direction: Direction | None, amplitude: float, near: bool
    ) -> list[LookOutput]:
        out: list[LookOutput] = []
        if direction != self._direction:
            out += self._end(t, sagged=direction is None and not near)
            if direction is not None:
                out += self._begin(t, direction)
        if self._direction is None:
            if self._paused is None:
                self.progress = None
            return out
        held = t - self._since + self._carried
        self.progress = (self._direction, min(1.0, held / self.tuning.hold_s))
        if not self._done and held >= self.tuning.hold_s - 1e-6:
            out += self._decide(t, held, amplitude)
        elif self._accepted and not self._long and held >= self.tuning.long_s - 1e-6:
            self._long = True
            out.append(LongLook(t, self._direction))
        return out

    def _begin(self, t: float, direction: Direction) -> list[LookOutput]:
        paused, self._paused = self._paused, None
        # The look began when the gaze got past KEEP that way (a look in progress lasts
        # as long as it stays there), if that was just now: an eye movement that
        # reaches the distance a frame or two after passing KEEP (a small look, or
        # landmark smoothing) is not made to wait those frames on top of the hold.
        began = self._keep_from.get(direction, t)
        since = began if t - began <= MAX_ONSET_S else t
        self._direction, self._since, self._done = direction, since, False
        self._accepted = self._long = False
        if paused is not None and paused.direction is direction:
            # The same look goes on after a blink or a sag: its hold carries on.
            self._carried, self._start_t, self._quick = paused.held, paused.start_t, paused.quick
            return []
        out: list[LookOutput] = [] if paused is None else [paused.ignored()]
        self._carried, self._start_t = 0.0, since
        # Quick: it left rest just now, or this trip away from rest began as a quick look
        # this same way and was only interrupted (a blink mid-look: it goes on, its hold
        # counted afresh).
        fresh = self._near_t is not None and t - self._near_t <= MAX_ONSET_S
        self._quick = fresh or self._excursion is direction
        if fresh and self._excursion is None:
            self._excursion = direction
        return out + ([LookStarted(t, direction)] if self._quick else [])

    def _decide(self, t: float, held: float, amplitude: float) -> list[LookOutput]:
        assert self._direction is not None
        self._done = True
        if not self._quick:
            return [LookIgnored(t, self._direction, "drift", round(held, 3))]
        if t < self._refractory_until:
            return [LookIgnored(t, self._direction, "refractory", round(held, 3))]
        self._accepted = True
        self._excursion = None  # the next look needs the gaze back at rest first
        self._refractory_until = t + self.tuning.refractory_s
        return [Look(t, self._direction, round(held, 3), self._start_t, round(amplitude, 2))]

    def _end(self, t: float, quiet: bool = False, sagged: bool = False) -> list[LookOutput]:
        """The excursion in progress is over (the gaze moved on or came back; ``quiet``: re-centred).

        ``sagged``: the gaze fell back short of rest; a quick look not yet decided
        is paused (it may go on the same way).
        """
        direction, self._direction = self._direction, None
        if direction is None or quiet:
            self._accepted = self._done = False
            return []
        held = t - self._since + self._carried
        if self._accepted:
            self._accepted = False
            self._refractory_until = max(self._refractory_until, t + self.tuning.refractory_s)
            return [LookEnded(t, direction)]
        if not self._done and self._quick:
            if sagged:
                self._pause(t, direction, held, "glance")
                return []
            if held >= MIN_GLANCE_S:
                return [LookIgnored(t, direction, "glance", round(held, 3))]
        return []

    def _interrupt(self, t: float, reason: str) -> list[LookOutput]:
        """A frame we cannot read: the look in progress stops (after a blink it may go on)."""
        self._recent.clear()
        self._keep_from.clear()
        direction = self._direction
        out = [] if reason == "eyes closed" else self._give_up()
        if self._paused is None:
            self.progress = None
        if direction is None:
            return out
        self._direction = None
        held = t - self._since + self._carried
        if self._accepted:
            return out + [LookEnded(t, direction)]
        if self._done:
            return out
        if reason == "eyes closed" and self._quick:
            self._pause(t, direction, held, reason)
            return out
        return out + [LookIgnored(t, direction, reason, round(held, 3))]

    # -- a look paused by a blink or a sag -----------------------------------------------------

    def _pause(self, t: float, direction: Direction, held: float, reason: str) -> None:
        self._paused = _Paused(t, direction, held, self._start_t, self._quick, reason)
        self.progress = (direction, min(1.0, held / self.tuning.hold_s))

    def _pause_expired(self, t: float) -> list[LookOutput]:
        """A pause longer than ``PAUSE_S``: that look is over (reported as what stopped it)."""
        if self._paused is not None and t - self._paused.t > PAUSE_S:
            return self._give_up()
        return []

    def _give_up(self) -> list[LookOutput]:
        paused, self._paused = self._paused, None
        if paused is None:
            return []
        if self._direction is None:
            self.progress = None
        return (
            [paused.ignored()] if paused.reason != "glance" or paused.held >= MIN_GLANCE_S else []
        )


@dataclass(frozen=True, slots=True)
class _Paused:
    """A look not yet decided that stopped at ``t`` (``reason``), and the hold it had."""

    t: float
    direction: Direction
    held: float
    start_t: float
    quick: bool
    reason: str

    def ignored(self) -> LookIgnored:
        return LookIgnored(self.t, self.direction, self.reason, round(self.held, 3))


def _pose(sample: EyeSample) -> tuple[float, float, float]:
    """The head's (roll, yaw, pitch) in degrees; one the vision could not estimate reads 0."""
    return (sample.roll_deg or 0.0, sample.yaw_deg or 0.0, sample.pitch_deg or 0.0)


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


def _middle(points: deque[Point]) -> Point:
    """The per-axis median of the recent offsets."""
    return (statistics.median(p[0] for p in points), statistics.median(p[1] for p in points))
