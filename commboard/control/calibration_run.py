"""The guided blink calibration as data: its phases, the samples recorded in each, the result.

"Keep your eyes open" (3 s), "Close your eyes" (3 s), "Blink naturally"
(30 s).  The samples of each phase go to ``commboard.signals.calibration.
calibrate`` (the blink helper's pure arithmetic), which measures the open and
closed eye levels and the patient's own spontaneous blinks and recommends a
hold time safely above them.  A step that fails (the eyes not seen open,
or never seen closed) ends the run at once, so nobody waits out the 30 s
blink step for a result that cannot come.  Saving it in the patient's
profile is I/O and lives in the shell (``shell.records.calibration_save``).
No pygame; time is passed
in (the camera's frame stamps), so a virtual clock runs it in seconds.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, replace

from commboard.settings import BlinkSettings, Settings
from commboard.signals.calibration import (
    CLOSED_UNSEEN,
    OPEN_UNSEEN,
    TOO_ALIKE,
    CalibrationResult,
    calibrate,
)
from commboard.vision.sample import EyeSample


@dataclass(frozen=True, slots=True)
class Phase:
    """One step of calibration: what the patient is asked, and for how long.

    ``target``: where on the screen the patient should look, as shares of its
    width and height (a large dot is drawn there); None: no dot.
    """

    name: str  # "ready", "open", "closed", "blink"
    seconds: float
    words: str  # shown very large
    spoken: str  # said aloud at the start (the patient may have their eyes closed)
    target: tuple[float, float] | None = None


PHASES: tuple[Phase, ...] = (
    Phase("ready", 3.0, "Look at the screen", "Let's measure your blinks. Look at the screen."),
    Phase("open", 3.0, "Keep your eyes open", "Keep your eyes open."),
    Phase("closed", 3.0, "Close your eyes", "Close your eyes, and keep them closed."),
    Phase("blink", 30.0, "Blink naturally", "Open your eyes. Now blink naturally."),
)
NOT_MEASURED = "not measured"
# The problem that, found at the end of this step, dooms the whole run.
# What dooms the run when a step ends.  Eyes that close only part way are known
# when "Close your eyes" ends (open and closed look too alike): the patient is not
# made to go on through 30 s of "Blink naturally" first.
STEP_FAILURES = {"open": (OPEN_UNSEEN,), "closed": (CLOSED_UNSEEN, TOO_ALIKE)}
# A step's last frames reach the run a moment after it ends (capture, then
# landmarks in the camera thread: well under a second even on 2 cores).
LATE_FRAMES_S = 0.5


class PhasedRun(ABC):
    """Timed steps and the samples recorded in each; no pygame, time passed in.

    What the steps measure is the subclass's: ``step_failure`` says whether a
    finished step dooms the run, ``applied`` what the result changes, and
    ``lines`` / ``thanks`` / ``failed_words`` how it is told.

    Args:
        start: when the first phase begins (monotonic seconds, the camera's clock).
        phases: the steps.
    """

    kind = "blinks"  # what is calibrated, in the carer's words
    aspect = 9 / 16  # the screen's height / width (the screen sets it; the gaze map uses it)

    def __init__(self, start: float, phases: tuple[Phase, ...]) -> None:
        self.start = start
        self.phases = phases
        self.samples: dict[str, list[EyeSample]] = {p.name: [] for p in phases}
        self.last_sample: EyeSample | None = None
        self._announced = -1
        self._checked = -1  # the last step checked for failure
        self._failure: str | None = None

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

    def ends(self, i: int) -> float:
        """When phase ``i`` is over."""
        return self.start + sum(p.seconds for p in self.phases[: i + 1])

    def remaining(self, t: float) -> float:
        """Seconds left in the phase running at ``t``."""
        return max(0.0, self.ends(self.index_at(t)) - t)

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
        """All steps are over, or one has already failed."""
        return now >= self.end or self.failure(now) is not None

    def failure(self, now: float) -> str | None:
        """Why a step that ended before ``now`` failed (None: none has, so far).

        Each step is checked once, ``LATE_FRAMES_S`` after it ends, with the
        same measurement as the final result, on the samples so far.
        """
        while self._failure is None and self._checked + 1 < len(self.phases):
            i = self._checked + 1
            if now < self.ends(i) + LATE_FRAMES_S:
                break
            self._checked = i
            self._failure = self.step_failure(self.phases[i].name)
        return self._failure

    def step_failure(self, name: str) -> str | None:
        """The problem that makes the finished step ``name`` doom the run (None: it is fine)."""
        return None

    def record(self) -> dict[str, object]:
        """What the event log's ``calibrated`` record says besides ``kind`` and ``ok``."""
        return {}

    @abstractmethod
    def usable(self) -> bool:
        """The result measured what it needs to change the settings."""

    @abstractmethod
    def applied(self, settings: Settings) -> Settings | None:
        """``settings`` with the result in them; None when the result is not usable."""

    @abstractmethod
    def lines(self) -> list[str]:
        """The result in words and numbers, for the screen and the terminal."""

    @abstractmethod
    def thanks(self) -> str:
        """Said when the result was applied."""

    @abstractmethod
    def failed_words(self) -> str:
        """Said when it was not."""


class CalibrationRun(PhasedRun):
    """The guided blink calibration: its phases, samples and result.

    Args:
        settings: the patient's blink settings (eye choice, limits) to calibrate from.
        start: when the first phase begins (monotonic seconds, the camera's clock).
        phases: the steps (tests may shorten them).
    """

    def __init__(
        self, settings: BlinkSettings, start: float, phases: tuple[Phase, ...] = PHASES
    ) -> None:
        super().__init__(start, phases)
        self.settings = settings
        self._result: CalibrationResult | None = None

    def step_failure(self, name: str) -> str | None:
        doom = STEP_FAILURES.get(name, ())
        return next((p for p in self._measure().problems if p in doom), None) if doom else None

    def result(self) -> CalibrationResult:
        """The measurement (computed once, after the last phase or the failed step).

        A run ended by a failed step gives that step's problem alone: the
        steps after it never ran, so nothing is said about them.
        """
        if self._result is None:
            measured = self._measure()
            if self._failure is not None:
                measured = replace(measured, problems=(self._failure,))
            self._result = measured
        return self._result

    def _measure(self) -> CalibrationResult:
        return calibrate(
            self.samples.get("open", []),
            self.samples.get("closed", []),
            self.samples.get("blink", []),
            self.settings,
        )

    def usable(self) -> bool:
        return self.result().settings.calibrated

    def applied(self, settings: Settings) -> Settings | None:
        return replace(settings, blink=self.result().settings) if self.usable() else None

    def lines(self) -> list[str]:
        return result_lines(self.result())

    def thanks(self) -> str:
        return f"Thank you. To select, close your eyes for {self.result().hold_s:.1f} seconds."

    def failed_words(self) -> str:
        return "Calibration did not work. " + " ".join(self.result().problems)


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
