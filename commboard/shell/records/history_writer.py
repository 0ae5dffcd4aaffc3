"""Writes the history on a background thread, and keeps what it cannot write until it can.

``History.write`` fsyncs (so a power cut loses nothing), which can take
tens of milliseconds on a slow disk: too long for the frame loop, which
must never block.  The loop hands each utterance here and carries on; the
line is stamped at once with the time it was said.

A line that cannot be written (a read-only or full disk, a folder that
cannot be made) is kept in memory with every line after it, in order.  The
loop asks for another try every ``RETRY_S`` (:meth:`retry`) and shows the
failure from :meth:`status` (``control.write_problems``: "What you say is
not being saved: ..."); when the file works again the kept lines are
written, oldest first.  ``close`` makes a last try and reports what is
still unsaved; :meth:`kept` then hands those lines over, so the board can
put them in a file of their own (``run_files.rescue_statements``) instead
of losing them.

``close`` waits at most ``CLOSE_WAIT_S``: a history deletion stuck on a dead
disk holds the file's lock (``line_file.rewriting``), and a write waiting
for it would otherwise keep the board from ever closing.  The lines not
written by then are handed over like those a failing disk refused.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from pathlib import Path

from commboard.control.write_problems import WriteStatus
from commboard.history import History
from commboard.line_file import why_not_written

RETRY_S = 2.0  # board seconds between attempts while the history cannot be written
# Real seconds ``close`` waits for the last lines (an fsync takes milliseconds; a slow
# USB stick, seconds); after that they are handed over by ``kept`` instead.
CLOSE_WAIT_S = 5.0


class _Retry:
    """Queue item: try the kept lines again."""


_RETRY = _Retry()


class HistoryWriter:
    """Queue in front of ``History.write``: utterances written in order, kept while it fails."""

    def __init__(self, history: History) -> None:
        self._history = history
        self._queue: queue.Queue[bytes | _Retry | None] = queue.Queue()
        self._lock = threading.Lock()
        self._kept: deque[bytes] = deque()  # the thread's own: lines not written yet
        self._unsaved = 0  # lines given and not on disk yet (read by the loop)
        self._problem: str | None = None
        self._late = 0
        self._retry_at = float("-inf")
        self._given_up = False  # close stopped waiting: the thread writes nothing more
        self._thread = threading.Thread(target=self._run, name="history", daemon=True)
        self._thread.start()

    @property
    def path(self) -> Path:
        """The history file."""
        return self._history.path

    def spelled(self, limit: int) -> list[str]:
        """The messages spelled most, as read at start (``History.spelled``; read once, not written)."""
        return self._history.spelled(limit)

    def __call__(
        self,
        text: str,
        page: str,
        source: str,
        cell: int | None = None,
        *,
        record: str | None = None,
        confirmed: bool = False,
        withdrawn: bool = False,
    ) -> None:
        """Stamp and queue one utterance; returns at once."""
        line = self._history.line(
            text, page, source, cell, record=record, confirmed=confirmed, withdrawn=withdrawn
        )
        with self._lock:
            self._unsaved += 1
        self._queue.put(line)

    def retry(self, now: float) -> None:
        """Ask for another try at the kept lines if writing fails and ``RETRY_S`` has passed."""
        with self._lock:
            due = self._problem is not None and now >= self._retry_at
        if due:
            self._retry_at = now + RETRY_S
            self._queue.put(_RETRY)

    def status(self) -> WriteStatus:
        """Why lines are kept, how many are not on disk yet, and how many were written late."""
        with self._lock:
            return WriteStatus(self._problem, self._unsaved, self._late)

    def close(self, timeout_s: float | None = None) -> WriteStatus:
        """Write what is queued (a last try for kept lines), stop the thread; what is unsaved.

        Waits at most ``timeout_s`` (default ``CLOSE_WAIT_S``); a write still stuck then
        (the file held by a stuck deletion) is given up, and its lines are unsaved.
        """
        self._queue.put(None)
        self._thread.join(CLOSE_WAIT_S if timeout_s is None else timeout_s)
        if self._thread.is_alive():
            with self._lock:
                self._given_up = True
                self._problem = (
                    f"the history file was still busy when the board closed ({self.path})"
                )
        return self.status()

    def kept(self) -> list[bytes]:
        """After ``close``: the history lines never written, oldest first (each ends a line)."""
        with self._lock:
            assert self._given_up or not self._thread.is_alive(), "kept() is read after close()"
            lines = list(self._kept)
        while True:  # given up: lines still queued behind the stuck one
            try:
                item = self._queue.get_nowait()
            except queue.Empty:
                return lines
            if isinstance(item, bytes):
                lines.append(item)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if isinstance(item, bytes):
                with self._lock:
                    self._kept.append(item)
            if isinstance(item, _Retry) or self._problem is None:
                self._write_kept()
            if self._given_up:
                return
        self._write_kept()

    def _write_kept(self) -> None:
        while self._kept and not self._given_up:
            try:
                self._history.write(self._kept[0])
            except Exception as exc:  # never kill the writer: the line stays kept
                problem = (
                    why_not_written(exc, self._history.path)
                    if isinstance(exc, OSError)
                    else f"{type(exc).__name__}: {exc}"
                )
                with self._lock:
                    self._problem = problem
                return
            with self._lock:
                if self._given_up:
                    return  # too late: this line is handed over as unsaved (written twice at worst)
                self._kept.popleft()
                self._unsaved -= 1
                self._late += self._problem is not None
        with self._lock:
            if not self._given_up:
                self._problem = None
