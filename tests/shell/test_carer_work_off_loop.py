"""Deleting old history and exporting the layout never stop the board (issue 8, item 15).

The real board, headless, on a virtual clock, with its carer work done by a
real worker thread (as in a real-time run).  Each slow step is held by an
event the test controls, so "the board goes on meanwhile" is shown by what
it does (the highlight moves, the nurse call sounds, the patient's words
are kept), not by timing.  Done on the frame loop, the held step would stop
the loop itself and every check below would fail.
"""

from __future__ import annotations

import errno
import json
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import platformdirs
import pygame
import pytest

from commboard.adapters import board_exchange_menu
from commboard.adapters.background_work import BackgroundWork
from commboard.care_record import record_files
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.base import Outcome
from commboard.shell.screens.carer_menu import care_papers
from commboard.shell.screens.carer_menu.care_papers import DeleteConfirm
from commboard.shell.screens.carer_menu.carer_menu import LayoutPicker, QuitConfirm
from commboard.testing import TWO_PAGE_LAYOUT, run_for

StartBoard = Callable[..., BoardLoop]
TODAY = "2026-03-31T10:00:00"
OLD = ("2026-02-19T09:00:00+00:00", "I want to go home")  # 40 days ago: deleted
RECENT = ("2026-03-30T15:30:00+00:00", "Ask me, not my family")  # yesterday: kept


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture
def board(start_board: StartBoard, tmp_path: Path, documents: Path) -> BoardLoop:
    """The two-page board over a history said on two days; its carer work in a worker thread."""
    lines = [
        {"time": when, "text": text, "page": "home", "source": "keyboard", "cell": None}
        for when, text in (OLD, RECENT)
    ]
    history = tmp_path / "h.jsonl"
    history.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    loop = start_board("--start-time", TODAY, layout=TWO_PAGE_LAYOUT, history=history)
    loop.carer_work = BackgroundWork[Outcome](background=True)
    return loop


class Hold:
    """Wraps a function so that it waits, on the worker, until the test lets it go."""

    def __init__(self, real: Callable[..., object]) -> None:
        self.real = real
        self.started, self.released = threading.Event(), threading.Event()

    def __call__(self, *args: object) -> object:
        self.started.set()
        assert self.released.wait(5.0), "held on the frame loop: the test could not let it go"
        return self.real(*args)


@pytest.fixture
def hold(monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[object, str], Hold]]:
    """``hold(module, name)``: that function waits for ``released``; released at the end."""
    held: list[Hold] = []

    def make(module: object, name: str) -> Hold:
        h = Hold(getattr(module, name))
        monkeypatch.setattr(module, name, h)
        held.append(h)
        return h

    yield make
    for h in held:
        h.released.set()


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


def banners(loop: BoardLoop) -> str:
    assert loop.view is not None
    return " | ".join(b.text for b in loop.view.banners)


def until_done(loop: BoardLoop) -> None:
    """Frames until the carer work is handed over (real seconds: the worker is a real thread)."""
    deadline = time.monotonic() + 5.0
    while loop.carer_work.doing is not None and time.monotonic() < deadline:
        time.sleep(0.01)
        run_for(loop, 0.1)
    assert loop.carer_work.doing is None, "the work never ended"


def highlights(loop: BoardLoop, seconds: int) -> set[tuple[int, ...]]:
    """The cells lit, frame by frame, over ``seconds`` of the board's time."""
    lit = set()
    for _ in range(seconds * 2):
        run_for(loop, 0.5)
        assert loop.view is not None
        lit.add(tuple(c.index for c in loop.view.cells if c.highlighted))
    return lit


def ask_to_delete(loop: BoardLoop) -> None:
    """Carer menu, Papers, Delete: the count is made off the loop, then the question opens."""
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_p, "p")
    key(loop, pygame.K_d, "d")
    until_done(loop)
    assert isinstance(loop.screens[-1], DeleteConfirm)


def said(history: Path) -> list[str]:
    return [json.loads(x)["text"] for x in history.read_text(encoding="utf-8").splitlines()]


def test_what_is_said_while_old_history_is_deleted_reaches_the_history_in_order(
    board: BoardLoop, tmp_path: Path, hold: Callable[[object, str], Hold]
) -> None:
    ask_to_delete(board)
    # Held after the history was read and checked, before the file without the old
    # period replaces it: the last moment a statement written to the old file is lost.
    rewrite = hold(record_files, "atomic_write")
    key(board, pygame.K_y, "y")
    assert rewrite.started.wait(5.0)
    assert board.screens == [] and not board.session.paused  # back on the board
    assert "Deleting 1 statement said more than 30 days ago" in banners(board)
    assert len(highlights(board, 6)) > 1  # scanning goes on
    for label in ("Yes", "Thank you", "No"):  # the patient talks meanwhile
        click(board, label)
    click(board, "More")
    click(board, "Water")
    # A second request while the deletion runs is refused, in plain words.
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_p, "p")
    key(board, pygame.K_x, "x")
    assert board.screens == []
    assert "Not started: the board is still busy (Deleting 1 statement said" in banners(board)
    assert not list((tmp_path / "Documents").rglob("commboard-history-*"))  # not exported
    rewrite.released.set()
    until_done(board)
    assert "Deleted 1 statement said more than 30 days ago" in banners(board)
    assert "Deleting" not in banners(board)
    app.close(board)  # every line the history writer holds is on disk
    assert said(tmp_path / "h.jsonl") == [
        RECENT[1],
        "Yes",
        "Thank you very much",
        "No",
        "I would like some water",
    ]


