"""The page editor closed for want of input and opened again (its edits kept aside by the
loop): what a carer called away finds when they come back, and what the kept edits may not do
to a page that changed meanwhile."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.shell.loop import BoardLoop
from commboard.shell.screens.base import ChangeLayout
from commboard.shell.screens.editor.editor_screen import EditorScreen
from commboard.testing import TWO_PAGE_LAYOUT, run_for
from tests.shell.screens.editor.test_editor_screen import _board, key, type_text
from tests.shell.test_pin_recent_message import SPELLED, _history

StartBoard = Callable[..., BoardLoop]


def _edit_again(loop: BoardLoop) -> EditorScreen:
    key(loop, pygame.K_ESCAPE)  # carer menu
    key(loop, pygame.K_e, "e")  # Edit this page
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    return editor


def test_kept_edits_saved_after_the_patient_pinned_a_phrase_do_not_remove_it(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """The carer recoloured a cell and was called away; the editor closed, keeping the edit.
    Meanwhile the patient's message was pinned to the same page (carer menu K).  Saving the
    kept edit wrote the page as the editor had read it: the pinned phrase was gone from the
    file and the board, without a word."""
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT, history=_history(tmp_path / "h.jsonl"))
    _edit_again(loop)
    key(loop, pygame.K_c, "c")  # a new colour for "Yes", not saved
    run_for(loop, 301.0)
    assert not loop.screens
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_k, "k")  # keep a recent message...
    key(loop, pygame.K_1, "1")
    key(loop, pygame.K_1, "1")  # ...on Home
    board = tmp_path / "board.yaml"
    assert SPELLED in board.read_text(encoding="utf-8")
    editor = _edit_again(loop)
    assert editor.keys.dirty  # the colour is back
    key(loop, pygame.K_s, "s")
    assert SPELLED in board.read_text(encoding="utf-8"), "the pinned phrase was overwritten"
    assert "was changed after the board read it" in editor.keys.view().message
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_q, "q")  # leave: the board reads the layout again
    run_for(loop, 0.5)
    home = loop.session.layout.page("home")
    assert any(c is not None and c.spoken == SPELLED for c in home.cells)


def test_words_typed_but_not_entered_come_back_still_being_typed(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """The carer was typing a cell's words when called away, before pressing Enter: the
    editor closed saying nothing was unsaved, and the typing was gone."""
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    _edit_again(loop)
    key(loop, pygame.K_DOWN)  # "Thank you"
    key(loop, pygame.K_w, "w")
    type_text(loop, ", Sarah")  # no Enter yet
    run_for(loop, 301.0)
    assert not loop.screens
    assert loop.view is not None
    assert "unsaved edits to page 'Home'" in " ".join(b.text for b in loop.view.banners)
    editor = _edit_again(loop)
    message = editor.keys.view().message
    assert "Thank you very much, Sarah" in message and "Enter keeps it" in message
    key(loop, pygame.K_RETURN)
    key(loop, pygame.K_s, "s")
    text = (tmp_path / "board.yaml").read_text(encoding="utf-8")
    assert '{label: "Thank you", text: "Thank you very much, Sarah"}' in text


def test_a_question_asked_when_the_editor_closed_is_not_asked_when_it_comes_back(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """The editor closed while asking "Unsaved changes. S: save and leave. Q: leave without
    saving. Esc: stay."  It came back saying "S saves them; Esc leaves", but was still asking:
    Esc stayed ("Still editing.") and S would have left the editor as well as saved."""
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    _edit_again(loop)
    key(loop, pygame.K_c, "c")
    key(loop, pygame.K_ESCAPE)  # leave?  (unsaved changes)
    run_for(loop, 301.0)
    editor = _edit_again(loop)
    assert "S saves them; Esc leaves" in editor.keys.view().message
    key(loop, pygame.K_ESCAPE)  # as the message says: leaving, which asks about the edits
    assert loop.screens[-1] is editor
    assert "Unsaved changes" in editor.keys.view().message
    key(loop, pygame.K_q, "q")
    assert not any(isinstance(s, EditorScreen) for s in loop.screens)
    assert (tmp_path / "board.yaml").read_text(encoding="utf-8") == TWO_PAGE_LAYOUT


def test_kept_edits_come_back_when_the_same_layout_was_chosen_by_another_path(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """The board was started with the layout named one way (a relative --layout, say) and
    the carer chose it again from the carer menu (L) by another, the same file: the kept
    edits were listed as lost on quitting but never offered by 'Edit this page'."""
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    _edit_again(loop)
    key(loop, pygame.K_c, "c")
    run_for(loop, 301.0)
    (tmp_path / "sub").mkdir()
    loop.act(ChangeLayout(tmp_path / "sub" / ".." / "board.yaml"))  # the same file
    run_for(loop, 0.5)
    assert loop.session.layout.source != tmp_path / "board.yaml"  # named another way
    editor = _edit_again(loop)
    assert editor.keys.dirty and "are back" in editor.keys.view().message
    assert loop.kept_drafts() == []
