"""A layout without a call for help says so on the board (the patient could not call anyone)."""

from __future__ import annotations

from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.alarm_check import NO_ALARM_BANNER, AlarmCheck
from commboard.control.banners import ChromeState


def layout(*cells: Cell) -> Layout:
    return Layout("Imported", "en", "home", {"home": Page("home", "Home", 1, len(cells), cells)})


def shown(chrome: ChromeState) -> list[str]:
    return [b.text for b in chrome.chrome("", 0.0).banners if b.key == NO_ALARM_BANNER]


def test_a_layout_without_a_call_for_help_gets_a_banner_that_goes_with_it() -> None:
    chrome, check = ChromeState(), AlarmCheck()
    bare = layout(Cell("Yes", Action.SPEAK), Cell("No", Action.SPEAK))
    assert check.keep(chrome, bare, 0.0)
    assert shown(chrome) == [
        "Layout 'Imported' has no Call nurse cell: the patient cannot call for help with it. "
        "Add one (carer menu: E edits a page; A sets a cell to call for help)."
    ]
    assert not check.keep(chrome, bare, 1.0)  # checked once per layout, not every frame
    safe = layout(Cell("Yes", Action.SPEAK), Cell("Call nurse", Action.ALARM))
    assert check.keep(chrome, safe, 2.0)
    assert shown(chrome) == []
