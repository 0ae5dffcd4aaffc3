"""Which layouts the carer menu offers, and what it calls them (``board.layout_places``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.board.layout_places import (
    HEAD_BYTES,
    MAX_CHOICES,
    builtin_layouts_dir,
    layout_choices,
    layout_folders,
    layout_title,
    user_layouts_dir,
)
from commboard.testing import TWO_PAGE_LAYOUT


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_carers_own_folder_is_in_the_user_data_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))
    assert user_layouts_dir() == tmp_path / "share" / "commboard" / "layouts"
    assert layout_folders() == (builtin_layouts_dir(), user_layouts_dir())
    assert (builtin_layouts_dir() / "en" / "layout.yaml").is_file()


def test_folders_and_single_files_are_listed_with_their_names(tmp_path: Path) -> None:
    write(tmp_path / "mine" / "layout.yaml", "format: 1\nname: 'Anna: home'\nhome: home\n")
    write(tmp_path / "night.yaml", TWO_PAGE_LAYOUT)
    write(tmp_path / "notes.txt", "not a layout")
    (tmp_path / "empty").mkdir()
    titles = [c.title for c in layout_choices([tmp_path])]
    assert titles == ["Anna: home (mine)", "Two pages (night.yaml)"]


def test_a_broken_or_nameless_layout_is_listed_by_its_file_name(tmp_path: Path) -> None:
    write(tmp_path / "broken.yaml", "name: [unclosed\n")
    write(tmp_path / "plain.yaml", "format: 1\nhome: home\n")
    (tmp_path / "binary.yaml").write_bytes(b"\xff\xfe\x00name")
    assert [c.title for c in layout_choices([tmp_path])] == [
        "binary.yaml",
        "broken.yaml",
        "plain.yaml",
    ]


def test_only_the_head_of_a_huge_file_is_read_for_its_name(tmp_path: Path) -> None:
    big = write(tmp_path / "big.yaml", "# padding\n" * (HEAD_BYTES // 10 + 1) + "name: Late\n")
    assert layout_title(big) == "big.yaml"


def test_in_use_and_remembered_come_first_each_layout_once(tmp_path: Path) -> None:
    folder = tmp_path / "layouts"
    night = write(folder / "night.yaml", TWO_PAGE_LAYOUT)
    usb = write(tmp_path / "usb" / "anna.yaml", TWO_PAGE_LAYOUT.replace("Two pages", "Anna"))
    choices = layout_choices([folder], in_use=night, remembered=usb)
    assert [(c.path, c.title) for c in choices] == [
        (night, "Two pages (night.yaml) - in use"),
        (usb, "Anna (anna.yaml) - remembered"),
    ]


def test_a_remembered_layout_that_is_gone_is_not_offered(tmp_path: Path) -> None:
    assert layout_choices([], remembered=tmp_path / "gone.yaml") == []


def test_at_most_nine_are_offered(tmp_path: Path) -> None:
    for i in range(12):
        write(tmp_path / f"l{i:02}.yaml", TWO_PAGE_LAYOUT)
    choices = layout_choices([tmp_path, tmp_path / "missing"])
    assert len(choices) == MAX_CHOICES == 9
