"""``commboard history export|delete``: take a period out of the history, after a confirmation.

* ``export --out FILE``: the history lines said in the period, as they are
  (JSON lines), to a new private file (0600); the history is not changed.
* ``delete``: the history is rewritten without the lines said in the period,
  atomically (a temporary file, fsync'd, then renamed over it: a crash
  leaves the old history or the new, never half).  Both ``--from`` and
  ``--to`` are required, so a slip never empties the whole record.

Only lines that are history records dated in the period are taken; a
damaged line (its date cannot be read) is never deleted or exported, and is
counted.  Both ask "Type yes" on the terminal first (``--yes`` answers for
scripts).  If the board writes a line while ``delete`` works, the file is
read again rather than losing it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from commboard.care_record.record_files import Split, remove_period, split
from commboard.care_record.report_command import history_of, write_page, write_refusal
from commboard.care_record.statements import DateError, Period, period_of
from commboard.counts import counted
from commboard.settings.profiles import ProfileNameError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options ``history`` takes."""
    parser.add_argument("action", choices=["export", "delete"])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--profile", default="default", metavar="NAME")
    source.add_argument("--history", metavar="FILE", help="a history file instead")
    parser.add_argument("--from", dest="first", metavar="YYYY-MM-DD", help="first day")
    parser.add_argument("--to", dest="last", metavar="YYYY-MM-DD", help="last day (included)")
    parser.add_argument("--out", metavar="FILE", help="export: the file to write")
    parser.add_argument("--replace", action="store_true", help="export: replace --out")
    parser.add_argument("--yes", action="store_true", help="do not ask for a confirmation")


def _ask(question: str, yes: bool, answer: Callable[[str], str]) -> bool:
    if yes:
        return True
    try:
        return answer(f"{question} Type yes to go on: ").strip().lower() == "yes"
    except EOFError:
        return False


def history_command(
    args: argparse.Namespace, answer: Callable[[str], str] = input
) -> int:  # fmt: skip
    """Run ``commboard history export|delete``; ``answer`` asks the person at the terminal."""
    try:
        period = period_of(args.first, args.last)
        path = history_of(args)
    except (DateError, ProfileNameError) as exc:
        print(f"commboard history: {exc}", file=sys.stderr)
        return 2
    if args.action == "delete" and (period.first is None or period.last is None):
        print("commboard history: delete needs both --from and --to", file=sys.stderr)
        return 2
    if args.action == "export" and not args.out:
        print("commboard history: export needs --out FILE", file=sys.stderr)
        return 2
    try:
        raw = path.read_bytes()
    except OSError as exc:
        print(f"commboard history: cannot read {path} ({exc.strerror})", file=sys.stderr)
        return 2
    if args.action == "export":
        return _export(raw, period, args, answer, path)
    return _delete(path, raw, period, args.yes, answer)


def _export(
    raw: bytes, period: Period, args: argparse.Namespace, answer: Callable[[str], str], path: Path
) -> int:
    parts = split(raw, period)
    out = Path(os.path.expanduser(args.out))
    made_from = ("the history file", path)
    refused = write_refusal(out, made_from)
    if refused is not None:  # said before asking: the answer could not change it
        print(f"commboard history: {refused}", file=sys.stderr)
        return 2
    question = (f"Export {counted(len(parts.chosen), 'statement')} said {period.words()} to {out}? "
                "It holds the patient's words: keep it private.")  # fmt: skip
    if not _ask(question, args.yes, answer):
        print("Nothing was exported.")
        return 1
    data = b"".join(parts.chosen).decode("utf-8")
    problem = write_page(out, data, args.replace, made_from, what="export")
    if problem is not None:
        print(f"commboard history: {problem}", file=sys.stderr)
        return 2
    print(f"{out}: {counted(len(parts.chosen), 'statement')}" + _damaged(parts, path))
    return 0


def _damaged(parts: Split, path: Path) -> str:
    if not parts.damaged:
        return ""
    return f"; {counted(parts.damaged, 'damaged line')} left out ({parts.damaged_words(path)})"


def _delete(path: Path, raw: bytes, period: Period, yes: bool, answer: Callable[[str], str]) -> int:
    parts = split(raw, period)
    if not parts.chosen:
        print(f"Nothing was said {period.words()}: nothing to delete.")
        return 0
    gone = counted(len(parts.chosen), "statement")
    question = (f"Delete {gone} said {period.words()} from {path}? "
                "This cannot be undone.")  # fmt: skip
    if not _ask(question, yes, answer):
        print("Nothing was deleted.")
        return 1
    done = remove_period(path, period)
    if not done.ok:
        print(f"commboard history: {done.words}", file=sys.stderr)
        return 2
    print(done.words)
    return 0
