"""Removing a page in the editor: the cells that open it go with it, and a removal that would
trap the patient, drop the call for help or strand other pages is refused in plain words."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.page_editor_answers import RemoveRequested, Stay
from commboard.control.page_editor_keys import EditorKeys
from commboard.control.page_removal import page_removal


def _three_pages() -> Layout:
    """Home opens More, More opens Deeper; the call for help is on Home."""
    home = Page(
        "home",
        "Home",
        2,
        2,
        (
            Cell("Yes", Action.SPEAK),
            Cell("Help", Action.ALARM, "Please call the nurse"),
            Cell("More", Action.GO, target="more"),
            None,
        ),
    )
    more = Page(
        "more",
        "More",
        1,
        3,
        (
            Cell("Back", Action.BACK),
            Cell("Water", Action.SPEAK),
            Cell("Deeper", Action.GO, target="deeper"),
        ),
    )
    deeper = Page("deeper", "Deeper", 1, 2, (Cell("Back", Action.BACK), Cell("Tea", Action.SPEAK)))
    return Layout("Three", "en", "home", {"home": home, "more": more, "deeper": deeper})


def test_a_page_on_the_board_can_be_removed_with_the_cells_that_open_it() -> None:
    layout = _three_pages()
    editor = EditorKeys(layout, "deeper")
    assert editor.press("z") == Stay()
    message = editor.view().message
    assert "Remove page 'Deeper'?" in message
    assert "The cells that open it are deleted too: page 'More', row 1, column 3 'Deeper'" in (
        message
    )
    assert editor.press("z") == RemoveRequested("deeper")
    removal = page_removal(layout, "deeper")
    assert removal.problems == ()
    assert "deeper" not in removal.layout.pages
    assert removal.layout.page("more").cells == (
        Cell("Back", Action.BACK),
        Cell("Water", Action.SPEAK),
        None,
    )


def test_the_shipped_pages_linked_from_home_can_be_removed() -> None:
    layout = load_layout(default_layout_path())
    editor = EditorKeys(layout, "pain")
    editor.press("z")
    assert "Remove page 'Pain'?" in editor.view().message
    assert editor.press("z") == RemoveRequested("pain")
    after = page_removal(layout, "pain").layout
    assert all(c is None or c.target != "pain" for page in after.pages.values() for c in page.cells)


def test_a_page_that_others_are_opened_through_is_refused_naming_them() -> None:
    editor = EditorKeys(_three_pages(), "more")
    assert editor.press("z") == Stay()
    assert editor.view().message == (
        "Page 'More' cannot be removed: these pages are opened only through it and would be lost"
        " to the patient: Deeper; remove them first, or link them from another page"
    )
    assert editor.press("z") == Stay()  # not a confirmation: nothing was asked


def test_the_page_with_the_only_call_for_help_is_refused() -> None:
    layout = _three_pages()
    home = layout.page("home")
    deeper = layout.page("deeper")
    moved = replace(
        layout,
        pages={
            **layout.pages,
            "home": replace(home, cells=(home.cells[0], None, home.cells[2], None)),
            "deeper": replace(deeper, cells=(*deeper.cells, Cell("Nurse", Action.ALARM))),
        },
    )
    assert page_removal(moved, "deeper").problems == (
        "it has the only call for help: add one on another page first",
    )


def test_a_removal_that_leaves_a_page_without_a_way_home_or_without_cells_is_refused() -> None:
    layout = _three_pages()
    # Deeper's only way out is a link to More: without More it would trap the patient.
    deeper = Page(
        "deeper", "Deeper", 1, 2, (Cell("Up", Action.GO, target="more"), Cell("Tea", Action.SPEAK))
    )
    home = layout.page("home")
    linked = replace(
        layout,
        pages={
            **layout.pages,
            "deeper": deeper,
            "home": replace(home, cells=(*home.cells[:3], Cell("D", Action.GO, target="deeper"))),
            "only": Page("only", "Only", 1, 1, (Cell("More", Action.GO, target="more"),)),
        },
    )
    problems = page_removal(linked, "more").problems
    assert "these pages would have no cells left: Only" in problems
    assert any("no way back to the home page: Deeper" in p for p in problems)


def test_home_the_recent_page_and_a_page_with_unsaved_changes_are_not_removed() -> None:
    layout = _three_pages()
    home = EditorKeys(layout, "home")
    home.press("z")
    assert "the home page cannot be removed" in home.view().message
    recent = Page("recent", "Recent", 1, 1, (Cell("Back", Action.BACK),))
    with_recent = replace(layout, pages={**layout.pages, "recent": recent})
    assert page_removal(with_recent, "recent").problems == (
        "the board makes this page itself; it is not in the layout's files",
    )
    edited = EditorKeys(layout, "deeper")
    edited.press("right")
    edited.press("c")  # a new colour for "Tea": an unsaved change
    assert edited.dirty
    assert edited.press("z") == Stay()
    assert "has changes not saved: S saves them or U undoes them" in edited.view().message
    assert edited.press("z") == Stay()
