"""Gaze benchmark: held looks, glances, drifts and blinks filmed on real faces, read by the shipped look reader.

Real pixels: the synthetic camera (``adapters/synthetic_face``) films two
face photos that ship with installed packages (scikit-image's astronaut,
matplotlib's Grace Hopper), and every frame goes through MediaPipe Face Mesh
and the eye metrics exactly as in the board.  The samples are then read by
``signals.gaze_look.LookReader`` with the shipped gaze settings.

Per photo the film has:

* **held looks**: left, right, up and down (image directions; scored in the
  patient's terms) at three amplitudes (0.5, 0.65 and 0.8 of the way to the
  eye corner; up and down, of about 25 degrees of eye rotation, the lids
  following: docs/camera.md), each held 1 s, under six conditions: upright, head rolled
  +30 and -30 degrees (a patient lying on one side), brightness halved
  with camera noise, and the head turned (yaw) +15 and -15 degrees; plus a
  look with a blink in the middle of it.  With the head turned, the film's
  frames go through MediaPipe as they are and the landmarks are turned in 3D
  about the vertical axis through the face's middle (``yawed``), the way the
  nods below are made: a flat photo cannot turn, and a perspective warp of it
  would show MediaPipe a picture without parallax (the nose does not move
  across the cheeks), not a turned face.  Each turned block ends with 20 s of
  rest (blinks, glances, drifts) with the head still turned;
* **rest** (``--minutes``, default 2 per photo): ordinary blinks, glances of
  0.15-0.3 s each way, slow drifts sideways and back, small wandering.

Reported: a confusion matrix of intended vs detected direction (first look
in each held look's window, ``none`` if none), ``recall`` (held looks
detected at all), ``direction_accuracy`` (of those, the right direction),
recall by direction, amplitude and condition, ``false_looks_per_10_min``
(looks during the rest film, per 10 minutes), the decision delay past the
hold time (frames), and ``nods_without_a_look``: looks read while the head
nods 6 degrees up or down (quickly, held 1.5 s) with the eyes still in the
head -- the film's face at rest through MediaPipe frame by frame, its
landmarks turned by the pitch (a flat photo cannot nod).  ``yaw``: the held
looks (recall, direction accuracy) and the false looks (any look in a turned
block outside a held look's window, its rest included) with the head turned.

``cost``: the vision pipeline's mean time per frame as the camera worker runs
it while looks are read (MediaPipe, a rolled face turned upright first, the
eye metrics), the same frames through the blink switch's pipeline (no
turning) in the same run, alternating which goes first; what the look
reader adds per frame, and what the eye metrics spend on where the eyes
point (both eyes' ``iris_position``, which the blink switch does not need:
it uses ``iris_low``).  ``with_gaze_over_blink_only`` counts all three on
the whole film; ``rolled_30`` the same on its frames with the head rolled
30 degrees alone (a patient lying on one side all day).

Usage: ``python benchmarks/gaze.py [--minutes M] [--samples FILE]``
(``--samples`` keeps the MediaPipe results in FILE and reuses them next time).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import time
from collections import Counter
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from commboard.settings import BlinkSettings, GazeSettings
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_look_outputs import Look
from commboard.signals.gaze_switch import tuning
from commboard.vision.sample import EyeSample

FPS = 30.0
PHOTOS = ("astronaut", "hopper")
AMPLITUDES = (0.5, 0.65, 0.8)
CONDITIONS = {"upright": [], "roll +30": ["rotate 30"], "roll -30": ["rotate -30"],
              "dim and noisy": ["bright 0.5", "noise 8"], "yaw +15": [], "yaw -15": []}  # fmt: skip
# Head yaw (degrees) of a condition: a flat photo cannot turn, so its Face Mesh
# landmarks are turned in 3D about the vertical axis, frame by frame (``yawed``).
YAW = {"yaw +15": 15.0, "yaw -15": -15.0}
# Image direction in the script -> the patient's own direction (camera not mirrored).
PATIENT = {"left": "right", "right": "left", "up": "up", "down": "down"}
LOOK_S = 1.0
GAP_S = 1.5
SETTLE_S = 2.5  # before each condition block: the head moves, the reader settles


@dataclass(frozen=True)
class Trial:
    """One held look in the film."""

    photo: str
    onset: float
    image_direction: str
    amplitude: float
    condition: str
    blink_inside: bool = False

    @property
    def intended(self) -> str:
        return PATIENT[self.image_direction]


def rest_lines(t: float) -> list[str]:
    """20 s of rest from ``t``: blinks, glances each way, a slow drift out and back, wandering."""
    lines = []
    for offset, line in (
        (1.0, "0.15 close"),
        (2.5, "0.2 look left 0.8"),
        (4.0, "0.25 look right 0.8"),
        (5.5, "0.3 look up 0.8"),
        (7.0, "0.25 close"),
        (8.5, "0.15 look right 0.65"),
        (9.5, "0.3 look left 0.65"),
        (14.5, "0.2 close"),
        (15.5, "0.3 look down 0.8"),
        (17.0, "0.12 close"),
    ):
        lines.append(f"{t + offset:.3f} {line}")
    for i, amount in enumerate((0.1, 0.2, 0.3, 0.4, 0.45, 0.4, 0.3, 0.2, 0.1)):  # ~0.5/s
        lines.append(f"{t + 11.0 + 0.3 * i:.3f} 0.3 look left {amount}")
    for i, (d, amount) in enumerate((("right", 0.15), ("up", 0.15), ("left", 0.15))):
        lines.append(f"{t + 18.0 + 0.6 * i:.3f} 0.6 look {d} {amount}")
    return lines


REST_CYCLE_S = 20.0


@dataclass(frozen=True)
class Film:
    """One photo's film: the script, its held looks, its rest, and its head turns."""

    script: str
    trials: list[Trial]
    rest: tuple[float, float]
    # (start, end, degrees) of each block filmed with the head turned (yaw), and
    # (start, end) of the rest inside it (its looks are false looks under yaw).
    yaw: list[tuple[float, float, float]]
    yaw_rest: list[tuple[float, float]]


