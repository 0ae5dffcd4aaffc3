"""What the patient said and when: an append-only JSON-lines file readable by the user only.

The care team must be able to see later what was said and when (CLINICAL.md),
and nothing leaves the machine.  Each spoken utterance is one line::

    {"time": "2025-03-01T14:03:07+01:00", "text": "I agree", "page": "care",
     "source": "keyboard", "cell": 0}

``time`` is wall-clock time with its UTC offset, from a callable the
composition root injects (``shell/app.py``): the core never reads a clock
(monotonic time is for the board; calendar time only for this record).  The
folder is created 0700 and the file 0600.  Each line is flushed and fsync'd
so a power cut loses at most the line being written.  The file is never
rewritten: a line we cannot read is reported (path and line number) and
skipped, and stays in the file for a person to look at.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs


def default_path() -> Path:
    """``history.jsonl`` in the user's data folder (e.g. ``~/.local/share/commboard``)."""
    return Path(platformdirs.user_data_dir("commboard")) / "history.jsonl"


class History:
    """The utterance history file.

    Args:
        path: The JSON-lines file; default :func:`default_path`.
        wall_clock: Returns the current calendar time (required: the shell
            passes the machine's clock, tests a fixed one); a naive result is
            taken as local time.  Only :meth:`append` calls it.

    Neither method raises on a file problem: the board must keep speaking.
    Problems are collected, in plain words with the path, in :attr:`problems`
    for the carer's screen.
    """

    def __init__(self, path: Path | None = None, *, wall_clock: Callable[[], datetime]) -> None:
        self.path = path if path is not None else default_path()
        self._wall_clock = wall_clock
        self._read_problems: list[str] = []
        self._write_problems: list[str] = []

    @property
    def problems(self) -> list[str]:
        """Lines that could not be read by the last :meth:`usage`, and failed appends."""
        return self._read_problems + self._write_problems

    def append(self, text: str, page: str, source: str, cell: int | None = None) -> None:
        """Add one utterance as a line, durably (flush + fsync)."""
        now = self._wall_clock()
        if now.tzinfo is None:
            now = now.astimezone()  # naive means local time: attach the local offset
        record = {
            "time": now.isoformat(timespec="seconds"),
            "text": text,
            "page": page,
            "source": source,
            "cell": cell,
        }
        line = json.dumps(record, ensure_ascii=False) + "\n"
        try:
            self._write_line(line.encode("utf-8"))
        except OSError as exc:
            self._write_problems.append(f"{self.path}: could not save to history ({exc.strerror})")

    def _write_line(self, data: bytes) -> None:
        folder = self.path.parent
        if not folder.exists():
            folder.mkdir(mode=0o700, parents=True)  # the umask can only narrow this
        fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            info = os.fstat(fd)
            if info.st_mode & 0o077:  # someone widened it: the patient's words stay private
                os.fchmod(fd, stat.S_IRUSR | stat.S_IWUSR)
            if info.st_size and os.pread(fd, 1, info.st_size - 1) != b"\n":
                data = b"\n" + data  # a torn last line must not swallow this record
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)

    def usage(self) -> dict[str, dict[int, float]]:
        """How often each cell was spoken from, per page id: weights for Huffman scanning."""
        self._read_problems = []
        counts: dict[str, dict[int, float]] = {}
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return counts
        except OSError as exc:
            self._read_problems.append(f"{self.path}: could not read history ({exc.strerror})")
            return counts
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            record = _parse(line)
            if record is None:
                self._read_problems.append(
                    f"{self.path}, line {number}: not a history record; skipped"
                )
                continue
            cell = record.get("cell")
            if isinstance(cell, int) and not isinstance(cell, bool):
                page = counts.setdefault(record["page"], {})
                page[cell] = page.get(cell, 0.0) + 1.0
        return counts


def _parse(line: bytes) -> dict[str, Any] | None:
    """One record, or None if the line is not one."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(record, dict) or not isinstance(record.get("page"), str):
        return None
    if not isinstance(record.get("text"), str) or not isinstance(record.get("time"), str):
        return None
    return record
