"""Guided blink calibration: large words and speech lead the patient through three phases.

"Keep your eyes open" (3 s), "Close your eyes" (3 s), "Blink naturally"
(30 s).  The samples of each phase go to ``commboard.signals.calibration.
calibrate`` (the blink helper's pure arithmetic), which measures the open and
closed eye levels and the patient's own spontaneous blinks and recommends a
hold time safely above them.  The screen shows the result and saves it to
the patient's profile (``commboard.profiles.save_profile``) -- only when the
levels were actually measured; otherwise it says what went wrong and changes
nothing.

Two ways in: the carer menu's "Calibrate blinks" entry (``CalibrationScreen``
over the running board) and ``commboard calibrate`` (``run_calibration``: the
same screen on its own).  Phase timing follows the camera's frame stamps and
the clock passed in, so a headless ``--virtual-clock`` run with a synthetic
face completes the whole calibration in seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pygame

from commboard.adapters.pygame_input import CarerRequest, Key, UiEvent, WindowClosed, translate
from commboard.settings import BlinkSettings, Settings
from commboard.shell.eye_input import EyeInput
from commboard.shell.render import PAPER, TextCache, blit_in
from commboard.shell.screens import Close, Outcome, ShellContext, Stay
from commboard.signals.calibration import CalibrationResult, calibrate
from commboard.vision.sample import CameraStatus, EyeSample


@dataclass(frozen=True, slots=True)
class Phase:
    """One step of calibration: what the patient is asked, and for how long."""

    name: str  # "ready", "open", "closed", "blink"
    seconds: float
    words: str  # shown very large
    spoken: str  # said aloud at the start (the patient may have their eyes closed)


PHASES: tuple[Phase, ...] = (
    Phase("ready", 3.0, "Look at the screen", "Let's measure your blinks. Look at the screen."),
    Phase("open", 3.0, "Keep your eyes open", "Keep your eyes open."),
    Phase("closed", 3.0, "Close your eyes", "Close your eyes, and keep them closed."),
    Phase("blink", 30.0, "Blink naturally", "Open your eyes. Now blink naturally."),
)
RESULT_S = 5.0  # headless runs: how long the result stays up before ``commboard calibrate`` ends
NO_PICTURE_S = 2.0  # without a frame this long, the screen says the camera shows nothing
REDRAW_S = 0.25  # the countdown and progress bar move smoothly enough at 4 Hz
NOT_MEASURED = "not measured"

BACKGROUND = (11, 15, 20)
BAR = (64, 156, 255)
BAR_TRACK = (60, 66, 74)
WARN = (255, 212, 0)
TEXT = (235, 238, 241)


class CalibrationRun:
    """The phases, the samples recorded in each, and the result; no pygame, time passed in.

    Args:
        settings: the patient's blink settings (eye choice, limits) to calibrate from.
        start: when the first phase begins (monotonic seconds, the camera's clock).
        phases: the steps (tests may shorten them).
    """

    def __init__(
        self, settings: BlinkSettings, start: float, phases: tuple[Phase, ...] = PHASES
    ) -> None:
        self.settings = settings
        self.start = start
        self.phases = phases
        self.samples: dict[str, list[EyeSample]] = {p.name: [] for p in phases}
        self.last_sample: EyeSample | None = None
        self._announced = -1
        self._result: CalibrationResult | None = None

    @property
    def end(self) -> float:
        """When the last phase is over."""
        return self.start + sum(p.seconds for p in self.phases)

    def index_at(self, t: float) -> int:
        """Index of the phase running at ``t`` (len(phases) when all are done)."""
        elapsed = t - self.start
        for i, phase in enumerate(self.phases):
            if elapsed < phase.seconds:
                return i
            elapsed -= phase.seconds
        return len(self.phases)

    def remaining(self, t: float) -> float:
        """Seconds left in the phase running at ``t``."""
        i = self.index_at(t)
        ends = self.start + sum(p.seconds for p in self.phases[: i + 1])
        return max(0.0, ends - t)

    def add(self, sample: EyeSample) -> None:
        """Record one camera sample into the phase its capture time falls in."""
        self.last_sample = sample
        i = self.index_at(sample.t)
        if 0 <= i < len(self.phases) and sample.t >= self.start:
            self.samples[self.phases[i].name].append(sample)

    def announce(self, now: float) -> list[Phase]:
        """Phases that began since the last call (each is announced once, in order)."""
        i = min(self.index_at(now), len(self.phases) - 1)
        new = list(self.phases[self._announced + 1 : i + 1])
        self._announced = max(self._announced, i)
        return new

    def done(self, now: float) -> bool:
        return now >= self.end

    def result(self) -> CalibrationResult:
        """The measurement (computed once, after the last phase)."""
        if self._result is None:
            self._result = calibrate(
                self.samples.get("open", []),
                self.samples.get("closed", []),
                self.samples.get("blink", []),
                self.settings,
            )
        return self._result


def result_lines(result: CalibrationResult) -> list[str]:
    """The result in words and numbers for the screen and the terminal.

    A value calibration could not measure says "not measured" instead of
    showing the old setting as if it had been measured; a hold that was
    not changed says so.
    """
    open_eyes = f"{result.open_level:.3f}" if result.open_measured else NOT_MEASURED
    closed_eyes = f"{result.closed_level:.3f}" if result.closed_measured else NOT_MEASURED
    if not result.blinks_measured:
        blinks = f"Blinks seen: {NOT_MEASURED}"
    elif result.blink_durations_s:
        blinks = (
            f"Blinks seen: {len(result.blink_durations_s)} ({result.blinks_per_min:.0f} a minute),"
            f" longest {result.longest_blink_s:.2f} s"
        )
    else:
        blinks = "Blinks seen: none"
    changed = result.blinks_measured and bool(result.blink_durations_s)
    hold = f"Hold time to select: {result.hold_s:.2f} s" + ("" if changed else " (unchanged)")
    return [f"Open eyes: {open_eyes}; closed eyes: {closed_eyes}", blinks, hold] + list(
        result.problems
    )


def save_calibration(profile: str, result: CalibrationResult) -> Path | None:
    """Save the measured blink settings into ``profile`` (re-read, so only blink changes).

    Returns the file, or None when the levels were not measured (nothing saved).
    Raises ``OSError`` if the file cannot be written (the old one is then intact).
    """
    if not result.settings.calibrated:
        return None
    from commboard.profiles import load_profile, save_profile

    stored, _ = load_profile(profile)
    return save_profile(profile, replace(stored, blink=result.settings))


class CalibrationScreen:
    """The guided calibration, as a carer screen over the board (or on its own).

    Args:
        ctx: the running board (settings; ``apply_settings`` takes the result live).
        eyes: the camera glue; None when the board has no camera.
        phases: the steps (tests may shorten them).
        save: stores the result for the profile; returns where (None: not saved).
    """

    wants_text = False

    def __init__(
        self,
        ctx: ShellContext,
        eyes: EyeInput | None,
        phases: tuple[Phase, ...] = PHASES,
        save: Callable[[str, CalibrationResult], Path | None] = save_calibration,
    ) -> None:
        self.ctx = ctx
        self.eyes = eyes
        self.phases = phases
        self._save = save
        self.run: CalibrationRun | None = None
        self.saved: Path | None = None
        self.save_error = ""
        self.finished_at: float | None = None
        self._drawn_at: float | None = None

    # -- Screen -----------------------------------------------------------------------------

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Escape stops (nothing is saved before the end); after the result any key closes."""
        if self.finished_at is not None and isinstance(event, Key | CarerRequest):
            return Close()
        if isinstance(event, CarerRequest):
            self.stop()
            return Close()
        return Stay()

    def next_deadline(self, now: float) -> float | None:
        """The next phase change or countdown tick (the words change every second)."""
        if self.eyes is None or self.finished_at is not None:
            return None
        return now if self._drawn_at is None else self._drawn_at + REDRAW_S

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Keep the phases moving, then draw the words, the countdown and the bar."""
        self.tick(now)
        self._drawn_at = now
        surface.fill(BACKGROUND)
        if self.eyes is None:
            self._big(surface, texts, "There is no camera: calibration needs one.", None)
        elif self.finished_at is not None:
            self._result(surface, texts)
        elif self.run is not None:
            self._phase(surface, texts, self.run, now)

    # -- progress -----------------------------------------------------------------------------

    def tick(self, now: float) -> None:
        """Start on first call; announce new phases; finish after the last one."""
        if self.eyes is None or self.finished_at is not None:
            return
        if self.run is None:
            self.run = CalibrationRun(self.ctx.settings.blink, now, self.phases)
            self.eyes.record(self.run.add)
        for phase in self.run.announce(now):
            self.eyes.say(phase.spoken)
        if self.run.done(now):
            self.finish(now)

    def finish(self, now: float) -> None:
        """Compute, apply and save the result; say it is done."""
        assert self.run is not None and self.eyes is not None
        self.stop()
        self.finished_at = now
        result = self.run.result()
        if not result.settings.calibrated:
            self.eyes.say("Calibration did not work. " + " ".join(result.problems))
            return
        self.ctx.apply_settings(replace(self.ctx.settings, blink=result.settings))
        profile = getattr(self.ctx, "profile", None) or self.eyes.profile
        try:
            self.saved = self._save(str(profile), result)
        except OSError as err:
            self.save_error = f"Could not save the profile: {err}"
        self.eyes.say(f"Thank you. To select, close your eyes for {result.hold_s:.1f} seconds.")

    def stop(self) -> None:
        """Stop recording: samples go back to the blink switch."""
        if self.eyes is not None:
            self.eyes.record(None)

    @property
    def result(self) -> CalibrationResult | None:
        return self.run.result() if self.run is not None and self.finished_at is not None else None

    # -- drawing ------------------------------------------------------------------------------

    def _big(self, surface: pygame.Surface, texts: TextCache, words: str, sub: str | None) -> None:
        width, height = surface.get_size()
        box = (width // 20, height // 8, width * 9 // 10, height * 2 // 5)
        blit_in(surface, texts.text(words, box[2:], PAPER, height // 5), box)
        if sub:
            small = (width // 20, height * 11 // 20, width * 9 // 10, height // 10)
            blit_in(surface, texts.text(sub, small[2:], TEXT, height // 14), small)

    def _phase(
        self, surface: pygame.Surface, texts: TextCache, run: CalibrationRun, now: float
    ) -> None:
        width, height = surface.get_size()
        i = min(run.index_at(now), len(run.phases) - 1)
        phase = run.phases[i]
        left = run.remaining(now)
        self._big(surface, texts, phase.words, f"{left:.0f} s")
        bar = (width // 10, height * 7 // 10, width * 8 // 10, height // 24)
        done = 1.0 - left / phase.seconds if phase.seconds > 0 else 1.0
        pygame.draw.rect(surface, BAR_TRACK, bar, border_radius=8)
        pygame.draw.rect(surface, BAR, (*bar[:2], int(bar[2] * done), bar[3]), border_radius=8)
        warn = self._camera_problem(run, now)
        footer = (width // 20, height * 8 // 10, width * 9 // 10, height // 10)
        text = warn or f"Step {i + 1} of {len(run.phases)}.  Escape stops."
        blit_in(surface, texts.text(text, footer[2:], WARN if warn else TEXT, height // 16), footer)

    def _camera_problem(self, run: CalibrationRun, now: float) -> str:
        sample = run.last_sample
        if sample is None or now - sample.t > NO_PICTURE_S:
            return "No picture from the camera."
        return "" if sample.face_found else "I can't see your face."

    def _result(self, surface: pygame.Surface, texts: TextCache) -> None:
        width, height = surface.get_size()
        result = self.result
        assert result is not None
        title = "Calibration saved" if self.saved else "Calibration not saved"
        if result.settings.calibrated and not self.saved and not self.save_error:
            title = "Calibration done"
        box = (width // 20, height // 12, width * 9 // 10, height // 6)
        blit_in(surface, texts.text(title, box[2:], PAPER, height // 8), box)
        lines = result_lines(result) + ([self.save_error] if self.save_error else [])
        lines.append("Press any key to go back.")
        line_h = height // 12
        for n, line in enumerate(lines):
            rect = (width // 20, height // 3 + n * line_h, width * 9 // 10, line_h)
            blit_in(surface, texts.text(line, rect[2:], TEXT, line_h * 3 // 4), rect, "left")


def open_calibration(ctx: ShellContext) -> Outcome:
    """The carer menu's "Calibrate blinks" entry."""
    from commboard.shell.camera_view import eye_input_of
    from commboard.shell.screens import Open

    return Open(CalibrationScreen(ctx, eye_input_of(ctx)))


# -- ``commboard calibrate``: the same screen without the board --------------------------------


class _AloneContext:
    """``ShellContext`` for calibration outside the board: settings only."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def settings(self) -> Settings:
        return self._settings

    def apply_settings(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def layouts_root(self) -> Path:
        return Path(".")


def _feed_screen(eyes: EyeInput, screen: CalibrationScreen, now: float) -> None:
    for item in eyes.feed.drain(now):
        if isinstance(item, CameraStatus):
            eyes.state = item.state
            print(f"commboard: camera: {item.message}", file=sys.stderr)
        elif screen.run is not None and screen.finished_at is None:
            screen.run.add(item)


def _calibration_loop(
    args: Any, surface: pygame.Surface, eyes: EyeInput, screen: CalibrationScreen
) -> None:
    virtual = bool(getattr(args, "virtual_clock", False))
    now = start = 1000.0 if virtual else time.monotonic()
    frame_s = 1.0 / max(1.0, float(args.camera_fps))
    texts = TextCache()
    auto_close = virtual or bool(getattr(args, "headless", False))
    while True:
        screen.tick(now)
        if auto_close and screen.finished_at is not None and now - screen.finished_at >= RESULT_S:
            return
        _feed_screen(eyes, screen, now)
        for ev in pygame.event.get():
            ui = translate(ev, now, None)
            if isinstance(ui, WindowClosed):
                screen.stop()
                return
            if ui is not None and isinstance(screen.handle(ui, now), Close):
                return
        screen.draw(surface, texts, now)
        pygame.display.flip()
        if virtual:
            now += frame_s
        else:
            pygame.time.wait(int(frame_s * 1000))
            now = time.monotonic()
        if now - start > 10 * 60:  # never hang: a calibration left open ends after 10 minutes
            return


def run_calibration(args: argparse.Namespace) -> int:
    """``commboard calibrate``: guide, measure, show and save; 0 saved, 1 not, 2 no camera."""
    if str(args.camera).strip().lower() == "none":
        print(
            "commboard: calibration needs a camera (--camera auto, index:N, video:... or synthetic)",
            file=sys.stderr,
        )
        return 2
    if getattr(args, "headless", False):
        os.environ["SDL_VIDEODRIVER"] = "dummy"
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from commboard.adapters.camera_worker import open_vision
    from commboard.adapters.pyttsx3_speaker import open_speaker
    from commboard.profiles import load_profile
    from commboard.signals.blink_switch import BlinkSwitch

    settings, problems = load_profile(args.profile)
    for problem in problems:
        print(f"commboard: settings: {problem}", file=sys.stderr)
    virtual = bool(getattr(args, "virtual_clock", False))
    pygame.display.init()
    pygame.font.init()
    size = args.windowed or ((1280, 720) if getattr(args, "headless", False) else (0, 0))
    surface = pygame.display.set_mode(
        size, 0 if args.windowed or size != (0, 0) else pygame.FULLSCREEN
    )
    start = 1000.0 if virtual else time.monotonic()
    feed = open_vision(
        args.camera,
        virtual_clock=virtual,
        size=args.camera_size,
        fps=args.camera_fps,
        start_t=start,
    )
    speaker = open_speaker(args.speech, settings.speech)
    eyes = EyeInput(
        feed,
        BlinkSwitch(settings.blink),
        camera=args.camera,
        virtual_clock=virtual,
        fps=args.camera_fps,
        profile=args.profile,
        say=speaker.say,
    )
    screen = CalibrationScreen(_AloneContext(settings), eyes)
    try:
        eyes.start()
        _calibration_loop(args, surface, eyes, screen)
    finally:
        eyes.close()
        speaker.close()
        pygame.quit()
    return _report(screen)


def _report(screen: CalibrationScreen) -> int:
    result = screen.result
    if result is None:
        print("commboard: calibration stopped; nothing was saved", file=sys.stderr)
        return 1
    for line in result_lines(result):
        print(line)
    if screen.save_error:
        print(f"commboard: {screen.save_error}", file=sys.stderr)
    if screen.saved is None:
        print("commboard: calibration not saved", file=sys.stderr)
        return 1
    print(f"saved: {screen.saved}")
    return 0
