"""A layout can never strand the patient: from every page there is a way home and to the nurse call.

Two pages that only link to each other used to validate as OK; a one-switch
patient who opened one could never get back to Home or call for help.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.board.layout_file import load_layout, load_layout_or_default
from commboard.board.layout_yaml import LayoutError

HEAD = """\
format: 1
name: Test
home: home
pages:
  - id: home
    rows: 1
    columns: 3
    cells:
      - {label: Help, action: alarm, text: "Please call the nurse"}
      - {label: A, action: go, target: a}
      - {label: Yes}
"""


def page(pid: str, *cells: str) -> str:
    body = "".join(f"      - {c}\n" for c in cells)
    return f"  - id: {pid}\n    rows: 1\n    columns: {len(cells)}\n    cells:\n{body}"


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "board.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_layout(path)
    except LayoutError as exc:
        return [str(p) for p in exc.problems]
    return []


def test_two_pages_that_only_link_to_each_other_are_refused(tmp_path: Path) -> None:
    text = HEAD + page("a", "{label: To B, action: go, target: b}", "{label: Hi}")
    text += page("b", "{label: To A, action: go, target: a}", "{label: Ho}")
    found = problems(tmp_path, text)
    assert any("page 'a' has no way back to the home page 'home'" in p for p in found), found
    assert any("page 'b' has no way back to the home page 'home'" in p for p in found), found
    layout, why = load_layout_or_default(tmp_path / "board.yaml")
    assert layout.name != "Test" and why  # the patient gets the default board, and is told


@pytest.mark.parametrize(
    "exits",
    [
        ("{label: Back, action: back}",),
        ("{label: Home, action: home}",),
        ("{label: Home page, action: go, target: home}",),
        ("{label: To B, action: go, target: b}",),  # b has a home cell
    ],
    ids=["back", "home", "go home", "go to a page with home"],
)
def test_a_page_with_a_way_home_is_accepted(tmp_path: Path, exits: tuple[str, ...]) -> None:
    text = HEAD + page("a", *exits, "{label: Hi}")
    text += page("b", "{label: Home, action: home}", "{label: To A, action: go, target: a}")
    assert problems(tmp_path, text) == []


def test_a_link_to_a_page_whose_only_exit_is_back_is_no_way_home(tmp_path: Path) -> None:
    # a -> b, b's back returns to a: from a there is no way home.
    text = HEAD + page("a", "{label: To B, action: go, target: b}", "{label: Hi}")
    text += page("b", "{label: Back, action: back}", "{label: Ho}")
    found = problems(tmp_path, text)
    assert len(found) == 1 and "page 'a' has no way back" in found[0], found


def test_a_nurse_call_that_home_cannot_reach_is_refused(tmp_path: Path) -> None:
    text = HEAD.replace(
        '{label: Help, action: alarm, text: "Please call the nurse"}', "{label: No}"
    )
    text += page("a", "{label: Back, action: back}", "{label: Hi}")
    text += page("hidden", "{label: Help, action: alarm}", "{label: Home, action: home}")
    found = problems(tmp_path, text)
    assert len(found) == 1 and "call for help (hidden) cannot be reached" in found[0], found


def test_a_huge_layout_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    text = HEAD + page("a", "{label: Back, action: back}", "{label: Hi}")
    text += "# " + "x" * 1_100_000 + "\n"
    found = problems(tmp_path, text)
    assert len(found) == 1 and "a layout file may be at most 1 MB" in found[0], found


def test_too_many_pages_are_refused_with_the_count(tmp_path: Path) -> None:
    text = HEAD.replace("{label: Yes}", "{label: Home, action: home}")
    text += "".join(page(f"p{i}", "{label: Back, action: back}") for i in range(201))
    found = problems(tmp_path, text)
    assert any("202 pages; at most 200" in p for p in found), found


def test_a_page_file_linking_outside_the_layout_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:SECRET-HASH:19000:0:99999:7:::\n", encoding="utf-8")
    folder = tmp_path / "board"
    folder.mkdir()
    (folder / "layout.yaml").write_text(HEAD.replace("pages:\n", "pages:\n"), encoding="utf-8")
    (folder / "stolen.yaml").symlink_to(secret)
    try:
        load_layout(folder)
    except LayoutError as exc:
        found = [str(p) for p in exc.problems]
    assert any("links outside the layout folder" in p for p in found), found
    assert not any("SECRET" in p for p in found), found


def test_validate_warns_about_a_layout_with_no_call_for_help(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A layout with no alarm cell loads (a carer may want it) but validate says what is missing."""
    from commboard.board.layout_file import validate_command

    path = tmp_path / "board.yaml"
    pages = page("a", "{label: Back, action: back}")
    path.write_text(
        HEAD.replace(', action: alarm, text: "Please call the nurse"', "") + pages, "utf-8"
    )
    assert validate_command([str(path)]) == 0  # a warning, not an error
    out = capsys.readouterr().out
    assert "warning: the layout has no call for help (an alarm cell)" in out
    path.write_text(HEAD + pages, "utf-8")
    assert validate_command([str(path)]) == 0
    assert "call for help" not in capsys.readouterr().out
