"""A layout cell's own ``hold`` cannot make the nurse call quicker than the alarm hold's minimum.

``scan.alarm_hold_s`` may not go under 1 s (an ordinary blink or a stray
press must never call the nurse), but a nurse-call cell with ``hold: 0.3`` in
the layout was called by a 0.3 s press.  The board now holds it to at least
1 s, and ``commboard validate`` warns about such a cell.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from commboard.board.layout_file import validate_command
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.effects import Alarm, Effect
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import ScanPattern, ScanSettings, Settings
from commboard.settings.fields import FIELDS

SHORTEST_S = FIELDS["scan.alarm_hold_s"].meta.min


def board(hold_s: float) -> Session:
    cells = (Cell("Call nurse", Action.ALARM, text="Please call the nurse", hold_s=hold_s),
             Cell("Yes", Action.SPEAK))  # fmt: skip
    layout = Layout("t", "en", "home", {"home": Page("home", "Home", 1, 2, cells)})
    scan = replace(ScanSettings(), pattern=ScanPattern.LINEAR, interval_s=1.0, first_extra_s=0.0,
                   alarm_hold_s=2.0, undo_window_s=0.0)  # fmt: skip
    session = Session(layout, Settings(scan=scan), 0.0)
    session.tick(0.0)  # "Call nurse" lit from 0
    return session


def press(session: Session, t: float, held_s: float) -> list[Effect]:
    out = session.handle(SwitchDown(t, Switch.SELECT, Source.KEYBOARD), t)
    out += session.tick(t + held_s)
    return out + session.handle(SwitchUp(t + held_s, Switch.SELECT, Source.KEYBOARD), t + held_s)


def test_a_short_press_never_calls_the_nurse_whatever_the_cells_own_hold() -> None:
    assert SHORTEST_S == 1.0
    session = board(hold_s=0.3)
    assert not any(isinstance(e, Alarm) for e in press(session, 0.1, 0.5))
    session = board(hold_s=0.3)
    assert any(isinstance(e, Alarm) for e in press(session, 0.1, 1.1))


def test_a_longer_own_hold_on_the_nurse_call_is_kept() -> None:
    session = board(hold_s=3.0)
    assert not any(isinstance(e, Alarm) for e in press(session, 0.1, 2.5))


def test_validate_warns_about_a_nurse_call_held_under_the_minimum(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layout = tmp_path / "board.yaml"
    layout.write_text(
        "format: 1\nname: Help\nhome: home\npages:\n  - id: home\n    title: Home\n"
        "    rows: 1\n    columns: 2\n    cells:\n"
        '      - {label: "Call nurse", action: alarm, text: "Please call the nurse", hold: 0.3}\n'
        '      - {label: "Yes", hold: 0.3}\n',
        encoding="utf-8",
    )
    assert validate_command([str(layout)]) == 0  # a warning, never a refusal
    out = capsys.readouterr().out
    assert (
        "warning: page 'home': cell 'Call nurse' calls the nurse with 'hold: 0.3'; the board "
        "holds it to at least 1 s" in out
    )
    assert "'Yes'" not in out  # a short hold elsewhere is the carer's choice
