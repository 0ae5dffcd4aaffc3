"""How calibration ends: a failed step is said at once, and Space or Enter close the result.

Calibration used to wait out all 39 s (the 30-s blink step included) before
saying it never saw the eyes closed, and its "Press any key to go back"
ignored Space and Enter (they are switch keys, dropped on carer screens).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import translate
from commboard.clock import VirtualClock
from commboard.control.calibration_run import LATE_FRAMES_S, CalibrationRun
from commboard.events import Key, Source, Switch, SwitchDown
from commboard.settings import BlinkSettings, Settings
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.base import Close, Stay
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.signals.blink_switch import BlinkSwitch
from commboard.signals.calibration import CLOSED_UNSEEN, OPEN_UNSEEN, TOO_ALIKE
from commboard.testing import ScriptedFeed, ScriptedSamples
from commboard.vision.sample import EyeSample

# ready 0-3, open 3-6, closed 6-9, blink 9-39 (PHASES).
CLOSED_ENDS = 9.0
OPEN_ENDS = 6.0


def never_closes() -> list[EyeSample]:
    """A patient who keeps the eyes open through "Close your eyes"."""
    return ScriptedSamples().open(39.5).samples()


def face_away_while_open() -> list[EyeSample]:
    """Nobody in the picture during "Keep your eyes open"."""
    return ScriptedSamples().open(3.0).no_face(3.0).closed(3.0).open(30.5).samples()


def run_until(samples: list[EyeSample], now: float) -> CalibrationRun:
    run = CalibrationRun(BlinkSettings(), start=0.0)
    for s in samples:
        if s.t < now:
            run.add(s)
    return run


def test_eyes_never_closed_is_known_when_the_closed_step_ends_not_after_39_s() -> None:
    checked = CLOSED_ENDS + LATE_FRAMES_S
    assert not run_until(never_closes(), checked - 0.01).done(checked - 0.01)
    run = run_until(never_closes(), checked)
    assert run.done(checked) and run.failure(checked) == CLOSED_UNSEEN
    result = run.result()
    assert result.problems == (CLOSED_UNSEEN,) and not result.settings.calibrated


def test_a_face_away_while_the_eyes_should_be_open_ends_the_run_after_that_step() -> None:
    checked = OPEN_ENDS + LATE_FRAMES_S
    run = run_until(face_away_while_open(), checked)
    assert run.done(checked) and run.failure(checked) == OPEN_UNSEEN
    assert run.result().problems == (OPEN_UNSEEN,), "nothing said of the steps never run"


def test_a_good_run_is_not_ended_early() -> None:
    samples = ScriptedSamples().open(6.4).closed(2.6).open(30.5).samples()
    run = run_until(samples, 38.9)
    assert not run.done(38.9) and run.failure(38.9) is None
    assert run.done(39.0)


def eyes_saying(said: list[str]) -> EyeInput:
    return EyeInput(
        ScriptedFeed(), BlinkSwitch(BlinkSettings()), clock=VirtualClock(0.0), say=said.append
    )


class Ctx:
    def __init__(self) -> None:
        self.events: list[dict[str, object]] = []
        self.settings = Settings()
        self.profile = "anna"
        self.eyes = None
        self.layouts_root = Path(".")

    def apply_settings(self, settings: Settings) -> None:
        raise AssertionError("a failed calibration changes nothing")

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        self.events.append({"type": kind, **fields})


def test_the_screen_says_the_failure_as_soon_as_the_step_fails() -> None:
    said: list[str] = []
    ctx = Ctx()
    screen = CalibrationScreen(ctx, eyes_saying(said))
    screen.tick(0.0)
    at = CLOSED_ENDS + LATE_FRAMES_S
    for s in never_closes():
        if s.t < at:
            screen.run.add(s)  # type: ignore[union-attr]
        if round(s.t * 30) % 8 == 0 and s.t <= at:
            screen.tick(s.t)
    screen.tick(at)
    assert screen.finished_at == at
    assert said[-1] == "Calibration did not work. " + CLOSED_UNSEEN
    assert screen.next_deadline(at) is None, "nothing more to count down"
    assert ctx.events == [{"type": "calibrated", "kind": "blinks", "ok": False}]


def finished_screen() -> CalibrationScreen:
    screen = CalibrationScreen(Ctx(), eyes_saying([]))
    screen.tick(0.0)
    for s in never_closes():
        screen.run.add(s)  # type: ignore[union-attr]
    screen.tick(39.5)
    assert screen.finished_at is not None
    return screen


def test_space_and_enter_close_the_result_a_blink_does_not() -> None:
    running = CalibrationScreen(Ctx(), eyes_saying([]))
    running.tick(0.0)
    assert not running.wants_switches, "while measuring, the eyes are not presses"
    screen = finished_screen()
    assert screen.wants_switches
    assert isinstance(screen.handle(SwitchDown(40.0, Switch.SELECT, Source.BLINK), 40.0), Stay)
    for key in (pygame.K_SPACE, pygame.K_RETURN):
        down = translate(pygame.event.Event(pygame.KEYDOWN, key=key, unicode=""), 40.0, None)
        assert isinstance(down, SwitchDown), "Space and Enter arrive as switch presses"
        assert isinstance(finished_screen().handle(down, 40.0), Close)
    assert isinstance(finished_screen().handle(Key(40.0, pygame.K_x, "x"), 40.0), Close)


def test_on_the_board_space_reaches_the_result_and_closes_it(
    start_board: Callable[..., BoardLoop],
) -> None:
    loop = start_board()
    screen = finished_screen()
    loop.open_screen(screen)
    loop.dispatch(SwitchDown(loop.now, Switch.SELECT, Source.KEYBOARD))
    assert screen not in loop.screens


def test_eyes_that_cannot_close_fully_end_the_run_after_the_closed_step() -> None:
    """Lids that barely move: the patient was made to go on with 30 s of "Blink naturally"
    before hearing that open and closed eyes look too alike."""
    samples = ScriptedSamples(open_ear=0.27, closed_ear=0.26).open(6.7).closed(2.3).open(30.5)
    checked = CLOSED_ENDS + LATE_FRAMES_S
    run = run_until(samples.samples(), checked)
    assert run.done(checked) and run.failure(checked) == TOO_ALIKE
    assert run.result().problems == (TOO_ALIKE,) and not run.result().settings.calibrated
