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

    def close(self) -> WriteStatus:
        """Write what is queued (a last try for kept lines), stop the thread; what is unsaved."""
        self._queue.put(None)
        self._thread.join()
        return self.status()

    def kept(self) -> list[bytes]:
        """After ``close``: the history lines never written, oldest first (each ends a line)."""
        assert not self._thread.is_alive(), "kept() is read after close()"
        return list(self._kept)

    def _run(self) -> None:
        while (item := self._queue.get()) is not None:
            if isinstance(item, bytes):
                self._kept.append(item)
            if isinstance(item, _Retry) or self._problem is None:
                self._write_kept()
        self._write_kept()

    def _write_kept(self) -> None:
        while self._kept:
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
            self._kept.popleft()
            with self._lock:
                self._unsaved -= 1
                self._late += self._problem is not None
        with self._lock:
            self._problem = None