def film(photo: str, minutes: float) -> Film:
    """The script, its held looks, the (start, end) of its rest part, and its head turns."""
    lines = [f"photo {photo}"]
    trials: list[Trial] = []
    yaw: list[tuple[float, float, float]] = []
    yaw_rest: list[tuple[float, float]] = []
    t = 0.0
    for condition, actions in CONDITIONS.items():
        block_start = t
        t += SETTLE_S
        for direction in ("left", "right", "up", "down"):
            for amplitude in AMPLITUDES:
                lines.append(f"{t:.3f} {LOOK_S} look {direction} {amplitude}")
                trials.append(Trial(photo, t, direction, amplitude, condition))
                t += LOOK_S + GAP_S
        # A blink in the middle of a held look: the look still counts once the eyes reopen.
        lines.append(f"{t:.3f} 1.4 look right 0.8")
        lines.append(f"{t + 0.3:.3f} 0.15 close")
        trials.append(Trial(photo, t, "right", 0.8, condition, blink_inside=True))
        t += 1.4 + GAP_S
        if condition in YAW:  # and a stretch of rest with the head turned
            lines += rest_lines(t)
            yaw_rest.append((t, t + REST_CYCLE_S))
            t += REST_CYCLE_S
            yaw.append((block_start, t, YAW[condition]))
        lines += [f"{block_start:.3f} {t - block_start:.3f} {a}" for a in actions]
    rest_start = t
    end = t + minutes * 60.0
    while t < end:
        lines += rest_lines(t)
        t += REST_CYCLE_S
    return Film("\n".join(lines), trials, (rest_start, end), yaw, yaw_rest)


def yaw_at(t: float, spans: list[tuple[float, float, float]]) -> float:
    """The head's yaw (degrees) at ``t`` of a film with these turned blocks."""
    return next((deg for start, end, deg in spans if start <= t < end), 0.0)


# Nods without a look: the head pitched this far (either way) in a tenth of a second,
# held, and back, every ``NOD_EVERY_S`` seconds.
NOD_DEG = 6.0
NOD_HOLD_S = 1.5
NOD_EVERY_S = 4.0
NODS = 6


