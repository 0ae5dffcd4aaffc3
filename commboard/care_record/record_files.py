"""Writing the care record out, and deleting a period of it: what the commands and the carer menu share.

``commboard report`` / ``commboard history`` (the terminal) and the carer
menu's *Papers for the care team* (``shell/screens/carer_menu/care_papers``) call
these; each returns plain words saying what was done (or why not), never
raises for a file problem, and never replaces a file that is there already.
Files written are private (0600) and written atomically; a deletion rewrites
the history atomically and never takes a damaged line (see
``history_command``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commboard.care_record.statements import Period, read_history, statement_of
from commboard.counts import counted, report_summary
from commboard.history import parse_line
from commboard.line_file import rewriting, why_not_written
from commboard.settings.profiles import atomic_write

ATTEMPTS = 5  # a board writing all the while: give up after this many changed reads


@dataclass(frozen=True, slots=True)
class Split:
    """A history's lines: those said in the period, the others, and the damaged lines' numbers."""

    chosen: list[bytes]
    kept: list[bytes]
    damaged_lines: list[int]

    @property
    def damaged(self) -> int:
        """How many lines are not history records (kept, never exported or deleted)."""
        return len(self.damaged_lines)

    def damaged_words(self, path: Path) -> str:
        """Where the damaged lines are: ``PATH, line 3, 7`` (the first 20, then how many more)."""
        shown = ", ".join(str(n) for n in self.damaged_lines[:20])
        more = len(self.damaged_lines) - 20
        return f"{path}, line {shown}" + (f" and {more} more" if more > 0 else "")


def split(raw: bytes, period: Period) -> Split:
    """Lines in ``period`` and the rest, in file order (each line keeps its newline)."""
    chosen: list[bytes] = []
    kept: list[bytes] = []
    damaged: list[int] = []
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        record = parse_line(line) if line.strip() else None
        statement = statement_of(number, record) if record is not None else None
        if statement is None:
            if line.strip():
                damaged.append(number)
            kept.append(line)
        elif period.holds(statement.when):
            chosen.append(line if line.endswith(b"\n") else line + b"\n")
        else:
            kept.append(line)
    return Split(chosen, kept, damaged)


@dataclass(frozen=True, slots=True)
class Done:
    """What happened, in words for the carer, and whether it worked."""

    ok: bool
    words: str


def write_private(out: Path, data: bytes, replace: bool = False) -> str | None:
    """Write ``out`` privately (0600) and atomically; why not, in plain words (None: written)."""
    if out.is_dir():  # before 'already exists': --replace would not help
        return f"{out} is a folder: give a file name"
    if out.exists() and not replace:
        return f"{out} already exists: choose another file name, or add --replace"
    try:
        atomic_write(out, data)
        os.chmod(out, 0o600)
    except OSError as exc:
        return f"the file could not be written: {why_not_written(exc, out)}"
    return None


def stamp(now: datetime) -> str:
    """When a paper was made, in words: ``Monday 7 December 2026 at 14:05``."""
    return f"{now:%A} {now.day} {now:%B %Y} at {now:%H:%M}"


def report_to(history: Path, out: Path, period: Period, name: str, now: datetime) -> Done:
    """The care team's report of ``period`` from ``history``, written to the file ``out``."""
    from commboard.care_record.care_report import build_report, render  # jinja2: when used

    read = read_history(history)
    if read.problems and not read.found:
        return Done(False, read.problems[0])
    report = build_report(read, period, name)
    problem = write_private(out, render(report, stamp(now)).encode("utf-8"))
    if problem is not None:
        return Done(False, f"Report not written: {problem}")
    damaged = f"; {counted(len(read.problems), 'damaged line')} skipped" if read.problems else ""
    return Done(True, f"{out}: {report_summary(report.count, len(report.marked))}{damaged}")


def export_to(history: Path, out: Path, period: Period) -> Done:
    """The history lines said in ``period``, as they are (JSON lines), to a new private file."""
    try:
        parts = split(history.read_bytes(), period)
    except OSError as exc:
        return Done(False, f"The history cannot be read ({exc.strerror}): nothing was exported.")
    problem = write_private(out, b"".join(parts.chosen))
    if problem is not None:
        return Done(False, f"Nothing was exported: {problem}")
    damaged = (
        f"; {counted(parts.damaged, 'damaged line')} left out ({parts.damaged_words(history)})"
        if parts.damaged
        else ""
    )
    said = counted(len(parts.chosen), "statement")
    return Done(True, f"{out}: {said} said {period.words()}{damaged}")


def out_file(folder: Path, what: str, name: str, now: datetime, suffix: str) -> Path:
    """A new file in ``folder`` named for the patient, what it is and when it was made."""
    return (
        Path(os.path.expanduser(folder)) / f"commboard-{what}-{name}-{now:%Y-%m-%d-%H%M%S}{suffix}"
    )


def remove_period(path: Path, period: Period, described: str | None = None) -> Done:
    """Rewrite ``path`` without the lines said in ``period``; re-read if the board wrote meanwhile.

    ``described``: the period in words for the message (default ``period.words()``).
    """
    for _ in range(ATTEMPTS):
        try:
            # The board's history writes wait while the file is rewritten (``rewriting``),
            # then go to the new file: a statement said meanwhile is not lost with the old one.
            with rewriting(path):
                before = os.stat(path)
                parts = split(path.read_bytes(), period)
                if os.stat(path).st_size != before.st_size:
                    continue  # the board wrote meanwhile (no locks on this system): read again
                atomic_write(path, b"".join(parts.kept))
                os.chmod(path, 0o600)
        except OSError as exc:
            return Done(False, f"{why_not_written(exc, path)}; nothing was deleted")
        damaged = (
            f"; {counted(parts.damaged, 'damaged line')} left untouched "
            f"({parts.damaged_words(path)})"
            if parts.damaged
            else ""
        )
        said = described or period.words()
        gone = counted(len(parts.chosen), "statement")
        return Done(True, f"Deleted {gone} said {said}{damaged}")
    return Done(
        False,
        "the history kept changing (is the board writing to it?); nothing was deleted - "
        "try again when the board is closed",
    )
