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

The reader's jobs have their own modules: ``gaze_look_outputs`` (what it
reports), ``gaze_look_reading`` (where the eyes point) and ``gaze_rest`` (the
rest position); this module keeps ``LookReader`` and the look in progress.
"""

from __future__ import annotations

import math
from collections import deque
from dataclasses import dataclass

from commboard.settings import BlinkSettings
from commboard.signals.gaze_frame import Direction, GazeTuning, Point
from commboard.signals.gaze_look_outputs import (
    LongLook,
    Look,
    LookEnded,
    LookIgnored,
    LookOutput,
    LookStarted,
)
from commboard.signals.gaze_look_reading import SMOOTH_FRAMES, head_pose, middle_offset
from commboard.signals.gaze_rest import RestPosition
from commboard.vision.sample import EyeSample

# A deliberate look reaches the look distance this soon after leaving the
# area near rest (a saccade takes 30-100 ms; two or three frames of landmark
# smoothing on top).  Slower is a drift.
MAX_ONSET_S = 0.3
# Shorter excursions than this are jitter, not glances: not even reported.
MIN_GLANCE_S = 0.08
# A look not yet decided that is interrupted by a blink (or by the gaze sagging
# below ``KEEP`` without coming back near rest) and goes on the same way within
# this long keeps the hold it had built: a patient holding a look blinks (an
# ordinary blink lasts 0.1-0.4 s).  The interrupted frames themselves never
# count towards the hold.  A longer interruption starts the hold afresh.
PAUSE_S = 0.4


class LookReader(RestPosition):
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
        pose = head_pose(sample)
        if self.rest is not None and self._moved(pose):
            self.rest = None  # learn it again in the new pose
            return out + self._give_up() + self._interrupt(t, "head moved")
        if self.rest is None:
            self._learn(t, eyes, pose, self._openness(sample) or 0.0)
            return out
        self._back_home(eyes)
        self._recent.append(self._offset(eyes))
        offset = middle_offset(self._recent)
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
