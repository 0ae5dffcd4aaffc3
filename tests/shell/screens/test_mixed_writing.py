"""Writing no one font has ("I feel 👍") is drawn whole: each run in its own font, one baseline.

A patient who spells "I feel" and then selects the thumbs-up cell saw "I feel"
in the message bar: no single installed font has Latin letters and colour
emoji, so the emoji was left out (or drawn as an empty box), and the person
reading the bar missed half the message.  Labels such as "Pain 😣" lost their
colour picture the same way.  These tests need the fonts ``make test``
installs (``scripts/system-packages.sh``: fonts-noto-color-emoji for the
emoji, fonts-noto-core for Hebrew) beside pygame's own font.
"""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from commboard.adapters.font_choice import FontChoice
from commboard.board.model import Action, Cell, Page
from commboard.control.board_view import Chrome, Rect, board_view
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import TextCache

BOX = (600, 120)
INK = (0, 0, 0)


@pytest.fixture(autouse=True)
def fonts() -> None:
    pygame.display.init()
    pygame.font.init()


def _rgba(surface: pygame.Surface) -> np.ndarray:
    """Pixels as [x, y, (r, g, b, a)], opaque for a surface without alpha."""
    rgb = pygame.surfarray.array3d(surface).astype(int)
    alpha = (
        pygame.surfarray.array_alpha(surface).astype(int)
        if surface.get_flags() & pygame.SRCALPHA
        else np.full(rgb.shape[:2], 255)
    )
    return np.dstack([rgb, alpha])


def dark_columns(surface: pygame.Surface) -> np.ndarray:
    """x of the columns holding black letters."""
    px = _rgba(surface)
    dark = (px[..., :3].sum(axis=2) < 200) & (px[..., 3] > 128)
    return np.nonzero(dark.any(axis=1))[0]


def colour_columns(surface: pygame.Surface) -> np.ndarray:
    """x of the columns holding coloured picture (an emoji: never black ink, never grey)."""
    px = _rgba(surface)
    spread = px[..., :3].max(axis=2) - px[..., :3].min(axis=2)
    return np.nonzero(((spread > 80) & (px[..., 3] > 128)).any(axis=1))[0]


def test_letters_then_an_emoji_are_both_drawn_side_by_side() -> None:
    texts = TextCache()
    mixed = texts.text("I feel 👍", BOX, INK, 80, wrap=False, align="left")
    words = texts.text("I feel", BOX, INK, 80, wrap=False, align="left")
    thumb = texts.text("👍", BOX, INK, 80, wrap=False)
    letters, picture = dark_columns(mixed), colour_columns(mixed)
    assert letters.size and picture.size, "both the letters and the thumb are drawn"
    # The letters where "I feel" alone has them; the thumb after them, in colour, not a
    # black box (an empty box is what a font without the emoji draws).
    assert letters.max() < words.get_width() <= picture.min()
    assert len(picture) >= 0.9 * len(colour_columns(thumb))
    space = texts.font(80, "I feel").size(" ")[0]
    assert abs(mixed.get_width() - (words.get_width() + space + thumb.get_width())) <= 2
    # The single-line form (cut to a width with an ellipsis) draws the thumb too.
    assert colour_columns(texts.line("I feel 👍", 40, INK, 1000)).size


def test_a_message_that_grows_by_an_emoji_is_fitted_with_it() -> None:
    texts = TextCache()
    box = (200, 120)  # "I feel" fits at 80 px; with the thumb it must be smaller
    assert texts.fit_px("I feel", box, 80, wrap=False) == 80
    px = texts.fit_px("I feel 👍", box, 80, wrap=False)
    assert px < 80
    drawn = texts.text("I feel 👍", box, INK, 80, wrap=False, align="left")
    assert drawn.get_width() <= box[0] and drawn.get_height() <= box[1]
    assert colour_columns(drawn).size and dark_columns(drawn).size


