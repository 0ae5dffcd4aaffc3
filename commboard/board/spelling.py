"""The Spell page with prediction: what the word slots show and how likely each cell is.

A page with ``word`` cells is a predicting page.  After every change to the
message the slots are filled with the predictor's words for the word being
spelled (or, after a space, the next word); slots beyond the
``spell.word_slots`` setting, or left without a word, are empty.  When
prediction is off or unavailable every slot is empty and the page is the
fixed letter grid.

:func:`cell_weights` turns the predictions into a likelihood for every
cell of the page: letters get the probability of being the next letter
(words already in a slot taken out: those are chosen from their slot;
words shown in a slot earlier in the word and spelled past count a tenth,
:func:`passed_over`),
Space the probability that the word is complete, each slot its word's
probability, and the editing cells fixed shares (:data:`DELETE_SHARE`,
:data:`SPEAK_SHARE`); anything else a small floor, so every cell stays
reachable.  The likelihood scan pattern is the Huffman tree over these
weights (``scanning.plans.build_weighted_plan``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from weakref import WeakKeyDictionary

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.recent import RECENT_PAGE
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import Predictor
from commboard.predict.text import MAX_WORD_CHARS, Context, context_of, fold

DELETE_SHARE = 0.04
"""Delete's share of the likelihood: about how often a simulated switch user needs it."""

SPEAK_SHARE = 0.06
"""Speak's share after a finished word (0.01 in the middle of a word)."""

RECENT_SHARE = 0.05
"""The Recent slot's share at the start of a message (a phrase said before, one page away)."""

SLOT_CANDIDATES = 3
"""Slots are chosen from this many times as many likely words (:func:`slot_words`)."""

REDO_SHARE = 0.25
"""Right after an undo, the cell just undone is at least this likely (once).

An undo press cancels a wrong selection, but a stray press inside the undo
window cancels a right one, which is then wanted again at once: with the
simulated switch users of ``benchmarks/comm_rate.py`` about one undo in four
(fast 21 of 75, slow 16 of 62, drowsy 47 of 203 over 4 runs).  Offering it
early costs about one step after a deliberate undo and saves a whole
selection after a stray one.
"""

FLOOR_SHARE = 0.002
"""Every other cell (Clear, Back, Home, phrase starters): rarely wanted, never unreachable."""


@dataclass(frozen=True, slots=True)
class Prediction:
    """The Spell page as shown for one message.

    Attributes:
        page: the page with its word slots filled (empty slots are ``None``).
        words: the words in the slots, in slot order.
        weights: cell index -> likelihood of being chosen next (sums to 1).
    """

    page: Page
    words: tuple[str, ...]
    weights: dict[int, float]


def layout_words(layout: Layout) -> PersonalWords:
    """The words of a layout's phrases, counted: the bedside register for the predictor.

    Every cell that says or adds words (phrases, "I want", the nurse call)
    counts once per cell; labels of navigation cells and single letters do not.
    """
    words = PersonalWords()
    for page in layout.pages.values():
        for cell in page.cells:
            if cell is None or cell.action not in _WORDY:
                continue
            if len(cell.spoken.strip()) > 1:
                words.learn(cell.spoken)
    return words


_WORDY = frozenset({Action.SPEAK, Action.ADD, Action.ALARM})


def layout_letters(layout: Layout) -> frozenset[str]:
    """The characters the layout's letter cells type (folded), for ``Predictor(alphabet=...)``.

    A letter cell adds one letter (with any marks, or an emoji with its
    modifiers): at most one alphabetic character and no space; a word cell
    ("please", "I want") is not one.  The patient's learned words are
    offered only when made of these characters, so a Greek layout never
    offers the English words the patient spelled on another layout (and the
    other way round).  Empty for a layout without letter cells (then
    nothing is filtered).
    """
    out: set[str] = set()
    for page in layout.pages.values():
        for cell in page.cells:
            if cell is None or cell.action is not Action.ADD:
                continue
            piece = fold(cell.spoken)
            one_letter = sum(c.isalpha() for c in piece) <= 1
            if piece.strip() and one_letter and not any(c.isspace() for c in piece):
                out.update(piece)
    return frozenset(out)


