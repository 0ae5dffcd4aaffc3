"""Carer menu > F forgets the words learned from the patient, after an explicit yes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.predict.personal_file import PersonalFile
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.carer_menu.forget_words import NOTHING_KEPT, ForgetConfirm
from commboard.testing import run_for

StartBoard = Callable[..., BoardLoop]


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.2)


def banners(loop: BoardLoop) -> str:
    loop.safe_frame(loop.now)
    assert loop.view is not None
    return " ".join(b.text for b in loop.view.banners)


def test_the_carer_forgets_the_learned_words_after_saying_yes(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop = start_board(draw=False)
    path = tmp_path / "profiles" / "anna" / "words.json"
    loop.p.learned_file = PersonalFile(path)  # a practice run keeps none: give it a file
    assert loop.p.predictor is not None
    loop.p.predictor.personal.learn("tell xavier i said hello")
    assert loop.p.learned_file.save(loop.p.predictor.personal)
    loop.safe_frame(loop.now)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_f, "f")
    confirm = loop.screens[-1]
    assert isinstance(confirm, ForgetConfirm)
    assert "Forget the 5 words" in confirm.title and "history" in confirm.title
    key(loop, pygame.K_n, "n")  # no: nothing goes
    assert "xavier" in loop.p.predictor.personal.words
    key(loop, pygame.K_f, "f")
    key(loop, pygame.K_y, "y")
    assert not loop.screens, "back on the board"
    assert loop.p.predictor.personal.words == {} and loop.p.predictor.personal.pairs == {}
    assert json.loads(path.read_text())["words"] == {}
    assert "learned words are forgotten" in banners(loop)
    log = (tmp_path / "events.jsonl").read_text()
    assert '"type": "learned_words_forgotten"' in log and "xavier" not in log


def test_a_practice_run_says_it_keeps_no_learned_words(start_board: StartBoard) -> None:
    loop = start_board()
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_f, "f")
    assert not loop.screens
    assert NOTHING_KEPT in banners(loop)
