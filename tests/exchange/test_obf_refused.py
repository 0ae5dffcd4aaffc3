"""Broken and hostile files are refused with one clear message, and nothing is written."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import import_command
from commboard.cli import main
from commboard.testing.archives import (
    GOOD_BOARD,
    GOOD_MANIFEST,
    HOSTILE,
    good_obz,
    many_entries,
    zip_bytes,
)


def _snapshot(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def _refused(tmp_path: Path, name: str, data: bytes, capsys: pytest.CaptureFixture[str]) -> str:
    """Import ``data`` as ``name``; assert it failed and wrote nothing; return the message."""
    source = tmp_path / "in" / name
    source.parent.mkdir(exist_ok=True)
    source.write_bytes(data)
    before = _snapshot(tmp_path)
    capsys.readouterr()
    assert import_command(str(source), str(tmp_path / "out" / "new")) == 1
    assert _snapshot(tmp_path) == before  # not even the parent folder is left behind
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Cannot import: ")
    return lines[0]


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_archives_are_refused(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = _refused(tmp_path, "evil.obz", HOSTILE[name](), capsys)
    assert "evil.obz" in message


def test_the_good_archive_the_hostile_ones_are_built_on_imports(tmp_path: Path) -> None:
    (tmp_path / "good.obz").write_bytes(good_obz())
    assert import_command(str(tmp_path / "good.obz"), str(tmp_path / "out")) == 0


WHY = {
    "zip_slip": "'../../outside.obf' has a path with '..'",
    "absolute_path": "'/tmp/evil.obf' has an absolute path",
    "symlink": "'images/link.png' is a symbolic link",
    "declared_1gb_bomb": "'images/bomb.png' is 1,000,000,000 bytes uncompressed",
    "ratio_bomb": "'images/zeros.png' expands",
    "lying_size": "damaged zip archive",
    "duplicate_names": "'boards/1.obf' appears twice",
    "duplicate_after_normalising": "'boards/./1.obf' appears twice",
    "declared_100k_entries": "entries; at most 5,000",
}


@pytest.mark.parametrize("name", sorted(WHY))
def test_the_message_says_what_is_wrong(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert WHY[name] in _refused(tmp_path, "evil.obz", HOSTILE[name](), capsys)


def test_too_many_entries_are_refused_before_reading_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = _refused(tmp_path, "many.obz", many_entries(5_001), capsys)
    assert "has 5,003 entries; at most 5,000" in message


def _board(**changes: object) -> dict[str, object]:
    return {**GOOD_BOARD, **changes}


def _obz_with(board: dict[str, object]) -> bytes:
    return zip_bytes(
        {
            "manifest.json": json.dumps(GOOD_MANIFEST).encode(),
            "boards/1.obf": json.dumps(board).encode(),
        }
    )


def _without(mapping: dict[str, object], key: str) -> dict[str, object]:
    return {k: v for k, v in mapping.items() if k != key}


BROKEN: dict[str, tuple[Callable[[], bytes], str]] = {
    "wrong JSON": (
        lambda: zip_bytes({"manifest.json": json.dumps(GOOD_MANIFEST).encode(), "boards/1.obf": b'{"id": 1,'}),
        "b.obz/boards/1.obf: is not valid JSON (line 1, column 10",
    ),
    "board without an id": (
        lambda: _obz_with(_without(GOOD_BOARD, "id")),
        "b.obz/boards/1.obf: field 'id': missing",
    ),
    "button without an id": (
        lambda: _obz_with(_board(buttons=[{"id": 1, "label": "yes"}, {"label": "no"}])),
        "b.obz/boards/1.obf: field 'buttons[1].id': missing",
    ),
    "order naming no button": (
        lambda: _obz_with(_board(grid={"rows": 1, "columns": 2, "order": [[1, 7]]})),
        "b.obz/boards/1.obf: field 'grid.order[0][1]': no button has the id 7",
    ),
    "grid absurdly large": (
        lambda: _obz_with(_board(grid={"rows": 1_000_000, "columns": 2, "order": [[1, 2]]})),
        "b.obz/boards/1.obf: field 'grid.rows': is 1000000; at most 1000",
    ),
    "no manifest for two boards": (
        lambda: zip_bytes({"boards/1.obf": json.dumps(GOOD_BOARD).encode(), "boards/2.obf": json.dumps(GOOD_BOARD).encode()}),
        "b.obz: has 2 boards but no manifest.json",
    ),
    "root missing": (
        lambda: zip_bytes({"manifest.json": json.dumps({**GOOD_MANIFEST, "root": "boards/2.obf"}).encode()}),
        "b.obz/manifest.json: field 'root': names no board in this archive",
    ),
    "too many buttons": (
        lambda: _obz_with(_board(buttons=[{"id": i, "label": "x"} for i in range(1001)])),
        "field 'buttons': has 1001 buttons; at most 1000",
    ),
    "not a zip": (lambda: b"this is not a zip file at all", "b.obz: is not a zip archive"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_board_gives_one_message_with_file_and_field(
    case: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make, expected = BROKEN[case]
    assert expected in _refused(tmp_path, "b.obz", make(), capsys)


def test_a_lone_obf_with_wrong_json_names_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "x.obf: is not valid JSON" in _refused(tmp_path, "x.obf", b"[1, 2", capsys)


def test_a_lone_obf_with_a_number_thousands_of_digits_long_is_refused_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """json.loads raises a plain ValueError past Python's 4300-digit limit: the import said
    only 'could not be read (ValueError)', not what is wrong with the file."""
    data = b'{"format": "open-board-0.1", "id": ' + b"9" * 5000 + b"}"
    assert "x.obf: is not valid JSON" in _refused(tmp_path, "x.obf", data, capsys)


def test_an_existing_folder_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.obz").write_bytes(good_obz())
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "keep.txt").write_text("mine")
    assert import_command(str(tmp_path / "good.obz"), str(tmp_path / "mine")) == 1
    assert "already exists" in capsys.readouterr().out
    assert _snapshot(tmp_path / "mine") == ["keep.txt"]


def test_a_layout_that_fails_validation_after_mapping_leaves_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An alarm on a page the home page cannot reach: our validator refuses it.
    board2 = {**GOOD_BOARD, "id": 2, "name": "Two",
              "buttons": [{"id": 1, "label": "help", "ext_commboard_action": "alarm"},
                          {"id": 2, "label": "back", "ext_commboard_action": "back"}]}  # fmt: skip
    manifest = {**GOOD_MANIFEST, "paths": {"boards": {"1": "boards/1.obf", "2": "boards/2.obf"}}}
    data = zip_bytes(
        {
            "manifest.json": json.dumps(manifest).encode(),
            "boards/1.obf": json.dumps(GOOD_BOARD).encode(),
            "boards/2.obf": json.dumps(board2).encode(),
        }
    )
    message = _refused(tmp_path, "b.obz", data, capsys)
    assert "call for help" in message and "nothing was imported" in message


def test_deeply_nested_fields_of_another_app_are_left_out_not_a_crash(tmp_path: Path) -> None:
    deep: object = "x"
    for _ in range(200):
        deep = {"a": deep}
    board = _board(
        buttons=[{"id": 1, "label": "yes", "ext_other_deep": deep}, {"id": 2, "label": "no"}]
    )
    (tmp_path / "deep.obz").write_bytes(_obz_with(board))
    assert import_command(str(tmp_path / "deep.obz"), str(tmp_path / "out")) == 0
    assert "ext_other_deep" not in (tmp_path / "out" / "1.yaml").read_text()


def test_a_lone_surrogate_escape_in_a_label_imports_as_a_replacement_and_prints(
    tmp_path: Path,
) -> None:
    # "\ud800" is valid JSON but no character: the label was saved into the layout, and
    # 'commboard print' of that layout then ended in a UnicodeEncodeError traceback.
    board = _board(buttons=[{"id": 1, "label": "yes \ud800"}, {"id": 2, "label": "no"}])
    source = tmp_path / "odd.obf"
    source.write_text(json.dumps(board), encoding="utf-8")
    assert import_command(str(source), str(tmp_path / "lay")) == 0
    out = tmp_path / "sheet.html"
    assert main(["print", str(tmp_path / "lay"), "--out", str(out)]) == 0
    assert "yes \ufffd" in out.read_text(encoding="utf-8")
