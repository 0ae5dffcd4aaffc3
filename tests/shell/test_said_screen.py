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


LONG = "I want to see my daughter Rebecca today before the operation please call her " * 8


def _last_line_px(surface: pygame.Surface, box: tuple[int, int, int, int]) -> int:
    """The height of the lowest run of pixel rows with black letters in ``box``: one line."""
    x, y, w, h = box
    run = 0
    for py in range(y + h - 1, y - 1, -1):
        inked = any(sum(surface.get_at((px, py))[:3]) < 60 for px in range(x, x + w, 2))
        if inked:
            run += 1
        elif run:
            return run
    return run


def test_a_long_message_is_shown_whole_at_a_readable_size_and_scrolling_reaches_every_line(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    # A long spelled message was squeezed into one of the seven lines and
    # drawn about 6 px high at 1280x800: a nurse could not read it.
    lines = [
        f'{{"time": "{stamp}", "text": "{text}", "page": "spell", "source": "blink", '
        '"cell": null, "how": "spelled"}\n'
        for stamp, text in [
            ("2026-03-01T00:30:00+00:00", LONG.strip()),
            *((f"2026-03-01T0{h}:00:00+00:00", f"short {h}") for h in range(1, 8)),
        ]
    ]
    history = tmp_path / "said.jsonl"
    history.write_text("".join(lines), encoding="utf-8")
    board = start_board(
        "--windowed", "1280x800", "--start-time", "2026-03-01T10:00", history=history
    )
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_w, "w")
    screen = board.screens[-1]
    assert isinstance(screen, SaidScreen)
    seen: list[str] = []
    for _ in range(10):  # Down, more times than there are lines
        board.draw()
        seen += [r.text for r in screen.view().rows if r.text not in seen]
        key(board, pygame.K_DOWN)
    assert LONG.strip() in seen and len(seen) == 8, "every statement can be reached"
    surface = board.p.surface
    board.draw()
    assert screen.view().rows[-1].text == LONG.strip()  # the oldest, at the end
    # its words are the lowest on the screen (no mark beside them; the keys' line is white)
    width, height = surface.get_size()
    box = (width // 5 + 40, height // 2, width - width // 5 - 80, height // 2 - height // 8)
    assert _last_line_px(surface, box) >= 12, "letters a nurse can read"
