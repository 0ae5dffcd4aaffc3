"""Hebrew, Arabic and emoji labels are drawn with a font that has them, never as empty boxes.

pygame's bundled font has no Hebrew, Arabic or emoji: it drew each such
character as the same empty rectangle, so "כן" and "לא" looked identical.
These tests need the fonts ``scripts/system-packages.sh`` installs (Debian's
fonts-noto-core and fonts-noto-color-emoji; DejaVu serves Hebrew and Arabic too).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pygame
import pytest

from commboard.adapters import font_choice
from commboard.adapters.font_choice import FontChoice
from commboard.board.layout_file import default_layout_path, load_layout, validate_command
from commboard.board.layout_warnings import glyph_warnings
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.text_fit import TextCache

StartBoard = Callable[..., BoardLoop]

BOX = (400, 120)
INK = (0, 0, 0)


@pytest.fixture(autouse=True)
def fonts() -> Iterator[None]:
    pygame.font.init()
    yield


def pixels(surface: pygame.Surface) -> bytes:
    return pygame.image.tobytes(surface, "RGBA")


def no_fonts_but_pygames() -> FontChoice:
    """A machine with no fonts installed: only pygame's own (Latin) font."""
    return FontChoice(dirs=(), use_fontconfig=False)


@pytest.mark.parametrize(("one", "other"), [("כן", "לא"), ("نعم", "ماء"), ("שלום", "אבגד")])
def test_different_non_latin_words_look_different(one: str, other: str) -> None:
    texts = TextCache()
    first, second = (texts.text(w, BOX, INK, 80) for w in (one, other))
    assert pixels(first) != pixels(second)  # boxes for every letter would be the same picture
    for word in (one, other):
        assert texts.fonts.face(word).path is not None
        assert texts.fonts.undrawable(word) == ""


def test_latin_labels_keep_pygames_own_font() -> None:
    assert FontChoice().face("Yes, please").path is None
    assert FontChoice().face("Καλημέρα").path is None  # FreeSans has Greek


def test_hebrew_is_shaped_right_to_left() -> None:
    texts = TextCache()
    face = texts.fonts.face("אב")
    assert face.rtl and face.script == "Hebr"
    shaped = texts.font(80, "אב").render("אב", True, INK)
    # The same font set left to right: alef must stand on the right, as if "בא" were typed.
    plain = pygame.font.Font(face.path, texts.font(80, "אב").point_size)
    plain.set_direction(pygame.DIRECTION_LTR)
    assert pixels(shaped) == pixels(plain.render("בא", True, INK))
    assert pixels(shaped) != pixels(plain.render("אב", True, INK))


def test_right_to_left_text_sits_on_the_right_of_a_left_aligned_box() -> None:
    surface = TextCache().text("כן", BOX, INK, 40, align="left")
    assert surface.get_width() == BOX[0]
    ink_columns = [
        x
        for x in range(surface.get_width())
        if any(surface.get_at((x, y)).a for y in range(surface.get_height()))
    ]
    assert min(ink_columns) > BOX[0] // 2


def test_an_emoji_is_drawn_in_colour_and_inside_its_box() -> None:
    texts = TextCache()
    assert texts.fonts.face("😀").color
    picture = texts.text("😀", BOX, INK, 80)
    assert picture.get_width() <= BOX[0] and picture.get_height() <= 80
    colours = {
        tuple(picture.get_at((x, y)))
        for x in range(picture.get_width())
        for y in range(picture.get_height())
    }
    assert any(a and r > b + 60 for r, _, b, a in colours)  # the yellow face, not black ink


def test_without_any_font_for_them_characters_are_left_out_not_boxed() -> None:
    texts = TextCache(no_fonts_but_pygames())
    assert texts.shown("😀 Happy") == "Happy"
    assert pixels(texts.text("😀 Happy", BOX, INK, 80)) == pixels(texts.text("Happy", BOX, INK, 80))
    assert texts.shown("你好") == ""
    assert texts.fonts.undrawable("你好 Hi") == "你好"


def test_validate_warns_about_characters_no_font_can_draw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(
        "format: 1\nhome: home\npages:\n  - id: home\n    title: בית\n    rows: 1\n    columns: 3\n"
        "    cells:\n      - {label: 你好, action: speak}\n      - {label: Home, action: home}\n"
        "      - {label: Nurse, action: alarm}\n",
        encoding="utf-8",
    )
    assert (
        validate_command([str(path)], undrawable=no_fonts_but_pygames().undrawable) == 0
    )  # a warning
    out = capsys.readouterr().out
    assert "cell '你好' has characters no installed font can draw (U+4F60, U+597D)" in out
    assert "title 'בית' has characters" in out
    assert "'Home'" not in out
    # With the system's fonts the Hebrew title is drawable.
    warnings = glyph_warnings(load_layout(path), FontChoice().undrawable)
    assert not any("בית" in w for w in warnings)


