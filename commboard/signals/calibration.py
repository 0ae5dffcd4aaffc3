"""Calibration arithmetic: from three recorded phases to this patient's blink settings.

The calibration screen (shell) guides the patient through three phases and
records the ``EyeSample``s of each:

1. "Keep your eyes open" (a few seconds),
2. "Close your eyes" (a few seconds),
3. "Blink naturally" (about 30 s).

``calibrate`` turns them into the open and closed eye-aspect-ratio levels, the
patient's spontaneous blink durations, and a hold time safely above their
spontaneous blinks.  It is pure: no clock, no camera, no screen.

How the hold is chosen (docs/blink.md): the largest of

* 0.3 s (never lower: CLINICAL.md),
* the longest blink seen + 0.15 s (a margin of about 5 frames at 30 fps),
* the duration that spontaneous blinks would exceed only
  ``target_false_per_hour`` times an hour, from a lognormal model of the
  blinks seen.  30 s holds only a handful of blinks, so the model leans on
  population values: the median is shrunk towards 150 ms (with the weight of
  5 blinks) and the spread is never assumed narrower than normal eyes'
  (sigma 0.42, from Ousler et al.: median 150 ms and 0.2 % of blinks >= 0.5 s).
  This term is capped at ``max_hold_s``.

A hold at or over ``max_hold_s`` (a patient whose own blinks are long)
raises ``max_hold_s`` to the hold plus ``FATIGUE_ROOM_S`` (at most 2 s): left
at or under the hold, the hold could never rise with fatigue, and the
settings screen showed a maximum below the value it bounds.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace
from statistics import median

from commboard.effects import Log
from commboard.settings import BlinkSettings
from commboard.signals.blink_stats import BlinkFit, fit_blinks
from commboard.signals.blink_switch import BlinkSwitch
from commboard.signals.eye_state import MIN_LEVEL_SPAN, selecting_ears, tracking_problem
from commboard.vision.sample import EyeSample

MIN_HOLD_S = 0.3
# Room the automatic hold keeps to rise with fatigue over a calibrated hold: the
# defaults' own (hold 0.5 s, longest automatic hold 0.75 s).
FATIGUE_ROOM_S = 0.25
LONGEST_BLINK_MARGIN_S = 0.15
# ln(0.5 / 0.15) / z(0.998): the spread of normal eyes' blink durations.
NORMAL_EYES_SIGMA = 0.42
# Population median of spontaneous blink durations (CLINICAL.md), and how many
# blinks' worth of weight it gets against the patient's own median.
POPULATION_MEDIAN_S = 0.15
PRIOR_BLINKS = 5
# Fewer blinks than this in the blink phase are assumed to be at least this
# rate when turning a false-selection target into a tail probability.
ASSUMED_MIN_BLINKS_PER_MIN = 15.0
# A phase is usable when at least this share of its frames could be read.
MIN_USABLE_SHARE = 0.5
# What a failed step means, in the words the patient and carer are told.
OPEN_UNSEEN = "I could not see the eyes well enough with them open."
CLOSED_UNSEEN = "I did not see the eyes stay closed."
# Eyelids that close only part way (ALS, facial palsy) look like a camera too far
# away: say both, so the carer does not move the camera again and again.
TOO_ALIKE = (
    "Open and closed eyes look too alike: move the camera closer. If the eyes cannot close "
    "fully, blinks cannot select: choose with looks instead (settings, Eye gaze tab)."
)


@dataclass(frozen=True, slots=True)
class CalibrationResult:
    """What calibration measured and what it recommends.

    Attributes:
        open_level / closed_level: eye aspect ratio with eyes open / closed.
        blink_durations_s: each spontaneous blink seen in the blink phase.
        blinks_per_min: how often the patient blinked.
        longest_blink_s: the longest of them (0 if none).
        hold_s: the recommended hold.
        problems: plain-words reasons the result is doubtful (empty = fine).
        settings: the input settings with the measured levels and hold, marked
            calibrated; unchanged when the levels could not be measured.
        open_measured / closed_measured: False when no usable frame gave
            that level (the value is then the old setting, not a measurement).
        blinks_measured: False when the blink phase was not analysed (the
            levels were unusable): no blink counts, the hold is the old one.
    """

    open_level: float
    closed_level: float
    blink_durations_s: tuple[float, ...]
    blinks_per_min: float
    longest_blink_s: float
    hold_s: float
    problems: tuple[str, ...]
    settings: BlinkSettings
    open_measured: bool = True
    closed_measured: bool = True
    blinks_measured: bool = True

    @property
    def ok(self) -> bool:
        """True when every phase gave a usable measurement."""
        return not self.problems


def _levels(samples: Sequence[EyeSample], settings: BlinkSettings) -> list[float]:
    """Mean EAR of the selecting eyes for every usable frame."""
    out: list[float] = []
    for s in samples:
        ears = selecting_ears(s, settings)
        if ears is not None and not tracking_problem(s, settings):
            out.append(sum(ears) / len(ears))
    return out


def _usable(levels: list[float], samples: Sequence[EyeSample]) -> bool:
    return bool(samples) and len(levels) >= MIN_USABLE_SHARE * len(samples)


def _closed_level(levels: list[float], open_level: float) -> float | None:
    """The closed cluster's median: frames nearer the lowest level than the open one.

    The patient needs a moment to close, so the phase starts with open frames;
    the median of the lower cluster ignores them.  None if fewer than 30 % of
    frames were closed.
    """
    if not levels:
        return None
    low = sorted(levels)[len(levels) // 20]  # 5th percentile: robust lowest
    cut = 0.5 * (low + open_level)
    closed = [v for v in levels if v < cut]
    if len(closed) < 0.3 * len(levels):
        return None
    return median(closed)


def _blinks(samples: Sequence[EyeSample], settings: BlinkSettings) -> tuple[list[float], float]:
    """Spontaneous blink durations and the seconds of usable video, using the switch itself."""
    probe = BlinkSwitch(
        replace(settings, adaptive_hold=False, hold_s=2.0, rest_s=20.0, refractory_s=0.0)
    )
    durations: list[float] = []
    for s in samples:
        for out in probe.update(s):
            if isinstance(out, Log) and out.fields.get("event") == "opened":
                durations.append(float(out.fields["duration_s"]))
    usable = [s.t for s in samples if not tracking_problem(s, settings)]
    seconds = usable[-1] - usable[0] if len(usable) >= 2 else 0.0
    return durations, seconds


def _tail_model(durations: Sequence[float]) -> BlinkFit:
    """The patient's blinks as a lognormal, leaning on population values while blinks are few.

    The median is shrunk towards the population's 150 ms with the weight of
    ``PRIOR_BLINKS`` blinks (a 30-s recording holds only 5-8); the spread is
    the fitted one but never narrower than normal eyes'.
    """
    logs = sorted(math.log(d) for d in durations if d > 0)
    n = len(logs)
    own = logs[n // 2] if n % 2 else 0.5 * (logs[n // 2 - 1] + logs[n // 2]) if n else 0.0
    mu = (n * own + PRIOR_BLINKS * math.log(POPULATION_MEDIAN_S)) / (n + PRIOR_BLINKS)
    fit = fit_blinks(durations, min_sigma=NORMAL_EYES_SIGMA)
    sigma = fit.sigma if fit is not None else NORMAL_EYES_SIGMA
    return BlinkFit(math.exp(mu), sigma, n)


def recommended_hold(
    durations: Sequence[float], blinks_per_min: float, settings: BlinkSettings
) -> float:
    """A hold safely above these spontaneous blinks (see the module docstring)."""
    longest = max(durations, default=0.0)
    hold = max(MIN_HOLD_S, longest + LONGEST_BLINK_MARGIN_S)
    per_hour = 60.0 * max(blinks_per_min, ASSUMED_MIN_BLINKS_PER_MIN)
    tail = _tail_model(durations).duration_exceeded_with(settings.target_false_per_hour / per_hour)
    hold = max(hold, min(tail, settings.max_hold_s))
    # Round up to the settings screen's 0.05 s step; never past the 2 s maximum.
    return round(min(math.ceil(hold / 0.05 - 1e-9) * 0.05, 2.0), 2)


def calibrate(
    open_phase: Sequence[EyeSample],
    closed_phase: Sequence[EyeSample],
    blink_phase: Sequence[EyeSample],
    settings: BlinkSettings,
) -> CalibrationResult:
    """Measure levels and blinks from the three phases and recommend blink settings.

    The open level is taken from the blink phase (the eyes as they are
    day to day) when it is usable, else from the open phase.
    """
    problems: list[str] = []
    opened = _levels(open_phase, settings)
    natural = _levels(blink_phase, settings)
    source = natural if _usable(natural, blink_phase) else opened
    if not _usable(source, blink_phase if source is natural else open_phase):
        problems.append(OPEN_UNSEEN)
    open_level = median(source) if source else settings.open_level
    closed = _closed_level(_levels(closed_phase, settings), open_level)
    closed_measured = closed is not None
    if closed is None:
        problems.append(CLOSED_UNSEEN)
        closed = settings.closed_level
    if open_level - closed < 2 * MIN_LEVEL_SPAN:
        problems.append(TOO_ALIKE)
    if problems:
        return CalibrationResult(
            open_level, closed, (), 0.0, 0.0, settings.hold_s, tuple(problems), settings,
            open_measured=bool(source), closed_measured=closed_measured, blinks_measured=False,
        )  # fmt: skip
    levels = replace(settings, open_level=round(open_level, 3), closed_level=round(closed, 3))
    durations, seconds = _blinks(blink_phase, levels)
    per_min = 60.0 * len(durations) / seconds if seconds > 0 else 0.0
    if not durations:
        problems.append("I saw no blinks: the hold time was not changed.")
    hold = recommended_hold(durations, per_min, levels) if durations else settings.hold_s
    most = levels.max_hold_s
    if hold >= most:
        most = min(round(hold + FATIGUE_ROOM_S, 2), 2.0)
    result = replace(levels, hold_s=hold, max_hold_s=most, calibrated=True)
    return CalibrationResult(
        open_level,
        closed,
        tuple(durations),
        per_min,
        max(durations, default=0.0),
        hold,
        tuple(problems),
        result,
    )
