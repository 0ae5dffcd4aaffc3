"""The event log: JSON lines ``{"t": seconds since start, "type": ..., ...}``.

What a therapist reads later to see how access went; every type is
documented in docs/event-log.md.  Each line is written as it happens, so a
crash loses nothing and a benchmark can watch the file.

It holds the patient's words, so it is private (0600) and appended to,
never truncated (a second run adds its own ``start``...``stop``); it never
creates folders, and it refuses, before the board starts, to be the history
file or a profile (:func:`refusal`).  Writing it can never stop the board: a
line that cannot be written (a missing folder, a read-only or full disk) is
kept in memory, in order, and written whole when the file works again,
tried every ``RETRY_S``; the loop shows the failure (``control.write_problems``).
"""

from __future__ import annotations

import json
import math
import os
from collections import deque
from pathlib import Path
from typing import Any

from commboard.control.write_problems import WriteStatus
from commboard.effects import Log
from commboard.line_file import AppendOnlyFile, LineFile, why_not_written
from commboard.regular_file import same_file
from commboard.shell.records.access_log import AccessLog

RETRY_S = 2.0  # board seconds between attempts while the log cannot be written
# Lines kept while the log cannot be written (about 5 MB): beyond this the
# oldest go, counted in ``writing_resumed``.  A day of scanning is ~100 000.
MAX_KEPT_LINES = 50_000


class EventLog:
    """Writes ``Log`` records relative to the run's start time (``None`` path: keep none).

    Args:
        path: The log file.
        start: The run's start, on the board's clock.
        file: Where lines go (default: ``path`` opened for appending); tests
            pass a fake that fails like a full or read-only disk.
    """

    def __init__(
        self,
        path: Path | None,
        start: float,
        file: LineFile | None = None,
        access: AccessLog | None = None,
    ) -> None:
        self.path = path
        self.access = access  # every record also goes there, without its words
        self._start = start
        self._file = file if file is not None or path is None else AppendOnlyFile(path)
        self._kept: deque[bytes] = deque()
        self._problem: str | None = None
        self._retry_at = start
        self._late = 0
        self._dropped = 0

    def record(self, t: float, type_: str, **fields: Any) -> None:
        """Write one record (or keep it, while the file fails); ``t`` is seconds on the run's clock."""
        if self._file is None and self.access is None:
            return
        line = finite({"t": round(t - self._start, 3), "type": type_, **fields})
        if self.access is not None:
            self.access.add(line)
        if self._file is None:
            return
        text = json.dumps(line, ensure_ascii=False, default=str, allow_nan=False)
        self._kept.append((text + "\n").encode())
        if len(self._kept) > MAX_KEPT_LINES:
            self._kept.popleft()
            self._dropped += 1
        if self._problem is None or t >= self._retry_at:
            self._write_kept(t)

    def access_only(self, t: float, type_: str, **fields: Any) -> None:
        """A record for the access log alone (the settings in force), not the event log."""
        if self.access is not None:
            self.access.add(finite({"t": round(t - self._start, 3), "type": type_, **fields}))

    def write(self, log: Log) -> None:
        """Write a ``Log`` effect from the core."""
        self.record(log.t, log.type, **log.fields)

    def retry(self, now: float) -> None:
        """Try the kept lines again if the log is failing and ``RETRY_S`` has passed."""
        if self._problem is not None and now >= self._retry_at:
            self._write_kept(now)

    def status(self) -> WriteStatus:
        """Why lines are kept, how many, and how many were written late or dropped."""
        return WriteStatus(self._problem, len(self._kept), self._late, self._dropped)

    def close(self) -> WriteStatus:
        """A last try at the kept lines, then close the file; returns what could not be written."""
        if self.access is not None:
            self.access.close()
        if self._file is not None:
            if self._kept:
                self._write_kept(self._retry_at)
            self._file.close()
        return self.status()

    def _write_kept(self, now: float) -> None:
        assert self._file is not None
        while self._kept:
            try:
                self._file.append(self._kept[0])
            except OSError as exc:
                self._problem = why_not_written(exc, self.path or Path("event log"))
                self._retry_at = now + RETRY_S
                return
            self._kept.popleft()
            if self._problem is not None:
                self._late += 1
        self._problem = None


def refusal(path: Path, protected: dict[str, Path]) -> str | None:
    """Why ``path`` must not be the event log (None: it may), checked before the board starts.

    Args:
        path: The ``--event-log`` file.
        protected: What the log must never write into, by name ("the
            history file": its path; "the profiles folder": a folder, whose
            every file is protected).
    """
    if os.path.isdir(path):  # os.path: a name too long is no folder, never an error
        return f"--event-log {path} is a folder; give a file name"
    target = path.resolve()
    for name, other in protected.items():
        if os.path.isdir(other) and target.parent == other.resolve():
            return f"--event-log {path} is in {name}; choose another file"
        if same_file(path, other):
            return f"--event-log {path} is {name}; choose another file"
    return None


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float (in dicts, lists, tuples) made ``None``.

    JSON has no NaN or Infinity: ``json.dumps`` would write the bare words,
    and every strict reader of the log would fail on that line.  ``null``
    keeps the record (and the rest of the line) readable.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