def test_the_nurse_call_sounds_while_old_history_is_deleted(
    board: BoardLoop, hold: Callable[[object, str], Hold]
) -> None:
    ask_to_delete(board)
    rewrite = hold(record_files, "split")
    key(board, pygame.K_y, "y")
    assert rewrite.started.wait(5.0)
    click(board, "More")
    click(board, "Help")
    assert board.view is not None and board.view.alarm == "Please call the nurse"
    rewrite.released.set()
    until_done(board)
    assert board.view.alarm == "Please call the nurse"  # the result does not hide the call


def test_a_deletion_that_cannot_write_says_why_with_the_path_and_loses_nothing(
    board: BoardLoop, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask_to_delete(board)

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(record_files, "atomic_write", full)
    key(board, pygame.K_y, "y")
    click(board, "Yes")
    until_done(board)
    history = tmp_path / "h.jsonl"
    assert f"the disk is full ({history}); nothing was deleted" in banners(board)
    app.close(board)
    assert said(history) == [OLD[1], RECENT[1], "Yes"]


def test_the_layout_is_exported_off_the_frame_loop_while_scanning_and_the_alarm_go_on(
    board: BoardLoop, documents: Path, hold: Callable[[object, str], Hold]
) -> None:
    zipping = hold(board_exchange_menu, "write_obz")
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_l, "l")
    key(board, pygame.K_x, "x")
    assert zipping.started.wait(5.0)
    assert board.screens == [] and not board.session.paused
    folder = documents / "commboard"
    assert f"Exporting layout 'Two pages' to {folder}..." in banners(board)
    assert len(highlights(board, 6)) > 1
    click(board, "More")
    click(board, "Help")
    assert board.view is not None and board.view.alarm == "Please call the nurse"
    zipping.released.set()
    until_done(board)
    exported = folder / "two-pages.obz"
    with zipfile.ZipFile(exported) as zf:
        assert "manifest.json" in zf.namelist()
    assert f"exported to {exported}" in banners(board)


def test_an_export_into_a_folder_that_cannot_be_made_says_so_with_the_path(
    board: BoardLoop, documents: Path
) -> None:
    documents.mkdir()
    (documents / "commboard").write_text("not a folder", encoding="utf-8")
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_l, "l")
    key(board, pygame.K_x, "x")
    until_done(board)
    shown = banners(board)
    assert "Could not export" in shown and str(documents / "commboard") in shown
    assert board.session.layout.name == "Two pages" and not board.session.paused


def test_nothing_to_delete_is_said_on_the_board_after_the_count(
    start_board: StartBoard, tmp_path: Path, documents: Path
) -> None:
    history = tmp_path / "h.jsonl"
    line = {"time": RECENT[0], "text": RECENT[1], "page": "home", "source": "keyboard"}
    history.write_text(json.dumps(line) + "\n", encoding="utf-8")
    loop = start_board("--start-time", TODAY, layout=TWO_PAGE_LAYOUT, history=history)
    loop.carer_work = BackgroundWork[Outcome](background=True)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_p, "p")
    key(loop, pygame.K_d, "d")  # counted off the loop, the carer waiting on the papers menu
    until_done(loop)
    assert loop.screens == [] and not loop.session.paused
    assert "Nothing was said more than 30 days ago: nothing to delete." in banners(loop)


def test_a_count_that_ends_after_the_carer_moved_on_never_answers_their_keys(
    board: BoardLoop, tmp_path: Path, hold: Callable[[object, str], Hold]
) -> None:
    # The carer asks to delete, then changes their mind while it counts: back, Quit,
    # and "y" for "Yes, quit the board".  The deletion question, ready meanwhile, must
    # not open over the quit question and take that "y" as a yes to deleting.
    counting = hold(care_papers, "split")
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_p, "p")
    key(board, pygame.K_d, "d")
    assert counting.started.wait(5.0)
    key(board, pygame.K_ESCAPE)  # back to the carer menu
    key(board, pygame.K_q, "q")
    counting.released.set()
    until_done(board)
    assert isinstance(board.screens[-1], QuitConfirm)
    assert "its menu was closed meanwhile. Choose it again to go on." in banners(board)
    key(board, pygame.K_y, "y")
    assert not board.running
    app.close(board)
    assert said(tmp_path / "h.jsonl") == [OLD[1], RECENT[1]]


def test_a_count_that_ends_after_the_carer_went_back_to_the_board_opens_no_question(
    board: BoardLoop, hold: Callable[[object, str], Hold]
) -> None:
    counting = hold(care_papers, "split")
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_p, "p")
    key(board, pygame.K_d, "d")
    assert counting.started.wait(5.0)
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_ESCAPE)  # the patient has the board again
    counting.released.set()
    until_done(board)
    assert board.screens == [] and not board.session.paused  # scanning is not stopped
    assert len(highlights(board, 6)) > 1


def test_nothing_to_delete_leaves_open_the_screen_the_carer_went_on_to(
    start_board: StartBoard, tmp_path: Path, documents: Path, hold: Callable[[object, str], Hold]
) -> None:
    history = tmp_path / "h.jsonl"
    line = {"time": RECENT[0], "text": RECENT[1], "page": "home", "source": "keyboard"}
    history.write_text(json.dumps(line) + "\n", encoding="utf-8")
    loop = start_board("--start-time", TODAY, layout=TWO_PAGE_LAYOUT, history=history)
    loop.carer_work = BackgroundWork[Outcome](background=True)
    counting = hold(care_papers, "split")
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_p, "p")
    key(loop, pygame.K_d, "d")
    assert counting.started.wait(5.0)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")  # on to the layouts while it counts
    counting.released.set()
    until_done(loop)
    assert isinstance(loop.screens[-1], LayoutPicker)  # not closed by the count's words
    assert "Nothing was said more than 30 days ago: nothing to delete." in banners(loop)
