"""A message the patient spelled yesterday, kept by the carer as a phrase (carer menu -> K),
is a phrase cell at once and after a restart, and the patient's choice of it speaks it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.shell.loop import BoardLoop
from commboard.shell.screens.carer_menu.pin_screen import PinMessage, PinOnPage
from commboard.testing import TWO_PAGE_LAYOUT, RecordingSpeaker, run_for

StartBoard = Callable[..., BoardLoop]
SPELLED = "Please call my sister Anna"


def _history(path: Path) -> Path:
    """Yesterday: the patient spelled the message twice and once said "Yes"."""
    lines = [
        {"time": "2026-12-06T09:00:00+00:00", "text": SPELLED, "page": "spell", "source": "blink",
         "cell": None, "how": "spelled"},
        {"time": "2026-12-06T09:05:00+00:00", "text": "Yes", "page": "home", "source": "blink",
         "cell": 0, "how": "phrase"},
        {"time": "2026-12-06T18:00:00+00:00", "text": SPELLED, "page": "spell", "source": "blink",
         "cell": None, "how": "spelled"},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def _key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.2)


def _click(loop: BoardLoop, label: str) -> None:
    """A click on the board's cell with this label (the patient's choice, at once)."""
    assert loop.view is not None
    x, y, w, h = next(c for c in loop.view.cells if c.label == label).rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.1)


def _board(
    start_board: StartBoard, layout: str | Path, history: Path
) -> tuple[BoardLoop, RecordingSpeaker]:
    loop = start_board(layout=layout, history=history, draw=False)
    speaker = RecordingSpeaker()
    loop.p.speaker = speaker
    loop.safe_frame(loop.p.clock.now())
    return loop, speaker


def test_the_carer_keeps_a_spelled_message_and_the_patient_says_it_as_a_phrase(
    tmp_path: Path, start_board: StartBoard
) -> None:
    history = _history(tmp_path / "h.jsonl")
    loop, speaker = _board(start_board, TWO_PAGE_LAYOUT, history)
    board = tmp_path / "board.yaml"
    _key(loop, pygame.K_ESCAPE)  # carer menu
    _key(loop, pygame.K_k, "k")  # keep a recent message
    screen = loop.screens[-1]
    assert isinstance(screen, PinMessage)
    assert [label for _, label in screen.view().buttons] == [SPELLED, "Back"]
    _key(loop, pygame.K_1, "1")
    assert isinstance(loop.screens[-1], PinOnPage)
    assert [label for _, label in loop.screens[-1].view().buttons] == ["Home", "More", "Back"]
    _key(loop, pygame.K_1, "1")  # Home (full: it gets a third row)
    assert loop.screens == []  # back on the board, the page shown at once
    home = loop.session.layout.page("home")
    assert (home.rows, home.cells[4] and home.cells[4].spoken) == (3, SPELLED)
    assert f'{{label: "{SPELLED}"' in board.read_text(encoding="utf-8")
    assert (tmp_path / "board.yaml.bak").read_text(encoding="utf-8") == TWO_PAGE_LAYOUT
    run_for(loop, 0.1)
    assert loop.view is not None
    assert any("kept on page 'Home'" in b.text for b in loop.view.banners)

    _click(loop, SPELLED)
    assert speaker.said[-1] == SPELLED
    log = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text("utf-8").splitlines()]
    assert [r["cell"] for r in log if r["type"] == "speak"] == [4]  # a phrase cell, not spelled
    assert [r["page"] for r in log if r["type"] == "pinned"] == ["home"]

    # Kept twice? The same message again on the same page is refused, the file untouched.
    written = board.read_text(encoding="utf-8")
    for letter in ("escape", "k", "1", "1"):
        _key(loop, pygame.K_ESCAPE) if letter == "escape" else _key(loop, ord(letter), letter)
    assert board.read_text(encoding="utf-8") == written
    run_for(loop, 0.1)
    assert loop.view is not None
    assert any("already says it" in b.text for b in loop.view.banners)


def test_a_kept_message_is_still_there_after_a_restart(
    tmp_path: Path, start_board: StartBoard
) -> None:
    history = _history(tmp_path / "h.jsonl")
    loop, _ = _board(start_board, TWO_PAGE_LAYOUT, history)
    for code, text in ((pygame.K_ESCAPE, ""), (pygame.K_k, "k"), (pygame.K_1, "1")):
        _key(loop, code, text)
    _key(loop, pygame.K_2, "2")  # the "More" page: its 1x3 grid is full too
    again, speaker = _board(start_board, tmp_path / "board.yaml", history)
    more = again.session.layout.page("more")
    assert [c.spoken for c in more.cells if c is not None][-1] == SPELLED
    _click(again, "More")
    _click(again, SPELLED)
    assert speaker.said[-1] == SPELLED


def test_the_patient_keeps_a_recent_message_and_then_says_it_from_my_phrases(
    tmp_path: Path, start_board: StartBoard
) -> None:
    history = _history(tmp_path / "h.jsonl")
    loop, speaker = _board(start_board, TWO_PAGE_LAYOUT, history)
    loop.perform(loop.session.open_page("recent", loop.now))
    run_for(loop, 0.1)
    _click(loop, "Keep one...")
    _click(loop, SPELLED)  # on the Keep page: kept, not said
    assert SPELLED not in speaker.said
    run_for(loop, 4.0)  # the undo window passes
    board = tmp_path / "board.yaml"
    assert "my-phrases" in board.read_text(encoding="utf-8")
    assert (tmp_path / "board.yaml.bak").read_text(encoding="utf-8") == TWO_PAGE_LAYOUT
    assert loop.session.page.id == "home"
    _click(loop, "My phrases")
    _click(loop, SPELLED)
    assert speaker.said[-1] == SPELLED
    log = [json.loads(x) for x in (tmp_path / "events.jsonl").read_text("utf-8").splitlines()]
    assert [(r["event"]) for r in log if r["type"] == "pin"] == ["asked", "kept"]
    assert [(r["page"], r["by"]) for r in log if r["type"] == "pinned"] == [
        ("my-phrases", "patient")
    ]
    spoken = [r for r in log if r["type"] == "speak"]
    assert [(r["text"], r["page"], r["cell"]) for r in spoken] == [(SPELLED, "my-phrases", 0)]


def test_a_huge_message_in_the_history_is_offered_cut_to_a_readable_length(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """A 200 000-character "spelled message" (a damaged or hostile history) was drawn whole on
    the carer's button: about ten seconds of frozen board to fit its words."""
    huge = "word " * 40_000 + "end"
    line = {"time": "2026-12-06T09:00:00+00:00", "text": huge, "page": "spell", "cell": None}
    history = tmp_path / "h.jsonl"
    history.write_text(json.dumps(line) + "\n", encoding="utf-8")
    loop, _ = _board(start_board, TWO_PAGE_LAYOUT, history)
    _key(loop, pygame.K_ESCAPE)
    _key(loop, pygame.K_k, "k")
    screen = loop.screens[-1]
    assert isinstance(screen, PinMessage)
    label = screen.view().buttons[0][1]
    assert label.startswith("word word") and label.endswith("…") and len(label) <= 200
    _key(loop, pygame.K_1, "1")
    title = loop.screens[-1].view().title
    assert title.endswith("\u201d on which page?") and len(title) <= 240
