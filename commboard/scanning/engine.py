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
  activation (and is held for the acceptance time) emits ``Undo``; after a
  blink the window is at least the switch's hold + refractory time +
  ``UNDO_MARGIN_S`` (``press_rules._undo_window``).  The scan
  does not restart inside the undo window on purpose: otherwise a quick
  press meant for the first row would cancel the phrase just said.

Which switches are held, the one press being decided and the log line each
press leaves live in :mod:`commboard.scanning.presses`; what a press does
(start, move, enter a group, activate, undo) is decided here.

The engine's other jobs have their own modules: ``press_rules`` (what a press
is for, the hold it needs, the undo window and the stillness after a
selection), ``scan_cues`` (auditory cues and "Hold longer") and
``scan_timing`` (time constants, phases, the reads of the scan's state every
rule needs); this module keeps ``Scanner`` and its timeline.
"""

from __future__ import annotations

from collections.abc import Callable

from commboard.effects import Activate, Effect, Highlight, Log, Notice, Paused, PauseReason, Undo
from commboard.events import SwitchDown, SwitchUp
from commboard.scanning.plans import ScanGroup, ScanPlan
from commboard.scanning.press_rules import PressRules
from commboard.scanning.presses import Holding, Press, Purpose, SwitchPresses
from commboard.scanning.scan_cues import ScanCues, final
from commboard.scanning.scan_timing import EPS, MAX_STEPS_PER_CALL, Phase
from commboard.settings import ScanSettings, ScanStart


class Scanner(PressRules, ScanCues):
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
        self._phase = Phase.EMPTY
        self._step_started = 0.0
        self._step_first = False
        self._step_due: float | None = None
        self._frozen_left: float | None = None
        self._quiet_until: float | None = None
        self._quiet_early = False  # the quiet ends before the undo window does (``_enter_quiet``)
        self._presses = SwitchPresses()
        self._activated_t: float | None = None
        self._undo_window_s = settings.undo_window_s
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
                self._quiet_until if self._phase is Phase.QUIET else None,
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
        elif self._phase is Phase.QUIET and (self._quiet_until or now) > now + EPS:
            self._clear(now, out)
        else:
            self._begin_cycle(now, out)
        return final(out)

    def handle(self, event: SwitchDown | SwitchUp, now: float) -> list[Effect]:
        """A switch went down or up (at ``event.t``); effects up to ``now``."""
        out: list[Effect] = []
        self._advance(event.t, out)
        if isinstance(event, SwitchDown):
            self._down(event, out)
        else:
            self._up(event, out)
        self._advance(now, out)
        return final(out)

    def tick(self, now: float) -> list[Effect]:
        """Perform every timed step due by ``now``, each at its own time."""
        out: list[Effect] = []
        self._advance(now, out)
        return final(out)

    def pause(self, now: float) -> list[Effect]:
        """Stop moving and ignore switches (``control.pauses.PauseOwner`` says when and why)."""
        out: list[Effect] = []
        self._advance(now, out)
        if self._paused:
            return out
        self._paused = True
        self._void_pending("paused")
        self._step_due = self._frozen_left = None
        return final(out)

    def resume(self, now: float) -> list[Effect]:
        """Carry on: the current item gets a full step plus the first-item extra."""
        if not self._paused:
            return []
        self._paused = False
        out: list[Effect] = []
        if self._restart_on_resume or self._phase is Phase.QUIET:
            self._restart_on_resume = False
            self._begin_cycle(now, out)
        elif self._phase is Phase.SCANNING:
            self._show(now, self._index or 0, out, extra=True)
        return final(out)

    @property
    def undo_window_s(self) -> float:
        """The undo window of the last selection (a blink's is longer than the set one)."""
        return self._undo_window_s

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
        elif self._phase is Phase.SCANNING and pending is None and self._index is not None:
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
            self._phase = Phase.EMPTY
            self._clear(t, out)
        elif self._settings.start == ScanStart.SWITCH:
            self._phase = Phase.WAITING
            self._clear(t, out)
        else:
            self._phase = Phase.SCANNING
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
            self._phase = Phase.WAITING
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

    def _accept(self, press: Press, t: float, out: list[Effect]) -> None:
        self._presses.accept(press)
        self._frozen_left = None
        if press.purpose is Purpose.UNDO:
            self._undo(t, out)
        elif press.purpose is Purpose.START:
            out.append(Log(t, "scan", {"event": "start"}))
            self._phase = Phase.SCANNING
            self._stack = [self._root]
            self._passes = 0
            self._show(t, 0, out)
        elif press.purpose is Purpose.NEXT:
            self._move_on(t, out, manual=True)
        else:
            self._select(press.target, t, out, self._undo_window(press))

    def _select(self, target: int | None, t: float, out: list[Effect], undo_s: float) -> None:
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
        self._activated_t, self._undo_window_s = t, undo_s
        self._enter_quiet(t, undo_s)

    def _undo(self, t: float, out: list[Effect]) -> None:
        self._activated_t = None  # one undo per selection
        # Notice first: the session answers Undo with the more telling
        # "Undone: <label>", which must be the notice left on screen.
        out.append(Notice(t, "Cancelled"))
        out.append(Undo(t))
        out.append(Log(t, "scan", {"event": "undo"}))
        self._clear(t, out)
        self._enter_quiet(t)

    def _up(self, event: SwitchUp, out: list[Effect]) -> None:
        log, early = self._presses.release(event)
        if early:
            self._unfreeze(event.t)
        if log is not None:
            out.append(log)
        if early:
            self._hold_longer(event.t, out)
