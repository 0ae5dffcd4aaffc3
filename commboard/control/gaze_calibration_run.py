"""The guided gaze calibration as data: look at the middle, then left, right, up and down.

A large dot is drawn where the patient should look (``Phase.target``), the
words say it and a voice says it (the patient may not read well).  Each step
lasts ``STEP_S``; the first second of it is the patient finding the dot.  The
samples go to ``signals.gaze_calibration.calibrate_gaze``, which sets the
patient's look distances from their own range (and flips the mirror setting
when left and right came out swapped).  A step that could not be read, or
where the eyes did not go the way asked, ends the run at once and says which
step; the previous settings are kept.  Saving is the shell's
(``shell.records.calibration_save``), as for blinks.
"""

from __future__ import annotations

import math
from dataclasses import replace

from commboard.control.calibration_run import Phase, PhasedRun
from commboard.settings import Settings
from commboard.settings.gaze_map_file import StoredMap
from commboard.signals.gaze_calibration import (
    CENTRE_UNSEEN,
    NEEDED,
    GazeCalibrationResult,
    calibrate_gaze,
    not_seen,
    result_lines,
    settled,
    unseen,
)
from commboard.signals.gaze_frame import Direction, Point, frame_problem
from commboard.signals.gaze_map import (
    CHECKS,
    NOSE_SHARES,
    Accuracy,
    GazeMap,
    MapProblem,
    accuracy_line,
    check_accuracy,
    fit_corner_shift,
    fit_map,
)
from commboard.signals.gaze_switch import tuning

STEP_S = 3.0
# The check dots (the pointing accuracy for dwell) are shorter: the patient knows the game by then.
CHECK_S = 2.5
# Where the dots are: the patient's left is the screen's left as they face it.
EDGE = 0.08
GAZE_PHASES: tuple[Phase, ...] = (
    Phase("ready", 3.0, "Look at the dots", "Let's measure your eye movements. Look at each dot."),
    Phase("centre", STEP_S, "Look at the middle dot", "Look at the dot in the middle.", (0.5, 0.5)),
    Phase(
        "left", STEP_S, "Look at the dot on your left", "Look at the dot on your left.", (EDGE, 0.5)
    ),
    Phase(
        "right",
        STEP_S,
        "Look at the dot on your right",
        "Look at the dot on your right.",
        (1 - EDGE, 0.5),
    ),
    Phase("up", STEP_S, "Look up at the dot", "Look up at the dot.", (0.5, EDGE)),
    Phase("down", STEP_S, "Look down at the dot", "Look down at the dot.", (0.5, 1 - EDGE)),
    *(
        Phase(f"check {i}", CHECK_S, "Look at the dot", words, target)
        for i, (target, words) in enumerate(
            zip(
                CHECKS,
                ("And this dot.", "This one.", "Now this one.", "And the last one."),
                strict=True,
            ),  # fmt: skip
            start=1,
        )
    ),
)


