"""Boards shaped the way real apps write them (CoughDrop, Cboard, AsTeRICS Grid...) import well.

Each fixture is a minimal hand-written board reproducing one habit of a real
exporter that a real file showed us; the test says what the carer gets.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import import_command
from commboard.adapters.board_exchange_menu import import_for_board
from commboard.board.layout_file import load_layout
from commboard.board.model import Action, Cell, Layout
from commboard.exchange.obf_import import import_archive
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


# --- Cboard: its export, as its code writes it -------------------------------------

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>'


def _cboard_tile(n: int) -> dict[str, object]:
    return {"id": f"t{n}", "label": f"word {n}", "ext_cboard_label_key": f"cboard.symbol.w{n}",
            "border_color": "rgb(0, 0, 0)", "background_color": "rgb(255, 241, 118)"}  # fmt: skip


def _cboard_set() -> dict[str, bytes]:
    """Cboard's OBZ: images under images/ + the tile's own path (so 'images//symbols/...'),
    the board's image record naming only that path ('/symbols/...'), a hole in 'buttons'
    where a tile was empty, a board laid out 6 wide however many tiles it has."""
    drink = {
        "id": "d1",
        "label": "drink",
        "image_id": "5f1c",
        "background_color": "rgb(187, 222, 251)",
    }
    food = {"id": "f1", "label": "food", "load_board": {"name": "Food", "path": "boards/food.obf"}}
    root = {
        "format": "open-board-0.1", "id": "root", "locale": "en-US", "name": "Home",
        "url": "http://app.cboard.io/boards/root", "license": {"type": "CC-By"},
        "images": [{"id": "5f1c", "path": "/symbols/mulberry/drink.svg",
                    "content_type": "image/svg+xml", "width": 300, "height": 300}],
        "buttons": [drink, None, food],
        "sounds": [],
        "grid": {"rows": 1, "columns": 6, "order": [["d1", "f1", None, None, None, None]]},
        "description_html": "", "ext_cboard_name_key": "cboard.board.home",
    }  # fmt: skip
    tiles = [_cboard_tile(n) for n in range(80)]  # 14 rows of 6: more rows than 12
    order = [[t["id"] for t in tiles[r * 6 : r * 6 + 6]] for r in range(14)]
    order[-1] += [None] * 4
    food_board = {"format": "open-board-0.1", "id": "food", "locale": "en-US", "name": "Food",
                  "images": [], "sounds": [], "buttons": tiles,
                  "grid": {"rows": 14, "columns": 6, "order": order}}  # fmt: skip
    manifest = {"format": "open-board-0.1", "root": "boards/root.obf",
                "paths": {"boards": {"root": "boards/root.obf", "food": "boards/food.obf"},
                          "images": {"5f1c": "images//symbols/mulberry/drink.svg"}}}  # fmt: skip
    return {
        "boards/root.obf": json.dumps(root, indent=2).encode(),
        "images//symbols/mulberry/drink.svg": SVG,
        "boards/food.obf": json.dumps(food_board, indent=2).encode(),
        "manifest.json": json.dumps(manifest, indent=2).encode(),
    }


def test_a_cboard_export_keeps_its_pictures_found_through_the_manifest(tmp_path: Path) -> None:
    layout = _imported(tmp_path, "boardsset.obz", _cboard_set())
    drink = _cell(layout, "root", "drink")
    assert drink.image is not None and drink.image.startswith("images/")
    assert (tmp_path / "out" / drink.image).read_bytes() == SVG


def test_an_empty_tile_in_a_cboard_export_is_skipped_and_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layout = _imported(tmp_path, "boardsset.obz", _cboard_set())
    assert _cell(layout, "root", "food").target == "food"
    assert "boards/root.obf: 1 empty entry in 'buttons' (null) was skipped" in (
        capsys.readouterr().out
    )


def test_a_board_taller_than_twelve_rows_is_laid_out_again_with_every_button(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Cboard lays any board out 6 wide: 80 tiles are 14 rows, and commboard shows 12
    layout = _imported(tmp_path, "boardsset.obz", _cboard_set())
    food = layout.page("food")
    assert food.rows <= 12 and food.columns <= 12
    words = [c.label for c in food.cells if c is not None and c.action is Action.SPEAK]
    assert words == [f"word {n}" for n in range(80)]  # all of them, in reading order
    assert "board 'Food' is 14 x 6; commboard shows at most 12 x 12, so its 80 buttons were " in (
        capsys.readouterr().out
    )


# --- boards written without a grid, or with an empty one ------------------------


def test_a_board_without_a_grid_gets_its_buttons_in_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # "grid should always be defined", but AACProcessors' styled example has none
    buttons = [{"id": f"b{n}", "label": f"say {n}", "vocalization": f"I say {n}"} for n in range(5)]
    board = {"id": "main-page", "name": "Main", "buttons": buttons}
    source = tmp_path / "styled.obf"
    source.write_text(json.dumps(board), encoding="utf-8")
    assert import_command(str(source), str(tmp_path / "out")) == 0
    page = load_layout(tmp_path / "out").page("main-page")
    assert (page.rows, page.columns) == (2, 3)
    assert [c.text for c in page.cells[:5] if c is not None] == [f"I say {n}" for n in range(5)]
    assert "board 'Main' has no grid; its 5 buttons were laid out in order, 2 x 3" in (
        capsys.readouterr().out
    )


def test_an_empty_board_of_no_rows_imports_as_an_empty_page(tmp_path: Path) -> None:
    # ParrotAAC's new project: a root board with no buttons and a 0 x 0 grid
    empty = {"id": "root", "format": "open-board-0.1", "locale": "en", "name": "root",
             "buttons": [], "grid": {"rows": 0, "columns": 0, "order": []}, "images": [],
             "sounds": []}  # fmt: skip
    layout = _imported(tmp_path, "project.obz", _obz(empty))
    assert layout.home == "root"
    assert [c.action for c in layout.page("root").cells if c is not None] == [Action.ALARM]


# --- pictures: the format's order data, then path ----------------------------------


def test_a_picture_whose_data_is_damaged_is_read_from_its_path(tmp_path: Path) -> None:
    board = _board("home", [{"id": "1", "label": "drink", "image_id": "i"}],
                   images=[{"id": "i", "data": "data:image/svg+xml;base64,@@@not base64",
                            "path": "images/drink.svg", "content_type": "image/svg+xml"}])  # fmt: skip
    entries = _obz(board)
    entries["images/drink.svg"] = SVG
    layout = _imported(tmp_path, "home.obz", entries)
    drink = _cell(layout, "home", "drink")
    assert drink.image is not None and (tmp_path / "out" / drink.image).read_bytes() == SVG


def test_buttons_naming_pictures_the_file_does_not_hold_are_told(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CoughDrop's sample pageset.obz: every button names 'icons/...png', 'images' is empty
    board = _board("top", [{"id": "00", "label": "Yes", "image_id": "icons/S0X0Y0yes.png"},
                           {"id": "10", "label": "Top page", "image_id": ""}])  # fmt: skip
    layout = _imported(tmp_path, "pageset.obz", _obz(board))
    assert _cell(layout, "top", "Yes").image is None
    out = capsys.readouterr().out
    assert "1 button(s) name a picture the file does not hold; the cells show their labels" in out


# --- CoughDrop: hidden buttons ------------------------------------------------------


def test_a_button_hidden_in_its_app_is_not_shown_to_the_patient(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # CoughDrop hides buttons a communicator is not ready for ("hidden": true); a switch
    # user scanning past words they never saw there would be slowed and confused
    board = _board("home", [{"id": "1", "label": "yes"},
                            {"id": "2", "label": "No way", "hidden": True},
                            {"id": "3", "label": "no", "hidden": False}])  # fmt: skip
    layout = _imported(tmp_path, "home.obz", _obz(board))
    labels = [c.label if c else None for c in layout.page("home").cells]
    assert labels[:3] == ["yes", "Call nurse", "no"]  # the call for help took the empty place
    assert "No way" not in labels
    assert "1 button(s) were hidden in the app that made the board; they were left out" in (
        capsys.readouterr().out
    )


# --- colours with an alpha -----------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "shown"),
    [
        ("rgba(0, 0, 0, 0.1)", "#e6e6e6"),
        ("rgba(0, 255, 0, 0.5)", "#80ff80"),
        ("rgba(255, 255, 170, 1)", "#ffffaa"),
        ("rgb(200, 200, 200)", "#c8c8c8"),
    ],  # fmt: skip
)
def test_a_see_through_colour_is_shown_as_it_looks_on_white(
    given: str, shown: str, tmp_path: Path
) -> None:
    # CoughDrop's lots_of_stuff.obz colours '+less' rgba(0, 0, 0, 0.1): a faint grey in
    # the app, it was a black cell here (the format: not "just strip off the alpha")
    board = _board("home", [{"id": "1", "label": "less", "background_color": given}])
    layout = _imported(tmp_path, "home.obz", _obz(board))
    assert _cell(layout, "home", "less").color == shown


# --- what the carer menu says after an import --------------------------------------


def test_the_carer_menu_names_every_note_in_a_file_and_does_not_call_additions_losses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the banner showed only the first note, headed "Not carried over:" even when it
    # was the Call nurse cell commboard added; the other notes (a page laid out again,
    # links left out) were nowhere the carer could read them
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    source = tmp_path / "boardsset.obz"
    source.write_bytes(zip_bytes(_cboard_set()))
    layout, told = import_for_board(source)
    assert layout.source is not None
    folder = layout.source if layout.source.is_dir() else layout.source.parent
    notes = (folder / "import-notes.txt").read_text(encoding="utf-8")
    assert "Not carried over" not in told
    assert f"all 5 notes are in {folder / 'import-notes.txt'}" in told
    assert "1 empty entry in 'buttons'" in told  # the first note, in the banner
    for words in ("laid out again in reading order", "added a Back cell", "Call nurse"):
        assert words in notes
    assert load_layout(folder) == layout  # the notes file is no part of the layout


# --- LoveWords: ':speak' on a word button --------------------------------------------


def test_a_word_button_marked_speak_says_its_own_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # LoveWords marks every word button ':speak' (say this button's words); the format's
    # ':speak' says the message bar. A 'Hello' button that spoke an empty message was mute
    board = _board("home", [
        {"id": "1", "label": "Hello", "vocalization": "Hello!", "action": ":speak"},
        {"id": "2", "label": "Speak", "action": ":speak"},  # the format's own: the message
    ])  # fmt: skip
    layout = _imported(tmp_path, "example-board.obz", _obz(board))
    hello = _cell(layout, "home", "Hello")
    assert (hello.action, hello.text) == (Action.SPEAK, "Hello!")
    assert _cell(layout, "home", "Speak").action is Action.SPEAK_MESSAGE
    assert "1 button(s) had ':speak' and words of their own; they say their words" in (
        capsys.readouterr().out
    )


def test_a_lovewords_add_button_adds_its_words_to_the_message(tmp_path: Path) -> None:
    # LoveWords' ':add' puts the button's words in the message bar (its 'Yes', 'No', 'Please')
    board = _board("home", [{"id": "1", "label": "Yes", "vocalization": "Yes", "action": ":add"},
                            {"id": "2", "label": "Please", "action": ":add"}])  # fmt: skip
    layout = _imported(tmp_path, "example-board.obz", _obz(board))
    assert (_cell(layout, "home", "Yes").action, _cell(layout, "home", "Yes").spoken) == (
        Action.ADD,
        "Yes",
    )
    assert (_cell(layout, "home", "Please").action, _cell(layout, "home", "Please").spoken) == (
        Action.ADD,
        "Please",
    )


# --- boards the manifest does not list; a Mac's zip leftovers ------------------------


def test_a_board_in_the_archive_but_not_in_the_manifest_is_imported(tmp_path: Path) -> None:
    # the format recommends importing every board in the archive, listed or not
    home = _board("home", [{"id": "1", "label": "food", "load_board": {"path": "boards/food.obf"}}])
    food = _board("food", [{"id": "1", "label": "apple"}])
    entries = _obz(home, food)
    manifest = json.loads(entries["manifest.json"])
    del manifest["paths"]["boards"]["food"]
    entries["manifest.json"] = json.dumps(manifest).encode()
    layout = _imported(tmp_path, "set.obz", entries)
    assert _cell(layout, "home", "food").target == "food"
    assert _cell(layout, "food", "apple").action is Action.SPEAK


def test_a_macs_zip_leftovers_are_not_boards(tmp_path: Path) -> None:
    # zipped on a Mac: '__MACOSX/._board.obf' resource forks (not JSON) sit beside the board
    board = _board("snack", [{"id": "1", "label": "crisps"}])
    entries = {"snack.obf": json.dumps(board).encode(),
               "__MACOSX/._snack.obf": b"\0\5\26\7\0\2\0\0Mac OS X        ",
               "._snack.obf": b"\0\5\26\7"}  # fmt: skip
    layout = _imported(tmp_path, "snack.obz", entries)
    assert list(layout.pages) == ["snack"]


def test_an_unreadable_board_the_manifest_does_not_list_is_left_out_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    entries = _obz(_board("home", [{"id": "1", "label": "yes"}]))
    entries["boards/old copy.obf"] = b'{"id": "old", "buttons": ['
    layout = _imported(tmp_path, "set.obz", entries)
    assert list(layout.pages) == ["home"]
    assert "set.obz/boards/old copy.obf: is not valid JSON" in capsys.readouterr().out


# --- a file whose name says the other kind -------------------------------------------


@pytest.mark.parametrize(("name", "kind"), [("set.obf", "archive"), ("board.obz", "board")])
def test_a_file_named_for_the_other_kind_is_read_as_what_it_holds(
    name: str, kind: str, tmp_path: Path
) -> None:
    # a set renamed on the way (mail, a phone's download folder): it was refused
    # as 'not UTF-8 text' or 'not a zip archive', though it was a good board
    board = _board("home", [{"id": "1", "label": "yes"}])
    data = zip_bytes(_obz(board)) if kind == "archive" else json.dumps(board).encode()
    source = tmp_path / name
    source.write_bytes(data)
    assert import_command(str(source), str(tmp_path / "out")) == 0
    assert _cell(load_layout(tmp_path / "out"), "home", "yes").action is Action.SPEAK


# --- picture types as apps really write them ----------------------------------------

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 30
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 30


@pytest.mark.parametrize(
    ("content_type", "data", "suffix"),
    [
        ("image/jpg", JPEG, ".jpg"),
        ("image/x-png", PNG, ".png"),
        ("application/octet-stream", PNG, ".png"),
        ("image/svg", SVG, ".svg"),
    ],  # fmt: skip
)
def test_a_picture_with_a_loose_content_type_is_carried(
    content_type: str, data: bytes, suffix: str, tmp_path: Path
) -> None:
    # 'image/jpg' is everywhere though not a registered type; servers answer
    # 'application/octet-stream'; the bytes say what the picture is
    uri = f"data:{content_type};base64," + base64.b64encode(data).decode()
    board = _board("home", [{"id": "1", "label": "tea", "image_id": "i"}],
                   images=[{"id": "i", "data": uri, "content_type": content_type}])  # fmt: skip
    layout = _imported(tmp_path, "home.obz", _obz(board))
    tea = _cell(layout, "home", "tea")
    assert tea.image is not None and tea.image.endswith(suffix)
    assert (tmp_path / "out" / tea.image).read_bytes() == data


def test_a_picture_from_a_symbol_set_the_file_lacks_is_named_as_such(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # the format's 'symbol' names a licensed set (PCS, SymbolStix) kept out of the file;
    # the carer was told the picture was 'missing, too large or not PNG...'
    board = _board("home", [{"id": "1", "label": "hat", "image_id": "i42"}],
                   images=[{"id": "i42", "content_type": "image/png",
                            "symbol": {"set": "pcs", "filename": "hat.png"}}])  # fmt: skip
    layout = _imported(tmp_path, "home.obz", _obz(board))
    assert _cell(layout, "home", "hat").image is None
    out = capsys.readouterr().out
    assert "1 picture(s) come from a symbol set the file does not hold ('pcs')" in out
    assert "could not be read" not in out


# --- a set with more boards than a layout holds ------------------------------------


def test_a_set_of_more_than_200_boards_keeps_the_200_nearest_home() -> None:
    # CoughDrop's vocabulary sets run to hundreds of boards; the whole set was refused
    n = 205
    boards = [_board(f"b{i}", [{"id": "1", "label": f"word {i}"},
                               {"id": "2", "label": "next", "load_board": {"id": f"b{i + 1}"}}])
              for i in range(n - 1)]  # fmt: skip
    boards.append(_board(f"b{n - 1}", [{"id": "1", "label": "last"}]))
    boards.insert(1, boards.pop())  # the farthest board listed second: distance counts, not order
    imported = import_archive("big.obz", _obz(*boards))
    pages = imported.layout.pages
    assert len(pages) == 200
    assert set(pages) == {f"b{i}" for i in range(200)}
    last_kept = next(c for c in pages["b199"].cells if c is not None and c.label == "next")
    assert last_kept.action is Action.SPEAK  # it opened a board left out
    assert any(
        "the set has 205 boards; a layout holds at most 200: the 200 nearest the home board "
        "were imported, 5 left out" in note
        for note in imported.notes
    )
    assert any("1 button(s) open boards that were left out" in note for note in imported.notes)


def test_back_cells_added_to_many_pages_are_one_note() -> None:
    # a set of 30 boards without a back key printed 30 notes (200 for a big set)
    boards = [_board("home", [{"id": str(i), "label": f"to {i}", "load_board": {"id": f"p{i}"}}
                              for i in range(30)])]  # fmt: skip
    boards += [_board(f"p{i}", [{"id": "1", "label": f"word {i}"}]) for i in range(30)]
    notes = import_archive("set.obz", _obz(*boards)).notes
    back = [n for n in notes if "added a Back cell" in n]
    assert back == [
        "pages 'P0', 'P1', 'P2', 'P3', 'P4' and 25 more: added a Back cell each "
        "(the boards relied on their app's own back key)"
    ]


def test_a_board_of_more_than_144_buttons_continues_on_more_pages(tmp_path: Path) -> None:
    # 12 x 12 is the most commboard shows; a 20 x 15 board (300 buttons) was refused
    buttons = [{"id": str(i), "label": f"w{i}"} for i in range(300)]
    order = [[str(r * 15 + c) for c in range(15)] for r in range(20)]
    board = {"format": "open-board-0.1", "id": "big", "name": "Big", "locale": "en",
             "buttons": buttons, "grid": {"rows": 20, "columns": 15, "order": order}}  # fmt: skip
    layout = _imported(tmp_path, "big.obz", _obz(board))
    words, page, seen = [], layout.page("big"), set()
    while page.id not in seen:  # follow the More cells
        seen.add(page.id)
        assert page.rows <= 12 and page.columns <= 12
        words += [c.label for c in page.cells if c is not None and c.action is Action.SPEAK]
        more = [c for c in page.cells if c is not None and c.label == "More"]
        if not more:
            break
        assert more[0].action is Action.GO and more[0].target is not None
        page = layout.page(more[0].target)
    assert words == [f"w{i}" for i in range(300)]  # every button, in reading order
    assert len(seen) == 3


def test_picture_ids_are_read_across_the_whole_archive(tmp_path: Path) -> None:
    # the format makes picture ids unique in an .obz, and CoughDrop's lots_of_stuff.obz
    # has buttons naming a picture defined on another board, or only in the manifest
    home = _board("home", [{"id": "1", "label": "happy", "image_id": "9"},
                           {"id": "2", "label": "sad", "image_id": "11"}])  # fmt: skip
    other = _board("other", [{"id": "1", "label": "really happy", "image_id": "9"}],
                   images=[{"id": "9", "path": "images/happy.svg", "content_type": "image/svg+xml"}])  # fmt: skip
    entries = _obz(home, other)
    manifest = json.loads(entries["manifest.json"])
    manifest["paths"]["images"] = {"9": "images/happy.svg", "11": "images/sad.png"}
    entries["manifest.json"] = json.dumps(manifest).encode()
    entries["images/happy.svg"] = SVG
    entries["images/sad.png"] = PNG
    layout = _imported(tmp_path, "lots.obz", entries)
    happy, sad = _cell(layout, "home", "happy"), _cell(layout, "home", "sad")
    assert happy.image is not None and (tmp_path / "out" / happy.image).read_bytes() == SVG
    assert sad.image is not None and (tmp_path / "out" / sad.image).read_bytes() == PNG


def test_cells_coloured_like_the_scanning_highlight_are_said_at_import(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Cboard colours its tiles rgb(255, 241, 118), a yellow close to the board's
    # highlight: only 'commboard validate' said so, the import did not
    buttons = [{"id": str(i), "label": f"w{i}", "background_color": "rgb(255, 241, 118)"}
               for i in range(3)] + [{"id": "x", "label": "blue", "background_color": "rgb(187, 222, 251)"}]  # fmt: skip
    _imported(tmp_path, "cboard.obz", _obz(_board("root", buttons)))
    assert (
        "3 cell(s) are coloured too close to the scanning highlight (the first: page 'root', "
        "cell 'w0'): the patient could take them for the highlighted cell"
    ) in capsys.readouterr().out


def test_a_large_set_whose_big_board_is_split_keeps_the_pages_nearest_home() -> None:
    # 250 boards opened from a home board of 250 buttons: the home board's More page made
    # 201 pages with the 200 nearest boards, and the whole set was refused
    n = 250
    home = _board("home", [{"id": str(i), "label": f"to {i}", "load_board": {"id": f"k{i}"}}
                           for i in range(n)])  # fmt: skip
    kids = [_board(f"k{i}", [{"id": "1", "label": f"word {i}"}]) for i in range(n)]
    imported = import_archive("star.obz", _obz(home, *kids))
    pages = imported.layout.pages
    assert len(pages) == 200
    assert {f"k{i}" for i in range(198)} <= set(pages)  # home and its More page take two
    assert any(
        "the set has 251 boards, 252 pages once its large boards are split; a layout holds"
        " at most 200 pages: the 199 nearest the home board were imported, 52 left out" in note
        for note in imported.notes
    ), imported.notes


def test_a_large_board_laid_out_again_leaves_room_for_its_back_cell(tmp_path: Path) -> None:
    # a 13 x 12 board of 144 buttons, opened from home, was laid out on a full 12 x 12
    # page with no place for the Back cell: the whole set was refused ("no way back")
    buttons = [{"id": str(i), "label": f"w{i}"} for i in range(144)]
    order = [[str(r * 12 + c) if r * 12 + c < 144 else None for c in range(12)] for r in range(13)]
    child = {"format": "open-board-0.1", "id": "child", "name": "Child", "locale": "en",
             "buttons": buttons, "grid": {"rows": 13, "columns": 12, "order": order}}  # fmt: skip
    home = _board("home", [{"id": "1", "label": "words", "load_board": {"id": "child"}}])
    layout = _imported(tmp_path, "set.obz", _obz(home, child))
    child_pages = [p for p in layout.pages.values() if p.id != "home"]
    words = [c.label for p in child_pages for c in p.cells if c and c.action is Action.SPEAK]
    assert sorted(words) == sorted(f"w{i}" for i in range(144))  # none lost
    for page in child_pages:
        assert page.rows <= 12 and page.columns <= 12
        assert any(c is not None and c.action is Action.BACK for c in page.cells), page.id
