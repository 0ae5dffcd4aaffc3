"""Undo inside the window, real Scanner + Session: the notice left on screen names what was undone."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.effects import Cue, Effect, Notice, StopSpeech
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.settings import Auditory, ScanPattern, ScanSettings, Settings


def _board() -> Session:
    cells = (Cell("Yes", Action.SPEAK), Cell("No", Action.SPEAK))
    layout = Layout("t", "en", "home", {"home": Page("home", "Home", 1, 2, cells)})
    scan = replace(ScanSettings(), pattern=ScanPattern.LINEAR, interval_s=1.0, first_extra_s=0.0)
    return Session(layout, Settings(scan=scan), 0.0)


def _press(s: Session, t: float, hold: float = 0.4) -> list[Effect]:
    out = s.handle(SwitchDown(t, Switch.SELECT, Source.KEYBOARD), t)
    return out + s.handle(SwitchUp(t + hold, Switch.SELECT, Source.KEYBOARD), t + hold)


def test_a_second_press_inside_the_window_stops_the_phrase_and_the_last_notice_names_it() -> None:
    s = _board()
    s.tick(0.0)  # "Yes" lit from 0.0
    _press(s, 0.2)  # accepted at 0.5: "Yes" is said
    out = _press(s, 1.0)  # 0.5 s after the activation, inside the 1 s undo window
    notices = [e.text for e in out if isinstance(e, Notice)]
    assert any(isinstance(e, StopSpeech) for e in out)
    assert notices and notices[-1] == "Undone: Yes"  # the chrome shows the last one


def test_a_press_after_the_window_selects_again_instead_of_undoing() -> None:
    s = _board()
    s.tick(0.0)
    _press(s, 0.2)  # "Yes" at 0.5; window until 1.5, scan restarts at 1.5
    out = s.tick(1.6) + _press(s, 1.7)
    assert not [e for e in out if isinstance(e, Notice)]
    assert not any(isinstance(e, StopSpeech) for e in out)


def test_a_press_after_a_carers_click_does_not_undo_the_click() -> None:
    # The patient spells "A", the carer clicks Clear at once; a press inside the
    # patient's undo window must not bring the cleared message back.
    cells = (Cell("A", Action.ADD, text="a"), Cell("Clear", Action.CLEAR))
    layout = Layout("t", "en", "home", {"home": Page("home", "Home", 1, 2, cells)})
    scan = replace(ScanSettings(), pattern=ScanPattern.LINEAR, interval_s=1.0, first_extra_s=0.0)
    s = Session(layout, Settings(scan=scan), 0.0)
    s.tick(0.0)  # "A" lit from 0.0
    _press(s, 0.2)  # accepted at 0.5: the message is "a"
    assert s.message == "a"
    s.handle(CellPointed(0.6, 1, Source.MOUSE), 0.6)  # the carer's Clear
    out = _press(s, 1.0)  # inside the window of the switch's "A"
    assert s.message == ""
    assert not [e for e in out if isinstance(e, Notice) and e.text.startswith("Undone")]


def test_undo_is_also_spoken_with_the_prompt_voice_even_with_auditory_scanning_off() -> None:
    s = _board()
    assert s.settings.scan.auditory is Auditory.OFF
    s.tick(0.0)
    _press(s, 0.2)  # "Yes" said at 0.5
    out = _press(s, 1.0)  # undo inside the window
    cues = [e for e in out if isinstance(e, Cue)]
    assert [c.text for c in cues] == ["Cancelled: Yes"]
    # the phrase is cut off first, so the prompt voice is not dropped behind it
    assert out.index(next(e for e in out if isinstance(e, StopSpeech))) < out.index(cues[0])


def test_a_selection_without_undo_says_no_cancelled() -> None:
    s = _board()
    s.tick(0.0)
    out = _press(s, 0.2) + s.tick(1.6)
    assert not [e for e in out if isinstance(e, Cue) and e.text.startswith("Cancelled")]
