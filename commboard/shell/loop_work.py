"""Slow carer work off the frame loop: started, refused while one runs, and its result arriving.

A carer screen that asks for slow work with files answers ``Work``
(:mod:`commboard.shell.screens.base`): deleting a period of the history,
the care team's report, a layout export.  ``CarerWork`` hands it to the
worker (``adapters.background_work``), goes back to the board, which scans
on under a "Deleting..." banner (``control.carer_work``), and carries out
the result once a frame finds it ready.  ``CarerWork`` does this for
``BoardLoop`` (:mod:`commboard.shell.loop`); it declares the state of the
loop it uses, and the methods of the loop it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from commboard.adapters.background_work import BackgroundWork
from commboard.control import carer_work
from commboard.control.banners import ChromeState
from commboard.effects import Effect
from commboard.line_file import why_not_written
from commboard.shell.screens.base import Outcome, Tell, Work


class CarerWork:
    """Work the carer asked for, off the frame loop (part of ``BoardLoop``, which holds the state)."""

    now: float
    chrome: ChromeState
    carer_work: BackgroundWork[Outcome]
    dirty: bool
    _work_stays = False  # the running work kept the carer on the screen that asked for it

    if TYPE_CHECKING:

        def perform(self, effects: list[Effect]) -> None: ...

        def close_screens(self, count: int | None = None) -> None: ...

        def act(self, outcome: Outcome) -> None: ...

    def start_work(self, work: Work) -> None:
        """Back on the board at once (unless ``stay``); the work runs meanwhile (refused, in
        words on the board, while another runs)."""
        busy = self.carer_work.doing
        if busy is not None or not work.stay:
            self.close_screens()
        if busy is not None:
            self.chrome.notice(carer_work.refused(busy), self.now)
            self.dirty = True
            return
        self.perform(carer_work.started(work.doing, self.now))
        self._work_stays = work.stay
        self.carer_work.start(work.doing, work.run, _failure(work))
        self._work_arrived()  # a virtual clock did it at once

    def _work_arrived(self) -> None:
        """Carry out the result of finished work: its words on the board, or the screen it opens."""
        result = self.carer_work.poll()
        if result is None:
            return
        self.perform(carer_work.finished(self.now))
        match result:
            case Tell(text=text) if not self._work_stays:
                self.chrome.notice(text, self.now)  # leaving open what the carer opened since
            case _:
                self.act(result)  # a screen opens; words from a screen that waited: the board
        self.dirty = True


def _failure(work: Work) -> Callable[[Exception], Outcome]:
    """What to say when ``work`` raised: what it was doing, why it stopped, and the file."""

    def said(exc: Exception) -> Outcome:
        why = (
            why_not_written(exc, work.where)
            if isinstance(exc, OSError)
            else f"{type(exc).__name__}: {exc} ({work.where})"
        )
        return Tell(carer_work.failed(work.doing, why))

    return said
