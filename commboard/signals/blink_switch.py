"""The blink switch: a deliberate held eye closure becomes the same SELECT as the space bar.

A state machine over ``EyeSample``s that takes time only from the samples
(their capture stamps); it never reads a clock.  docs/blink.md describes the
behaviour for carers and the reasons for each number; in short:

* Thresholds are relative to the patient's calibrated open and closed eye
  aspect ratio (``settings.blink.open_level`` / ``closed_level``) with
  hysteresis: closed below 40 % of the way from closed to open, open again
  above 60 %.  A 3-frame median removes single-frame landmark glitches.
* A closure selects once its closed frames span ``hold`` (``hold_s``, raised
  automatically when the patient's own recent blinks get longer).  Then, and
  only then, ``SwitchDown(SELECT, BLINK)`` is emitted, *back-dated to the
  start of the closure*; ``SwitchUp`` follows when the eyes reopen.  The
  scanner measures its acceptance from ``SwitchDown.t``, so an ordinary cell
  is accepted at once and a long-hold cell (alarm) waits while the eyes stay
  shut.  Shorter closures emit no switch event at all.
* A closure that goes on to ``rest_s`` (at least 1 s over the hold) is a rest
  request: the switch is released, ``RestRequest(cancels_selection=True)``
  asks the shell to undo the selection that closure made at ``hold`` and to
  pause scanning.  While
  resting only the wake pattern -- two closures of at least ``hold`` (each
  shorter than ``rest_s``) starting within ``wake_window_s`` -- does anything:
  ``WakeRequest``.
* Refractory: a closure that starts within ``refractory_s`` of the reopening
  after a selection is ignored.
* An unusable frame (no face, eyes not measured, head past its limits) or a
  gap in the frames abandons any closure in progress (releasing the switch if
  it was down) and resets: the eyes must be seen open again before a new
  closure can count.  A closure that starts while the patient was looking far
  down (iris low in the eye) is ignored.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from commboard.effects import Log
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, ScanSettings
from commboard.signals.blink_stats import RecentBlinks
from commboard.signals.eye_state import NO_FACE, activation, iris_down, tracking_problem
from commboard.vision.sample import EyeSample

# Frames further apart than this (a stalled camera) break a closure: we did
# not see the eyes in between.  About 7 frames at 30 fps.
MAX_GAP_S = 0.25
# A closure starting this soon after the iris was seen far down is the lid
# following the gaze, not a blink.
LOOK_DOWN_MEMORY_S = 0.5
# A rest needs a closure at least this much longer than the hold in force, whatever
# ``rest_s`` says: a rest time at or under the hold (both in range, e.g. hold 1.5 s,
# rest 1 s) made every selecting closure a rest and left no closure that could wake
# the board.  Never changes the defaults (hold at most 2 s, rest 3 s).
REST_ABOVE_HOLD_S = 1.0
# The wake pattern's second long blink may start this long after the first one's
# hold, whatever ``wake_window_s`` says: a window of 2 s with a 2 s hold (both in
# range) could never hold two long blinks.  Never changes a hold of 0.5 s or less.
WAKE_GAP_S = 1.5
# Frame stamps are floats: a span of exactly 15 frames at 30 fps may come out
# a hair under 0.5 s.
EPS_S = 1e-6


@dataclass(frozen=True, slots=True)
class RestRequest:
    """The patient held their eyes closed for ``rest_s``: pause scanning until the wake pattern.

    Attributes:
        t: when the closure reached ``rest_s``.
        cancels_selection: the same closure already selected at ``hold``; the
            shell must undo that selection (the patient asked for rest, not it).
    """

    t: float
    cancels_selection: bool = False


@dataclass(frozen=True, slots=True)
class WakeRequest:
    """The patient made the wake pattern while resting: resume scanning."""

    t: float


BlinkOutput = SwitchDown | SwitchUp | Log | RestRequest | WakeRequest


@dataclass(frozen=True, slots=True)
class BlinkState:
    """What the on-screen face/eye indicator and hold ring show.

    Attributes:
        face_found: the last frame had a face.
        tracking: the last frame was usable (face found, eyes measured, head within limits).
        problem: why not ("" when tracking): "no face", "head turned", ...
        eyes_closed: the selecting eyes are shut (in inverse mode: shut = at rest).
        hold_progress: 0..1 while a counting closure fills the ring; 1 = selected.
        resting: the patient asked for rest; only the wake pattern counts.
        calibrated: the open/closed levels were measured for this patient.
        hold_s: the hold in force now (the set hold, or more with fatigue).
    """

    face_found: bool
    tracking: bool
    problem: str
    eyes_closed: bool
    hold_progress: float
    resting: bool
    calibrated: bool
    hold_s: float


@dataclass(slots=True)
class _Closure:
    """One closure in progress (in inverse mode: one opening).

    Times are where the activation crosses the middle of the hysteresis band
    (the lid half way), interpolated between frames: durations then match the
    way blink durations are usually measured and do not depend on frame phase.
    """

    start: float  # the lid passed half way on its way down
    last_closed: float  # latest frame past half way
    last_a: float = 1.0  # its activation
    after: tuple[float, float] | None = None  # first frame back under half way since then
    ignored: str = ""  # why it cannot select ("" = it counts)
    down: bool = False  # SwitchDown sent
    rest_sent: bool = False


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else 0.5 * (ordered[n // 2 - 1] + ordered[n // 2])


def _blink_log(t: float, event: str, **fields: object) -> Log:
    return Log(t, "blink", {"event": event, **fields})


class BlinkSwitch:
    """Turns eye samples into SELECT switch events, rest and wake requests, and log records.

    Args:
        settings: the patient's blink settings (levels, hold, eye, inverse...).
    """

    def __init__(self, settings: BlinkSettings) -> None:
        self._settings = settings
        self._recent = RecentBlinks()
        self._last_t: float | None = None
        self._face_found = False
        self._problem = NO_FACE
        self._window: deque[tuple[float, float]] = deque(maxlen=3)
        self._armed = False
        self._closure: _Closure | None = None
        self._resting = False
        self._refractory_until = float("-inf")
        self._look_down_t = float("-inf")
        self._wake_starts: deque[float] = deque(maxlen=2)
        self._queued: list[BlinkOutput] = []
        # The profile's hold for the nurse call and Clear (``scan.alarm_hold_s``, set by the
        # shell): a rest never cuts such a closure short.
        self.alarm_hold_s = ScanSettings().alarm_hold_s

    # -- what the shell reads ---------------------------------------------------

    @property
    def settings(self) -> BlinkSettings:
        return self._settings

    def set_settings(self, settings: BlinkSettings) -> None:
        """New settings (after calibration or the settings screen); learnt blink history stays.

        A change of how closure is read (eye, inverse, levels, thresholds)
        abandons a closure in progress; a release it needs goes out with the
        next ``update``.
        """
        old, self._settings = self._settings, settings
        reading = ("eye", "inverse", "open_level", "closed_level", "close_fraction")
        if any(getattr(old, k) != getattr(settings, k) for k in (*reading, "reopen_fraction")):
            self._queued += self._abandon(self._last_t or 0.0, "settings changed")

    @property
    def hold_s(self) -> float:
        """The hold in force: the set hold, raised (up to ``max_hold_s``) when blinks lengthen."""
        s = self._settings
        if not s.adaptive_hold:
            return s.hold_s
        learnt = self._recent.hold_for(s.target_false_per_hour, s.hold_s)
        return max(s.hold_s, min(learnt, s.max_hold_s))

    @property
    def rest_s(self) -> float:
        """The closure that means rest: ``rest_s``, at least ``REST_ABOVE_HOLD_S`` over the holds.

        Over the alarm hold too: with the nurse call's hold at or above the rest time a
        blink held for it became a rest at ``rest_s`` and could never call for help.
        """
        longest = max(self.hold_s, self.alarm_hold_s)
        return max(self._settings.rest_s, longest + REST_ABOVE_HOLD_S)

    @property
    def wake_window_s(self) -> float:
        """From the first wake blink's start to the second's: at least hold + ``WAKE_GAP_S``."""
        return max(self._settings.wake_window_s, self.hold_s + WAKE_GAP_S)

    @property
    def state(self) -> BlinkState:
        """The indicator's view of the switch after the last sample."""
        c = self._closure
        hold = self.hold_s
        progress = 0.0
        if c is not None and not c.ignored:
            progress = 1.0 if c.down else min(1.0, (c.last_closed - c.start) / hold)
        active = c is not None
        return BlinkState(
            face_found=self._face_found,
            tracking=self._problem == "",
            problem=self._problem,
            eyes_closed=self._problem == "" and active != self._settings.inverse,
            hold_progress=progress,
            resting=self._resting,
            calibrated=self._settings.calibrated,
            hold_s=hold,
        )

    # -- input ------------------------------------------------------------------

    def update(self, sample: EyeSample) -> list[BlinkOutput]:
        """Read one frame's sample; returns switch events, requests and log records, in order.

        Samples must come in capture order; an older or repeated one is ignored.
        """
        t = sample.t
        if self._last_t is not None and t <= self._last_t:
            return []
        out, self._queued = self._queued, []
        gap = None if self._last_t is None else t - self._last_t
        self._last_t = t
        self._face_found = sample.face_found
        if gap is not None and gap > MAX_GAP_S:
            out += self._abandon(t, "camera gap")
        problem = tracking_problem(sample, self._settings)
        if problem:
            return out + self._lost(t, problem)
        if self._problem:
            out.append(_blink_log(t, "face_found", after=self._problem))
            self._problem = ""
        return out + self._step(sample, activation(sample, self._settings))

    # -- losing and finding the face ---------------------------------------------

    def _lost(self, t: float, problem: str) -> list[BlinkOutput]:
        out: list[BlinkOutput] = []
        if problem != self._problem:
            event = "face_lost" if problem == NO_FACE else "ignored_turned"
            out.append(_blink_log(t, event, reason=problem))
        self._problem = problem
        return out + self._abandon(t, problem)

    def _abandon(self, t: float, reason: str) -> list[BlinkOutput]:
        """Drop any closure in progress and start afresh (eyes must be seen open again)."""
        out: list[BlinkOutput] = []
        c = self._closure
        if c is not None:
            out.append(
                _blink_log(t, "abandoned", reason=reason, duration_s=c.last_closed - c.start)
            )
            if c.down and not c.rest_sent:
                out.append(SwitchUp(c.last_closed, Switch.SELECT, Source.BLINK))
                self._refractory_until = t + self._settings.refractory_s
        self._closure = None
        self._window.clear()
        self._armed = False
        return out

    # -- one usable frame ----------------------------------------------------------

    def _thresholds(self) -> tuple[float, float, float]:
        """Activation that starts a closure, the middle of the band, and where a closure ends."""
        on = 1.0 - self._settings.close_fraction
        off = min(1.0 - self._settings.reopen_fraction, on - 0.05)
        return on, 0.5 * (on + off), off

    def _step(self, sample: EyeSample, a: float) -> list[BlinkOutput]:
        self._window.append((sample.t, a))
        smooth = _median([v for _, v in self._window])
        if self._closure is None:
            return self._while_open(sample, smooth)
        return self._while_closed(sample.t, a, smooth)

    def _while_open(self, sample: EyeSample, smooth: float) -> list[BlinkOutput]:
        on, mid, off = self._thresholds()
        down = iris_down(sample)
        if (
            not self._settings.inverse
            and down is not None
            and down >= self._settings.look_down_iris
        ):
            self._look_down_t = sample.t
        if smooth < off:
            self._armed = True
        if not self._armed or smooth < on:
            return []
        start, (last, last_a) = self._crossing_down(mid)
        c = _Closure(start=start, last_closed=last, last_a=last_a)
        c.ignored = self._why_ignored(start)
        self._closure = c
        fields: dict[str, object] = {"ignored": c.ignored} if c.ignored else {}
        out: list[BlinkOutput] = [_blink_log(start, "closed", **fields)]
        return out + self._progress(sample.t)

    def _crossing_down(self, mid: float) -> tuple[float, tuple[float, float]]:
        """When the lid passed half way down, and the latest frame past half way (t, activation).

        The median lags a clean edge by a frame, so look back through the
        window for the run of frames past half way and interpolate its start.
        """
        w = list(self._window)
        j = len(w) - 1
        while j > 0 and w[j - 1][1] >= mid:
            j -= 1
        last = max(((t, a) for t, a in w[j:] if a >= mid), default=w[-1])
        if j == 0 or w[j][1] < mid:
            return w[j][0], last
        (t0, a0), (t1, a1) = w[j - 1], w[j]
        return t0 + (mid - a0) / (a1 - a0) * (t1 - t0), last

    def _why_ignored(self, start: float) -> str:
        if self._resting:
            return ""
        if start < self._refractory_until:
            return "refractory"
        if start - self._look_down_t <= LOOK_DOWN_MEMORY_S:
            return "looking down"
        return ""

    def _while_closed(self, t: float, a: float, smooth: float) -> list[BlinkOutput]:
        _, mid, off = self._thresholds()
        c = self._closure
        assert c is not None
        if smooth < off:
            return self._end(mid)
        if a >= mid:
            c.last_closed, c.last_a, c.after = t, a, None
        elif c.after is None:
            c.after = (t, a)
        return self._progress(t)

    def _progress(self, t: float) -> list[BlinkOutput]:
        """Select at ``hold``, ask for rest at ``rest_s``."""
        c = self._closure
        assert c is not None
        if c.ignored or c.rest_sent:
            return []
        held = c.last_closed - c.start
        out: list[BlinkOutput] = []
        if not self._resting and not c.down and held + EPS_S >= self.hold_s:
            c.down = True
            # The next closure counts only from refractory_s after the reopening:
            # the scanner's undo window must reach that far (docs/blink.md).
            again = self.hold_s + self._settings.refractory_s
            out.append(SwitchDown(c.start, Switch.SELECT, Source.BLINK, again_after_s=again))
            out.append(_blink_log(t, "select", duration_s=held, hold_s=self.hold_s))
        if not self._resting and held + EPS_S >= self.rest_s:
            c.rest_sent = True
            self._resting = True
            self._wake_starts.clear()
            if c.down:
                out.append(SwitchUp(t, Switch.SELECT, Source.BLINK))
            out.append(_blink_log(t, "rest", duration_s=held))
            out.append(RestRequest(t, cancels_selection=c.down))
        return out

    def _end(self, mid: float) -> list[BlinkOutput]:
        """The eyes reopened: release the switch, learn from the blink, look for the wake pattern."""
        c = self._closure
        assert c is not None
        self._closure = None
        reopened = c.last_closed
        if c.after is not None:  # interpolate the lid passing half way up
            t1, a1 = c.after
            reopened += (c.last_a - mid) / (c.last_a - a1) * (t1 - c.last_closed)
        held = c.last_closed - c.start
        duration = reopened - c.start
        out: list[BlinkOutput] = [_blink_log(reopened, "opened", duration_s=duration)]
        if c.down and not c.rest_sent:
            out.append(SwitchUp(reopened, Switch.SELECT, Source.BLINK))
            self._refractory_until = reopened + self._settings.refractory_s
        if not c.down and c.ignored != "looking down" and held < self.hold_s:
            self._recent.add(reopened, duration)
        if self._resting and not c.rest_sent and not c.ignored:
            out += self._wake_pattern(c.start, held, reopened)
        return out

    def _wake_pattern(self, start: float, held: float, reopened: float) -> list[BlinkOutput]:
        s = self._settings
        if not self.hold_s <= held + EPS_S < self.rest_s + EPS_S:
            return []
        self._wake_starts.append(start)
        first = self._wake_starts[0]
        if len(self._wake_starts) < 2 or start - first > self.wake_window_s:
            return []
        self._resting = False
        self._wake_starts.clear()
        self._refractory_until = reopened + s.refractory_s
        return [_blink_log(reopened, "wake"), WakeRequest(reopened)]
