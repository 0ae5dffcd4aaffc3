"""The access log: how the patient used the board, without a word of what they said.

Kept by default for every patient (``access.jsonl`` beside their history:
``history.profile_folder``), private (0600 in a 0700 folder), so a therapist
can ask for figures (``commboard access-report``) without anyone having
switched on ``--event-log``.  Each line is an event-log record (docs/event-log.md)
with the message text taken out (``text``, ``label`` and the slots' ``words``), the
calendar time added (``at``, local with its offset, to the millisecond), and
the highlight records folded into the selection that ends them (``steps`` on
``select``: how many scan steps it took) and the blink ``closed`` records
left out (each ``opened`` has the closure's duration), which keeps a day of
scanning small.  A ``settings`` record after ``start`` names the scan interval,
pattern and hold times in force, and is written again when they change.

The file is rotated by size: past ``MAX_BYTES`` it becomes ``access.jsonl.1``
(the older ones move up to ``.KEEP``; the oldest goes).  A line that cannot
be written is dropped and counted (these are figures, not the patient's
words, which the history keeps); the board never stops for it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from commboard.line_file import AppendOnlyFile, why_not_written
from commboard.private_folder import make_private_folder
from commboard.settings import Settings

MAX_BYTES = 10_000_000
KEEP = 7  # rotated files kept: access.jsonl.1 .. .7; 80 MB, over 30 days of all-day camera use
PRIVATE_FIELDS = frozenset({"text", "label", "words"})
"""What the patient said or chose, and the words the Spell page's slots offered them (their
learned names among them, and what they were spelling)."""


def settings_fields(settings: Settings) -> dict[str, Any]:
    """What the access report needs to know about the settings in force."""
    scan, blink = settings.scan, settings.blink
    return {
        "interval_s": scan.interval_s,
        "pattern": scan.pattern.value,
        "mode": scan.mode.value,
        "acceptance_s": scan.acceptance_s,
        "blink_hold_s": blink.hold_s,
    }


class AccessLog:
    """Appends access records (``add``) to one patient's access log, rotating it by size.

    Args:
        path: the access log (its folder is made 0700 if missing).
        calendar: calendar time now (local), stamped on every line.
        max_bytes: rotate past this size.
    """

    def __init__(
        self, path: Path, calendar: Callable[[], datetime], max_bytes: int = MAX_BYTES
    ) -> None:
        self.path = path
        self._calendar = calendar
        self._max_bytes = max_bytes
        self._file = AppendOnlyFile(path)
        self._size: int | None = None
        self._steps = 0
        self.problem: str | None = None
        self.dropped = 0

    def add(self, record: dict[str, Any]) -> None:
        """One event-log record (``t``, ``type``, fields): written without its words."""
        kind = record.get("type")
        if kind == "highlight":
            self._steps += bool(record.get("cells"))
            return
        if kind == "blink" and record.get("event") == "closed":
            return  # the "opened" record carries the closure's duration
        line = {k: v for k, v in record.items() if k not in PRIVATE_FIELDS}
        if kind == "select":
            line["steps"] = self._steps
            self._steps = 0
        line["at"] = self._calendar().isoformat(timespec="milliseconds")
        self._write(json.dumps(line, ensure_ascii=False, default=str).encode() + b"\n")

    def _write(self, data: bytes) -> None:
        try:
            if self._size is None:
                self._open_folder()
            assert self._size is not None
            if self._size + len(data) > self._max_bytes and self._size > 0:
                self._rotate()
            self._file.append(data)
            self._size += len(data)
        except OSError as exc:
            self.dropped += 1
            self.problem = why_not_written(exc, self.path)
            self._size = None  # look again next time (a folder made, a disk remounted)

    def _open_folder(self) -> None:
        folder = self.path.parent
        if not folder.exists():
            make_private_folder(folder)
        try:
            self._size = self.path.stat().st_size
        except FileNotFoundError:
            self._size = 0

    def _rotate(self) -> None:
        """access.jsonl -> .1, .1 -> .2, ... (the oldest beyond ``KEEP`` is replaced)."""
        self._file.close()
        for n in range(KEEP - 1, 0, -1):
            older = self.path.with_name(f"{self.path.name}.{n}")
            if older.exists():
                os.replace(older, self.path.with_name(f"{self.path.name}.{n + 1}"))
        os.replace(self.path, self.path.with_name(f"{self.path.name}.1"))
        self._size = 0

    def close(self) -> None:
        """Close the file."""
        self._file.close()


def rotated_files(path: Path) -> list[Path]:
    """The access log and its rotated files that exist, oldest first."""
    older = [path.with_name(f"{path.name}.{n}") for n in range(KEEP, 0, -1)]
    return [p for p in (*older, path) if p.exists()]
