"""Word slots and next-letter likelihoods for the word being spelled.

The probability of a word ``w`` after the previous word ``v`` mixes four
sources (all counted, none hand-written)::

    P(w | v) = a * [m * Pp(w | v) + (1 - m) * Pp(w)]           the patient's own words
             + d * [k * Pd(w | v) + (1 - k) * Pd(w)]           the layout's own phrases
             + (1 - a - d) * [l * Pb(w | v) + (1 - l) * Pb(w)] the base language data

``Pb`` are the base word and word-pair frequencies, ``Pp`` the patient's
(:mod:`commboard.predict.personal`), ``Pd`` the words of the layout's own
phrases and cells (the bedside register the web-text base lacks: "I need",
"please call", "my wife"), counted the same way, with weight ``d`` =
:data:`LAYOUT_WEIGHT` (taken from the patient's share first).  The patient's weight ``a`` is
fitted to what they have said (:func:`fitted_share`): how well each word
they said is predicted by the others, between :data:`PERSONAL_MIN` and
:data:`PERSONAL_MAX`.  A patient who says the same things again gets a large
share; one whose messages are all new keeps the base data's ranking, and
even then a word the base does not know is offered after one use.  ``m``
and ``l`` grow with how often ``v`` was seen before another word.

:meth:`Predictor.words` gives the word slots: the most probable words that
start with the letters spelled so far, and -- when one of those letters was
a slip -- words one edit away (substitution, missing, extra or swapped
letter) at a fraction (:data:`SLIP_WEIGHT`) of their probability.  Order is
by probability, then alphabetical, so the same context always gives the
same slots.  :meth:`Predictor.letters` gives the probability of each next
letter (and of the word ending), leaving out the words already offered in
the slots: that is what the Spell page's likelihood scan is built from.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from commboard.predict.language_data import BaseCounts
from commboard.predict.personal import PersonalWords
from commboard.predict.ranked_words import RankedWords
from commboard.predict.text import MAX_WORD_CHARS, START, Context

PERSONAL_MAX = 0.7
"""The patient's words never take more of the mixture than this (the base still fills gaps)."""

PERSONAL_MIN = 0.1
"""...nor less, once they have said anything: a new name is offered after one use."""

FIT_ROUNDS = 30
"""At most this many expectation-maximisation rounds in :func:`fitted_share`..."""

FIT_TOLERANCE = 0.002
"""...stopping when the share moves less than this (a fifth of the smallest share)."""

LAYOUT_WEIGHT = 0.2
"""Share of the layout's phrase words (0 when the layout has none)."""

PAIR_WEIGHT = 0.6
"""Weight of the word-pair (next-word) estimate when the previous word has known followers."""

SLIP_WEIGHT = 0.02
"""A completion that needs one letter changed counts this fraction of its probability."""

PASSED_WEIGHT = 0.1
"""A word shown in a slot earlier in this word and spelled past counts this fraction.

The patient saw it and chose a letter instead, so it is most likely not the
word they are spelling; not ruled out, since a word in a slot is sometimes
overlooked (one time in ten, say).  See :meth:`Predictor.scored_words`.
"""

MIN_SLIP_PREFIX = 2
"""Error-tolerant completion starts once this many letters are spelled."""

MAX_FOLLOWERS = 1500
"""Most frequent next words kept per base word (the rest is a long tail of names and typos)."""

ALPHABET_SIZE = 30
"""The most used characters of the base words are the ones a slip is tried with."""


def fitted_share(words: Mapping[str, float], base: Mapping[str, float]) -> float:
    """The share of the patient's words in the mixture, fitted to what they said.

    Leave-one-out (deleted) estimation, the textbook way to set an
    interpolation weight: every word use the patient made is predicted by
    their *other* uses (``(c - 1) / (n - 1)``) mixed with the base word
    frequencies ``base``, and the share that makes those predictions
    likeliest is found by expectation-maximisation.  Words the patient
    repeats (their own phrases, names, "please call...") pull it up; words
    said once, which the patient's counts could not have predicted, pull it
    down.  Clamped to :data:`PERSONAL_MIN` .. :data:`PERSONAL_MAX`.  A word
    neither source knows (a name said once) says nothing either way.
    """
    n = sum(words.values())
    if n <= 1:
        return PERSONAL_MIN
    rows = [(c, (c - 1) / (n - 1), base.get(w, 0.0)) for w, c in words.items()]
    rows = [r for r in rows if r[1] > 0 or r[2] > 0]
    weight = sum(c for c, _, _ in rows)
    if weight <= 0:
        return PERSONAL_MIN
    a = 0.5
    for _ in range(FIT_ROUNDS):
        before = a
        a = sum(c * a * pl / (a * pl + (1 - a) * pb) for c, pl, pb in rows) / weight
        if abs(a - before) < FIT_TOLERANCE:
            break
    return min(PERSONAL_MAX, max(PERSONAL_MIN, a))


