"""The message being built, and the editing operations cells perform on it.

A ``MessageBar`` is an immutable value: every edit returns a new one, so the
session can keep the previous value for undo without copying anything.

Spacing rule (what a patient spelling with one switch expects): a single
character is appended as typed (letters spell a word), a longer piece is a
word or phrase and is kept apart from its neighbours by one space.  The space
cell (text ``" "``) adds a space, but never two in a row.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MessageBar:
    """The phrase being built, as shown at the top of the board.

    Attributes:
        text: exactly what is shown (may end with a space after a word).
    """

    text: str = ""

    def add(self, piece: str) -> MessageBar:
        """Append a letter, a space, or a word/phrase (words get a separating space)."""
        if not piece:
            return self
        if piece.isspace():
            return self if not self.text or self.text.endswith(" ") else MessageBar(self.text + " ")
        if len(piece) == 1:
            return MessageBar(self.text + piece)
        lead = "" if not self.text or self.text.endswith(" ") else " "
        return MessageBar(f"{self.text}{lead}{piece.strip()} ")

    def complete(self, word: str) -> MessageBar:
        """Finish the word being spelled with ``word`` (a word slot), then a space.

        The letters typed since the last space are replaced, whatever they
        were (a slip among them is corrected by the chosen word).
        """
        word = word.strip()
        if not word:
            return self
        cut = self.text.rfind(" ") + 1
        return MessageBar(f"{self.text[:cut]}{word} ")

    def backspace(self) -> MessageBar:
        """Remove the last character (a trailing space counts as one)."""
        return MessageBar(self.text[:-1])

    def clear(self) -> MessageBar:
        """An empty message."""
        return MessageBar()

    @property
    def spoken(self) -> str:
        """What Speak says: the text without surrounding spaces."""
        return " ".join(self.text.split())

    @property
    def empty(self) -> bool:
        """True when there is nothing to say."""
        return not self.spoken
