"""Import and export from the carer menu's layout picker (the real board, headless)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import platformdirs
import pygame
import pytest

from commboard.shell.loop import BoardLoop
from commboard.testing import run_for
from commboard.testing.archives import good_obz, zip_slip

StartBoard = Callable[..., BoardLoop]


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.2)


def banners(loop: BoardLoop) -> str:
    assert loop.view is not None
    return " | ".join(b.text for b in loop.view.banners)


def test_a_board_imported_from_the_menu_is_used_and_remembered(
    tmp_path: Path, start_board: StartBoard
) -> None:
    obz = tmp_path / "tiny.obz"
    obz.write_bytes(good_obz())
    loop = start_board()
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")
    key(loop, pygame.K_i, "i")
    for ch in str(obz):
        key(loop, 0, ch)
    key(loop, pygame.K_RETURN)
    assert loop.screens == []
    target = tmp_path / "data" / "commboard" / "layouts" / "tiny"
    assert loop.session.layout.source == target
    # The other app's board had no call for help: the import adds one on its home page.
    assert [c.label for c in loop.session.page.cells if c] == ["yes", "no", "Call nurse"]
    run_for(loop, 0.1)
    assert f"Imported tiny.obz into {target}." in banners(loop)
    assert "has no Call nurse cell" not in banners(loop)
    assert loop.settings.board.layout == str(target)


def test_a_hostile_archive_from_the_menu_keeps_the_board_and_says_why(
    tmp_path: Path, start_board: StartBoard
) -> None:
    obz = tmp_path / "evil.obz"
    obz.write_bytes(zip_slip())
    loop = start_board()
    name = loop.session.layout.name
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")
    key(loop, pygame.K_i, "i")
    for ch in str(obz):
        key(loop, 0, ch)
    key(loop, pygame.K_RETURN)
    assert loop.session.layout.name == name
    assert "has a path with '..'" in banners(loop)
    assert not (tmp_path / "data" / "commboard" / "layouts").exists()


def test_the_layout_in_use_is_exported_to_the_documents_folder(
    tmp_path: Path, start_board: StartBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(platformdirs, "user_documents_dir", lambda: str(tmp_path / "docs"))
    loop = start_board()
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")
    key(loop, pygame.K_x, "x")
    assert loop.screens == []
    exported = tmp_path / "docs" / "commboard" / "english-bedside.obz"
    with zipfile.ZipFile(exported) as zf:
        assert "boards/home.obf" in zf.namelist()
    run_for(loop, 0.1)
    assert f"exported to {exported}" in banners(loop)
