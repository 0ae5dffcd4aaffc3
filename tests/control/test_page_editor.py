"""The page editor's rules: edits, undo and redo, grid changes, and saves refused on the cell."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.page_editor import EditRefused, PageEdit, where
from commboard.control.page_ids import edited_layout
from commboard.control.page_save_checks import save_problems

A, B, C = Cell("A", Action.SPEAK), Cell("B", Action.SPEAK), Cell("C", Action.SPEAK)
BACK = Cell("Back", Action.BACK)


def _page(*cells: Cell | None, rows: int = 2, columns: int = 3) -> Page:
    padded = tuple(cells) + (None,) * (rows * columns - len(cells))
    return Page("p", "P", rows, columns, padded)


def _labels(edit: PageEdit) -> list[str | None]:
    return [c.label if c else None for c in edit.page.cells]


def test_editing_a_cell_changes_only_that_cell_and_can_be_undone_and_redone() -> None:
    edit = PageEdit.open(_page(BACK, A, B))
    changed = edit.edit_cell(1, label="Water", text="Some water, please")
    assert changed.page.cells[1] == Cell("Water", Action.SPEAK, "Some water, please")
    assert changed.page.cells[0] == BACK and changed.page.cells[2] == B
    assert changed.dirty and not edit.dirty
    assert changed.undo_edit().page == edit.page
    assert not changed.undo_edit().dirty  # back where it was saved
    assert changed.undo_edit().redo_edit().page == changed.page


def test_a_new_edit_after_undo_forgets_the_redo() -> None:
    edit = PageEdit.open(_page(BACK, A)).edit_cell(1, label="X").undo_edit()
    assert edit.redo
    assert not edit.edit_cell(1, label="Y").redo


def test_a_cell_that_stops_being_a_link_loses_its_target() -> None:
    go = Cell("Pain", Action.GO, target="pain")
    edit = PageEdit.open(_page(BACK, go)).edit_cell(1, action=Action.SPEAK)
    assert edit.page.cells[1] == Cell("Pain", Action.SPEAK)


def test_add_remove_swap_and_move() -> None:
    edit = PageEdit.open(_page(BACK, A, None, B, C))
    assert _labels(edit.add_cell(2)) == ["Back", "A", "New cell", "B", "C", None]
    with pytest.raises(EditRefused, match="row 1, column 2 'A' is not empty"):
        edit.add_cell(1)
    assert _labels(edit.remove_cell(1)) == ["Back", None, None, "B", "C", None]
    assert _labels(edit.swap_cells(1, 4)) == ["Back", "C", None, "B", "A", None]
    # into an empty slot: just moves; onto a cell: the cells between shift along
    assert _labels(edit.move_cell(1, 5)) == ["Back", None, None, "B", "C", "A"]
    assert _labels(edit.move_cell(4, 1)) == ["Back", "C", "A", None, "B", None]
    assert edit.move_cell(4, 1).cursor == 1


def test_changing_the_grid_keeps_each_cell_in_its_row_and_column() -> None:
    edit = PageEdit.open(_page(BACK, A, None, B))
    wider = edit.resize(2, 4)
    assert wider.page.cell_at(0, 1) == A and wider.page.cell_at(1, 0) == B
    with pytest.raises(EditRefused, match="row 2, column 1 'B'; move or remove them first"):
        edit.resize(1, 3)
    with pytest.raises(EditRefused, match="1 to 12"):
        edit.resize(13, 3)
    assert edit.resize(2, 2).page.cells == (BACK, A, B, None)


def test_arrows_move_the_cursor_and_stop_at_the_edges() -> None:
    edit = PageEdit.open(_page(BACK, A))
    assert edit.move_cursor("left").cursor == 0
    assert edit.move_cursor("right").move_cursor("down").cursor == 4
    assert edit.move_cursor("down").move_cursor("down").cursor == 3


def _shipped() -> Layout:
    return load_layout(default_layout_path())


def test_a_save_is_refused_with_the_problem_on_its_cell() -> None:
    layout = _shipped()
    home = layout.page("home")
    edit = PageEdit.open(home).edit_cell(4, target="pian").edit_cell(13, label="  ")
    problems = save_problems(layout, edit.page)
    assert [p.index for p in problems] == [4, 13]
    assert problems[0].message == (
        "row 2, column 1 'Pain': 'go' to page 'pian', but there is no such page"
    )
    assert "a cell needs a label" in problems[1].message


def test_a_save_that_would_strand_the_patient_is_refused() -> None:
    layout = _shipped()
    pain = PageEdit.open(layout.page("pain"))
    for index, cell in enumerate(pain.page.cells):
        if cell is not None and cell.action in (Action.BACK, Action.HOME):
            pain = pain.remove_cell(index)
    assert any(
        "no way back to the home page" in p.message for p in save_problems(layout, pain.page)
    )
    home = PageEdit.open(layout.page("home")).remove_cell(3)  # the only nurse call
    assert save_problems(layout, home.page) == []  # no alarm left at all is allowed
    assert where(layout.page("home"), 3) == "row 1, column 4 'Call nurse'"


def test_a_new_id_for_a_page_takes_every_link_and_the_home_with_it_in_one_undoable_edit() -> None:
    layout = load_layout(default_layout_path())
    links = [
        (pid, i)
        for pid, p in layout.pages.items()
        for i, c in enumerate(p.cells)
        if c is not None and c.target == "alphabet"
    ]
    assert {pid for pid, _ in links} == {"home", "mycare"}  # two pages open the spelling page
    edit = PageEdit.open(layout.page("alphabet")).change_id(layout, "spelling")
    assert edit.page.id == "spelling" and edit.saved.id == "alphabet" and edit.dirty
    after = edited_layout(layout, "alphabet", edit.page)
    assert "alphabet" not in after.pages and after.pages["spelling"] == edit.page
    for pid, index in links:
        cell = after.pages[pid].cells[index]
        assert cell is not None and cell.target == "spelling"
    assert save_problems(layout, edit.page, renamed_from="alphabet") == []
    assert edit.undo_edit().page == layout.page("alphabet")  # one step back: the old id
    home = PageEdit.open(layout.page("home")).change_id(layout, "start")
    assert edited_layout(layout, "home", home.page).home == "start"  # the board starts there
    assert save_problems(layout, home.page, renamed_from="home") == []


def test_an_id_taken_or_not_valid_is_refused_in_plain_words() -> None:
    layout = load_layout(default_layout_path())
    edit = PageEdit.open(layout.page("pain"))
    refused = {
        "needs": "another page is already called 'needs'",
        "Needs": "another page is already called 'Needs'",  # one file on Windows and macOS
        "my page": "cannot be a page id: use only letters, digits, '-' and '_'",
        "../etc": "cannot be a page id",
        "": "a page needs an id",
        "layout": "kept for the board itself",
        "x" * 61: "at most 60",
    }
    for new_id, words in refused.items():
        with pytest.raises(EditRefused, match=re.escape(words)):
            edit.change_id(layout, new_id)
    with pytest.raises(EditRefused, match="already called 'family'"):
        edit.change_id(layout, "family", taken=("family",))  # a page added in this editor
    assert edit.change_id(layout, "pain").page == edit.page  # its own id: nothing changes
    assert edit.change_id(layout, "hurts").change_id(layout, "pain").page.id == "pain"


def test_a_renamed_page_with_a_bad_id_is_not_saved() -> None:
    layout = load_layout(default_layout_path())
    page = replace(layout.page("pain"), id="needs")  # as if the model were bypassed
    problems = save_problems(layout, page, renamed_from="pain")
    assert any("already called 'needs'" in p.message for p in problems)
