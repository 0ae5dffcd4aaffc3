"""The Look-to-Speak task of ``comm_rate.py --task looks``: 16 phrases chosen with the eyes, three ways.

A simulated patient's eyes are a stream of ``EyeSample``s at 30 fps (no
pixels: the gaze and the eyelids as numbers, with landmark jitter), read by
the board's own detectors on a virtual clock:

* ``gaze_halving``: ``signals.gaze_look.LookReader`` -> ``control.halving``
  over a 4x4 page: a held look left/right keeps that half, 4 looks a phrase;
  a wrong half is taken back with a look up.
* ``row_column_blink``: ``signals.blink_switch.BlinkSwitch`` -> the real
  ``Scanner``, row-column scanning, a long blink selects.
* ``gaze_switches``: ``signals.gaze_switch.GazeSwitch`` (any held look
  selects) -> the same row-column ``Scanner``.

The same patient drives all three (the ``fast``, ``slow`` and ``drowsy``
profiles of ``comm_rate.py``): a lognormal reaction time, missed actions
(a look released too early or a blink too short, tried again), and false
activations at the profile's rate (a look held at something else, or a long
involuntary closure) -- plus ordinary blinks (15 a minute) and glances that
must never count.  A wrong phrase is counted as an error (no undo); a wrong
half is taken back with a look up.  Reported per profile and method:
selections per minute, wrong selections, and looks (or presses) per selection.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, field

from commboard.board.model import Action, Cell, Page
from commboard.control.halving import Chosen, Halving
from commboard.effects import Activate, Effect, Highlight
from commboard.events import SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import BlinkSettings, GazeSettings, GazeSwitches, ScanPattern, ScanSettings
from commboard.signals.blink_switch import BlinkSwitch
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_look_outputs import Look
from commboard.signals.gaze_switch import GazeSwitch, tuning
from commboard.vision.sample import EyeSample

FPS = 30.0
PHRASES = 16
LOOK_X = 0.3  # how far the simulated patient looks (iris units; the look distance is 0.1)
JITTER = 0.01  # landmark noise on the iris position
OPEN_EAR, CLOSED_EAR = 0.30, 0.10
BLINKS_PER_MIN = 15.0
GLANCES_PER_MIN = 6.0
REACTION_CV = 0.25
WRONG_HALF_P = 0.03  # a look towards the wrong half
# The patient lets go this long after the hold time (the beep, or the ring filling,
# tells them it counted): the same for a look and for a long blink.
LET_GO_S = 0.25


@dataclass(frozen=True)
class Patient:
    name: str
    reaction_s: float
    miss_p: float
    false_per_min: float


@dataclass
class Eyes:
    """What the patient's eyes are doing: the gaze (x, y in image units) and closure, over time."""

    rng: random.Random
    gaze_until: float = -1.0
    gaze: tuple[float, float] = (0.0, 0.0)
    closed_until: float = -1.0

    def look(self, t: float, x: float, y: float, seconds: float) -> None:
        self.gaze, self.gaze_until = (x, y), t + seconds

    def close(self, t: float, seconds: float) -> None:
        self.closed_until = t + seconds

    def sample(self, t: float) -> EyeSample:
        x, y = self.gaze if t < self.gaze_until else (0.0, 0.0)
        x += self.rng.gauss(0.0, JITTER)
        y += self.rng.gauss(0.0, JITTER)
        ear = CLOSED_EAR if t < self.closed_until else OPEN_EAR
        return EyeSample(
            t, True, ear, ear, (x, y), (x, y), 0.0, 0.0, 0.0, 0.3, 120.0
        )  # fmt: skip


@dataclass
class Tally:
    selections: int = 0
    wrong: int = 0
    actions: int = 0  # looks or presses the patient made on purpose
    end_t: float = 0.0


