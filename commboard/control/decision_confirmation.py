"""Confirming a decision: "You said: I don't agree. Is that right?" before it goes on record.

A drowsy patient's stray selection must not become their recorded decision
(CLINICAL.md).  A cell marked ``record: decision`` (and any marked cell with
``confirm: yes``) is therefore not said at once: the board shows a page of
two large cells, **Yes** and **No**, titled with the question, says the
question aloud, and scans that page like any other.  Only Yes speaks the
statement and records it as a confirmed decision; No, or no answer within
``CONFIRM_TIMEOUT_S``, discards it and says so.  Selecting again inside the
undo window cancels the selection that asked, as for any cell.

Pure: the session (``board.session``) holds the :class:`PendingDecision`
and asks here what the page looks like and what each outcome does.
Event-log records (``confirm``): ``asked``, ``yes``, ``no``, ``timeout``,
``undone`` (docs/event-log.md).
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.board.model import Action, Cell, Page
from commboard.effects import Effect, Log, Notice, Speak
from commboard.events import Source

# Long enough for a slow switch user to reach Yes on a two-cell page (two or
# three scan steps at the slowest clinical interval), short enough that a
# question nobody answers does not hold the board.
CONFIRM_TIMEOUT_S = 20.0
# Not a valid layout page id (those are letters, digits, '_' and '-'), so it
# can never be mistaken for one of the layout's pages.
CONFIRM_PAGE_ID = "(confirm)"
YES_CELL = 0
NO_CELL = 1


@dataclass(frozen=True, slots=True)
class PendingDecision:
    """A marked statement waiting for the patient's Yes.

    Attributes:
        text: the words that will be said and recorded.
        page: the page it was selected on (where the board returns).
        cell: the phrase cell's slot; None for a spelled message.
        record: ``"decision"`` or ``"preference"``.
        asked_at: when the question was asked (monotonic seconds).
    """

    text: str
    page: str
    cell: int | None
    record: str
    asked_at: float

    @property
    def deadline(self) -> float:
        """When an unanswered question is given up (and the statement discarded)."""
        return self.asked_at + CONFIRM_TIMEOUT_S


def needs_confirmation(cell: Cell, confirm_decisions: bool) -> bool:
    """Whether selecting ``cell`` asks first: the cell's ``confirm``, else the profile (decisions)."""
    if cell.record is None:
        return False
    if cell.confirm is not None:
        return cell.confirm
    return cell.record == "decision" and confirm_decisions


def question(text: str) -> str:
    """The question shown and said: ``You said: I don't agree. Is that right?``."""
    words = text.strip().rstrip(".!")
    return f"You said: {words}. Is that right?"


def confirmation_page(pending: PendingDecision) -> Page:
    """The page shown while the question is open: two large cells, Yes then No."""
    cells = (
        Cell("Yes", Action.SPEAK, color="#8fd694"),
        Cell("No", Action.SPEAK, color="#f28b82"),
    )
    return Page(CONFIRM_PAGE_ID, question(pending.text), 1, 2, cells)


def _fields(pending: PendingDecision, event: str) -> dict[str, object]:
    return {"event": event, "text": pending.text, "page": pending.page, "record": pending.record}


def ask(pending: PendingDecision) -> list[Effect]:
    """Say the question (not a message: the history skips it) and log it."""
    t = pending.asked_at
    return [Speak(t, question(pending.text)), Log(t, "confirm", _fields(pending, "asked"))]


def answer(pending: PendingDecision, cell: int, now: float, source: Source) -> list[Effect]:
    """The patient chose Yes (say and record it, confirmed) or No (discard it and say so)."""
    if cell == YES_CELL:
        speak = Speak(
            now, pending.text, pending.page, pending.cell, source, pending.record, confirmed=True
        )
        fields = {
            "text": pending.text,
            "page": pending.page,
            "source": source.value,
            "cell": pending.cell,
            "record": pending.record,
            "confirmed": True,
        }
        return [Log(now, "confirm", _fields(pending, "yes")), speak, Log(now, "speak", fields)]
    return [
        Log(now, "confirm", _fields(pending, "no")),
        Notice(now, f"Not recorded: {pending.text}"),
        Speak(now, "Not recorded."),
    ]


def expire(pending: PendingDecision, now: float) -> list[Effect]:
    """No answer in time: the statement is discarded, and the board says so."""
    return [
        Log(now, "confirm", _fields(pending, "timeout")),
        Notice(now, f"No answer - not recorded: {pending.text}"),
        Speak(now, "No answer. Not recorded."),
    ]


def withdraw(pending: PendingDecision, now: float) -> list[Effect]:
    """The selection that asked was undone (or the question was closed): nothing is recorded."""
    return [Log(now, "confirm", _fields(pending, "undone"))]
