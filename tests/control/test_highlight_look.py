"""The highlight stays unmistakable whatever the colours (issue 8, item 9, the board's part).

Before: the frame was drawn in the profile's colour even when it matched the
highlight fill (no frame at all), the ring was always white (lost beside a
white cell when the frame was white too), and a layout with cells coloured
like the profile's highlight loaded without a word.
"""

from __future__ import annotations

import itertools

import pytest

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.session import Session
from commboard.control import board_status
from commboard.control.banners import ChromeState
from commboard.control.board_view import Chrome
from commboard.control.highlight_look import (
    BLACK,
    COLOUR_BANNER,
    MIN_CONTRAST,
    WHITE,
    ColourCheck,
    colour_banner,
    contrast,
    edge_for,
    frame_for,
    ring_for,
)
from commboard.settings import DisplaySettings, Settings

# Every cell colour a layout might use, coarsely: 6 levels per channel.
LEVELS = ("00", "33", "66", "99", "cc", "ff")
SWEEP = ["#" + "".join(rgb) for rgb in itertools.product(LEVELS, repeat=3)]
HIGHLIGHTS = ["#ffd400", "#ffffff", "#000000", "#00a0ff", "#8fd694", "#ff0000"]


def layout(*cells: tuple[str, str | None]) -> Layout:
    slots = tuple(Cell(label, Action.SPEAK, color=color) for label, color in cells)
    return Layout("Test", "en", "home", {"home": Page("home", "Home", 1, len(cells), slots)})


def test_contrast_is_the_wcag_ratio() -> None:
    assert contrast(BLACK, WHITE) == pytest.approx(21.0)
    assert contrast("#777777", "#777777") == pytest.approx(1.0)


@pytest.mark.parametrize("highlight", HIGHLIGHTS)
@pytest.mark.parametrize("frame", ["#000000", "#ffffff", "#ffd400", "#ff0000", "#2040ff"])
def test_the_frame_shows_on_the_fill_and_the_outline_on_every_cell_colour(
    highlight: str, frame: str
) -> None:
    shown = frame_for(highlight, frame)
    ring = ring_for(shown)
    outline = (shown, ring, edge_for(ring))
    assert contrast(shown, highlight) >= MIN_CONTRAST
    assert contrast(ring, shown) >= MIN_CONTRAST or contrast(edge_for(ring), shown) >= 4.5
    for cell in SWEEP:
        assert max(contrast(part, cell) for part in outline) >= 4.5, cell


def test_a_visible_frame_colour_from_the_profile_is_kept() -> None:
    assert frame_for("#ffd400", "#2040ff") == "#2040ff"  # a low-vision patient's blue frame
    assert frame_for("#ffd400", "#ffd400") == BLACK  # no frame at all: black on yellow
    assert frame_for("#202020", "#000000") == WHITE  # a dark highlight gets a white frame
    assert ring_for(BLACK) == WHITE and ring_for(WHITE) == BLACK
    assert edge_for(WHITE) == BLACK and edge_for(BLACK) == WHITE


def test_the_render_model_carries_the_frame_and_ring_in_force() -> None:
    display = DisplaySettings(highlight_color="#ffd400", highlight_border_color="#ffe000")
    session = Session(layout(("Yes", None)), Settings(display=display), 0.0)
    view = board_status.board_frame((800, 600), session, Chrome(), None)
    assert view.highlight_border_color == BLACK
    assert view.ring_color == WHITE and view.ring_edge_color == BLACK


def test_cells_coloured_like_the_highlight_are_named_in_one_banner() -> None:
    board = layout(("Maybe", "#fff176"), ("Fine", "#008080"), ("Soft", "#ffe066"))
    banner = colour_banner(board, "#ffd400")
    assert banner is not None and banner.key == COLOUR_BANNER
    assert "'Maybe' (home)" in banner.text and "'Soft' (home)" in banner.text
    assert "Fine" not in banner.text
    assert "#ffd400" in banner.text
    assert colour_banner(board, "#00a0ff") is None  # a blue highlight: nothing looks like it


def test_many_cells_are_counted_not_all_listed() -> None:
    board = layout(*[(f"Y{i}", "#fff176") for i in range(7)])
    banner = colour_banner(board, "#ffd400")
    assert banner is not None and "and 3 more" in banner.text and "'Y4'" not in banner.text


def test_cells_without_a_colour_are_checked_as_the_near_white_they_are_drawn() -> None:
    # Review12: a highlight of #f2f3f4 (or white) made every cell without a colour of its
    # own look highlighted, and no banner said so: only coloured cells were compared.
    board = layout(("Head", None), ("Fine", "#008080"))
    banner = colour_banner(board, "#f2f3f4")
    assert banner is not None and "'Head' (home)" in banner.text and "Fine" not in banner.text
    assert colour_banner(board, "#ffd400") is None  # the default yellow stays clear of them


def test_cells_with_the_same_label_are_named_once() -> None:
    # Review12: "'word' (alphabet), 'word' (alphabet), 'word' (alphabet) and 36 more".
    board = layout(*[("word", "#fff176") for _ in range(6)], ("Maybe", "#fff176"))
    banner = colour_banner(board, "#ffd400")
    assert banner is not None and banner.text.count("'word'") == 1
    assert "'Maybe' (home)" in banner.text


def test_the_check_runs_when_the_layout_or_highlight_changes_and_hides_when_fixed() -> None:
    chrome, check = ChromeState(), ColourCheck()
    yellow = layout(("Maybe", "#fff176"))
    assert check.keep(chrome, yellow, "#ffd400", 0.0)  # shown
    assert not check.keep(chrome, yellow, "#ffd400", 1.0)  # nothing new
    assert [b.key for b in chrome.chrome("", 1.0).banners] == [COLOUR_BANNER]
    assert check.keep(chrome, yellow, "#00a0ff", 2.0)  # the carer chose a blue highlight
    assert chrome.chrome("", 2.0).banners == ()
    assert not check.keep(chrome, layout(("Fine", "#008080")), "#00a0ff", 3.0)  # still none
