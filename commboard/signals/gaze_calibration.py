"""Gaze calibration arithmetic: from five recorded looks to this patient's look distances.

The gaze calibration screen asks the patient to look at a large dot in the
middle of the screen, then at dots on their left, right, above and below, and
records the ``EyeSample``s of each step.  ``calibrate_gaze`` measures, in the
same units and the same frame of the eye as the look reader
(``signals.gaze_look``):

* the **rest position** of each eye (the median while looking at the middle);
* the patient's own **range** each way: how far the gaze goes from rest when
  they look at the dot (the median of the step's settled frames);

and sets the look distances to ``SHARE`` of the smaller of the two sideways
ranges (and of the upward range for up/down), within limits: a look needs
only part of the way to the dot, so a tired patient's smaller looks still
count, while the distance stays above landmark noise.  It is pure: no clock,
no camera, no screen.

Left and right that came out swapped (the patient looked left and the gaze
moved to their right, and the other way round) mean the camera mirrors the
picture the other way from the setting: the result flips ``mirrored``.

A step fails when its frames could not be read (face lost, eyes closed,
head turned) or the gaze did not move the way asked; the result then says
which step, in plain words, and changes nothing.  Looks down are measured
and reported, but halving and looks as switches use only left, right and
up, so a patient who cannot look down still completes the calibration.
Dwell's gaze map is fitted from this same run's dots
(``control.gaze_calibration_run``): without a look down it takes looks down
to be like looks up (``signals.gaze_map.fit_map``), and the check dots that
follow, two of them low on the screen, measure how well that points.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from commboard.settings import BlinkSettings, GazeSettings
from commboard.signals.gaze_frame import Direction, Point, gaze_offset, openness, usable_eyes
from commboard.signals.gaze_switch import tuning
from commboard.vision.sample import EyeSample

# The first part of each step is the patient finding the dot (reaction and saccade).
SETTLE_S = 1.0
# A step is usable when at least this share of its settled frames could be read,
# and at least ``MIN_FRAMES`` of them.
MIN_USABLE_SHARE = 0.5
MIN_FRAMES = 8
# A look distance is this share of the patient's own range that way.
SHARE = 0.5
# The distances stay within these limits (iris-position units): below them
# landmark jitter and slow drifts would count as looks; above them a look would
# have to reach the corner of the eye.
# Up and down (the look height against the nose bridge, ``vision.metrics.look_height``):
# on benchmarks/gaze.py's 10 minutes of rest, a look distance of 0.06 counted 14
# looks of Face Mesh's jitter (all on one photo), 0.07 none.
MIN_DISTANCE, MAX_DISTANCE = 0.06, 0.3
MIN_VERTICAL, MAX_VERTICAL = 0.07, 0.2
# A look that moved less than this (twice the smallest distance) was not a look at the dot.
MIN_RANGE = {Direction.LEFT: 0.08, Direction.RIGHT: 0.08, Direction.UP: 0.05, Direction.DOWN: 0.05}
STEPS: tuple[Direction, ...] = (Direction.LEFT, Direction.RIGHT, Direction.UP, Direction.DOWN)
# The steps a calibration cannot do without (looks as choices never use looks down).
NEEDED: tuple[Direction, ...] = (Direction.LEFT, Direction.RIGHT, Direction.UP)

CENTRE_UNSEEN = "I could not see your eyes while you looked at the middle."
DOWN_UNSEEN = (
    "Looks down were not seen. Halving and looks as switches need only left, right and up;"
    " dwell takes looks down to be like looks up (its accuracy is below)."
)
SWAPPED = "Left and right were swapped: the camera's mirror setting was changed."


def unseen(direction: Direction) -> str:
    """The problem when a step's frames could not be read."""
    return f"I could not see your eyes while you looked {direction.value}."


def not_seen(direction: Direction) -> str:
    """The problem when the gaze did not go the way asked."""
    where = "up" if direction is Direction.UP else "down" if direction is Direction.DOWN else ""
    return f"I did not see you look {where or 'to your ' + direction.value}."


