"""Export then import gives the same layout: every shipped page, and cells with everything set."""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import export_command, import_command, read_pictures
from commboard.board.layout_file import builtin_layouts_root, default_layout_path, load_layout
from commboard.board.model import Action, Layout
from commboard.exchange.obf_export import export_layout
from commboard.exchange.obf_import import import_archive
from commboard.exchange.obf_values import CELL_MAPPED, extra_fields, read_extra_fields
from commboard.testing import TWO_PAGE_LAYOUT

SHIPPED = sorted(p for p in builtin_layouts_root().iterdir() if (p / "layout.yaml").is_file())
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 40  # only carried, never decoded here


def _same(a: Layout, b: Layout) -> None:
    """Equal as the board sees them: name, language, home, every page and cell."""
    assert replace(a, source=None) == replace(b, source=None)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_page_survives_export_and_import(folder: Path) -> None:
    layout = load_layout(folder)
    back = import_archive("x.obz", export_layout(layout, read_pictures(layout)).files)
    _same(back.layout, layout)
    assert back.notes == ()  # nothing of ours was lost on the way
    assert back.pictures == {}  # the shipped symbols stay references, nothing is copied


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_the_commands_round_trip_through_files(folder: Path, tmp_path: Path) -> None:
    obz = tmp_path / "board.obz"
    assert export_command(str(folder), str(obz)) == 0
    assert import_command(str(obz), str(tmp_path / "back")) == 0
    _same(load_layout(tmp_path / "back"), load_layout(folder))


RICH = """\
format: 1
name: Anna's board
language: de
home: start
pages:
  - id: start
    title: Start
    rows: 2
    columns: 3
    obf: {license: {type: CC-BY-SA}, ext_cboard_theme: dark}
    cells:
      - {label: "Ja", color: "#123456", hold: 0.8, image: images/yes.png}
      - {label: Hilfe, action: alarm, text: "Bitte die Pflege rufen", hold: 2.5}
      - ~
      - {label: Schreiben, action: go, target: abc}
      - {label: Stopp, action: stop_speech, obf: {border_color: "rgb(1, 2, 3)", hidden: false}}
  - id: abc
    title: ABC
    rows: 2
    columns: 4
    cells:
      - {label: Zurück, action: back}
      - {label: Leer, action: add, text: " "}
      - {label: ä, action: add, text: ä}
      - {label: "?", action: add, text: "?"}
      - {label: Ich will, action: add}
      - {label: Löschen, action: backspace}
      - {label: Alles weg, action: clear}
      - {label: Sprechen, action: speak_message, image: images/speak.svg}
"""


