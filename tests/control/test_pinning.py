"""Pinning a recent message: which messages, which pages, which slot, a full page, a duplicate,
and the save that keeps it (a shipped layout is copied, never edited)."""

from __future__ import annotations

from pathlib import Path

from commboard.adapters.layout_save import save_page
from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Cell, Page
from commboard.board.recent import RECENT_PAGE, with_recent_page
from commboard.control.pinning import (
    MAX_OFFERED,
    MY_PHRASES,
    PatientPin,
    Pinned,
    PinRefused,
    offered_keys,
    patient_pin,
    pin_candidates,
    pin_message,
    pin_targets,
)
from commboard.testing import TWO_PAGE_LAYOUT

YES = Cell("Yes", Action.SPEAK)
HOME = Cell("Home", Action.HOME)


def _page(*cells: Cell | None, rows: int = 2, columns: int = 2) -> Page:
    return Page("people", "People", rows, columns, tuple(cells))


def test_the_messages_offered_are_the_recent_pages_most_used_first(tmp_path: Path) -> None:
    board = tmp_path / "board.yaml"
    board.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = with_recent_page(load_layout(board), ["call my sister", "turn me over"])
    assert pin_candidates(layout) == ("call my sister", "turn me over")  # not Back nor Home
    assert pin_candidates(load_layout(board)) == ()  # no history: nothing to pin


def test_the_pages_offered_start_with_the_one_shown_then_home_and_never_recent(
    tmp_path: Path,
) -> None:
    board = tmp_path / "board.yaml"
    board.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = with_recent_page(load_layout(board), ["call my sister"])
    assert pin_targets(layout, "more") == ("more", "home")
    assert pin_targets(layout, RECENT_PAGE) == ("home", "more")
    shipped = with_recent_page(load_layout(default_layout_path()), ["x"])
    assert len(pin_targets(shipped, "home")) <= MAX_OFFERED
    assert offered_keys(12) == tuple("1234567890")


def test_the_message_goes_in_the_first_empty_slot_and_says_the_words() -> None:
    page = _page(YES, None, None, HOME)
    pinned = pin_message(page, "  call   my sister ")
    assert isinstance(pinned, Pinned)
    assert pinned.slot == 1 and not pinned.grew
    cell = pinned.page.cells[1]
    assert cell is not None and cell.action is Action.SPEAK
    assert cell.spoken == "call my sister" and cell.label == "call my sister"
    assert pinned.page.cells[2] is None and pinned.page.cells[3] == HOME


def test_a_full_page_gets_one_row_more_with_the_message_first() -> None:
    page = _page(YES, Cell("No", Action.SPEAK), Cell("Back", Action.BACK), HOME)
    pinned = pin_message(page, "turn me over")
    assert isinstance(pinned, Pinned) and pinned.grew
    assert (pinned.page.rows, pinned.page.columns, pinned.slot) == (3, 2, 4)
    assert pinned.page.cells[:4] == page.cells  # nothing else moves
    assert pinned.page.cells[5] is None


def test_a_page_full_at_the_largest_grid_is_refused() -> None:
    cells = tuple(Cell(f"w{i}", Action.SPEAK) for i in range(12 * 2))
    refused = pin_message(Page("big", "Big", 12, 2, cells), "turn me over")
    assert isinstance(refused, PinRefused) and "full" in refused.reason


def test_a_message_already_on_the_page_is_not_added_twice() -> None:
    page = _page(Cell("Sister", Action.SPEAK, text="Call my sister"), None, None, HOME)
    refused = pin_message(page, "call my  SISTER")
    assert isinstance(refused, PinRefused)
    assert "'Sister' already says it" in refused.reason
    assert isinstance(pin_message(page, "call my brother"), Pinned)


def test_a_long_message_is_shown_cut_but_says_every_word() -> None:
    words = "please " * 20 + "call the nurse"
    pinned = pin_message(_page(None, None, None, HOME), words)
    assert isinstance(pinned, Pinned)
    cell = pinned.page.cells[0]
    assert cell is not None and cell.label.endswith("…") and len(cell.label) <= 60
    assert cell.spoken == " ".join(words.split())


def test_nothing_to_pin_and_the_recent_page_itself_are_refused() -> None:
    assert isinstance(pin_message(_page(None, None, None, HOME), "   "), PinRefused)
    recent = Page(RECENT_PAGE, "Recent", 1, 2, (None, HOME))
    assert isinstance(pin_message(recent, "call my sister"), PinRefused)


def test_pinning_on_the_shipped_layout_saves_a_copy_and_leaves_the_shipped_file(
    tmp_path: Path,
) -> None:
    shipped = default_layout_path()
    before = {p.name: p.read_bytes() for p in shipped.iterdir() if p.is_file()}
    layout = with_recent_page(load_layout(shipped), ["call my sister"])
    page_id = pin_targets(layout, "people")[0]
    pinned = pin_message(layout.pages[page_id], pin_candidates(layout)[0])
    assert isinstance(pinned, Pinned)
    saved = save_page(layout, pinned.page, user_folder=tmp_path / "mine")
    assert saved.copied_from is not None
    assert {p.name: p.read_bytes() for p in shipped.iterdir() if p.is_file()} == before
    assert saved.file.is_relative_to(tmp_path / "mine")
    again = load_layout(saved.layout.source or saved.file)  # what the next start reads
    assert "call my sister" in [c.spoken for c in again.page(page_id).cells if c is not None]
    assert saved.backup.exists()  # the copy's previous version of the page file


def test_the_patients_first_pin_makes_my_phrases_linked_from_home_and_the_next_goes_in_it(
    tmp_path: Path,
) -> None:
    board = tmp_path / "board.yaml"
    board.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = with_recent_page(load_layout(board), ["call my sister", "turn me over"])
    first = patient_pin(layout, "call my sister")
    assert isinstance(first, PatientPin)
    assert first.page.id == "home" and first.page.rows == 3  # home was full: one row more
    link = first.page.cells[4]
    assert link is not None and (link.action, link.target) == (Action.GO, MY_PHRASES)
    (mine,) = first.added
    assert mine.cells[first.slot] is not None and mine.cells[first.slot].spoken == "call my sister"
    assert {Action.BACK, Action.HOME} <= {c.action for c in mine.cells if c is not None}
    saved = save_page(layout, first.page, added=first.added)
    second = patient_pin(saved.layout, "turn me over")
    assert isinstance(second, PatientPin) and second.page.id == MY_PHRASES and not second.added
    assert second.slot == 1
    assert isinstance(patient_pin(saved.layout, "Call my sister"), PinRefused)  # not twice
