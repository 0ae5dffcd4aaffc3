"""A forgotten carer screen closes by itself, so the patient is never left without a voice.

Every screen declares ``idle_timeout_s`` (``screens.base.Screen``).  The
carer menu, the layout picker, the quit confirmation, the settings screen
and the camera view close after that long without a carer key or click, and
scanning resumes.  Calibration runs without carer input on purpose: None.  What closing loses
(the settings screen's unsaved edits, its ``timeout_note``) is logged and
shown.  Pure functions; the frame loop keeps the screens and the clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


class TimedScreen(Protocol):
    """What the time-out needs of an open carer screen (``shell.screens.base.Screen`` has it)."""

    @property
    def idle_timeout_s(self) -> float | None:
        """How long it stays open without carer input (None: until closed)."""
        ...

    def timeout_note(self) -> str | None:
        """What closing it for want of input loses, in words (None: nothing)."""
        ...


def timeout_at(screens: Sequence[TimedScreen], carer_input_at: float) -> float | None:
    """When the open carer screens close by themselves (None: none open, or one that never does)."""
    limit = screens[-1].idle_timeout_s if screens else None
    return None if limit is None else carer_input_at + limit


@dataclass(frozen=True, slots=True)
class TimedOut:
    """The screens that closed for want of input: what the log records and the notice says."""

    closed: list[str]  # screen class names, bottom first
    idle_s: float
    notes: list[str]  # what closing lost, one note per screen that had something to lose

    @property
    def notice(self) -> str:
        """The words shown on the board once it is back."""
        minutes = round(self.idle_s / 60)
        after = "a minute" if minutes <= 1 else f"{minutes} minutes"
        text = f"The carer screen closed after {after} without input"
        return "; ".join([text, *self.notes])


def timed_out(screens: Sequence[TimedScreen], carer_input_at: float, now: float) -> TimedOut | None:
    """The screens to close at ``now`` for want of carer input, or None if none are due."""
    due = timeout_at(screens, carer_input_at)
    if due is None or now < due:
        return None
    names = [type(s).__name__ for s in screens]
    notes = [n for s in screens if (n := s.timeout_note())]
    return TimedOut(names, now - carer_input_at, notes)
