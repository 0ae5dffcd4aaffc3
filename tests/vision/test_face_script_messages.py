"""A broken synthetic-camera script is reported to the carer in plain words, naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.adapters.camera_worker import open_vision
from commboard.adapters.synthetic_face import load_script
from commboard.clock import VirtualClock
from commboard.vision.face_script import parse_script
from commboard.vision.sample import CameraState, CameraStatus


def test_a_word_where_a_number_belongs_is_named_in_plain_words() -> None:
    with pytest.raises(ValueError) as err:
        parse_script("2.0 0.15 close\nthis is garbage\n", "face.txt")
    assert str(err.value) == "face.txt line 2: 'this' is not a number"


def test_a_bad_action_argument_names_the_word() -> None:
    with pytest.raises(ValueError, match=r"face.txt line 1: 'far' is not a number"):
        parse_script("1 1 rotate far\n", "face.txt")


def test_a_missing_script_file_is_named_without_an_errno(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(OSError) as err:
        load_script(str(missing))
    assert str(err.value) == f"cannot read the face script {missing} (no such file)"


def test_a_script_that_is_not_text_is_reported(tmp_path: Path) -> None:
    binary = tmp_path / "face.txt"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(OSError, match="not a readable text file"):
        load_script(str(binary))


def test_the_board_feed_reports_the_plain_reason_and_never_raises(tmp_path: Path) -> None:
    script = tmp_path / "face.txt"
    script.write_text("2.0 0.15 close\nthis is garbage\n", encoding="utf-8")
    feed = open_vision(f"synthetic:{script}", clock=VirtualClock(0.0), size=(640, 480), fps=30.0,
                       start_t=0.0)  # fmt: skip
    try:
        feed.start()
        statuses = [s for s in feed.drain(0.0) if isinstance(s, CameraStatus)]
    finally:
        feed.close()
    assert statuses and statuses[-1].state is CameraState.ERROR
    assert f"{script} line 2: 'this' is not a number" in statuses[-1].message
