"""On the running board: the hold bar is redrawn while it fills, and a layout coloured like the
highlight is named in a banner (issue 8, items 10 and 9).

Before: nothing was drawn between a switch going down and the selection
(the loop slept until the hold was reached), and a layout whose cells look
like the profile's highlight loaded silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from commboard.control.board_status import HOLD_FRAME_S
from commboard.control.board_view import BoardView
from commboard.control.highlight_look import COLOUR_BANNER
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.shell.loop import BoardLoop
from commboard.testing import run_until

NURSE_LAYOUT = """\
format: 1
name: Nurse
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "Call nurse", action: alarm, text: "Please call the nurse"}
      - {label: "Yes"}
"""

YELLOW_LAYOUT = """\
format: 1
name: Yellow
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 3
    cells:
      - {label: "Maybe", color: yellow}
      - {label: "Fine", color: teal}
      - {label: "Soft", color: "#ffe066"}
"""


def drawn_views(board: BoardLoop) -> list[BoardView]:
    views: list[BoardView] = []
    real = board.renderer.draw

    def draw(view: BoardView) -> None:
        views.append(view)
        real(view)

    board.renderer.draw = draw  # type: ignore[method-assign]
    return views


def test_the_bar_is_redrawn_while_the_nurse_hold_fills(
    start_board: Callable[..., BoardLoop],
) -> None:
    board = start_board(layout=NURSE_LAYOUT)
    assert board.session.highlighted == (0,)  # "Call nurse", one row of two: lit first
    views = drawn_views(board)
    t = board.now
    need = board.session.settings.scan.alarm_hold_s
    board.dispatch(SwitchDown(t, Switch.SELECT, Source.KEYBOARD))
    run_until(board, t + need * 0.75)
    progress = [v.hold.progress for v in views if v.hold is not None]
    # Redrawn on the hold's grid: about one frame per HOLD_FRAME_S, rising.
    assert len(progress) >= int(need * 0.75 / HOLD_FRAME_S) - 1
    assert progress == sorted(progress) and progress[-1] == pytest.approx(0.75, abs=0.03)
    assert all(v.hold.cells == (0,) for v in views if v.hold is not None)
    board.dispatch(SwitchUp(board.now, Switch.SELECT, Source.KEYBOARD))
    board.safe_frame(board.now)
    assert views[-1].hold is None
    banners = [b.text for b in views[-1].banners]
    assert "Hold longer" in banners  # let go at three quarters: too short, and said so
    assert not board.chrome.alarm_on


def test_a_layout_coloured_like_the_highlight_is_named_in_one_banner(
    start_board: Callable[..., BoardLoop],
) -> None:
    board = start_board(layout=YELLOW_LAYOUT)
    assert board.view is not None
    shown = [b for b in board.view.banners if b.key == COLOUR_BANNER]
    assert len(shown) == 1
    assert "'Maybe' (home)" in shown[0].text and "'Soft' (home)" in shown[0].text
    assert "Fine" not in shown[0].text
    # The carer picks a blue highlight in the settings: nothing looks like it any more.
    display = replace(board.settings.display, highlight_color="#00a0ff")
    board.apply_settings(replace(board.settings, display=display))
    board.safe_frame(board.now)
    assert board.view is not None
    assert COLOUR_BANNER not in [b.key for b in board.view.banners]


def test_the_shipped_layout_shows_no_colour_banner(
    start_board: Callable[..., BoardLoop],
) -> None:
    board = start_board()
    assert board.view is not None
    assert COLOUR_BANNER not in [b.key for b in board.view.banners]
