"""The scanning engine: one state machine that walks any :class:`ScanPlan` in time.

Pure core: every method takes ``now`` (monotonic seconds) and returns effects;
nothing here reads a clock or sleeps.  ``tick(now)`` performs every timed step
whose deadline has passed, each stamped with its own deadline, so a frame
hitch of 2.5 scan steps still lands on the right highlight and logs the
steps at the times they were due.

Behaviour (``docs/scanning.md`` has the full timeline rules):

* auto mode: the highlight moves every ``interval_s`` (the first item of each
  pass gets ``first_extra_s`` more); SELECT enters a group or activates a cell.
  step mode: NEXT moves, SELECT chooses; nothing moves by itself.
* A press counts once held for the acceptance time (a leaf may need longer:
  ``hold_for``); it is decided while held, the highlight stands still while a
  press is being held, and a shorter press is logged and ignored.
* After ``passes`` unanswered passes at a level, go up a level; at the top,
  stop and wait for a switch press.
* After an activation the selected cell stays highlighted and nothing moves
  for ``max(post_select_delay_s, undo_window_s)``; then a new cycle starts at
  the top.  A SELECT press that goes down within ``undo_window_s`` of the
  activation (and is held for the acceptance time) emits ``Undo``.  The scan
  does not restart inside the undo window on purpose: otherwise a quick
  press meant for the first row would cancel the phrase just said.

Which switches are held, the one press being decided and the log line each
press leaves live in :mod:`commboard.scanning.presses`; what a press does
(start, move, enter a group, activate, undo) is decided here.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from commboard.effects import (
    Activate,
    Banner,
    Cue,
    Effect,
    Highlight,
    Log,
    Notice,
    Paused,
    PauseReason,
    ShowBanner,
    Undo,
)
from commboard.events import Switch, SwitchDown, SwitchUp
from commboard.scanning.plans import ScanGroup, ScanPlan
from commboard.scanning.presses import Holding, Press, Purpose, SwitchPresses
from commboard.settings import Auditory, ScanMode, ScanSettings, ScanStart

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

HOLD_LONGER = "Hold longer"
"""What a press let go before its hold was reached is answered with, shown and (auditory) said."""

HOLD_LONGER_KEY = "hold"
HOLD_LONGER_S = 2.0
"""How long "Hold longer" stays up: long enough to read after opening the eyes, then out of the way."""


class _Phase(Enum):
    EMPTY = "empty"  # the plan has nothing to scan
    WAITING = "waiting"  # waiting for a switch press to start a cycle
    SCANNING = "scanning"
    QUIET = "quiet"  # post-selection delay


class Scanner:
    """Walks a scan plan over time and turns switch presses into selections.

    Args:
        settings: the patient's scan settings (interval, mode, holds...).
        hold_for: per-cell hold time for a leaf (the alarm wants 2 s); None =
            the acceptance time. The effective hold is the larger of the two.
    """

    def __init__(
        self,
        settings: ScanSettings,
        hold_for: Callable[[int], float | None] = lambda i: None,
    ) -> None:
        self._settings = settings
        self._hold_for = hold_for
        self._root = ScanGroup((), "")
        self._root_plan = ScanPlan(self._root)
        self._stack: list[ScanGroup] = [self._root]
        self._index: int | None = None
        self._prev_index: int | None = None
        self._passes = 0
        self._phase = _Phase.EMPTY
        self._step_started = 0.0
        self._step_first = False
        self._step_due: float | None = None
        self._frozen_left: float | None = None
        self._quiet_until: float | None = None
        self._quiet_early = False  # the quiet ends before the undo window does (``_enter_quiet``)
        self._presses = SwitchPresses()
        self._activated_t: float | None = None
        self._paused = False
        self._restart_on_resume = False

    # ------------------------------------------------------------------ API

    @property
    def paused(self) -> bool:
        """True between :meth:`pause` and :meth:`resume`."""
        return self._paused

    def highlighted(self) -> tuple[int, ...]:
        """Cells highlighted now (empty when nothing is)."""
        if self._index is None:
            return ()
        return self._children()[self._index].cells

    def holding(self) -> Holding | None:
        """The press being decided, with the hold it needs (None: none, or one that needs no hold).

        The screen fills a bar on its cells meanwhile, so a patient holding
        the 2 s on "Call nurse" sees it count.
        """
        press = self._presses.pending
        if press is None or press.need_s <= EPS:
            return None
        cells = self.highlighted()
        if press.purpose is Purpose.SELECT and press.target is not None:
            cells = self._children()[press.target].cells
        return Holding(press.down_t, press.need_s, cells)

    def next_deadline(self) -> float | None:
        """When :meth:`tick` next has something to do; None = only a switch can move us."""
        if self._paused:
            return None
        times = [
            t
            for t in (
                self._presses.due(),
                self._step_due,
                self._quiet_until if self._phase is _Phase.QUIET else None,
            )
            if t is not None
        ]
        return min(times) if times else None

    def load(self, plan: ScanPlan, now: float) -> list[Effect]:
        """Scan a new plan (new page): start, or wait per ``settings.start``.

        A press being held for the old page is void.  If a post-selection
        delay is running, the new page starts when it ends.
        """
        out: list[Effect] = []
        self._void_pending("page changed")
        self._root = plan.root
        self._root_plan = plan
        self._stack = [plan.root]
        self._passes = 0
        self._index = self._prev_index = None
        self._step_due = self._frozen_left = None
        if self._paused:
            self._restart_on_resume = True
            self._clear(now, out)
        elif self._phase is _Phase.QUIET and (self._quiet_until or now) > now + EPS:
            self._clear(now, out)
        else:
            self._begin_cycle(now, out)
        return _final(out)

    def handle(self, event: SwitchDown | SwitchUp, now: float) -> list[Effect]:
        """A switch went down or up (at ``event.t``); effects up to ``now``."""
        out: list[Effect] = []
        self._advance(event.t, out)
        if isinstance(event, SwitchDown):
            self._down(event, out)
        else:
            self._up(event, out)
        self._advance(now, out)
        return _final(out)

    def tick(self, now: float) -> list[Effect]:
        """Perform every timed step due by ``now``, each at its own time."""
        out: list[Effect] = []
        self._advance(now, out)
        return _final(out)

    def pause(self, now: float) -> list[Effect]:
        """Stop moving and ignore switches (``control.pauses.PauseOwner`` says when and why)."""
        out: list[Effect] = []
        self._advance(now, out)
        if self._paused:
            return out
        self._paused = True
        self._void_pending("paused")
        self._step_due = self._frozen_left = None
        return _final(out)

    def resume(self, now: float) -> list[Effect]:
        """Carry on: the current item gets a full step plus the first-item extra."""
        if not self._paused:
            return []
        self._paused = False
        out: list[Effect] = []
        if self._restart_on_resume or self._phase is _Phase.QUIET:
            self._restart_on_resume = False
            self._begin_cycle(now, out)
        elif self._phase is _Phase.SCANNING:
            self._show(now, self._index or 0, out, extra=True)
        return _final(out)

    def close_undo_window(self) -> None:
        """The last activation can no longer be undone by a press (something else acted since).

        A carer's click (or any pointer selection) after the patient's
        selection is not the patient's to cancel: a press inside the window
        would otherwise undo the click, not the selection it was meant for
        (a stray blink just after the carer cleared a spoken message brought
        the whole message back).
        """
        self._activated_t = None

    def set_settings(self, settings: ScanSettings, now: float) -> None:
        """Use new settings from now on; the step in progress is re-timed at once."""
        self._settings = settings
        pending = self._presses.pending
        if pending is not None:
            pending.need_s = self._need(pending)
        if not self._auto():
            self._step_due = self._frozen_left = None
        elif self._phase is _Phase.SCANNING and pending is None and self._index is not None:
            due = self._step_started + self._duration(self._step_first)
            self._step_due = max(due, now)

    # ------------------------------------------------------------ timeline

    def _advance(self, now: float, out: list[Effect]) -> None:
        """Perform every deadline up to ``now`` in time order."""
        if self._paused:
            return
        for _ in range(MAX_STEPS_PER_CALL):
            due = self.next_deadline()
            if due is None or due > now + EPS:
                return
            self._fire(due, out)

    def _fire(self, t: float, out: list[Effect]) -> None:
        pending, pending_due = self._presses.pending, self._presses.due()
        if pending is not None and pending_due is not None and pending_due <= t + EPS:
            self._accept(pending, t, out)
        elif self._step_due is not None and self._step_due <= t + EPS:
            self._step_due = None
            self._move_on(t, out, manual=False)
        elif pending is not None and pending_due is not None and self._quiet_early:
            # An undo press is being held as the early start comes: the next cycle
            # waits for it (a highlight shown now would vanish when the undo counts).
            self._quiet_until = pending_due
        else:
            self._quiet_until = None
            self._begin_cycle(t, out)

    def _begin_cycle(self, t: float, out: list[Effect]) -> None:
        """Start again at the top level of the plan."""
        self._stack = [self._root]
        self._passes = 0
        self._index = self._prev_index = None
        self._quiet_until = None
        if not self._root.children:
            self._phase = _Phase.EMPTY
            self._clear(t, out)
        elif self._settings.start == ScanStart.SWITCH:
            self._phase = _Phase.WAITING
            self._clear(t, out)
        else:
            self._phase = _Phase.SCANNING
            self._show(t, 0, out)

    def _move_on(self, t: float, out: list[Effect], manual: bool) -> None:
        """Highlight the next item; count passes and go up a level when they run out."""
        nxt = (self._index or 0) + 1
        if nxt < len(self._children()):
            self._show(t, nxt, out)
            return
        self._passes += 1
        if self._passes < self._level_passes():
            self._show(t, 0, out)
        elif len(self._stack) > 1:
            self._stack.pop()
            self._passes = 0
            self._index = self._prev_index = None
            out.append(Log(t, "scan", {"event": "back"}))
            self._show(t, 0, out)
        elif manual or not self._auto():
            self._passes = 0
            self._show(t, 0, out)
        else:
            self._phase = _Phase.WAITING
            self._clear(t, out)
            out.append(Paused(t, PauseReason.WAITING))

    def _show(self, t: float, index: int, out: list[Effect], extra: bool = False) -> None:
        """Highlight child ``index`` of the current level, cue it, and time the step."""
        self._prev_index = self._index
        self._index = index
        self._step_started = t
        self._step_first = extra or index == 0
        child = self._children()[index]
        out.append(Highlight(t, child.cells))
        out.append(Log(t, "highlight", {"cells": list(child.cells)}))
        cue = self._cue(t, child.label)
        if cue is not None:
            out.append(cue)
        if self._auto() and self._presses.pending is None:
            self._step_due = t + self._duration(self._step_first)
        else:
            self._step_due = None

    def _clear(self, t: float, out: list[Effect]) -> None:
        self._index = self._prev_index = None
        self._step_due = None
        out.append(Highlight(t, ()))
        out.append(Log(t, "highlight", {"cells": []}))

    def _cue(self, t: float, label: str) -> Cue | None:
        mode = self._settings.auditory
        if mode == Auditory.OFF:
            return None
        return Cue(t, label if mode.speaks else "", beep=mode.beeps)

    # ------------------------------------------------------------- presses

    def _down(self, event: SwitchDown, out: list[Effect]) -> None:
        press = self._presses.press(event)
        if press is None:
            return  # a repeated down without an up (key auto-repeat, bounce)
        purpose, reason = self._purpose(event)
        press.purpose, press.reason = purpose, reason
        if purpose is Purpose.IGNORE:
            return
        if purpose is Purpose.SELECT:
            press.target = self._latched(event.t)
        press.need_s = self._need(press)
        self._presses.pending = press
        self._freeze(event.t)
        if press.need_s <= EPS:
            self._accept(press, event.t, out)

    def _purpose(self, event: SwitchDown) -> tuple[Purpose, str]:
        """What this press would do if held long enough, or why it is ignored."""
        if self._paused:
            return Purpose.IGNORE, "paused"
        if self._presses.pending is not None:
            return Purpose.IGNORE, "another switch is held"
        if event.name is Switch.SELECT and self._undo_open(event.t):
            return Purpose.UNDO, ""
        if self._phase is _Phase.EMPTY:
            return Purpose.IGNORE, "nothing to scan"
        if self._phase is _Phase.QUIET:
            return Purpose.IGNORE, "too soon after a selection"
        if self._phase is _Phase.WAITING:
            return Purpose.START, ""
        if event.name is Switch.NEXT:
            return Purpose.NEXT, ""
        return Purpose.SELECT, ""

    def _undo_open(self, t: float) -> bool:
        window = self._settings.undo_window_s
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
        if self._frozen_left is not None and self._phase is _Phase.SCANNING and self._auto():
            self._step_due = t + self._frozen_left
        self._frozen_left = None

    def _void_pending(self, reason: str) -> None:
        self._presses.void(reason)
        self._frozen_left = None

    def _accept(self, press: Press, t: float, out: list[Effect]) -> None:
        self._presses.accept(press)
        self._frozen_left = None
        if press.purpose is Purpose.UNDO:
            self._undo(t, out)
        elif press.purpose is Purpose.START:
            out.append(Log(t, "scan", {"event": "start"}))
            self._phase = _Phase.SCANNING
            self._stack = [self._root]
            self._passes = 0
            self._show(t, 0, out)
        elif press.purpose is Purpose.NEXT:
            self._move_on(t, out, manual=True)
        else:
            self._select(press.target, t, out)

    def _select(self, target: int | None, t: float, out: list[Effect]) -> None:
        if target is None:
            return
        child = self._children()[target]
        if not child.is_leaf:
            self._stack.append(child)
            self._passes = 0
            self._index = self._prev_index = None
            self._show(t, 0, out)
            return
        if target != self._index:
            self._show(t, target, out)
        out.append(Activate(t, child.cells[0]))
        self._activated_t = t
        self._enter_quiet(t, self._settings.undo_window_s)

    def _undo(self, t: float, out: list[Effect]) -> None:
        self._activated_t = None  # one undo per selection
        # Notice first: the session answers Undo with the more telling
        # "Undone: <label>", which must be the notice left on screen.
        out.append(Notice(t, "Cancelled"))
        out.append(Undo(t))
        out.append(Log(t, "scan", {"event": "undo"}))
        self._clear(t, out)
        self._enter_quiet(t)

    def _enter_quiet(self, t: float, undo_window_s: float = 0.0) -> None:
        """Stand still after a selection: the post-selection delay, or the undo window.

        On a plan with a ``late_press_share`` the next cycle's first highlight
        comes that share of an interval (at most ``LATE_PRESS_MAX_S``) before
        the undo window closes: a press in that overlap is still the undo (it
        is too soon after the highlight to be a reaction to it, the same rule
        as :meth:`_latched`), and a press meant for the first item comes
        after the window anyway.  It saves that much dead time per selection.
        """
        self._phase = _Phase.QUIET
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

    def _up(self, event: SwitchUp, out: list[Effect]) -> None:
        log, early = self._presses.release(event)
        if early:
            self._unfreeze(event.t)
        if log is not None:
            out.append(log)
        if early:
            self._hold_longer(event.t, out)

    def _hold_longer(self, t: float, out: list[Effect]) -> None:
        """A press let go too soon is answered, not ignored: "Hold longer", shown and maybe said.

        Said with the prompt voice only when auditory scanning is on (a
        patient who chose silence is not spoken to); shown briefly either way.
        """
        banner = Banner(HOLD_LONGER_KEY, HOLD_LONGER, "info")
        out.append(ShowBanner(t, banner, HOLD_LONGER_S))
        if self._settings.auditory != Auditory.OFF:
            out.append(Cue(t, HOLD_LONGER))

    # -------------------------------------------------------------- helpers

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


def _final(out: list[Effect]) -> list[Effect]:
    """Drop all but the last cue: after a hitch only the current item is worth saying."""
    cues = [i for i, e in enumerate(out) if isinstance(e, Cue)]
    if len(cues) <= 1:
        return out
    drop = set(cues[:-1])
    return [e for i, e in enumerate(out) if i not in drop]
