"""How the scanner decides a press: what it is for, how long it must be held, and the undo window.

A press is ignored (paused, another switch held, nothing to scan, too soon
after a selection), or starts a cycle, moves on, selects, or undoes the last
activation; a SELECT is for the item highlighted when it went down, or for
the item before when it came too soon after a move to be a reaction to the
new one (``LATE_PRESS_MAX_S``); a cell may ask for a longer hold.  While a
press is held the highlight stands still.  After an activation the scanner
stands still for the post-selection delay or the undo window.  ``Scanner``
(:mod:`commboard.scanning.engine`) takes these rules from ``PressRules``,
which declares the state it uses; the press bookkeeping itself lives in
:mod:`commboard.scanning.presses`.
"""

from __future__ import annotations

from collections.abc import Callable

from commboard.events import Switch, SwitchDown
from commboard.scanning.plans import ScanPlan
from commboard.scanning.presses import Press, Purpose, SwitchPresses
from commboard.scanning.scan_timing import EPS, LATE_PRESS_MAX_S, Phase, ScanTiming

# Seconds the undo window stays open past the soonest a switch can press again
# (a blink: hold + refractory time): time to reopen the eyes after the hold and
# to see that the wrong cell was chosen.  docs/blink.md, "Refractory time".
UNDO_MARGIN_S = 0.5


class PressRules(ScanTiming):
    """The press rules (part of ``Scanner``, which holds the state)."""

    _hold_for: Callable[[int], float | None]
    _root_plan: ScanPlan
    _index: int | None
    _prev_index: int | None
    _phase: Phase
    _step_started: float
    _step_due: float | None
    _frozen_left: float | None
    _quiet_until: float | None
    _quiet_early: bool
    _presses: SwitchPresses
    _activated_t: float | None
    _undo_window_s: float  # the window in force for the last activation
    _paused: bool

    def _purpose(self, event: SwitchDown) -> tuple[Purpose, str]:
        """What this press would do if held long enough, or why it is ignored."""
        if self._paused:
            return Purpose.IGNORE, "paused"
        if self._presses.pending is not None:
            return Purpose.IGNORE, "another switch is held"
        if event.name is Switch.SELECT and self._undo_open(event.t):
            return Purpose.UNDO, ""
        if self._phase is Phase.EMPTY:
            return Purpose.IGNORE, "nothing to scan"
        if self._phase is Phase.QUIET:
            return Purpose.IGNORE, "too soon after a selection"
        if self._phase is Phase.WAITING:
            return Purpose.START, ""
        if event.name is Switch.NEXT:
            return Purpose.NEXT, ""
        return Purpose.SELECT, ""

    def _undo_window(self, press: Press) -> float:
        """The undo window after ``press`` selected: the set one, or long enough for its switch.

        A blink cannot go down again until its hold and refractory time have
        passed (``again_after_s``); a window shorter than that (the default 1 s
        against a 1 s refractory time) could never be used by a blink user.
        0 (off) stays off.
        """
        window = self._settings.undo_window_s
        if window <= 0 or press.again_after_s <= 0:
            return window
        return max(window, press.again_after_s + UNDO_MARGIN_S)

    def _undo_open(self, t: float) -> bool:
        window = self._undo_window_s
        return (
            window > 0
            and self._activated_t is not None
            and self._activated_t - EPS <= t <= self._activated_t + window + EPS
        )

    def _latched(self, t: float) -> int | None:
        """The item a press at ``t`` is for.

        The item highlighted at ``t`` (a camera event may arrive a step late);
        on a plan with a ``late_press_share``, a press within that share of
        an interval (at most ``LATE_PRESS_MAX_S``) after the highlight moved
        on is for the item before: nobody reacts to a highlight that fast, so
        it is a reaction to the one just left -- after a wrap, the last item
        of the pass (auto mode only; step mode moves only when told).
        """
        if self._prev_index is None:
            return self._index
        if t < self._step_started - EPS:
            return self._prev_index
        share = self._root_plan.late_press_share
        grace = min(share * self._settings.interval_s, LATE_PRESS_MAX_S)
        if self._auto() and t < self._step_started + grace - EPS:
            return self._prev_index
        return self._index

    def _need(self, press: Press) -> float:
        """Hold time this press needs: acceptance, or longer for a cell that asks for it."""
        need = self._settings.acceptance_s
        if press.purpose is Purpose.SELECT and press.target is not None:
            child = self._children()[press.target]
            if child.is_leaf:
                need = max(need, self._cell_hold(child.cells[0]))
        return max(0.0, need)

    def _cell_hold(self, cell: int) -> float:
        try:
            hold = self._hold_for(cell)
        except (IndexError, KeyError, TypeError, ValueError):
            return 0.0
        return hold or 0.0

    def _freeze(self, t: float) -> None:
        """Hold the highlight still while a press is being decided."""
        if self._step_due is not None:
            self._frozen_left = max(0.0, self._step_due - max(t, self._step_started))
            self._step_due = None

    def _unfreeze(self, t: float) -> None:
        if self._frozen_left is not None and self._phase is Phase.SCANNING and self._auto():
            self._step_due = t + self._frozen_left
        self._frozen_left = None

    def _void_pending(self, reason: str) -> None:
        self._presses.void(reason)
        self._frozen_left = None

    def _enter_quiet(self, t: float, undo_window_s: float = 0.0) -> None:
        """Stand still after a selection: the post-selection delay, or the undo window.

        On a plan with a ``late_press_share`` the next cycle's first highlight
        comes that share of an interval (at most ``LATE_PRESS_MAX_S``) before
        the undo window closes: a press in that overlap is still the undo (it
        is too soon after the highlight to be a reaction to it, the same rule
        as :meth:`_latched`), and a press meant for the first item comes
        after the window anyway.  It saves that much dead time per selection.
        """
        self._phase = Phase.QUIET
        self._step_due = None
        early = self._early_start() if undo_window_s > 0 else 0.0
        wait = max(0.0, self._settings.post_select_delay_s, undo_window_s - early)
        self._quiet_until = t + wait
        self._quiet_early = wait < undo_window_s

    def _early_start(self) -> float:
        """How long before the undo window closes the next cycle may start (0: not before)."""
        if not self._auto():
            return 0.0
        share = self._root_plan.late_press_share
        return min(share * self._settings.interval_s, LATE_PRESS_MAX_S)
