"""The editor's picture picker on the real board, headless: a carer picks a shipped symbol by
typing and by a click, clears a picture, and brings in a photo by typing its path (copied into
the layout's images folder when the page is saved, never before)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.board.layout_file import load_layout
from commboard.board.symbols import symbols_root
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.editor.editor_screen import EditorScreen
from commboard.shell.screens.editor.picture_picker_screen import PicturePickerScreen, areas
from commboard.testing import TWO_PAGE_LAYOUT, run_for

StartBoard = Callable[..., BoardLoop]


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.2)


def type_text(loop: BoardLoop, text: str) -> None:
    for ch in text:
        key(loop, pygame.K_SPACE if ch == " " else 0, ch)


def click(loop: BoardLoop, rect: tuple[int, int, int, int]) -> None:
    x, y, w, h = rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.2)


def _editor(tmp_path: Path, start_board: StartBoard) -> tuple[BoardLoop, EditorScreen, Path]:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "layout.yaml").write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    loop = start_board(layout=folder)
    key(loop, pygame.K_ESCAPE)  # carer menu
    key(loop, pygame.K_e, "e")  # edit this page
    screen = loop.screens[-1]
    assert isinstance(screen, EditorScreen)
    return loop, screen, folder


def test_a_symbol_picked_by_typing_is_saved_and_drawn_on_the_board(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, editor, folder = _editor(tmp_path, start_board)
    key(loop, pygame.K_i, "i")
    picker = loop.screens[-1]
    assert isinstance(picker, PicturePickerScreen)
    type_text(loop, "drink")
    key(loop, pygame.K_RETURN)
    assert loop.screens[-1] is editor  # back in the editor
    assert ("Picture", "symbols/drink.svg") in editor.keys.view().details
    key(loop, pygame.K_s, "s")
    assert '{label: "Yes", image: symbols/drink.svg}' in (folder / "layout.yaml").read_text()
    assert not (folder / "images").exists()  # a symbol is named, never copied
    assert loop.view is not None
    yes = next(c for c in loop.view.cells if c.label == "Yes")
    assert yes.picture == str(symbols_root() / "drink.svg")


def test_a_click_picks_a_tile_and_no_picture_clears_it_undo_brings_it_back(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, editor, _ = _editor(tmp_path, start_board)
    size = loop.p.surface.get_size()
    key(loop, pygame.K_i, "i")
    picker = loop.screens[-1]
    assert isinstance(picker, PicturePickerScreen)
    _, tiles, _, previous, following = areas(size)
    click(loop, following)  # the next page of tiles
    shown = picker.picker.view().tiles[0]
    click(loop, tiles[0])
    assert loop.screens[-1] is editor
    assert ("Picture", shown.image) in editor.keys.view().details
    key(loop, pygame.K_i, "i")  # opens on the page of the cell's picture
    assert loop.screens[-1].picker.view().page == 1  # type: ignore[attr-defined]
    click(loop, previous)
    click(loop, tiles[0])  # "No picture"
    assert ("Picture", "none") in editor.keys.view().details
    key(loop, pygame.K_u, "u")
    assert ("Picture", shown.image) in editor.keys.view().details


def test_a_photo_typed_by_path_is_copied_into_the_layout_on_save(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, editor, folder = _editor(tmp_path, start_board)
    photo = tmp_path / "usb" / "Sarah smiling.png"
    photo.parent.mkdir()
    dot = pygame.Surface((30, 20))
    dot.fill((10, 200, 10))
    pygame.image.save(dot, str(photo))
    key(loop, pygame.K_i, "i")
    picker = loop.screens[-1]
    assert isinstance(picker, PicturePickerScreen)
    key(loop, pygame.K_RIGHT)  # "A file elsewhere..."
    key(loop, pygame.K_RETURN)
    assert picker.entry is not None
    type_text(loop, str(tmp_path / "usb" / "nothing.png"))
    key(loop, pygame.K_RETURN)
    assert picker.entry.title.startswith("There is no file at")  # stays, says why
    for _ in "nothing.png":
        key(loop, pygame.K_BACKSPACE)
    type_text(loop, "Sarah smiling.png")
    key(loop, pygame.K_RETURN)
    assert loop.screens[-1] is editor
    assert ("Picture", "images/Sarah-smiling.png") in editor.keys.view().details
    assert not (folder / "images").exists()  # nothing is written before Save
    key(loop, pygame.K_s, "s")
    assert (folder / "images" / "Sarah-smiling.png").read_bytes() == photo.read_bytes()
    cell = load_layout(folder).page("home").cells[0]
    assert cell is not None and cell.image == "images/Sarah-smiling.png"
