"""Dwell on the board (``access: gaze_dwell``): look at a large cell until its ring fills.

``DwellLooks`` is an eye detector (``control.eye_policy`` feeds it every
sample, like the blink switch).  It turns each frame's eyes into a point on
the screen with the patient's gaze map (``signals.gaze_map``, made by the
gaze calibration), smooths it over a few frames, and hands it to the dwell
timer (``control.dwell``) over the large cells on screen (``place`` tells it
where the board drew them).  What it asks of the board:

* ``CellPointed(cell, source=gaze)`` when a cell's ring fills: the session
  performs it as if it had been scanned to and selected;
* the nurse call and Clear need the profile's alarm hold (``scan.alarm_hold_s``,
  as under scanning) or a cell's own longer hold;
* a beep (``gaze.cue``) and a log record ``{"type": "gaze", "event":
  "dwell", "cell"|"group"|"back", "held_s"}`` for every choice.

No point is read while the eyes are closing or closed, the face is lost or
the head is turned past the blink switch's limits (``gaze_frame.frame_problem``):
the ring holds still through a blink and empties after longer.

Without a map, or with a map made at another camera picture size, it is not
``ready`` (``problem`` says why in plain words) and the board scans instead.
"""

from __future__ import annotations

import statistics
from collections import deque
from collections.abc import Sequence

from commboard.board.hold_rules import hold_needed
from commboard.board.model import Page
from commboard.control.dwell import BACK_AFTER_S, DwellChoice, DwellTimer, Rect, most_items
from commboard.effects import Cue, Log
from commboard.events import CellPointed, Source
from commboard.settings import BlinkSettings, GazeSettings
from commboard.settings.gaze_map_file import StoredMap
from commboard.signals.gaze_frame import frame_problem
from commboard.signals.gaze_map import SMOOTH_FRAMES
from commboard.signals.gaze_switch import tuning
from commboard.vision.sample import EyeSample

DwellOutput = CellPointed | Cue | Log
NOT_CALIBRATED = "Dwell needs the gaze calibration (carer menu: Calibrate looks)."
TOO_UNCERTAIN = (
    "The gaze calibration found no grid these eyes can choose from reliably: dwell is off "
    "(halving or looks as switches may suit better)."
)


def other_camera(now: tuple[int, int], then: tuple[int, int]) -> str:
    """The problem when the camera picture is not the size the map was made with."""
    return (
        f"The camera picture is {now[0]}×{now[1]}, but looks were calibrated at "
        f"{then[0]}×{then[1]}: calibrate looks again before dwell is used."
    )