class BaseModel:
    """A language's base word frequencies and next-word frequencies, ready to rank.

    Args:
        counts: what :func:`commboard.predict.language_data.read_counts` read.
    """

    def __init__(self, counts: BaseCounts) -> None:
        self.source = counts.source
        self.problem = counts.problem  # why the lists could not be read ('' when they were)
        self.skipped, self.first_skipped = counts.skipped, counts.first_skipped
        self.unigrams = RankedWords(counts.words)
        self._pairs = counts.pairs
        self._followers: dict[str, RankedWords] = {}
        letters = Counter("".join(counts.words))  # characters of the vocabulary, most used first
        self.alphabet = "".join(sorted(letters, key=lambda c: (-letters[c], c))[:ALPHABET_SIZE])

    def notice(self) -> str:
        """What a carer must hear about these lists ('' when all is well)."""
        if self.problem:
            return f"Word prediction uses the patient's own words only: {self.problem}"
        if self.skipped:
            lines = "1 line" if self.skipped == 1 else f"{self.skipped} lines"
            return (
                f"{self.first_skipped}: {lines} of the word lists could not be read "
                "(each line must be a word and a count) and are left out"
            )
        return ""

    def followers(self, previous: str) -> RankedWords | None:
        """The words seen after ``previous`` with their probabilities (None: none known)."""
        if previous in self._followers:
            return self._followers[previous]
        pairs = self._pairs.get(previous)
        if not pairs:
            return None
        total = sum(n for _, n in pairs)
        kept = sorted(pairs, key=lambda p: (-p[1], p[0]))[:MAX_FOLLOWERS]
        ranked = RankedWords(dict(kept), total)
        self._followers[previous] = ranked
        return ranked


@dataclass(frozen=True, slots=True)
class _Source:
    words: RankedWords
    weight: float


