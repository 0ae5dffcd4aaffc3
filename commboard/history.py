"""What the patient said and when: an append-only JSON-lines file readable by the user only.

The care team must be able to see later what was said and when (CLINICAL.md),
and nothing leaves the machine.  Each spoken utterance is one line::

    {"time": "2025-03-01T14:03:07+01:00", "text": "I don't agree", "page": "mycare",
     "source": "blink", "cell": 3, "how": "phrase", "record": "decision", "confirmed": true}

``how`` is ``phrase`` (a cell that says its own words; ``cell`` is its slot)
or ``spelled`` (a message built letter by letter; ``cell`` is null);
``record`` marks a statement the care record lists first (``decision`` or
``preference``, else null); ``confirmed`` is true when the patient answered
Yes to "You said: ... Is that right?".  A statement undone straight after it
was said gets a second line with the same words and ``"withdrawn": true``,
stamped when it was undone.  Lines written before these fields existed have
only the first five; readers take ``how`` from ``cell`` then.

``time`` is wall-clock time with its UTC offset, from a callable the
composition root injects (``shell/app.py``): the core never reads a clock
(monotonic time is for the board; calendar time only for this record).  The
folder is created 0700 and the file 0600.  Each line is written whole or not
at all (``line_file``) and fsync'd, so a power cut or a full disk never
leaves half a record.  A line that cannot be written raises ``OSError``: the
shell's writer (``shell/records/history_writer``) keeps it, stamped with the
time it was said, says so on screen and writes it when the file works
again.  The file is never rewritten: a line we cannot read is reported (path
and line number) and skipped, and stays in the file for a person to look at.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import platformdirs

from commboard.line_file import AppendOnlyFile, LineFile
from commboard.private_folder import make_private_folder

DEFAULT_PROFILE = "default"


def data_root() -> Path:
    """commboard's data folder (e.g. ``~/.local/share/commboard``)."""
    return Path(platformdirs.user_data_dir("commboard"))


def profile_folder(profile: str = DEFAULT_PROFILE) -> Path:
    """Where one patient's records live: the data folder for ``default``, else ``profiles/NAME``.

    One folder per patient, so a laptop that moves from bed to bed never puts
    one patient's words in another's report.  ``profile`` is a checked
    profile name (letters, digits, ``_`` and ``-``).
    """
    root = data_root()
    return root if profile == DEFAULT_PROFILE else root / "profiles" / profile


def default_path(profile: str = DEFAULT_PROFILE) -> Path:
    """The patient's ``history.jsonl`` (the ``default`` profile's in the data folder itself)."""
    return profile_folder(profile) / "history.jsonl"


