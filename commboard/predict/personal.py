"""What one patient has said, counted: their own words and word pairs.

A :class:`PersonalWords` learns from every message the patient speaks (one
use is enough for a new name to be predicted) and is weighted above the
base language data by :mod:`commboard.predict.predictor`.  It is plain data
(word and pair counts) so it can be saved as JSON by
:mod:`commboard.predict.personal_file`.

Size is capped (:data:`MAX_WORDS`, :data:`MAX_PAIRS`): when a learn goes
over a cap, the least used entries (ties: alphabetical order, last first)
are forgotten until the model is back to :data:`KEEP_FRACTION` of it, so
the file never grows without bound (about 0.5 MB at most).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from commboard.predict.ranked_words import RankedWords
from commboard.predict.text import START, words_of

MAX_WORDS = 5000
MAX_PAIRS = 10000
KEEP_FRACTION = 0.9
_K = TypeVar("_K", str, tuple[str, str])

MAX_COUNT = 1_000_000.0
"""A count never goes above this (a hand-edited file cannot make one word swamp the rest)."""


class PersonalWords:
    """Word and word-pair counts from the patient's own messages.

    Args:
        words: word -> uses.
        pairs: (previous word, word) -> uses; ``START`` as previous word is a message start.
    """

    def __init__(
        self,
        words: Mapping[str, float] | None = None,
        pairs: Mapping[tuple[str, str], float] | None = None,
    ) -> None:
        self.words: dict[str, float] = dict(words or {})
        self.pairs: dict[tuple[str, str], float] = dict(pairs or {})
        self._ranked: RankedWords | None = None
        self._followers: dict[str, RankedWords] = {}
        self._context_totals: dict[str, float] = {}
        self.version = 0  # goes up whenever the counts change (a cache key for the predictor)
        self._cap()

    @property
    def total(self) -> float:
        """How many words the patient has said (as counted, after any forgetting)."""
        return sum(self.words.values())

    def learn(self, message: str) -> None:
        """Count the words and word pairs of a spoken message."""
        previous = START
        for word in words_of(message):
            if word != START:
                self.words[word] = min(MAX_COUNT, self.words.get(word, 0.0) + 1.0)
                key = (previous, word)
                self.pairs[key] = min(MAX_COUNT, self.pairs.get(key, 0.0) + 1.0)
            previous = word
        self._cap()
        self._changed()

    def unlearn(self, message: str) -> None:
        """Take back what :meth:`learn` counted for ``message`` (a spoken message undone)."""
        previous = START
        for word in words_of(message):
            if word != START:
                _less(self.words, word)
                _less(self.pairs, (previous, word))
            previous = word
        self._cap()
        self._changed()

    def replace_with(self, other: PersonalWords) -> None:
        """Take ``other``'s counts (the file changed under the board: it wins)."""
        self.words = dict(other.words)
        self.pairs = dict(other.pairs)
        self._changed()

    def clear(self) -> None:
        """Forget everything (the carer's "clear learned words")."""
        self.words.clear()
        self.pairs.clear()
        self._changed()

    def ranked(self) -> RankedWords:
        """The patient's words with their probabilities."""
        if self._ranked is None:
            self._ranked = RankedWords(self.words)
        return self._ranked

    def followers(self, previous: str) -> tuple[RankedWords, float]:
        """Words the patient said after ``previous``, and how often ``previous`` led somewhere."""
        if previous not in self._followers:
            after = {w: n for (p, w), n in self.pairs.items() if p == previous}
            self._followers[previous] = RankedWords(after)
            self._context_totals[previous] = sum(after.values())
        return self._followers[previous], self._context_totals[previous]

    def _changed(self) -> None:
        self.version += 1
        self._ranked = None
        self._followers.clear()
        self._context_totals.clear()

    def _cap(self) -> None:
        _trim(self.words, MAX_WORDS)
        _trim(self.pairs, MAX_PAIRS)
        known = set(self.words) | {START}
        for key in [k for k in self.pairs if k[0] not in known or k[1] not in known]:
            del self.pairs[key]


def _less(counts: dict[_K, float], key: _K) -> None:
    """One use fewer; gone at none (a word forgotten by the cap meanwhile stays gone)."""
    left = counts.get(key, 0.0) - 1.0
    if left > 0:
        counts[key] = left
    else:
        counts.pop(key, None)


def _trim(counts: dict[_K, float], cap: int) -> None:
    if len(counts) <= cap:
        return
    keep = int(cap * KEEP_FRACTION)
    ranked = sorted(counts, key=lambda k: (-counts[k], k))
    for key in ranked[keep:]:
        del counts[key]


def pairs_of(items: Iterable[tuple[str, str, float]]) -> dict[tuple[str, str], float]:
    """Pairs as stored in a file (previous, word, count) -> the model's mapping."""
    return {(p, w): n for p, w, n in items}