def nod_pitch(t: float) -> float:
    """The head's pitch (degrees, > 0 looking down) at ``t`` of the nod film."""
    start = 3.0  # rest first: the reader learns it
    if t < start or t >= start + NODS * NOD_EVERY_S:
        return 0.0
    n, into = divmod(t - start, NOD_EVERY_S)
    sign = 1.0 if int(n) % 2 == 0 else -1.0
    ramp = 0.1
    if into < ramp:
        return sign * NOD_DEG * into / ramp
    if into < ramp + NOD_HOLD_S:
        return sign * NOD_DEG
    if into < 2 * ramp + NOD_HOLD_S:
        return sign * NOD_DEG * (1 - (into - ramp - NOD_HOLD_S) / ramp)
    return 0.0


def pitched(landmarks: Any, degrees: float, shape: tuple[int, int]) -> Any:
    """Face Mesh's 3D points turned about the face's middle by ``degrees`` of pitch."""
    import numpy as np

    scale = np.array([shape[1], shape[0], shape[1]], dtype=np.float64)  # z uses x's scale
    px = np.asarray(landmarks, dtype=np.float64) * scale
    middle = px.mean(axis=0)
    a = math.radians(degrees)
    turn = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    return ((px - middle) @ turn.T + middle) / scale


def yawed(landmarks: Any, degrees: float, shape: tuple[int, int]) -> Any:
    """Face Mesh's 3D points turned about the vertical axis through the face's middle.

    > 0 turns the face towards the image right (``metrics.head_pose``'s yaw).
    """
    import numpy as np

    scale = np.array([shape[1], shape[0], shape[1]], dtype=np.float64)  # z uses x's scale
    px = np.asarray(landmarks, dtype=np.float64) * scale
    middle = px.mean(axis=0)
    a = math.radians(degrees)
    # Image right is +x, away from the camera +z: a turn to the image right brings
    # the image-left cheek forward (-z) and sends the image-right cheek back.
    turn = np.array([[math.cos(a), 0, -math.sin(a)], [0, 1, 0], [math.sin(a), 0, math.cos(a)]])
    return ((px - middle) @ turn.T + middle) / scale


def nod_film(photo: str) -> list[EyeSample]:
    """Nods without a look: the film's face at rest in camera noise (real MediaPipe,
    frame by frame, its own jitter), its landmarks turned by the head pitch of ``nod_pitch`` (a flat
    photo cannot nod), measured by the board's eye metrics."""
    from commboard.adapters.mediapipe_mesh import MediaPipeMesh
    from commboard.adapters.synthetic_face import make_animator
    from commboard.vision.face_script import parse_script
    from commboard.vision.metrics import eye_sample, face_brightness

    seconds = 6.0 + NODS * NOD_EVERY_S
    # Camera noise throughout: MediaPipe's landmarks jitter as in dim light.
    script = parse_script(f"photo {photo}\n0 {seconds} noise 8", f"gaze benchmark nods ({photo})")
    animator = make_animator(script.photo, (640, 480))
    mesh = MediaPipeMesh(video=True)
    samples = []
    for n in range(int(seconds * FPS)):
        t = n / FPS
        rgb = animator.render(script.state_at(t), n)
        points = mesh.detect(rgb)
        turned = None if points is None else pitched(points, nod_pitch(t), rgb.shape[:2])
        samples.append(eye_sample(turned, t, rgb.shape, face_brightness(rgb, points)))
    mesh.close()
    return samples


