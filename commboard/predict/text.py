"""Reading a message for prediction: the words before the cursor and the word being spelled.

Any text is accepted (emoji, digits, other scripts, a 300-letter "word"): it
is folded to lower case and split on white space; a piece that ends a
sentence (``.``, ``?``, ``!``) starts a new context, as the start of a
message does.  Nothing here raises.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

START = "<s>"
"""The context word before the first word of a message or sentence."""

MAX_WORD_CHARS = 40
"""Longer pieces are not words a model can rank; they are kept as typed but predict nothing."""

_SENTENCE_ENDS = frozenset(".?!")


@dataclass(frozen=True, slots=True)
class Context:
    """Where the spelling stands.

    Attributes:
        previous: the word before the one being spelled (``START`` at a sentence start).
        prefix: the letters of the word being spelled so far ('' right after a space).
    """

    previous: str
    prefix: str


def fold(text: str) -> str:
    """Lower-case, composed (NFC) form used for every lookup.

    ``lower``, not ``casefold``: the folded words are the ones the slots
    show and the message gets, and casefold spells German "Straße" as
    "strasse" (and takes the ß cell's letter away from the next-letter
    likelihoods).
    """
    return unicodedata.normalize("NFC", text).lower()


def words_of(text: str) -> list[str]:
    """The words of a spoken message, folded, with sentence ends as ``START`` markers."""
    out: list[str] = []
    for raw in fold(text).split():
        word = raw.strip('.,;:!?"()')
        if word and len(word) <= MAX_WORD_CHARS:
            out.append(word)
        if raw[-1] in _SENTENCE_ENDS:
            out.append(START)
    return out


def context_of(message: str) -> Context:
    """The context of the next selection after ``message`` (as shown in the message bar)."""
    text = fold(message)
    if not text or text[-1].isspace():
        head, prefix = text, ""
    else:
        cut = max(text.rfind(" "), text.rfind("\n"), text.rfind("\t"))
        head, prefix = text[: cut + 1], text[cut + 1 :]
    before = words_of(head)
    previous = before[-1] if before else START
    if head.rstrip() and head.rstrip()[-1] in _SENTENCE_ENDS:
        previous = START
    return Context(previous, prefix)
