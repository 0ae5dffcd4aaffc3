"""The patient keeps a recent message with their switch: Recent -> "Keep one..." -> the message.

It is not said; it is said back quietly and kept only when the undo window
has passed with no undo (``PinRequested``); an undo or a pause drops it.
"""

from __future__ import annotations

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action
from commboard.board.recent import KEEP_PAGE, RECENT_PAGE, keep_page, recent_page, with_recent_page
from commboard.board.session import Session
from commboard.effects import Cue, Effect, PinRequested, Speak
from commboard.events import CellPointed, Source
from commboard.settings import Settings

MESSAGE = "call my sister"


def _on_keep_page() -> Session:
    layout = with_recent_page(load_layout(default_layout_path()), [MESSAGE, "turn me over"])
    session = Session(layout, Settings(), 0.0)
    session.open_page(RECENT_PAGE, 0.0)
    keep = next(i for i, c in enumerate(session.page.cells) if c and c.label == "Keep one...")
    session.handle(CellPointed(1.0, keep, Source.MOUSE), 1.0)
    assert session.page.id == KEEP_PAGE
    return session


def _until(session: Session, start: float, end: float) -> list[Effect]:
    out: list[Effect] = []
    t = start
    while t <= end:
        out += session.tick(t)
        t += 0.1
    return out


def test_both_built_pages_lead_home_and_keep_lists_the_same_messages() -> None:
    recent, keep = recent_page([MESSAGE]), keep_page([MESSAGE])
    assert recent is not None and keep is not None
    for page in (recent, keep):
        assert {Action.BACK, Action.HOME} <= {c.action for c in page.cells if c is not None}
    assert [c.spoken for c in keep.cells if c and c.action is Action.SPEAK] == [MESSAGE]
    full = recent_page([f"m{i}" for i in range(20)])
    assert full is not None and len([c for c in full.cells if c]) == 13  # 10, Keep, Back, Home


def test_a_message_chosen_on_the_keep_page_is_kept_after_the_undo_window_not_said() -> None:
    session = _on_keep_page()
    out = session.handle(CellPointed(2.0, 0, Source.MOUSE), 2.0)
    assert not [e for e in out if isinstance(e, Speak)]  # not said as the patient's words
    assert [e.text for e in out if isinstance(e, Cue)] == [f"Keeping: {MESSAGE}"]
    assert session.next_deadline() is not None
    early = _until(session, 2.1, 2.9)
    assert not [e for e in early if isinstance(e, PinRequested)]  # the undo window is open
    later = _until(session, 3.0, 6.0)
    assert [e.text for e in later if isinstance(e, PinRequested)] == [MESSAGE]
    assert not [e for e in _until(session, 6.1, 9.0) if isinstance(e, PinRequested)]  # once


def test_an_undo_or_a_pause_before_it_is_kept_drops_it() -> None:
    session = _on_keep_page()
    session.handle(CellPointed(2.0, 0, Source.MOUSE), 2.0)
    undone = session.undo(2.5)  # the undo press (the scanner's Undo) or a rest request
    assert any(isinstance(e, Cue) and e.text == f"Cancelled: {MESSAGE}" for e in undone)
    assert not [e for e in _until(session, 2.6, 8.0) if isinstance(e, PinRequested)]
    session = _on_keep_page()
    session.handle(CellPointed(2.0, 0, Source.MOUSE), 2.0)
    session.pause(2.5)  # the carer menu opened
    assert not [e for e in _until(session, 2.6, 8.0) if isinstance(e, PinRequested)]