def measure(
    script_text: str, photo: str, yaw: list[tuple[float, float, float]] | None = None
) -> list[EyeSample]:
    """Render every frame of the film and run the board's vision on it.

    ``yaw``: blocks filmed with the head turned: there each frame's landmarks
    are turned by the yaw (``yawed``) before the eye metrics read them.
    """
    from commboard.adapters.mediapipe_mesh import MediaPipeMesh
    from commboard.adapters.synthetic_face import make_animator
    from commboard.vision.face_script import parse_script
    from commboard.vision.frames import Frame
    from commboard.vision.metrics import eye_sample, face_brightness
    from commboard.vision.pipeline import process_frame

    script = parse_script(script_text, f"gaze benchmark ({photo})")
    animator = make_animator(script.photo, (640, 480))
    mesh = MediaPipeMesh(video=True)  # as while looks are read: a rolled face is turned upright
    blink_only = MediaPipeMesh(video=True)  # the same frames as for the blink switch alone
    blink_only.turn_rolled = False
    end = max(float(line.split()[0]) + float(line.split()[1])
              for line in script_text.splitlines()[1:]) + 1.0  # fmt: skip
    rolled = [(float(w[0]), float(w[0]) + float(w[1])) for w in
              (line.split() for line in script_text.splitlines()[1:]) if w[2] == "rotate"]  # fmt: skip
    samples = []
    spent = {"gaze": [0.0, 0.0], "blink": [0.0, 0.0]}  # [whole film, rolled frames]
    frames = [0, 0]
    for n in range(int(end * FPS)):
        t = n / FPS
        frame = Frame(t, animator.render(script.state_at(t), n))
        degrees = yaw_at(t, yaw or [])
        is_rolled = any(start <= t < stop for start, stop in rolled)
        frames[0] += 1
        frames[1] += is_rolled
        for which in ("gaze", "blink") if n % 2 else ("blink", "gaze"):
            detector = mesh if which == "gaze" else blink_only
            started = time.perf_counter()
            if degrees:
                points = detector.detect(frame.rgb)
                turned = None if points is None else yawed(points, degrees, frame.rgb.shape[:2])
                brightness = face_brightness(frame.rgb, points)
                sample = eye_sample(turned, t, frame.rgb.shape, brightness)
            else:
                sample = process_frame(detector, frame)  # the camera worker's work per frame
            took = time.perf_counter() - started
            spent[which][0] += took
            spent[which][1] += took if is_rolled else 0.0
            if which == "gaze":
                samples.append(sample)
    mesh.close()
    blink_only.close()
    PIPELINE_MS.append({
        f"{which}_ms{part}": round(spent[which][i] / max(1, frames[i]) * 1000.0, 4)
        for which in spent for i, part in enumerate(("", "_rolled"))
    })  # fmt: skip
    return samples


# Per photo filmed, mean ms per frame: "gaze_ms" / "blink_ms" (looks read / blink switch
# alone) over the whole film and "..._rolled" over its frames with the head rolled 30 degrees.
PIPELINE_MS: list[dict[str, float]] = []


def position_cost() -> float:
    """Mean microseconds for both eyes' ``iris_position`` and ``look_height`` (any landmarks do)."""
    import numpy as np

    from commboard.vision import landmarks as lm
    from commboard.vision.metrics import iris_position, look_height

    px = np.random.default_rng(1).random((lm.LANDMARK_COUNT, 3)) * 300.0
    eyes = ((lm.CORNERS_LEFT, lm.UPPER_LID_LEFT, lm.IRIS_LEFT),
            (lm.CORNERS_RIGHT, lm.UPPER_LID_RIGHT, lm.IRIS_RIGHT))  # fmt: skip
    runs = 5000
    started = time.perf_counter()
    for _ in range(runs):
        for corners, lid, iris in eyes:
            iris_position(px, corners, lid, iris)
            look_height(px, corners, lid, iris, 1.0)
    return (time.perf_counter() - started) / runs * 1e6


def reader_cost(samples: list[EyeSample], gaze: GazeSettings) -> float:
    """Mean microseconds per frame the look reader adds (best of three passes)."""
    best = math.inf
    for _ in range(3):
        reader = LookReader(tuning(gaze), BlinkSettings())
        started = time.perf_counter()
        for s in samples:
            reader.update(s)
        best = min(best, time.perf_counter() - started)
    return best / max(1, len(samples)) * 1e6


def read_looks(samples: list[EyeSample], gaze: GazeSettings) -> list[Look]:
    reader = LookReader(tuning(gaze), BlinkSettings())
    return [out for s in samples for out in reader.update(s) if isinstance(out, Look)]


