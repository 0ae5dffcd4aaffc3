"""``commboard access-report``: the therapist's page of access figures, charts and suggestions.

Reads a patient's access log (``--access-log FILE``, or the profile's own
with its rotated files, oldest first), keeps ``--from``/``--to`` if given,
and writes one self-contained HTML page (charts embedded as PNG data),
private (0600), atomically; an existing file is replaced only with
``--replace``.  Problems are one sentence on standard error (exit status 2);
damaged lines are listed in the page.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from commboard.access.access_stats import AccessFigures, figures_from, read_files
from commboard.access.suggestions import suggestions
from commboard.care_record.report_command import write_page
from commboard.care_record.statements import DateError, Period, period_of
from commboard.counts import counted
from commboard.history import profile_folder
from commboard.settings.profiles import ProfileNameError, check_profile_name

ROTATED_KEEP = 7  # access.jsonl.1 .. .7 (shell/records/access_log.KEEP)


def _render(page: AccessPage, made_at: str) -> str:
    """The page as HTML (jinja2 with autoescaping: names and paths are untrusted text)."""
    import jinja2  # only when a report is written: the command line starts without it

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("commboard.access", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    return env.get_template("access_report.html.j2").render(r=page, made_at=made_at)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``access-report`` takes."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--profile", default="default", metavar="NAME",
                        help="the patient whose access log to read (default: default)")  # fmt: skip
    source.add_argument("--access-log", metavar="FILE", help="an access log to read instead")
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (included)")
    parser.add_argument("--out", required=True, metavar="FILE.html", help="where to write it")
    parser.add_argument(
        "--name",
        metavar="NAME",
        help="the name printed (default: the profile; with --access-log, 'the patient')",
    )
    parser.add_argument("--replace", action="store_true", help="replace an existing --out file")


def log_files(path: Path) -> list[Path]:
    """The access log and its rotated files that exist, oldest first."""
    older = [path.with_name(f"{path.name}.{n}") for n in range(ROTATED_KEEP, 0, -1)]
    return [p for p in (*older, path) if p.exists()]


@dataclass(frozen=True, slots=True)
class AccessPage:
    """What the page shows (the template's input)."""

    name: str
    period: str
    source: str
    board_h: str
    active_h: str
    any: bool
    problems: list[str]
    suggestions: list[str]
    totals: list[tuple[str, str]]
    settings: list[tuple[str, dict[str, str]]]
    charts: dict[str, str]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


def _num(value: float | None, digits: int = 2) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def totals(figures: AccessFigures) -> list[tuple[str, str]]:
    """The figures table: label, value in words."""
    total = figures.total()
    spont, sel = figures.spontaneous_s, figures.selecting_s
    return [
        ("Selections (by the patient)", str(total.selections)),
        ("Selections per minute of scanning", _num(total.per_minute)),
        ("Scan steps per selection", _num(total.steps_per_selection, 1)),
        ("Undo rate", f"{_pct(total.undo_rate)} ({counted(total.undos, 'undo')})"),
        (
            "Too-short presses",
            f"{_pct(total.too_short_rate)} ({total.too_short} of {total.presses})",
        ),  # fmt: skip
        (
            "Spontaneous blinks: count, longest",
            f"{len(spont)}, {max(spont):.2f} s" if spont else "0",
        ),  # fmt: skip
        ("Selecting blinks: count, shortest", f"{len(sel)}, {min(sel):.2f} s" if sel else "0"),
        ("Blink hold in force", f"{figures.hold_s:g} s" if figures.hold_s is not None else "-"),
        ("Face not seen", f"{sum(figures.face_lost_min.values()):.1f} min"),
    ]


def page_of(figures: AccessFigures, name: str, period: Period, source: str) -> AccessPage:
    """The page's content from the figures."""
    shown_period = period.words()
    if figures.first and figures.last and (period.first is None or period.last is None):
        shown_period = Period(period.first or figures.first.date(),
                              period.last or figures.last.date()).words()  # fmt: skip
    any_records = figures.first is not None
    from commboard.access import access_charts  # matplotlib: only when a page is drawn

    charts = (
        {
            "day": access_charts.by_day_chart(figures),
            "hour": access_charts.by_hour_chart(figures),
            "blink": access_charts.blink_chart(figures),
            "face": access_charts.face_chart(figures),
        }
        if any_records
        else {}
    )
    settings = [
        (f"{at:%d %b %Y %H:%M}", {k: str(s.get(k, "-")) for k in
                                  ("interval_s", "pattern", "mode", "acceptance_s", "blink_hold_s")})
        for at, s in _changes(figures)
    ]  # fmt: skip
    return AccessPage(
        name=name,
        period=shown_period,
        source=source,
        board_h=f"{figures.board_min / 60:.1f}",
        active_h=f"{figures.total().active_min / 60:.1f}",
        any=any_records,
        problems=figures.problems,
        suggestions=suggestions(figures),
        totals=totals(figures),
        settings=settings,
        charts=charts,
    )


def _changes(figures: AccessFigures) -> list[tuple[datetime, dict[str, object]]]:
    """The settings records where something changed (a run that starts with the same: left out)."""
    out: list[tuple[datetime, dict[str, object]]] = []
    for at, fields in figures.settings:
        if not out or out[-1][1] != fields:
            out.append((at, fields))
    return out


def access_command(args: argparse.Namespace, now: datetime) -> int:
    """Run ``commboard access-report``."""
    try:
        period = period_of(args.first, args.last)
        path = (Path(os.path.expanduser(args.access_log)) if args.access_log
                else profile_folder(check_profile_name(args.profile)) / "access.jsonl")  # fmt: skip
    except (DateError, ProfileNameError) as exc:
        print(f"commboard access-report: {exc}", file=sys.stderr)
        return 2
    files = log_files(path)
    if not files:
        print(f"commboard access-report: there is no access log at {path}", file=sys.stderr)
        return 2
    contents, problems = read_files(files)
    figures = figures_from(contents, period)
    figures.problems[:0] = problems
    # A log given by its path names no one (every profile's is access.jsonl).
    name = args.name or (args.profile if not args.access_log else "the patient")
    page = page_of(figures, name, period, str(path))
    html = _render(page, f"{now:%d %B %Y %H:%M}")
    made_from = ("the access log", path)
    problem = write_page(Path(os.path.expanduser(args.out)), html, args.replace, made_from)
    if problem is not None:
        print(f"commboard access-report: {problem}", file=sys.stderr)
        return 2
    print(f"{args.out}: {counted(figures.total().selections, 'selection')}, "
          f"{counted(len(page.suggestions), 'suggestion')}")  # fmt: skip
    return 0