def has_slots(page: Page) -> bool:
    """True for a page with word slots (a predicting Spell page)."""
    return any(c is not None and c.action is Action.WORD for c in page.cells)


def predict_page(
    page: Page,
    message: str,
    predictor: Predictor | None,
    slots: int,
    *,
    recent: bool = False,
    redo: int | None = None,
) -> Prediction:
    """Fill the word slots of ``page`` for ``message`` and weigh every cell.

    With ``recent`` (the layout has a Recent page), the last slot leads to it
    while the message is empty.  ``redo``: the cell just undone, weighed at
    least :data:`REDO_SHARE`.
    """
    context = context_of(message)
    slot_cells = [i for i, c in enumerate(page.cells) if c is not None and c.action is Action.WORD]
    want = max(0, min(slots, len(slot_cells)))
    to_recent = recent and not message.strip() and want > 0
    # At the word's first letter the slots were one fewer when the Recent slot was shown.
    first = want - (recent and len(message.split()) <= 1 and want > 0)
    scored: list[tuple[str, float]] = []
    passed: frozenset[str] = frozenset()
    if predictor is not None:
        passed = passed_over(predictor, context, first, want)
        scored = shown_words(predictor, context, want - to_recent, passed)
    words = tuple(word for word, _ in scored)
    cells = list(page.cells)
    for n, index in enumerate(slot_cells):
        template = page.cells[index]
        if n < len(words) and template is not None:
            cells[index] = replace(template, label=words[n], text=words[n])
        elif to_recent and n == want - 1 and template is not None:
            cells[index] = Cell("Recent", Action.GO, target=RECENT_PAGE, color=template.color)
        else:
            cells[index] = None
    filled = replace(page, cells=tuple(cells))
    letters = predictor.letters(context, words, passed) if predictor is not None else {}
    scores = dict(scored)
    weights = cell_weights(filled, letters, scores, ended=context.prefix == "" and bool(message))
    if redo is not None and redo in weights:
        weights = _with_share(weights, redo, REDO_SHARE)
    return Prediction(filled, words, weights)


def _with_share(weights: dict[int, float], cell: int, share: float) -> dict[int, float]:
    """``weights`` with ``cell`` at least ``share`` and the others scaled to fill the rest."""
    if weights[cell] >= share:
        return weights
    rest = 1.0 - weights[cell]
    scale = (1.0 - share) / rest if rest > 0 else 0.0
    return {i: share if i == cell else w * scale for i, w in weights.items()}


def passed_over(predictor: Predictor, context: Context, first: int, k: int) -> frozenset[str]:
    """The words shown in a slot earlier in this word that the patient has spelled past.

    For each shorter part of the word being spelled (none, its first letter,
    its first two...) the slots that message showed: ``first`` of them before
    the word's first letter, ``k`` after.  A word among them that starts with
    the letters spelled now was on screen, and the patient chose a letter
    instead: it is most likely not the word they want
    (``predictor.PASSED_WEIGHT``).  Worked out from the message alone, not
    remembered, so the same message always shows the same slots whatever
    way it was reached (spelled, deleted back to, undone to).
    """
    prefix = context.prefix
    if len(prefix) > MAX_WORD_CHARS:
        return frozenset()
    shown: list[str] = []
    for j in range(len(prefix)):
        head = Context(context.previous, prefix[:j])
        passed = frozenset(w for w in shown if w.startswith(head.prefix))
        shown += (w for w, _ in shown_words(predictor, head, first if j == 0 else k, passed))
    return frozenset(w for w in shown if w.startswith(prefix))


SHOWN_MEMO = 4096
"""Slot lists kept per predictor (each keystroke asks again for every shorter part of the
word, :func:`passed_over`); forgotten all at once when full."""

