"""Blink switch benchmark: simulated patients' eye-aspect-ratio streams, false selections and recall.

Prints one JSON document.  Per profile (normal eyes, drowsy/dry eyes) it
simulates several patients for an hour each at 30 fps and runs, on the very
same frames:

* ``switch``: the blink switch as shipped -- levels and hold from a
  calibration run on a *separate* 30-s segment of the same patient, then the
  adaptive hold;
* ``calibrated_fixed``: the calibrated settings without adaptation;
* ``naive_fixed_0_5``: calibrated levels, a fixed 0.5 s hold (the baseline).
* ``switch_with_ring_feedback``: as ``switch``, with the patient watching the ring.

None of them is told which closures are intentional.

The stream model (all numbers stated in the output's ``model``):

* spontaneous blinks: Poisson, 10-17 a minute (drawn per patient); durations
  lognormal with median 150 ms and the tail of Ousler et al. 2014 (CLINICAL.md):
  P(>= 0.5 s) = 0.2 % (normal) or 2.3 % (drowsy), i.e. sigma = ln(0.5/0.15) /
  z(1 - P); a duration is measured between the 50 % crossings of the lid;
  15 % are incomplete blinks (the lid stops 30-85 % of the way);
* eyelid ramps: closing 60-100 ms, opening 100-200 ms (the opening phase of a
  blink is slower than the closing one), piecewise linear;
* intentional holds: every 3 s + exponential(25 s), lasting 0.8-1.5 s
  (uniform), fully closed; no spontaneous blink within 1 s of one.  Scored
  twice: open loop (the patient ignores the screen: ``switch``) and closed
  loop (``switch_with_ring_feedback``: the patient keeps the eyes shut until
  the hold ring is full, then reacts in 0.25-0.5 s -- how the board is used);
* EAR: per patient open level 0.26-0.34 (drowsy 0.22-0.30), closed 0.06-0.12,
  the two eyes differ by N(0, 0.01); slow drift +-0.01 (head position, light);
  landmark jitter N(0, 0.012) per eye per frame;
* frames: 30 fps, stamp jitter N(0, 2 ms), 0.5 % of frames dropped.

Usage: ``python benchmarks/blink_switch.py [--hours H] [--quick]``
(``--hours`` is per profile; ``--quick`` = 0.2 h for tests).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from statistics import NormalDist
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from commboard.events import SwitchDown  # noqa: E402
from commboard.settings import BlinkSettings  # noqa: E402
from commboard.signals.blink_switch import BlinkSwitch, RestRequest  # noqa: E402
from commboard.signals.calibration import calibrate  # noqa: E402
from commboard.vision.sample import EyeSample  # noqa: E402

FPS = 30.0
MEDIAN_S = 0.15
P_AT_LEAST_HALF_SECOND = {"normal": 0.002, "drowsy": 0.023}
BLINKS_PER_MIN = (10.0, 17.0)
INTENTIONAL_S = (0.8, 1.5)
INTENTIONAL_GAP_S = (3.0, 25.0)  # fixed part + exponential mean
INCOMPLETE_SHARE = 0.15
JITTER_SD = 0.012
DROP_SHARE = 0.005
STAMP_JITTER_S = 0.002
PATIENT_HOURS = 1.0
RING_DISPLAY_S = 0.05  # decision delay + one displayed frame
REACTION_S = (0.25, 0.5)  # visual reaction, then the lid starts to open
SEED = 20240611


def sigma_for(p_long: float) -> float:
    """Lognormal spread giving P(duration >= 0.5 s) = p_long at median 150 ms."""
    return math.log(0.5 / MEDIAN_S) / NormalDist().inv_cdf(1.0 - p_long)


@dataclass(frozen=True)
class Closure:
    start: float  # lid passes 50 % on the way down
    duration: float  # until it passes 50 % on the way up
    depth: float  # 1 = fully closed
    close_ramp: float
    open_ramp: float
    intentional: bool


@dataclass(frozen=True)
class Patient:
    open_left: float
    open_right: float
    closed: float
    blinks_per_min: float
    phase: float  # of the slow drift


def make_patient(rng: np.random.Generator, profile: str) -> Patient:
    lo, hi = (0.22, 0.30) if profile == "drowsy" else (0.26, 0.34)
    open_level = float(rng.uniform(lo, hi))
    return Patient(
        open_left=open_level + float(rng.normal(0, 0.01)),
        open_right=open_level + float(rng.normal(0, 0.01)),
        closed=float(rng.uniform(0.06, 0.12)),
        blinks_per_min=float(rng.uniform(*BLINKS_PER_MIN)),
        phase=float(rng.uniform(0, 2 * math.pi)),
    )


def _ramps(rng: np.random.Generator, duration: float) -> tuple[float, float]:
    rc, ro = float(rng.uniform(0.06, 0.10)), float(rng.uniform(0.10, 0.20))
    half = 0.5 * (rc + ro)
    if duration < half:  # a short blink has no plateau: shrink the ramps to fit
        rc, ro = rc * duration / half, ro * duration / half
    return rc, ro


def intentional_holds(rng: np.random.Generator, seconds: float) -> list[Closure]:
    out: list[Closure] = []
    t = 5.0 + float(rng.exponential(INTENTIONAL_GAP_S[1]))
    while t < seconds - 3.0:
        d = float(rng.uniform(*INTENTIONAL_S))
        rc, ro = _ramps(rng, d)
        out.append(Closure(t, d, 1.0, rc, ro, True))
        t += d + INTENTIONAL_GAP_S[0] + float(rng.exponential(INTENTIONAL_GAP_S[1]))
    return out


def spontaneous_blinks(
    rng: np.random.Generator, patient: Patient, sigma: float, seconds: float, avoid: list[Closure]
) -> list[Closure]:
    out: list[Closure] = []
    rate = patient.blinks_per_min / 60.0
    busy = [(c.start - 1.0, c.start + c.duration + 1.0) for c in avoid]
    t = float(rng.exponential(1.0 / rate))
    k = 0
    while t < seconds - 3.0:
        d = max(0.05, MEDIAN_S * math.exp(sigma * float(rng.normal())))
        while k < len(busy) and busy[k][1] < t:
            k += 1
        clash = k < len(busy) and busy[k][0] < t + d
        if not clash:
            depth = 1.0 if rng.random() > INCOMPLETE_SHARE else float(rng.uniform(0.3, 0.85))
            rc, ro = _ramps(rng, d)
            out.append(Closure(t, d, depth, rc, ro, False))
        # Poisson onsets; a blink cannot start before the previous one is over.
        t += max(float(rng.exponential(1.0 / rate)), d + 0.2)
    return out


def lid_closure(times: np.ndarray, closures: list[Closure]) -> np.ndarray:
    """Lid closure 0 (open) .. 1 (shut) at each frame time."""
    c = np.zeros_like(times)
    for b in closures:
        t0 = b.start - b.close_ramp / 2
        plateau = max(0.0, b.duration - b.close_ramp / 2 - b.open_ramp / 2)
        t2 = t0 + b.close_ramp + plateau
        t3 = t2 + b.open_ramp
        i0, i3 = np.searchsorted(times, [t0, t3])
        seg = times[i0:i3]
        shape = np.minimum.reduce(
            [np.clip((seg - t0) / b.close_ramp, 0, 1), np.clip((t3 - seg) / b.open_ramp, 0, 1)]
        )
        c[i0:i3] = np.maximum(c[i0:i3], shape * b.depth)
    return c


def frames(
    rng: np.random.Generator,
    patient: Patient,
    closures: list[Closure],
    seconds: float,
    t0: float = 0.0,
) -> list[EyeSample]:
    """Camera samples for ``[t0, t0 + seconds)``; ``closures`` may hold any, far ones are skipped."""
    first, last = math.ceil(t0 * FPS), math.ceil((t0 + seconds) * FPS)
    n = last - first
    times = np.arange(first, last) / FPS + rng.normal(0, STAMP_JITTER_S, n)
    times = np.sort(times[rng.random(n) >= DROP_SHARE])
    near = [
        b for b in closures if b.start + b.duration + 1.0 >= t0 and b.start - 1.0 < t0 + seconds
    ]
    c = lid_closure(times, near)
    drift = 0.006 * np.sin(2 * math.pi * times / 97 + patient.phase) + 0.004 * np.sin(
        2 * math.pi * times / 431 + 2 * patient.phase
    )
    ears = []
    for open_level in (patient.open_left, patient.open_right):
        level = open_level + drift
        ears.append(level - (level - patient.closed) * c + rng.normal(0, JITTER_SD, len(times)))
    return [
        EyeSample(t, True, left, right, (0.0, 0.0), (0.0, 0.0), 0.0, 0.0, 0.0, 0.3, 120.0)
        for t, left, right in zip(times.tolist(), ears[0].tolist(), ears[1].tolist(), strict=True)
    ]


def calibration_phases(
    rng: np.random.Generator, patient: Patient, sigma: float
) -> tuple[list[EyeSample], list[EyeSample], list[EyeSample]]:
    """3 s open, 4 s asked to close (reacting after 0.7 s), 30 s blinking naturally."""
    open_phase = frames(rng, patient, [], 3.0)
    shut = Closure(0.7, 10.0, 1.0, 0.08, 0.15, True)
    closed_phase = frames(rng, patient, [shut], 4.0)
    blink_phase = frames(rng, patient, spontaneous_blinks(rng, patient, sigma, 33.0, []), 33.0)
    return open_phase, closed_phase, blink_phase


@dataclass
class Tally:
    """Scores one switch against the intentional holds it was never told about."""

    switch: BlinkSwitch
    holds: list[Closure] = field(default_factory=list)  # grows as a closed loop decides them
    selections: int = 0
    false: int = 0
    hits: int = 0
    rests: int = 0
    latency_over_hold_s: list[float] = field(default_factory=list)
    hold_samples: list[float] = field(default_factory=list)
    _k: int = 0
    _matched: set[int] = field(default_factory=set)
    _n: int = 0

    def feed(self, samples: list[EyeSample]) -> None:
        for s in samples:
            outs = self.switch.update(s)
            self._n += 1
            if self._n % 300 == 0:
                self.hold_samples.append(self.switch.hold_s)
            for out in outs:
                if isinstance(out, RestRequest):
                    self.rests += 1
                elif isinstance(out, SwitchDown):
                    self._score(out, s.t)

    def _score(self, down: SwitchDown, emitted: float) -> None:
        self.selections += 1
        holds = self.holds
        while self._k < len(holds) and holds[self._k].start + holds[self._k].duration < down.t:
            self._k += 1
        k = self._k
        if k < len(holds) and holds[k].start - 0.15 <= down.t and k not in self._matched:
            self._matched.add(k)
            self.hits += 1
            self.latency_over_hold_s.append(emitted - holds[k].start - self.switch.hold_s)
        else:
            self.false += 1


def _pct(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def summarise(tallies: list[Tally], hours: float) -> dict[str, Any]:
    intentional = sum(len(t.holds) for t in tallies)
    lat = [v for t in tallies for v in t.latency_over_hold_s]
    holds = [v for t in tallies for v in t.hold_samples]
    frame = 1.0 / FPS
    return {
        "intentional_holds": intentional,
        "intentional_recall": round(sum(t.hits for t in tallies) / max(intentional, 1), 4),
        "false_per_hour": round(sum(t.false for t in tallies) / hours, 2),
        "false_selections": sum(t.false for t in tallies),
        "rest_requests": sum(t.rests for t in tallies),
        "latency_over_hold_ms": {
            "p50": round(1000 * _pct(lat, 50), 1),
            "p95": round(1000 * _pct(lat, 95), 1),
            "max": round(1000 * max(lat, default=float("nan")), 1),
        },
        "within_hold_plus_2_frames": round(
            sum(v <= 2 * frame + 1e-9 for v in lat) / max(len(lat), 1), 4
        ),
        "hold_s": {
            "mean": round(float(np.mean(holds)), 3),
            "min": round(min(holds), 3),
            "max": round(max(holds), 3),
        },
    }


def ring_feedback_run(
    rng: np.random.Generator,
    patient: Patient,
    settings: BlinkSettings,
    intents: list[Closure],
    blinks: list[Closure],
    seconds: float,
) -> Tally:
    """Closed loop: the patient keeps their eyes shut until the on-screen ring is full.

    Each intentional closure lasts its intended time or, if the ring has not
    filled by then, until it fills (decision + one displayed frame) plus a
    visual reaction time.  The switch is still not told which closures these are.
    """
    tally = Tally(BlinkSwitch(settings))
    closures, t = list(blinks), 0.0
    for h in intents:
        lead = h.start - 0.5
        tally.feed(frames(rng, patient, closures, lead - t, t))
        ring_full = tally.switch.hold_s + RING_DISPLAY_S
        held = replace(h, duration=max(h.duration, ring_full + float(rng.uniform(*REACTION_S))))
        tally.holds.append(held)
        closures.append(held)
        end = held.start + held.duration + 1.0
        tally.feed(frames(rng, patient, closures, end - lead, lead))
        t = end
    tally.feed(frames(rng, patient, closures, seconds - t, t))
    return tally


def run_profile(profile: str, hours: float, seed: int, base: BlinkSettings) -> dict[str, Any]:
    sigma = sigma_for(P_AT_LEAST_HALF_SECOND[profile])
    n_patients = max(1, round(hours / PATIENT_HOURS))
    seconds = hours * 3600.0 / n_patients
    variants: dict[str, list[Tally]] = {
        "switch": [],
        "switch_with_ring_feedback": [],
        "calibrated_fixed": [],
        "naive_fixed_0_5": [],
    }
    spont = long_spont = 0
    calibrations = []
    for p in range(n_patients):
        rng = np.random.default_rng([seed, p, 0 if profile == "normal" else 1])
        patient = make_patient(rng, profile)
        cal = calibrate(*calibration_phases(rng, patient, sigma), base)
        calibrations.append(
            {
                "open": round(cal.open_level, 3),
                "closed": round(cal.closed_level, 3),
                "blinks": len(cal.blink_durations_s),
                "hold_s": round(cal.hold_s, 2),
                "ok": cal.ok,
            }
        )
        intents = intentional_holds(rng, seconds)
        blinks = spontaneous_blinks(rng, patient, sigma, seconds, intents)
        spont += len(blinks)
        long_spont += sum(b.duration >= 0.5 for b in blinks)
        samples = frames(rng, patient, sorted(intents + blinks, key=lambda b: b.start), seconds)
        open_loop = {
            "switch": cal.settings,
            "calibrated_fixed": replace(cal.settings, adaptive_hold=False),
            "naive_fixed_0_5": replace(cal.settings, adaptive_hold=False, hold_s=0.5),
        }
        for name, settings in open_loop.items():
            tally = Tally(BlinkSwitch(settings), holds=intents)
            tally.feed(samples)
            variants[name].append(tally)
        variants["switch_with_ring_feedback"].append(
            ring_feedback_run(rng, patient, cal.settings, intents, blinks, seconds)
        )
    return {
        "sigma": round(sigma, 4),
        "patients": n_patients,
        "hours": round(hours, 2),
        "spontaneous_blinks": spont,
        "spontaneous_per_min": round(spont / hours / 60, 1),
        "spontaneous_at_least_0_5_s_share": round(long_spont / max(spont, 1), 4),
        "spontaneous_at_least_0_5_s_per_hour": round(long_spont / hours, 1),
        "calibration": calibrations,
        **{name: summarise(t, hours) for name, t in variants.items()},
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--hours", type=float, default=10.0, help="simulated hours per profile")
    ap.add_argument("--quick", action="store_true", help="0.2 h per profile (for tests)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument(
        "--max-hold-s", type=float, default=None, help="override blink.max_hold_s (trade-offs)"
    )
    args = ap.parse_args(argv)
    hours = 0.2 if args.quick else args.hours
    base = BlinkSettings()
    if args.max_hold_s is not None:
        base = replace(base, max_hold_s=args.max_hold_s)
    profiles = {p: run_profile(p, hours, args.seed, base) for p in ("normal", "drowsy")}
    frame_ms = 1000 / FPS
    report = {
        "benchmark": "blink_switch",
        "seed": args.seed,
        "max_hold_s": base.max_hold_s,
        "target_false_per_hour": base.target_false_per_hour,
        "fps": FPS,
        "model": {
            "median_blink_s": MEDIAN_S,
            "p_blink_at_least_0_5_s": P_AT_LEAST_HALF_SECOND,
            "blinks_per_min": BLINKS_PER_MIN,
            "incomplete_blink_share": INCOMPLETE_SHARE,
            "intentional_hold_s": INTENTIONAL_S,
            "ring_feedback_reaction_s": REACTION_S,
            "ear_jitter_sd": JITTER_SD,
            "dropped_frame_share": DROP_SHARE,
        },
        "targets": {
            "intentional_recall_min": 0.98,
            "false_per_hour_max": {"normal": 1.0, "drowsy": 3.0},
            "latency_over_hold_ms_max": round(2 * frame_ms, 1),
        },
        "profiles": profiles,
    }
    report["met"] = {
        f"{p}/{v}": {
            "recall": r[v]["intentional_recall"] >= 0.98,
            "false_per_hour": r[v]["false_per_hour"] <= report["targets"]["false_per_hour_max"][p],
            "latency": r[v]["within_hold_plus_2_frames"] >= 0.99,
        }
        for p, r in profiles.items()
        for v in ("switch", "switch_with_ring_feedback")
    }
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
