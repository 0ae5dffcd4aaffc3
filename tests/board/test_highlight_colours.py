"""No cell may look like the scan highlight: the validator measures colour difference and warns.

Before: the shipped layout had light-yellow cells ("Don't know", "I want",
the people page, pain 3-5) beside the yellow highlight.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.board.colors import MIN_DELTA_E, confusable_cells, delta_e
from commboard.board.layout_cells import COLORS
from commboard.board.layout_file import (
    DEFAULT_HIGHLIGHT,
    default_layout_path,
    load_layout,
    validate_command,
)

YELLOW_CELL = """\
format: 1
name: Yellow
home: home
pages:
  - id: home
    rows: 1
    columns: 3
    cells:
      - {label: "Maybe", color: yellow}
      - {label: "Soft", color: "#ffe066"}
      - {label: "Fine", color: teal}
"""


def test_colour_difference_is_the_cie76_distance() -> None:
    assert delta_e("#000000", "#ffffff") == pytest.approx(100.0, abs=0.01)
    assert delta_e("#ffd400", "#ffd400") == 0.0
    assert (
        delta_e("#fff176", DEFAULT_HIGHLIGHT) < MIN_DELTA_E < delta_e("#fbbc6b", DEFAULT_HIGHLIGHT)
    )


def test_the_validator_warns_about_cells_that_look_like_the_highlight(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(YELLOW_CELL, encoding="utf-8")
    assert validate_command([str(path)]) == 0  # a warning, not a refusal
    out = capsys.readouterr().out
    assert "cell 'Maybe' is coloured yellow, too close to the highlight #ffd400" in out
    assert "#ffd400 #ffd400" not in out  # review12: the colour was printed twice
    assert "cell 'Soft' is coloured #ffe066" in out
    assert "'Fine'" not in out


def test_the_shipped_layout_has_no_cell_like_the_default_highlight(
    capsys: pytest.CaptureFixture[str],
) -> None:
    layout = load_layout(default_layout_path("en"))
    assert confusable_cells(layout, DEFAULT_HIGHLIGHT, COLORS) == []
    assert validate_command([str(default_layout_path("en"))]) == 0
    assert "warning" not in capsys.readouterr().out


def test_a_different_highlight_is_checked_against_its_own_colour() -> None:
    found = confusable_cells(load_layout(default_layout_path("en")), "#8fd694", COLORS)
    assert {(page, label) for page, label, _, _ in found} >= {("home", "Yes")}
