"""Drawing the calibration screen: very large words, a countdown, a progress bar, the result.

The patient may be far from the screen and tired: the words of the current
phase fill the upper half, the seconds left sit under them, a bar shows the
phase's progress and a yellow line says when the camera shows no face.
"""

from __future__ import annotations

from pathlib import Path

import pygame

from commboard.shell.calibration_run import CalibrationRun, result_lines
from commboard.shell.screens.text_fit import PAPER, TextCache, blit_in
from commboard.signals.calibration import CalibrationResult

NO_PICTURE_S = 2.0  # without a frame this long, the screen says the camera shows nothing

BACKGROUND = (11, 15, 20)
BAR = (64, 156, 255)
BAR_TRACK = (60, 66, 74)
WARN = (255, 212, 0)
TEXT = (235, 238, 241)


def paint_big(surface: pygame.Surface, texts: TextCache, words: str, sub: str | None) -> None:
    """``words`` very large in the upper half, ``sub`` (if any) smaller under them."""
    width, height = surface.get_size()
    box = (width // 20, height // 8, width * 9 // 10, height * 2 // 5)
    blit_in(surface, texts.text(words, box[2:], PAPER, height // 5), box)
    if sub:
        small = (width // 20, height * 11 // 20, width * 9 // 10, height // 10)
        blit_in(surface, texts.text(sub, small[2:], TEXT, height // 14), small)


def paint_phase(surface: pygame.Surface, texts: TextCache, run: CalibrationRun, now: float) -> None:
    """The phase running at ``now``: its words, the seconds left, the bar, a camera warning."""
    width, height = surface.get_size()
    i = min(run.index_at(now), len(run.phases) - 1)
    phase = run.phases[i]
    left = run.remaining(now)
    paint_big(surface, texts, phase.words, f"{left:.0f} s")
    bar = (width // 10, height * 7 // 10, width * 8 // 10, height // 24)
    done = 1.0 - left / phase.seconds if phase.seconds > 0 else 1.0
    pygame.draw.rect(surface, BAR_TRACK, bar, border_radius=8)
    pygame.draw.rect(surface, BAR, (*bar[:2], int(bar[2] * done), bar[3]), border_radius=8)
    warn = camera_problem(run, now)
    footer = (width // 20, height * 8 // 10, width * 9 // 10, height // 10)
    text = warn or f"Step {i + 1} of {len(run.phases)}.  Escape stops."
    blit_in(surface, texts.text(text, footer[2:], WARN if warn else TEXT, height // 16), footer)


def camera_problem(run: CalibrationRun, now: float) -> str:
    """What is wrong with the camera picture right now ("" when the face is seen)."""
    sample = run.last_sample
    if sample is None or now - sample.t > NO_PICTURE_S:
        return "No picture from the camera."
    return "" if sample.face_found else "I can't see your face."


def paint_result(
    surface: pygame.Surface,
    texts: TextCache,
    result: CalibrationResult,
    saved: Path | None,
    save_error: str,
) -> None:
    """The measurement, whether it was saved, and how to go back."""
    width, height = surface.get_size()
    title = "Calibration saved" if saved else "Calibration not saved"
    if result.settings.calibrated and not saved and not save_error:
        title = "Calibration done"
    box = (width // 20, height // 12, width * 9 // 10, height // 6)
    blit_in(surface, texts.text(title, box[2:], PAPER, height // 8), box)
    lines = result_lines(result) + ([save_error] if save_error else [])
    lines.append("Press any key to go back.")
    line_h = height // 12
    for n, line in enumerate(lines):
        rect = (width // 20, height // 3 + n * line_h, width * 9 // 10, line_h)
        blit_in(surface, texts.text(line, rect[2:], TEXT, line_h * 3 // 4), rect, "left")
