"""The care team's report: one printable page of what the patient said, decisions first.

Built from the history (``statements``) and rendered with jinja2 with
autoescaping on: every word in it was typed by the patient or a carer, so a
spelled ``<script>`` prints as text.  The page is self-contained (inline
styles, no scripts, no fonts or pictures fetched from anywhere) and prints on
A4.  Times are in the machine's local time zone, each with its date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import groupby

import jinja2

from commboard.care_record.statements import (
    HistoryRead,
    Period,
    Statement,
    day_words,
    in_period,
    time_words,
)

NOTHING_SAID = "Nothing was said in this period."
_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("commboard.care_record", "templates"),
    autoescape=True,  # patient text is untrusted: always escaped, whatever the file name
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["day"] = day_words
_ENV.filters["clock"] = time_words


@dataclass(frozen=True, slots=True)
class Day:
    """One day of the timeline."""

    day: date
    statements: tuple[Statement, ...]


@dataclass(frozen=True, slots=True)
class CareReport:
    """What the page shows (the template's only input)."""

    name: str
    period: str
    source: str
    marked: tuple[Statement, ...]  # decisions and preferences, in order
    days: tuple[Day, ...]
    count: int
    problems: tuple[str, ...]
    no_file: bool


def build_report(read: HistoryRead, period: Period, name: str) -> CareReport:
    """The report of ``period`` from one history file, for the patient called ``name``."""
    said = in_period(read.statements, period)
    days = tuple(
        Day(day, tuple(group)) for day, group in groupby(said, key=lambda s: s.when.date())
    )
    return CareReport(
        name=name,
        period=period.words(said),
        source=str(read.path),
        marked=tuple(s for s in said if s.record is not None),
        days=days,
        count=len(said),
        problems=read.problems,
        no_file=not read.found,
    )


def render(report: CareReport, made_at: str) -> str:
    """The report as one HTML page; ``made_at``: when it was written, in words."""
    template = _ENV.get_template("care_report.html.j2")
    return template.render(r=report, made_at=made_at, nothing=NOTHING_SAID)
