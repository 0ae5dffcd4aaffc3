"""The gaze map beside the profile: saved privately and atomically, a damaged file named and left alone."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from commboard.settings import Eye
from commboard.settings.gaze_map_file import StoredMap, gaze_map_path, load_gaze_map, save_gaze_map
from commboard.signals.gaze_map import Accuracy, GazeMap

NOSE = GazeMap(((0.1, 0.02), (-0.1, 0.03)), (0.5, -1.7, -1.2), (0.5, -3.1, -2.2), (640, 480),
               Eye.BOTH, corner_rise=(0.3, -0.2), heights=True)  # fmt: skip
STORED = StoredMap(
    GazeMap(
        ((0.1, 0.0), (-0.1, 0.0)),
        (0.5, -1.7, -1.2),
        (0.5, -2.5, -2.0),
        (640, 480),
        Eye.BOTH,
        corner_rise=(-2.5, 0.4),
        nose=NOSE,
        nose_share=0.75,
        corner_shift=-0.097,
    ),
    Accuracy(3.9, 11.8, 1.14, ((1, 2), (2, 2)), 120, 0.8, 6.8),
)


def test_a_saved_map_reads_back_the_same_and_is_private(tmp_path: Path) -> None:
    path = gaze_map_path("anna", tmp_path)
    assert path == tmp_path / "profiles" / "anna.gaze.json"
    save_gaze_map(path, STORED)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_gaze_map(path) == (STORED, "")


def test_no_file_is_simply_no_map(tmp_path: Path) -> None:
    assert load_gaze_map(tmp_path / "none.gaze.json") == (None, "")


def test_a_damaged_file_is_named_with_its_line_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "anna.gaze.json"
    text = '{\n "version": 1,\n "rest": [[0.1, 0.0], [-0.1, 0.0]\n'
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem and f"{path}:4:" in problem
    assert path.read_text(encoding="utf-8") == text


def test_a_map_with_wrong_numbers_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    path.write_text(path.read_text(encoding="utf-8").replace("-1.7", '"left"'), encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and "damaged" in problem and "'left'" in problem


@pytest.mark.parametrize("old", [1, 2])
def test_a_map_from_the_older_measure_asks_for_a_new_calibration_and_is_left_alone(
    tmp_path: Path, old: int
) -> None:
    # Version 1 measured the eyes' height from the lids: its lines would point wrongly.
    # Version 2 read up and down against the eye corners for everyone, without the
    # choice of the nose bridge that points better for some faces.
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8").replace('"version": 4', f'"version": {old}')
    assert f'"version": {old}' in text
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem and "calibrate looks again" in problem
    assert "older version" in problem and "up and down" in problem
    assert path.read_text(encoding="utf-8") == text


def test_a_share_of_a_nose_bridge_map_that_is_not_there_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8")
    start = text.index('"nose": {')
    end = text.index("},", start) + 1
    path.write_text(text[:start] + '"nose": null' + text[end:], encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and "damaged" in problem and "nose_share" in problem


def test_a_map_from_before_the_corner_shift_still_points_as_it_did(tmp_path: Path) -> None:
    # Version 3 had no corner shift (its check dots did not measure one): the patient
    # keeps dwell without calibrating again, pointing exactly as before.
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8").replace('"version": 4', '"version": 3')
    start = text.index('"corner_shift": -0.097')
    text = text[:start] + text[text.index("\n", start) + 1 :]
    assert "-0.097" not in text
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert problem == "" and stored is not None
    assert stored.map.corner_shift == 0.0
    assert stored == StoredMap(replace(STORED.map, corner_shift=0.0), STORED.accuracy)
    assert path.read_text(encoding="utf-8") == text


def test_a_corner_shift_too_large_to_be_a_bias_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8").replace('"corner_shift": -0.097', '"corner_shift": 0.4')
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and "damaged" in problem and "corner_shift" in problem
    assert path.read_text(encoding="utf-8") == text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('"frames": 120', '"frames": 1e400'),  # JSON's way to write infinity
        ('"frame_size": [\n  640', '"frame_size": [\n  1e400'),
        ('"usable": [\n   [\n    1', '"usable": [\n   [\n    1e999'),
    ],
)
def test_a_map_with_an_infinite_whole_number_is_refused_not_raised(
    tmp_path: Path, old: str, new: str
) -> None:
    """`int(inf)` raised OverflowError, which the board did not expect: dwell's start crashed."""
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem and "damaged" in problem


def test_a_map_nested_too_deeply_is_refused_not_raised(tmp_path: Path) -> None:
    path = tmp_path / "anna.gaze.json"
    path.write_text("[" * 60_000, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem and "damaged" in problem
    assert path.read_text(encoding="utf-8") == "[" * 60_000


def test_a_file_far_too_large_to_be_a_map_is_not_read(tmp_path: Path) -> None:
    """A map is about 1 KB; 5 MB of one value was read whole and quoted whole in the banner."""
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    huge = path.read_text(encoding="utf-8").replace('"both"', '"' + "b" * 5_000_000 + '"')
    path.write_text(huge, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and "too large to be a gaze calibration" in problem
    assert len(problem) < 300 and path.read_text(encoding="utf-8") == huge


def test_a_map_from_a_newer_board_is_not_called_damaged_and_is_left_alone(tmp_path: Path) -> None:
    """After going back to an older board, its map was refused as 'damaged', which it is not:
    the carer is told it comes from a newer board, and the file is left as it is."""
    path = tmp_path / "anna.gaze.json"
    save_gaze_map(path, STORED)
    text = path.read_text(encoding="utf-8").replace('"version": 4', '"version": 5')
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem
    assert "newer version of the board" in problem and "damaged (" not in problem
    assert path.read_text(encoding="utf-8") == text


def test_a_number_thousands_of_digits_long_is_refused_not_raised(tmp_path: Path) -> None:
    """json.loads raises a plain ValueError (Python's 4300-digit limit) for such a number:
    it escaped load_gaze_map and stopped the board where dwell loads the map."""
    path = tmp_path / "anna.gaze.json"
    text = '{"version": ' + "9" * 5000 + "}"
    path.write_text(text, encoding="utf-8")
    stored, problem = load_gaze_map(path)
    assert stored is None and str(path) in problem and "calibrate looks again" in problem
    assert len(problem) < 300 and path.read_text(encoding="utf-8") == text
