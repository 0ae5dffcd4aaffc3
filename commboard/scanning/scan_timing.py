"""Where the scanner is and how long its steps last: time constants, phases, levels.

The scanning engine (:mod:`commboard.scanning.engine`) keeps the timeline;
this module holds the numbers it counts time with, the phases it moves
through, and the small reads of its state every rule needs (the items at this
level, the passes they get, auto or step mode, a step's length).
``Scanner`` takes the reads from ``ScanTiming``, which declares what it uses.
"""

from __future__ import annotations

from enum import Enum

from commboard.scanning.plans import ScanGroup
from commboard.settings import ScanMode, ScanSettings

EPS = 1e-9
"""Deadlines within this of ``now`` count as reached (float sums of intervals)."""

MIN_STEP_S = 0.05
"""Floor on a step's length so a zero interval can never spin the tick loop."""

MAX_STEPS_PER_CALL = 10_000
"""Safety valve: one call never performs more timed steps than this."""

# A late press (``_latched``) is for the item before only this soon after the move,
# whatever the interval: a therapist who sets a 3 s interval for a tired patient
# must not see a deliberate press 0.6 s after the move go to the item before.
LATE_PRESS_MAX_S = 0.25


class Phase(Enum):
    EMPTY = "empty"  # the plan has nothing to scan
    WAITING = "waiting"  # waiting for a switch press to start a cycle
    SCANNING = "scanning"
    QUIET = "quiet"  # post-selection delay


class ScanTiming:
    """Reads of the scan's state shared by its rules (part of ``Scanner``, which holds the state)."""

    _settings: ScanSettings
    _stack: list[ScanGroup]

    def _children(self) -> tuple[ScanGroup, ...]:
        return self._stack[-1].children

    def _level_passes(self) -> int:
        """Passes at this level: the group's own (fewer, if the plan asks) or the setting."""
        own = self._stack[-1].passes
        setting = self._settings.passes
        return min(own, setting) if own > 0 else setting

    def _auto(self) -> bool:
        return self._settings.mode != ScanMode.STEP

    def _duration(self, first: bool) -> float:
        extra = self._settings.first_extra_s if first else 0.0
        return max(MIN_STEP_S, self._settings.interval_s + extra)