class DwellLooks:
    """Dwell selection read from the camera; see the module docstring."""

    def __init__(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        self.gaze, self.blink = gaze, blink
        self.stored: StoredMap | None = None
        self.problem = NOT_CALIBRATED
        self.choice: DwellChoice | None = None
        self.timer = DwellTimer(gaze.dwell_s)
        self.rects: list[tuple[int, Rect]] = []
        self._points: deque[tuple[float, float]] = deque(maxlen=SMOOTH_FRAMES)
        self.alarm_hold_s = 2.0  # the profile's hold for the nurse call and Clear (``scan``)
        self._level_since = 0.0  # when the level on screen was opened

    @property
    def ready(self) -> bool:
        """A usable gaze map is loaded (for this camera size, as far as seen)."""
        return self.stored is not None and not self.problem

    def set_map(self, stored: StoredMap | None, problem: str = "") -> None:
        """The patient's gaze map (None: none, with ``problem`` saying why; "" = never calibrated)."""
        self.stored = stored
        self.choice = None  # laid out again for this map's usable grid sizes
        self.problem = problem if stored is None else ""
        if stored is None and not problem:
            self.problem = NOT_CALIBRATED
        if stored is not None and not most_items(stored.accuracy.usable):
            self.problem = TOO_UNCERTAIN

    def set_settings(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        self.gaze, self.blink = gaze, blink
        self.timer.dwell_s = gaze.dwell_s

    def show(self, page: Page, now: float = 0.0) -> None:
        """The page on the board now: a new page starts from all its cells."""
        choice = self.choice
        if choice is not None and choice.page.id == page.id:
            same_grid = (choice.page.rows, choice.page.columns) == (page.rows, page.columns)
            if same_grid and choice.page.filled() == page.filled():
                choice.page = page  # a Spell page's word slots change their words
                return
        usable = self.stored.accuracy.usable if self.stored is not None else ()
        self.choice = DwellChoice(page, most_items(usable) or 2)
        self.timer.reset()
        self._level_since = now

    def shown(self) -> Page | None:
        """What the board draws for the page (its items as large cells)."""
        return self.choice.shown() if self.choice is not None else None

    def place(self, rects: Sequence[tuple[int, Rect]]) -> None:
        """Where the board drew the shown slots (fractions of the screen)."""
        self.rects = list(rects)

    def ring(self) -> tuple[int, float] | None:
        """The slot whose ring is filling, and how full it is (None: none)."""
        slot = self.timer.slot
        return (slot, self.timer.progress) if slot is not None and self.timer.progress > 0 else None

    def update(self, sample: EyeSample) -> list[DwellOutput]:
        """Read one frame's sample: the cell chosen, the beep and log records, in order."""
        if self.stored is None or self.choice is None:
            return []
        made_at = self.stored.map.frame_size
        if sample.frame_size is not None and made_at is not None and sample.frame_size != made_at:
            self.problem = other_camera(sample.frame_size, made_at)
        if self.problem:
            return []
        point = self._point(sample)
        dwelt = self.timer.update(sample.t, point, self.rects, self._needs())
        if dwelt is None:
            return self._back_by_itself(sample.t)
        item = self.choice.slot_item(dwelt.slot)
        if item is None:
            return []
        beep = [Cue(dwelt.t, "", beep=True)] if self.gaze.cue else []
        record = {"event": "dwell", "held_s": dwelt.held_s}
        self._level_since = dwelt.t
        if item.back:
            self.choice.back()
            self.timer.screen_changed(dwelt.t)
            return [Log(dwelt.t, "gaze", {**record, "back": True}), *beep]
        if item.cell is None:
            self.choice.enter(item.cells)
            self.timer.screen_changed(dwelt.t)
            return [Log(dwelt.t, "gaze", {**record, "group": list(item.cells)}), *beep]
        if self.choice.path:  # back to the whole page: other items where the gaze is
            self.timer.screen_changed(dwelt.t)
        self.choice.restart()
        chosen = CellPointed(dwelt.t, item.cell, Source.GAZE)
        return [Log(dwelt.t, "gaze", {**record, "cell": item.cell}), *beep, chosen]

    def _back_by_itself(self, t: float) -> list[DwellOutput]:
        """A level with no Back cell goes back after ``BACK_AFTER_S`` without a choice."""
        choice = self.choice
        if choice is None or not choice.path or any(i.back for i in choice.items):
            return []
        if self.timer.slot is not None or t - self._level_since < BACK_AFTER_S:
            return []
        choice.back()
        self.timer.reset()
        self._level_since = t
        return [Log(t, "gaze", {"event": "dwell", "back": True, "by_itself": True})]

    def _point(self, sample: EyeSample) -> tuple[float, float] | None:
        """The smoothed screen point of this frame (None: no usable gaze; smoothing restarts)."""
        assert self.stored is not None
        if frame_problem(sample, tuning(self.gaze), self.blink):
            self._points.clear()
            return None
        point = self.stored.map.sample_point(sample)
        if point is None:
            self._points.clear()
            return None
        self._points.append(point)
        xs, ys = zip(*self._points, strict=True)
        return statistics.median(xs), statistics.median(ys)

    def _needs(self) -> dict[int, float]:
        """Slots whose cell asks for a longer hold than the dwell time (the nurse call)."""
        assert self.choice is not None
        needs: dict[int, float] = {}
        for slot, _ in self.rects:
            item = self.choice.slot_item(slot)
            cell = self.choice.page.cells[item.cell] if item and item.cell is not None else None
            hold = hold_needed(cell, self.alarm_hold_s) if cell is not None else None
            if hold is not None and hold > self.gaze.dwell_s:
                needs[slot] = hold
        return needs
