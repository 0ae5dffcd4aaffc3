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
from commboard.shell.screens.base import Open, Outcome, Screen, Tell, Work


class CarerWork:
    """Work the carer asked for, off the frame loop (part of ``BoardLoop``, which holds the state)."""

    now: float
    chrome: ChromeState
    carer_work: BackgroundWork[Outcome]
    screens: list[Screen]
    dirty: bool
    # The screen the running work kept the carer on (``Work.stay``), None if it sent them back.
    _work_asker: Screen | None = None

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
        self._work_asker = self.screens[-1] if work.stay and self.screens else None
        self.carer_work.start(work.doing, work.run, _failure(work))
        self._work_arrived()  # a virtual clock did it at once

    def _work_arrived(self) -> None:
        """Carry out the result of finished work: its words on the board, or the screen it opens.

        Work that kept the carer waiting (``stay``) is carried out only if the screen that
        asked is still the one in front: a carer who went on to another screen (or whose
        menu timed out) must not have the deletion question open over it, where the "y" of
        "Yes, quit" or of a typed folder would answer it, nor that screen closed by the words.
        """
        doing = self.carer_work.doing
        result = self.carer_work.poll()
        if result is None or doing is None:
            return
        self.perform(carer_work.finished(self.now))
        asker, self._work_asker = self._work_asker, None
        waited = asker is not None and bool(self.screens) and self.screens[-1] is asker
        match result:
            case Tell(text=text) if not waited:
                self.chrome.notice(text, self.now)  # leaving open what the carer opened since
            case Open() if asker is not None and not waited:
                self.chrome.notice(carer_work.left(doing), self.now)
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
