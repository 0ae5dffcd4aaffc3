"""Boards written the way other apps write them become layouts the board can use."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import export_command, import_command
from commboard.board.layout_file import load_layout, validate_command
from commboard.board.model import Action
from commboard.exchange.obf_export import export_layout
from commboard.exchange.obf_import import import_archive, import_board_file
from commboard.testing.archives import zip_bytes

PNG = b"\x89PNG\r\n\x1a\n" + b"\1" * 30
DATA_URI = "data:image/png;base64," + base64.b64encode(PNG).decode()


def _ten_by_ten() -> dict[str, object]:
    """A CoughDrop-style 10x10 core board: integer ids, null holes, actions arrays, ext_ fields."""
    buttons: list[dict[str, object]] = [
        {
            "id": 1,
            "label": "I",
            "background_color": "rgba(255, 255, 170, 1)",
            "border_color": "rgb(200, 200, 100)",
            "ext_coughdrop_part_of_speech": "pronoun",
        },
        {"id": 2, "label": "want", "vocalization": "I want", "image_id": "img-d"},
        {"id": 3, "label": "dog", "image_id": "img-p", "sound_id": "s1"},
        {"id": 4, "label": "cat", "image_id": "img-u"},
        {"id": 5, "label": "food", "load_board": {"id": "2_food", "path": "boards/2_food.obf"}},
        {"id": 6, "label": "space", "actions": [":space"]},
        {"id": 7, "label": "ing", "action": "+ing"},
        {"id": 8, "label": "del", "action": ":backspace"},
        {"id": 9, "label": "clear", "actions": [":clear", ":beep"]},
        {"id": 10, "label": "say it", "action": ":speak"},
        {"id": 11, "label": "keyboard", "action": ":native-keyboard"},
        {"id": 12, "label": "quiet", "action": ":hush"},
        {"id": 13, "label": "hidden one"},
    ]
    order: list[list[object]] = [[None] * 10 for _ in range(10)]
    for n in range(12):
        order[n // 5 * 3][n % 5 * 2] = n + 1  # holes between and around the buttons
    return {
        "format": "open-board-0.1", "id": "1_core", "locale": "en_US", "name": "Core 100",
        "license": {"type": "CC BY-SA", "author_name": "Someone"},
        "ext_coughdrop_settings": {"word_suggestions": True},
        "buttons": buttons,
        "grid": {"rows": 10, "columns": 10, "order": order},
        "images": [
            {"id": "img-d", "data": DATA_URI, "width": 300, "height": 300},
            {"id": "img-p", "path": "images/dog.png", "content_type": "image/png",
             "license": {"type": "CC BY-SA", "source_url": "https://example.org/dog"}},
            {"id": "img-u", "url": "https://example.org/cat.png", "content_type": "image/png"},
        ],
        "sounds": [{"id": "s1", "url": "https://example.org/woof.mp3"}],
    }  # fmt: skip


FOOD = {
    "format": "open-board-0.1", "id": "2_food", "name": "Food",
    "buttons": [{"id": "a", "label": "apple"}, {"id": "b", "label": "home", "action": ":home"}],
    "grid": {"rows": 1, "columns": 2, "order": [["a", "b"]]},
}  # fmt: skip


def _archive() -> dict[str, bytes]:
    manifest = {
        "format": "open-board-0.1",
        "root": "boards/1_core.obf",
        "paths": {"boards": {"1_core": "boards/1_core.obf", "2_food": "boards/2_food.obf"}},
    }
    return {
        "manifest.json": json.dumps(manifest).encode(),
        "boards/1_core.obf": json.dumps(_ten_by_ten()).encode(),
        "boards/2_food.obf": json.dumps(FOOD).encode(),
        "images/dog.png": PNG,
    }


def test_a_core_board_from_another_app_maps_cell_by_cell() -> None:
    imported = import_archive("core.obz", _archive())
    layout = imported.layout
    assert (layout.home, layout.name, layout.language) == ("1_core", "Core 100", "en_US")
    page = layout.page("1_core")
    assert (page.rows, page.columns) == (10, 10)
    cell = page.cell_at
    assert cell(0, 0) is not None and cell(0, 0).color == "#ffffaa"  # type: ignore[union-attr]
    assert cell(0, 3) is None  # a null hole stays empty (0, 1 holds the added nurse call)
    want, dog, cat = cell(0, 2), cell(0, 4), cell(0, 6)
    assert want and want.text == "I want" and want.action is Action.SPEAK
    assert want.image is not None and imported.pictures[want.image] == PNG  # data URI carried
    assert dog and dog.image == "images/dog.png"  # path inside the archive carried
    assert cat and cat.image is None  # a url is never fetched
    food = cell(0, 8)
    assert food and food.action is Action.GO and food.target == "2_food"
    actions = [cell(3, c) for c in (0, 2, 4, 6, 8)] + [cell(6, c) for c in (0, 2)]
    assert [(c.action, c.text) for c in actions if c] == [
        (Action.ADD, " "),
        (Action.ADD, "ing"),
        (Action.BACKSPACE, None),
        (Action.CLEAR, None),
        (Action.SPEAK_MESSAGE, None),
        (Action.SPEAK, None),  # :native-keyboard: unknown, says its label
        (Action.STOP, None),
    ]


def test_the_import_says_what_it_could_not_carry() -> None:
    notes = " ".join(import_archive("core.obz", _archive()).notes)
    assert "1 button(s) had a sound; sounds are not carried over" in notes
    assert "1 picture(s) are only on the internet; they were not loaded" in notes
    assert "':native-keyboard', which commboard does not know" in notes
    assert "button 'clear': only its first action was kept, not ':beep'" in notes
    assert "1 button(s) were not in the board's grid" in notes
    assert "page 'Food': added a Back cell" not in notes  # it has a Home cell


def test_fields_we_do_not_use_are_written_back_on_export() -> None:
    layout = import_archive("core.obz", _archive()).layout
    pictures = import_archive("core.obz", _archive()).pictures
    board = json.loads(export_layout(layout, pictures).files["boards/1_core.obf"])
    assert board["license"] == {"type": "CC BY-SA", "author_name": "Someone"}
    assert board["ext_coughdrop_settings"] == {"word_suggestions": True}
    first = board["buttons"][0]
    assert first["border_color"] == "rgb(200, 200, 100)"
    assert first["ext_coughdrop_part_of_speech"] == "pronoun"
    images = {i["id"]: i for i in board["images"]}
    cat = next(b for b in board["buttons"] if b["label"] == "cat")
    assert images[cat["image_id"]]["url"] == "https://example.org/cat.png"  # the link kept
    dog = next(b for b in board["buttons"] if b["label"] == "dog")
    assert images[dog["image_id"]]["license"]["source_url"] == "https://example.org/dog"


def test_a_board_without_a_way_back_gets_a_back_cell(tmp_path: Path) -> None:
    entries = _archive()
    food = dict(FOOD, buttons=[{"id": "a", "label": "apple"}], grid={"rows": 1, "columns": 1})
    entries["boards/2_food.obf"] = json.dumps(food).encode()
    imported = import_archive("core.obz", entries)
    page = imported.layout.page("2_food")
    assert (page.rows, page.columns) == (2, 1)  # full grid: a row was added for it
    assert page.cells[1] is not None and page.cells[1].action is Action.BACK
    assert any("page 'Food': added a Back cell" in n for n in imported.notes)


def _full_food(rows: int, columns: int) -> dict[str, object]:
    """A Food board whose grid is full: every place holds a word, none is a way back."""
    buttons = [{"id": f"f{i}", "label": f"food{i}"} for i in range(rows * columns)]
    order = [[f"f{r * columns + c}" for c in range(columns)] for r in range(rows)]
    return dict(FOOD, buttons=buttons, grid={"rows": rows, "columns": columns, "order": order})


def _words_from(layout, page_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """Every word on ``page_id`` and on the More pages it leads to, in order."""
    words: list[str] = []
    while page_id:
        page, page_id = layout.page(page_id), ""
        for cell in page.cells:
            if cell is not None and cell.label.startswith("food"):
                words.append(cell.label)
            elif cell is not None and cell.label == "More":
                page_id = cell.target
    return words


def test_a_full_twelve_by_twelve_board_continues_on_a_more_page_with_a_way_back(
    tmp_path: Path,
) -> None:
    """A 12 x 12 board with a word in every place left no room for the Back cell a board
    without a way home is given, so the whole set was refused ("no way back")."""
    entries = _archive()
    entries["boards/2_food.obf"] = json.dumps(_full_food(12, 12)).encode()
    obz = tmp_path / "core.obz"
    obz.write_bytes(zip_bytes(entries))
    assert import_command(str(obz), str(tmp_path / "mine")) == 0
    layout = load_layout(tmp_path / "mine")
    food = layout.page("2_food")
    assert (food.rows, food.columns) == (12, 12)
    assert any(c is not None and c.action is Action.BACK for c in food.cells)
    assert _words_from(layout, "2_food") == [f"food{i}" for i in range(144)]  # none lost, in order
    assert [c.label for c in food.cells[:12] if c is not None] == [f"food{i}" for i in range(12)]


def test_a_full_board_of_twelve_rows_gains_a_column_for_its_back_cell() -> None:
    entries = _archive()
    entries["boards/2_food.obf"] = json.dumps(_full_food(12, 10)).encode()
    food = import_archive("core.obz", entries).layout.page("2_food")
    assert (food.rows, food.columns) == (12, 11)
    back = food.cells[10]  # the new column's first place
    assert back is not None and back.action is Action.BACK
    for r in range(12):  # every row keeps its words, in order
        row = food.cells[r * 11 : r * 11 + 10]
        assert [c.label for c in row if c is not None] == [f"food{r * 10 + c}" for c in range(10)]


def test_a_single_obf_file_imports_and_its_links_are_noted(tmp_path: Path) -> None:
    board = tmp_path / "core.obf"
    board.write_text(json.dumps(_ten_by_ten()), encoding="utf-8")
    assert import_command(str(board), str(tmp_path / "core")) == 0
    layout = load_layout(tmp_path / "core")
    food = layout.page("1_core").cell_at(0, 8)
    assert food is not None and food.action is Action.SPEAK
    notes = import_board_file("core.obf", board.read_bytes()).notes
    assert any("open boards that are not in this file" in n for n in notes)


def test_the_imported_folder_is_what_a_carer_can_read_and_export_again(tmp_path: Path) -> None:
    obz = tmp_path / "core.obz"
    obz.write_bytes(zip_bytes(_archive()))
    assert import_command(str(obz), str(tmp_path / "mine")) == 0
    text = (tmp_path / "mine" / "1_core.yaml").read_text(encoding="utf-8")
    assert "# row 1" in text and "  - ~" in text
    assert "{label: want, text: I want, image: images/img-d-" in text
    assert (tmp_path / "mine" / "images" / "dog.png").read_bytes() == PNG
    assert export_command(str(tmp_path / "mine"), str(tmp_path / "again.obz")) == 0
    assert import_command(str(tmp_path / "again.obz"), str(tmp_path / "again")) == 0
    first, second = load_layout(tmp_path / "mine"), load_layout(tmp_path / "again")
    assert first.pages == second.pages


def test_validate_warns_about_a_picture_that_is_not_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    obz = tmp_path / "core.obz"
    obz.write_bytes(zip_bytes(_archive()))
    assert import_command(str(obz), str(tmp_path / "mine")) == 0
    (tmp_path / "mine" / "images" / "dog.png").unlink()
    capsys.readouterr()
    assert validate_command([str(tmp_path / "mine")]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert "cell 'dog': picture images/dog.png is not in the layout folder" in out


def test_a_url_encoded_svg_picture_and_a_stray_go_marker() -> None:
    board = {
        "format": "open-board-0.1", "id": "b", "name": "B",
        "buttons": [
            {"id": 1, "label": "star", "image_id": "s", "ext_commboard_action": "go"},
        ],
        "grid": {"rows": 1, "columns": 1, "order": [[1]]},
        "images": [{"id": "s", "data": "data:image/svg+xml,%3Csvg%20xmlns%3D%22x%22%2F%3E"}],
    }  # fmt: skip
    imported = import_board_file("b.obf", json.dumps(board).encode())
    cell = imported.layout.page("b").cells[0]
    assert cell is not None and cell.action is Action.SPEAK  # "go" with nowhere to go: says it
    assert cell.image is not None and imported.pictures[cell.image] == b'<svg xmlns="x"/>'


def test_a_board_from_another_app_gets_a_call_for_help_on_its_home_page(tmp_path: Path) -> None:
    """OBF has no call for help, so no board from another app has one.

    The board promises a nurse call that works without speech and is reached
    from every page; imported as it was, a patient on such a board could only
    say "please call the nurse" with a voice that may have failed, and had no
    alarm at all.  The import adds one on the home page (every page leads home).
    """
    imported = import_archive("core.obz", _archive())
    home = imported.layout.page("1_core")
    alarms = [c for c in home.cells if c is not None and c.action is Action.ALARM]
    assert [(c.label, c.text) for c in alarms] == [("Call nurse", "Please call the nurse")]
    assert home.cell_at(0, 1) is alarms[0]  # the first free slot: row 1, scanned early
    assert any("page 'Core 100': added a Call nurse cell" in n for n in imported.notes)
    board = tmp_path / "simple.obf"
    simple = {"format": "open-board-0.1", "id": "b", "name": "Simple",
              "buttons": [{"id": "1", "label": "Yes"}, {"id": "2", "label": "No"}],
              "grid": {"rows": 1, "columns": 2, "order": [["1", "2"]]}}  # fmt: skip
    board.write_text(json.dumps(simple), encoding="utf-8")
    assert import_command(str(board), str(tmp_path / "simple")) == 0
    page = load_layout(tmp_path / "simple").page("b")
    assert (page.rows, page.columns) == (2, 2)  # full grid: a row was added for it
    assert page.cells[2] is not None and page.cells[2].action is Action.ALARM


def test_a_board_that_has_a_call_for_help_gets_no_second_one() -> None:
    layout = import_archive("core.obz", _archive()).layout
    again = import_archive("again.obz", export_layout(layout, {}).files)
    cells = [c for p in again.layout.pages.values() for c in p.cells if c is not None]
    assert sum(c.action is Action.ALARM for c in cells) == 1
    assert not any("Call nurse" in n for n in again.notes)
