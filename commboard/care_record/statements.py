"""History lines read back as statements: what was said, when (local time), how, and marks.

The history (``commboard.history``) is written one JSON line per utterance.
Here it is read for people: each line becomes a :class:`Statement` in the
machine's local time zone; a line that is not a history record is skipped
and reported with its line number (never fatal, the file is left as it is);
a ``withdrawn`` line (the patient undid it straight away) marks the statement
it withdraws rather than being a statement itself.
"""

from __future__ import annotations

import stat
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from commboard.history import parse_line


@dataclass(frozen=True, slots=True)
class Statement:
    """One thing the patient said.

    Attributes:
        line: its line number in the history file (1-based).
        when: when it was said, in the machine's local time zone.
        text: the words.
        page: the board page it was said on.
        source: what selected it (keyboard, blink, mouse...).
        how: ``phrase`` (a cell's own words) or ``spelled`` (built letter by letter).
        record: ``decision``, ``preference`` or None.
        confirmed: the patient answered Yes to "Is that right?".
        withdrawn: when the patient undid it straight after saying it (None: not undone).
    """

    line: int
    when: datetime
    text: str
    page: str
    source: str
    how: str
    record: str | None
    confirmed: bool
    withdrawn: datetime | None = None


@dataclass(frozen=True, slots=True)
class HistoryRead:
    """Everything read from one history file: statements in file order, and problems."""

    path: Path
    statements: tuple[Statement, ...]
    problems: tuple[str, ...]
    found: bool  # False: there is no history file (yet)


def _sound(text: object) -> str:
    """``text`` with any lone surrogate (a ``\\ud800`` escape: valid JSON, not UTF-8) as U+FFFD.

    Such a string cannot be written to a report or drawn on a screen; the
    rest of the words are kept.
    """
    return str(text).encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def statement_of(number: int, record: dict[str, object]) -> Statement | None:
    """The statement a parsed history record holds (None: its time cannot be read)."""
    try:
        # local time; a naive time is taken as local already.  OverflowError: a time
        # at the edge of the calendar (year 1 or 9999) that local time cannot hold
        when = datetime.fromisoformat(str(record["time"])).astimezone()
    except (ValueError, OverflowError):
        return None
    cell = record.get("cell")
    how = record.get("how")
    if how not in ("phrase", "spelled"):
        how = "phrase" if isinstance(cell, int) and not isinstance(cell, bool) else "spelled"
    mark = record.get("record")
    return Statement(
        line=number,
        when=when,
        text=_sound(record["text"]),
        page=_sound(record["page"]),
        source=_sound(record.get("source") or ""),
        how=str(how),
        record=str(mark) if mark in ("decision", "preference") else None,
        confirmed=record.get("confirmed") is True,
    )


def parse_history(raw: bytes, path: Path) -> HistoryRead:
    """Statements and problems from a history file's bytes (``path`` only names it)."""
    statements: list[Statement] = []
    problems: list[str] = []
    for number, line in enumerate(raw.splitlines(), start=1):
        if not line.strip():
            continue
        record = parse_line(line)
        statement = statement_of(number, record) if record is not None else None
        if record is None or statement is None:
            problems.append(f"line {number}: not a history record; skipped")
            continue
        if record.get("withdrawn") is True:
            _withdraw(statements, statement)
            continue
        statements.append(statement)
    return HistoryRead(path, tuple(statements), tuple(problems), True)


def _withdraw(statements: list[Statement], undo: Statement) -> None:
    """Mark the latest statement with the same words and page as withdrawn at ``undo.when``."""
    for index in range(len(statements) - 1, -1, -1):
        said = statements[index]
        if said.text == undo.text and said.page == undo.page and said.withdrawn is None:
            statements[index] = replace(said, withdrawn=undo.when)
            return


def read_history(path: Path) -> HistoryRead:
    """Read a history file; a missing file is an empty history, an unreadable one a problem."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return HistoryRead(path, (), (f"{path} is not a file",), False)
        raw = path.read_bytes()
    except FileNotFoundError:
        return HistoryRead(path, (), (), False)
    except OSError as exc:
        return HistoryRead(path, (), (f"{path}: could not read it ({exc.strerror})",), False)
    return parse_history(raw, path)


@dataclass(frozen=True, slots=True)
class Period:
    """Days from ``first`` to ``last``, both included (None: open-ended)."""

    first: date | None = None
    last: date | None = None

    def holds(self, when: datetime) -> bool:
        """Whether a local time falls on one of these days."""
        return self.holds_day(when.date())

    def holds_day(self, day: date) -> bool:
        """Whether ``day`` is one of these days."""
        return (self.first is None or day >= self.first) and (self.last is None or day <= self.last)

    def words(self, statements: tuple[Statement, ...] = ()) -> str:
        """The period in words, e.g. ``1 March 2026 to 7 March 2026``.

        An end left open names the other one (``since 1 April 2026``): "all of
        the history" over a period that had an end made an empty report read
        as if the patient had never said anything.
        """
        first = self.first or (statements[0].when.date() if statements else None)
        last = self.last or (statements[-1].when.date() if statements else None)
        if first is None:
            return "all of the history" if last is None else f"up to {day_words(last)}"
        if last is None:
            return f"since {day_words(first)}"
        if first == last:
            return day_words(first)
        return f"{day_words(first)} to {day_words(last)}"


class DateError(ValueError):
    """A date that does not parse or a period that ends before it starts (plain words)."""


def parse_day(text: str, option: str) -> date:
    """``YYYY-MM-DD`` for ``option`` (``--from``), or ``DateError`` saying what was expected."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise DateError(
            f"{option} {text!r} is not a date: write it as YYYY-MM-DD, e.g. 2026-03-01"
        ) from None


def period_of(first: str | None, last: str | None) -> Period:
    """The period ``--from``/``--to`` ask for (``DateError`` when they do not parse or cross)."""
    period = Period(
        parse_day(first, "--from") if first else None, parse_day(last, "--to") if last else None
    )
    if period.first and period.last and period.last < period.first:
        raise DateError(f"--to {last} is before --from {first}")
    return period


def in_period(statements: tuple[Statement, ...], period: Period) -> tuple[Statement, ...]:
    """The statements said in ``period``, in the order they were said (file order breaks ties)."""
    chosen = [s for s in statements if period.holds(s.when)]
    return tuple(sorted(chosen, key=lambda s: (s.when, s.line)))


def day_words(day: date) -> str:
    """``Sunday 1 March 2026``: a date nobody misreads (no 03/01 ambiguity)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def time_words(when: datetime) -> str:
    """``14:03`` in local time."""
    return f"{when:%H:%M}"