@dataclass(frozen=True, slots=True)
class GazeCalibrationResult:
    """What the gaze calibration measured and what it recommends.

    Attributes:
        rest: each eye's rest position (left, right), None if not measured
            (the iris position: what the gaze map reads).
        ranges: how far the gaze went each way as the look reader reads it
            (up and down: the look height against the nose bridge; a
            direction missing was not measured).
        offsets: each readable step's median iris-position offset from rest
            (left, up positive; read the corrected way round when ``swapped``),
            for the gaze map.
        swapped: left and right came out swapped (``mirrored`` is flipped).
        problems: plain-words reasons it failed (empty: it worked).
        notes: plain-words remarks that do not stop it (looks down not seen).
        settings: the gaze settings with the new distances, marked calibrated;
            unchanged when it failed.
        rest_open: how open the eyes were looking at the middle (mean eye
            aspect ratio), None if not measured: a frame counts as closing
            below ``CLOSING_SHARE`` of it, as for the look reader.
        look_rest / look_offsets: ``rest`` and ``offsets`` with up and down
            as looks read them (the look height against the nose bridge): the
            gaze map is fitted from both measures and keeps, per patient, the
            one that points better (``control.gaze_calibration_run``).
    """

    rest: tuple[Point, Point] | None
    ranges: Mapping[Direction, float]
    offsets: Mapping[Direction, Point]
    swapped: bool
    problems: tuple[str, ...]
    notes: tuple[str, ...]
    settings: GazeSettings
    rest_open: float | None = None
    look_rest: tuple[Point, Point] | None = None
    look_offsets: Mapping[Direction, Point] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def settled(samples: Sequence[EyeSample]) -> list[EyeSample]:
    """The frames after the patient had time to find the dot."""
    if not samples:
        return []
    start = samples[0].t
    return [s for s in samples if s.t - start >= SETTLE_S]


def _readable(
    samples: Sequence[EyeSample],
    gaze: GazeSettings,
    blink: BlinkSettings,
    rest_open: float | None = None,
    heights: bool = False,
) -> list[tuple[Point, Point]] | None:
    """The eye positions of the readable settled frames; None when too few could be read.

    ``heights``: up and down as looks read it (``gaze_frame.used_eyes``).
    """
    frames = settled(samples)
    eyes = [
        e
        for e in (usable_eyes(s, tuning(gaze), blink, rest_open, heights) for s in frames)
        if e is not None
    ]
    if len(eyes) < MIN_FRAMES or len(eyes) < MIN_USABLE_SHARE * len(frames):
        return None
    return eyes


def _median_offset(
    eyes: list[tuple[Point, Point]], rest: tuple[Point, Point], gaze: GazeSettings
) -> Point:
    offsets = [gaze_offset(e, rest, gaze.eye, gaze.mirrored) for e in eyes]
    return (statistics.median(o[0] for o in offsets), statistics.median(o[1] for o in offsets))


def _along(direction: Direction, offset: Point) -> tuple[float, float]:
    """How far ``offset`` goes ``direction``, and how far across it."""
    x, y = offset
    return {
        Direction.LEFT: (x, abs(y)),
        Direction.RIGHT: (-x, abs(y)),
        Direction.UP: (y, abs(x)),
        Direction.DOWN: (-y, abs(x)),
    }[direction]