def score(looks: list[Look], filmed: Film, hold_s: float) -> dict[str, Any]:
    """Per-trial outcome and false looks during rest, for one photo."""
    trials, rest = filmed.trials, filmed.rest
    outcomes = []
    for trial in trials:
        window_end = trial.onset + (1.4 if trial.blink_inside else LOOK_S) + 0.5
        found = [
            look for look in looks if trial.onset <= look.start_t + 1e-6 and look.t <= window_end
        ]
        first = found[0] if found else None
        delay = None if first is None else (first.t - trial.onset - hold_s) * FPS
        outcomes.append((trial, first.direction.value if first else "none", delay))
    false = [look for look in looks if rest[0] + 1.0 <= look.t <= rest[1]]
    # Under yaw: every look in a turned block's rest, or in its held-looks part
    # outside the held looks' windows (the settling after the turn included).
    windows = [(tr.onset, tr.onset + (1.4 if tr.blink_inside else LOOK_S) + 0.5) for tr in trials]
    false_yaw = [
        look
        for look in looks
        if yaw_at(look.t, filmed.yaw) and not any(a <= look.t <= b for a, b in windows)
    ]
    return {
        "outcomes": outcomes,
        "false": false,
        "rest_s": rest[1] - rest[0] - 1.0,
        "false_yaw": false_yaw,
        "yaw_rest_s": sum(b - a for a, b in filmed.yaw_rest),
        "yaw_block_s": sum(b - a for a, b, _ in filmed.yaw),
    }


