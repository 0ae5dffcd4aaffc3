"""Slow work with files the carer asked for, off the frame loop: one worker thread, a queue.

Rewriting a year of history without a period (0.4 s of CPU at 60,000
statements, and as long again to count them for the question), writing the
care team's report, or zipping a layout with its photos into an ``.obz``
(seconds) would stop scanning and the nurse call for that long on the frame
loop.  ``BackgroundWork`` is the layout loader's pattern
(``adapters.layout_loading``) for any such job: ``start`` hands it to a
worker thread, which puts the result on a queue; the loop polls once a frame
(``next_deadline`` makes it look again soon) and, until it arrives, says
what is being done over the board that goes on working.

One job at a time: ``start`` refuses a second while one runs (the caller
says so in plain words); two rewrites of one file must never overlap.  A
job that raises still hands over a result (``failed``), so the loop never
waits for ever.  Under a virtual clock (headless runs, tests, golden logs)
nothing runs in parallel: the job runs at ``start`` and is handed over at
the next poll, so runs stay exactly repeatable.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# Real seconds between looks at the queue while a job runs (the loop
# otherwise sleeps up to half a second when nothing moves).
POLL_S = 0.05
# The composition root waits this long for a job still running when the board
# closes: a deletion or an export is finished, not cut off half way.
CLOSE_WAIT_S = 30.0


class BackgroundWork(Generic[T]):
    """One job at a time, in a worker thread (or at once, under a virtual clock).

    Args:
        background: run jobs in a worker thread (the real board); False runs
            each at ``start`` (virtual clock: deterministic).
    """

    def __init__(self, *, background: bool) -> None:
        self.background = background
        self._results: queue.Queue[T] = queue.Queue()
        self._doing: str | None = None
        self._thread: threading.Thread | None = None

    @property
    def doing(self) -> str | None:
        """What the job being done is, in words; None when none waits to be handed over."""
        return self._doing

    def start(self, doing: str, work: Callable[[], T], failed: Callable[[Exception], T]) -> bool:
        """Begin ``work``; its result comes from a later ``poll``.  False: one is still running.

        ``failed`` turns an exception ``work`` raised into its result.
        """
        if self._doing is not None:
            return False
        self._doing = doing

        def run() -> None:
            try:
                result = work()
            except Exception as exc:  # never lost: the loop must hear that it ended
                result = failed(exc)
            self._results.put(result)

        if not self.background:
            run()
            return True
        # A daemon: a job stuck on a dead network drive never keeps a quitting board
        # alive; the composition root waits a while for one still running (``wait``).
        self._thread = threading.Thread(target=run, name="carer-work", daemon=True)
        self._thread.start()
        return True

    def poll(self) -> T | None:
        """The job's result once it is done (once), else None; never waits."""
        if self._doing is None:
            return None
        try:
            result = self._results.get_nowait()
        except queue.Empty:
            return None
        self._doing = None
        return result

    def next_deadline(self, now: float) -> float | None:
        """While a worker runs, look again soon (real clock); otherwise nothing is due."""
        return None if self._doing is None else now + POLL_S

    def wait(self, timeout_s: float) -> bool:
        """Wait up to ``timeout_s`` for a running job (the board is closing); True if none runs."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        return thread is None or not thread.is_alive()
