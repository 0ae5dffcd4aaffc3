"""The carer's *What was said* screen, as data: 24 hours at a time, decisions first.

A nurse must read it in ten seconds with no computer skills: large text,
newest first, each line with its day and time, the patient's decisions and
preferences first and highlighted.  Page 0 is the last 24 hours; each page
back is the 24 hours before that.  The patient's screen never shows it: the
carer opens it from the carer menu (the shell paints this view,
``shell/screens/said``).

Pure: the statements (``care_record.statements``) and the calendar ``now``
are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from commboard.care_record.statements import Statement

WINDOW = timedelta(hours=24)
ROWS_SHOWN = 7  # lines on one screen at the text size a nurse reads from the bedside
NOTHING = "Nothing was said in these 24 hours."
NO_HISTORY = "Nothing is saved in this run (demo or test): there is no history to show."
HINT = "O: older day  \u00b7  N: newer day  \u00b7  Up, Down: scroll  \u00b7  Escape: back"


@dataclass(frozen=True, slots=True)
class SaidRow:
    """One line: when, what, and its mark (``DECISION, confirmed``...)."""

    when: str
    text: str
    mark: str | None
    highlight: bool  # a decision or preference: drawn on the highlight colour, first
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class SaidView:
    """The screen as shown."""

    title: str
    rows: tuple[SaidRow, ...]  # the lines on screen now (after scrolling)
    more_above: int  # lines scrolled past
    more_below: int  # lines below the screen
    empty: str | None  # the words shown instead of rows
    problem: str | None  # damaged history lines, in words
    hint: str
    older: bool  # an older page exists (something was said before this window)
    newer: bool
    scroll_down: bool = False  # Down shows more: lines below, or a long line not yet whole
    tail: tuple[SaidRow, ...] = ()  # the last lines of the window (how many fit at the end)


def _when(when: datetime, now: datetime) -> str:
    day = "Today" if when.date() == now.date() else f"{when:%a} {when.day} {when:%b}"
    return f"{day} {when:%H:%M}"


def _mark(s: Statement) -> str | None:
    if s.record is None:
        return None
    words = s.record.upper()
    if s.record == "decision":
        words += ", confirmed" if s.confirmed else ", not confirmed"
    return words + (", withdrawn" if s.withdrawn else "")


def _row(s: Statement, now: datetime) -> SaidRow:
    return SaidRow(
        _when(s.when, now), s.text, _mark(s), s.record is not None, s.withdrawn is not None
    )


def window(now: datetime, days_back: int) -> tuple[datetime, datetime]:
    """The 24 hours page ``days_back`` shows: ``(start, end]``."""
    end = now - WINDOW * days_back
    return end - WINDOW, end


def said_view(
    statements: tuple[Statement, ...] | None,
    now: datetime,
    days_back: int = 0,
    scrolled: int = 0,
    problems: int = 0,
    room: int = ROWS_SHOWN,
) -> SaidView:
    """The view of page ``days_back`` (0: the last 24 hours), scrolled down ``scrolled`` lines.

    ``statements`` None: this run keeps no history (a demo or a test run).
    ``room``: how many of the window's last lines the screen shows at once
    (fewer than ``ROWS_SHOWN`` when a long one takes the height of several):
    scrolling goes on until they are all on screen.
    """
    start, end = window(now, days_back)
    if days_back == 0:
        title = "What was said - the last 24 hours"
    else:
        title = f"What was said - {_when(start, now)} to {_when(end, now)}"
    problem = f"{problems} damaged lines in the history were skipped." if problems else None
    if statements is None:
        return SaidView(title, (), 0, 0, NO_HISTORY, None, HINT, False, days_back > 0)
    shown = [s for s in statements if start < s.when <= end]
    newest = sorted(shown, key=lambda s: (s.when, s.line), reverse=True)
    lines = [s for s in newest if s.record is not None] + [s for s in newest if s.record is None]
    rows = tuple(_row(s, now) for s in lines)
    last_top = max(0, len(rows) - max(1, min(room, ROWS_SHOWN)))
    top = max(0, min(scrolled, last_top))
    return SaidView(
        title=title,
        rows=rows[top : top + ROWS_SHOWN],
        more_above=top,
        more_below=max(0, len(rows) - top - ROWS_SHOWN),
        empty=None if rows else NOTHING,
        problem=problem,
        hint=HINT,
        older=any(s.when <= start for s in statements),
        newer=days_back > 0,
        scroll_down=top < last_top,
        tail=rows[-ROWS_SHOWN:],
    )
