"""The scripted timeline runner: move a headless board on its virtual clock, frame by frame.

Scenario tests build the real board (``shell.app.build`` with
``--virtual-clock``) and then let time pass: ``run_for`` jumps the clock and
runs one frame, as a hitch of that length would; ``run_until`` runs every
frame the board itself would run up to a time, sleeping (jumping) between
deadlines exactly as ``commboard run --virtual-clock`` does.  The board is
described by a protocol, so this module imports nothing from the shell.
"""

from __future__ import annotations

from typing import Protocol

from commboard.clock import Clock


class _Parts(Protocol):
    @property
    def clock(self) -> Clock: ...


class Board(Protocol):
    """What the runner needs of ``commboard.shell.loop.BoardLoop``."""

    @property
    def now(self) -> float: ...

    @property
    def p(self) -> _Parts: ...

    @property
    def running(self) -> bool: ...

    def safe_frame(self, now: float) -> None: ...

    def idle(self) -> None: ...


def run_for(board: Board, seconds: float) -> None:
    """Let ``seconds`` pass on the board's virtual clock, then run one frame."""
    board.p.clock.advance_to(board.now + seconds)
    board.safe_frame(board.p.clock.now())


def run_until(board: Board, end: float) -> None:
    """Run every frame the board would run until its clock reaches ``end`` (or it stops)."""
    while board.now < end and board.running:
        board.idle()
        board.safe_frame(board.p.clock.now())