@dataclass
class Run:
    """The patient's side of one run: targets, reaction times, background blinks and glances."""

    patient: Patient
    seed: str
    targets: list[int]
    eyes: Eyes = field(init=False)
    rng: random.Random = field(init=False)
    tally: Tally = field(default_factory=Tally)

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)
        self.eyes = Eyes(random.Random(self.seed + ":jitter"))
        self._blink_at = self._next(BLINKS_PER_MIN, 0.0)
        self._glance_at = self._next(GLANCES_PER_MIN, 0.0)
        self._false_at = self._next(self.patient.false_per_min, 0.0)

    def _next(self, per_min: float, t: float) -> float:
        return t + self.rng.expovariate(per_min / 60.0) if per_min > 0 else math.inf

    def reaction(self) -> float:
        sigma = math.sqrt(math.log(1 + REACTION_CV**2))
        mu = math.log(self.patient.reaction_s) - sigma**2 / 2
        return self.rng.lognormvariate(mu, sigma)

    def busy(self, t: float) -> bool:
        return t < self.eyes.gaze_until or t < self.eyes.closed_until

    def background(self, t: float) -> None:
        """Ordinary blinks and glances (never meant), and false activations (held, not meant)."""
        if t >= self._blink_at:
            self._blink_at = self._next(BLINKS_PER_MIN, t)
            if not self.busy(t):
                self.eyes.close(t, self.rng.uniform(0.1, 0.3))
        if t >= self._glance_at:
            self._glance_at = self._next(GLANCES_PER_MIN, t)
            if not self.busy(t):
                side = self.rng.choice((-1, 1)) * LOOK_X
                self.eyes.look(t, side, 0.0, self.rng.uniform(0.15, 0.3))
        if t >= self._false_at:
            self._false_at = self._next(self.patient.false_per_min, t)
            if not self.busy(t):
                if self.rng.random() < 0.5:
                    self.eyes.close(t, 0.8)  # a long closure, not meant
                else:
                    self.eyes.look(t, self.rng.choice((-1, 1)) * LOOK_X, 0.0, 1.0)


def halving_run(run: Run, minutes: float, gaze: GazeSettings) -> Tally:
    """Look to Speak over 16 phrases: looks keep halves until one phrase is left."""
    reader = LookReader(tuning(gaze), BlinkSettings())
    halving = Halving(list(range(PHRASES)))
    intend_at: float | None = 1.0 + gaze.hold_s + 1.5  # rest learned first
    t = 0.0
    while t < minutes * 60.0 and run.targets:
        t += 1 / FPS
        run.background(t)
        if intend_at is not None and t >= intend_at and not run.busy(t):
            intend_at = None
            _look_for(run, halving, t, gaze.hold_s)
        for out in reader.update(run.eyes.sample(t)):
            if not isinstance(out, Look):
                continue
            if out.direction is Direction.UP:
                halving.back()
            elif out.direction in (Direction.LEFT, Direction.RIGHT):
                step = halving.keep(left=out.direction is Direction.LEFT)
                if isinstance(step, Chosen):
                    _chosen(run, step.cell, t)
                    halving.restart()
            intend_at = t + run.reaction()
        if intend_at is None and not run.busy(t):
            intend_at = t + run.reaction()  # the look did not count: try again
    run.tally.end_t = run.tally.end_t if not run.targets else minutes * 60.0
    return run.tally


def _look_for(run: Run, halving: Halving, t: float, hold_s: float) -> None:
    """The patient looks towards the half holding the target (or up, if it is not in play)."""
    left, _ = halving.halves()
    target = run.targets[0]
    if target not in halving.in_play:
        x, y = 0.0, -LOOK_X  # a wrong half was kept: look up to go back
    else:
        keep_left = target in left
        if run.rng.random() < WRONG_HALF_P:
            keep_left = not keep_left
        # The patient's own left is the image's right on a camera that does not mirror.
        x, y = (LOOK_X if keep_left else -LOOK_X), 0.0
    run.tally.actions += 1
    short = run.rng.random() < run.patient.miss_p
    run.eyes.look(t, x, y, 0.25 if short else hold_s + LET_GO_S)


