"""Quitting while a history deletion is stuck ends soon, and keeps what the patient said.

A deletion rewrites the history holding its lock (``line_file.rewriting``);
the history writer waits for that lock before each line.  A deletion stuck
on a dead disk kept the lock, so after the board had waited for the job
(``CLOSE_WAIT_S``) the history writer's close waited for ever: the board
never closed.  Now the writer's close is bounded too, and the statements it
could not write go where a write failure puts them: a private file of their
own, named on standard error.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from commboard.adapters.background_work import BackgroundWork
from commboard.care_record import record_files
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.records import history_writer
from commboard.shell.screens.base import Outcome
from commboard.shell.screens.carer_menu.care_papers import DeleteConfirm
from commboard.testing import TWO_PAGE_LAYOUT, run_for

TODAY = "2026-03-31T10:00:00"
OLD = ("2026-02-19T09:00:00+00:00", "I want to go home")  # 40 days ago: to be deleted


@pytest.fixture
def stuck(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """The deletion's rewrite hangs (a dead disk) until the test ends; the event says it began."""
    began, released = threading.Event(), threading.Event()
    real = record_files.atomic_write

    def hang(path: Path, data: bytes) -> None:
        began.set()
        released.wait(120.0)
        real(path, data)

    monkeypatch.setattr(record_files, "atomic_write", hang)
    yield began
    released.set()


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.1)


def click(loop: BoardLoop, label: str) -> None:
    assert loop.view is not None
    x, y, w, h = next(c for c in loop.view.cells if c.label == label).rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.1)


def until(condition: Callable[[], bool], loop: BoardLoop) -> None:
    deadline = time.monotonic() + 5.0
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)
        run_for(loop, 0.1)


def test_quitting_while_a_deletion_is_stuck_ends_in_time_and_keeps_the_patients_words(
    start_board: Callable[..., BoardLoop],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    stuck: threading.Event,
) -> None:
    history = tmp_path / "h.jsonl"
    old = {"time": OLD[0], "text": OLD[1], "page": "home", "source": "keyboard", "cell": None}
    history.write_text(json.dumps(old) + "\n", encoding="utf-8")
    board = start_board("--start-time", TODAY, layout=TWO_PAGE_LAYOUT, history=history)
    board.carer_work = BackgroundWork[Outcome](background=True)
    monkeypatch.setattr(app, "CLOSE_WAIT_S", 0.5)  # the board's wait for the job (30 s)
    monkeypatch.setattr(history_writer, "CLOSE_WAIT_S", 0.5)  # the history's last writes
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_p, "p")
    key(board, pygame.K_d, "d")
    until(lambda: bool(board.screens) and isinstance(board.screens[-1], DeleteConfirm), board)
    key(board, pygame.K_y, "y")
    assert stuck.wait(5.0)
    click(board, "Yes")  # said while the deletion holds the history
    click(board, "No")

    closing = threading.Thread(target=app.close, args=(board,), daemon=True)
    began = time.monotonic()
    closing.start()
    closing.join(10.0)
    assert not closing.is_alive(), "quitting hung while the deletion was stuck"
    assert time.monotonic() - began < 5.0

    err = capsys.readouterr().err
    assert "closed while still busy: Deleting 1 statement said" in err
    assert "2 statements could not be saved to the history" in err
    (rescued,) = (tmp_path / "config" / "unsaved").glob("unsaved-statements-*.jsonl")
    assert f"they are kept in {rescued}" in err
    words = [json.loads(x)["text"] for x in rescued.read_text(encoding="utf-8").splitlines()]
    assert words == ["Yes", "No"]
