"""Undo in the session: what an action changed is restored, and the patient is told.

``Session`` (:mod:`commboard.board.session`) keeps a :class:`Snapshot` of the
page, page stack and message before each action; ``SessionUndo`` restores it
on ``Undo``, withdraws what was said (and what it taught the word model),
drops a pending pin or question, shows "Undone: <label>" and says
"Cancelled: <label>".  It declares the state of ``Session`` it uses, and the
methods of ``Session`` it calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from commboard.board.message import MessageBar
from commboard.board.model import Action, Layout
from commboard.board.pin_keeping import PendingPin
from commboard.board.spelling import has_slots
from commboard.control import decision_confirmation as confirming
from commboard.control.decision_confirmation import PendingDecision
from commboard.effects import Cue, Effect, Log, Notice, Speak, StopSpeech, Withdraw
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import ScanPlan

SPEAKING_ACTIONS = frozenset({Action.SPEAK, Action.SPEAK_MESSAGE})


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What undo restores: where we were and what the message said before an action."""

    page_id: str
    stack: tuple[str, ...]
    message: MessageBar
    action: Action
    label: str
    said: Speak | None = None  # the message it put in the history, if any
    cell: int | None = None  # its slot on the page
    before_word: MessageBar | None = None  # what Delete took the message back to then


class SessionUndo:
    """Undoing the last action (part of ``Session``, which holds the state)."""

    layout: Layout
    _page_id: str
    _stack: tuple[str, ...]
    _bar: MessageBar
    _last: Snapshot | None
    _before_word: MessageBar | None
    _redo: int | None
    _pending: PendingDecision | None
    _pin: PendingPin | None
    _scanner: Scanner

    if TYPE_CHECKING:

        def _plan(self) -> ScanPlan: ...

        def _run(self, effects: list[Effect], now: float) -> list[Effect]: ...

        def _show(self, page_id: str, stack: tuple[str, ...], now: float) -> list[Effect]: ...

        def _replan(self, now: float) -> list[Effect]: ...

        def _learn(
            self, text: str, cell: int | None, now: float, undone: bool = False
        ) -> list[Effect]: ...

    def _undo(self, now: float) -> list[Effect]:
        """Cancel the last action: restore page, stack and message, and say so."""
        last, self._last = self._last, None
        if last is None:
            return []
        out: list[Effect] = [Log(now, "undo", {"label": last.label, "action": last.action.value})]
        if self._pin is not None:  # undone before it was kept: nothing is written
            out.append(Log(now, "pin", {"event": "undone", "text": self._pin.text}))
            self._pin = None
        if self._pending is not None:  # undone before answering: the question goes, unrecorded
            out += confirming.withdraw(self._pending, now)
            self._pending = None
            out += self._run(self._scanner.load(self._plan(), now), now)
        if last.action in SPEAKING_ACTIONS:
            out.append(StopSpeech(now))
        if last.said is not None:
            out.append(Withdraw(now, last.said))
            # A stray Speak half-way through a word must not make the half a learned word.
            out += self._learn(last.said.text, last.said.cell, now, undone=True)
        self._before_word = None
        replan = False
        if last.message != self._bar:
            self._bar = last.message
            out.append(Log(now, "message", {"text": self._bar.text}))
            replan = True
        if last.cell is not None and has_slots(self.layout.page(last.page_id)):
            # A stray press inside the undo window cancels the cell that was wanted:
            # the Spell page offers it again early, once (``spelling.REDO_SHARE``).
            self._redo, replan = last.cell, True
        if last.page_id != self._page_id or last.stack != self._stack:
            out += self._run(self._show(last.page_id, last.stack, now), now)
        elif replan:
            out += self._run(self._replan(now), now)
        # The message is as it was before the undone selection, and so is Delete: when that
        # was right after a word slot, Delete takes the whole word back again (a stray
        # press undone after a wrong word left it to be deleted letter by letter).
        self._before_word = last.before_word
        out.append(Notice(now, f"Undone: {last.label}"))
        # Said as well as shown: a patient who cannot see the screen must still
        # learn the selection was cancelled.  Feedback, not scanning, so it is
        # spoken whatever the auditory-scanning setting; last, so no scan cue
        # from the rescanned page cuts it off (a newer cue supersedes an older).
        out.append(Cue(now, f"Cancelled: {last.label}"))
        return out
