"""A carer screen of big lettered buttons: the carer menu, its sub-menus and confirmations.

Letters and clicks choose an entry; Escape or F10 steps back; the patient's
switch keys do nothing here, so a switch press can never choose an entry.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from commboard.events import CarerRequest, Click, Key, UiEvent
from commboard.shell.screens.base import Close, MenuEntry, Outcome, Screen, ShellContext, Stay
from commboard.shell.screens.carer_menu.menu_paint import MenuView, button_rects, inside, paint_menu
from commboard.shell.screens.text_fit import TextCache

DEFAULT_SIZE = (1280, 720)
# Back to the board after this long without a carer key or click (the loop
# closes every screen, logs "screen_timeout" and resumes scanning).  A quit
# confirmation is cancelled too: quitting needs an explicit yes.
CARER_IDLE_S = 60.0
# Text shown on a button, and in a title, is cut with an ellipsis past this many
# characters: a recent message or a layout name comes from a file, and one of
# 200 000 characters took the frame loop ten seconds to fit on its button.
MAX_LABEL_CHARS = 200
MAX_TITLE_CHARS = 600


def shortened(text: str, limit: int) -> str:
    """``text``, or its first ``limit - 1`` characters and an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


class ButtonScreen:
    """A title and a column of big buttons, each with a letter to press."""

    wants_text = False
    wants_switches = False  # a switch press can never choose an entry
    idle_timeout_s: float | None = CARER_IDLE_S

    def __init__(self, ctx: ShellContext, title: str, entries: list[MenuEntry]) -> None:
        self.ctx = ctx
        self.title = title
        self.entries = entries
        self._size = DEFAULT_SIZE

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Letters and clicks choose; Escape/F10 steps back; switches are ignored."""
        match event:
            case CarerRequest():
                return Close()
            case Key(text=text) if text:
                return self._choose(lambda e: e.shortcut == text.lower())
            case Click(x=x, y=y):
                rects = button_rects(self._size, len(self.entries))[2]
                hits = {id(e) for e, r in zip(self.entries, rects, strict=True) if inside(r, x, y)}
                return self._choose(lambda e: id(e) in hits)
        return Stay()

    def _choose(self, match: Callable[[MenuEntry], bool]) -> Outcome:
        for entry in self.entries:
            if match(entry):
                return entry.choose(self.ctx)
        return Stay()

    def next_deadline(self, now: float) -> float | None:
        """Nothing moves by itself."""
        return None

    draft_slot: str | None = None  # keeps no unsaved work

    def resume(self, kept: Screen, now: float) -> Screen:
        """Keeps no drafts: opens as it is."""
        return self

    def timeout_note(self) -> str | None:
        """Closing a menu for want of input loses nothing (a quit needs an explicit yes)."""
        return None

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Dim the board, then the panel with the buttons."""
        self._size = surface.get_size()
        paint_menu(surface, texts, self.view())

    def view(self) -> MenuView:
        """The title and the buttons, as shown."""
        return MenuView(
            shortened(self.title, MAX_TITLE_CHARS),
            tuple((e.shortcut, shortened(e.label, MAX_LABEL_CHARS)) for e in self.entries),
        )


class TypedEntry(ButtonScreen):
    """A prompt and a line the carer types (a path, a folder); Enter hands it to ``entered``.

    Args:
        entered: what Enter does with the typed line (stripped, never empty).
    """

    wants_text = True

    def __init__(self, ctx: ShellContext, title: str, entered: Callable[[str], Outcome]) -> None:
        super().__init__(ctx, title, [])
        self.typed = ""
        self.entered = entered

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Typing edits the line; Enter uses it; Escape goes back."""
        match event:
            case CarerRequest():
                return Close()
            case Key(key=pygame.K_RETURN | pygame.K_KP_ENTER) if self.typed.strip():
                return self.entered(self.typed.strip())
            case Key(key=pygame.K_BACKSPACE):
                self.typed = self.typed[:-1]
            case Key(text=text) if text.isprintable():
                self.typed += text
        return Stay()

    def view(self) -> MenuView:
        """The prompt and what was typed so far."""
        return MenuView(self.title, (), self.typed)