def summary(results: list[dict[str, Any]], minutes: float) -> dict[str, Any]:
    outcomes = [o for r in results for o in r["outcomes"]]
    names = ["left", "right", "up", "down", "none"]
    confusion = {want: dict.fromkeys(names, 0) for want in names[:4]}
    for trial, got, _ in outcomes:
        confusion[trial.intended][got] += 1
    detected = [(t, g, d) for t, g, d in outcomes if g != "none"]

    def rate(selected: list[tuple[Trial, str, float | None]]) -> float:
        return round(sum(g != "none" for _, g, _ in selected) / max(1, len(selected)), 4)

    by = {
        "direction": {d: rate([o for o in outcomes if o[0].intended == d]) for d in names[:4]},
        "amplitude": {
            str(a): rate([o for o in outcomes if o[0].amplitude == a and not o[0].blink_inside])
            for a in AMPLITUDES
        },  # fmt: skip
        "condition": {c: rate([o for o in outcomes if o[0].condition == c]) for c in CONDITIONS},
        "photo": {p: rate([o for o in outcomes if o[0].photo == p]) for p in PHOTOS},
        "blink_inside_look": rate([o for o in outcomes if o[0].blink_inside]),
    }
    sideways = [o for o in outcomes if o[0].intended in ("left", "right", "up")]
    false_count = sum(len(r["false"]) for r in results)
    rest_s = sum(r["rest_s"] for r in results)
    # A blink in the middle of a look pauses its hold (the closed frames do not count):
    # those looks are decided that much later and are reported on their own.
    delays = sorted(d for t, _, d in detected if d is not None and not t.blink_inside)
    blink_delays = sorted(d for t, _, d in detected if d is not None and t.blink_inside)
    return {
        "recall": rate(outcomes),
        "direction_accuracy": round(
            sum(t.intended == g for t, g, _ in detected) / max(1, len(detected)), 4
        ),
        "recall_left_right_up": rate(sideways),
        "held_looks": len(outcomes),
        "false_looks_per_10_min": round(false_count / rest_s * 600.0, 3),
        "false_looks": false_count,
        "false_looks_directions": dict(
            Counter(look.direction.value for r in results for look in r["false"])
        ),
        "rest_minutes": round(rest_s / 60.0, 2),
        "decision_delay_frames_past_hold": {
            "median": delays[len(delays) // 2] if delays else None,
            "max": round(delays[-1], 2) if delays else None,
            "share_within_2": round(sum(d <= 2.0 + 1e-6 for d in delays) / max(1, len(delays)), 4),
            "looks_with_a_blink_inside_median": (
                round(blink_delays[len(blink_delays) // 2], 2) if blink_delays else None
            ),
        },
        "confusion": confusion,
        "recall_by": by,
        "yaw": yaw_summary(results, outcomes),
    }


def yaw_summary(
    results: list[dict[str, Any]], outcomes: list[tuple[Trial, str, float | None]]
) -> dict[str, Any]:
    """Held looks and false looks with the head turned (the ``YAW`` conditions)."""
    turned = [o for o in outcomes if o[0].condition in YAW]
    found = [(t, g) for t, g, _ in turned if g != "none"]
    false = [look for r in results for look in r["false_yaw"]]
    return {
        "how": "each frame's Face Mesh landmarks turned in 3D about the vertical axis through "
        "the face's middle (a flat photo cannot turn; a perspective warp of it has no parallax)",
        "degrees": sorted(YAW.values()),
        "held_looks": len(turned),
        "recall": round(len(found) / max(1, len(turned)), 4),
        "direction_accuracy": round(sum(t.intended == g for t, g in found) / max(1, len(found)), 4),
        "false_looks": len(false),
        "false_looks_directions": dict(Counter(look.direction.value for look in false)),
        "turned_minutes": round(sum(r["yaw_block_s"] for r in results) / 60.0, 2),
        "rest_minutes_turned": round(sum(r["yaw_rest_s"] for r in results) / 60.0, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=2.0, help="rest film per photo")
    parser.add_argument("--samples", type=Path, help="keep / reuse the MediaPipe results here")
    args = parser.parse_args()
    gaze = GazeSettings()
    cached: dict[str, Any] = {}
    if args.samples and args.samples.exists():
        cached = json.loads(args.samples.read_text())
    started = time.perf_counter()
    results = []
    costs: list[tuple[dict[str, float] | None, float]] = []
    nod_looks: dict[str, list[str]] = {}
    for photo in PHOTOS:
        if cached.get(f"{photo} nods", {}).get("nods") != [NOD_DEG, NOD_HOLD_S, NODS]:
            nods = nod_film(photo)
            cached[f"{photo} nods"] = {"nods": [NOD_DEG, NOD_HOLD_S, NODS],
                                       "samples": [asdict(s) for s in nods]}  # fmt: skip
        nod_samples = [EyeSample(**{k: tuple(v) if isinstance(v, list) else v for k, v in s.items()})
                       for s in cached[f"{photo} nods"]["samples"]]  # fmt: skip
        nod_looks[photo] = [look.direction.value for look in read_looks(nod_samples, gaze)]
        filmed = film(photo, args.minutes)
        script_text = filmed.script + f"\n# yaw {filmed.yaw}"  # the cache's key
        if cached.get(photo, {}).get("script") == script_text:
            samples = [EyeSample(**{k: tuple(v) if isinstance(v, list) else v for k, v in s.items()})
                       for s in cached[photo]["samples"]]  # fmt: skip
        else:
            samples = measure(filmed.script, photo, filmed.yaw)
            cached[photo] = {"script": script_text, "samples": [asdict(s) for s in samples],
                             "pipeline": PIPELINE_MS[-1]}  # fmt: skip
        results.append(score(read_looks(samples, gaze), filmed, gaze.hold_s))
        costs.append((cached[photo].get("pipeline"), reader_cost(samples, gaze)))
    if args.samples:
        args.samples.write_text(json.dumps(cached))
    out = summary(results, args.minutes)
    out["nods_without_a_look"] = {
        "nods": NODS * len(PHOTOS),
        "degrees": NOD_DEG,
        "held_s": NOD_HOLD_S,
        "looks": sum(len(v) for v in nod_looks.values()),
        "looks_by_photo": nod_looks,
    }
    pipeline = [ms for ms, _ in costs if ms is not None]
    reader_us = statistics.mean(us for _, us in costs)
    position_us = position_cost()
    gaze_ms = (reader_us + position_us) / 1000

    def mean(key: str) -> float:
        return statistics.mean(p[key] for p in pipeline)

    out["cost"] = {
        "look_reader_us_per_frame": round(reader_us, 1),
        "gaze_position_us_per_frame": round(position_us, 1),
    }
    if pipeline:  # (a --samples file from before this measure has none)
        out["cost"].update({
            "pipeline_ms_per_frame": round(mean("gaze_ms"), 3),
            "blink_only_pipeline_ms_per_frame": round(mean("blink_ms"), 3),
            "with_gaze_over_blink_only": round((mean("gaze_ms") + gaze_ms) / mean("blink_ms"), 4),
            "rolled_30": {
                "pipeline_ms_per_frame": round(mean("gaze_ms_rolled"), 3),
                "blink_only_pipeline_ms_per_frame": round(mean("blink_ms_rolled"), 3),
                "with_gaze_over_blink_only": round(
                    (mean("gaze_ms_rolled") + gaze_ms) / mean("blink_ms_rolled"), 4
                ),
            },
        })  # fmt: skip
    out["settings"] = {"hold_s": gaze.hold_s, "distance": gaze.distance,
                       "vertical_distance": gaze.vertical_distance}  # fmt: skip
    out["photos"] = list(PHOTOS)
    out["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