def calibrate_gaze(
    centre: Sequence[EyeSample],
    looks: Mapping[Direction, Sequence[EyeSample]],
    gaze: GazeSettings,
    blink: BlinkSettings,
) -> GazeCalibrationResult:
    """Measure rest and range from the recorded steps and recommend look distances."""
    rest_eyes = _readable(centre, gaze, blink)
    look_rest_eyes = _readable(centre, gaze, blink, heights=True)
    if rest_eyes is None or look_rest_eyes is None:
        return GazeCalibrationResult(None, {}, {}, False, (CENTRE_UNSEEN,), (), gaze)
    rest, look_rest = _rest(rest_eyes), _rest(look_rest_eyes)
    # How open this patient's eyes are looking ahead: a look down lowers the lids
    # (by a third at 40 degrees, Read et al. 2006), which the blink switch's own
    # scale may already take for closing; the look reader judges by the same share.
    open_ = [o for s in settled(centre) if (o := openness(s, gaze.eye)) is not None]
    rest_open = statistics.median(open_) if open_ else None
    # The look distances come from how far each look went as the look reader
    # reads it (up and down: the height against the nose bridge).  The gaze map
    # (dwell) is fitted from both measures.  Left and right read the same in both.
    offsets, problems = _offsets(rest, looks, gaze, blink, rest_open)
    look_offsets, _ = _offsets(look_rest, looks, gaze, blink, rest_open, heights=True)
    swapped = _swapped(offsets)
    if swapped:  # read the other way round
        offsets = {d: (-o[0], o[1]) for d, o in offsets.items()}
        look_offsets = {d: (-o[0], o[1]) for d, o in look_offsets.items()}
    ranges = _ranges(look_offsets, problems)
    notes = [] if Direction.DOWN in ranges else [DOWN_UNSEEN]
    if problems:
        return GazeCalibrationResult(
            rest, ranges, offsets, swapped, tuple(problems), tuple(notes), gaze, rest_open,
            look_rest, look_offsets,
        )  # fmt: skip
    sideways = min(ranges[Direction.LEFT], ranges[Direction.RIGHT])
    distance = min(MAX_DISTANCE, max(MIN_DISTANCE, SHARE * sideways))
    vertical = min(MAX_VERTICAL, max(MIN_VERTICAL, SHARE * ranges[Direction.UP]))
    if swapped:
        notes.append(SWAPPED)
    settings = replace(
        gaze,
        distance=round(distance, 2),
        vertical_distance=round(vertical, 2),
        mirrored=gaze.mirrored != swapped,
        calibrated=True,
    )
    return GazeCalibrationResult(
        rest, ranges, offsets, swapped, (), tuple(notes), settings, rest_open, look_rest,
        look_offsets,
    )  # fmt: skip


def _rest(eyes: list[tuple[Point, Point]]) -> tuple[Point, Point]:
    """Each eye's median position."""
    return (
        (statistics.median(e[0][0] for e in eyes), statistics.median(e[0][1] for e in eyes)),
        (statistics.median(e[1][0] for e in eyes), statistics.median(e[1][1] for e in eyes)),
    )


def _offsets(
    rest: tuple[Point, Point],
    looks: Mapping[Direction, Sequence[EyeSample]],
    gaze: GazeSettings,
    blink: BlinkSettings,
    rest_open: float | None,
    heights: bool = False,
) -> tuple[dict[Direction, Point], list[str]]:
    """Each step's median gaze offset from rest, and the needed steps that could not be read."""
    offsets: dict[Direction, Point] = {}
    problems: list[str] = []
    for direction in STEPS:
        eyes = _readable(looks.get(direction, ()), gaze, blink, rest_open, heights)
        if eyes is not None:
            offsets[direction] = _median_offset(eyes, rest, gaze)
        elif direction in NEEDED:
            problems.append(unseen(direction))
    return offsets, problems


def _ranges(offsets: Mapping[Direction, Point], problems: list[str]) -> dict[Direction, float]:
    """How far each look went the way asked; a needed look that did not adds its problem."""
    ranges: dict[Direction, float] = {}
    for direction, offset in offsets.items():
        along, across = _along(direction, offset)
        if along >= MIN_RANGE[direction] and along > across:
            ranges[direction] = round(along, 3)
        elif direction in NEEDED:
            problems.append(not_seen(direction))
    return ranges


def _swapped(offsets: Mapping[Direction, Point]) -> bool:
    """Both sideways looks clearly went the opposite way: the mirror setting is the wrong way."""
    left, right = offsets.get(Direction.LEFT), offsets.get(Direction.RIGHT)
    if left is None or right is None:
        return False
    least = MIN_RANGE[Direction.LEFT]
    return left[0] <= -least and right[0] >= least


def result_lines(result: GazeCalibrationResult) -> list[str]:
    """The result in words and numbers for the screen and the terminal."""
    lines: list[str] = []
    if result.ranges:
        seen = ", ".join(f"{d.value} {v:.2f}" for d, v in result.ranges.items())
        lines.append(f"How far your eyes moved: {seen}")
    if result.ok:
        gaze = result.settings
        lines.append(
            f"Look distance: {gaze.distance:.2f} sideways, {gaze.vertical_distance:.2f} up and down"
        )
    return lines + list(result.problems) + list(result.notes)
