"""Carer menu > Papers for the care team: the report, an export, and deleting old history.

The carer never needs a terminal: the care team's report of the last 7 or 30
days (or all of it) is written into the documents folder (``Documents/
commboard``), or into a folder the carer types; the last 30 days can be
exported as a private file; what was said more than 30 days ago can be
deleted after a second, explicit "yes" that says how many statements go.
Each choice goes back to the board and says there what was written where
(or why not).  The work itself is ``care_record.record_files``, shared with
``commboard report`` and ``commboard history``; it reads (and a deletion
rewrites) the whole history, most of a second at 60,000 statements, so it is
done off the frame loop (``Work``): the board scans on under a banner saying
what is being written or deleted.
"""

from __future__ import annotations

import contextlib
import os
from datetime import date, timedelta
from pathlib import Path

import platformdirs

from commboard.care_record.record_files import (
    export_to,
    out_file,
    remove_period,
    report_to,
    split,
)
from commboard.care_record.statements import Period, day_words
from commboard.counts import counted
from commboard.private_folder import make_private_folder
from commboard.shell.screens.base import (
    Close,
    MenuEntry,
    Open,
    Outcome,
    ShellContext,
    Tell,
    Work,
)
from commboard.shell.screens.carer_menu.button_screen import ButtonScreen, TypedEntry

KEPT_DAYS = 30  # "delete what was said more than this many days ago"
NO_HISTORY = "This run keeps no history (a demo or a test): there is nothing to write."


def papers_folder() -> Path:
    """Where papers go unless the carer types another folder: ``Documents/commboard``.

    Created (private, 0700) when it is not there yet; a folder the carer
    types must exist already (a typing slip should not make folders).
    """
    folder = Path(platformdirs.user_documents_dir()) / "commboard"
    with contextlib.suppress(OSError):  # if it cannot be made, the write says why
        make_private_folder(folder)
    return folder


def last_days(today: date, days: int | None) -> Period:
    """The last ``days`` days up to today (None: all of the history)."""
    return Period() if days is None else Period(today - timedelta(days=days - 1), today)


class CarePapers(ButtonScreen):
    """The report, the export and the deletion, one letter each."""

    def __init__(self, ctx: ShellContext) -> None:
        entries = [
            MenuEntry("1", "Report of the last 7 days", lambda c: report(c, 7)),
            MenuEntry("2", "Report of the last 30 days", lambda c: report(c, 30)),
            MenuEntry("3", "Report of everything said", lambda c: report(c, None)),
            MenuEntry("f", "Report to another folder...", lambda c: Open(FolderEntry(c))),
            MenuEntry("x", "Export the last 30 days (private file)", export),
            MenuEntry("d", f"Delete what was said over {KEPT_DAYS} days ago...", ask_delete),
            MenuEntry("b", "Back", lambda c: Close()),
        ]
        folder = papers_folder()
        super().__init__(ctx, f"Papers for the care team - written to {folder}", entries)


def report(ctx: ShellContext, days: int | None, folder: Path | None = None) -> Outcome:
    """Write the care team's report of the last ``days`` days; back to the board, saying where."""
    history = ctx.history_path
    if history is None:
        return Tell(NO_HISTORY)
    now, name = ctx.calendar(), ctx.profile
    out = out_file(folder or papers_folder(), "report", name, now, ".html")
    period = last_days(now.date(), days)
    return Work(
        f"Writing the report to {out}",
        lambda: Tell(report_to(history, out, period, name, now).words),
        out,
    )


def export(ctx: ShellContext) -> Outcome:
    """The last 30 days of the history, as it is (JSON lines), to a new private file."""
    history = ctx.history_path
    if history is None:
        return Tell(NO_HISTORY)
    now = ctx.calendar()
    out = out_file(papers_folder(), "history", ctx.profile, now, ".jsonl")
    period = last_days(now.date(), KEPT_DAYS)
    return Work(
        f"Exporting the last {KEPT_DAYS} days to {out}",
        lambda: Tell(export_to(history, out, period).words),
        out,
    )


def old_period(today: date) -> tuple[Period, str]:
    """Everything said more than ``KEPT_DAYS`` days ago, and that in words."""
    last = today - timedelta(days=KEPT_DAYS)
    return Period(None, last), f"more than {KEPT_DAYS} days ago (up to {day_words(last)})"


def ask_delete(ctx: ShellContext) -> Outcome:
    """Count the statements that would go (off the frame loop), then ask for an explicit yes."""
    history = ctx.history_path
    if history is None:
        return Tell(NO_HISTORY)
    period, words = old_period(ctx.calendar().date())
    return Work(
        f"Counting what was said {words}",
        lambda: count_then_ask(ctx, history, period, words),
        history,
        stay=True,  # the question opens over this menu, as "No" goes back to it
    )


def count_then_ask(ctx: ShellContext, history: Path, period: Period, words: str) -> Outcome:
    """How many statements would go (on the worker: it reads the whole history), as a question."""
    try:
        count = len(split(history.read_bytes(), period).chosen)
    except OSError as exc:
        return Tell(f"The history cannot be read ({exc.strerror}): nothing was deleted.")
    if not count:
        return Tell(f"Nothing was said more than {KEPT_DAYS} days ago: nothing to delete.")
    return Open(DeleteConfirm(ctx, history, period, words, count))


class DeleteConfirm(ButtonScreen):
    """The second, explicit step of deleting: it names how many statements go."""

    def __init__(
        self, ctx: ShellContext, history: Path, period: Period, words: str, count: int
    ) -> None:
        entries = [
            MenuEntry(
                "y",
                "Yes, delete this statement"
                if count == 1
                else f"Yes, delete these {count} statements",
                lambda c: self.delete(),
            ),
            MenuEntry("n", "No, keep it" if count == 1 else "No, keep them", lambda c: Close()),
        ]
        title = f"Delete {counted(count, 'statement')} said {words}? This cannot be undone."
        super().__init__(ctx, title, entries)
        self.history, self.period, self.words, self.count = history, period, words, count

    def delete(self) -> Outcome:
        """Rewrite the history without that period (atomically, off the frame loop); say what
        happened.  What the patient says meanwhile waits for the rewrite and goes into the new
        file, in order (``line_file.rewriting``)."""
        history, period, words = self.history, self.period, self.words
        return Work(
            f"Deleting {counted(self.count, 'statement')} said {words}",
            lambda: Tell(remove_period(history, period, words).words),
            history,
        )


class FolderEntry(TypedEntry):
    """Type the folder the report (of everything said) goes to; Enter writes it."""

    def __init__(self, ctx: ShellContext) -> None:
        super().__init__(
            ctx,
            "Type the folder for the report, then press Enter",
            lambda typed: report(ctx, None, Path(os.path.expanduser(typed))),
        )


def open_papers(ctx: ShellContext) -> Outcome:
    """The carer menu's entry."""
    return Open(CarePapers(ctx))