def test_the_shipped_layout_draws_every_label() -> None:
    layout = load_layout(default_layout_path("en"))
    assert glyph_warnings(layout, no_fonts_but_pygames().undrawable) == []


# One label in Chinese (no font here has it once the font folders are hidden).
CHINESE_LABEL = (
    "format: 1\nhome: home\npages:\n  - id: home\n    rows: 1\n    columns: 3\n"
    "    cells:\n      - {label: 你好 Hi, action: speak}\n      - {label: Home, action: home}\n"
    "      - {label: Nurse, action: alarm}\n"
)


def test_the_board_says_once_that_letters_are_left_out(
    start_board: StartBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(font_choice, "FONT_DIRS", ())
    monkeypatch.setattr(font_choice, "FC_LIST", "no-such-fc-list")
    loop = start_board(layout=CHINESE_LABEL)
    loop.draw()
    notices = [b.text for b in loop.view.banners if b.key == "fonts"]
    assert (
        len(notices) == 1
        and "(你 U+4F60, 好 U+597D)" in notices[0]
        and "fonts-noto-core" in notices[0]
    )
    assert loop.renderer.texts.fonts.notice() is None  # said once


def test_a_board_whose_letters_all_draw_shows_no_font_banner(start_board: StartBoard) -> None:
    loop = start_board(
        layout="format: 1\nhome: home\npages:\n  - id: home\n    rows: 1\n    columns: 3\n"
        "    cells:\n      - {label: שלום, action: speak}\n      - {label: Home, action: home}\n"
        "      - {label: Nurse, action: alarm}\n"
    )
    loop.draw()
    assert not [b for b in loop.view.banners if b.key == "fonts"]


def test_labels_in_a_script_already_met_ask_fontconfig_no_more(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[list[str]] = []
    real_run = font_choice.subprocess.run

    def counting_run(args: list[str], **kw: object) -> object:
        calls.append(args)
        return real_run(args, **kw)  # type: ignore[call-overload]

    monkeypatch.setattr(font_choice.subprocess, "run", counting_run)
    fonts = FontChoice()
    first = fonts.face("שלום")
    assert len(calls) == 1
    assert [fonts.face(w).path for w in ("כן", "לא", "אני צריך מים")] == [first.path] * 3
    assert len(calls) == 1  # the frame loop is not held up by a subprocess per label
    assert fonts.face("😀").color and fonts.face("😊").color  # emoji still go to the colour font


NUL_LABEL = """\
format: 1
name: From another app
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "\\0Drink"}
      - {label: "Tired"}
"""


def test_a_label_with_a_nul_character_is_drawn_without_it(
    start_board: StartBoard, tmp_path: Path
) -> None:
    # An OBF board's "\u0000" (or a hand-typed "\0" in YAML) passes import and
    # validate; pygame refuses to draw a NUL, so every frame failed and the
    # patient's screen stood still with an error in the log each frame.
    texts = TextCache()
    assert pixels(texts.text("\0Drink", BOX, INK, 80)) == pixels(texts.text("Drink", BOX, INK, 80))
    assert texts.line("a\0b", 40, INK, 300).get_size() == texts.line("ab", 40, INK, 300).get_size()
    loop = start_board(layout=NUL_LABEL)
    loop.safe_frame(loop.p.clock.now() + 1.0)
    loop.p.event_log.close()
    log = (tmp_path / "events.jsonl").read_text(encoding="utf-8")
    assert '"type": "error"' not in log
    assert "Some letters cannot be drawn" not in log  # nothing a font lacks: a NUL is no letter


def test_the_letters_banner_names_the_letters_in_a_form_it_can_draw(
    start_board: StartBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The banner listed the very letters no font has, so on screen it read
    # "Some letters cannot be drawn ( ): ...": the carer could not tell which.
    monkeypatch.setattr(font_choice, "FONT_DIRS", ())
    monkeypatch.setattr(font_choice, "FC_LIST", "no-such-fc-list")
    loop = start_board(layout=CHINESE_LABEL)
    loop.draw()
    [notice] = [b.text for b in loop.view.banners if b.key == "fonts"]
    shown = loop.renderer.texts.shown(notice)
    assert "U+4F60" in shown and "U+597D" in shown
