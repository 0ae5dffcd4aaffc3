"""Carer menu > Papers for the care team: the report, an export and deleting old history, no terminal.

The real board headless on a virtual clock whose calendar starts on a known
day (``--start-time``), over a history with statements from two days:
yesterday, and 40 days ago.  Everything is written into a documents folder
in the test's own folder.
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pygame
import pytest

from commboard.shell.loop import BoardLoop
from commboard.shell.screens.carer_menu.care_papers import CarePapers, DeleteConfirm
from commboard.testing import YES_NO_LAYOUT, run_for

TODAY = "2026-03-31T10:00:00"
SAID = [
    ("2026-02-19T09:00:00+00:00", "I want to go home"),  # 40 days ago
    ("2026-03-30T15:30:00+00:00", "Ask me, not my family"),  # yesterday
]


@pytest.fixture
def documents(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "Documents"
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(folder))
    return folder


@pytest.fixture
def board(start_board: Callable[..., BoardLoop], tmp_path: Path) -> BoardLoop:
    history = tmp_path / "h.jsonl"
    lines = [
        {"time": when, "text": text, "page": "home", "source": "keyboard", "cell": None}
        for when, text in SAID
    ]
    history.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return start_board("--start-time", TODAY, layout=YES_NO_LAYOUT, history=history)


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    run_for(loop, 0.1)


def open_papers(loop: BoardLoop) -> None:
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_p, "p")
    assert isinstance(loop.screens[-1], CarePapers)


def notice(loop: BoardLoop) -> str:
    """What the board says after the choice (the notice banner)."""
    return " ".join(b.text for b in loop.chrome.chrome("", loop.now).banners if b.key == "notice")


def test_the_report_of_the_last_7_days_is_written_to_documents_and_the_board_says_where(
    board: BoardLoop, documents: Path
) -> None:
    open_papers(board)
    key(board, pygame.K_1, "1")
    assert board.screens == []  # back on the board
    [report] = (documents / "commboard").glob("commboard-report-default-*.html")
    page = report.read_text(encoding="utf-8")
    assert "Ask me, not my family" in page and "I want to go home" not in page
    assert stat.S_IMODE(report.stat().st_mode) == 0o600
    assert str(report) in notice(board) and "1 statement," in notice(board)
    # Review12: "1 marked" left the carer guessing; the page calls them decisions and preferences.
    assert "marked" not in notice(board)
    assert "1 statement, not a decision or preference" in notice(board)


def test_a_typed_folder_gets_the_report_of_everything(board: BoardLoop, tmp_path: Path) -> None:
    (tmp_path / "ward").mkdir()
    open_papers(board)
    key(board, pygame.K_f, "f")
    for ch in str(tmp_path / "ward"):
        key(board, 0, ch)
    key(board, pygame.K_RETURN, "\r")
    [report] = (tmp_path / "ward").glob("commboard-report-*.html")
    page = report.read_text(encoding="utf-8")
    assert "Ask me, not my family" in page and "I want to go home" in page


def test_deleting_old_history_asks_with_the_count_and_removes_only_what_is_over_30_days(
    board: BoardLoop, tmp_path: Path, documents: Path
) -> None:
    open_papers(board)
    key(board, pygame.K_d, "d")
    confirm = board.screens[-1]
    assert isinstance(confirm, DeleteConfirm)
    assert confirm.title.startswith("Delete 1 statement said more than 30 days ago")
    key(board, pygame.K_n, "n")  # no: nothing goes
    assert len((tmp_path / "h.jsonl").read_text().splitlines()) == 2
    key(board, pygame.K_d, "d")
    key(board, pygame.K_y, "y")
    kept = [json.loads(x)["text"] for x in (tmp_path / "h.jsonl").read_text().splitlines()]
    assert kept == ["Ask me, not my family"]
    assert "Deleted 1 statement said" in notice(board)


def test_export_writes_the_last_30_days_to_a_private_file(
    board: BoardLoop, documents: Path
) -> None:
    open_papers(board)
    key(board, pygame.K_x, "x")
    [export] = (documents / "commboard").glob("commboard-history-default-*.jsonl")
    assert [json.loads(x)["text"] for x in export.read_text().splitlines()] == [
        "Ask me, not my family"
    ]
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


def test_a_typed_folder_that_is_not_there_is_not_made_and_the_board_says_so(
    board: BoardLoop, tmp_path: Path
) -> None:
    open_papers(board)
    key(board, pygame.K_f, "f")
    for ch in str(tmp_path / "no-such-folder"):
        key(board, 0, ch)
    key(board, pygame.K_RETURN, "\r")
    assert not (tmp_path / "no-such-folder").exists()
    assert notice(board).startswith("Report not written")
