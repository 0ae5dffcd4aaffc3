"""Keeping a message chosen on the Recent page's Keep page: held until its undo window is over.

A message chosen on the Keep page (``board.recent``) is not said: it is held
as a :class:`PendingPin`, said back quietly ("Keeping: ..."), and only when the
undo window and a hold have passed with no undo does ``Session``
(:mod:`commboard.board.session`) ask the shell to keep it.  ``PinKeeping``
holds and drops it; it declares the state of ``Session`` it uses.
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.board.model import Cell
from commboard.effects import Cue, Effect, Log, Notice
from commboard.scanning.engine import Scanner
from commboard.settings import Settings

PIN_MARGIN_S = 0.5
"""A pin waits for the undo window and the acceptance hold, and this much more (an undo
press that went down inside the window is accepted only after its hold)."""


@dataclass(frozen=True, slots=True)
class PendingPin:
    """A recent message the patient chose to keep, waiting for the undo window to pass."""

    text: str
    deadline: float


class PinKeeping:
    """Holding and dropping a message to keep (part of ``Session``, which holds the state)."""

    settings: Settings
    _pin: PendingPin | None
    _scanner: Scanner

    def _hold_pin(self, cell: Cell, now: float) -> list[Effect]:
        """Hold a message to keep until the undo window is over; say it back quietly."""
        # The window of this selection: a blink's is longer than the set one.
        wait_s = self._scanner.undo_window_s + self.settings.scan.acceptance_s + PIN_MARGIN_S
        self._pin = PendingPin(cell.spoken, now + wait_s)
        return [
            Log(now, "pin", {"event": "asked", "text": cell.spoken}),
            Notice(now, f"Keeping \u201c{cell.label}\u201d in My phrases (select again to cancel)"),
            Cue(now, f"Keeping: {cell.spoken}"),
        ]

    def _drop_pin(self, now: float, why: str) -> list[Effect]:
        pin, self._pin = self._pin, None
        if pin is None:
            return []
        return [
            Log(now, "pin", {"event": why, "text": pin.text}),
            Notice(now, f"Not kept: \u201c{pin.text}\u201d"),
        ]
