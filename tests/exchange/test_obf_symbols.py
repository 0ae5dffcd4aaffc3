"""Shipped symbols through Open Board Format: exported with their bytes and OpenMoji's licence,
imported back as references (nothing copied), and another app's own ``symbols/`` pictures kept
as that app's pictures, not mistaken for ours."""

from __future__ import annotations

import json

from commboard.adapters.board_exchange import read_pictures
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.symbols import symbols_root
from commboard.exchange.obf_export import export_layout
from commboard.exchange.obf_import import import_archive
from commboard.exchange.obf_values import SYMBOL_LICENSE


def _layout() -> Layout:
    home = Page(
        "home",
        "Home",
        1,
        2,
        (
            Cell("Drink", Action.SPEAK, image="symbols/drink.svg"),
            Cell("Call nurse", Action.ALARM, image="symbols/call-nurse.svg"),
        ),
    )
    return Layout("Mine", "en", "home", {"home": home})


def test_an_exported_symbol_carries_its_picture_and_licence_and_comes_back_a_reference() -> None:
    layout = _layout()
    pictures = read_pictures(layout)
    assert pictures["symbols/drink.svg"] == (symbols_root() / "drink.svg").read_bytes()
    files = export_layout(layout, pictures).files
    assert files["symbols/drink.svg"] == pictures["symbols/drink.svg"]  # other apps see it
    board = json.loads(files["boards/home.obf"])
    assert board["images"][0]["license"] == SYMBOL_LICENSE
    assert board["images"][0]["path"] == "symbols/drink.svg"
    back = import_archive("mine.obz", files)
    assert back.layout.page("home") == layout.page("home")
    assert back.pictures == {}  # referenced, not copied into the new layout folder


def test_another_apps_symbols_folder_is_carried_as_its_own_pictures() -> None:
    files = export_layout(_layout(), read_pictures(_layout())).files
    files = {**files, "symbols/drink.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>"}
    back = import_archive("theirs.obz", files)
    drink = back.layout.page("home").cells[0]
    assert drink is not None and drink.image is not None
    assert drink.image.startswith("images/") and drink.image.endswith(".svg")
    assert back.pictures[drink.image] == files["symbols/drink.svg"]
    nurse = back.layout.page("home").cells[1]
    assert nurse is not None and nurse.image == "symbols/call-nurse.svg"
