"""The board's core state: layout, current page, page stack, message and scanner.

``Session`` is pure: it never reads a clock, draws or speaks.  The shell
passes every input event and the current time in, and performs the effects
that come back (``Speak``, ``Alarm``, ``Highlight``, ``Log``...) in
``shell/performer``.

It hands each switch press to the scanner (``scanning.engine``) and performs
cell actions itself (the scanner only says *which* cell was chosen, with
``Activate``) and undoes the last one on ``Undo`` by restoring
the page, page stack and message from before it, showing "Undone: <label>"
and saying "Cancelled: <label>" with the quiet prompt voice (``Cue``).  Event-log records it emits
(see docs/event-log.md): ``select``, ``speak``, ``page``, ``message``,
``alarm``, ``undo``, ``confirm``, and on a Spell page with word slots
``words`` (the words offered after each change to the message).

On a page with word slots (``board.spelling``) the session refills the
slots and rebuilds the scan plan after every change to the message; a word
slot completes the word being spelled, and Delete straight after it takes
the whole word back in one step.  A spelled message that is spoken is
learned from (``WordsLearned`` tells the shell to save it).

A cell marked ``record: decision`` (or ``preference``) is said with that mark
(``Speak.record``), for the history and the care-team report.  When it needs
confirming (``control.decision_confirmation``), it is held as a
:class:`PendingDecision` while a Yes / No page asks "You said: ... Is that
right?"; only Yes says and records it.

A message chosen on the Recent page's Keep page (``board.recent``) is not
said: it is held as a pending pin, said back quietly ("Keeping: ..."), and
only when the undo window and a hold have passed with no undo does
``PinRequested`` ask the shell to keep it in "My phrases".  An undo, or a
pause (a carer screen, an alarm, a rest), before then drops it.

``Session`` keeps the state, the inputs and the page moves; its parts live by
job in :mod:`commboard.board.session_words` (the word slots),
:mod:`commboard.board.session_saying` (saying, learning, Yes / No),
:mod:`commboard.board.session_undo` (undo), :mod:`commboard.board.pin_keeping`
(a message to keep) and :mod:`commboard.board.hold_rules` (the hold a cell needs).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from commboard.board.hold_rules import hold_needed
from commboard.board.message import MessageBar
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.pin_keeping import PendingPin, PinKeeping
from commboard.board.recent import KEEP_PAGE
from commboard.board.session_saying import SessionSaying
from commboard.board.session_undo import SessionUndo, Snapshot
from commboard.board.session_words import WordSlots
from commboard.board.spelling import Prediction
from commboard.control import decision_confirmation as confirming
from commboard.control.decision_confirmation import PendingDecision
from commboard.effects import (
    Activate,
    Alarm,
    Effect,
    Log,
    PinRequested,
    Speak,
    StopSpeech,
    Undo,
)
from commboard.events import CellPointed, InputEvent, Source, SwitchDown, SwitchUp
from commboard.predict.predictor import Predictor
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import ScanPlan, build_plan, build_weighted_plan
from commboard.scanning.presses import Holding
from commboard.settings import ScanSettings, Settings

ScannerFactory = Callable[[ScanSettings, Callable[[int], float | None]], Scanner]


class Session(WordSlots, SessionSaying, SessionUndo, PinKeeping):
    """One patient's board: pages, message and scanning, driven by events and ``now``.

    Args:
        layout: the pages to show (validated: every ``go`` target exists).
        settings: the patient's profile.
        now: monotonic time at start.
        usage: per page id, cell index -> how often it was used (Huffman weights).
        scanner_factory: builds the scanner (tests may pass a scripted one).
        predictor: word prediction for pages with word slots (None: slots stay empty).
    """

    def __init__(
        self,
        layout: Layout,
        settings: Settings,
        now: float,
        usage: Mapping[str, Mapping[int, float]] | None = None,
        *,
        scanner_factory: ScannerFactory = Scanner,
        predictor: Predictor | None = None,
    ) -> None:
        self.layout = layout
        self._predictor = predictor
        self._prediction: Prediction | None = None
        self._before_word: MessageBar | None = None  # the message before a word slot was chosen
        self._redo: int | None = None  # a Spell page cell just undone (offered early once)
        self.settings = settings
        self._usage = usage or {}
        self._page_id = layout.home
        self._stack: tuple[str, ...] = ()
        self._bar = MessageBar()
        self._last: Snapshot | None = None
        self._source = Source.SCRIPT
        self._pending: PendingDecision | None = None  # a decision waiting for Yes
        self._pin: PendingPin | None = None  # a message to keep, waiting for its undo window
        self._scanner = scanner_factory(settings.scan, self._hold_for)
        self._queued: list[Effect] = [Log(now, "page", {"page": self._page_id})]
        self._queued += self._predict(now)
        self._queued += self._scanner.load(self._plan(), now)

    # -- what the shell reads -------------------------------------------------

    @property
    def page(self) -> Page:
        """The page on screen: the Yes / No question while a decision waits for it, a Spell
        page with its word slots filled, or the page itself."""
        if self._pending is not None:
            return confirming.confirmation_page(self._pending)
        if self._prediction is not None:
            return self._prediction.page
        return self.layout.page(self._page_id)

    @property
    def message(self) -> str:
        """The message being built, as shown."""
        return self._bar.text

    @property
    def highlighted(self) -> tuple[int, ...]:
        """Slot indices the scanner highlights now."""
        return self._scanner.highlighted()

    @property
    def paused(self) -> bool:
        """True while scanning is paused (carer menu, face lost, rest, help called)."""
        return self._scanner.paused

    @property
    def depth(self) -> int:
        """How many pages Back can go back."""
        return len(self._stack)

    @property
    def holding(self) -> Holding | None:
        """The switch press being held towards a selection, and the hold it needs (None: none)."""
        return self._scanner.holding()

    def next_deadline(self) -> float | None:
        """When ``tick`` next has something to do (None: waiting for input)."""
        scan = self._scanner.next_deadline()
        waits = [d.deadline for d in (self._pending, self._pin) if d is not None]
        if scan is not None:
            waits.append(scan)
        return min(waits) if waits else None

    # -- inputs ---------------------------------------------------------------

    def handle(self, event: InputEvent, now: float) -> list[Effect]:
        """Feed one input event; returns the effects to perform, in order."""
        out = self._take_queued()
        match event:
            case SwitchDown() | SwitchUp():
                self._source = event.source
                out += self._run(self._scanner.handle(event, now), now)
            case CellPointed():
                performed = self._activate(event.cell, now, event.source)
                if performed:
                    # The switch's undo window is for the switch's own selection.
                    self._scanner.close_undo_window()
                out += performed
        return out

    def tick(self, now: float) -> list[Effect]:
        """Advance scanning to ``now``; a question left unanswered too long is given up."""
        out = self._take_queued()
        pending = self._pending
        if pending is not None and now >= pending.deadline:
            self._pending = None
            self._last = None  # nothing left to undo: the statement is gone
            out += confirming.expire(pending, now)
            out += self._run(self._scanner.load(self._plan(), now), now)
        pin = self._pin
        if pin is not None and now >= pin.deadline:
            self._pin = None
            self._last = None  # kept: the undo window is over
            out += [
                Log(now, "pin", {"event": "kept", "text": pin.text}),
                PinRequested(now, pin.text),
            ]
        return out + self._run(self._scanner.tick(now), now)

    def pause(self, now: float) -> list[Effect]:
        """Stop the highlight and ignore switches (``control.pauses.PauseOwner`` decides why).

        A message waiting to be kept is dropped: a carer screen, an alarm or a
        rest came before its undo window was over (say so; nothing is written).
        """
        out = self._take_queued() + self._drop_pin(now, "paused")
        return out + self._run(self._scanner.pause(now), now)

    def resume(self, now: float) -> list[Effect]:
        """Scanning goes on after ``pause``."""
        return self._take_queued() + self._run(self._scanner.resume(now), now)

    def undo(self, now: float) -> list[Effect]:
        """Cancel the last action now (a blink rest request that first selected a cell)."""
        return self._take_queued() + self._undo(now)

    def set_settings(self, settings: Settings, now: float) -> list[Effect]:
        """Apply new settings at once; a new scan pattern (or spelling setting) rebuilds the plan."""
        pattern_changed = settings.scan.pattern != self.settings.scan.pattern
        spell_changed = settings.spell != self.settings.spell
        self.settings = settings
        self._scanner.set_settings(settings.scan, now)
        if not (pattern_changed or spell_changed):
            return self._take_queued()
        out = self._take_queued() + self._predict(now)
        return out + self._run(self._scanner.load(self._plan(), now), now)

    def set_predictor(self, predictor: Predictor | None, now: float) -> list[Effect]:
        """Predict with ``predictor`` from now on (the language's word lists arrived).

        On a page with word slots the slots and the scan change at once only
        while nothing is being chosen (the pause after a selection).  While a
        highlight moves, looks choose or a carer screen is open they change at
        the next selection: reloading the scan then would throw away the group
        the patient just entered, and a slot's word would change under the
        highlight or the look aimed at it.
        """
        self._predictor = predictor
        if self._scanner.paused or self._scanner.highlighted():
            return self._take_queued()
        return self._take_queued() + self._run(self._replan(now), now)

    def open_page(self, page_id: str, now: float) -> list[Effect]:
        """Show a page directly (carer's choice, screenshots); Back returns to this one."""
        if page_id not in self.layout.pages:
            return self._take_queued() + [Log(now, "error", {"message": f"no page {page_id!r}"})]
        if self._pending is not None:  # the carer chose a page: the question is closed unanswered
            self._take_queued()
            self._queued = confirming.withdraw(self._pending, now)
            self._pending = None
        stack = (*self._stack, self._page_id) if page_id != self._page_id else self._stack
        return self._take_queued() + self._show(page_id, stack, now)

    # -- internals ------------------------------------------------------------

    def _take_queued(self) -> list[Effect]:
        out, self._queued = self._queued, []
        return out

    def _plan(self) -> ScanPlan:
        if self._prediction is not None and self.scanned_by_likelihood:
            return build_weighted_plan(self._prediction.page, self._prediction.weights)
        return build_plan(self.page, self.settings.scan.pattern, self._usage.get(self._page_id))

    def _hold_for(self, index: int) -> float | None:
        """Hold time a cell needs beyond the profile's acceptance time (None: none)."""
        cells = self.page.cells
        cell = cells[index] if 0 <= index < len(cells) else None
        return hold_needed(cell, self.settings.scan.alarm_hold_s) if cell is not None else None

    def _run(self, effects: list[Effect], now: float) -> list[Effect]:
        """Pass scanner effects through, performing Activate and Undo here."""
        out: list[Effect] = []
        for effect in effects:
            match effect:
                case Activate():
                    out += self._activate(effect.cell, effect.t, self._source)
                case Undo():
                    out += self._undo(effect.t)
                case _:
                    out.append(effect)
        return out

    def _activate(self, index: int, now: float, source: Source) -> list[Effect]:
        if self._pending is not None:
            return self._answer(index, now, source)
        cells = self.page.cells
        cell = cells[index] if 0 <= index < len(cells) else None
        if cell is None:
            return []
        self._redo = None
        snapshot = Snapshot(
            self._page_id,
            self._stack,
            self._bar,
            cell.action,
            cell.label,
            cell=index,
            before_word=self._before_word,
        )
        select = Log(
            now,
            "select",
            {
                "page": self._page_id,
                "cell": index,
                "label": cell.label,
                "action": cell.action.value,
                "source": source.value,
            },
        )
        performed = self._perform(cell, index, now, source)
        said = next((e for e in performed if isinstance(e, Speak) and e.page is not None), None)
        self._last = replace(snapshot, said=said)
        return [select, *performed]

    def _perform(self, cell: Cell, index: int, now: float, source: Source) -> list[Effect]:
        match cell.action:
            case Action.SPEAK if self._page_id == KEEP_PAGE:
                return self._hold_pin(cell, now)
            case Action.SPEAK | Action.SPEAK_MESSAGE:
                text = cell.spoken if cell.action is Action.SPEAK else self._bar.spoken
                slot = index if cell.action is Action.SPEAK else None
                if text and confirming.needs_confirmation(
                    cell, self.settings.board.confirm_decisions
                ):
                    return self._ask(
                        PendingDecision(text, self._page_id, slot, cell.record or "", now)
                    )
                return self._speak(text, now, source, slot, cell.record)
            case Action.ADD | Action.BACKSPACE | Action.CLEAR | Action.WORD:
                return self._edit(cell, now)
            case Action.GO | Action.BACK | Action.HOME:
                return self._navigate(cell, now)
            case Action.ALARM:
                return [Alarm(now, cell.spoken), Log(now, "alarm", {"text": cell.spoken})]
            case Action.STOP:
                return [StopSpeech(now)]
        return []

    def _edit(self, cell: Cell, now: float) -> list[Effect]:
        before, self._before_word = self._before_word, None
        fields: dict[str, object] = {}
        match cell.action:
            case Action.ADD:
                self._bar = self._bar.add(cell.spoken)
            case Action.WORD:
                self._before_word = self._bar
                self._bar = self._bar.complete(cell.spoken)
            case Action.BACKSPACE if before is not None:
                # Delete straight after a word slot takes the whole word back.
                fields["removed_word"] = True
                self._bar = before
            case Action.BACKSPACE:
                self._bar = self._bar.backspace()
            case _:
                self._bar = self._bar.clear()
        out: list[Effect] = [Log(now, "message", {"text": self._bar.text, **fields})]
        if cell.action in (Action.ADD, Action.WORD) and not self.settings.speech.quiet_builder:
            out.insert(0, Speak(now, cell.spoken))
        return out + self._replan(now)

    def _navigate(self, cell: Cell, now: float) -> list[Effect]:
        match cell.action:
            case Action.GO if cell.target in self.layout.pages:
                return self._show(cell.target, (*self._stack, self._page_id), now)
            case Action.BACK if self._stack:
                return self._show(self._stack[-1], self._stack[:-1], now)
            case Action.BACK | Action.HOME:
                return self._show(self.layout.home, (), now)
        return [Log(now, "error", {"message": f"no page {cell.target!r} for {cell.label!r}"})]

    def _show(self, page_id: str, stack: tuple[str, ...], now: float) -> list[Effect]:
        """Open a page and restart scanning on it (stack is what Back returns through)."""
        self._stack = stack
        if page_id == self._page_id:
            return self._predict(now) + self._scanner.load(self._plan(), now)
        self._page_id = page_id
        self._before_word = None
        out: list[Effect] = [Log(now, "page", {"page": page_id}), *self._predict(now)]
        return out + self._scanner.load(self._plan(), now)
