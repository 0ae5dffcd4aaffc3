"""The run's one clock: real monotonic time, or virtual time the loop steps.

``shell.app`` (the composition root) builds exactly one clock per command and
hands it to the frame loop, the camera feed, every frame source, the eye
input and the calibration run.  Nothing else reads time: the core gets
``now`` as an argument.

Two kinds:

* ``MonotonicClock``: real time.  Time passes by itself, so the loop waits
  for its next deadline, a live frame source paces itself and may fall
  behind (and then skips to the newest frame).
* ``VirtualClock``: time moves only when the loop calls ``advance_to``.  A
  headless run jumps from deadline to deadline, faster than real time and
  exactly repeatable; frame sources deliver every frame, stamped by its
  number, without waiting.

Calendar time (the history's timestamps) is a different thing and is
injected separately (``shell.run_clocks.local_wall_clock``); never mix the two.
The one bridge is :class:`RunCalendar`, for simulated days: under a virtual
clock the calendar starts at ``--start-time`` and moves with the clock, so a
soak run or a report test gets real-looking days (not every line of a
simulated hour stamped with the same wall-clock second).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What every part that needs the time is given."""

    @property
    def virtual(self) -> bool:
        """True when time moves only by ``advance_to`` (headless, deterministic runs)."""
        ...

    def now(self) -> float:
        """Monotonic seconds on this run's clock."""
        ...

    def advance_to(self, t: float) -> None:
        """Move time forward to ``t`` (virtual); real time cannot be moved (the caller waits)."""
        ...


class MonotonicClock:
    """Real time: the machine's monotonic clock (never jumps back, unlike the calendar).

    Args:
        read: where the seconds come from; tests give a hand-moved value to act
            out a stalled loop without waiting.
    """

    virtual = False

    def __init__(self, read: Callable[[], float] = time.monotonic) -> None:
        self._read = read

    def now(self) -> float:
        return self._read()

    def advance_to(self, t: float) -> None:
        """Real time cannot be advanced; the loop waits for its deadline instead."""


class VirtualClock:
    """Time that stands still until the loop moves it on: headless runs as fast as possible.

    Args:
        start: the first ``now``.  Event-log times are relative to the run's
            start, so the value never shows in a log.
    """

    virtual = True

    def __init__(self, start: float) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance_to(self, t: float) -> None:
        """Jump to ``t``; a ``t`` in the past leaves the clock where it is (time never runs back)."""
        self._now = max(self._now, t)


class RunCalendar:
    """Calendar time that moves with a run's clock: ``start`` plus the clock's seconds since.

    Args:
        clock: the run's clock (virtual, for simulated days).
        start: the calendar time at the clock's current ``now`` (naive: local time).

    Calling it returns the current calendar time, like ``local_wall_clock``.
    """

    def __init__(self, clock: Clock, start: datetime) -> None:
        self._clock = clock
        self._start = start if start.tzinfo is not None else start.astimezone()
        self._t0 = clock.now()

    def __call__(self) -> datetime:
        return self._start + timedelta(seconds=self._clock.now() - self._t0)
