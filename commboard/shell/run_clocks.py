"""A run's clocks: monotonic or virtual time, the calendar, and when a timed run ends.

Every command (``run``, ``calibrate``, ``screenshot``) has one clock, built
here from ``--virtual-clock``; a virtual clock starts at ``VIRTUAL_START_S``.
Calendar time (the history's timestamps) is separate: the machine's, or under
a virtual clock one that moves with it from ``--start-time``.  Used by the
composition root, :mod:`commboard.shell.app`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from commboard.clock import Clock, MonotonicClock, RunCalendar, VirtualClock
from commboard.run_options import RunOptions

SCRIPT_TAIL_S = 10.0  # virtual clock without --max-seconds: stop this long after the script
NO_SCRIPT_S = 60.0
# Where every virtual clock starts (``run``, ``calibrate``, ``screenshot``).  Event-log
# times count from the run's start, so the value shows only in the last bits of
# unrounded durations (blink ``duration_s``): the golden logs were recorded at
# 1000 s, and a start at 0 changes those digits.
VIRTUAL_START_S = 1000.0


def build_clock(options: RunOptions) -> Clock:
    """The command's one clock: virtual (``--virtual-clock``) or real monotonic time."""
    if options.virtual_clock:
        return VirtualClock(VIRTUAL_START_S)
    return MonotonicClock()


def end_at(options: RunOptions, start: float, script_end: float | None) -> float | None:
    match (options.max_seconds, options.virtual_clock, script_end):
        case (float() | int() as seconds, _, _):
            return start + seconds
        case (None, True, float() as last):
            return start + last + SCRIPT_TAIL_S
        case (None, True, None):
            return start + NO_SCRIPT_S
    return None


def local_wall_clock() -> datetime:
    """Now, in the machine's local time zone: the history's timestamps (the core reads no clock)."""
    return datetime.now().astimezone()


def build_calendar(options: RunOptions, clock: Clock) -> Callable[[], datetime]:
    """The run's calendar time: the machine's, or (virtual clock) one that moves with the clock.

    Under ``--virtual-clock`` it starts at ``--start-time`` (default: now) and
    advances with the virtual seconds, so a simulated day has real-looking times.
    """
    if not options.virtual_clock:
        return local_wall_clock
    return RunCalendar(clock, options.start_time or local_wall_clock())