class History:
    """The utterance history file.

    Args:
        path: The JSON-lines file; default :func:`default_path`.
        wall_clock: Returns the current calendar time (required: the shell
            passes the machine's clock, tests a fixed one); a naive result is
            taken as local time.  Only :meth:`line` calls it.
        file: Where lines are appended (default: ``path``, fsync'd); tests
            pass a fake that fails like a full or read-only disk.

    Reading never raises: problems are collected, in plain words with the
    path, in :attr:`problems` for the carer's screen.  Writing raises
    ``OSError`` so the caller can keep the line (the board keeps speaking).
    """

    def __init__(
        self,
        path: Path | None = None,
        *,
        wall_clock: Callable[[], datetime],
        file: LineFile | None = None,
    ) -> None:
        self.path = path if path is not None else default_path()
        self._wall_clock = wall_clock
        self._file = (
            file
            if file is not None
            else AppendOnlyFile(self.path, sync=True, keep_open=False, locked=True)
        )
        self.problems: list[str] = []  # lines that could not be read by the last usage()
        self._spelled: dict[str, tuple[int, int]] = {}  # message -> (times said, last line)

    def line(
        self,
        text: str,
        page: str,
        source: str,
        cell: int | None = None,
        *,
        record: str | None = None,
        confirmed: bool = False,
        withdrawn: bool = False,
    ) -> bytes:
        """One utterance as a history line, stamped now (when it was said, not when written)."""
        now = self._wall_clock()
        if now.tzinfo is None:
            now = now.astimezone()  # naive means local time: attach the local offset
        fields: dict[str, Any] = {
            "time": now.isoformat(timespec="seconds"),
            "text": text,
            "page": page,
            "source": source,
            "cell": cell,
            "how": "spelled" if cell is None else "phrase",
            "record": record,
            "confirmed": confirmed,
        }
        if withdrawn:
            fields["withdrawn"] = True
        return (json.dumps(fields, ensure_ascii=False) + "\n").encode("utf-8")

    def write(self, line: bytes) -> None:
        """Append a line from :meth:`line`, durably; ``OSError`` if it could not be written."""
        folder = self.path.parent
        if not folder.exists():
            make_private_folder(folder)
        self._file.append(line)

    def append(
        self,
        text: str,
        page: str,
        source: str,
        cell: int | None = None,
        *,
        record: str | None = None,
        confirmed: bool = False,
    ) -> None:
        """Stamp and write one utterance (``OSError`` if it could not be written)."""
        self.write(self.line(text, page, source, cell, record=record, confirmed=confirmed))

    def usage(self) -> dict[str, dict[int, float]]:
        """How often each cell was spoken from, per page id: weights for Huffman scanning."""
        self.problems = []
        self._spelled = {}
        counts: dict[str, dict[int, float]] = {}
        try:
            if not stat.S_ISREG(self.path.stat().st_mode):
                return counts  # /dev/null (keep nothing), a device: nothing to learn, never read
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return counts
        except OSError as exc:
            self.problems.append(f"{self.path}: could not read history ({exc.strerror})")
            return counts
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            record = parse_line(line)
            if record is None:
                self.problems.append(f"{self.path}, line {number}: not a history record; skipped")
                continue
            # A withdrawal line takes back the use its statement counted: an undone
            # selection (a stray press) is neither a phrase Huffman scanning should bring
            # nearer nor a message for the Recent page.
            withdrawn = record.get("withdrawn") is True
            cell = record.get("cell")
            if isinstance(cell, int) and not isinstance(cell, bool):
                _count_cell(counts, record["page"], cell, -1.0 if withdrawn else 1.0)
            elif cell is None and record["text"].strip():
                self._count_spelled(record["text"], number, withdrawn)
        return counts

    def _count_spelled(self, text: str, number: int, withdrawn: bool) -> None:
        times, last = self._spelled.get(text, (0, 0))
        if not withdrawn:
            self._spelled[text] = (times + 1, number)
        elif times > 1:
            self._spelled[text] = (times - 1, last)
        else:
            self._spelled.pop(text, None)

    def spelled(self, limit: int) -> list[str]:
        """The messages the patient spelled and spoke most often (read by :meth:`usage`).

        Most used first; equal counts: the most recently said first.
        """
        ranked = sorted(self._spelled.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
        return [text for text, _ in ranked[: max(0, limit)]]


def _count_cell(counts: dict[str, dict[int, float]], page_id: str, cell: int, step: float) -> None:
    page = counts.setdefault(page_id, {})
    page[cell] = page.get(cell, 0.0) + step
    if page[cell] <= 0:
        del page[cell]
        if not page:
            del counts[page_id]


def parse_line(line: bytes) -> dict[str, Any] | None:
    """One history record, or None if the line is not one (the report and the screen use it)."""
    try:
        record = json.loads(line.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        # RecursionError: lists nested thousands deep; a plain ValueError: a whole number
        # past Python's 4300-digit limit (damaged or hostile)
        return None
    if not isinstance(record, dict) or not isinstance(record.get("page"), str):
        return None
    if not isinstance(record.get("text"), str) or not isinstance(record.get("time"), str):
        return None
    return record
