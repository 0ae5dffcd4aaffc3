"""The page editor's keys: typing, cycling, moving, leaving with unsaved changes, save answers."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Cell, Page
from commboard.control.page_editor import CellProblem
from commboard.control.page_editor_answers import (
    IdRequested,
    LeaveRequested,
    PickPicture,
    RemoveRequested,
    SaveRequested,
    SayRequested,
    Stay,
)
from commboard.control.page_editor_keys import EditorKeys


def _editor(page: str = "people") -> EditorKeys:
    return EditorKeys(load_layout(default_layout_path()), page)


def _type(editor: EditorKeys, text: str) -> None:
    for ch in text:
        editor.press(ch)


def test_a_carer_types_a_new_phrase_and_hears_it() -> None:
    editor = _editor()
    editor.press("right")
    editor.press("right")  # "My wife"
    editor.press("l")
    for _ in "My wife":
        editor.press("backspace")
    _type(editor, "Sarah")
    assert editor.view().prompt == "Type the label (Enter: done, Esc: cancel): Sarah"
    editor.press("enter")
    editor.press("w")
    for _ in "Please call my wife":
        editor.press("backspace")
    _type(editor, "Tell Sarah I love her")
    editor.press("enter")
    cell = editor.edit.page.cells[2]
    assert cell is not None and (cell.label, cell.text) == ("Sarah", "Tell Sarah I love her")
    assert editor.press("p") == SayRequested("Tell Sarah I love her")
    assert editor.view().details[1:3] == (("Label", "Sarah"), ("Says", "Tell Sarah I love her"))
    assert editor.view().dirty


def test_typing_letters_never_runs_commands_and_escape_cancels() -> None:
    editor = _editor()
    editor.press("l")
    _type(editor, "sdu")  # save, delete, undo letters: typed, not obeyed
    assert editor.view().prompt is not None and editor.view().prompt.endswith("Backsdu")  # type: ignore[union-attr]
    editor.press("escape")
    assert editor.view().prompt is None and not editor.view().dirty


def test_action_link_colour_and_hold_cycle_on_the_selected_cell() -> None:
    editor = _editor("home")
    editor.press("down")  # "Pain" (go)
    editor.press("g")
    cell = editor.edit.page.cells[4]
    assert cell is not None and cell.action is Action.GO and cell.target != "pain"
    editor.press("c")
    editor.press("h")
    cell = editor.edit.page.cells[4]
    assert cell is not None and cell.hold_s == 0.5 and cell.color != "#8ab4f8"
    editor.press("a")  # go -> back: the link goes
    cell = editor.edit.page.cells[4]
    assert cell is not None and cell.action is Action.BACK and cell.target is None


def test_move_swap_undo_and_redo() -> None:
    editor = _editor("home")
    editor.press("x")
    editor.press("right")
    assert editor.view().cells[0] is not None and editor.view().cells[0].marked  # type: ignore[union-attr]
    editor.press("x")
    labels = [c.label if c else None for c in editor.edit.page.cells]
    assert labels[:2] == ["No", "Yes"]
    editor.press("u")
    assert [c.label for c in editor.edit.page.cells[:2] if c] == ["Yes", "No"]
    editor.press("y")
    assert [c.label for c in editor.edit.page.cells[:2] if c] == ["No", "Yes"]


def test_leaving_with_unsaved_changes_asks_first() -> None:
    editor = _editor("home")
    assert editor.press("escape") == LeaveRequested()  # nothing changed: just leaves
    editor.press("d")
    assert editor.press("escape") == Stay()
    assert "Unsaved changes" in editor.view().message
    assert editor.press("escape") == Stay()  # stay and keep editing
    assert editor.press("escape") == Stay()
    assert editor.press("q") == LeaveRequested()
    editor.press("escape")
    assert editor.press("s") == SaveRequested(editor.edit.page)


def test_a_refused_save_is_shown_on_its_cell() -> None:
    editor = _editor("home")
    editor.refused([CellProblem(5, "row 2, column 2 'Comfort': 'go' to page 'x'")])
    view = editor.view()
    assert view.message.startswith("Not saved: row 2, column 2 'Comfort'")
    assert view.cells[5] is not None and view.cells[5].problem and view.cells[5].selected  # type: ignore[union-attr]
    editor.saved("Saved.")
    assert editor.view().message == "Saved." and not editor.view().cells[5].problem  # type: ignore[union-attr]


def test_rows_and_columns_and_a_refusal_that_names_the_cells() -> None:
    editor = _editor("home")
    editor.press("+")
    assert editor.edit.page.rows == 5
    editor.press("<")
    assert editor.edit.page.columns == 4  # cells in column 4: refused
    assert "would not fit a 5x3 grid" in editor.view().message


def test_i_asks_for_the_picture_picker_and_its_choice_is_one_undoable_edit() -> None:
    layout = load_layout(default_layout_path())
    editor = EditorKeys(layout, "home", ("images/a.png",))
    assert editor.press("i") == PickPicture("symbols/yes.svg", "Yes")
    editor.picture_chosen("images/a.png")
    assert editor.edit.page.cells[0] == replace(layout.page("home").cells[0], image="images/a.png")  # type: ignore[arg-type]
    assert ("Picture", "images/a.png") in editor.view().details
    editor.picture_chosen(None)  # "No picture"
    assert ("Picture", "none") in editor.view().details
    editor.press("u")
    editor.press("u")
    assert editor.edit.page == layout.page("home") and not editor.dirty
    editor.press("right")
    editor.press("down")
    editor.press("down")
    editor.press("down")  # row 4, column 2: "Thank you"
    editor.press("right")
    editor.press("right")  # "Stop voice"
    editor.press("d")
    assert editor.press("i") == Stay() and "empty" in editor.view().message


def test_a_new_page_is_linked_from_an_empty_slot_and_saved_with_the_page() -> None:
    layout = load_layout(default_layout_path())
    editor = EditorKeys(layout, "needs")
    editor.press("+")  # a new row: empty slots at the end
    for _ in range(editor.edit.page.rows):
        editor.press("down")
    empty = editor.edit.cursor
    assert editor.edit.page.cells[empty] is None
    editor.press("o")
    _type(editor, "My dog")
    editor.press("enter")
    (new,) = editor.added
    assert (new.id, new.title, new.rows, new.columns) == ("my-dog", "My dog", 3, 3)
    assert [c.action for c in new.cells if c] == [Action.BACK, Action.HOME]
    link = editor.edit.page.cells[empty]
    assert link is not None and (link.label, link.action, link.target) == (
        "My dog",
        Action.GO,
        "my-dog",
    )
    assert editor.press("s") == SaveRequested(editor.edit.page, (new,))
    editor.press("k")
    _type(editor, "Needs 2")
    editor.press("enter")
    assert [p.id for p in editor.added] == ["my-dog", "needs-2"]
    assert editor.added[1].cells == editor.edit.page.cells


def test_removing_a_page_asks_twice_and_any_other_key_keeps_it() -> None:
    layout = load_layout(default_layout_path())
    home = EditorKeys(layout, "home")
    home.press("z")
    assert "the home page cannot be removed" in home.view().message
    unlinked = replace(
        layout,
        pages={**layout.pages, "extra": Page("extra", "Extra", 1, 1, (Cell("Back", Action.BACK),))},
    )
    extra = EditorKeys(unlinked, "extra")
    assert extra.press("z") == Stay() and "Z again removes it" in extra.view().message
    assert extra.press("z") == RemoveRequested("extra")
    extra.press("z")
    assert extra.press("q") == Stay() and extra.view().message == "The page is kept."


def test_r_asks_for_a_new_id_and_the_save_carries_the_old_one() -> None:
    editor = _editor("pain")
    assert editor.press("r") == IdRequested("pain")
    assert editor.change_id("needs") is not None  # taken: refused, the id stays
    assert editor.edit.page.id == "pain" and "The id stays 'pain'" in editor.message
    assert editor.change_id("hurts") is None
    assert "1 cell that opens it will follow when you save" in editor.message
    assert editor.view().page_id == "hurts" and editor.dirty
    answer = editor.press("s")
    assert isinstance(answer, SaveRequested) and answer.renamed_from == "pain"
    assert answer.page.id == "hurts"
    editor.press("u")  # undone: nothing to rename any more
    answer = editor.press("s")
    assert isinstance(answer, SaveRequested) and answer.renamed_from is None
    editor.press("l")  # typing a label: R types the letter, it asks nothing
    assert editor.press("r") == Stay() and editor.ask_id() == Stay()
