"""A layout chosen in the carer menu while the board runs gets the patient's Recent page at once."""

from __future__ import annotations

from pathlib import Path

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action
from commboard.board.recent import RECENT_PAGE
from commboard.board.session import Session
from commboard.control.layout_change import LayoutLoaded, arrived
from commboard.events import CellPointed, Source
from commboard.settings import Settings


def test_the_chosen_layout_lists_the_recent_messages_and_says_one_when_chosen() -> None:
    layout = load_layout(default_layout_path())
    old = Session(layout, Settings(), 0.0)
    loaded = LayoutLoaded(Path("/boards/other.yaml"), layout)
    new, _ = arrived(loaded, old, "/boards/other.yaml", False, 1.0, {}, recent=["call my sister"])
    page = new.layout.page(RECENT_PAGE)
    index = next(
        i for i, c in enumerate(page.cells) if c is not None and c.label == "call my sister"
    )
    new.open_page(RECENT_PAGE, 2.0)
    said = new.handle(CellPointed(3.0, index, Source.MOUSE), 3.0)
    assert any(getattr(e, "text", None) == "call my sister" for e in said)
    assert page.cells[index].action is Action.SPEAK


def test_without_recent_messages_the_chosen_layout_is_used_as_it_is() -> None:
    layout = load_layout(default_layout_path())
    old = Session(layout, Settings(), 0.0)
    loaded = LayoutLoaded(Path("/boards/other.yaml"), layout)
    new, _ = arrived(loaded, old, "/boards/other.yaml", False, 1.0, {}, recent=[])
    assert RECENT_PAGE not in new.layout.pages
