"""Where a language's base word and word-pair counts come from, and reading them.

A layout folder may ship its own counts (``words.txt``: ``word count`` per
line; ``word_pairs.txt``: ``word next count``), which is how another
language gets prediction.  Otherwise English (``en``) uses the unigram and
bigram dictionaries bundled with ``symspellpy`` (82,765 words and 242,342
word pairs counted from the web; no download at run time).  A language with
neither predicts from the patient's own words only.

Why symspellpy's lists (measured, ``docs/prediction.md``): they hold word
*pairs*, which next-word prediction needs (wordfreq has single words only),
they read in about 0.6 s of CPU (wordsegment's larger lists of the same
Google counts: 1.5 s), and they predicted a little better on our phrases
(simulated fast switch user: 24.6 against 23.3 characters a minute on the
bedside phrases, 17.2 against 16.3 on a MacKenzie & Soukoreff sample).

Lines that cannot be read (no count, a negative count) are skipped, counted
in ``BaseCounts.skipped`` and the first one named in ``first_skipped``; an
unreadable file is reported in ``BaseCounts.problem`` and gives an empty
model, never an exception (``BaseModel.notice`` words both for the banner).
"""

from __future__ import annotations

import importlib.util
import sys
from dataclasses import dataclass, field
from pathlib import Path

from commboard.predict.text import fold

WORDS_FILE = "words.txt"
PAIRS_FILE = "word_pairs.txt"
SYMSPELL_WORDS = "frequency_dictionary_en_82_765.txt"
SYMSPELL_PAIRS = "frequency_bigramdictionary_en_243_342.txt"


@dataclass(slots=True)
class BaseCounts:
    """Word and word-pair counts of one language, as read.

    Attributes:
        words: word -> count.
        pairs: first word -> (next word, count) pairs, in file order.
        source: where they came from (for the docs and the event log).
        skipped: lines that could not be read.
        first_skipped: where the first of them is ("path:line"; '' when none).
        problem: why nothing could be read ('' when all is well, or when the
            language simply has no word lists).
    """

    words: dict[str, float] = field(default_factory=dict)
    pairs: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    source: str = "none"
    skipped: int = 0
    first_skipped: str = ""
    problem: str = ""


def _symspell_dir() -> Path | None:
    spec = importlib.util.find_spec("symspellpy")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent


def base_files(language: str, layout_dir: Path | None) -> tuple[Path, Path | None] | None:
    """The word file and word-pair file for ``language`` (None: no base data)."""
    if layout_dir is not None and (layout_dir / WORDS_FILE).is_file():
        pairs = layout_dir / PAIRS_FILE
        return layout_dir / WORDS_FILE, pairs if pairs.is_file() else None
    if language.split("-")[0].split("_")[0].lower() == "en":
        folder = _symspell_dir()
        if folder is not None and (folder / SYMSPELL_WORDS).is_file():
            return folder / SYMSPELL_WORDS, folder / SYMSPELL_PAIRS
    return None


def read_counts(language: str, layout_dir: Path | None = None) -> BaseCounts:
    """Read the base counts for ``language`` (see the module docstring for the search order)."""
    files = base_files(language, layout_dir)
    if files is None:
        return BaseCounts()  # a language without lists: predicts from the patient's words
    words_path, pairs_path = files
    out = BaseCounts(source=str(words_path))
    try:
        for path, skipped in (
            (words_path, _read_words(words_path, out.words)),
            (pairs_path, _read_pairs(pairs_path, out.pairs) if pairs_path else []),
        ):
            out.skipped += len(skipped)
            if skipped and not out.first_skipped:
                out.first_skipped = f"{path}:{skipped[0]}"
    except OSError as exc:
        return BaseCounts(problem=f"{exc.filename or words_path}: cannot be read ({exc.strerror})")
    except UnicodeDecodeError as exc:
        return BaseCounts(problem=f"{words_path} or its word pairs: not UTF-8 text ({exc.reason})")
    return out


def _count(raw: str) -> float | None:
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if value > 0 and value != float("inf") else None


def _fast(text: str, fields: int) -> list[str] | None:
    """All tokens, when every line has exactly ``fields`` of them (the usual case: 3x faster)."""
    tokens = text.split()
    if (
        len(tokens) % fields
        or text.count("\n") + (not text.endswith("\n")) != len(tokens) // fields
    ):
        return None
    return tokens


def _read_words(path: Path, into: dict[str, float]) -> list[int]:
    """Read ``word count`` lines into ``into``; returns the numbers of the lines skipped."""
    skipped: list[int] = []
    text = path.read_text(encoding="utf-8")
    tokens = _fast(text, 2)
    if tokens is not None:
        try:
            counts = list(map(float, tokens[1::2]))
        except ValueError:
            counts = []
        if counts and min(counts) > 0 and max(counts) < float("inf"):
            if text != fold(text):
                tokens = [fold(t) for t in tokens]
            for word, count in zip(tokens[0::2], counts, strict=True):
                into[word] = into.get(word, 0.0) + count
            return skipped
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        n = _count(parts[-1]) if len(parts) == 2 else None
        if n is None:
            if line.strip():
                skipped.append(number)
            continue
        word = fold(parts[0])
        into[word] = into.get(word, 0.0) + n
    return skipped


def _read_pairs(path: Path, into: dict[str, list[tuple[str, float]]]) -> list[int]:
    """Read ``word next count`` lines into ``into``; returns the numbers of the lines skipped."""
    skipped: list[int] = []
    text = path.read_text(encoding="utf-8")
    tokens = _fast(text, 3)
    if tokens is not None:
        try:
            counts = list(map(float, tokens[2::3]))
        except ValueError:
            counts = []
        if counts and min(counts) > 0 and max(counts) < float("inf"):
            if text != fold(text):
                tokens = [fold(t) for t in tokens]
            # Interned: "the" follows thousands of words; one string, not thousands.
            seconds = [sys.intern(t) for t in tokens[1::3]]
            firsts = tokens[0::3]
            del tokens, text
            for first, second, count in zip(firsts, seconds, counts, strict=True):
                followers = into.get(first)
                if followers is None:
                    into[first] = followers = []
                followers.append((second, count))
            return skipped
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        n = _count(parts[-1]) if len(parts) == 3 else None
        if n is None:
            if line.strip():
                skipped.append(number)
            continue
        into.setdefault(fold(parts[0]), []).append((fold(parts[1]), n))
    return skipped
