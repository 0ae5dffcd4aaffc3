"""Holding a switch gives feedback (issue 8, item 10).

Before: during the 2 s hold on "Call nurse" nothing changed on screen, and a
press let go too soon was refused silently (only the event log knew).  Now
the render model carries the hold's progress on the cell it acts on, the
loop redraws it on a fixed grid while it fills, and a press that was too
short is answered with "Hold longer" -- shown, and said with the prompt
voice when auditory scanning is on.
"""

from __future__ import annotations

import dataclasses

import pytest

from commboard.board.layout_file import load_layout_or_default
from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.control import board_status
from commboard.control.board_view import Chrome
from commboard.effects import Cue, Effect, ShowBanner
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.scanning.scan_cues import HOLD_LONGER, HOLD_LONGER_S
from commboard.settings import Auditory, ScanMode, ScanPattern, Settings

SIZE = (1280, 720)


def nurse_session(auditory: Auditory = Auditory.OFF) -> tuple[Session, int]:
    """The default board in step mode with "Call nurse" highlighted alone; its slot."""
    layout: Layout = load_layout_or_default(None)[0]
    settings = Settings()
    scan = dataclasses.replace(
        settings.scan, mode=ScanMode.STEP, pattern=ScanPattern.LINEAR, auditory=auditory
    )
    session = Session(layout, dataclasses.replace(settings, scan=scan), 0.0)
    session.tick(0.0)
    nurse = next(i for i, c in enumerate(session.page.cells) if c and c.label == "Call nurse")
    t = 0.0
    while session.highlighted != (nurse,):  # step mode: NEXT moves the highlight
        t += 1.0
        session.handle(SwitchDown(t, Switch.NEXT, Source.KEYBOARD), t)
        session.handle(SwitchUp(t + 0.5, Switch.NEXT, Source.KEYBOARD), t + 0.5)
    return session, nurse


def press(session: Session, t: float) -> list[Effect]:
    return session.handle(SwitchDown(t, Switch.SELECT, Source.KEYBOARD), t)


def test_the_nurse_hold_fills_a_bar_on_its_cell_in_the_render_model() -> None:
    session, nurse = nurse_session()
    t = 100.0
    press(session, t)
    need = session.settings.scan.alarm_hold_s
    assert need >= 2.0  # the long hold this feedback exists for
    for share in (0.0, 0.25, 0.5, 0.9):
        view = board_status.board_frame(SIZE, session, Chrome(), None, now=t + share * need)
        assert view.hold is not None
        assert view.hold.cells == (nurse,)
        assert view.hold.progress == pytest.approx(share)
    assert [c.index for c in view.cells if c.highlighted] == [nurse]  # the bar sits on a lit cell


def test_no_bar_without_a_press_held_or_without_a_time() -> None:
    session, _ = nurse_session()
    assert board_status.board_frame(SIZE, session, Chrome(), None, now=100.0).hold is None
    press(session, 100.0)
    assert board_status.board_frame(SIZE, session, Chrome(), None).hold is None


def test_the_loop_redraws_the_bar_on_a_fixed_grid_until_the_hold_is_reached() -> None:
    session, _ = nurse_session()
    assert board_status.hold_redraw_at(session, 100.0) is None
    t = 100.0
    press(session, t)
    step = board_status.HOLD_FRAME_S
    assert board_status.hold_redraw_at(session, t) == pytest.approx(t + step)
    assert board_status.hold_redraw_at(session, t + 0.5 * step) == pytest.approx(t + step)
    assert board_status.hold_redraw_at(session, t + 3.2 * step) == pytest.approx(t + 4 * step)
    need = session.settings.scan.alarm_hold_s
    assert board_status.hold_redraw_at(session, t + need - 1e-4) == pytest.approx(t + need)


def test_a_press_let_go_too_soon_is_answered_with_hold_longer_on_screen() -> None:
    session, nurse = nurse_session(Auditory.OFF)
    press(session, 100.0)
    effects = session.handle(SwitchUp(100.6, Switch.SELECT, Source.KEYBOARD), 100.6)
    shown = [e for e in effects if isinstance(e, ShowBanner)]
    assert [(e.banner.text, e.for_s) for e in shown] == [(HOLD_LONGER, HOLD_LONGER_S)]
    assert shown[0].banner.level == "info"  # calm: nothing is wrong, the press was short
    assert not [e for e in effects if isinstance(e, Cue)]  # auditory scanning is off: silent
    assert session.highlighted == (nurse,)  # nothing was selected
    assert board_status.board_frame(SIZE, session, Chrome(), None, now=100.7).hold is None


@pytest.mark.parametrize("auditory", [Auditory.LABELS, Auditory.BEEP, Auditory.BOTH])
def test_with_auditory_scanning_hold_longer_is_said_with_the_prompt_voice(
    auditory: Auditory,
) -> None:
    session, _ = nurse_session(auditory)
    press(session, 100.0)
    effects = session.handle(SwitchUp(100.6, Switch.SELECT, Source.KEYBOARD), 100.6)
    assert [e.text for e in effects if isinstance(e, Cue)] == [HOLD_LONGER]


def test_a_press_held_long_enough_gets_no_hold_longer() -> None:
    session, _ = nurse_session(Auditory.LABELS)
    press(session, 100.0)
    need = session.settings.scan.alarm_hold_s
    effects = session.tick(100.0 + need)
    effects += session.handle(SwitchUp(100.0 + need + 0.1, Switch.SELECT, Source.KEYBOARD), 103)
    assert not [e for e in effects if isinstance(e, ShowBanner)]
    assert HOLD_LONGER not in [e.text for e in effects if isinstance(e, Cue)]
