"""Carer menu > F: forget the words the board learned from what the patient said.

The carer's way to clear the learned words without a terminal (``commboard
words clear`` does the same).  It names how many words go and asks for an
explicit yes; the history of what was said is not touched.  A run that keeps
no learned words (a demo, a test) says so instead.
"""

from __future__ import annotations

from commboard.counts import counted
from commboard.shell.screens.base import Close, MenuEntry, Open, Outcome, ShellContext, Tell
from commboard.shell.screens.carer_menu.button_screen import ButtonScreen

NOTHING_KEPT = "This run keeps no learned words (a demo or a test): nothing to forget."


def open_forget(ctx: ShellContext) -> Outcome:
    """Say how many learned words would go, and ask for an explicit yes."""
    counts = ctx.learned_counts()
    if counts is None:
        return Tell(NOTHING_KEPT)
    words, pairs = counts
    if not words and not pairs:
        return Tell("Nothing has been learned from what the patient said yet: nothing to forget.")
    return Open(ForgetConfirm(ctx, words, pairs))


class ForgetConfirm(ButtonScreen):
    """The second, explicit step of forgetting the learned words."""

    def __init__(self, ctx: ShellContext, words: int, pairs: int) -> None:
        entries = [
            MenuEntry(
                "y",
                "Yes, forget this word" if words == 1 else f"Yes, forget these {words} words",
                lambda c: Tell(c.forget_learned()),
            ),
            MenuEntry("n", "No, keep them", lambda c: Close()),
        ]
        title = (
            f"Forget the {counted(words, 'word')} and {counted(pairs, 'word pair')} learned "
            "from what the patient"
            " said? The word slots go back to the language's own words. What was said stays"
            " in the history. This cannot be undone."
        )
        super().__init__(ctx, title, entries)