_shown: WeakKeyDictionary[Predictor, dict[tuple[object, ...], list[tuple[str, float]]]] = (
    WeakKeyDictionary()
)


def shown_words(
    predictor: Predictor, context: Context, k: int, passed: frozenset[str]
) -> list[tuple[str, float]]:
    """:func:`slot_words`, remembered while the predictor's counts stay the same."""
    memo = _shown.setdefault(predictor, {})
    counts = (predictor.personal.version, predictor.layout_words.version, id(predictor.base))
    key = (*counts, context, k, passed)
    found = memo.get(key)
    if found is None:
        if len(memo) >= SHOWN_MEMO:
            memo.clear()
        found = memo[key] = slot_words(predictor, context, k, passed)
    return list(found)


def slot_words(
    predictor: Predictor, context: Context, k: int, passed: frozenset[str] = frozenset()
) -> list[tuple[str, float]]:
    """The ``k`` words for the slots, with scores, in likelihood order.

    Of the :data:`SLOT_CANDIDATES` ``* k`` likeliest words the slots keep
    those that save the most selections on average: probability times the
    letters a slot saves (the rest of the word, and the space it adds).
    A long likely word ("tomorrow") then wins a slot over a short one that is
    hardly slower to spell ("to" is two letters away anyway).  The kept words
    stay in likelihood order (then alphabetical), so the same message always
    shows the same slots.  Measured: about 1.5 % more characters per minute
    for a simulated user without slips, on the bedside phrases and on
    everyday sentences alike (``docs/prediction.md``).
    """
    if k <= 0:
        return []
    many = predictor.scored_words(context, k * SLOT_CANDIDATES, passed)
    saved = {w: p * (len(w) - len(context.prefix) + 1) for w, p in many}
    keep = set(sorted(saved, key=lambda w: (-saved[w], w))[:k])
    return [(w, p) for w, p in many if w in keep]


def cell_weights(
    page: Page, letters: dict[str, float], words: dict[str, float], *, ended: bool
) -> dict[int, float]:
    """Likelihood of each filled cell being chosen next (see the module docstring).

    Args:
        page: the page with its slots filled.
        letters: next character -> probability (``""``: the word ends).
        words: slot word -> probability.
        ended: the message ends with a finished word (Speak is more likely).
    """
    model: dict[int, float] = {}
    fixed: dict[int, float] = {}
    for index, cell in enumerate(page.cells):
        if cell is None:
            continue
        share = _fixed_share(cell, ended)
        if share is not None:
            fixed[index] = share
            continue
        model[index] = _model_weight(cell, letters, words)
    free = max(0.0, 1.0 - sum(fixed.values()))
    total = sum(model.values())
    out = dict(fixed)
    for index, w in model.items():
        out[index] = (w / total) * free if total > 0 else free / max(1, len(model))
    floor = FLOOR_SHARE * free
    for index in model:
        out[index] = max(out[index], floor)
    norm = sum(out.values())
    return {i: w / norm for i, w in sorted(out.items())} if norm > 0 else out


def _fixed_share(cell: Cell, ended: bool) -> float | None:
    if cell.action is Action.GO and cell.target == RECENT_PAGE:
        return RECENT_SHARE
    match cell.action:
        case Action.BACKSPACE:
            return DELETE_SHARE
        case Action.SPEAK_MESSAGE:
            return SPEAK_SHARE if ended else FLOOR_SHARE * 5
        case Action.ADD | Action.WORD:
            return None
    return FLOOR_SHARE


def _model_weight(cell: Cell, letters: dict[str, float], words: dict[str, float]) -> float:
    if cell.action is Action.WORD:
        return words.get(cell.spoken, 0.0)
    piece = fold(cell.spoken)
    if piece.isspace():
        return letters.get("", 0.0)
    if len(piece) == 1:
        return letters.get(piece, 0.0)
    return 0.0  # a word or phrase cell ("I want"): the floor
