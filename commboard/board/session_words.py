"""The word slots of a Spell page in the session: refilled, and scanned by likelihood.

On a page with word slots (``board.spelling``) ``Session``
(:mod:`commboard.board.session`) refills the slots after every change to the
message and logs the words offered (``words``); with ``spell.scan:
likelihood`` the page is scanned in the order the word model expects.
``WordSlots`` does this; it declares the state of ``Session`` it uses, and
the method of ``Session`` it calls.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commboard.board.message import MessageBar
from commboard.board.model import Layout
from commboard.board.recent import RECENT_PAGE
from commboard.board.spelling import Prediction, has_slots, predict_page
from commboard.effects import Effect, Log
from commboard.predict.predictor import Predictor
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import ScanPlan
from commboard.settings import Settings, SpellScan


class WordSlots:
    """Filling and scanning the word slots (part of ``Session``, which holds the state)."""

    layout: Layout
    settings: Settings
    _page_id: str
    _bar: MessageBar
    _predictor: Predictor | None
    _prediction: Prediction | None
    _redo: int | None
    _scanner: Scanner

    if TYPE_CHECKING:

        def _plan(self) -> ScanPlan: ...

    @property
    def likelihoods(self) -> dict[int, float] | None:
        """How likely each cell is to be chosen next, on a predicting page (None elsewhere)."""
        predicting = self._predictor is not None and self.settings.spell.prediction
        return dict(self._prediction.weights) if self._prediction and predicting else None

    @property
    def has_word_slots(self) -> bool:
        """The page shown has word slots (filled or not): it predicts words."""
        return self._prediction is not None

    @property
    def words(self) -> tuple[str, ...]:
        """The words in the word slots now (empty off a predicting page)."""
        return self._prediction.words if self._prediction is not None else ()

    @property
    def scanned_by_likelihood(self) -> bool:
        """True while the page on the board is scanned in the order the word model expects
        (a predicting Spell page with ``spell.scan: likelihood``), not by the profile's pattern."""
        spell = self.settings.spell
        predicting = self._predictor is not None and spell.prediction
        return self._prediction is not None and predicting and spell.scan is SpellScan.LIKELIHOOD

    def _predict(self, now: float) -> list[Effect]:
        """Refill the word slots of a predicting page for the message as it is now."""
        page = self.layout.page(self._page_id)
        if not has_slots(page):
            self._prediction = None
            return []
        spell = self.settings.spell
        predictor = self._predictor if spell.prediction else None
        recent = RECENT_PAGE in self.layout.pages
        redo, self._redo = self._redo, None
        self._prediction = predict_page(
            page, self._bar.text, predictor, spell.word_slots, recent=recent, redo=redo
        )
        if predictor is None:
            return []
        return [Log(now, "words", {"page": self._page_id, "words": list(self._prediction.words)})]

    def _replan(self, now: float) -> list[Effect]:
        """After the message changed on a predicting page: new slots, and a plan scanned by them."""
        if not has_slots(self.layout.page(self._page_id)):
            return []
        return self._predict(now) + self._scanner.load(self._plan(), now)
