"""Dragging a cell with the mouse in the page editor (pure): it moves as the keyboard's M moves it,
a click without movement only selects, and releasing outside the grid cancels."""

from __future__ import annotations

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.control.cell_drag import DRAG_START_PX
from commboard.control.page_editor_keys import EditorKeys

# Slots are 100 px squares for these tests: slot i of a 4-column page is at column i % 4.
SIZE = 100


def _centre(editor: EditorKeys, slot: int) -> tuple[int, int]:
    row, column = divmod(slot, editor.edit.page.columns)
    return column * SIZE + SIZE // 2, row * SIZE + SIZE // 2


def _drag(editor: EditorKeys, source: int, target: int | None) -> None:
    """Press on ``source``, move in steps, release over ``target`` (None: outside the grid)."""
    x0, y0 = _centre(editor, source)
    x1, y1 = _centre(editor, target) if target is not None else (-300, -300)
    editor.pointer_down(source, x0, y0)
    for step in (1, 2, 3):
        x, y = x0 + (x1 - x0) * step // 3, y0 + (y1 - y0) * step // 3
        over = target if step == 3 else source
        editor.pointer_moved(over, x, y)
    editor.pointer_up(target, x1, y1)


def _labels(editor: EditorKeys) -> list[str | None]:
    return [c.label if c else None for c in editor.edit.page.cells]


def test_a_drag_moves_the_cell_exactly_as_the_keyboards_move_and_u_undoes_it() -> None:
    layout = load_layout(default_layout_path())
    dragged, keyed = EditorKeys(layout, "home"), EditorKeys(layout, "home")
    before = _labels(dragged)
    _drag(dragged, 1, 6)
    keyed.press("right")
    keyed.press("m")
    for arrow in ("down", "right"):  # slot 1 -> slot 6 (row 2, column 3)
        keyed.press(arrow)
    keyed.press("m")
    assert _labels(dragged) == _labels(keyed) != before
    assert _labels(dragged)[6] == before[1]  # the cell is where it was released
    assert dragged.edit.cursor == 6 and "U undoes" in dragged.message
    dragged.press("u")
    assert _labels(dragged) == before  # one edit


def test_while_dragging_the_view_shows_where_it_would_go() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    x, y = _centre(editor, 0)
    editor.pointer_down(0, x, y)
    assert editor.view().drag is None  # a press is not a drag yet
    editor.pointer_moved(5, x + 130, y + 110)
    drag = editor.view().drag
    assert drag is not None and (drag.source, drag.target) == (0, 5)
    assert (drag.x, drag.y) == (x + 130, y + 110)  # the cell follows the pointer
    editor.pointer_moved(None, -40, -40)
    shown = editor.view().drag
    assert shown is not None and shown.target is None  # outside the grid: no slot framed


def test_a_click_without_movement_selects_and_moves_nothing() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    before = _labels(editor)
    x, y = _centre(editor, 5)
    editor.pointer_down(5, x, y)
    editor.pointer_moved(5, x + DRAG_START_PX - 1, y)  # a shaky hand: still a click
    editor.pointer_up(5, x + DRAG_START_PX - 1, y)
    assert _labels(editor) == before and editor.edit.cursor == 5 and not editor.dirty


def test_releasing_outside_the_grid_or_where_it_started_cancels() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    before = _labels(editor)
    _drag(editor, 2, None)
    assert _labels(editor) == before and not editor.dirty
    assert "outside the grid" in editor.message and editor.edit.cursor == 2
    x, y = _centre(editor, 2)
    editor.pointer_down(2, x, y)
    editor.pointer_moved(None, x + 200, y)
    editor.pointer_moved(2, x + 10, y)
    editor.pointer_up(2, x + 10, y)
    assert _labels(editor) == before and not editor.dirty
    editor.pointer_down(2, x, y)
    editor.pointer_moved(3, x + 100, y)
    editor.press("escape")  # Escape during a drag cancels it, and does not leave
    editor.pointer_up(3, x + 100, y)
    assert _labels(editor) == before and not editor.dirty


def test_a_drag_into_an_empty_slot_just_moves_it() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    editor.press("d")  # slot 0 is empty now
    before = _labels(editor)
    _drag(editor, 3, 0)
    after = _labels(editor)
    assert after[0] == before[3] and after[3] is None
    assert [a for i, a in enumerate(after) if i not in (0, 3)] == [
        b for i, b in enumerate(before) if i not in (0, 3)
    ]


def test_an_empty_slot_cannot_be_dragged_and_the_mouse_waits_while_typing() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    editor.press("d")
    before = _labels(editor)
    _drag(editor, 0, 5)  # nothing to carry
    assert _labels(editor) == before
    editor.press("right")
    editor.press("l")  # typing a label: a drag must not move the cell being typed into
    _drag(editor, 1, 6)
    assert _labels(editor) == before and editor.edit.cursor == 1


def test_a_key_pressed_during_a_drag_ends_it_without_moving_anything() -> None:
    editor = EditorKeys(load_layout(default_layout_path()), "home")
    x, y = _centre(editor, 0)
    editor.pointer_down(0, x, y)
    editor.pointer_moved(5, x + 100, y + 100)
    editor.press("c")  # a new colour for the pressed cell: the drag is over
    assert editor.view().drag is None
    coloured = _labels(editor), editor.edit.page.cells[0]
    editor.pointer_up(5, x + 100, y + 100)
    assert (_labels(editor), editor.edit.page.cells[0]) == coloured  # nothing moved
