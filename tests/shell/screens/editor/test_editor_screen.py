"""The page editor on the real board, headless: a carer edits a phrase, hears it, saves it,
and the patient's next choice of that cell speaks the new words."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.board.layout_file import default_layout_path
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.base import ChangeLayout
from commboard.shell.screens.editor.editor_paint import (
    HELP,
    HELP_INK,
    areas,
    cursor_width,
    grid_rects,
    id_button,
)
from commboard.shell.screens.editor.editor_screen import EditorScreen
from commboard.shell.screens.editor.page_id_entry import PageIdEntry
from commboard.testing import TWO_PAGE_LAYOUT, RecordingSpeaker, run_for

StartBoard = Callable[..., BoardLoop]


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.2)


def type_text(loop: BoardLoop, text: str) -> None:
    for ch in text:
        key(loop, pygame.K_SPACE if ch == " " else 0, ch)


def choose(loop: BoardLoop, label: str) -> None:
    """The patient's choice, by a click on the cell (chooses at once)."""
    assert loop.view is not None
    x, y, w, h = next(c for c in loop.view.cells if c.label == label).rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.1)


def _board(start_board: StartBoard, **kwargs: object) -> tuple[BoardLoop, RecordingSpeaker]:
    loop = start_board(draw=False, **kwargs)
    speaker = RecordingSpeaker()
    loop.p.speaker = speaker
    loop.safe_frame(loop.p.clock.now())
    return loop, speaker


def test_edit_a_phrase_hear_it_save_it_and_the_patient_says_the_new_words(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, speaker = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)  # carer menu
    key(loop, pygame.K_e, "e")  # Edit this page
    assert isinstance(loop.screens[-1], EditorScreen)
    key(loop, pygame.K_DOWN)  # "Thank you"
    key(loop, pygame.K_w, "w")  # type the words it says
    for _ in "Thank you very much":
        key(loop, pygame.K_BACKSPACE)
    type_text(loop, "Thank you, Sarah")
    key(loop, pygame.K_RETURN)
    key(loop, pygame.K_p, "p")  # say it
    assert speaker.said[-1] == "Thank you, Sarah"
    key(loop, pygame.K_s, "s")  # save
    assert loop.screens == []  # back on the board, scanning
    board_file = tmp_path / "board.yaml"
    assert '{label: "Thank you", text: "Thank you, Sarah"}' in board_file.read_text()
    assert (tmp_path / "board.yaml.bak").read_text() == TWO_PAGE_LAYOUT
    choose(loop, "Thank you")
    assert speaker.said[-1] == "Thank you, Sarah"
    app.close(loop)  # flushes the history
    history = [json.loads(line) for line in (tmp_path / "h.jsonl").read_text().splitlines()]
    assert [h["text"] for h in history] == ["Thank you, Sarah"]  # "say it" is not history


def test_the_built_in_layout_is_copied_and_the_board_uses_the_copy(
    tmp_path: Path, start_board: StartBoard
) -> None:
    before = (default_layout_path() / "home.yaml").read_bytes()
    loop, _ = _board(start_board)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_d, "d")  # delete "Yes", then undo: it is back
    key(loop, pygame.K_u, "u")
    key(loop, pygame.K_c, "c")  # a new colour for "Yes"
    key(loop, pygame.K_s, "s")
    assert (default_layout_path() / "home.yaml").read_bytes() == before
    copy = tmp_path / "data" / "commboard" / "layouts" / "en-mine"
    assert loop.session.layout.source == copy
    run_for(loop, 0.1)
    assert loop.view is not None
    shown = " ".join(b.text for b in loop.view.banners)
    assert f"The built-in layout was copied to {copy}" in shown
    assert loop.settings.board.layout == str(copy)  # remembered for the next start


