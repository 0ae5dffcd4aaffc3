"""Decisions: "You said: I don't agree. Is that right?" before a decision goes on record.

Driven through the real session and scanning engine on a two-page layout, the
way a patient would: switch presses at the highlighted cell.  Only Yes says and
records the statement (marked and confirmed); No, no answer in 20 s, or an
undo inside the question discard it and say so.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.control import decision_confirmation as confirming
from commboard.effects import Effect, Log, Notice, Speak, StopSpeech, Withdraw
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.settings import ScanPattern, ScanSettings, Settings
from commboard.settings.fields import BoardSettings

CARE = Page(
    "mycare",
    "My care",
    1,
    3,
    (
        Cell("I don't agree", Action.SPEAK, color="red", record="decision"),
        Cell("Ask me", Action.SPEAK, text="Ask me, not my family", record="preference"),
        Cell("Thirsty", Action.SPEAK, text="I am thirsty"),
    ),
)
LAYOUT = Layout("care", "en", "mycare", {"mycare": CARE})


def session(*, confirm: bool = True) -> Session:
    settings = Settings(
        scan=ScanSettings(pattern=ScanPattern.LINEAR, interval_s=1.0, acceptance_s=0.0),
        board=BoardSettings(confirm_decisions=confirm),
    )
    return Session(LAYOUT, settings, now=0.0)


def click(s: Session, cell: int, t: float) -> list[Effect]:
    """A carer's click: chooses the cell at once (no scanning)."""
    return s.handle(CellPointed(t, cell, Source.MOUSE), t)


def press(s: Session, t: float) -> list[Effect]:
    """A switch press of 0.1 s at ``t`` (the cell highlighted then is chosen)."""
    out = s.handle(SwitchDown(t, Switch.SELECT, Source.BLINK), t)
    return out + s.handle(SwitchUp(t + 0.1, Switch.SELECT, Source.BLINK), t + 0.1)


def spoken(effects: list[Effect]) -> list[Speak]:
    return [e for e in effects if isinstance(e, Speak)]


def confirm_events(effects: list[Effect]) -> list[str]:
    return [e.fields["event"] for e in effects if isinstance(e, Log) and e.type == "confirm"]


def test_a_decision_asks_first_and_says_nothing_on_record() -> None:
    s = session()
    out = click(s, 0, 1.0)
    assert [(sp.text, sp.page) for sp in spoken(out)] == [
        ("You said: I don't agree. Is that right?", None)  # None: not for the history
    ]
    assert s.page.id == confirming.CONFIRM_PAGE_ID
    assert [c.label for c in s.page.cells if c] == ["Yes", "No"]
    assert confirm_events(out) == ["asked"]


def test_yes_records_it_as_a_confirmed_decision_and_returns_to_the_page() -> None:
    s = session()
    click(s, 0, 1.0)
    out = press_at_yes(s)
    said = [sp for sp in spoken(out) if sp.page is not None]
    assert [(sp.text, sp.page, sp.cell, sp.record, sp.confirmed, sp.source) for sp in said] == [
        ("I don't agree", "mycare", 0, "decision", True, Source.BLINK)
    ]
    assert s.page.id == "mycare"
    speak_log = next(e for e in out if isinstance(e, Log) and e.type == "speak")
    assert speak_log.fields["record"] == "decision" and speak_log.fields["confirmed"] is True


def press_at_yes(s: Session) -> list[Effect]:
    """Wait for the scanner to highlight Yes (linear: first cell), then press."""
    t = 1.0
    out: list[Effect] = []
    while s.highlighted != (confirming.YES_CELL,):
        t += 0.05
        out += s.tick(t)
        assert t < 20.0, "Yes was never highlighted"
    return out + press(s, t + 0.01)


def test_no_discards_it_and_says_so() -> None:
    s = session()
    click(s, 0, 1.0)
    out = click(s, confirming.NO_CELL, 4.0)
    assert [sp.page for sp in spoken(out)] == [None]  # "Not recorded." only
    assert "Not recorded." in [sp.text for sp in spoken(out)]
    assert any(isinstance(e, Notice) and "Not recorded: I don't agree" in e.text for e in out)
    assert confirm_events(out) == ["no"]
    assert s.page.id == "mycare"


