"""How long this patient's own spontaneous blinks last: a lognormal fit, and the hold it implies.

Spontaneous blink durations are close to lognormal (median about 150 ms;
CLINICAL.md, Ousler et al. 2014).  The blink switch only ever sees closures
*shorter* than its hold -- longer ones become selections and cannot be told
apart from intentional holds -- so the fit treats the sample as truncated at
the hold and corrects for it.  It uses the median and the 90th percentile of
log durations (the well-populated body of the distribution) rather than the
few longest blinks, and extrapolates the tail from them.

The durations should be measured between the lid's 50 % crossings,
interpolated between frames (as ``BlinkSwitch`` does): measured from the
first and last fully closed frames instead, short blinks lose a large share
of their length to the lid's ramps and frame spacing, and the fitted spread
-- hence the extrapolated tail -- comes out far too wide.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from statistics import NormalDist

_NORMAL = NormalDist()

# Below this many blinks a fit is noise; 40 blinks is about 3 minutes.
MIN_BLINKS_TO_ADAPT = 40


@dataclass(frozen=True, slots=True)
class BlinkFit:
    """A lognormal model of spontaneous blink durations.

    Attributes:
        median_s: median duration.
        sigma: standard deviation of ln(duration).
        count: how many blinks the fit used.
    """

    median_s: float
    sigma: float
    count: int

    def exceed_probability(self, duration_s: float) -> float:
        """P(a spontaneous blink lasts at least ``duration_s``)."""
        if duration_s <= 0:
            return 1.0
        z = (math.log(duration_s) - math.log(self.median_s)) / self.sigma
        return 1.0 - _NORMAL.cdf(z)

    def duration_exceeded_with(self, probability: float) -> float:
        """The duration that only ``probability`` of spontaneous blinks reach."""
        p = min(max(probability, 1e-9), 0.5)
        return self.median_s * math.exp(self.sigma * _NORMAL.inv_cdf(1.0 - p))


def _quantile(sorted_values: Sequence[float], q: float) -> float:
    """Linear-interpolated quantile of an already sorted sequence."""
    pos = q * (len(sorted_values) - 1)
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (pos - lo) * (sorted_values[hi] - sorted_values[lo])


def fit_blinks(
    durations: Iterable[float],
    *,
    truncated_at: float | None = None,
    min_sigma: float = 0.05,
) -> BlinkFit | None:
    """Fit a lognormal to blink durations (None if fewer than 5 usable blinks).

    Args:
        durations: measured closure durations in seconds.
        truncated_at: the sample holds only blinks shorter than this (the hold).
        min_sigma: lower bound on the spread, so a handful of equal blinks
            does not claim a razor-thin distribution.
    """
    values = sorted(d for d in durations if d > 0)
    if len(values) < 5:
        return None
    logs = [math.log(v) for v in values]
    q50, q90 = _quantile(logs, 0.5), _quantile(logs, 0.9)
    kept = 1.0  # share of the population below ``truncated_at``
    mu, sigma = q50, min_sigma
    for _ in range(4):  # converges in 2-3 rounds: the truncated share is small
        z50, z90 = _NORMAL.inv_cdf(0.5 * kept), _NORMAL.inv_cdf(0.9 * kept)
        sigma = max((q90 - q50) / (z90 - z50), min_sigma)
        mu = q50 - sigma * z50
        if truncated_at is None or truncated_at <= 0:
            break
        kept = max(_NORMAL.cdf((math.log(truncated_at) - mu) / sigma), 0.5)
    return BlinkFit(math.exp(mu), sigma, len(values))


class RecentBlinks:
    """The patient's most recent sub-hold closures, for a hold that rises with fatigue.

    Args:
        max_count: blinks kept (about 20 minutes at 15 blinks a minute).
        max_age_s: blinks older than this are forgotten, so the hold follows
            the patient's state now, not this morning's.
    """

    def __init__(self, max_count: int = 300, max_age_s: float = 1800.0) -> None:
        self._blinks: deque[tuple[float, float]] = deque(maxlen=max_count)
        self._max_age_s = max_age_s
        self._fit: BlinkFit | None = None
        self._rate_per_h = 0.0
        self._dirty = False

    def add(self, t_end: float, duration_s: float) -> None:
        """Record one closure that ended at ``t_end`` without selecting."""
        self._blinks.append((t_end, duration_s))
        while self._blinks and t_end - self._blinks[0][0] > self._max_age_s:
            self._blinks.popleft()
        self._dirty = True

    def __len__(self) -> int:
        return len(self._blinks)

    def hold_for(self, target_false_per_hour: float, truncated_at: float) -> float:
        """The hold that spontaneous blinks would exceed ``target_false_per_hour`` times an hour.

        Returns 0.0 while there are too few blinks to say.
        """
        if len(self._blinks) < MIN_BLINKS_TO_ADAPT:
            return 0.0
        if self._dirty:
            self._refit(truncated_at)
        if self._fit is None or self._rate_per_h <= 0:
            return 0.0
        return self._fit.duration_exceeded_with(target_false_per_hour / self._rate_per_h)

    def _refit(self, truncated_at: float) -> None:
        self._dirty = False
        self._fit = fit_blinks((d for _, d in self._blinks), truncated_at=truncated_at)
        span = self._blinks[-1][0] - self._blinks[0][0]
        # n blinks span n-1 intervals.
        self._rate_per_h = (len(self._blinks) - 1) * 3600.0 / span if span > 0 else 0.0
