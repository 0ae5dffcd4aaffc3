"""``commboard report``: the care team's page of what the patient said, written to a file.

Reads one history (``--history FILE``, or the profile's own), keeps the days
asked for (``--from``/``--to``, ``YYYY-MM-DD``, both included) and writes one
self-contained HTML page (``--out``), private (0600) and written atomically.
A date that does not parse, a history that cannot be read or an output that
cannot be written gives one plain sentence on standard error and exit status
2; damaged history lines are listed in the report itself.  An output file
that exists already is left alone unless ``--replace`` is given (a report
is a document someone may have annotated or signed).
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import datetime
from pathlib import Path

from commboard.care_record.statements import DateError, period_of, read_history
from commboard.counts import counted, report_summary
from commboard.history import default_path
from commboard.line_file import why_not_written
from commboard.regular_file import same_file
from commboard.settings.known_profiles import profile_exists, unknown_profile_hint
from commboard.settings.profiles import (
    ProfileNameError,
    atomic_write,
    check_profile_name,
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``report`` takes (``cli`` declares them so ``--help`` lists them)."""
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--profile", default="default", metavar="NAME",
                        help="the patient whose history to report (default: default)")  # fmt: skip
    source.add_argument("--history", metavar="FILE", help="a history file to report instead")
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (included)")
    parser.add_argument("--out", required=True, metavar="FILE.html", help="where to write it")
    parser.add_argument("--name", metavar="NAME",
                        help="the patient's name as it should be printed (default: the profile; "
                        "with --history, 'the patient')")  # fmt: skip
    parser.add_argument("--replace", action="store_true", help="replace an existing --out file")


def history_of(args: argparse.Namespace) -> Path:
    """The history file the command reads (``ProfileNameError`` for a bad profile name)."""
    if args.history:
        return Path(os.path.expanduser(args.history))
    return default_path(check_profile_name(args.profile))


def unknown_profile(args: argparse.Namespace) -> str | None:
    """Why ``--profile`` names no patient (a typing slip), or None.

    A profile with neither settings nor a folder of records is no patient of
    this machine: its report would read "Nothing was said", a record that the
    patient said nothing.  A patient whose history is not there yet (settings
    saved, nothing said) still gets a report that says so.
    """
    if args.history or profile_exists(args.profile):
        return None
    hint = unknown_profile_hint(args.profile)
    return f"there is no patient profile {args.profile!r}{hint}; check the name"


def write_refusal(out: Path, made_from: tuple[str, Path] | None) -> str | None:
    """Why ``out`` may never be written, even with ``--replace`` (None: it may)."""
    if made_from is not None and same_file(out, made_from[1]):
        return f"{out} is {made_from[0]} it is made from: choose another file name"
    return None


def write_page(
    out: Path,
    html: str,
    replace: bool,
    made_from: tuple[str, Path] | None = None,
    what: str = "report",
) -> str | None:
    """Write the page privately and atomically; why not, in plain words (None: written).

    ``made_from`` (its name in words, its path) is the record the page is
    made from: ``out`` naming it is refused even with ``--replace``, which
    replaced a patient's whole history with one report or one week's export.
    ``what``: the paper's name in the words (``report``, ``export``).
    """
    refused = write_refusal(out, made_from)
    if refused is not None:
        return refused
    if out.is_dir():  # before 'already exists': --replace would not help
        ending = " ending in .html" if what == "report" else ""
        return f"{out} is a folder: give a file name{ending}"
    if out.exists() and not replace:
        return f"{out} already exists: choose another file name, or add --replace"
    try:
        atomic_write(out, html.encode("utf-8"))
        os.chmod(out, 0o600)
    except OSError as exc:
        return f"the {what} could not be written: {why_not_written(exc, out)}"
    return None


def report_command(args: argparse.Namespace, now: datetime) -> int:
    """Run ``commboard report``; ``now`` (local time) is printed as when it was written."""
    try:
        period = period_of(args.first, args.last)
        path = history_of(args)
    except (DateError, ProfileNameError) as exc:
        print(f"commboard report: {exc}", file=sys.stderr)
        return 2
    from commboard.care_record.care_report import build_report, render  # jinja2: when used

    unknown = unknown_profile(args)
    if unknown is not None:
        print(f"commboard report: {unknown}", file=sys.stderr)
        return 2
    read = read_history(path)
    if read.problems and not read.found:
        print(f"commboard report: {read.problems[0]}", file=sys.stderr)
        return 2
    # A file given by its path names no one (every profile's is history.jsonl).
    name = args.name or (args.profile if not args.history else "the patient")
    report = build_report(read, period, name)
    html = render(report, f"{now:%A} {now.day} {now:%B %Y} at {now:%H:%M}")
    made_from = ("the history file", path)
    problem = write_page(Path(os.path.expanduser(args.out)), html, args.replace, made_from)
    if problem is not None:
        print(f"commboard report: {problem}", file=sys.stderr)
        return 2
    damaged = f"; {counted(len(read.problems), 'damaged line')} skipped" if read.problems else ""
    if not read.found:
        damaged += f"; no history file at {path} yet"
    print(f"{args.out}: {report_summary(report.count, len(report.marked))}{damaged}")
    return 0
