"""The carer menu's What was said: the board's own history, read back at the bedside.

A phrase chosen on the running board (a carer's click) appears on the screen
the carer opens with Escape then W, decisions first; the patient's switch
does nothing there; Escape goes back to the menu.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.control import decision_confirmation as confirming
from commboard.events import CellPointed, Source
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.carer_menu.carer_menu import CarerMenu
from commboard.shell.screens.said.said_screen import SaidScreen
from commboard.testing import run_for

CARE = """\
format: 1
name: Care
home: home
pages:
  - id: home
    rows: 1
    columns: 3
    cells:
      - {label: Thirsty, text: "I am thirsty"}
      - {label: "I don't agree", record: decision}
      - {label: Home, action: home}
"""


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    run_for(loop, 0.1)


def choose(loop: BoardLoop, cell: int) -> None:
    loop.dispatch(CellPointed(loop.now, cell, Source.MOUSE))
    run_for(loop, 1.0)


def test_what_was_said_shows_this_boards_words_decisions_first(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    board = start_board(layout=CARE, history=tmp_path / "h.jsonl")
    choose(board, 0)
    choose(board, 1)  # asks "Is that right?"
    choose(board, confirming.YES_CELL)
    run_for(board, 1.0)  # the history writer's thread has the lines on disk by now
    board.p.history.close()  # type: ignore[union-attr]  # flush before the screen reads the file
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_w, "w")
    screen = board.screens[-1]
    assert isinstance(screen, SaidScreen)
    view = screen.view()
    assert [(r.text, r.mark) for r in view.rows] == [
        ("I don't agree", "DECISION, confirmed"),
        ("I am thirsty", None),
    ]
    assert all(r.when.startswith("Today ") for r in view.rows)
    key(board, pygame.K_SPACE)  # the patient's switch: nothing happens here
    assert isinstance(board.screens[-1], SaidScreen)
    key(board, pygame.K_ESCAPE)
    assert isinstance(board.screens[-1], CarerMenu)