def test_leaving_with_unsaved_changes_asks_and_a_refused_save_names_the_cell(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    screen = loop.screens[-1]
    assert isinstance(screen, EditorScreen)
    for _ in range(3):
        key(loop, pygame.K_RIGHT)  # stops at "No", the last column
    key(loop, pygame.K_DOWN)  # "More" (go to more)
    key(loop, pygame.K_d, "d")  # the only link to "more": its alarm would be unreachable
    key(loop, pygame.K_s, "s")
    assert loop.screens[-1] is screen  # not saved, still editing
    assert "Not saved" in screen.keys.view().message
    assert "call for help" in screen.keys.view().message
    key(loop, pygame.K_ESCAPE)
    assert loop.screens[-1] is screen and "Unsaved changes" in screen.keys.view().message
    key(loop, pygame.K_q, "q")
    assert loop.screens and not isinstance(loop.screens[-1], EditorScreen)  # back in the menu
    assert (tmp_path / "board.yaml").read_text() == TWO_PAGE_LAYOUT


def test_a_picture_chosen_in_the_editor_is_saved_and_drawn(
    tmp_path: Path, start_board: StartBoard
) -> None:
    folder = tmp_path / "mine"
    (folder / "images").mkdir(parents=True)
    (folder / "layout.yaml").write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    dot = pygame.Surface((20, 20))
    dot.fill((200, 30, 30))
    pygame.image.save(dot, str(folder / "images" / "yes.png"))
    loop, _ = _board(start_board, layout=folder)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_i, "i")  # the picker: its first match for "yes" is the layout's own
    type_text(loop, "yes")
    key(loop, pygame.K_RETURN)
    key(loop, pygame.K_s, "s")
    assert '{label: "Yes", image: images/yes.png}' in (folder / "layout.yaml").read_text()
    assert loop.view is not None
    yes = next(c for c in loop.view.cells if c.label == "Yes")
    assert yes.picture == str(folder / "images" / "yes.png")


def test_a_page_added_in_the_editor_opens_from_its_new_cell(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_PLUS, "+")  # a new row for the link
    key(loop, pygame.K_DOWN)
    key(loop, pygame.K_DOWN)
    key(loop, pygame.K_o, "o")
    type_text(loop, "Family")
    key(loop, pygame.K_RETURN)
    key(loop, pygame.K_s, "s")
    assert loop.screens == []
    assert "family" in loop.session.layout.pages
    choose(loop, "Family")
    assert loop.session.page.id == "family"


def test_a_click_selects_the_cell_under_it(tmp_path: Path, start_board: StartBoard) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    screen = loop.screens[-1]
    assert isinstance(screen, EditorScreen)
    rects = grid_rects(loop.p.surface.get_size(), 2, 2)
    x, y, w, h = rects[3]
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    run_for(loop, 0.1)
    assert screen.keys.edit.cursor == 3


def _mouse(kind: int, pos: tuple[int, int], **fields: object) -> None:
    pygame.event.post(pygame.event.Event(kind, pos=pos, **fields))


def _centre(rect: tuple[int, int, int, int]) -> tuple[int, int]:
    x, y, w, h = rect
    return x + w // 2, y + h // 2