def scan_run(run: Run, minutes: float, interval_s: float, by_looks: bool) -> Tally:
    """Row-column scanning of the 16 phrases, selected by a long blink or by a held look."""
    cells = tuple(Cell(f"phrase {i + 1}", Action.SPEAK) for i in range(PHRASES))
    page = Page("phrases", "Phrases", 4, 4, cells)
    scanner = Scanner(ScanSettings(interval_s=interval_s, undo_window_s=0.0))
    blink = BlinkSwitch(BlinkSettings(adaptive_hold=False))
    looks = GazeSwitch(GazeSettings(switches=GazeSwitches.ANY_SELECT), BlinkSettings())
    effects: list[Effect] = list(scanner.load(build_plan(page, ScanPattern.ROW_COLUMN), 0.0))
    act_at: float | None = None
    t = 0.0
    while t < minutes * 60.0 and run.targets:
        t += 1 / FPS
        run.background(t)
        # A selection the patient just made comes first: the scanner lights the chosen
        # cell again as it selects it, and nobody presses for what they just chose.
        chose = [e for e in effects if isinstance(e, Activate)]
        for e in chose:
            _chosen(run, e.cell, e.t)
        lit = [e for e in effects if isinstance(e, Highlight) and run.targets[0:1]]
        if act_at is None and not chose and any(run.targets[0] in e.cells for e in lit):
            act_at = t + run.reaction() if run.rng.random() >= run.patient.miss_p else None
        effects = scanner.tick(t)
        if act_at is not None and t >= act_at and not run.busy(t):
            act_at = None
            run.tally.actions += 1
            if by_looks:
                run.eyes.look(t, LOOK_X, 0.0, GazeSettings().hold_s + LET_GO_S)
            else:
                run.eyes.close(t, BlinkSettings().hold_s + LET_GO_S)
        detector = looks if by_looks else blink
        for out in detector.update(run.eyes.sample(t)):
            if isinstance(out, SwitchDown | SwitchUp):
                effects += scanner.handle(out, t)
    run.tally.end_t = run.tally.end_t if not run.targets else minutes * 60.0
    return run.tally


def _chosen(run: Run, cell: int, t: float) -> None:
    if run.targets and cell == run.targets[0]:
        run.tally.selections += 1
        run.targets.pop(0)
        run.tally.end_t = t
    else:
        run.tally.wrong += 1


def rates(tally: Tally) -> dict[str, float]:
    minutes = max(tally.end_t, 1e-9) / 60.0
    n = max(tally.selections, 1)
    return {
        "selections": tally.selections,
        "selections_per_min": round(tally.selections / minutes, 3),
        "wrong_selections": tally.wrong,
        "errors_per_selection": round(tally.wrong / n, 3),
        "actions_per_selection": round(tally.actions / n, 2),
    }


def looks_task(patients: list[Patient], minutes: float, seed: int) -> dict[str, object]:
    """Every patient, every method, the same targets (common random numbers)."""
    out: dict[str, object] = {}
    for patient in patients:
        targets = random.Random(f"{seed}:{patient.name}:looks").choices(range(PHRASES), k=500)
        interval = round(patient.reaction_s / 0.65, 3)
        runs = {
            "gaze_halving": halving_run(
                Run(patient, f"{seed}:{patient.name}:halving", list(targets)),
                minutes,
                GazeSettings(),
            ),
            "row_column_blink": scan_run(
                Run(patient, f"{seed}:{patient.name}:blink", list(targets)),
                minutes,
                interval,
                False,
            ),
            "gaze_switches": scan_run(
                Run(patient, f"{seed}:{patient.name}:switches", list(targets)),
                minutes,
                interval,
                True,
            ),
        }
        out[patient.name] = {"scan_interval_s": interval} | {k: rates(v) for k, v in runs.items()}
    return {
        "benchmark": "comm_rate",
        "task": "looks_16_phrases",
        "phrases": PHRASES,
        "simulated_minutes_per_run": minutes,
        "seed": seed,
        "profiles": out,
    }
