"""The carer's *What was said* screen: the last 24 hours of the history, decisions first.

Opened from the carer menu (W); scanning is paused meanwhile, and the
patient's switch does nothing here.  The history is read once when the
screen opens (a year of history takes a fraction of a second; the board is
paused), then the carer pages back by day (O, N) and scrolls (Up, Down).
What is shown is built in ``control.said_screen_view``; ``said_paint``
draws it.
"""

from __future__ import annotations

import pygame

from commboard.care_record.statements import read_history
from commboard.control.said_screen_view import ROWS_SHOWN, SaidView, said_view
from commboard.events import CarerRequest, Key, UiEvent
from commboard.shell.screens.base import Close, Open, Outcome, Screen, ShellContext, Stay
from commboard.shell.screens.said.said_paint import lines_fitting, paint_said
from commboard.shell.screens.text_fit import TextCache

SAID_IDLE_S = 120.0  # reading takes longer than choosing a menu entry; then scanning resumes


class SaidScreen:
    """What the patient said, 24 hours at a time, newest first, decisions first."""

    wants_text = False
    wants_switches = False
    idle_timeout_s: float | None = SAID_IDLE_S

    def __init__(self, ctx: ShellContext) -> None:
        self.ctx = ctx
        self.now = ctx.calendar()
        path = ctx.history_path
        read = read_history(path) if path is not None else None
        self.statements = read.statements if read is not None else None
        self.problems = len(read.problems) if read is not None else 0
        self.days_back = 0
        self.scrolled = 0
        self.room = ROWS_SHOWN  # the last lines that fit at once (set when drawn)

    def view(self) -> SaidView:
        """The screen as shown now."""
        return said_view(
            self.statements, self.now, self.days_back, self.scrolled, self.problems, self.room
        )

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """O / N change the day, Up / Down scroll, Escape goes back."""
        view = self.view()
        match event:
            case CarerRequest():
                return Close()
            case Key(text=text) if text.lower() == "o" and view.older:
                self.days_back, self.scrolled = self.days_back + 1, 0
            case Key(text=text) if text.lower() == "n" and view.newer:
                self.days_back, self.scrolled = self.days_back - 1, 0
            case Key(key=pygame.K_DOWN | pygame.K_PAGEDOWN) if view.scroll_down:
                self.scrolled = view.more_above + 1
            case Key(key=pygame.K_UP | pygame.K_PAGEUP) if view.more_above:
                self.scrolled = view.more_above - 1
        return Stay()

    draft_slot: str | None = None  # keeps no unsaved work

    def resume(self, kept: Screen, now: float) -> Screen:
        """Keeps no drafts: opens as it is."""
        return self

    def timeout_note(self) -> str | None:
        """Closing it loses nothing."""
        return None

    def next_deadline(self, now: float) -> float | None:
        """Nothing moves by itself."""
        return None

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """The whole screen: the patient's board is hidden while the carer reads."""
        self.room = lines_fitting(surface.get_size(), texts, self.view().tail)
        paint_said(surface, texts, self.view())


def open_said(ctx: ShellContext) -> Outcome:
    """The carer menu's entry."""
    return Open(SaidScreen(ctx))
