"""Communication rate: a simulated switch user drives the real Scanner on a virtual clock.

Prints JSON.  Every scan pattern runs side by side with the same target
sequence (common random numbers), for three user profiles:

* ``fast``: mean reaction 0.6 s, 5 % missed presses, 1 false activation/min
* ``slow``: mean reaction 1.0 s, same noise
* ``drowsy``: mean reaction 1.0 s, 10 % missed presses, 4 false activations/min

The user (see :class:`SimUser`) watches the highlights; when the highlighted
group holds the target it presses after a lognormal reaction time
(coefficient of variation 0.25), so a press slower than the step lands on
the next item, exactly as with a person.  It misses a press with
probability ``miss_p``.  False activations arrive as a Poisson process and
are full presses.  Mistakes are corrected with the board's own means: a
wrong phrase is cancelled by pressing again inside the undo window (if the
press comes too late it is an ordinary press, as it would be for a
patient); a wrong group is left by waiting until the scan goes back up.

Definitions (also in docs/scanning.md):

* *steps per selection*: scan highlights shown (every level, every pass,
  including those wasted on errors) divided by correct selections. One step
  = one scan interval of waiting (the first item of a pass gets a little
  extra).
* *plan steps*: error-free expected steps of the plan under the usage
  distribution: for each cell, the sum over levels of its position (the
  k-th item of a level costs k highlights).
* *entropy bound*: ``H(p)`` in bits.  With the k-th child costing k steps the
  paths are a binary prefix code ("skip"/"select" decisions), so Kraft's
  inequality gives ``E[steps] >= H(p)`` for any scan plan.

Task (a): 32 phrases on a 4x8 page, Zipf usage ``p_i ~ 1/i`` laid out most used
first in reading order (the best case for linear and row-column scanning);
Huffman weights come from a separate 1000-use history sample, not from the
targets.  Task (b) ``--targets FILE``: one phrase per line; the page holds the
distinct phrases in order of first appearance, the history is the file's
own counts, and the sequence is said once.  Its ``huffman`` section has no
``targets_met``: those targets are the issue's, for task (a) only.

Task ``--task letters`` (``benchmarks/comm_rate_letters.py``): the same users
spell phrases letter by letter on the Spell page, with word prediction and
the likelihood scan (what ships) against row-column scanning; ``--targets``
is then a file of phrases to spell (default ``benchmarks/phrases/bedside.txt``).

Task ``--task looks``: 16 phrases chosen with the eyes -- Look to Speak
halving, row-column scanning with a long blink, and looks as switches --
by the same simulated patients (``benchmarks/look_task.py``; at most 10
simulated minutes per run: every frame's eye sample is simulated).

Usage: ``python benchmarks/comm_rate.py [--task phrases|letters|looks] [--quick]
[--minutes M] [--interval S] [--targets FILE] [--seed N]``
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from commboard.board.model import Action, Cell, Page  # noqa: E402
from commboard.effects import Activate, Effect, Highlight, Paused, PauseReason, Undo  # noqa: E402
from commboard.events import Source, Switch, SwitchDown, SwitchUp  # noqa: E402
from commboard.scanning.engine import Scanner  # noqa: E402
from commboard.scanning.plans import ScanPlan, build_plan  # noqa: E402
from commboard.settings import ScanPattern, ScanSettings  # noqa: E402

PATTERNS = list(ScanPattern)
HOLD_MARGIN_S = 0.1  # users hold a little longer than the acceptance time
HISTORY_USES = 1000
REACTION_CV = 0.25


@dataclass(frozen=True)
class Profile:
    name: str
    reaction_s: float
    miss_p: float
    false_per_min: float


PROFILES = (
    Profile("fast", 0.6, 0.05, 1.0),
    Profile("slow", 1.0, 0.05, 1.0),
    Profile("drowsy", 1.0, 0.10, 4.0),
)


@dataclass(frozen=True)
class Task:
    name: str
    page: Page
    usage: dict[int, float]  # true usage distribution (cell -> probability)
    history: dict[int, float]  # counts Huffman is built from
    targets: Sequence[int] | None  # fixed sequence, or None = draw from usage


@dataclass
class Tally:
    selections: int = 0
    wrong: int = 0
    corrected: int = 0
    false_presses: int = 0
    correct_undone: int = 0  # a right phrase cancelled (by a false activation)
    steps: int = 0
    end_t: float = 0.0


@dataclass
class SimUser:
    """A switch user with a target: presses when the highlight holds it."""

    rng: random.Random
    profile: Profile
    hold_s: float
    targets: list[int]
    tally: Tally = field(default_factory=Tally)
    next_press: float | None = None
    release_at: float | None = None
    last: tuple[int, bool] | None = None  # last activated cell and whether it was right

    def reaction(self) -> float:
        sigma = math.sqrt(math.log(1 + REACTION_CV**2))
        mu = math.log(self.profile.reaction_s) - sigma**2 / 2
        return self.rng.lognormvariate(mu, sigma)

    def aim(self, t: float) -> None:
        """Decide to press for what was just shown (unless this press is missed)."""
        if self.next_press is None and self.rng.random() >= self.profile.miss_p:
            self.next_press = t + self.reaction()

    def observe(self, effects: list[Effect]) -> None:
        for e in effects:
            if isinstance(e, Highlight):
                self.tally.steps += bool(e.cells)
                if self.targets and self.targets[0] in e.cells:
                    self.aim(e.t)
            elif isinstance(e, Activate):
                self._activated(e)
            elif isinstance(e, Undo):
                self._undone()
            elif isinstance(e, Paused) and e.reason is PauseReason.WAITING:
                self.aim(e.t)

    def _undone(self) -> None:
        if self.last is None:
            return
        cell, right = self.last
        self.last = None
        if right:  # the board cancelled what we meant: say it again
            self.tally.selections -= 1
            self.tally.correct_undone += 1
            self.targets.insert(0, cell)
        else:
            self.tally.corrected += 1

    def _activated(self, e: Activate) -> None:
        right = bool(self.targets) and e.cell == self.targets[0]
        self.last = (e.cell, right)
        if right:
            self.tally.selections += 1
            self.tally.end_t = e.t
            self.targets.pop(0)
        else:
            self.tally.wrong += 1
            self.next_press = None
            self.aim(e.t)  # try to cancel it inside the undo window


def zipf_task(history_seed: int) -> Task:
    labels = [f"phrase {i + 1}" for i in range(32)]
    page = Page("phrases", "Phrases", 4, 8, tuple(Cell(x, Action.SPEAK) for x in labels))
    weights = [1 / (i + 1) for i in range(32)]
    total = sum(weights)
    usage = {i: w / total for i, w in enumerate(weights)}
    rng = random.Random(history_seed)
    history = Counter(rng.choices(range(32), weights, k=HISTORY_USES))
    return Task("phrases32_zipf", page, usage, {c: float(n) for c, n in history.items()}, None)


def file_task(path: Path) -> Task:
    lines = [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    if not lines:
        raise SystemExit(f"{path}: no target phrases")
    distinct = list(dict.fromkeys(lines))
    columns = min(8, len(distinct))
    rows = math.ceil(len(distinct) / columns)
    cells: list[Cell | None] = [Cell(x, Action.SPEAK) for x in distinct]
    cells += [None] * (rows * columns - len(cells))
    page = Page("targets", "Targets", rows, columns, tuple(cells))
    counts = Counter(distinct.index(x) for x in lines)
    usage = {c: n / len(lines) for c, n in counts.items()}
    sequence = [distinct.index(x) for x in lines]
    return Task(
        f"targets:{path.name}", page, usage, {c: float(n) for c, n in counts.items()}, sequence
    )


def simulate(
    task: Task,
    pattern: ScanPattern,
    profile: Profile,
    settings: ScanSettings,
    minutes: float,
    seed: int,
) -> Tally:
    """Run one user on one pattern until the time is up (or the target list is done)."""
    plan = build_plan(task.page, pattern, task.history)
    target_rng = random.Random(f"{seed}:{profile.name}:targets")
    if task.targets is None:
        cells, probs = zip(*sorted(task.usage.items()), strict=True)
        targets = target_rng.choices(cells, probs, k=int(minutes * 60) + 10)
    else:
        targets = list(task.targets)
    user = SimUser(
        random.Random(f"{seed}:{profile.name}:{pattern}:user"),
        profile,
        settings.acceptance_s + HOLD_MARGIN_S,
        list(targets),
    )
    noise = random.Random(f"{seed}:{profile.name}:{pattern}:false")
    scanner = Scanner(settings)
    user.observe(scanner.load(plan, 0.0))
    finished = _run(scanner, user, noise, minutes * 60.0)
    if not finished:
        user.tally.end_t = minutes * 60.0  # otherwise: the time of the last selection
    return user.tally


def _run(scanner: Scanner, user: SimUser, noise: random.Random, end_s: float) -> bool:
    """Drive the scanner until time is up (False) or every target was said (True)."""
    rate = user.profile.false_per_min / 60.0
    false_at = noise.expovariate(rate) if rate > 0 else math.inf
    t = 0.0
    while user.targets:
        times = [
            x
            for x in (scanner.next_deadline(), user.next_press, user.release_at, false_at)
            if x is not None
        ]
        t = max(t, min(times)) if times else end_s
        if t >= end_s:
            return False
        if user.release_at is not None and t >= user.release_at:
            user.release_at = None
            user.observe(scanner.handle(SwitchUp(t, Switch.SELECT, Source.SCRIPT), t))
        elif user.next_press is not None and t >= user.next_press:
            _press(scanner, user, t)
        elif t >= false_at:
            false_at = t + noise.expovariate(rate)
            if user.release_at is None:
                user.tally.false_presses += 1
                _press(scanner, user, t)
        else:
            user.observe(scanner.tick(t))
    return True


def _press(scanner: Scanner, user: SimUser, t: float) -> None:
    user.next_press = None
    if user.release_at is not None:
        return  # still holding the previous press
    user.release_at = t + user.hold_s
    user.observe(scanner.handle(SwitchDown(t, Switch.SELECT, Source.SCRIPT), t))


def entropy_bits(usage: dict[int, float]) -> float:
    total = sum(usage.values())
    return -sum(p / total * math.log2(p / total) for p in usage.values() if p > 0)


def plan_summary(plan: ScanPlan, usage: dict[int, float]) -> dict[str, float]:
    steps = plan.steps()
    top8 = sorted(usage, key=lambda c: (-usage[c], c))[:8]
    return {
        "plan_steps": round(plan.expected_steps(usage), 3),
        "top8_max_steps": max(steps[c] for c in top8),
    }


def huffman_report(
    task: Task, plans: dict[str, dict[str, float]], sims: dict[str, dict[str, dict[str, float]]]
) -> dict[str, object]:
    h = entropy_bits(task.usage)
    huff = plans["huffman"]["plan_steps"]
    linear = plans["linear"]["plan_steps"]
    oracle = build_plan(task.page, ScanPattern.HUFFMAN, {c: p * 1e6 for c, p in task.usage.items()})
    report: dict[str, object] = {
        "entropy_bound_steps": round(h, 3),
        "plan_steps": huff,
        "ratio_to_entropy": round(huff / h, 3) if h > 0 else None,
        "plan_steps_from_true_usage": round(oracle.expected_steps(task.usage), 3),
        "linear_plan_steps": linear,
        "linear_over_huffman_plan": round(linear / huff, 3),
        "linear_over_huffman_simulated": {
            name: round(p["linear"]["steps_per_selection"] / p["huffman"]["steps_per_selection"], 3)
            for name, p in sims.items()
        },
        "top8_max_steps": plans["huffman"]["top8_max_steps"],
        "max_cells_within_3_steps_in_any_plan": 4,
    }
    if task.targets is not None:
        # The issue's targets are set for task (a)'s 32 Zipf phrases; judged
        # against another file they would only mislead.
        return report
    return report | {
        "targets_met": {
            "within_1.05x_entropy": huff <= 1.05 * h,
            "at_least_1.8x_fewer_steps_than_linear": linear / huff >= 1.8,
            "top8_within_3_steps": plans["huffman"]["top8_max_steps"] <= 3,
        },
    }


def run(task: Task, minutes: float, interval: float | None, seed: int) -> dict[str, object]:
    plans = {p: plan_summary(build_plan(task.page, p, task.history), task.usage) for p in PATTERNS}
    profiles: dict[str, dict[str, object]] = {}
    sims: dict[str, dict[str, dict[str, float]]] = {}
    for prof in PROFILES:
        step = interval if interval is not None else round(prof.reaction_s / 0.65, 3)
        settings = ScanSettings(interval_s=step, undo_window_s=step)
        sims[prof.name] = {}
        for pattern in PATTERNS:
            tally = simulate(task, pattern, prof, settings, minutes, seed)
            sims[prof.name][pattern] = _rates(tally) | {"plan_steps": plans[pattern]["plan_steps"]}
        profiles[prof.name] = {
            "reaction_s": prof.reaction_s,
            "miss_p": prof.miss_p,
            "false_per_min": prof.false_per_min,
            "interval_s": step,
            "undo_window_s": step,
            "patterns": sims[prof.name],
        }
    defaults = ScanSettings()
    return {
        "benchmark": "comm_rate",
        "task": task.name,
        "cells": len(task.page.filled()),
        "simulated_minutes_per_run": minutes if task.targets is None else None,
        "seed": seed,
        "settings": {
            "first_extra_s": defaults.first_extra_s,
            "passes": defaults.passes,
            "post_select_delay_s": defaults.post_select_delay_s,
            "acceptance_s": defaults.acceptance_s,
            "hold_s": defaults.acceptance_s + HOLD_MARGIN_S,
        },
        "plans": plans,
        "profiles": profiles,
        "huffman": huffman_report(task, plans, sims),
    }


def _rates(t: Tally) -> dict[str, float]:
    minutes = max(t.end_t, 1e-9) / 60.0
    n = max(t.selections, 1)
    return {
        "selections": t.selections,
        "selections_per_min": round(t.selections / minutes, 3),
        "steps_per_selection": round(t.steps / n, 3),
        "seconds_per_selection": round(t.end_t / n, 3),
        "wrong_selections": t.wrong,
        "corrected": t.corrected,
        "false_presses": t.false_presses,
        "correct_undone": t.correct_undone,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short run for CI (2 min each)")
    parser.add_argument("--minutes", type=float, default=None, help="simulated minutes per run")
    parser.add_argument("--interval", type=float, default=None, help="scan interval (s)")
    parser.add_argument("--targets", type=Path, default=None, help="one target phrase per line")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--task",
        choices=("phrases", "letters", "looks"),
        default="phrases",
        help="phrases: choose whole phrases (the default); letters: spell them on the Spell "
        "page; looks: 16 phrases by looks (Look to Speak halving), by blink and by looks as "
        "switches (benchmarks/look_task.py)",
    )
    args = parser.parse_args(argv)
    minutes = args.minutes if args.minutes is not None else (2.0 if args.quick else 30.0)
    if args.task == "letters":
        from comm_rate_letters import letters_report

        profiles = [(p.name, p.reaction_s, p.miss_p, p.false_per_min) for p in PROFILES]
        report = letters_report(args.targets, profiles, HOLD_MARGIN_S, minutes, args.seed)
        print(json.dumps(report, indent=2))
        return 0
    if args.task == "looks":
        from look_task import Patient, looks_task

        patients = [Patient(p.name, p.reaction_s, p.miss_p, p.false_per_min) for p in PROFILES]
        print(json.dumps(looks_task(patients, min(minutes, 10.0), args.seed), indent=2))
        return 0
    task = file_task(args.targets) if args.targets else zipf_task(args.seed)
    print(json.dumps(run(task, minutes, args.interval, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
