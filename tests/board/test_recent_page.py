"""Recent messages: what was spelled yesterday is one page and one selection away today."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action
from commboard.board.recent import RECENT_PAGE, recent_page, with_recent_page
from commboard.board.session import Session
from commboard.events import CellPointed, Source
from commboard.history import History
from commboard.settings import Settings


def test_history_lists_spelled_messages_most_used_then_most_recent(tmp_path: Path) -> None:
    path = tmp_path / "history.jsonl"
    lines = [
        ("Yes", 0),
        ("call my sister", None),
        ("i want water", None),
        ("call my sister", None),
        ("turn the light off", None),
    ]
    path.write_text(
        "".join(
            json.dumps({"time": "2026-01-01T10:00:00+00:00", "text": t, "page": "p", "cell": c})
            + "\n"
            for t, c in lines
        ),
        encoding="utf-8",
    )
    history = History(path, wall_clock=lambda: datetime(2026, 1, 1))
    history.usage()
    assert history.spelled(5) == ["call my sister", "turn the light off", "i want water"]
    assert history.spelled(1) == ["call my sister"]


def test_the_page_speaks_each_message_and_leads_back() -> None:
    page = recent_page(["call my sister", "x" * 100])
    assert page is not None and page.id == RECENT_PAGE
    cells = [c for c in page.cells if c is not None]
    assert [c.spoken for c in cells[:2]] == ["call my sister", "x" * 100]
    assert len(cells[1].label) <= 60  # shown cut, said whole
    assert {Action.BACK, Action.HOME} <= {c.action for c in cells}
    assert recent_page([]) is None


def test_the_spell_page_leads_to_recent_messages_while_the_message_is_empty() -> None:
    layout = with_recent_page(load_layout(default_layout_path()), ["call my sister"])
    session = Session(layout, Settings(), 0.0)
    session.open_page("alphabet", 0.0)
    slot = next(i for i, c in enumerate(session.page.cells) if c and c.label == "Recent")
    session.handle(CellPointed(1.0, slot, Source.MOUSE), 1.0)
    assert session.page.id == RECENT_PAGE
    out = session.handle(CellPointed(2.0, 0, Source.MOUSE), 2.0)
    assert [e.text for e in out if type(e).__name__ == "Speak"] == ["call my sister"]
    # Once spelling starts, the slot is a word slot again.
    session.open_page("alphabet", 3.0)
    e = next(i for i, c in enumerate(session.page.cells) if c and c.label == "E")
    session.handle(CellPointed(4.0, e, Source.MOUSE), 4.0)
    assert all(c is None or c.label != "Recent" for c in session.page.cells)


def test_a_message_undone_straight_after_it_was_said_is_not_offered_again(tmp_path: Path) -> None:
    """A stray press on Speak half-way through a word, undone at once: the history
    marks it withdrawn, yet the next day the Recent page offered "tomo" as a message
    (and a phrase said by mistake and undone counted for Huffman scanning)."""
    path = tmp_path / "history.jsonl"
    history = History(path, wall_clock=lambda: datetime(2026, 1, 1, 10, 0))
    history.append("call my sister", "alphabet", "switch")
    history.append("call my sister", "alphabet", "switch")
    history.append("tomo", "alphabet", "switch")
    history.write(history.line("tomo", "alphabet", "switch", withdrawn=True))
    history.write(history.line("call my sister", "alphabet", "switch", withdrawn=True))
    history.append("Yes", "home", "switch", 0)
    history.append("No", "home", "switch", 1)
    history.write(history.line("No", "home", "switch", 1, withdrawn=True))
    usage = History(path, wall_clock=lambda: datetime(2026, 1, 2)).usage()
    assert usage == {"home": {0: 1.0}}
    again = History(path, wall_clock=lambda: datetime(2026, 1, 2))
    again.usage()
    assert again.spelled(5) == ["call my sister"]  # said twice, undone once: still said
