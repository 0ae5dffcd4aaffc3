"""Guided blink calibration: large words and speech lead the patient through the phases.

The phases, their samples and the measurement live in ``calibration_run``;
what is shown in ``control.calibration_screen_view`` (built here, each frame), drawing in
``calibration_paint``.  This screen starts recording on its first frame,
says each phase aloud (the patient may have their eyes closed), and at the
end applies the result live and saves it to the patient's profile
(``commboard.settings.profiles.save_profile``) -- only when the levels were actually
measured; otherwise it says what went wrong and changes nothing.

Two ways in: the carer menu's "Calibrate blinks" entry (``CalibrationScreen``
over the running board) and ``commboard calibrate`` (``calibrate_alone``:
the same screen on its own, built by ``shell.app``).  Phase timing follows the camera's frame stamps
and the clock passed in, so a headless ``--virtual-clock`` run with a
synthetic face completes the whole calibration in seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.control.calibration_run import PHASES, CalibrationRun, Phase, PhasedRun
from commboard.control.calibration_screen_view import (
    BigWords,
    CalibrationView,
    phase_view,
    result_view,
)
from commboard.control.gaze_calibration_run import GAZE_PHASES, GazeCalibrationRun
from commboard.events import CarerRequest, Key, Source, SwitchDown, UiEvent
from commboard.settings import Settings
from commboard.shell.records.calibration_save import save_calibration
from commboard.shell.screens.base import (
    CameraAccess,
    Close,
    Open,
    Outcome,
    Screen,
    ShellContext,
    Stay,
)
from commboard.shell.screens.calibration.calibration_paint import paint
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.calibration import CalibrationResult
from commboard.signals.gaze_calibration import GazeCalibrationResult

REDRAW_S = 0.25  # the countdown and progress bar move smoothly enough at 4 Hz


class CalibrationScreen:
    """The guided calibration, as a carer screen over the board (or on its own).

    Args:
        ctx: the running board (settings; ``apply_settings`` takes the result live).
        eyes: the camera glue; None when the board has no camera.
        phases: the steps (tests may shorten them).
        save: stores the result for the profile; returns where (None: not saved).
        make_run: the calibration to run (blinks by default; ``gaze_run`` for looks).
    """

    wants_text = False
    idle_timeout_s: float | None = None  # runs without carer input on purpose

    def __init__(
        self,
        ctx: ShellContext,
        eyes: CameraAccess | None,
        phases: tuple[Phase, ...] = PHASES,
        save: Callable[[str, PhasedRun], Path | None] = save_calibration,
        make_run: RunMaker | None = None,
    ) -> None:
        self.ctx = ctx
        self.eyes = eyes
        self.phases = phases
        self._save = save
        self._make_run = make_run or blink_run
        self.run: PhasedRun | None = None
        self.saved: Path | None = None
        self.save_error = ""
        self.finished_at: float | None = None
        self._drawn_at: float | None = None

    # -- Screen -----------------------------------------------------------------------------

    @property
    def wants_switches(self) -> bool:
        """Only once the result shows: then Space and Enter are keys like any other.

        While measuring, the patient's eyes are measured, not read as presses.
        """
        return self.finished_at is not None

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Escape stops (nothing is saved before the end); after the result any key closes.

        "Any key" includes Space and Enter (and a USB switch sending them),
        which arrive as keyboard switch presses; a blink does not close it.
        """
        if self.finished_at is not None and isinstance(event, Key | CarerRequest):
            return Close()
        if self.finished_at is not None and _a_key_pressed(event):
            return Close()
        if isinstance(event, CarerRequest):
            self.stop()
            return Close()
        return Stay()

    draft_slot: str | None = None  # keeps no unsaved work

    def resume(self, kept: Screen, now: float) -> Screen:
        """Keeps no drafts: opens as it is."""
        return self

    def timeout_note(self) -> str | None:
        """Never closed for want of input (``idle_timeout_s`` is None)."""
        return None

    def next_deadline(self, now: float) -> float | None:
        """The next phase change or countdown tick (the words change every second)."""
        if self.eyes is None or self.finished_at is not None:
            return None
        return now if self._drawn_at is None else self._drawn_at + REDRAW_S

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Keep the phases moving, then draw the words, the countdown and the bar."""
        self.tick(now)
        self._drawn_at = now
        if self.run is not None:  # the gaze map's accuracy is stated in this screen's widths
            width, height = surface.get_size()
            self.run.aspect = height / max(1, width)
        paint(surface, texts, self.view(now))

    def view(self, now: float) -> CalibrationView | None:
        """What the screen shows at ``now`` (None: the run has not started)."""
        if self.eyes is None:
            return BigWords("There is no camera: calibration needs one.")
        if self.run is None:
            return None
        if self.finished_at is not None:
            return result_view(self.run, self.saved, self.save_error)
        return phase_view(self.run, now)

    # -- progress -----------------------------------------------------------------------------

    def tick(self, now: float) -> None:
        """Start on first call; announce new phases; finish after the last one."""
        if self.eyes is None or self.finished_at is not None:
            return
        if self.run is None:
            self.run = self._make_run(self.ctx.settings, now, self.phases)
            self.eyes.record(self.run.add, looks=isinstance(self.run, GazeCalibrationRun))
        for phase in self.run.announce(now):
            self.eyes.say(phase.spoken)
        if self.run.done(now):
            self.finish(now)

    def finish(self, now: float) -> None:
        """Compute, apply and save the result; say it is done."""
        assert self.run is not None and self.eyes is not None
        self.stop()
        self.finished_at = now
        applied = self.run.applied(self.ctx.settings)
        record = {"kind": self.run.kind, "ok": applied is not None, **self.run.record()}
        self.ctx.record_event("calibrated", record)
        if applied is None:
            self.eyes.say(self.run.failed_words())
            return
        self.ctx.apply_settings(applied)
        try:
            self.saved = self._save(self.ctx.profile, self.run)
        except OSError as err:
            self.save_error = f"Could not save the profile: {err}"
        self.eyes.say(self.run.thanks())

    def stop(self) -> None:
        """Stop recording: samples go back to the blink switch."""
        if self.eyes is not None:
            self.eyes.record(None)

    @property
    def result(self) -> CalibrationResult | GazeCalibrationResult | None:
        run = self.run
        if self.finished_at is None or not isinstance(run, CalibrationRun | GazeCalibrationRun):
            return None
        return run.result()


def _a_key_pressed(event: UiEvent) -> bool:
    """A switch key (Space, Enter, Right, Tab) went down on the keyboard."""
    return isinstance(event, SwitchDown) and event.source is Source.KEYBOARD


def open_calibration(ctx: ShellContext) -> Outcome:
    """The carer menu's "Calibrate blinks" entry."""
    return Open(CalibrationScreen(ctx, ctx.eyes))


def open_gaze_calibration(ctx: ShellContext) -> Outcome:
    """The carer menu's "Calibrate looks" entry."""
    return Open(CalibrationScreen(ctx, ctx.eyes, GAZE_PHASES, make_run=gaze_run))


RunMaker = Callable[[Settings, float, tuple[Phase, ...]], PhasedRun]


def blink_run(settings: Settings, start: float, phases: tuple[Phase, ...]) -> PhasedRun:
    """The blink calibration (the default)."""
    return CalibrationRun(settings.blink, start, phases)


def gaze_run(settings: Settings, start: float, phases: tuple[Phase, ...]) -> PhasedRun:
    """The gaze calibration: the middle, then left, right, up and down."""
    return GazeCalibrationRun(settings, start, phases)
