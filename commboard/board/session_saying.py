"""Saying in the session: a statement said and learned from, or held for a Yes / No first.

``Session`` (:mod:`commboard.board.session`) performs a speaking cell with
``SessionSaying``: the text is said (``Speak``, logged with its page slot and
any record mark), a spelled message that is said is learned from
(``WordsLearned``), and a marked decision that needs confirming
(``control.decision_confirmation``) is held as a :class:`PendingDecision`
while a Yes / No page asks; only Yes says it.  It declares the state of
``Session`` it uses, and the method of ``Session`` it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commboard.board.message import MessageBar
from commboard.board.model import Action
from commboard.board.session_undo import Snapshot
from commboard.control import decision_confirmation as confirming
from commboard.control.decision_confirmation import PendingDecision
from commboard.effects import Effect, Log, Notice, Speak, WordsLearned
from commboard.events import Source
from commboard.predict.predictor import Predictor
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import ScanPlan
from commboard.settings import Settings


class SessionSaying:
    """Saying, learning and asking Yes / No (part of ``Session``, which holds the state)."""

    settings: Settings
    _page_id: str
    _stack: tuple[str, ...]
    _bar: MessageBar
    _last: Snapshot | None
    _pending: PendingDecision | None
    _predictor: Predictor | None
    _scanner: Scanner

    if TYPE_CHECKING:

        def _plan(self) -> ScanPlan: ...

    def _ask(self, pending: PendingDecision) -> list[Effect]:
        """Hold a marked statement and show the Yes / No question instead of saying it."""
        self._pending = pending
        return [*confirming.ask(pending), *self._scanner.load(self._plan(), pending.asked_at)]

    def _answer(self, index: int, now: float, source: Source) -> list[Effect]:
        """Yes or No to the open question; back to the page the statement was chosen on."""
        pending = self._pending
        if pending is None or index not in (confirming.YES_CELL, confirming.NO_CELL):
            return []
        label = "Yes" if index == confirming.YES_CELL else "No"
        self._pending = None
        select = Log(
            now,
            "select",
            {"page": confirming.CONFIRM_PAGE_ID, "cell": index, "label": label,
             "action": "confirm", "source": source.value},
        )  # fmt: skip
        answered = confirming.answer(pending, index, now, source)
        said = next((e for e in answered if isinstance(e, Speak) and e.page is not None), None)
        self._last = Snapshot(self._page_id, self._stack, self._bar, Action.SPEAK, label, said)
        learned = self._learn(said.text, said.cell, now) if said is not None else []
        return [select, *answered, *learned, *self._scanner.load(self._plan(), now)]

    def _speak(
        self, text: str, now: float, source: Source, cell: int | None, record: str | None = None
    ) -> list[Effect]:
        """Say ``text``; the log names the page slot of a phrase cell that spoke it directly.

        ``cell`` is what Huffman scanning learns from (``History.usage``): only
        a ``speak`` cell stands for its own words.  A spoken message (``None``)
        was built letter by letter, and counting the "Speak" cell would only
        make that one cell quick to reach, so it carries no cell.
        """
        if not text:
            return [Notice(now, "The message is empty.")]
        fields: dict[str, object] = {
            "text": text,
            "page": self._page_id,
            "source": source.value,
            "cell": cell,
        }
        if record is not None:  # ordinary messages keep the record they always had
            fields |= {"record": record, "confirmed": False}
        speak = Speak(now, text, self._page_id, cell, source, record)
        return [speak, Log(now, "speak", fields), *self._learn(text, cell, now)]

    def _learn(self, text: str, cell: int | None, now: float, undone: bool = False) -> list[Effect]:
        """A spelled message that was said is learned from (the shell saves the words);
        with ``undone`` its Speak was undone, and what it taught is taken back."""
        if cell is None and self._predictor is not None and self.settings.spell.prediction:
            if undone:
                self._predictor.personal.unlearn(text)
            else:
                self._predictor.personal.learn(text)
            return [WordsLearned(now, text, undone)]
        return []