def test_no_answer_in_20_s_discards_it_and_says_so() -> None:
    s = session()
    click(s, 0, 1.0)
    assert s.next_deadline() is not None and s.next_deadline() <= 21.0
    out: list[Effect] = []
    t = 1.0
    while t < 21.5:
        t += 0.25
        out += s.tick(t)
    assert confirm_events(out) == ["timeout"]
    assert [sp.text for sp in spoken(out)] == ["No answer. Not recorded."]
    assert all(sp.page is None for sp in spoken(out))
    assert s.page.id == "mycare"


def test_undo_inside_the_question_cancels_it_without_a_record() -> None:
    s = session()
    click(s, 0, 1.0)
    out = s.undo(1.3)
    assert confirm_events(out) == ["undone"]
    assert any(isinstance(e, StopSpeech) for e in out)  # the question stops
    assert not [sp for sp in spoken(out) if sp.page is not None]
    assert not any(isinstance(e, Withdraw) for e in out)
    assert s.page.id == "mycare"
    # and the question does not come back to time out later
    assert not confirm_events([e for t in range(2, 30) for e in s.tick(float(t))])


def test_undo_right_after_yes_withdraws_the_decision() -> None:
    s = session()
    click(s, 0, 1.0)
    click(s, confirming.YES_CELL, 3.0)
    out = s.undo(3.2)
    withdrawn = [e for e in out if isinstance(e, Withdraw)]
    assert [(w.said.text, w.said.record, w.said.confirmed) for w in withdrawn] == [
        ("I don't agree", "decision", True)
    ]


def test_a_preference_is_marked_but_not_asked_by_default() -> None:
    s = session()
    out = click(s, 1, 1.0)
    assert [(sp.text, sp.record, sp.confirmed) for sp in spoken(out)] == [
        ("Ask me, not my family", "preference", False)
    ]


def test_an_ordinary_phrase_is_said_at_once_and_unmarked() -> None:
    s = session()
    out = click(s, 2, 1.0)
    assert [(sp.text, sp.record) for sp in spoken(out)] == [("I am thirsty", None)]
    log = next(e for e in out if isinstance(e, Log) and e.type == "speak")
    assert "record" not in log.fields  # ordinary lines keep the event-log record they had


def test_profile_off_says_a_decision_at_once_marked_unconfirmed() -> None:
    s = session(confirm=False)
    out = click(s, 0, 1.0)
    assert [(sp.text, sp.record, sp.confirmed) for sp in spoken(out)] == [
        ("I don't agree", "decision", False)
    ]


@pytest.mark.parametrize(
    ("cell_confirm", "profile", "asks"), [(True, False, True), (False, True, False)]
)
def test_the_cells_own_confirm_wins_over_the_profile(
    cell_confirm: bool, profile: bool, asks: bool
) -> None:
    cell = replace(CARE.cells[0], confirm=cell_confirm)  # type: ignore[arg-type]
    assert confirming.needs_confirmation(cell, profile) is asks


def test_that_is_my_decision_confirms_the_spelled_message() -> None:
    page = Page(
        "spell",
        "Spell",
        1,
        3,
        (
            Cell("No", Action.ADD, text="no tube"),
            Cell("That is my decision", Action.SPEAK_MESSAGE, record="decision"),
            Cell("Home", Action.HOME),
        ),
    )
    s = Session(Layout("x", "en", "spell", {"spell": page}), Settings(), now=0.0)
    click(s, 0, 1.0)
    asked = click(s, 1, 3.0)
    assert [sp.text for sp in spoken(asked)] == ["You said: no tube. Is that right?"]
    out = click(s, confirming.YES_CELL, 5.0)
    assert [(sp.text, sp.cell, sp.record, sp.confirmed) for sp in spoken(out)] == [
        ("no tube", None, "decision", True)
    ]


def test_selecting_again_inside_the_undo_window_cancels_the_question() -> None:
    s = session()
    t = 0.0
    while s.highlighted != (0,):  # linear scanning reaches "I don't agree"
        t += 0.05
        s.tick(t)
    asked = press(s, t + 0.01)
    assert confirm_events(asked) == ["asked"]
    out = press(s, t + 0.4)  # again at once: the patient's undo
    assert confirm_events(out) == ["undone"]
    assert s.page.id == "mycare"
    assert not [sp for sp in spoken(out) if sp.page is not None]
