"""Label sizes on the board: one readable size per page, long labels shrink alone, never cut.

Issue 8 items 12 and 13: at 720x1280 one long label ("Something's wrong")
shrank every label of the home page, so "Yes" was tiny in a tall cell, and a
word longer than its cell was cut at both ends.  These tests read the sizes
the renderer chooses (its render model) and the fitted text, not pixels.
"""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from commboard.board.layout_file import (
    default_layout_path,
    load_layout,
    load_layout_or_default,
    validate_command,
)
from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import Chrome, board_view
from commboard.shell.screens.board.label_check import label_warnings
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import MIN_FONT_PX, TextCache, floor_px

LONG_WORD = "Pneumonoultramicroscopic"


@pytest.fixture(autouse=True)
def _fonts() -> None:
    pygame.display.init()
    pygame.font.init()


def _page(labels: list[str], rows: int, columns: int) -> Page:
    cells = tuple(Cell(label=label, action=Action.SPEAK) for label in labels)
    return Page(id="p", title="P", rows=rows, columns=columns, cells=cells)


def _sizes(size: tuple[int, int], page: Page) -> dict[str, int]:
    renderer = BoardRenderer(pygame.Surface(size))
    view = board_view(size, page, "", (), Chrome())
    sizes = renderer.label_sizes(view)
    return {c.label: sizes[c.index] for c in view.cells}


def test_yes_on_the_portrait_home_page_is_not_shrunk_to_the_longest_label() -> None:
    size = (720, 1280)
    layout, _ = load_layout_or_default(None)
    renderer = BoardRenderer(pygame.Surface(size))
    view = board_view(size, layout.page(layout.home), "", (), Chrome())
    by_index = renderer.label_sizes(view)
    sizes = {c.label: by_index[c.index] for c in view.cells}
    box = renderer.label_box(pygame.Rect(view.cells[0].rect), view.border_px).size
    # "Something's wrong" cannot reach the floor; it no longer sets the page's size.
    assert sizes["Something's wrong"] < floor_px(box) <= sizes["Yes"]
    assert sizes["Yes"] == sizes["Breathing"] == sizes["Call nurse"]


def test_one_long_label_shrinks_alone_and_the_rest_keep_their_size() -> None:
    short = ["Yes", "No", "Wait", "Help", "Pain", "Drink"]
    plain = _sizes((1280, 720), _page(short, 2, 3))
    mixed = _sizes((1280, 720), _page([*short[:5], LONG_WORD], 2, 3))
    assert mixed["Yes"] == plain["Yes"]
    assert mixed[LONG_WORD] < mixed["Yes"]


def test_the_page_keeps_one_size_while_it_is_readable() -> None:
    # "Uncomfortable" is longer than the rest but fits above the floor: one size.
    sizes = _sizes((1280, 720), _page(["Yes", "No", "Uncomfortable", "Wait"], 2, 2))
    assert len(set(sizes.values())) == 1


def test_a_word_longer_than_its_box_breaks_between_characters_not_cut() -> None:
    texts = TextCache()
    box = (60, 120)
    surface = texts.text(LONG_WORD * 2, box, (0, 0, 0), 40)
    assert surface.get_width() <= box[0] and surface.get_height() <= box[1]
    px = texts.fit_px(LONG_WORD * 2, box, 40, break_words=True)
    lines = texts._wrap(LONG_WORD * 2, px, box[0], break_words=True)
    assert len(lines) > 1 and "".join(lines) == LONG_WORD * 2  # every letter is shown
    assert all(texts.font(px).size(line)[0] <= box[0] for line in lines)
    assert px >= MIN_FONT_PX


def test_words_that_fit_whole_are_never_broken() -> None:
    texts = TextCache()
    surface = texts.text("Uncomfortable", (300, 100), (0, 0, 0), 60)
    px = texts.fit_px("Uncomfortable", (300, 100), 60)
    assert surface.get_height() == texts.font(px).get_linesize()  # one line


LONG_LABELS = """\
format: 1
name: Long
home: home
pages:
  - id: home
    rows: 2
    columns: 6
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Antidisestablishmentarianism"}
      - {label: "Please reposition my left shoulder and my pillow now"}
      - {label: "Wait"}
      - {label: "Thank you"}
"""


def test_validate_warns_about_labels_that_cannot_fit_at_the_floor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(LONG_LABELS, encoding="utf-8")
    assert validate_command([str(path)], label_warnings) == 0  # a warning, not a refusal
    out = capsys.readouterr().out
    assert "label 'Antidisestablishmentarianism' does not fit its cell" in out
    assert "label 'Please reposition my left shoulder and my pillow now'" in out
    assert "at 1280x720" in out
    for fine in ("'Yes'", "'No'", "'Wait'", "'Thank you'"):
        assert fine not in out


def test_the_shipped_layout_has_every_label_readable_at_the_reference_size() -> None:
    assert label_warnings(load_layout(default_layout_path("en"))) == []


def test_a_long_word_in_a_narrow_portrait_cell_is_hyphenated_at_the_page_size_not_shrunk() -> None:
    """'Uncomfortable' on the portrait comfort page was drawn at about 12 px in a row of 40 px
    labels; it is now split where a reader expects and keeps the page's size."""
    size = (720, 1280)
    layout, _ = load_layout_or_default(None)
    renderer = BoardRenderer(pygame.Surface(size))
    view = board_view(size, layout.page("comfort"), "", (), Chrome())
    by_label = {c.label: (c, renderer.label_sizes(view)[c.index]) for c in view.cells}
    cell, px = by_label["Uncomfortable"]
    box = renderer.label_box(pygame.Rect(cell.rect), view.border_px).size
    assert px >= floor_px(box)  # readable: at least the floor of its cell
    assert px == by_label["Move me"][1]  # the same size as its row
    lines = renderer.texts._wrap("Uncomfortable", px, box[0], hyphenate=True)
    assert lines == ["Uncom-", "fortable"]  # at a hyphenation point, every letter shown
    surface = renderer.texts.text("Uncomfortable", box, (0, 0, 0), px, floor=floor_px(box))
    assert surface.get_width() <= box[0] and surface.get_height() <= box[1]


def test_words_are_not_hyphenated_in_a_language_pyphen_does_not_know_or_where_they_fit() -> None:
    texts = TextCache(language="xx")
    box = (113, 60)
    assert texts.label_fit("Uncomfortable", box, 80, floor_px(box)) == (
        texts.fit_px("Uncomfortable", box, 80),
        False,
    )
    english = TextCache()
    wide = (400, 100)
    assert english.label_fit("Uncomfortable", wide, 80, floor_px(wide))[1] is False


def test_a_remembered_label_size_follows_the_layouts_language() -> None:
    """Sizes are remembered between redraws, but a layout in another language is measured
    anew: English may hyphenate "Uncomfortable" where an unknown language may not."""
    texts = TextCache()
    box = (113, 60)
    english = texts.fit_px("Uncomfortable", box, 80, hyphenate=True)
    assert texts.fit_px("Uncomfortable", box, 80, hyphenate=True) == english
    texts.language = "xx"
    unknown = texts.fit_px("Uncomfortable", box, 80, hyphenate=True)
    assert unknown == TextCache(language="xx").fit_px("Uncomfortable", box, 80)
    assert unknown < english
