"""Layout files: the default layout, every kind of problem with its line, and fallbacks."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from commboard.board import layout_file
from commboard.board.layout_file import (
    LayoutError,
    LayoutProblem,
    default_layout_path,
    fallback_notice,
    load_layout,
    load_layout_or_default,
    validate_command,
)
from commboard.board.model import Action, Layout, Page

MY_CARE_PHRASES = (
    "I agree",
    "I don't agree",
    "Please explain again",
    "I need time to decide",
    "What are my options?",
    "Ask me, not my family",
    "I want to try",
    "I don't want this",
    "Stop",
    "I want to talk to my doctor",
)


def write(folder: Path, text: str, name: str = "board.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[LayoutProblem]:
    with pytest.raises(LayoutError) as caught:
        load_layout(path)
    return caught.value.problems


GOOD = """
format: 1
name: Test
home: home
pages:
  - id: home
    title: Home
    rows: 2
    columns: 2
    cells:
      - {label: "Yes", color: green}
      - {label: No}
      - {label: More, action: go, target: more}
      - {label: Help, action: alarm, text: "Please call the nurse"}
  - id: more
    rows: 2
    columns: 3
    cells:
      - {label: Back, action: back}
      - ~
      - {label: Drink, text: "I would like a drink", hold: 1.5, color: "#ABC"}
