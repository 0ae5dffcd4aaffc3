"""The running board tells the carer when its layout has no call for help."""

from __future__ import annotations

from collections.abc import Callable

from commboard.control.alarm_check import NO_ALARM_BANNER
from commboard.shell.loop import BoardLoop
from commboard.testing.layouts import TWO_PAGE_LAYOUT

BARE = """\
format: 1
name: Imported board
home: home
pages:
  - id: home
    rows: 1
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
"""


def test_a_board_without_a_call_for_help_shows_a_banner(
    start_board: Callable[..., BoardLoop],
) -> None:
    board = start_board(layout=BARE)
    assert board.view is not None
    texts = [b.text for b in board.view.banners if b.key == NO_ALARM_BANNER]
    assert texts and "has no Call nurse cell" in texts[0]


def test_a_board_with_one_shows_none(start_board: Callable[..., BoardLoop]) -> None:
    board = start_board(layout=TWO_PAGE_LAYOUT)
    assert board.view is not None
    assert not [b for b in board.view.banners if b.key == NO_ALARM_BANNER]
