"""Where on the screen the patient looks: the gaze map fitted by the gaze calibration.

Dwell selection (``access: gaze_dwell``) needs a point on the screen, not
just a direction.  The gaze calibration shows dots at five places (middle,
left, right, top, bottom); ``fit_map`` fits, per screen axis and side of the
middle, a straight line from the gaze offset -- where the irises sit in the eyes
relative to their position while looking at the middle dot, in the eye's own
frame, so head roll is already compensated -- to the screen position of the
dot; up and down once against the eye corners and once against the nose
bridge, the map's height a share of each (``GazeMap.nose_share``).  Four more
dots (``CHECKS``, between the middle and the corners) choose the share and
measure how far a look towards a corner reads off in height, which no dot on
the axes can show (``GazeMap.corner_shift``, ``fit_corner_shift``); each of
them is also measured with a map fitted and chosen from the other three alone
(``control.gaze_calibration_run``), so ``check_accuracy`` says how far the
map's point lands on dots that had no say in it, frame by frame, in screen
widths and in degrees of visual angle, and which grid sizes a dwell page can
use reliably.

A map belongs to the camera picture size it was made with (a different
resolution moves the landmarks' scale): ``GazeMap.frame_size`` is checked by
the board before dwell is allowed.  Head movements after the calibration
move the point too (the map does not model the head); the board asks for a
new calibration when the patient is repositioned (docs/gaze.md).

Pure: no clock, no camera, no file.  ``gaze_map_file`` stores a map.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from commboard.settings import Eye
from commboard.signals.gaze_frame import Point, gaze_offset, used_eyes
from commboard.vision.sample import EyeSample

# The check dots: between the middle and each corner (screen fractions).
CHECKS: tuple[Point, ...] = ((0.3, 0.3), (0.7, 0.3), (0.3, 0.7), (0.7, 0.7))
# How far the check dots are from the middle, across and up/down: a look's share of
# this (each way, up to 1) sets how much of ``GazeMap.corner_shift`` it gets.
CORNER_REACH: Point = (abs(CHECKS[0][0] - 0.5), abs(CHECKS[0][1] - 0.5))
# The most a look towards a corner is moved (share of the screen height): three
# quarters of the check dots' distance from the middle.  A larger miss there is not
# a steady bias but looks that went astray, and below that distance the height still
# rises steadily with the reading (``shifted_height``).
MAX_CORNER_SHIFT = 0.75 * CORNER_REACH[1]
# The shares of the screen height taken from the map fitted against the nose
# bridge (the rest from the one against the eye corners) the calibration tries.
NOSE_SHARES: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0)
# Grid sizes a dwell page may have (rows, columns), largest cells first.
GRIDS: tuple[tuple[int, int], ...] = ((1, 2), (2, 2), (2, 3), (3, 2), (3, 3))
# A grid is usable when 90% of the map's points land within this share of a
# cell's width and height from the cell's centre (0.5 would be the cell's edge).
USABLE_SHARE = 0.4
# The cells of a board take about this share of the screen's height (the rest
# is the message bar and the status line).
GRID_HEIGHT_SHARE = 0.75
# A look at a dot that moved the gaze less than this (iris-position units) maps nothing.
MIN_MOVE = 0.02
# The most the height reading is taken to rise per (sideways offset)^2 (GazeMap.corner_rise).
MAX_RISE = 5.0
# The points are smoothed over this many frames (the dwell does the same).
SMOOTH_FRAMES = 5


@dataclass(frozen=True, slots=True)
class GazeMap:
    """A fitted map from the eyes to the screen, for one patient and one camera size.

    Attributes:
        rest: each eye's iris position while looking at the middle dot.
        x: (middle, per unit left, per unit right): screen x = middle + gaze left * the
            slope of the side it is on (fractions of the width; gaze right is negative).
        y: (middle, per unit up, per unit down): the same for screen y (0 = top).
        frame_size: the camera picture (width, height) it was made with (None: unknown).
        eye: both eyes or one (one-eye mode), as at the calibration.
        mirrored: the camera's mirror setting at the calibration.
        corner_rise: how much the height reading rises per (gaze left)^2 and
            per (gaze right)^2: an iris near an eye corner is partly hidden by
            the lids, which narrow towards the corner (about as an ellipse
            does: the opening at a share s of the way is sqrt(1 - s^2) of the
            middle's, so the difference grows as s^2), and Face Mesh reads its
            centre higher or lower than it is.  Measured at the side dots,
            taken out before the lines are applied (and before they are fitted).
        heights: this map reads up and down as looks read them, the look
            height against the bridge of the nose (``vision.metrics.look_height``,
            ``gaze_frame.used_eyes(heights=True)``), not the iris position
            against the eye corners.
        nose: the map fitted from the look height (``heights``), when
            ``nose_share`` takes part of the screen height from it.
        nose_share: the screen height is ``1 - nose_share`` of this map's and
            ``nose_share`` of ``nose``'s.  Neither measure points best for
            every face (docs/gaze.md): the calibration fits both and keeps the
            share (``NOSE_SHARES``) whose points land nearest the check dots.
        corner_shift: how much (share of the screen height, down positive) a
            look towards a corner is moved: ``corner_shift`` times its share of
            the way to the check dots across times that up or down
            (``shifted_height``).  Nothing on the axes moves, so the five dots
            still map exactly.  The five dots each lie on an axis and cannot
            see a height that a look towards a corner reads by itself (on both
            of our test faces every check dot read low); the check dots
            measure it (``fit_corner_shift``).
    """

    rest: tuple[Point, Point]
    x: tuple[float, float, float]
    y: tuple[float, float, float]
    frame_size: tuple[int, int] | None = None
    eye: Eye = Eye.BOTH
    mirrored: bool = False
    corner_rise: tuple[float, float] = (0.0, 0.0)
    heights: bool = False
    nose: GazeMap | None = None
    nose_share: float = 0.0
    corner_shift: float = 0.0

    def sample_point(self, sample: EyeSample) -> Point | None:
        """The screen point a camera sample looks at (``point``, with ``nose``'s share of
        the height); None when its eyes were not measured.  The caller checks that a
        look can be read from the frame at all (``gaze_frame.frame_problem``)."""
        eyes = used_eyes(sample, self.eye, self.heights)
        if eyes is None:
            return None
        x, y = self.point(eyes)
        if self.nose is not None and self.nose_share:
            other = self.nose.sample_point(sample)
            if other is None:
                return None
            y = (1.0 - self.nose_share) * y + self.nose_share * other[1]
        return x, shifted_height((x, y), (self.x[0], self.y[0]), self.corner_shift)

    def point(self, eyes: tuple[Point, Point]) -> Point:
        """The screen point (fractions of width and height) this map's own measure of the
        eyes looks at (without ``nose``); may be off screen."""
        u, v = _level(gaze_offset(eyes, self.rest, self.eye, self.mirrored), self.corner_rise)
        return (
            self.x[0] + u * (self.x[1] if u >= 0 else self.x[2]),
            self.y[0] + v * (self.y[1] if v >= 0 else self.y[2]),
        )


@dataclass(frozen=True, slots=True)
class Accuracy:
    """How well a map pointed at the check dots.

    Attributes:
        median_pct: median distance from the dot, in % of the screen width.
        p90_pct: 90th percentile of that distance.
        degrees: the median as degrees of visual angle (at ``screen_cm`` and ``viewing_cm``).
        usable: the grid sizes (rows, columns) whose cells 90% of points land well inside.
        frames: how many frames were measured.
        median_x_pct / median_y_pct: the median error across (% of the width)
            and up/down (% of the height) alone: eyes often point better one way.
    """

    median_pct: float
    p90_pct: float
    degrees: float
    usable: tuple[tuple[int, int], ...]
    frames: int
    median_x_pct: float | None = None
    median_y_pct: float | None = None


class MapProblem(ValueError):
    """The looks do not make a map (plain words for the carer)."""


def fit_map(
    dots: Mapping[str, tuple[Point, Point]],
    rest: tuple[Point, Point],
    *,
    frame_size: tuple[int, int] | None = None,
    eye: Eye = Eye.BOTH,
    mirrored: bool = False,
    heights: bool = False,
) -> GazeMap:
    """Fit the map from the dots: name ("centre", "left", ...) -> (screen point, gaze offset).

    Each axis is a straight line on each side of the middle dot, through the
    dot on that side: eyes rarely move as far one way as the other (looks
    down are often smaller), so one slope for both sides
    would miss both.  Without a "down" dot, down uses the slope of up.
    First the height the side dots read is taken out (``GazeMap.corner_rise``).
    ``heights``: the offsets' heights are the look height against the nose
    bridge (``GazeMap.heights``).  Raises ``MapProblem`` when a needed dot is
    missing or the gaze did not move towards it.
    """
    needed = ("centre", "left", "right", "up")
    if any(name not in dots for name in needed):
        raise MapProblem("Too few dots were seen to map your looks to the screen.")
    (cx, cy), _ = dots["centre"]
    rise = _corner_rise(dots["left"][1], dots["right"][1])
    slopes = {}
    for name, axis, sign in (("left", 0, 1), ("right", 0, -1), ("up", 1, 1), ("down", 1, -1)):
        if name not in dots:
            continue
        target, raw = dots[name]
        offset = _level(raw, rise)
        moved = offset[axis] * sign  # how far the gaze went that way (left and up are positive)
        along = (cx, cy)[axis] - target[axis]  # how far the dot is that way, as the screen sees it
        if moved < MIN_MOVE or along * sign <= 0:
            raise MapProblem(
                "Your looks at the dots did not move far enough apart to map the screen."
            )
        slopes[name] = -along / offset[axis]
    x = (cx, slopes["left"], slopes["right"])
    y = (cy, slopes["up"], slopes.get("down", slopes["up"]))
    return GazeMap(rest, x, y, frame_size, eye, mirrored, rise, heights)


def _share(offset: float, reach: float) -> float:
    """A look's share of the way to the check dots one way (up to 1: nothing was
    measured beyond them)."""
    return min(1.0, abs(offset) / reach)


def shifted_height(point: Point, middle: Point, shift: float) -> float:
    """The screen height a map's ``point`` is at with its ``GazeMap.corner_shift``.

    The shift is ``shift`` times the look's share of the way to the check dots
    across times its share up or down, both of where the look really is: 0 on
    the axes through the middle, all of it at a check dot and beyond.  Up and
    down, that is the height being found, not the one read (a look towards an
    upper corner that reads low reads nearer the middle, and would get too
    little of the shift): solved here, one straight piece at a time.  With
    ``|shift|`` below the check dots' reach the height still rises steadily
    with the reading, so there is exactly one.
    """
    a = shift * _share(point[0] - middle[0], CORNER_REACH[0])
    reach = CORNER_REACH[1]
    d = point[1] - middle[1]
    inside = d / (1.0 - a / reach) if d >= 0 else d / (1.0 + a / reach)  # short of the dots
    return middle[1] + (inside if abs(inside) < reach else d + a)


def fit_corner_shift(checks: Sequence[tuple[Point, Sequence[Point]]], middle: Point) -> float:
    """The ``GazeMap.corner_shift`` that brings a map's points nearest the check dots.

    ``checks``: each check dot and the map's points (without a corner shift) while
    the patient looked at it; dots with no points are left out.  A least-squares
    fit over the dots' median points, of their miss up or down against their
    share of the way across (``shifted_height``; the dots themselves are all the
    way up or down); 0 when no dot was seen; within ``MAX_CORNER_SHIFT``.
    """
    weighted = squares = 0.0
    for (_, target_y), points in checks:
        if not points:
            continue
        x = statistics.median(p[0] for p in points)
        y = statistics.median(p[1] for p in points)
        weight = _share(x - middle[0], CORNER_REACH[0]) * _share(
            target_y - middle[1], CORNER_REACH[1]
        )
        weighted += weight * (target_y - y)
        squares += weight * weight
    if squares < 1e-9:
        return 0.0
    return max(-MAX_CORNER_SHIFT, min(MAX_CORNER_SHIFT, weighted / squares))


def _corner_rise(left: Point, right: Point) -> tuple[float, float]:
    """The height each side dot read per (sideways offset)^2 (``GazeMap.corner_rise``)."""

    def rise(u: float, v: float) -> float:
        return max(-MAX_RISE, min(MAX_RISE, v / (u * u))) if abs(u) >= MIN_MOVE else 0.0

    return rise(*left), rise(*right)


def _level(offset: Point, rise: tuple[float, float]) -> Point:
    """A gaze offset with the height a look to the side reads by itself taken out."""
    u, v = offset
    return u, v - u * u * (rise[0] if u >= 0 else rise[1])


def smoothed(points: Sequence[Point], frames: int = SMOOTH_FRAMES) -> list[Point]:
    """Each point replaced by the median of it and the frames before it (up to ``frames``)."""
    out: list[Point] = []
    for i in range(len(points)):
        window = points[max(0, i - frames + 1) : i + 1]
        out.append(
            (statistics.median(p[0] for p in window), statistics.median(p[1] for p in window))
        )
    return out


def check_accuracy(
    checks: Sequence[tuple[Point, Sequence[Point]]],
    *,
    aspect: float,
    screen_cm: float,
    viewing_cm: float,
) -> Accuracy | None:
    """Measure how far the map's (smoothed) points land from each check dot.

    ``checks``: each dot and the map's points while the patient looked at it
    (settled frames).  ``aspect``: screen height / width.  None when no
    frame was measured.
    """
    distances: list[float] = []
    off_x: list[float] = []
    off_y: list[float] = []
    for (tx, ty), points in checks:
        for px, py in smoothed(points):
            dx, dy = px - tx, py - ty
            off_x.append(abs(dx))
            off_y.append(abs(dy))
            distances.append(math.hypot(dx, dy * aspect))
    if not distances:
        return None
    median = statistics.median(distances)
    p90 = _p90(distances)
    degrees = math.degrees(math.atan2(median * screen_cm, viewing_cm))
    px90, py90 = _p90(off_x), _p90(off_y)
    usable = tuple(
        (rows, cols)
        for rows, cols in GRIDS
        if px90 <= USABLE_SHARE / cols and py90 <= USABLE_SHARE * GRID_HEIGHT_SHARE / rows
    )
    return Accuracy(
        round(100 * median, 1), round(100 * p90, 1), round(degrees, 2), usable, len(distances),
        round(100 * statistics.median(off_x), 1), round(100 * statistics.median(off_y), 1),
    )  # fmt: skip


def _p90(values: Sequence[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]


def accuracy_line(accuracy: Accuracy | None) -> str:
    """The check's result in words for the carer."""
    if accuracy is None:
        return "Pointing accuracy was not measured (the check dots were not seen)."
    grids = ", ".join(f"{r}×{c}" for r, c in accuracy.usable) or "none"
    return (
        f"Pointing accuracy: {accuracy.median_pct:.1f}% of the screen width "
        f"({accuracy.degrees:.1f}°); dwell pages usable: {grids}"
    )