def test_a_cell_dragged_with_the_mouse_moves_there_and_u_undoes_it(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    screen = loop.screens[-1]
    assert isinstance(screen, EditorScreen)
    rects = grid_rects(loop.p.surface.get_size(), 2, 2)
    (x0, y0), (x1, y1) = _centre(rects[0]), _centre(rects[3])
    _mouse(pygame.MOUSEBUTTONDOWN, (x0, y0), button=1)
    _mouse(pygame.MOUSEMOTION, ((x0 + x1) // 2, (y0 + y1) // 2), buttons=(1, 0, 0), rel=(1, 1))
    _mouse(pygame.MOUSEMOTION, (x1, y1), buttons=(1, 0, 0), rel=(1, 1))
    run_for(loop, 0.1)
    drag = screen.keys.view().drag
    assert drag is not None and (drag.source, drag.target) == (0, 3)  # the drop slot is framed
    _mouse(pygame.MOUSEBUTTONUP, (x1, y1), button=1)
    run_for(loop, 0.1)
    labels = [c.label if c else None for c in screen.keys.edit.page.cells]
    assert labels == ["No", "Thank you", "More", "Yes"]  # moved there, the others shift along
    key(loop, pygame.K_u, "u")
    assert [c.label if c else None for c in screen.keys.edit.page.cells] == [
        "Yes",
        "No",
        "Thank you",
        "More",
    ]
    _mouse(pygame.MOUSEBUTTONDOWN, (x0, y0), button=1)
    _mouse(pygame.MOUSEMOTION, (x1, y1), buttons=(1, 0, 0), rel=(1, 1))
    _mouse(pygame.MOUSEMOTION, (2, 2), buttons=(1, 0, 0), rel=(1, 1))
    _mouse(pygame.MOUSEBUTTONUP, (2, 2), button=1)  # released outside the grid: cancelled
    run_for(loop, 0.1)
    assert not screen.keys.dirty and "outside the grid" in screen.keys.view().message
    _mouse(pygame.MOUSEBUTTONDOWN, _centre(rects[1]), button=1)  # a click still selects
    _mouse(pygame.MOUSEBUTTONUP, _centre(rects[1]), button=1)
    run_for(loop, 0.1)
    assert screen.keys.edit.cursor == 1 and not screen.keys.dirty


def test_a_page_renamed_in_the_editor_is_saved_with_its_links_and_opens_from_them(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    choose(loop, "More")
    assert loop.session.page.id == "more"
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    key(loop, pygame.K_r, "r")  # the typed-line screen, starting from the id it has
    entry = loop.screens[-1]
    assert isinstance(entry, PageIdEntry) and entry.typed == "more"
    for _ in "more":
        key(loop, pygame.K_BACKSPACE)
    type_text(loop, "home")  # taken: refused, the line stays open to type another
    key(loop, pygame.K_RETURN)
    assert loop.screens[-1] is entry and "already called 'home'" in entry.view().title
    for _ in "home":
        key(loop, pygame.K_BACKSPACE)
    type_text(loop, "extra")
    key(loop, pygame.K_RETURN)
    assert loop.screens[-1] is editor and editor.keys.edit.page.id == "extra"
    assert "1 cell that opens it will follow" in editor.keys.view().message
    key(loop, pygame.K_s, "s")
    assert loop.screens == []
    text = (tmp_path / "board.yaml").read_text(encoding="utf-8")
    assert (
        "- id: extra" in text and "target: extra" in text and "more" not in text.replace("More", "")
    )
    assert "extra" in loop.session.layout.pages and "more" not in loop.session.layout.pages
    choose(loop, "More")
    assert loop.session.page.id == "extra"  # the link follows the new id


def test_the_page_id_button_is_reached_with_the_mouse(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    _mouse(pygame.MOUSEBUTTONDOWN, _centre(id_button(loop.p.surface.get_size())), button=1)
    run_for(loop, 0.1)
    assert isinstance(loop.screens[-1], PageIdEntry)
    key(loop, pygame.K_ESCAPE)  # keeps the id
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen) and editor.keys.edit.page.id == "home"


def _ink_rows(
    surface: pygame.Surface, rect: tuple[int, int, int, int], ink: tuple[int, ...]
) -> int:
    """How many pixel rows of ``rect`` have ``ink`` in them (the height the text takes)."""
    x, y, w, h = rect
    return sum(
        any(surface.get_at((px, py))[:3] == ink for px in range(x, x + w, 2))
        for py in range(y, y + h)
    )


def test_the_keys_line_is_readable_on_a_small_screen(start_board: StartBoard) -> None:
    # On an 800x480 screen (a small laptop, a tablet) the line naming the keys
    # was drawn about 6 px high, though its box had room for twice that: a
    # carer could not read which key does what.
    loop = start_board("--windowed", "800x480", layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    assert isinstance(loop.screens[-1], EditorScreen)
    loop.draw()
    surface = loop.p.surface
    _, _, _, bottom = areas(surface.get_size())
    third = bottom[3] // 3
    helpbox = (bottom[0], bottom[1] + third, bottom[2], bottom[3] - third)
    lines = _ink_rows(surface, helpbox, HELP_INK)
    assert lines >= 2 * 9, f"the keys take {lines} rows of pixels"  # two lines of 12 px letters


def _relabel_thank_you(loop: BoardLoop) -> None:
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_DOWN)  # "Thank you"
    key(loop, pygame.K_l, "l")
    for _ in "Thank you":
        key(loop, pygame.K_BACKSPACE)
    type_text(loop, "Thanks")
    key(loop, pygame.K_RETURN)


def test_a_page_changed_on_disk_meanwhile_is_not_overwritten_and_leaving_reads_it_again(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """Another carer changed "Yes" in the file while this editor was open.  The save used to
    say only "the page did not read back as edited", and leaving and editing again started
    from the board's old copy, so every save was refused.  Now the carer is told why, and
    leaving reads the layout again: the next edit keeps both changes."""
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    _relabel_thank_you(loop)
    screen = loop.screens[-1]
    board_file = tmp_path / "board.yaml"
    theirs = TWO_PAGE_LAYOUT.replace('{label: "Yes"}', '{label: "Yes", text: "Yes please"}')
    board_file.write_text(theirs)
    key(loop, pygame.K_s, "s")
    assert isinstance(screen, EditorScreen) and loop.screens[-1] is screen
    assert "board.yaml was changed after the board read it" in screen.keys.view().message
    assert board_file.read_text() == theirs
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_q, "q")  # leave without saving
    run_for(loop, 0.5)
    assert loop.screens == []
    yes = loop.session.layout.page("home").cells[0]
    assert yes is not None and yes.spoken == "Yes please"  # the board shows the file as it is
    _relabel_thank_you(loop)
    key(loop, pygame.K_s, "s")
    assert loop.screens == []
    text = board_file.read_text()
    assert '{label: "Yes", text: "Yes please"}' in text
    assert '{label: "Thanks", text: "Thank you very much"}' in text


THREE_PAGES = TWO_PAGE_LAYOUT.replace(
    '      - {label: Water, text: "I would like some water"}\n',
    '      - {label: Water, text: "I would like some water"}\n'
    "      - {label: Tea, action: go, target: tea}\n",
).replace("columns: 3", "columns: 4") + (
    "  - id: tea\n    title: Tea\n    rows: 1\n    columns: 2\n    cells:\n"
    "      - {label: Back, action: back}\n      - {label: Milk, text: With milk}\n"
)


def test_the_page_on_the_board_is_removed_with_z_z_and_its_link_goes_with_it(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=THREE_PAGES)
    choose(loop, "More")
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    key(loop, pygame.K_z, "z")  # More has the only call for help: refused, nothing asked
    assert "only call for help" in editor.keys.view().message
    key(loop, pygame.K_ESCAPE)  # back to the carer menu
    key(loop, pygame.K_r, "r")  # resume
    assert loop.screens == []
    choose(loop, "Tea")
    assert loop.session.page.id == "tea"
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    key(loop, pygame.K_z, "z")
    assert "The cells that open it are deleted too: page 'More', row 1, column 3 'Tea'" in (
        editor.keys.view().message
    )
    key(loop, pygame.K_z, "z")
    assert loop.screens == []  # back on the board, scanning
    assert "tea" not in loop.session.layout.pages
    assert loop.session.page.id in loop.session.layout.pages
    run_for(loop, 0.1)
    assert loop.view is not None
    assert "Page 'Tea' removed (kept as board.yaml.bak)" in " ".join(
        b.text for b in loop.view.banners
    )
    assert (tmp_path / "board.yaml.bak").read_text(encoding="utf-8") == THREE_PAGES
    text = (tmp_path / "board.yaml").read_text(encoding="utf-8")
    assert "id: tea" not in text and "target: tea" not in text
    run_for(loop, 5.0)  # the board keeps running on what is left
    assert loop.view is not None and loop.screens == []


def test_a_removal_refused_for_a_change_on_disk_reads_the_layout_again_on_leaving(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """Z Z was refused because another carer had changed the page with the link meanwhile,
    and the refusal said "Leave (Escape, Q): the board reads the layout again"; but leaving
    only closed the editor, the board kept its old copy, and every later Z Z or save of
    that page was refused the same way."""
    loop, _ = _board(start_board, layout=THREE_PAGES)
    choose(loop, "More")
    choose(loop, "Tea")
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    board_file = tmp_path / "board.yaml"
    theirs = THREE_PAGES.replace('"I would like some water"', '"Water with ice please"')
    board_file.write_text(theirs, encoding="utf-8")
    key(loop, pygame.K_z, "z")
    key(loop, pygame.K_z, "z")
    assert "board.yaml was changed after the board read it" in editor.keys.view().message
    assert board_file.read_text(encoding="utf-8") == theirs
    key(loop, pygame.K_ESCAPE)
    run_for(loop, 0.5)
    assert loop.screens == []
    water = [c for c in loop.session.layout.page("more").cells if c and c.label == "Water"]
    assert water[0].spoken == "Water with ice please"  # the board shows the file as it is


def test_every_key_of_the_editor_in_the_docs_is_named_on_its_screen() -> None:
    """O (new page), K (copy the page) and Z (remove it) were in docs/editor.md but not on the
    editor's keys line: a carer at the bedside, without the docs, could not find them."""
    docs = Path(__file__).parents[4] / "docs" / "editor.md"
    table = docs.read_text(encoding="utf-8").split("| key | does |")[1].split("\n\n")[0]
    rows = [row for row in table.splitlines() if not row.startswith("| **Escape**")]
    letters = sorted({k for row in rows for k in re.findall(r"\*\*([A-Z])\*\*", row)})
    assert "Z" in letters and len(letters) > 15
    missing = [k for k in letters if not re.search(rf"(^|\s){k}(\s|$)", HELP)]
    assert missing == []


def test_a_forgotten_editor_gives_the_board_back_and_its_typing_comes_back_with_it(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, speaker = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_DOWN)  # "Thank you"
    key(loop, pygame.K_w, "w")
    type_text(loop, ", Sarah")
    key(loop, pygame.K_RETURN)  # typed, not saved: then the carer is called away
    run_for(loop, 301.0)
    assert not loop.screens and loop.session.highlighted, "the patient has the board back"
    assert loop.view is not None
    shown = " ".join(b.text for b in loop.view.banners)
    assert "unsaved edits to page" in shown and "kept" in shown
    assert (tmp_path / "board.yaml").read_text() == TWO_PAGE_LAYOUT  # nothing saved by itself
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_q, "q")  # quitting now would drop the kept edits: the question says so
    assert "unsaved edits to page" in loop.screens[-1].title  # type: ignore[attr-defined]
    key(loop, pygame.K_n, "n")
    key(loop, pygame.K_e, "e")  # Edit this page again: the typing is back, still unsaved
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen) and editor.keys.dirty
    assert "are back" in editor.keys.view().message
    key(loop, pygame.K_s, "s")
    assert (
        '{label: "Thank you", text: "Thank you very much, Sarah"}'
        in (tmp_path / "board.yaml").read_text()
    )
    choose(loop, "Thank you")
    assert speaker.said[-1] == "Thank you very much, Sarah"
    log = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert {"name": "EditorScreen", "resumed": True}.items() <= next(
        e for e in log if e.get("resumed")
    ).items()


def test_edits_kept_for_one_layout_do_not_open_over_another(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_d, "d")  # an unsaved deletion
    kept = loop.screens[-1]
    run_for(loop, 301.0)
    assert not loop.screens
    loop.act(ChangeLayout(default_layout_path()))  # the board now shows the built-in layout
    run_for(loop, 0.5)
    assert loop.session.layout.source == default_layout_path()
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    fresh = loop.screens[-1]
    assert isinstance(fresh, EditorScreen) and fresh is not kept and not fresh.keys.dirty
    assert loop.kept_drafts() != []  # still kept for its own layout


def test_a_cells_words_stay_inside_the_frame_the_cursor_draws_over_it(
    start_board: StartBoard,
) -> None:
    loop, _ = _board(start_board, layout=TWO_PAGE_LAYOUT)
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_e, "e")
    key(loop, pygame.K_DOWN)  # "Thank you": long words, which wrap to the cell's bottom
    key(loop, pygame.K_w, "w")
    type_text(loop, ", Sarah, and please tell my daughter I said so")
    key(loop, pygame.K_RETURN)
    key(loop, pygame.K_RIGHT)  # the cursor leaves it: its words are drawn unframed
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen)
    surface = pygame.Surface((1280, 720))
    editor.draw(surface, loop.renderer.texts, loop.now)
    x, y, w, h = grid_rects((1280, 720), 2, 2)[2]
    edge = cursor_width(w)
    fill = surface.get_at((x + w // 2, y + edge // 2))
    band = [(px, py) for px in range(x + 8, x + w - 8) for py in (*range(y + 1, y + edge),
            *range(y + h - edge, y + h - 1))]  # fmt: skip
    band += [(px, py) for py in range(y + 8, y + h - 8) for px in (*range(x + 1, x + edge),
             *range(x + w - edge, x + w - 1))]  # fmt: skip
    inked = [p for p in band if surface.get_at(p) != fill]
    assert not inked, f"words where the cursor's frame goes: {inked[:5]}"
