"""A forgotten carer screen closes by itself, so the patient is never left without a voice.

Every screen declares ``idle_timeout_s`` (``screens.base.Screen``).  The
carer menu, the layout picker, the quit confirmation, the settings screen
and the camera view close after that long without a carer key or click, and
scanning resumes.  Calibration runs without carer input on purpose: None.  What closing leaves
unsaved (the settings screen's or the page editor's edits, its ``timeout_note``) is logged and
shown.  Pure functions; the frame loop keeps the screens and the clock.

Unsaved work is not thrown away (``KeptDrafts``): a screen with a ``draft_slot`` and
something unsaved is kept aside, and when the carer next opens a screen of the same
slot (the editor of the same layout, the settings of the same profile) the new screen
``resume``s from it, so the carer finds their edits again, still unsaved, and decides.
A carer called away to the patient must not come back to find their typing gone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar


class TimedScreen(Protocol):
    """What the time-out needs of an open carer screen (``shell.screens.base.Screen`` has it)."""

    @property
    def idle_timeout_s(self) -> float | None:
        """How long it stays open without carer input (None: until closed)."""
        ...

    def timeout_note(self) -> str | None:
        """What closing it for want of input leaves unsaved, in words (None: nothing)."""
        ...

    @property
    def draft_slot(self) -> str | None:
        """Where its unsaved work is kept when it closes (None: it keeps none: lost)."""
        ...


def timeout_at(screens: Sequence[TimedScreen], carer_input_at: float) -> float | None:
    """When the open carer screens close by themselves (None: none open, or one that never does)."""
    limit = screens[-1].idle_timeout_s if screens else None
    return None if limit is None else carer_input_at + limit


KEPT = " (kept: opening the same screen again brings them back)"

Kept = TypeVar("Kept", bound=TimedScreen)


class KeptDrafts(Generic[Kept]):
    """Screens closed for want of input with unsaved work, one per slot, until opened again."""

    def __init__(self) -> None:
        self._kept: dict[str, Kept] = {}

    def keep(self, screens: Sequence[Kept]) -> None:
        """Set aside every screen of ``screens`` that has a slot and unsaved work."""
        for screen in screens:
            slot = screen.draft_slot
            if slot is not None and screen.timeout_note() is not None:
                self._kept[slot] = screen

    def take(self, slot: str | None) -> Kept | None:
        """The screen kept for ``slot`` (no longer kept), None if there is none."""
        return None if slot is None else self._kept.pop(slot, None)

    def notes(self) -> list[str]:
        """What is kept, in words (quitting the board loses it)."""
        return [n for s in self._kept.values() if (n := s.timeout_note())]


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
    notes = [n + (KEPT if s.draft_slot else "") for s in screens if (n := s.timeout_note())]
    return TimedOut(names, now - carer_input_at, notes)
