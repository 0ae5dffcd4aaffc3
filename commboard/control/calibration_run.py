"""The guided blink calibration as data: its phases, the samples recorded in each, the result.

"Keep your eyes open" (3 s), "Close your eyes" (3 s), "Blink naturally"
(30 s).  The samples of each phase go to ``commboard.signals.calibration.
calibrate`` (the blink helper's pure arithmetic), which measures the open and
closed eye levels and the patient's own spontaneous blinks and recommends a
hold time safely above them.  Saving it in the patient's profile is I/O and
lives in the shell (``shell.records.calibration_save``).  No pygame; time is passed
in (the camera's frame stamps), so a virtual clock runs it in seconds.
"""

from __future__ import annotations

from dataclasses import dataclass

from commboard.settings import BlinkSettings
from commboard.signals.calibration import CalibrationResult, calibrate
from commboard.vision.sample import EyeSample


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
NOT_MEASURED = "not measured"


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