def test_holds_alarm_pictures_and_kept_fields_survive(tmp_path: Path) -> None:
    folder = tmp_path / "anna"
    (folder / "images").mkdir(parents=True)
    (folder / "layout.yaml").write_text(RICH, encoding="utf-8")
    (folder / "images" / "yes.png").write_bytes(PNG)
    (folder / "images" / "speak.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    obz = tmp_path / "anna.obz"
    assert export_command(str(folder), str(obz)) == 0
    with zipfile.ZipFile(obz) as zf:
        start = json.loads(zf.read("boards/start.obf"))
        assert zf.read("images/yes.png") == PNG
    assert start["license"] == {"type": "CC-BY-SA"}  # another app's fields written back
    alarm = start["buttons"][1]
    assert alarm["ext_commboard_action"] == "alarm" and alarm["ext_commboard_hold_s"] == 2.5
    assert alarm["vocalization"] == "Bitte die Pflege rufen"  # other apps say it
    assert start["grid"]["order"] == [["1", "2", None], ["4", "5", None]]
    assert import_command(str(obz), str(tmp_path / "back")) == 0
    back = load_layout(tmp_path / "back")
    _same(back, load_layout(folder))
    assert (tmp_path / "back" / back.page("start").cells[0].image).read_bytes() == PNG  # type: ignore[operator]
    assert back.page("start").cells[1].action is Action.ALARM


class Record(StrEnum):
    """A stand-in for a cell field added after this code (e.g. issue 10's ``record``)."""

    NONE = "none"
    DECISION = "decision"


@dataclass(frozen=True, slots=True)
class LaterCell:
    """A cell with one field the exchange code does not name."""

    label: str
    action: Action
    record: Record = Record.NONE
    hold_s: float | None = None


def test_a_field_added_to_the_model_later_travels_as_an_ext_commboard_field() -> None:
    cell = LaterCell("I don't agree", Action.SPEAK, Record.DECISION, 1.0)
    assert extra_fields(cell, CELL_MAPPED) == {"record": "decision"}
    assert extra_fields(LaterCell("Yes", Action.SPEAK), CELL_MAPPED) == {}  # defaults stay out
    values, problems = read_extra_fields(
        LaterCell, CELL_MAPPED, {"ext_commboard_record": "decision", "label": "x"}
    )
    assert values == {"record": Record.DECISION} and problems == []
    values, problems = read_extra_fields(LaterCell, CELL_MAPPED, {"ext_commboard_record": "maybe"})
    assert values == {} and problems == ["ext_commboard_record 'maybe' could not be read; left out"]


def test_export_and_print_into_a_folder_that_is_not_there_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --to folder gave a Python traceback (FileNotFoundError), not a sentence."""
    from commboard.adapters.board_exchange import print_command
    from commboard.board.layout_file import default_layout_path

    layout = str(default_layout_path())
    missing = tmp_path / "no-such-folder"
    assert export_command(layout, str(missing / "bedside.obz")) == 1
    assert print_command(layout, str(missing / "bedside.html")) == 1
    out = capsys.readouterr().out
    assert out.count(f"the folder {missing} does not exist") == 2, out
    assert not missing.exists()  # nothing made up on the way


def test_export_and_print_never_write_over_the_layouts_own_files_even_when_forced(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A --to/--out naming the layout's own page or picture (a slip of the tab key) with
    --force replaced the carer's layout by an archive or a web page."""
    from commboard.adapters.board_exchange import print_command

    folder = tmp_path / "mine"
    shutil.copytree(default_layout_path(), folder)
    page = folder / "home.yaml"
    before = page.read_bytes()
    link = tmp_path / "home-link.yaml"
    link.symlink_to(page)
    assert export_command(str(folder), str(page), force=True) == 1
    assert print_command(str(folder), str(link), force=True) == 1
    assert page.read_bytes() == before and link.is_symlink()
    out = capsys.readouterr().out
    assert out.count("is a file of the layout itself; choose another file name") == 2, out
    assert export_command(str(folder), str(folder / "copy.obz"), force=True) == 0  # its own name


def test_export_and_print_never_add_a_page_file_to_a_layout_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """'commboard export LAYOUT --to LAYOUT/extra.yaml' (a new file, so no --force asked)
    wrote an archive where the layout reads every .yaml as a page: the layout no longer
    loaded ('not UTF-8 text'), and the patient's board with it.  Print did the same with
    a web page named .yml."""
    from commboard.adapters.board_exchange import print_command

    folder = tmp_path / "mine"
    shutil.copytree(default_layout_path(), folder)
    assert export_command(str(folder), str(folder / "extra.yaml")) == 1
    assert print_command(str(folder), str(tmp_path / "mine" / ".." / "mine" / "sheet.yml")) == 1
    out = capsys.readouterr().out
    assert out.count("the layout reads every .yaml and .yml") == 2, out
    assert not (folder / "extra.yaml").exists() and not (folder / "sheet.yml").exists()
    assert load_layout(folder).home == "home"  # still the carer's layout
    assert export_command(str(folder), str(folder / "copy.obz")) == 0  # other names are fine


def test_a_one_file_layouts_neighbours_are_not_called_its_own_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A one-file layout reads only itself, but export --force over another YAML beside it
    was refused as 'a file of the layout itself'."""
    layout = tmp_path / "board.yaml"
    layout.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    other = tmp_path / "old-export.yaml"
    other.write_text("not a layout\n", encoding="utf-8")
    assert export_command(str(layout), str(other), force=True) == 0
    assert "layout itself" not in capsys.readouterr().out
    assert export_command(str(layout), str(layout), force=True) == 1  # itself: still refused
    assert layout.read_text(encoding="utf-8") == TWO_PAGE_LAYOUT
