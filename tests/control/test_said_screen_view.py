"""The carer's What was said screen as data: 24 hours, newest first, decisions first and marked."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from commboard.care_record.statements import Statement
from commboard.control.said_screen_view import NO_HISTORY, NOTHING, ROWS_SHOWN, said_view

UTC1 = timezone(timedelta(hours=1))
NOW = datetime(2026, 3, 2, 15, 0, tzinfo=UTC1)


def said(hours_ago: float, text: str, record: str | None = None, line: int = 0) -> Statement:
    when = NOW - timedelta(hours=hours_ago)
    return Statement(line, when, text, "home", "blink", "phrase", record, record == "decision")


HISTORY = (
    said(30, "yesterday's words", line=1),
    said(9, "I am in pain", line=2),
    said(8, "I don't agree", "decision", line=3),
    said(5, "Ask me, not my family", "preference", line=4),
    said(1, "Thank you", line=5),
)


def test_the_last_24_hours_decisions_first_then_newest_first() -> None:
    view = said_view(HISTORY, NOW)
    assert [r.text for r in view.rows] == [
        "Ask me, not my family",
        "I don't agree",
        "Thank you",
        "I am in pain",
    ]
    assert [r.highlight for r in view.rows] == [True, True, False, False]
    assert view.rows[1].mark == "DECISION, confirmed"
    assert view.rows[0].mark == "PREFERENCE"
    assert view.rows[2].when == "Today 14:00"
    assert view.older and not view.newer


def test_one_day_back_shows_the_24_hours_before_with_dates() -> None:
    view = said_view(HISTORY, NOW, days_back=1)
    assert [(r.when, r.text) for r in view.rows] == [("Sun 1 Mar 09:00", "yesterday's words")]
    assert view.newer and not view.older
    assert "Sat 28 Feb 15:00 to Sun 1 Mar 15:00" in view.title


def test_an_empty_day_says_so() -> None:
    view = said_view((said(50, "old"),), NOW)
    assert view.rows == () and view.empty == NOTHING and view.older


def test_a_run_without_history_says_why() -> None:
    assert said_view(None, NOW).empty == NO_HISTORY


def test_scrolling_moves_by_lines_and_stops_at_the_end() -> None:
    many = tuple(said(k * 0.5, f"line {k}", line=k) for k in range(1, 11))
    first = said_view(many, NOW)
    assert len(first.rows) == ROWS_SHOWN and first.more_below == 10 - ROWS_SHOWN
    last = said_view(many, NOW, scrolled=99)
    assert last.rows[-1].text == "line 10" and last.more_below == 0
    assert last.more_above == 10 - ROWS_SHOWN


def test_with_less_room_at_the_end_scrolling_goes_on_until_the_last_lines_are_on_screen() -> None:
    many = tuple(said(k * 0.5, f"line {k}", line=k) for k in range(1, 11))
    assert not said_view(many, NOW, scrolled=3).scroll_down  # seven lines fit: the end
    roomy = said_view(many, NOW, scrolled=99, room=5)  # a long line takes the room of three
    assert roomy.more_above == 10 - 5 and roomy.rows[0].text == "line 6"
    assert said_view(many, NOW, scrolled=4, room=5).scroll_down
