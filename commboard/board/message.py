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

_ZWJ = "\u200d"


def _emoji_part(ch: str) -> bool:
    """A code point that only modifies the emoji before it."""
    cp = ord(ch)
    return (
        ch in "\ufe0e\ufe0f\u20e3"  # text / emoji presentation, keycap
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # tag letters (subdivision flags)
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _last_character_start(text: str) -> int:
    """Where the last character a reader sees as one begins (see ``MessageBar.backspace``)."""
    end = len(text)
    if end == 0:
        return 0
    start = end - 1
    while True:
        while start > 0 and _emoji_part(text[start]):
            start -= 1  # the emoji these modify
        if start > 1 and text[start - 1] == _ZWJ:
            start -= 2  # joined to the emoji before it
            continue
        break
    if _regional(text[start]):
        run = start
        while run > 0 and _regional(text[run - 1]):
            run -= 1
        if (start - run) % 2 == 1:
            start -= 1  # the first letter of this flag
    return start


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
        """Remove the last character (a trailing space counts as one).

        An emoji is one character however many code points it is made of (a
        skin tone, the emoji presentation mark, a family joined with
        zero-width joiners, a flag's two letters, a keycap): Delete takes it
        back whole.  A mark chosen as its own cell (a Hebrew vowel point, an
        accent) is its own character.
        """
        return MessageBar(self.text[: _last_character_start(self.text)])

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
