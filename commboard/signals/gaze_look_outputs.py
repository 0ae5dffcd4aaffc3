"""What the look reader (``signals.gaze_look.LookReader``) reports, in order: ``LookStarted``
(a look began: for the indicator), ``Look`` (accepted), ``LongLook``, ``LookEnded`` (the gaze
came back) and ``LookIgnored`` (with its reason).
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.signals.gaze_frame import Direction


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