class GazeCalibrationRun(PhasedRun):
    """The steps, the samples recorded in each, and the result; no pygame, time passed in.

    Args:
        settings: the patient's settings (gaze: eye choice, mirroring; blink:
            the eyes' levels and head limits) to calibrate from.
        start: when the first step begins (the camera's clock).
        phases: the steps (tests may shorten them).
    """

    kind = "looks"

    def __init__(
        self,
        settings: Settings,
        start: float,
        phases: tuple[Phase, ...] = GAZE_PHASES,
    ) -> None:
        super().__init__(start, phases)
        self.settings = settings
        self._result: GazeCalibrationResult | None = None
        self._map: tuple[StoredMap | None, str] | None = None

    def step_failure(self, name: str) -> str | None:
        """A finished step that already dooms the run: its frames unread, or no look that way."""
        if name == "ready" or name.startswith("check"):
            return None
        problems = self._measure().problems
        if name == "centre":
            return CENTRE_UNSEEN if CENTRE_UNSEEN in problems else None
        direction = Direction(name)
        if direction not in NEEDED:
            return None
        mine = (unseen(direction), not_seen(direction))
        return next((p for p in problems if p in mine), None)

    def result(self) -> GazeCalibrationResult:
        """The measurement; a run ended by a failed step gives that step's problem alone."""
        if self._result is None:
            measured = self._measure()
            if self._failure is not None:
                measured = replace(measured, problems=(self._failure,), notes=())
            self._result = measured
        return self._result

    def _measure(self) -> GazeCalibrationResult:
        looks = {d: self.samples.get(d.value, []) for d in Direction}
        return calibrate_gaze(
            self.samples.get("centre", []), looks, self.settings.gaze, self.settings.blink
        )

    def usable(self) -> bool:
        return self.result().ok

    def applied(self, settings: Settings) -> Settings | None:
        if not self.usable():
            return None
        measured = self.result().settings
        gaze = replace(
            settings.gaze,
            distance=measured.distance,
            vertical_distance=measured.vertical_distance,
            mirrored=measured.mirrored,
            calibrated=True,
        )
        return replace(settings, gaze=gaze)

    def stored_map(self) -> tuple[StoredMap | None, str]:
        """The gaze map for dwell and its checked accuracy, or None and why not."""
        if self._map is None:
            self._map = self._fit_map()
        return self._map

    def _fit_map(self) -> tuple[StoredMap | None, str]:
        """Fit a map from each measure of up and down; keep what the check dots prefer.

        Both are fitted from the same five dots: up and down against the eye
        corners (the iris position) and against the nose bridge (the look
        height).  Which points better differs from face to face (and some
        faces point best with a share of each); and a look towards a corner
        can read higher or lower by itself, which the five dots, each on an
        axis, cannot see.  So of the shares ``NOSE_SHARES``, each with the
        corner shift that fits the check dots best (``fit_corner_shift``),
        the map whose points land nearest the check dots is kept (the smaller
        share on a tie).  Its accuracy is measured the same way at each check
        dot in turn, with a map chosen and fitted from the other three alone:
        no dot's own miss is fitted away before it is measured.
        """
        result = self.result()
        if not result.ok or result.rest is None:
            return None, ""
        fitted, problem = self._fitted(result)
        corners, nose = fitted.get(False), fitted.get(True)
        if corners is None and nose is None:
            return None, f"{problem} Dwell cannot be used."
        if corners is None or nose is None:
            candidates = [m for m in (corners, nose) if m is not None]
        else:
            candidates = [replace(corners, nose=nose, nose_share=w) if w else corners
                          for w in NOSE_SHARES]  # fmt: skip
        dots = range(len(self._check_phases()))
        chosen = self._best(candidates, tuple(dots))
        held_out = [
            self._points_at(self._best(candidates, tuple(j for j in dots if j != i)), i)
            for i in dots
        ]
        gaze = self.result().settings
        accuracy = check_accuracy(
            held_out, aspect=self.aspect, screen_cm=gaze.screen_width_cm,
            viewing_cm=gaze.viewing_cm,
        )  # fmt: skip
        if accuracy is None:
            return None, accuracy_line(None) + " Dwell cannot be used until it is."
        return StoredMap(chosen, accuracy), accuracy_line(accuracy)

    def _best(self, candidates: list[GazeMap], which: tuple[int, ...]) -> GazeMap:
        """Of ``candidates``, each with the corner shift fitted at the check dots ``which``,
        the one whose points land nearest those dots (the first on a tie)."""
        best: tuple[float, GazeMap] | None = None
        for m in candidates:
            checks = [self._points_at(m, i) for i in which]
            shifted = replace(m, corner_shift=fit_corner_shift(checks, (m.x[0], m.y[0])))
            measured = self._accuracy(shifted, which)
            error = measured.median_pct if measured is not None else math.inf
            if best is None or error < best[0]:
                best = (error, shifted)
        assert best is not None
        return best[1]

    def _fitted(self, result: GazeCalibrationResult) -> tuple[dict[bool, GazeMap], str]:
        """The maps of both measures that could be fitted (by ``GazeMap.heights``), and
        why one could not."""
        assert result.rest is not None
        targets = {p.name: p.target for p in self.phases if p.target is not None}
        gaze = result.settings
        measures = [(False, result.rest, result.offsets)]
        if result.look_rest is not None:
            measures.append((True, result.look_rest, result.look_offsets))
        fitted: dict[bool, GazeMap] = {}
        problem = ""
        for heights, rest, offsets in measures:
            dots: dict[str, tuple[Point, Point]] = {
                "centre": (targets.get("centre", (0.5, 0.5)), (0.0, 0.0))
            }
            for direction in Direction:
                offset = offsets.get(direction)
                if direction.value in targets and offset is not None and direction in result.ranges:
                    dots[direction.value] = (targets[direction.value], offset)
            try:
                fitted[heights] = fit_map(
                    dots, rest, frame_size=self._frame_size(), eye=gaze.eye,
                    mirrored=gaze.mirrored, heights=heights,
                )  # fmt: skip
            except MapProblem as exc:
                problem = problem or str(exc)
        return fitted, problem

    def _check_phases(self) -> list[Phase]:
        return [p for p in self.phases if p.name.startswith("check") and p.target is not None]

    def _points_at(self, m: GazeMap, i: int) -> tuple[Point, list[Point]]:
        """Check dot ``i`` and ``m``'s points while the patient looked at it."""
        gaze = self.result().settings
        rest_open = self.result().rest_open
        phase = self._check_phases()[i]
        assert phase.target is not None
        points = [
            point
            for s in settled(self.samples.get(phase.name, []))
            if not frame_problem(s, tuning(gaze), self.settings.blink, rest_open)
            and (point := m.sample_point(s)) is not None
        ]
        return phase.target, points

    def _accuracy(self, m: GazeMap, which: tuple[int, ...]) -> Accuracy | None:
        """How well ``m`` points at the check dots numbered ``which`` (None: none seen)."""
        gaze = self.result().settings
        return check_accuracy(
            [self._points_at(m, i) for i in which],
            aspect=self.aspect, screen_cm=gaze.screen_width_cm, viewing_cm=gaze.viewing_cm,
        )  # fmt: skip

    def _frame_size(self) -> tuple[int, int] | None:
        sizes = [s.frame_size for s in self.samples.get("centre", []) if s.frame_size]
        return max(set(sizes), key=sizes.count) if sizes else None

    def record(self) -> dict[str, object]:
        """The measured distances and, when the check dots were seen, the pointing accuracy."""
        result = self.result()
        if not result.ok:
            return {"problem": " ".join(result.problems)}
        stored, _ = self.stored_map()
        accuracy = None
        if stored is not None:
            a = stored.accuracy
            usable = [f"{r}x{c}" for r, c in a.usable]
            accuracy = {
                "median_pct": a.median_pct,
                "degrees": a.degrees,
                "usable": usable,
                "up_down_from_nose_bridge": _nose_share(stored.map),
            }
        gaze = result.settings
        return {
            "distance": gaze.distance,
            "vertical_distance": gaze.vertical_distance,
            "mirrored": gaze.mirrored,
            "accuracy": accuracy,
        }

    def lines(self) -> list[str]:
        lines = result_lines(self.result())
        _, words = self.stored_map()
        return lines + [words] if words else lines

    def thanks(self) -> str:
        return "Thank you. Your looks are measured."

    def failed_words(self) -> str:
        return "Measuring your looks did not work. " + " ".join(self.result().problems)


def _nose_share(m: GazeMap) -> float:
    """How much of the map's screen height is read against the nose bridge."""
    return 1.0 if m.heights else m.nose_share
