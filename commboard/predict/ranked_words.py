"""A word list with probabilities, searchable by prefix: the building block of every model.

Words are kept sorted, with a running sum of their probabilities beside
them, so the probability mass of all words starting with any prefix, and of
each letter that can come next, is a couple of binary searches
(:meth:`RankedWords.next_letters`), however large the list.  The most
likely words with a prefix come from the sorted range (each word's place in
probability order is kept beside it, so sorting those numbers ranks them)
when it is short, and from the list ordered by probability when it is long.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Mapping
from heapq import nsmallest
from itertools import accumulate

_TOP = chr(0x10FFFF)
"""Sorts after every character: ``prefix + _TOP`` bounds the words starting with ``prefix``."""

TOP_MEMO = 4096
"""Answers of :meth:`RankedWords.top` kept (the list never changes; a short prefix after a
Delete or an undo is asked again).  Forgotten all at once when full, so memory stays small."""

SCAN_LIMIT = 20000
"""A prefix range longer than this is searched in probability order instead of scanned whole."""


class RankedWords:
    """Words and their probabilities (they need not sum to 1).

    Args:
        weights: word -> non-negative weight; normalised here by ``total``
            (their sum when not given).
        total: what the weights are divided by (a model's follower list may
            be a sample of a larger whole).
    """

    def __init__(self, weights: Mapping[str, float], total: float | None = None) -> None:
        clean = {w: float(x) for w, x in weights.items() if w and x > 0}
        norm = total if total is not None and total > 0 else sum(clean.values()) or 1.0
        self.words: list[str] = sorted(clean)
        self.prob: dict[str, float] = {w: clean[w] / norm for w in self.words}
        self._cum: list[float] = [0.0, *accumulate(self.prob[w] for w in self.words)]
        # A reverse sort keeps equal items in their (alphabetical) order: ties stay alphabetical.
        self._by_prob: list[str] = sorted(self.words, key=self.prob.__getitem__, reverse=True)
        place = {w: n for n, w in enumerate(self._by_prob)}
        self._rank: list[int] = [
            place[w] for w in self.words
        ]  # words[i] is the rank[i]-th likeliest
        self._top: dict[tuple[str, int], tuple[str, ...]] = {}  # answers of top(): nothing changes

    def __len__(self) -> int:
        return len(self.words)

    def span(self, prefix: str) -> tuple[int, int]:
        """Index range of the words that start with ``prefix``."""
        lo = bisect_left(self.words, prefix)
        hi = bisect_left(self.words, prefix + _TOP, lo)
        return lo, hi

    def mass(self, prefix: str) -> float:
        """Total probability of the words starting with ``prefix``."""
        lo, hi = self.span(prefix)
        return self._cum[hi] - self._cum[lo]

    def next_letters(self, prefix: str) -> dict[str, float]:
        """Probability of each character that follows ``prefix``; ``""`` = the word ends there."""
        lo, hi = self.span(prefix)
        out: dict[str, float] = {}
        n = len(prefix)
        i = lo
        if i < hi and self.words[i] == prefix:
            out[""] = self.prob[prefix]
            i += 1
        while i < hi:
            letter = self.words[i][n]
            j = bisect_left(self.words, prefix + letter + _TOP, i, hi)
            out[letter] = out.get(letter, 0.0) + self._cum[j] - self._cum[i]
            i = j
        return out

    def top(self, prefix: str, k: int) -> list[str]:
        """Up to ``k`` most probable words starting with ``prefix`` (ties: alphabetical)."""
        if k <= 0:
            return []
        key = (prefix, k)
        found = self._top.get(key)
        if found is not None:
            return list(found)
        lo, hi = self.span(prefix)
        if hi - lo <= SCAN_LIMIT:
            out = [self._by_prob[r] for r in nsmallest(k, self._rank[lo:hi])]
        else:
            out = list(_first((w for w in self._by_prob if w.startswith(prefix)), k))
        if len(self._top) >= TOP_MEMO:
            self._top.clear()
        self._top[key] = tuple(out)
        return out


def _first(items: Iterator[str], k: int) -> Iterator[str]:
    for n, item in enumerate(items):
        if n >= k:
            return
        yield item
