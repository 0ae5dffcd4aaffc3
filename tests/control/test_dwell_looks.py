"""Dwell on the board's pages: the gaze map turns eyes into points; a map from another camera is refused."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell, Page
from commboard.control.dwell import BACK_AFTER_S
from commboard.control.dwell_looks import NOT_CALIBRATED, TOO_UNCERTAIN, DwellLooks
from commboard.effects import Log
from commboard.events import CellPointed, Source
from commboard.settings import BlinkSettings, GazeSettings
from commboard.settings.gaze_map_file import StoredMap
from commboard.signals.gaze_map import Accuracy, GazeMap
from commboard.vision.sample import EyeSample

# screen x = 0.5 - iris x, screen y = 0.5 + iris y (a map that is easy to aim with)
MAP = GazeMap(((0.0, 0.0), (0.0, 0.0)), (0.5, -1.0, -1.0), (0.5, -1.0, -1.0), (640, 480))
GRIDS = ((1, 2), (2, 2), (2, 3))
PAGE = Page("home", "Home", 1, 2, (Cell("Yes", Action.SPEAK), Cell("Call nurse", Action.ALARM)))
RECTS = [(0, (0.0, 0.2, 0.5, 0.8)), (1, (0.5, 0.2, 0.5, 0.8))]


def at(t: float, x: float, y: float, size: tuple[int, int] = (640, 480)) -> EyeSample:
    iris = (0.5 - x, y - 0.5)
    return EyeSample(t=t, face_found=True, ear_left=0.3, ear_right=0.3, iris_left=iris,
                     iris_right=iris, yaw_deg=0.0, pitch_deg=0.0, roll_deg=0.0,
                     frame_size=size)  # fmt: skip


def looks(size_made: tuple[int, int] = (640, 480)) -> DwellLooks:
    d = DwellLooks(GazeSettings(cue=False), BlinkSettings())
    m = GazeMap(MAP.rest, MAP.x, MAP.y, size_made)
    d.set_map(StoredMap(m, Accuracy(2.0, 4.0, 0.6, GRIDS, 100)))
    d.show(PAGE)
    d.place(RECTS)
    return d


def play(d: DwellLooks, start: float, seconds: float, x: float, y: float, **kw):  # type: ignore[no-untyped-def]
    out = []
    for i in range(round(seconds * 30)):
        out += d.update(at(start + i / 30, x, y, **kw))
    return out


def test_looking_at_a_cell_for_the_dwell_time_chooses_it_with_source_gaze() -> None:
    d = looks()
    out = play(d, 0.0, 1.5, 0.25, 0.6)
    chosen = [o for o in out if isinstance(o, CellPointed)]
    assert [(c.cell, c.source) for c in chosen] == [(0, Source.GAZE)]
    [record] = [o for o in out if isinstance(o, Log)]
    assert record.fields["event"] == "dwell" and record.fields["cell"] == 0


def test_the_nurse_call_keeps_the_profiles_alarm_hold_under_dwell() -> None:
    """No hold on the cell itself: the profile's alarm hold (2 s), as under scanning."""
    d = looks()
    assert not [o for o in play(d, 0.0, 1.8, 0.75, 0.6) if isinstance(o, CellPointed)]
    assert [o.cell for o in play(d, 1.8, 0.5, 0.75, 0.6) if isinstance(o, CellPointed)] == [1]


def test_closed_eyes_and_a_lost_face_choose_nothing() -> None:
    d = looks()
    out = []
    for i in range(90):
        out += d.update(EyeSample(t=i / 30, face_found=False))
    for i in range(90):
        s = at(3 + i / 30, 0.25, 0.6)
        out += d.update(EyeSample(t=s.t, face_found=True, ear_left=0.02, ear_right=0.02,
                                  iris_left=s.iris_left, iris_right=s.iris_right,
                                  yaw_deg=0.0, pitch_deg=0.0, roll_deg=0.0))  # fmt: skip
    assert out == []


def test_a_map_from_another_camera_size_is_refused_and_says_calibrate_again() -> None:
    d = looks(size_made=(1280, 720))
    assert d.ready
    out = play(d, 0.0, 3.0, 0.25, 0.6, size=(640, 480))
    assert out == [] and not d.ready
    assert (
        "640×480" in d.problem and "1280×720" in d.problem and "calibrate looks again" in d.problem
    )


def test_without_a_map_dwell_is_not_ready_and_says_why() -> None:
    d = DwellLooks(GazeSettings(), BlinkSettings())
    d.show(PAGE)
    assert not d.ready and d.problem == NOT_CALIBRATED
    assert d.update(at(0.0, 0.25, 0.6)) == []


def test_a_calibration_that_found_no_usable_grid_turns_dwell_off_and_says_so() -> None:
    d = DwellLooks(GazeSettings(), BlinkSettings())
    d.set_map(StoredMap(MAP, Accuracy(22.4, 40.0, 6.6, (), 100)))
    d.show(PAGE)
    d.place(RECTS)
    assert not d.ready and d.problem == TOO_UNCERTAIN
    assert play(d, 0.0, 3.0, 0.25, 0.6) == []


def test_for_eyes_that_point_only_left_or_right_a_group_goes_back_by_itself() -> None:
    """1×2 usable: two large cells per screen, no Back cell; a group left alone returns."""
    eight = Page("p", "P", 2, 4, tuple(Cell(f"c{i}", Action.SPEAK) for i in range(8)))
    d = DwellLooks(GazeSettings(cue=False), BlinkSettings())
    d.set_map(StoredMap(MAP, Accuracy(3.0, 8.0, 0.9, ((1, 2),), 100)))
    d.show(eight)
    d.place(RECTS)
    assert [len(i.cells) for i in d.choice.items] == [4, 4]  # type: ignore[union-attr]
    out = play(d, 0.0, 1.5, 0.25, 0.6)  # opens the left half
    assert [o.fields.get("group") for o in out if isinstance(o, Log)] == [[0, 1, 2, 3]]
    assert d.choice.path  # type: ignore[union-attr]
    out = play(d, 1.5, BACK_AFTER_S + 0.5, 0.5, 0.08)  # looks at the message bar meanwhile
    assert [o.fields for o in out if isinstance(o, Log)][-1]["by_itself"] is True
    assert not d.choice.path  # type: ignore[union-attr]


def test_a_map_that_reads_up_and_down_against_the_nose_bridge_follows_the_look_height() -> None:
    """The calibration chose the nose bridge for this patient: the eye corners' reading
    (iris y, here stuck at the middle) no longer decides the height of the point."""
    nose = replace(MAP, heights=True)
    d = DwellLooks(GazeSettings(cue=False), BlinkSettings())
    d.set_map(
        StoredMap(replace(MAP, nose=nose, nose_share=1.0), Accuracy(2.0, 4.0, 0.6, GRIDS, 100))
    )
    page = Page("p", "P", 2, 1, (Cell("Yes", Action.SPEAK), Cell("No", Action.SPEAK)))
    d.show(page)
    d.place([(0, (0.0, 0.0, 1.0, 0.5)), (1, (0.0, 0.5, 1.0, 0.5))])
    out = []
    for i in range(45):  # 1.5 s looking at the lower cell: the look height says 0.75
        s = replace(at(i / 30, 0.5, 0.5), height_left=0.25, height_right=0.25)
        out += d.update(s)
    assert [o.cell for o in out if isinstance(o, CellPointed)] == [1]
