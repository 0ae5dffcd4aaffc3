"""What the calibration screen shows, as data: the screen builds it, ``calibration_paint`` draws it.

Three pictures: a message in very large words (no camera), a phase running
(its words, seconds left, progress, a camera warning), and the result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from commboard.control.calibration_run import PhasedRun

NO_PICTURE_S = 2.0  # without a frame this long, the screen says the camera shows nothing


@dataclass(frozen=True, slots=True)
class BigWords:
    """Very large words in the upper half, a smaller line under them (if any)."""

    words: str
    sub: str | None = None


@dataclass(frozen=True, slots=True)
class PhaseView:
    """The phase running now."""

    words: str  # what the patient is asked to do
    seconds_left: float
    done: float  # share of the phase gone by, 0..1 (the bar)
    footer: str  # the camera problem, or which step this is
    warning: bool  # the footer is a camera problem
    target: tuple[float, float] | None = None  # where to look (shares of the screen): a dot


@dataclass(frozen=True, slots=True)
class ResultView:
    """The measurement, whether it was saved, and how to go back."""

    title: str
    lines: tuple[str, ...]


CalibrationView = BigWords | PhaseView | ResultView


def camera_problem(run: PhasedRun, now: float) -> str:
    """What is wrong with the camera picture right now ("" when the face is seen)."""
    sample = run.last_sample
    if sample is None or now - sample.t > NO_PICTURE_S:
        return "No picture from the camera."
    return "" if sample.face_found else "I can't see your face."


def phase_view(run: PhasedRun, now: float) -> PhaseView:
    """The phase running at ``now``: its words, the seconds left, the bar, a camera warning."""
    i = min(run.index_at(now), len(run.phases) - 1)
    phase = run.phases[i]
    left = run.remaining(now)
    done = 1.0 - left / phase.seconds if phase.seconds > 0 else 1.0
    warn = camera_problem(run, now)
    footer = warn or f"Step {i + 1} of {len(run.phases)}.  Escape stops."
    return PhaseView(phase.words, left, done, footer, bool(warn), phase.target)


def result_view(run: PhasedRun, saved: Path | None, save_error: str) -> ResultView:
    """The result: a title saying whether it was saved, the measurement, how to go back."""
    title = "Calibration saved" if saved else "Calibration not saved"
    if run.usable() and not saved and not save_error:
        title = "Calibration done"
    lines = run.lines() + ([save_error] if save_error else [])
    lines.append("Press any key to go back.")
    return ResultView(title, tuple(lines))