class Predictor:
    """Ranks words and next letters from a base model and one patient's words.

    Args:
        base: the language's base model (may be empty: another language).
        personal: the patient's own counts (shared with whoever saves them).
        layout_words: the words of the layout's own phrases.
        alphabet: the characters the layout's letter cells type (folded); the
            patient's words are offered only when made of them.  The learned
            words belong to the profile, not to a layout: words said on an
            English layout are not offered on a Greek one, nor the other way
            round, and stay learned for when the layout is chosen again.
            None: every learned word.
    """

    def __init__(
        self,
        base: BaseModel,
        personal: PersonalWords,
        layout_words: PersonalWords | None = None,
        alphabet: frozenset[str] | None = None,
    ) -> None:
        self.base = base
        self.personal = personal
        self.layout_words = layout_words or PersonalWords()
        self.alphabet = alphabet or None
        self._share: tuple[int, float] | None = None  # (personal.version, its share)
        self._own: tuple[int, PersonalWords] | None = None  # (personal.version, spellable part)

    def own_words(self) -> PersonalWords:
        """The patient's words this layout's letters can spell (all of them without an alphabet).

        Recomputed once per message learned (a pass over at most 5,000 words), not per keystroke.
        """
        if self.alphabet is None:
            return self.personal
        version = self.personal.version
        if self._own is None or self._own[0] != version:
            ok = self.alphabet
            words = {w: n for w, n in self.personal.words.items() if ok.issuperset(w)}
            pairs = {
                (p, w): n
                for (p, w), n in self.personal.pairs.items()
                if w in words and (p == START or p in words)
            }
            self._own = (version, PersonalWords(words, pairs))
        return self._own[1]

    def personal_share(self) -> float:
        """The patient's share ``a`` of the mixture (:func:`fitted_share`; 0 before any word)."""
        own = self.own_words()
        if own.total <= 0:
            return 0.0
        version = self.personal.version
        if self._share is None or self._share[0] != version:
            # Once per message learned (up to ~40 ms for the capped 5,000 words), not per keystroke.
            self._share = (version, fitted_share(own.words, self.base.unigrams.prob))
        return self._share[1]

    def _sources(self, previous: str) -> list[_Source]:
        a = self.personal_share()
        d = LAYOUT_WEIGHT * (1 - a) if self.layout_words.total > 0 else 0.0
        followers = self.base.followers(previous)
        lam = PAIR_WEIGHT if followers is not None else 0.0
        rest = 1 - a - d
        if not self.base.unigrams:
            # No base data (a language without a word list): the other sources are all.
            share = a + d
            a, d, rest = (a / share, d / share, 0.0) if share > 0 else (0.0, 0.0, 0.0)
        out = [_Source(self.base.unigrams, rest * (1 - lam))]
        if followers is not None:
            out.append(_Source(followers, rest * lam))
        out += self._counted(self.own_words(), previous, a)
        out += self._counted(self.layout_words, previous, d)
        return [s for s in out if s.weight > 0]

    @staticmethod
    def _counted(words: PersonalWords, previous: str, weight: float) -> list[_Source]:
        if weight <= 0:
            return []
        mine, seen = words.followers(previous)
        mu = seen / (seen + 1.0)
        return [_Source(words.ranked(), weight * (1 - mu)), _Source(mine, weight * mu)]

    def words(self, context: Context, k: int) -> list[str]:
        """Up to ``k`` words for the slots: completions of ``context.prefix``, most probable first."""
        return [word for word, _ in self.scored_words(context, k)]

    def scored_words(
        self, context: Context, k: int, passed: frozenset[str] = frozenset()
    ) -> list[tuple[str, float]]:
        """:meth:`words` with each word's score (a slip's already cut to :data:`SLIP_WEIGHT`).

        ``passed``: words the patient was shown in a slot earlier in this word
        and spelled past (``board.spelling.passed_over``); each counts
        :data:`PASSED_WEIGHT` of its probability, so the slots offer other
        words instead of the same ones again ("i " offered *would*, the
        patient chose W: "i w" offers *will*, *went*, *wish*...).
        """
        if k <= 0 or len(context.prefix) > MAX_WORD_CHARS:
            return []
        sources = self._sources(context.previous)
        scores: dict[str, float] = {}
        for source in sources:
            for word in source.words.top(context.prefix, k + len(passed)):
                scores[word] = self._score(word, sources) * _cut(word, passed)
        if len(context.prefix) >= MIN_SLIP_PREFIX:
            # Slips are looked up among single words only (the pair lists are
            # samples of them): a few hundred binary searches, well under 5 ms.
            singles = [self.base.unigrams, self.own_words().ranked()]
            for variant in self._slips(context.prefix):
                for words in singles:
                    lo, hi = words.span(variant)
                    if lo == hi:
                        continue
                    for word in words.top(variant, 2):
                        if word not in scores:
                            score = self._score(word, sources) * _cut(word, passed)
                            scores[word] = SLIP_WEIGHT * score
        ranked = sorted(scores, key=lambda w: (-scores[w], w))
        return [(w, scores[w]) for w in ranked if scores[w] > 0][:k]

    def letters(
        self, context: Context, offered: tuple[str, ...] = (), passed: frozenset[str] = frozenset()
    ) -> dict[str, float]:
        """Probability of each next character, ``""`` for the end of the word.

        Words in ``offered`` (the slots on screen) are taken out: a patient
        picks those from their slot, not letter by letter.  Words in
        ``passed`` (shown earlier in this word, spelled past) keep
        :data:`PASSED_WEIGHT` of their share.
        """
        out: dict[str, float] = {}
        prefix = context.prefix
        if len(prefix) > MAX_WORD_CHARS:
            return out
        sources = self._sources(context.previous)
        for source in sources:
            for letter, p in source.words.next_letters(prefix).items():
                out[letter] = out.get(letter, 0.0) + source.weight * p
        n = len(prefix)
        gone = [(w, 1.0) for w in dict.fromkeys(offered)]
        gone += [(w, 1.0 - PASSED_WEIGHT) for w in sorted(passed.difference(offered))]
        for word, cut in gone:  # in a fixed order: the same sums, the same plan, every run
            if word.startswith(prefix) and len(word) >= n:
                key = word[n] if len(word) > n else ""
                if key in out:
                    out[key] = max(0.0, out[key] - cut * self._score(word, sources))
        return out

    @staticmethod
    def _score(word: str, sources: list[_Source]) -> float:
        return sum(s.weight * s.words.prob.get(word, 0.0) for s in sources)

    def _slips(self, prefix: str) -> set[str]:
        """Prefixes one edit from ``prefix``: one letter wrong, missing, extra, or two swapped."""
        out: set[str] = set()
        alphabet = self.base.alphabet or "".join(
            sorted({c for w in self.own_words().words for c in w})
        )
        for i in range(len(prefix)):
            out.add(prefix[:i] + prefix[i + 1 :])
            for c in alphabet:
                out.add(prefix[:i] + c + prefix[i + 1 :])
                out.add(prefix[:i] + c + prefix[i:])
            if i + 1 < len(prefix):
                out.add(prefix[:i] + prefix[i + 1] + prefix[i] + prefix[i + 2 :])
        out.discard(prefix)
        return {v for v in out if v}


def _cut(word: str, passed: frozenset[str]) -> float:
    """How much of ``word``'s probability is left (:data:`PASSED_WEIGHT` when spelled past)."""
    return PASSED_WEIGHT if word in passed else 1.0