def test_a_mixed_label_wraps_and_fits_its_cell() -> None:
    texts = TextCache()
    box = (170, 200)  # too narrow for "Pain 😣" on one line at its size
    label = texts.text("Pain 😣", box, INK, 90)
    assert label.get_width() <= box[0] and label.get_height() <= box[1]
    px = _rgba(label)
    spread = px[..., :3].max(axis=2) - px[..., :3].min(axis=2)
    colour_rows = np.nonzero(((spread > 80) & (px[..., 3] > 128)).any(axis=0))[0]
    dark_rows = np.nonzero(((px[..., :3].sum(axis=2) < 200) & (px[..., 3] > 128)).any(axis=0))[0]
    assert colour_rows.size, "the face is drawn in colour, as in its own cell"
    assert colour_rows.mean() > dark_rows.min() + (dark_rows.max() - dark_rows.min()) / 3, (
        "wrapped: the face on the line below the word"
    )


PAGE = Page(
    "home",
    "Feelings",
    2,
    2,
    tuple(Cell(w, Action.SPEAK) for w in ("Pain 😣", "👍", "Yes", "No")),
)


def _crop(surface: pygame.Surface, rect: Rect) -> pygame.Surface:
    return surface.subsurface(pygame.Rect(rect).clip(surface.get_rect())).copy()


def test_the_board_shows_the_whole_message_and_mixed_labels_at_1280x720() -> None:
    surface = pygame.Surface((1280, 720))
    view = board_view((1280, 720), PAGE, "I feel 👍", (), Chrome(status="camera: off"))
    BoardRenderer(surface).draw(view)
    bar = _crop(surface, view.message_rect)
    letters, picture = dark_columns(bar), colour_columns(bar)
    assert letters.size and picture.size, "the message bar shows the letters and the thumb"
    assert letters.min() < picture.min(), "read left to right: 'I feel', then the thumb"
    pain = _crop(surface, view.cells[0].rect)
    assert dark_columns(pain).size and colour_columns(pain).size


def test_hebrew_with_an_emoji_is_drawn_whole_right_to_left() -> None:
    fonts = FontChoice()
    assert fonts.face("שלום 👍").shown == "שלום 👍"
    assert fonts.undrawable("שלום 👍") == ""
    assert fonts.notice() is None  # nothing is left out: no banner for the carer
    drawn = TextCache(fonts).text("שלום 👍", BOX, INK, 80, wrap=False)
    letters, picture = dark_columns(drawn), colour_columns(drawn)
    assert letters.size and picture.size
    assert picture.max() < letters.min(), "the thumb follows the word: on its left"
    hebrew = TextCache(fonts).text("שלום", BOX, INK, 80, wrap=False)
    assert abs(len(letters) - len(dark_columns(hebrew))) <= 2  # the word as drawn alone


def test_writing_one_font_has_keeps_that_font() -> None:
    texts = TextCache()
    for label in ("I feel", "Yes, please", "שלום", "👍🏽"):
        assert texts.fonts.face(label).runs == ()
        assert isinstance(texts.font(80, label), pygame.font.Font)


@pytest.mark.parametrize(
    "label",
    ["\U0001f468\u200d\U0001f469\u200d\U0001f467" * 4, "\ufe0f", "\u200d"],
    ids=["families broken to fit", "variation selector", "joiner"],
)
@pytest.mark.parametrize("box", [(40, 40), (20, 80), (120, 50)])
def test_a_label_with_nothing_to_draw_in_a_piece_never_stops_the_drawing(
    label: str, box: tuple[int, int]
) -> None:
    """A row of emoji families broken to fit a small cell (or a label of a lone joiner) made
    pygame raise "Text has zero width": every frame failed, and after 50 the board stopped."""
    surface = TextCache().text(label, box, (0, 0, 0), 200)
    assert surface.get_width() <= box[0] and surface.get_height() <= box[1]
