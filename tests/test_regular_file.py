"""A named pipe (or a device) where the board expects a file is refused, never waited on.

Before, a pipe in place of the profile, the gaze map, the learned words, a layout, a board
to import or a cell's picture made the board (or ``validate`` / ``import``) wait for ever at
start, before any banner, deaf to SIGTERM.  Each reader is run in a thread here so that a
reader that waits fails the test instead of hanging the suite.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from commboard.adapters.board_exchange import read_board_file
from commboard.board.layout_file import LayoutError, load_layout
from commboard.exchange.obf_values import ExchangeError
from commboard.predict.personal_file import PersonalFile
from commboard.regular_file import NOT_A_FILE, NotAFileError, read_regular
from commboard.settings.gaze_map_file import load_gaze_map
from commboard.settings.profiles import load_profile
from commboard.shell.screens.board.pictures import PictureCache

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def answered(read: Callable[[], object]) -> object:
    """What ``read`` returned or raised; fails if it is still waiting after 10 s."""
    out: list[object] = []

    def run() -> None:
        try:
            out.append(read())
        except Exception as exc:  # the refusal is the answer under test
            out.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(10)
    assert out, "still waiting on the pipe"
    return out[0]


def pipe(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    return path


def test_read_regular_refuses_a_pipe_a_device_and_a_folder(tmp_path: Path) -> None:
    for path in (pipe(tmp_path / "p"), Path("/dev/zero"), tmp_path):
        found = answered(lambda p=path: read_regular(p))
        assert isinstance(found, NotAFileError) and found.strerror == NOT_A_FILE
    (tmp_path / "f").write_bytes(b"ok")
    assert read_regular(tmp_path / "f") == b"ok"


def test_a_pipe_for_a_profile_gives_defaults_and_says_why(tmp_path: Path) -> None:
    pipe(tmp_path / "profiles" / "anna.yaml")
    settings, problems = answered(lambda: load_profile("anna", tmp_path))  # type: ignore[misc]
    assert [p.severity for p in problems] == ["error"] and NOT_A_FILE in problems[0].message


def test_a_pipe_for_a_gaze_map_or_learned_words_is_reported(tmp_path: Path) -> None:
    stored, problem = answered(lambda: load_gaze_map(pipe(tmp_path / "a.gaze.json")))  # type: ignore[misc]
    assert stored is None and NOT_A_FILE in problem
    words = PersonalFile(pipe(tmp_path / "words.json"))
    assert answered(lambda: words.read().words) == {}
    assert NOT_A_FILE in words.problem and not words.writable


def test_a_pipe_for_a_layout_or_a_board_to_import_is_refused(tmp_path: Path) -> None:
    found = answered(lambda: load_layout(pipe(tmp_path / "board.yaml")))
    assert isinstance(found, LayoutError) and NOT_A_FILE in str(found)
    for name in ("in.obf", "in.obz"):
        found = answered(lambda n=name: read_board_file(pipe(tmp_path / n)))
        assert isinstance(found, ExchangeError) and NOT_A_FILE in str(found)


def test_a_pipe_for_a_cell_picture_leaves_the_label_alone(tmp_path: Path) -> None:
    pygame.display.init()
    cache = PictureCache()
    picture = str(pipe(tmp_path / "images" / "dog.png"))
    assert answered(lambda: cache.get(picture, (100, 100))) is None
    assert NOT_A_FILE in cache.failed[picture]
