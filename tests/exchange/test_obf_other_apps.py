"""Boards shaped the way real apps write them (CoughDrop, Cboard, AsTeRICS Grid...) import well.

Each fixture is a minimal hand-written board reproducing one habit of a real
exporter that a real file showed us; the test says what the carer gets.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import import_command
from commboard.board.layout_file import load_layout
from commboard.board.model import Action, Cell, Layout
from commboard.testing.archives import zip_bytes


def _board(board_id: str, buttons: list[dict[str, object]], **extra: object) -> dict[str, object]:
    """A board with the buttons in one row, in order."""
    grid = {"rows": 1, "columns": len(buttons), "order": [[b["id"] for b in buttons]]}
    return {"format": "open-board-0.1", "id": board_id, "locale": "en", "name": board_id.title(),
            "buttons": buttons, "grid": grid, "images": [], "sounds": [], **extra}  # fmt: skip


def _obz(*boards: dict[str, object], manifest: dict[str, object] | None = None) -> dict[str, bytes]:
    paths = {str(b["id"]): f"boards/{b['id']}.obf" for b in boards}
    if manifest is None:
        manifest = {"format": "open-board-0.1", "root": f"boards/{boards[0]['id']}.obf",
                    "paths": {"boards": paths, "images": {}, "sounds": {}}}  # fmt: skip
    entries = {"manifest.json": json.dumps(manifest).encode()}
    entries.update({paths[str(b["id"])]: json.dumps(b).encode() for b in boards})
    return entries


def _imported(tmp_path: Path, name: str, entries: dict[str, bytes]) -> Layout:
    """Import like a carer does (``commboard import``); the layout as written."""
    source = tmp_path / name
    source.write_bytes(zip_bytes(entries))
    assert import_command(str(source), str(tmp_path / "out")) == 0
    return load_layout(tmp_path / "out")


def _cell(layout: Layout, page: str, label: str) -> Cell:
    return next(c for c in layout.page(page).cells if c is not None and c.label == label)


# --- CoughDrop: a pageset links to boards it did not include -------------------


def test_a_link_to_a_board_left_out_of_the_archive_says_its_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CoughDrop's sample pageset has a button opening 'special::unfinnished',
    # and lots_of_stuff.obz one opening a board given only by its url: refusing
    # the whole set for it left the carer with nothing
    home = _board("home", [
        {"id": "1", "label": "food", "load_board": {"id": "food", "path": "boards/food.obf"}},
        {"id": "2", "label": "later", "load_board": {"id": "special::unfinished",
                                                      "path": "boards/special::unfinished.obf"}},
        {"id": "3", "label": "web", "load_board": {"url": "http://www.example.com/board"}},
    ])  # fmt: skip
    food = _board("food", [{"id": "1", "label": "apple"}])
    layout = _imported(tmp_path, "set.obz", _obz(home, food))
    assert _cell(layout, "home", "food").action is Action.GO
    for label in ("later", "web"):
        assert _cell(layout, "home", label).action is Action.SPEAK
    out = capsys.readouterr().out
    assert "2 button(s) open boards that are not in this archive" in out
    # the carer (or whoever made the file) can find the first one: file and field
    assert (
        "the first: boards/home.obf, field 'buttons[1].load_board', opens 'special::unfinished'"
        in out
    )


# --- the manifest: optional for one board, its root sometimes left out ---------


def test_an_archive_of_one_board_needs_no_manifest(tmp_path: Path) -> None:
    # the format asks for manifest.json only when an .obz holds more than one board
    board = _board("snack", [{"id": "1", "label": "crisps"}, {"id": "2", "label": "apple"}])
    layout = _imported(tmp_path, "snack.obz", {"snack.obf": json.dumps(board).encode()})
    assert layout.home == "snack"
    assert _cell(layout, "snack", "apple").action is Action.SPEAK


def test_several_boards_without_a_manifest_are_refused_saying_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = _obz(
        _board("a", [{"id": "1", "label": "x"}]), _board("b", [{"id": "1", "label": "y"}])
    )
    del entries["manifest.json"]
    source = tmp_path / "two.obz"
    source.write_bytes(zip_bytes(entries))
    assert import_command(str(source), str(tmp_path / "out")) == 1
    assert not (tmp_path / "out").exists()
    out = capsys.readouterr().out
    assert "two.obz: has 2 boards but no manifest.json" in out


def test_a_manifest_without_a_root_starts_on_its_first_board(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # AsTeRICS Grid writes "root": undefined (so no root at all) when no home grid is set
    home = _board("home", [{"id": "1", "label": "food", "load_board": {"path": "boards/food.obf"}}])
    food = _board("food", [{"id": "1", "label": "apple"}])
    entries = _obz(home, food)
    manifest = json.loads(entries["manifest.json"])
    del manifest["root"]
    entries["manifest.json"] = json.dumps(manifest).encode()
    layout = _imported(tmp_path, "grid.obz", entries)
    assert layout.home == "home"
    assert _cell(layout, "home", "food").target == "food"
    assert "manifest.json names no home board; 'Home' (boards/home.obf) is the home page" in (
        capsys.readouterr().out
    )
