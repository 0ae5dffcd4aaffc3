"""The editor's picture picker: the layout's pictures and the shipped symbols as tiles, a typed
filter, "No picture", a file typed by path (plain messages when it cannot be used), and names for
copies that never replace a picture already there."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell
from commboard.board.symbols import symbol_names
from commboard.control.page_save_checks import cell_problems
from commboard.control.picture_picker import (
    PER_PAGE,
    Cancelled,
    Picked,
    PicturePicker,
    TypePath,
    copy_name,
    typed_file_problem,
)

SYMBOLS = tuple(symbol_names())


def _picker(current: str | None = None) -> PicturePicker:
    return PicturePicker(("images/dog.png", "images/mum.jpg"), SYMBOLS, current, "Drink")


def test_the_tiles_are_no_picture_a_file_the_layouts_pictures_then_the_symbols() -> None:
    tiles = _picker().tiles()
    assert [t.name for t in tiles[:4]] == [
        "No picture",
        "A file elsewhere...",
        "dog.png",
        "mum.jpg",
    ]
    assert [t.image for t in tiles[4:]] == list(SYMBOLS)
    assert tiles[4 + SYMBOLS.index("symbols/call-nurse.svg")].name == "call nurse"
    assert _picker().view().title == "Picture for 'Drink'"


def test_typing_filters_and_enter_picks_the_symbol() -> None:
    picker = _picker()
    for ch in "drin":
        picker.press(ch)
    assert [t.image for t in picker.tiles()[2:]] == ["symbols/drink.svg"]
    assert picker.view().message == "1 picture matches 'drin'."
    assert picker.press("enter") == Picked("symbols/drink.svg")


def test_no_picture_clears_and_escape_changes_nothing() -> None:
    picker = _picker("symbols/drink.svg")
    assert (
        picker.view().tiles[picker.view().selected or 0].image == "symbols/drink.svg"
    )  # starts on it
    assert picker.pick(0) == Picked(None)
    assert picker.press("escape") == Cancelled()
    assert picker.pick(1) == TypePath()


def test_arrows_turn_the_pages_and_backspace_widens_the_filter() -> None:
    picker = _picker()
    assert picker.view().page == 0 and picker.view().pages == -(-(len(SYMBOLS) + 4) // PER_PAGE)
    for _ in range(3):
        picker.press("down")  # past the last row of the first page
    assert picker.view().page == 1
    picker.turn(-1)
    assert picker.view().page == 0 and picker.cursor == 0
    picker.press("z")
    picker.press("z")
    assert len(picker.tiles()) == 2  # nothing matches "zz": only No picture and A file
    picker.press("backspace")
    picker.press("backspace")
    assert len(picker.tiles()) == len(SYMBOLS) + 4


def test_a_typed_path_that_does_not_exist_gives_a_plain_message() -> None:
    assert typed_file_problem("/media/usb/sarah.png", False, None) == (
        "There is no file at /media/usb/sarah.png.  Check the path and type it again, or Esc."
    )
    assert "not a picture" in (typed_file_problem("/home/a/notes.txt", True, 10) or "")
    assert "up to 5 MB" in (typed_file_problem("/home/a/huge.png", True, 9_000_000) or "")
    assert typed_file_problem("/home/a/sarah.png", True, 20_000) is None


def test_a_copy_never_takes_the_name_of_a_picture_already_there() -> None:
    assert copy_name("Sarah at the beach.JPG", set()) == "images/Sarah-at-the-beach.jpg"
    taken = {"images/dog.png", "images/dog-2.png"}
    assert copy_name("dog.png", taken) == "images/dog-3.png"
    assert copy_name("../../etc/évil name.svg", set()) == "images/vil-name.svg"


def test_a_save_naming_a_symbol_that_does_not_ship_is_refused_with_the_validators_words() -> None:
    cell = Cell("Drink", Action.SPEAK, image="symbols/drinks.svg")
    assert cell_problems(cell, set()) == ["there is no shipped symbol 'symbols/drinks.svg'"]
    assert cell_problems(replace(cell, image="symbols/drink.svg"), set()) == []
