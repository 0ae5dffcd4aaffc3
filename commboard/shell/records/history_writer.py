"""Appends to the history file on a background thread.

``History.append`` writes and fsyncs (so a power cut loses nothing), which
can take tens of milliseconds on a slow disk: too long for the frame loop,
which must never block.  The loop hands each utterance to this writer and
carries on; ``close`` waits until every line is on disk.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable

Append = Callable[[str, str, str, int | None], None]
_Line = tuple[str, str, str, int | None]


class HistoryWriter:
    """Queue in front of ``History.append`` (same arguments), written in order."""

    def __init__(self, append: Append) -> None:
        self._append = append
        self._queue: queue.Queue[_Line | None] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name="history", daemon=True)
        self._thread.start()

    def __call__(self, text: str, page: str, source: str, cell: int | None = None) -> None:
        """Queue one utterance; returns at once."""
        self._queue.put((text, page, source, cell))

    def _run(self) -> None:
        while (line := self._queue.get()) is not None:
            try:
                self._append(*line)
            except Exception:  # History reports its own problems; never kill the writer
                continue

    def close(self) -> None:
        """Write what is queued, then stop the thread."""
        self._queue.put(None)
        self._thread.join()
