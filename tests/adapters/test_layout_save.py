"""Saving an edited page: only the changed lines differ, a backup is kept, the write is atomic,
a shipped layout is never touched, and an invalid save writes nothing."""

from __future__ import annotations

import difflib
import hashlib
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from commboard.adapters.layout_page_remove import remove_page
from commboard.adapters.layout_roundtrip import RoundTripDocuments
from commboard.adapters.layout_save import save_page
from commboard.adapters.layout_save_outcome import SaveRefused
from commboard.board.layout_file import (
    builtin_layouts_root,
    default_layout_path,
    load_layout,
    validate_command,
)
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.new_pages import blank_page, copied_page
from commboard.control.page_editor import PageEdit
from commboard.testing import TWO_PAGE_LAYOUT


def _copy(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    shutil.copytree(default_layout_path(), folder)
    return folder


def _diff(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_only_the_lines_the_carer_changed_differ(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = (folder / "people.yaml").read_text(encoding="utf-8")
    layout = load_layout(folder)
    people = layout.page("people")
    index = next(i for i, c in enumerate(people.cells) if c and c.label == "My wife")
    edit = PageEdit.open(people).edit_cell(index, label="Sarah", text="Tell Sarah I love her")
    saved = save_page(layout, edit.page)
    after = (folder / "people.yaml").read_text(encoding="utf-8")
    old_line = next(line for line in before.splitlines() if '"My wife"' in line)
    assert _diff(before, after) == [
        f"-{old_line}",
        '+  - {label: "Sarah", text: "Tell Sarah I love her", color: teal, image: symbols/woman.svg}',
    ]
    assert saved.backup.read_text(encoding="utf-8") == before  # the previous version kept
    assert saved.layout.page("people").cells[index] == Cell(
        "Sarah", Action.SPEAK, "Tell Sarah I love her", color="#80cbc4", image="symbols/woman.svg"
    )
    assert saved.copied_from is None
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(".")) == []  # no temp left


def test_comments_and_untouched_pages_survive_removing_swapping_and_resizing(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    before = (folder / "home.yaml").read_text(encoding="utf-8")
    layout = load_layout(folder)
    edit = PageEdit.open(layout.page("home")).swap_cells(12, 13).remove_cell(15).resize(5, 4)
    save_page(layout, edit.page)
    after = (folder / "home.yaml").read_text(encoding="utf-8")
    assert [line for line in before.splitlines() if line.lstrip().startswith("#")] == [
        line for line in after.splitlines() if line.lstrip().startswith("#")
    ]
    changed = _diff(before, after)
    assert changed == [  # the swapped pair: one line moves, unchanged, past the other
        "-rows: 4",
        "+rows: 5",
        '+  - {label: "Thank you", image: symbols/thank-you.svg}',
        '-  - {label: "Thank you", image: symbols/thank-you.svg}',
        '-  - {label: "Stop voice", action: stop_speech, color: grey, image: symbols/stop-voice.svg}',
        "+  - ~",
    ]
    assert load_layout(folder).page("home") == edit.page
    for name in ("pain.yaml", "layout.yaml"):  # other files are not rewritten
        assert (folder / name).read_bytes() == (default_layout_path() / name).read_bytes()


def _digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_the_shipped_layout_is_copied_to_the_user_folder_not_edited(tmp_path: Path) -> None:
    shipped = _digest(builtin_layouts_root())
    layout = load_layout(default_layout_path())
    edit = PageEdit.open(layout.page("home")).edit_cell(13, label="Thanks")
    saved = save_page(layout, edit.page, user_folder=tmp_path / "layouts")
    assert _digest(builtin_layouts_root()) == shipped
    assert saved.copied_from == default_layout_path()
    assert saved.file == tmp_path / "layouts" / "en-mine" / "home.yaml"
    thanks = Cell("Thanks", Action.SPEAK, image="symbols/thank-you.svg")  # the symbol stays
    assert saved.layout.page("home").cells[13] == thanks
    assert saved.layout.source == tmp_path / "layouts" / "en-mine"


def test_an_invalid_save_writes_nothing_and_names_the_cell(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = _digest(folder)
    layout = load_layout(folder)
    edit = PageEdit.open(layout.page("home")).edit_cell(5, target="nowhere")
    with pytest.raises(SaveRefused) as refused:
        save_page(layout, edit.page)
    assert refused.value.problems[0].index == 5
    assert "row 2, column 2 'Comfort': 'go' to page 'nowhere'" in str(refused.value)
    assert _digest(folder) == before


def test_a_one_file_layout_is_saved_in_place(tmp_path: Path) -> None:
    file = tmp_path / "yesno.yaml"
    text = (
        "format: 1\nname: Yes and no\nhome: home\npages:\n"
        "  - id: home   # the only page\n    rows: 1\n    columns: 3\n    cells:\n"
        '      - {label: "Yes", color: green}\n      - {label: "No", color: red}\n'
    )
    file.write_text(text, encoding="utf-8")
    layout = load_layout(file)
    saved = save_page(layout, PageEdit.open(layout.page("home")).add_cell(2).page)
    assert file.read_text(encoding="utf-8") == text + '      - {label: "New cell"}\n'
    assert saved.layout.page("home").cells[2] == Cell("New cell", Action.SPEAK)


def test_a_new_page_gets_its_own_file_and_the_link_is_saved(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    layout = load_layout(folder)
    new = blank_page(layout, "My dog")
    home = PageEdit.open(layout.page("home")).edit_cell(
        15, label="Dog", action=Action.GO, target=new.id
    )
    saved = save_page(layout, home.page, added=(new,))
    assert (folder / "my-dog.yaml").is_file()
    assert load_layout(folder).pages == saved.layout.pages
    assert load_layout(folder).page("my-dog") == new


def test_a_new_page_in_a_one_file_layout_is_appended_to_its_pages(tmp_path: Path) -> None:
    file = tmp_path / "two.yaml"
    file.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = load_layout(file)
    new = copied_page(layout, layout.page("more"), "More again")
    saved = save_page(layout, layout.page("home"), added=(new,))
    text = file.read_text(encoding="utf-8")
    assert text.startswith(TWO_PAGE_LAYOUT)  # the carer's lines untouched, the page after them
    assert load_layout(file).pages == saved.layout.pages
    assert load_layout(file).page("more-again").cells == layout.page("more").cells


def test_removing_a_page_deletes_the_cells_that_open_it_and_keeps_backups(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    home_before = (folder / "home.yaml").read_text(encoding="utf-8")
    layout = load_layout(folder)
    saved = remove_page(layout, "pain")
    assert not (folder / "pain.yaml").exists()
    assert (folder / "pain.yaml.bak").read_bytes() == (
        default_layout_path() / "pain.yaml"
    ).read_bytes()
    assert (folder / "home.yaml.bak").read_text(encoding="utf-8") == home_before
    pain_line = next(line for line in home_before.splitlines() if "target: pain" in line)
    assert _diff(home_before, (folder / "home.yaml").read_text(encoding="utf-8")) == [
        f"-{pain_line}",
        "+  - ~",
    ]
    reloaded = load_layout(folder)
    assert "pain" not in reloaded.pages and reloaded.pages == saved.layout.pages
    assert validate_command([str(folder)]) == 0


def test_a_page_of_a_one_file_layout_goes_with_its_link_in_one_write(tmp_path: Path) -> None:
    file = tmp_path / "board.yaml"
    three = TWO_PAGE_LAYOUT.replace(
        '      - {label: Water, text: "I would like some water"}\n',
        '      - {label: Water, text: "I would like some water"}\n'
        "      - {label: Tea, action: go, target: tea}\n",
    ).replace("columns: 3", "columns: 4")
    three += "  - id: tea\n    title: Tea\n    rows: 1\n    columns: 1\n    cells:\n"
    three += "      - {label: Back, action: back}\n"
    file.write_text(three, encoding="utf-8")
    layout = load_layout(file)
    with pytest.raises(SaveRefused, match="only call for help"):
        remove_page(layout, "more")
    saved = remove_page(layout, "tea")
    assert file.with_name("board.yaml.bak").read_text(encoding="utf-8") == three
    text = file.read_text(encoding="utf-8")
    assert "id: tea" not in text and "target: tea" not in text
    assert load_layout(file).pages == saved.layout.pages


def test_a_page_added_to_the_shipped_layout_goes_to_the_copy(tmp_path: Path) -> None:
    shipped = _digest(builtin_layouts_root())
    layout = load_layout(default_layout_path())
    new = blank_page(layout, "Pets")
    home = PageEdit.open(layout.page("home")).edit_cell(15, action=Action.GO, target=new.id)
    saved = save_page(layout, home.page, added=(new,), user_folder=tmp_path / "layouts")
    assert _digest(builtin_layouts_root()) == shipped
    copy = tmp_path / "layouts" / "en-mine"
    assert (copy / "pets.yaml").is_file() and not (default_layout_path() / "pets.yaml").exists()
    assert load_layout(copy).pages == saved.layout.pages


def test_a_file_edited_by_hand_after_the_editor_opened_is_read_again(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    layout = load_layout(folder)
    documents = RoundTripDocuments()
    documents.prepare(layout, "people")  # the editor opens: the page's file is parsed
    file = folder / "people.yaml"
    by_hand = file.read_text(encoding="utf-8") + "# added by hand while the editor was open\n"
    file.write_text(by_hand, encoding="utf-8")
    edit = PageEdit.open(layout.page("people")).edit_cell(2, label="Sarah")
    save_page(layout, edit.page, documents=documents)
    after = file.read_text(encoding="utf-8")
    assert after.endswith("# added by hand while the editor was open\n")
    assert [line[0] for line in _diff(by_hand, after)] == ["-", "+"]  # one cell's line, no more
    assert load_layout(folder).page("people").cells[2].label == "Sarah"  # type: ignore[union-attr]


def test_saving_twice_from_one_editor_uses_what_the_first_save_wrote(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    layout = load_layout(folder)
    documents = RoundTripDocuments()
    documents.prepare(layout, "people")
    first = save_page(
        layout,
        PageEdit.open(layout.page("people")).edit_cell(2, label="A").page,
        documents=documents,
    )
    second = PageEdit.open(first.layout.page("people")).edit_cell(3, label="B").page
    saved = save_page(first.layout, second, documents=documents)
    assert saved.layout == load_layout(folder)  # what the board takes is what the files say
    labels = [c.label if c else None for c in load_layout(folder).page("people").cells]
    assert labels[2:4] == ["A", "B"]


def _rename(layout: Layout, old: str, new: str) -> Page:
    return PageEdit.open(layout.page(old)).change_id(layout, new).page


def test_a_renamed_page_is_saved_under_its_new_id_and_every_link_follows(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")}
    layout = load_layout(folder)
    saved = save_page(layout, _rename(layout, "alphabet", "spelling"), renamed_from="alphabet")
    after = {p.name: p.read_text(encoding="utf-8") for p in folder.glob("*.yaml")}
    # the page's file is named after it; the old one is the backup
    assert "alphabet.yaml" not in after and saved.file == folder / "spelling.yaml"
    assert (folder / "alphabet.yaml.bak").read_text(encoding="utf-8") == before["alphabet.yaml"]
    assert _diff(before["alphabet.yaml"], after["spelling.yaml"]) == [
        "-id: alphabet",
        "+id: spelling",
    ]
    for name in ("home.yaml", "mycare.yaml"):  # the pages that open it: one line each
        changed = _diff(before[name], after[name])
        assert len(changed) == 2 and "target: alphabet" in changed[0]
        assert changed[1] == changed[0].replace("target: alphabet", "target: spelling").replace(
            "-", "+", 1
        )
        assert (folder / f"{name}.bak").read_text(encoding="utf-8") == before[name]
    untouched = set(before) - {"alphabet.yaml", "home.yaml", "mycare.yaml"}
    assert all(after[name] == before[name] for name in untouched)
    assert validate_command([str(folder)]) == 0  # `commboard validate` passes
    assert load_layout(folder) == saved.layout  # reloading gives the board the save gave it


def test_renaming_the_home_page_changes_the_layouts_home(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    header = (folder / "layout.yaml").read_text(encoding="utf-8")
    layout = load_layout(folder)
    saved = save_page(layout, _rename(layout, "home", "start"), renamed_from="home")
    assert _diff(header, (folder / "layout.yaml").read_text(encoding="utf-8")) == [
        "-home: home",
        "+home: start",
    ]
    assert load_layout(folder) == saved.layout and saved.layout.home == "start"
    assert validate_command([str(folder)]) == 0


def test_a_page_renamed_in_a_one_file_layout_changes_only_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = load_layout(path)
    saved = save_page(layout, _rename(layout, "more", "extra"), renamed_from="more")
    assert _diff(TWO_PAGE_LAYOUT, path.read_text(encoding="utf-8")) == [
        "-      - {label: More, action: go, target: more}",
        "-  - id: more",
        "+      - {label: More, action: go, target: extra}",
        "+  - id: extra",
    ]
    assert load_layout(path) == saved.layout


def test_a_rename_to_a_taken_id_writes_nothing(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    layout = load_layout(folder)
    taken = replace(layout.page("pain"), id="needs")
    with pytest.raises(SaveRefused, match="already called 'needs'"):
        save_page(layout, taken, renamed_from="pain")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_shipped_page_renamed_is_renamed_in_the_carers_copy(tmp_path: Path) -> None:
    shipped = {p.name: p.read_bytes() for p in default_layout_path().iterdir() if p.is_file()}
    layout = load_layout(default_layout_path())
    saved = save_page(
        layout, _rename(layout, "pain", "hurts"), renamed_from="pain", user_folder=tmp_path
    )
    copy = tmp_path / "en-mine"
    assert saved.copied_from is not None and saved.file == copy / "hurts.yaml"
    assert not (copy / "pain.yaml").exists() and (copy / "pain.yaml.bak").exists()
    assert load_layout(copy) == saved.layout
    assert {
        p.name: p.read_bytes() for p in default_layout_path().iterdir() if p.is_file()
    } == shipped


def test_the_backup_keeps_the_old_text_when_the_file_is_later_rewritten_in_place(
    tmp_path: Path,
) -> None:
    folder = _copy(tmp_path)
    file = folder / "people.yaml"
    before = file.read_text(encoding="utf-8")
    layout = load_layout(folder)
    saved = save_page(layout, PageEdit.open(layout.page("people")).edit_cell(2, label="A").page)
    saved_text = file.read_text(encoding="utf-8")
    with open(file, "w", encoding="utf-8") as same_file:  # an editor that writes in place
        same_file.write(saved_text + "# written in place\n")
    assert saved.backup.read_text(encoding="utf-8") == before
    second = save_page(
        saved.layout, PageEdit.open(saved.layout.page("people")).edit_cell(3, label="B").page
    )
    assert second.backup.read_text(encoding="utf-8") == saved_text + "# written in place\n"
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no link left behind


@pytest.mark.parametrize("same_cell", [False, True])
def test_a_page_changed_on_disk_by_someone_else_is_not_overwritten_and_the_carer_is_told(
    tmp_path: Path, same_cell: bool
) -> None:
    """Two carers edit the same page (or one edits the file by hand while the editor is
    open).  The save used to refuse with "the page did not read back as edited", a reason no
    carer can act on, on every later try; and when both changed the same cell the other's
    words were silently replaced.  Now it refuses, saying the file was changed since the
    board read it and what to do, and the other person's change stays in the file."""
    folder = _copy(tmp_path)
    layout = load_layout(folder)
    file = folder / "people.yaml"
    theirs = file.read_text(encoding="utf-8").replace('"My wife"', '"Anna"')
    assert theirs != file.read_text(encoding="utf-8")
    file.write_text(theirs, encoding="utf-8")
    people = layout.page("people")
    wife = next(i for i, c in enumerate(people.cells) if c and c.label == "My wife")
    other = next(i for i, c in enumerate(people.cells) if c and i != wife)
    edit = PageEdit.open(people).edit_cell(wife if same_cell else other, label="Sarah")
    with pytest.raises(SaveRefused) as refused:
        save_page(layout, edit.page)
    message = " ".join(p.message for p in refused.value.problems)
    assert "people.yaml was changed" in message and "edit the page again" in message
    assert file.read_text(encoding="utf-8") == theirs
    assert not (folder / "people.yaml.bak").exists()


def test_a_page_removed_from_the_shipped_layout_is_removed_from_the_copy(tmp_path: Path) -> None:
    shipped = _digest(builtin_layouts_root())
    layout = load_layout(default_layout_path())
    saved = remove_page(layout, "pain", user_folder=tmp_path / "layouts")
    assert _digest(builtin_layouts_root()) == shipped
    copy = tmp_path / "layouts" / "en-mine"
    assert saved.copied_from == default_layout_path() and saved.layout.source == copy
    assert not (copy / "pain.yaml").exists() and (copy / "pain.yaml.bak").is_file()
    reloaded = load_layout(copy)
    assert "pain" not in reloaded.pages and reloaded.pages == saved.layout.pages


@pytest.mark.parametrize("change", ["save", "remove"])
def test_a_shipped_layout_that_cannot_be_copied_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    """A full or read-only layouts folder: the carer is told, nothing half-copied is left."""
    shipped = _digest(builtin_layouts_root())
    real_copytree = shutil.copytree

    def disk_full(source: Path, target: Path) -> None:
        real_copytree(source, target, ignore=lambda folder, names: names[2:])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(shutil, "copytree", disk_full)
    layout = load_layout(default_layout_path())
    into = tmp_path / "layouts"
    with pytest.raises(SaveRefused) as refused:
        if change == "save":
            save_page(layout, layout.page("pain"), user_folder=into)
        else:
            remove_page(layout, "pain", user_folder=into)
    message = refused.value.problems[0].message
    assert "could not be copied" in message and str(into) in message
    assert "No space left" in message
    assert list(into.iterdir()) == []
    assert _digest(builtin_layouts_root()) == shipped
