"""Files the board cannot write: one banner and one record when it starts, and when it ends.

The history keeps what the patient said for the care team; the event log
keeps how access went.  When either cannot be written (a full or read-only
disk, a missing folder) the board goes on, the writer keeps the unwritten
lines in memory and tries again (``shell/records``), and this module
decides what the carer sees and what is recorded: a banner the moment it
starts failing (for the history: "What you say is not being saved: ..."),
an ``error`` record, and when every kept line is written, the banner goes,
a ``writing_resumed`` record says how many lines waited, and a notice tells
the carer.  The writers report their state as a ``WriteStatus`` each frame;
nothing reads a log back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from commboard.effects import Banner, Effect, HideBanner, Log, Notice, ShowBanner


@dataclass(frozen=True, slots=True)
class WriteStatus:
    """A writer's state, as it reports it.

    Attributes:
        problem: why kept lines are not written (None: everything given is
            written, or being written).
        unsaved: lines given to the writer and not on disk yet.
        written_late: lines written after waiting for a failure to end, in
            total since the start.
        dropped: lines given up in total (the event log keeps a bounded number).
    """

    problem: str | None = None
    unsaved: int = 0
    written_late: int = 0
    dropped: int = 0


def history_words(status: WriteStatus) -> str:
    """The history's banner: said at once, with why and how much is kept."""
    kept = status.unsaved
    what = "statement is" if kept == 1 else "statements are"
    return (
        f"What you say is not being saved: {status.problem}. "
        f"{kept} {what} kept and will be saved when it works again."
    )


def quit_warning(status: WriteStatus | None) -> str:
    """What the quit question adds while the history keeps unsaved statements ('' if none).

    The banner promised they "will be saved when it works again"; quitting
    now leaves them out of the history (the board puts them in a file of
    their own if it can write one, ``run_files.rescue_statements``), and the
    carer must know before saying yes.
    """
    if status is None or status.problem is None or not status.unsaved:
        return ""
    n = status.unsaved
    what = "statement the patient made is" if n == 1 else "statements the patient made are"
    them = "it" if n == 1 else "them"
    return (
        f" {n} {what} not saved yet ({status.problem}): quitting now leaves {them} out of "
        f"the history (in a file of {'its' if n == 1 else 'their'} own, if one can be written)."
    )


def event_log_words(status: WriteStatus) -> str:
    """The event log's banner."""
    return (
        f"The event log is not being written: {status.problem}. "
        "Its lines are kept and written when it works again."
    )


class WriteWatch:
    """Turns one writer's successive states into banners, notices and records, once per change.

    Args:
        source: the file, in records (``history`` or ``event_log``).
        key: the banner's key.
        words: the banner's text for a failing state.
        saved_again: the notice when every kept line is written.
    """

    def __init__(
        self, source: str, key: str, words: Callable[[WriteStatus], str], saved_again: str
    ) -> None:
        self._source = source
        self._key = key
        self._words = words
        self._saved_again = saved_again
        self._problem: str | None = None
        self._shown = ""
        self._since = WriteStatus()  # the totals when this failure began

    def check(self, status: WriteStatus, now: float) -> list[Effect]:
        """The effects of the writer's state now (none while nothing changes)."""
        effects: list[Effect] = []
        if status.problem is not None:
            if status.problem != self._problem:  # it began, or failed another way
                if self._problem is None:
                    self._since = status
                fields: dict[str, Any] = {"source": self._source, "message": status.problem}
                effects.append(Log(now, "error", fields))
                self._problem = status.problem
            text = self._words(status)
            if text != self._shown:  # one banner, its count kept up to date
                effects.append(ShowBanner(now, Banner(self._key, text)))
                self._shown = text
        elif self._problem is not None and status.unsaved == 0:
            resumed: dict[str, Any] = {
                "source": self._source,
                "kept": status.written_late - self._since.written_late,
                "dropped": status.dropped - self._since.dropped,
            }
            effects += [
                HideBanner(now, self._key),
                Log(now, "writing_resumed", resumed),
                Notice(now, self._saved_again),
            ]
            self._problem, self._shown = None, ""
        return effects


def history_watch() -> WriteWatch:
    """The watch over the history file."""
    return WriteWatch(
        "history", "history-save", history_words, "What you say is being saved again."
    )


def event_log_watch() -> WriteWatch:
    """The watch over the event log."""
    return WriteWatch(
        "event_log", "event-log", event_log_words, "The event log is being written again."
    )