"""


ONE_CELL = "format: 1\nhome: home\npages:\n  - id: home\n    rows: 1\n    columns: 1\n    cells: [{label: Hi}]\n"


@pytest.fixture(scope="module")
def default() -> Layout:
    return load_layout(default_layout_path("en"))


# --- the default English layout ------------------------------------------------


def test_default_layout_validates(default: Layout, capsys: pytest.CaptureFixture[str]) -> None:
    assert validate_command([str(default_layout_path())]) == 0
    assert "OK (9 pages" in capsys.readouterr().out
    assert default.language == "en"
    assert set(default.pages) >= {
        "home",
        "pain",
        "comfort",
        "breathing",
        "needs",
        "people",
        "feelings",
        "mycare",
        "alphabet",
    }


def test_yes_no_and_nurse_call_are_in_the_first_row_of_home(default: Layout) -> None:
    home = default.page(default.home)
    first_row = [home.cell_at(0, c) for c in range(home.columns)]
    labels = {cell.label: cell for cell in first_row if cell is not None}
    assert labels["Yes"].action is Action.SPEAK and labels["Yes"].spoken == "Yes"
    assert labels["No"].action is Action.SPEAK and labels["No"].spoken == "No"
    assert labels["Call nurse"].action is Action.ALARM
    # The alarm's longer hold comes from the profile unless the file sets one.
    assert labels["Call nurse"].hold_s is None


def test_home_links_to_every_other_page(default: Layout) -> None:
    home = default.page(default.home)
    targets = {c.target for c in home.cells if c is not None and c.action is Action.GO}
    assert targets == set(default.pages) - {default.home}


def test_my_care_says_the_shared_decision_phrases(default: Layout) -> None:
    spoken = {c.spoken for c in default.page("mycare").cells if c is not None}
    assert set(MY_CARE_PHRASES) <= spoken


def test_my_care_marks_decisions_and_its_yes_no_answers(default: Layout) -> None:
    cells = {c.label: c for c in default.page("mycare").cells if c is not None}
    decisions = {label for label, c in cells.items() if c.record == "decision"}
    assert {"I agree", "I don't agree", "Stop", "Yes", "No", "It's my decision"} <= decisions
    assert cells["Ask me"].record == "preference"
    assert cells["It's my decision"].action is Action.SPEAK_MESSAGE
    assert cells["Explain again"].record is None  # a request, not a decision
    assert all(c.record is None for p in default.pages.values() if p.id != "mycare"
               for c in p.cells if c is not None)  # fmt: skip


def test_record_and_confirm_map_onto_the_cell(tmp_path: Path) -> None:
    text = ONE_CELL.replace("{label: Hi}", "{label: Hi, record: Decision, confirm: no}")
    cell = load_layout(write(tmp_path, text)).page("home").cells[0]
    assert cell is not None and (cell.record, cell.confirm) == ("decision", False)


def test_every_other_page_has_back_and_home_in_its_first_rows(default: Layout) -> None:
    for page in default.pages.values():
        if page.id == default.home:
            continue
        actions = {c.action for c in page.cells if c is not None}
        assert {Action.BACK, Action.HOME} <= actions, page.id
        # The Spell page's row of word slots comes on top of its 6x6 letter grid.
        slot_row = Action.WORD in actions
        assert 3 <= page.rows <= 6 + slot_row and 3 <= page.columns <= 6, page.id


def test_pain_page_has_where_and_a_0_to_10_scale(default: Layout) -> None:
    pain = default.page("pain")
    labels = {c.label: c for c in pain.cells if c is not None}
    assert {str(n) for n in range(11)} <= set(labels)
    assert labels["7"].spoken == "My pain is 7 out of 10"
    assert {"Head", "Chest", "Stomach", "My back", "Arm", "Leg"} <= set(labels)


def test_alphabet_can_spell_any_word_and_edit_the_message(default: Layout) -> None:
    cells = [c for c in default.page("alphabet").cells if c is not None]
    added = {c.spoken for c in cells if c.action is Action.ADD}
    assert set("abcdefghijklmnopqrstuvwxyz ") <= added
    actions = {c.action for c in cells}
    assert {Action.BACKSPACE, Action.CLEAR, Action.SPEAK_MESSAGE, Action.BACK} <= actions
    # Most frequent letters first: 'e' is in the first letter row (under the
    # word slots), 'z' in the last row.
    page = default.page("alphabet")
    where = {c.spoken: i // page.columns for i, c in enumerate(page.cells) if c is not None}
    assert all(c is not None and c.action is Action.WORD for c in page.cells[: page.columns])
    assert where["e"] == 1 and where["z"] == page.rows - 1


def test_default_labels_are_short(default: Layout) -> None:
    for page in default.pages.values():
        for cell in page.cells:
            if cell is not None:
                assert len(cell.label) <= 18, (page.id, cell.label)


# --- what a good file turns into -------------------------------------------------


def test_good_file_maps_onto_the_model(tmp_path: Path) -> None:
    layout = load_layout(write(tmp_path, GOOD))
    home, more = layout.page("home"), layout.page("more")
    assert (layout.name, layout.language, layout.home) == ("Test", "en", "home")
    yes, no, more_link, help_ = (c for c in home.cells if c is not None)
    assert no.label == "No" and no.action is Action.SPEAK  # not YAML 1.1's False
    assert yes.color == "#8fd694"  # named colours become #rrggbb
    assert more_link.target == "more"
    assert help_.spoken == "Please call the nurse" and help_.action is Action.ALARM
    assert help_.hold_s is None  # the profile's alarm hold applies
    assert more.title == "more"  # title defaults to the id
    assert more.cells[1] is None and more.cells[3:] == (None, None, None)
    drink = more.cells[2]
    assert drink is not None and drink.hold_s == 1.5 and drink.color == "#aabbcc"
    assert drink.spoken == "I would like a drink" and drink.label == "Drink"


def test_folder_layout_reads_header_and_page_files(tmp_path: Path) -> None:
    write(tmp_path, "format: 1\nname: Mine\nlanguage: de\nhome: start\n", "layout.yaml")
    write(
        tmp_path,
        "id: start\nrows: 1\ncolumns: 2\ncells:\n  - {label: Ja}\n  - {label: Z, action: go, target: z}\n",
        "a.yaml",
    )
    write(tmp_path, "id: z\nrows: 1\ncolumns: 1\ncells: [{label: Zurück, action: back}]\n", "z.yml")
    (tmp_path / "notes.txt").write_text("not a page")
    for path in (tmp_path, tmp_path / "layout.yaml"):
        layout = load_layout(path)
        assert (layout.name, layout.language, set(layout.pages)) == ("Mine", "de", {"start", "z"})


# --- every kind of problem names file, line and what is wrong ----------------------

BROKEN = [
    ("bad YAML", "format: 1\nhome: home\npages: [\n  - {label: a\n", 4, "not valid YAML"),
    ("tab", "format: 1\nhome: home\npages:\n\t- id: x\n", 4, "spaces, not tabs"),
    (
        "unknown action",
        GOOD.replace("{label: No}", "{label: No, action: shout}"),
        11,
        "unknown action 'shout'",
    ),
    (
        "near-miss action",
        GOOD.replace("{label: No}", "{label: No, action: spek}"),
        11,
        "did you mean 'speak'",
    ),
    (
        "unknown field",
        GOOD.replace("title: Home", "titel: Home"),
        6,
        "unknown field 'titel' in a page (did you mean 'title'?)",
    ),
    (
        "unknown cell field",
        GOOD.replace("{label: No}", "{label: No, colour: red}"),
        11,
        "unknown field 'colour' in a cell",
    ),
    (
        "repeated field",
        GOOD.replace("{label: No}", "{label: No, label: Nein}"),
        11,
        "field 'label' is given twice",
    ),
    (
        "go without target",
        GOOD.replace("action: go, target: more", "action: go"),
        12,
        "action 'go' needs a 'target'",
    ),
    (
        "go to missing page",
        GOOD.replace("target: more", "target: mor"),
        12,
        "'go' to page 'mor', but there is no such page (did you mean 'more'?)",
    ),
    (
        "target without go",
        GOOD.replace("{label: No}", "{label: No, target: more}"),
        11,
        "'target' only works with 'action: go'",
    ),
    (
        "missing home page",
        GOOD.replace("home: home", "home: start"),
        3,
        "home page 'start' does not exist",
    ),
    ("no home field", GOOD.replace("home: home\n", ""), 1, "missing 'home'"),
    (
        "too many cells",
        GOOD.replace("columns: 3", "columns: 1"),
        20,
        "has 3 cells but its 2x1 grid holds 2",
    ),
    (
        "rows too big",
        GOOD.replace("rows: 2\n    columns: 3", "rows: 13\n    columns: 3"),
        15,
        "'rows' must be a whole number from 1 to 12, not '13'",
    ),
    (
        "columns zero",
        GOOD.replace("columns: 3", "columns: 0"),
        16,
        "'columns' must be a whole number from 1 to 12",
    ),
    ("columns not a number", GOOD.replace("columns: 3", "columns: three"), 16, "not 'three'"),
    (
        # int() refuses past 4300 digits with a ValueError that stopped the board and validate
        "rows thousands of digits long",
        GOOD.replace("rows: 2\n    columns: 3", "rows: " + "9" * 5000 + "\n    columns: 3"),
        15,
        "'rows' must be a whole number from 1 to 12, not '9999",
    ),
    (
        # a lone surrogate escape is valid YAML but no character: validate, print and export
        # of the layout ended in a UnicodeEncodeError traceback
        "lone surrogate escape",
        GOOD.replace('{label: "Yes", color: green}', '{label: "Yes \\uD800", color: green}'),
        10,
        "no character on its own",
    ),
    (
        "missing rows",
        GOOD.replace("    rows: 2\n    columns: 3\n", "    columns: 3\n"),
        14,
        "missing 'rows'",
    ),
    (
        "empty label",
        GOOD.replace('{label: "Yes", color: green}', '{label: "", color: green}'),
        10,
        "a cell needs a label",
    ),
    (
        "missing label",
        GOOD.replace('{label: "Yes", color: green}', "{color: green}"),
        10,
        "a cell needs a label",
    ),
    ("empty text", GOOD.replace("{label: No}", '{label: No, text: ""}'), 11, "'text' is empty"),
    (
        "bad colour",
        GOOD.replace("color: green", "color: grene"),
        10,
        "unknown colour 'grene' (did you mean 'green'?)",
    ),
    (
        "bad hex colour",
        GOOD.replace('color: "#ABC"', 'color: "#12345"'),
        20,
        "unknown colour '#12345'",
    ),
    (
        "unquoted hex colour",
        ONE_CELL.replace(
            "cells: [{label: Hi}]", "cells:\n      - label: Hi\n        color: #ff0000"
        ),
        9,
        "'color' is empty",
    ),
    (
        "unquoted comma",
        GOOD.replace("{label: No}", "{label: No, not now}"),
        11,
        "must be in double quotes",
    ),
    (
        "bad hold",
        GOOD.replace("hold: 1.5", "hold: forever"),
        20,
        "'hold' must be seconds from 0 to 10",
    ),
    ("duplicate page id", GOOD.replace("id: more", "id: home"), 14, "page id 'home' is used twice"),
    (
        "unsupported version",
        GOOD.replace("format: 1", "format: 2"),
        1,
        "unsupported format version '2'",
    ),
    ("missing version", GOOD.replace("format: 1\n", ""), 1, "missing 'format: 1'"),
    ("bad page id", GOOD.replace("id: more", "id: my page"), 14, "may use only letters, digits"),
    ("cell is plain text", GOOD.replace("{label: No}", "No"), 11, "a cell is written like"),
    (
        "no way back",
        GOOD.replace("{label: Back, action: back}", "{label: Back}"),
        14,
        "has no way back to the home page",
    ),
    (
        "cells not a list",
        ONE_CELL.replace("cells: [{label: Hi}]", "cells: Hi"),
        7,
        "'cells' must be a list",
    ),
    (
        "no cells",
        ONE_CELL.replace("cells: [{label: Hi}]", "cells: []"),
        7,
        "page 'home' has no cells",
    ),
    (
        "page not a mapping",
        "format: 1\nhome: home\npages:\n  - home\n",
        4,
        "expected a page written as 'field: value' lines",
    ),
    (
        "unknown record",
        ONE_CELL.replace("{label: Hi}", "{label: Hi, record: decison}"),
        7,
        "unknown record 'decison' (did you mean 'decision'?)",
    ),
    (
        "record on a page link",
        ONE_CELL.replace("{label: Hi}", "{label: Hi, action: home, record: decision}"),
        7,
        "'record' only works on cells that speak",
    ),
    (
        "confirm not yes or no",
        ONE_CELL.replace("{label: Hi}", "{label: Hi, record: decision, confirm: maybe}"),
        7,
        "'confirm' must be yes or no, not 'maybe'",
    ),
    (
        "confirm without record",
        ONE_CELL.replace("{label: Hi}", "{label: Hi, confirm: yes}"),
        7,
        "'confirm' needs 'record: decision'",
    ),
    ("pages not a list", "format: 1\nhome: home\npages: home\n", 3, "'pages' must be a list"),
    ("no pages", "format: 1\nhome: home\n", None, "missing 'pages'"),
]


@pytest.mark.parametrize(
    ("text", "line", "words"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN]
)
def test_each_problem_names_file_line_and_what_is_wrong(
    tmp_path: Path, text: str, line: int | None, words: str
) -> None:
    path = write(tmp_path, text)
    problems = problems_of(path)
    assert problems, "a broken file must give at least one problem"
    assert all(p.path == path for p in problems)
    matching = [p for p in problems if words in p.message]
    assert matching, [str(p) for p in problems]
    assert matching[0].line == line, [str(p) for p in problems]


def test_problem_reads_path_line_message(tmp_path: Path) -> None:
    assert str(LayoutProblem(Path("a/b.yaml"), 7, "bad")) == "a/b.yaml:7: bad"
    assert str(LayoutProblem(Path("a/b.yaml"), None, "empty")) == "a/b.yaml: empty"


def test_all_problems_are_collected_not_just_the_first(tmp_path: Path) -> None:
    text = (
        GOOD.replace("{label: No}", "{label: No, action: shout}")
        .replace("color: green", "color: grene")
        .replace("target: more", "target: mor")
        .replace("columns: 3", "columns: 20")
    )
    lines = {(p.line, p.message.split("'")[0]) for p in problems_of(write(tmp_path, text))}
    assert {line for line, _ in lines} == {10, 11, 12, 16}
    assert len(lines) == 4


def test_problems_in_several_files_are_all_reported_in_file_order(tmp_path: Path) -> None:
    write(tmp_path, "format: 1\nhome: a\n", "layout.yaml")
    write(
        tmp_path,
        "id: a\nrows: 1\ncolumns: 1\ncells: [{label: X, action: go, target: c}]\n",
        "a.yaml",
    )
    write(tmp_path, "id: a\nrows: 1\ncolumns: 1\ncells:\n  - {label: Y, action: nope}\n", "b.yaml")
    shown = [str(p) for p in problems_of(tmp_path)]
    assert shown[0].startswith(f"{tmp_path / 'a.yaml'}:4: 'go' to page 'c'")
    assert any(
        s.startswith(f"{tmp_path / 'b.yaml'}:1: page id 'a' is used twice (also ") for s in shown
    )
    assert any(s.startswith(f"{tmp_path / 'b.yaml'}:5: unknown action 'nope'") for s in shown)


def test_file_level_problems(tmp_path: Path) -> None:
    empty = write(tmp_path, "", "empty.yaml")
    assert [(p.line, p.message) for p in problems_of(empty)] == [(None, "this file is empty")]
    latin1 = tmp_path / "latin1.yaml"
    latin1.write_bytes("format: 1\nname: Caf\xe9\n".encode("latin-1"))
    assert "not UTF-8" in problems_of(latin1)[0].message
    assert "no such layout" in problems_of(tmp_path / "missing")[0].message
    (tmp_path / "sub").mkdir()
    assert "has no layout.yaml" in problems_of(tmp_path / "sub")[0].message


def test_broken_file_is_left_untouched(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace("action: go", "action: goo").replace("rows: 2", "rows: 99"))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    before = path.read_bytes(), path.stat().st_mtime_ns
    problems_of(path)
    layout, problems = load_layout_or_default(path)
    assert problems and validate_command([str(path)]) == 1
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.yaml"]  # no backups, no temp files


# --- falling back ---------------------------------------------------------------------


def test_no_layout_given_means_the_default(default: Layout) -> None:
    layout, problems = load_layout_or_default(None)
    assert problems == [] and layout.pages == default.pages


def test_good_layout_is_used(tmp_path: Path) -> None:
    layout, problems = load_layout_or_default(write(tmp_path, GOOD))
    assert problems == [] and layout.name == "Test"


def test_broken_layout_falls_back_to_the_default_and_says_why(
    tmp_path: Path, default: Layout
) -> None:
    path = write(tmp_path, GOOD.replace("{label: No}", "{label: No, action: shout}"))
    layout, problems = load_layout_or_default(path)
    assert layout.pages == default.pages
    assert [(p.path, p.line) for p in problems] == [(path, 11)]
    notice = fallback_notice(problems)
    assert notice.startswith("Your layout board.yaml line 11: unknown action 'shout'")
    assert notice.endswith("; using the default layout.")
    assert fallback_notice([]) == ""


def test_unreadable_default_still_gives_a_board_with_yes_no_and_alarm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(layout_file, "default_layout_path", lambda language="en": tmp_path / "gone")
    layout, problems = load_layout_or_default(tmp_path / "also-gone")
    assert [p.path for p in problems] == [tmp_path / "also-gone", tmp_path / "gone"]
    home = layout.page(layout.home)
    actions = {c.label: c.action for c in home.cells if c is not None}
    assert actions["Yes"] is Action.SPEAK and actions["No"] is Action.SPEAK
    assert Action.ALARM in actions.values()


def test_unexpected_failure_is_reported_not_raised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(path: Path, problems: list[LayoutProblem]) -> Layout | None:
        raise MemoryError("disk on fire")

    path = write(tmp_path, GOOD)
    real_load = layout_file._load
    monkeypatch.setattr(
        layout_file,
        "_load",
        lambda p, probs: explode(p, probs) if p == path else real_load(p, probs),
    )
    layout, problems = load_layout_or_default(path)
    assert "disk on fire" in problems[0].message and layout.home == "home"


# --- commboard validate -----------------------------------------------------------------


def test_validate_prints_every_problem_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = write(tmp_path, GOOD, "good.yaml")
    bad = write(
        tmp_path,
        GOOD.replace("target: more", "target: mor").replace("rows: 2", "rows: 0", 1),
        "bad.yaml",
    )
    assert validate_command([str(good), str(bad)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{good}: OK (2 pages, home page 'home')"
    assert out[1].startswith(f"{bad}:7: 'rows' must be")
    assert out[2].startswith(f"{bad}:12: 'go' to page 'mor'")
    assert out[-1] == "1 of 2 layout(s) have problems; nothing was changed."


def test_validate_exits_0_when_all_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert validate_command([str(write(tmp_path, GOOD)), str(default_layout_path())]) == 0
    out = capsys.readouterr().out
    assert out.count(": OK (") == 2 and "problems" not in out


def test_cli_runs_validate(capsys: pytest.CaptureFixture[str]) -> None:
    from commboard.cli import main

    assert main(["validate", "no/such/layout"]) == 1
    assert "no/such/layout: no such layout file or folder" in capsys.readouterr().out


# --- properties -------------------------------------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_any_grid_that_fits_loads_padded_in_reading_order(
    tmp_path: Path, data: st.DataObject
) -> None:
    rows = data.draw(st.integers(1, 12), "rows")
    columns = data.draw(st.integers(1, 12), "columns")
    count = data.draw(st.integers(1, rows * columns), "cells")
    gaps = data.draw(st.sets(st.integers(1, count - 1)) if count > 1 else st.just(set()), "gaps")
    cells = ["      - {label: Home, action: home}"]
    cells += ["      - ~" if i in gaps else f"      - {{label: c{i}}}" for i in range(1, count)]
    text = f"format: 1\nhome: p\npages:\n  - id: p\n    rows: {rows}\n    columns: {columns}\n    cells:\n"
    page: Page = load_layout(write(tmp_path, text + "\n".join(cells) + "\n")).page("p")
    assert len(page.cells) == rows * columns
    expected = (0, *sorted(set(range(1, count)) - gaps))
    assert page.filled() == expected
    assert [getattr(page.cells[i], "label", None) for i in expected[1:]] == [
        f"c{i}" for i in expected[1:]
    ]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(alphabet=st.sampled_from(list("ab:-[]{}~ \n\t#'\"12.,&*!|>?%@`")), max_size=120))
def test_any_text_either_loads_or_gives_located_problems(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fuzz.yaml"
    path.write_text("format: 1\nhome: p\n" + text, encoding="utf-8")
    try:
        load_layout(path)
    except LayoutError as exc:
        assert exc.problems and all(p.path == path for p in exc.problems)
        assert all(p.line is None or 1 <= p.line <= text.count("\n") + 4 for p in exc.problems)
