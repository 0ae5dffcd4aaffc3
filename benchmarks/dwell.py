"""Dwell benchmark: selection accuracy on 2×2 and 2×3 pages, and unintended selections while reading.

1. **Calibration accuracy on real pixels**: the gaze calibration
   (``commboard calibrate --gaze``) runs on the synthetic camera filming two
   face photos (astronaut; Grace Hopper, with glasses), real MediaPipe, the
   same script of looks at the dots.  Its check dots give the pointing
   accuracy (median distance in % of the screen width).
2. **Gaze-noise model** from each photo's accuracy: per axis, a per-choice offset
   (the map's systematic error at that place) drawn with the median error
   measured that way, plus frame-to-frame jitter of half that, and an ordinary blink every
   2-6 s (0.2 s with no usable gaze).
3. **Choosing** (``--choices`` per page): the simulated patient looks at the
   intended cell's middle (with the noise) until something is chosen or 5 s
   pass.  The real ``DwellLooks`` (smoothing, margin, dwell timer, re-arming)
   reads the samples through a gaze map, with the shipped ``gaze.dwell_s``.
   ``accuracy`` = the intended cell chosen first.
   Also on the largest screen the board would show that patient (the
   calibration's usable grid sizes decide: ``board_shows``).
4. **Reading (Midas touch)**: the patient reads the shipped home page's
   labels (two to six cells per screen, as dwell shows it): a fixation of
   0.15-0.6 s (lognormal, median 0.23 s) per one or two words, cells in a
   random order, now and then a look at the message bar.  Every choice is
   unintended; reported per minute.  ``reading_with_pauses``: the same, and on
   one cell in ten the patient stops to think (one fixation of 0.4-1.2 s).

Usage: ``python benchmarks/dwell.py [--choices N] [--minutes M] [--seed S]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

from commboard.board.model import Action, Cell, Page
from commboard.control.dwell import grid_for, most_items
from commboard.control.dwell_looks import DwellLooks
from commboard.events import CellPointed
from commboard.settings import BlinkSettings, GazeSettings
from commboard.settings.gaze_map_file import StoredMap
from commboard.signals.gaze_map import Accuracy, GazeMap
from commboard.testing import GAZE_CALIBRATION_FACE
from commboard.vision.sample import EyeSample

FPS = 30.0
# The board's cells take this part of the screen (fractions): below the message bar.
GRID = (0.02, 0.16, 0.96, 0.76)
ASPECT = 9 / 16


def calibrate(photo: str, folder: Path) -> dict[str, object]:
    """Run ``commboard calibrate --gaze`` on the synthetic face; its measured accuracy."""
    import os

    from commboard.cli import parse_options
    from commboard.settings.gaze_map_file import gaze_map_path, load_gaze_map
    from commboard.shell import app

    os.environ["COMMBOARD_CONFIG_DIR"] = str(folder / "config")
    script = folder / f"{photo}.face"
    script.write_text(f"photo {photo}\n" + GAZE_CALIBRATION_FACE, encoding="utf-8")
    args = parse_options(
        ["calibrate", "--gaze", "--headless", "--virtual-clock", "--camera", f"synthetic:{script}",
         "--camera-fps", "15", "--speech", "none", "--profile", photo]
    )  # fmt: skip
    with contextlib.redirect_stdout(sys.stderr):  # its words for the carer; stdout is the JSON
        code = app.calibrate(args)
    stored, problem = load_gaze_map(gaze_map_path(photo))
    if code != 0 or stored is None:
        return {"ok": False, "problem": problem or f"calibration exit {code}"}
    a = stored.accuracy
    return {"ok": True, "median_pct": a.median_pct, "p90_pct": a.p90_pct, "degrees": a.degrees,
            "median_x_pct": a.median_x_pct, "median_y_pct": a.median_y_pct,
            "usable": [f"{r}x{c}" for r, c in a.usable],
            # how much of the map's height is read against the nose bridge (chosen per patient)
            "nose_share": 1.0 if stored.map.heights else stored.map.nose_share,
            # how far a look towards a corner is moved down (% of the screen height)
            "corner_shift_pct": round(100 * stored.map.corner_shift, 1),
            "board_shows": "x".join(map(str, grid_for(most_items(a.usable))))}  # fmt: skip


# An identity-like map: screen x = 0.5 - iris x, screen y = 0.5 + iris y (image
# x towards the patient's left), so a sample can be made for any screen point.
MAP = GazeMap(((0.0, 0.0), (0.0, 0.0)), (0.5, -1.0, -1.0), (0.5, -1.0, -1.0))
ALL_GRIDS = ((1, 2), (2, 2), (2, 3), (3, 2), (3, 3))


def sample(t: float, point: tuple[float, float] | None) -> EyeSample:
    """A camera sample whose eyes look at ``point`` (None: a blink, no usable gaze)."""
    if point is None:
        return EyeSample(t=t, face_found=True, ear_left=0.05, ear_right=0.05, iris_left=(0.0, 0.0),
                         iris_right=(0.0, 0.0), yaw_deg=0.0, pitch_deg=0.0, roll_deg=0.0)  # fmt: skip
    iris = (0.5 - point[0], point[1] - 0.5)
    return EyeSample(t=t, face_found=True, ear_left=0.3, ear_right=0.3, iris_left=iris,
                     iris_right=iris, yaw_deg=0.0, pitch_deg=0.0, roll_deg=0.0)  # fmt: skip


def rects(rows: int, columns: int) -> list[tuple[int, tuple[float, float, float, float]]]:
    gx, gy, gw, gh = GRID
    w, h = gw / columns, gh / rows
    return [
        (r * columns + c, (gx + c * w, gy + r * h, w, h))
        for r in range(rows)
        for c in range(columns)
    ]


class Noise:
    """The gaze-noise model: a per-fixation offset and frame jitter, in screen fractions.

    Per axis, a normal offset whose absolute value has the measured median
    error that way (sigma = median / 0.6745), and jitter of half that.
    """

    def __init__(self, error: tuple[float, float], rng: random.Random) -> None:
        self.sigma = (error[0] / 100 / 0.6745, error[1] / 100 / 0.6745)
        self.rng = rng
        self.offset = (0.0, 0.0)

    def new_fixation(self) -> None:
        self.offset = (self.rng.gauss(0, self.sigma[0]), self.rng.gauss(0, self.sigma[1]))

    def at(self, point: tuple[float, float]) -> tuple[float, float]:
        return (
            point[0] + self.offset[0] + self.rng.gauss(0, self.sigma[0] / 2),
            point[1] + self.offset[1] + self.rng.gauss(0, self.sigma[1] / 2),
        )


def detector(page: Page, settings: GazeSettings) -> DwellLooks:
    looks = DwellLooks(settings, BlinkSettings())
    looks.set_map(StoredMap(MAP, Accuracy(0.0, 0.0, 0.0, ALL_GRIDS, 1)))
    looks.show(page)
    return looks


def choosing(
    rows: int, columns: int, error: tuple[float, float], choices: int, rng: random.Random
) -> dict[str, object]:
    """The patient chooses ``choices`` intended cells, one after another."""
    n = rows * columns
    page = Page("p", "P", rows, columns, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(n)))
    settings = GazeSettings()
    looks = detector(page, settings)
    layout = rects(rows, columns)
    looks.place(layout)
    noise = Noise(error, rng)
    t, right, wrong, timeouts, times = 0.0, 0, 0, 0, []
    next_blink = t + rng.uniform(2, 6)
    for _ in range(choices):
        target = rng.randrange(n)
        x, y, w, h = dict(layout)[target]
        noise.new_fixation()
        start, chosen = t, None
        t += 0.25  # the saccade: the gaze flies over (no dwell there)
        while chosen is None and t - start < 5.0:
            if next_blink <= t < next_blink + 0.2:
                point = None
            else:
                point = noise.at((x + w / 2, y + h / 2))
                if t >= next_blink + 0.2:
                    next_blink = t + rng.uniform(2, 6)
            for item in looks.update(sample(t, point)):
                if isinstance(item, CellPointed):
                    chosen = item.cell
            t += 1 / FPS
        if chosen is None:
            timeouts += 1
        elif chosen == target:
            right += 1
            times.append(t - start)
        else:
            wrong += 1
        away = t + rng.uniform(0.5, 1.5)  # looks at the message bar, hears it spoken
        while t < away:
            looks.update(sample(t, (0.5, 0.05)))
            t += 1 / FPS
    return {
        "choices": choices, "accuracy": round(right / choices, 4), "wrong": wrong,
        "timeouts": timeouts,
        "seconds_per_choice_median": round(sorted(times)[len(times) // 2], 3) if times else None,
    }  # fmt: skip


def home_labels() -> list[str]:
    from commboard.board.layout_file import default_layout_path, load_layout

    layout = load_layout(default_layout_path())
    return [c.label for c in layout.page(layout.home).cells if c is not None]


def reading(
    error: tuple[float, float], minutes: float, rng: random.Random, pauses: float = 0.0
) -> dict[str, object]:
    """The patient reads the screen; every choice made is unintended (Midas touch).

    ``pauses``: the share of cells on which the patient also stops to think,
    one fixation of 0.4-1.2 s (uniform) on the label.
    """
    labels = home_labels()
    settings = GazeSettings()
    noise = Noise(error, rng)
    t, unintended, visits, shown = 0.0, 0, 0, 0
    end = minutes * 60
    while t < end:
        count = rng.choice([2, 3, 4, 6])  # the screens dwell shows: halves, groups, cells
        rows, columns = {2: (1, 2), 3: (1, 3), 4: (2, 2), 6: (2, 3)}[count]
        words = [rng.choice(labels) for _ in range(count)]
        page = Page("p", "P", rows, columns, tuple(Cell(w, Action.SPEAK) for w in words))
        looks = detector(page, settings)
        layout = rects(rows, columns)
        looks.place(layout)
        shown += 1
        for _ in range(rng.randint(1, 3)):  # reads the screen once to three times
            for slot in rng.sample(range(count), count):
                visits += 1
                x, y, w, h = dict(layout)[slot]
                fixations = max(1, math.ceil(len(words[slot].split()) / 2))
                for f in range(fixations):
                    noise.new_fixation()
                    spot = (
                        x + w * (0.35 + 0.3 * (f + 0.5) / fixations),
                        y + h * rng.uniform(0.4, 0.6),
                    )
                    duration = min(0.6, max(0.15, rng.lognormvariate(math.log(0.23), 0.3)))
                    if f == 0 and rng.random() < pauses:
                        duration = rng.uniform(0.4, 1.2)
                    stop = t + duration
                    while t < stop:
                        for item in looks.update(sample(t, noise.at(spot))):
                            unintended += isinstance(item, CellPointed)
                        t += 1 / FPS
                if rng.random() < 0.1:  # a look at the message bar
                    stop = t + 0.4
                    while t < stop:
                        looks.update(sample(t, (0.5, 0.06)))
                        t += 1 / FPS
    return {"minutes": round(t / 60, 2), "cell_visits": visits, "screens": shown,
            "unintended": unintended, "unintended_per_minute": round(unintended / (t / 60), 3)}  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--choices", type=int, default=400)
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        calibrations = {photo: calibrate(photo, Path(folder)) for photo in ("astronaut", "hopper")}
    measured = [c["median_pct"] for c in calibrations.values() if c["ok"]]
    if not measured:
        print(
            json.dumps(
                {"benchmark": "dwell", "calibration": calibrations, "error": "no calibration"}
            )
        )
        return 1
    rng = random.Random(args.seed)
    per_photo: dict[str, Any] = {}
    for photo, calibration in calibrations.items():
        if not calibration["ok"]:
            continue
        error = (float(calibration["median_x_pct"]), float(calibration["median_y_pct"]))  # type: ignore[arg-type]
        rows, columns = (int(n) for n in str(calibration["board_shows"]).split("x"))
        per_photo[photo] = {
            "noise_median_error_pct": {"across_of_width": error[0], "up_down_of_height": error[1]},
            "choosing_2x2": choosing(2, 2, error, args.choices, rng),
            "choosing_2x3": choosing(2, 3, error, args.choices, rng),
            # the largest screen the board shows this patient (from the usable grids)
            f"choosing_as_shown_{rows}x{columns}": choosing(
                rows, columns, error, args.choices, rng
            ),
            "reading": reading(error, args.minutes, rng),
            "reading_with_pauses": reading(error, args.minutes, rng, pauses=0.1),
        }
    result: dict[str, object] = {
        "benchmark": "dwell",
        "dwell_s": GazeSettings().dwell_s,
        "calibration": calibrations,
        "by_photo": per_photo,
        "targets_met": {
            photo: {
                "accuracy_2x2>=0.95": r["choosing_2x2"]["accuracy"] >= 0.95,
                "accuracy_2x3>=0.95": r["choosing_2x3"]["accuracy"] >= 0.95,
                "midas<=1/min": r["reading"]["unintended_per_minute"] <= 1.0,
            }
            for photo, r in per_photo.items()
        },
    }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
