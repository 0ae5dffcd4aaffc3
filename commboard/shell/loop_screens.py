"""The carer screens over the board: opened, closed, timed out, and what they ask for.

The first carer screen to open pauses scanning and the last to close lets it
go on (``control.pauses``); a screen left without carer input closes by
itself and its unsaved work is kept until a screen of its kind opens again
(``control.screen_timeout``); the ``Outcome`` a screen returns is carried out
here.  ``CarerScreens`` does this for ``BoardLoop``
(:mod:`commboard.shell.loop`); it declares the state of the loop it uses, and
the methods of the loop it calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.control import screen_timeout
from commboard.control.banners import ChromeState
from commboard.control.pauses import PauseOwner
from commboard.control.screen_timeout import KeptDrafts
from commboard.effects import Effect, PauseReason
from commboard.shell.loop_parts import LoopParts
from commboard.shell.screens.base import (
    ChangeLayout,
    Close,
    CloseAll,
    Open,
    Outcome,
    QuitBoard,
    Screen,
    Stay,
    Tell,
    Work,
)


class CarerScreens:
    """The stack of open carer screens (part of ``BoardLoop``, which holds the state)."""

    p: LoopParts
    now: float
    session: Session
    pauses: PauseOwner
    chrome: ChromeState
    screens: list[Screen]
    drafts: KeptDrafts[Screen]
    dirty: bool
    running: bool
    _carer_input_at: float

    if TYPE_CHECKING:

        def perform(self, effects: list[Effect]) -> None: ...

        def change_layout(self, path: Path, saved: Layout | None = None) -> None: ...

        def start_work(self, work: Work) -> None: ...

    def open_screen(self, screen: Screen) -> None:
        """Open a carer screen; the first one pauses scanning."""
        if not self.screens:
            self.perform(self.pauses.hold(PauseReason.CARER_SCREEN, self.now, self.session))
        self._carer_input_at = self.now
        kept = self.drafts.take(screen.draft_slot)
        if kept is not None:  # the carer's unsaved edits from a screen that timed out
            screen = screen.resume(kept, self.now)
        self.screens.append(screen)
        resumed = {"resumed": True} if kept is not None else {}
        self.p.event_log.record(self.now, "screen", name=type(screen).__name__, **resumed)
        self.dirty = True

    def close_screens(self, count: int | None = None) -> None:
        """Close the top ``count`` screens (all if None); scanning resumes when none are left."""
        keep = 0 if count is None else max(0, len(self.screens) - count)
        del self.screens[keep:]
        if not self.screens:
            self.perform(self.pauses.release(PauseReason.CARER_SCREEN, self.now, self.session))
        self.dirty = True

    def _screen_timeout_at(self) -> float | None:
        """When the open carer screens close by themselves (see ``control.screen_timeout``)."""
        return screen_timeout.timeout_at(self.screens, self._carer_input_at)

    def _close_idle_screens(self, now: float) -> None:
        """Back to the board when the carer menu was left without input (with a log line)."""
        gone = screen_timeout.timed_out(self.screens, self._carer_input_at, now)
        if gone is None:
            return
        self.p.event_log.record(
            now,
            "screen_timeout",
            closed=gone.closed,
            idle_s=round(gone.idle_s, 3),
            notes=gone.notes,
        )
        self.drafts.keep(self.screens)
        self.close_screens()
        self.chrome.notice(gone.notice, now)

    def act(self, outcome: Outcome) -> None:
        """Do what a carer screen asked."""
        self.dirty = True
        match outcome:
            case Stay():
                pass
            case Close():
                self.close_screens(1)
            case CloseAll():
                self.close_screens()
            case Open(screen=screen):
                self.open_screen(screen)
            case QuitBoard():
                self.running = False
            case Tell(text=text):
                self.close_screens()
                self.chrome.notice(text, self.now)
            case ChangeLayout(path=path, note=note, layout=saved):
                self.change_layout(path, saved)
                if note:
                    self.chrome.notice(note, self.now)
            case Work() as work:  # slow work with files: off the frame loop (``loop_work``)
                self.start_work(work)
