"""What a carer or patient notices on the running board (acceptance review, issue 2).

Each test reads the board's render model or pixels, never timing: a board
that stopped scanning says so for as long as it waits; the carer menu's
banner goes on resume and the menu closes itself after a minute; titles do
not run into the status; one label size per page; failed speech does not
move the grid; problem banners name the path and line; SIGTERM ends cleanly.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from commboard.board.layout_file import LayoutProblem, load_layout_or_default
from commboard.board.model import Action, Cell, Page
from commboard.control.banners import history_notice, layout_notice, short_path
from commboard.control.board_status import WAITING_WORDS
from commboard.control.board_view import SCAN_BANNER, Chrome, board_view
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.board.render import BACKGROUND, BoardRenderer
from commboard.shell.screens.board.status_line import STATUS_BG
from commboard.shell.screens.text_fit import floor_px, is_key
from commboard.testing import YES_NO_LAYOUT, run_for

LAYOUT = YES_NO_LAYOUT


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> BoardLoop:
    return start_board(layout=LAYOUT)


def key(loop: BoardLoop, code: int, text: str = "", up: bool = True) -> None:
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text))
    run_for(loop, 0.01)  # events are read at the frame's time: the press starts here
    if up:
        run_for(loop, 0.6)  # held longer than the accidental-press filter
        pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text))
        run_for(loop, 0.05)


def scan_banner(loop: BoardLoop) -> str | None:
    assert loop.view is not None
    return next((b.text for b in loop.view.banners if b.key == SCAN_BANNER), None)


def events(tmp_path: Path) -> list[dict[str, object]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def wait_until_scanning_stops(loop: BoardLoop) -> None:
    for _ in range(600):
        stopped = not loop.session.highlighted and loop.session.next_deadline() is None
        if loop.view is not None and stopped and not loop.screens:
            return
        run_for(loop, 0.25)
    raise AssertionError("the scanner never stopped after its passes")


# -- 1. a stopped scanner says so, for as long as it waits ----------------------------


def test_a_board_that_stopped_scanning_says_so_until_the_switch_is_pressed(
    board: BoardLoop,
) -> None:
    assert scan_banner(board) is None  # scanning at start: nothing to say
    wait_until_scanning_stops(board)
    run_for(board, 120.0)  # a carer arriving two minutes later
    assert board.view is not None and board.view.cells and not board.session.highlighted
    assert scan_banner(board) == WAITING_WORDS
    assert "WAITING FOR SWITCH" in board.view.status
    key(board, pygame.K_SPACE)
    assert board.session.highlighted  # scanning again
    assert scan_banner(board) is None
    assert "WAITING" not in board.view.status


def test_the_carer_menu_pause_is_shown_while_open_and_gone_at_once_on_resume(
    board: BoardLoop,
) -> None:
    key(board, pygame.K_ESCAPE, up=False)
    assert board.screens and "carer menu" in (scan_banner(board) or "")
    run_for(board, 30.0)
    assert "carer menu" in (scan_banner(board) or "")
    key(board, pygame.K_r, "r", up=False)  # Resume
    assert not board.screens and board.session.highlighted
    assert board.view is not None
    assert not any("paused" in b.text.lower() for b in board.view.banners)


# -- 5. a forgotten carer menu closes itself ---------------------------------------------


def test_a_forgotten_quit_confirmation_goes_back_to_scanning_after_a_minute(
    tmp_path: Path, board: BoardLoop
) -> None:
    key(board, pygame.K_ESCAPE, up=False)
    key(board, pygame.K_q, "q", up=False)  # the quit confirmation, then nobody answers
    assert [type(s).__name__ for s in board.screens] == ["CarerMenu", "QuitConfirm"]
    run_for(board, 30.0)
    key(board, pygame.K_x, "x", up=False)  # a carer key (does nothing) restarts the minute
    run_for(board, 59.0)
    assert len(board.screens) == 2
    assert board.deadline() is not None  # the loop wakes for the timeout by itself
    run_for(board, 1.5)
    assert not board.screens and board.running
    assert board.session.highlighted and scan_banner(board) is None
    timeouts = [e for e in events(tmp_path) if e["type"] == "screen_timeout"]
    assert len(timeouts) == 1
    assert timeouts[0]["closed"] == ["CarerMenu", "QuitConfirm"]
    assert float(timeouts[0]["idle_s"]) >= 60.0  # type: ignore[arg-type]


# -- 3. page titles keep clear of the status ----------------------------------------------


def ink_columns(surface: pygame.Surface, rect: tuple[int, int, int, int]) -> list[int]:
    x, y, w, h = rect
    row_ys = range(y + 2, y + h - 2)
    return [
        cx
        for cx in range(x, x + w)
        if any(surface.get_at((cx, cy))[:3] not in (STATUS_BG, BACKGROUND) for cy in row_ys)
    ]


@pytest.mark.parametrize("size", [(1280, 720), (1080, 1920), (800, 600)])
def test_a_long_page_title_never_runs_into_the_status(size: tuple[int, int]) -> None:
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    page = Page("p", "Comfort and position and a very long title indeed, really", 1, 1,
                (Cell("Yes", Action.SPEAK),))  # fmt: skip
    status = "switch: blink + keyboard  |  scan 1.0 s row-column  |  camera: ok"
    renderer = BoardRenderer(surface)
    renderer.draw(board_view(size, page, "", (), Chrome(status=status)))
    full = board_view(size, page, "", (), Chrome(status=status))
    title_only = board_view(size, page, "", (), Chrome(status=""))
    renderer.draw(title_only)
    title_cols = ink_columns(surface, title_only.status_rect)
    renderer.draw(full)
    all_cols = ink_columns(surface, full.status_rect)
    status_cols = [c for c in all_cols if c > max(title_cols)]
    assert max(title_cols) <= size[0] // 3 + full.status_rect[3]  # the title keeps to its third
    gap = min(status_cols) - max(title_cols)
    assert gap >= max(6, full.status_rect[3] // 6)  # a clear gap (then a rule) between them
    assert max(status_cols) < size[0]  # the status stays on screen


# -- 4. one label size per page -------------------------------------------------------------


@pytest.mark.parametrize("size", [(1920, 1080), (1280, 720), (1080, 1920), (720, 1280)])
def test_every_page_uses_one_readable_label_size_except_labels_that_cannot_reach_it(
    size: tuple[int, int],
) -> None:
    pygame.display.init()
    pygame.font.init()
    surface = pygame.Surface(size)
    renderer = BoardRenderer(surface)
    layout, problems = load_layout_or_default(None)
    assert not problems
    for page in layout.pages.values():
        view = board_view(size, page, "", (), Chrome())
        sizes = renderer.label_sizes(view)
        labels = {c.index: c.label for c in view.cells}
        # Keys (single letters, numbers) are one group of their own, larger where they fit.
        keys = {i: px for i, px in sizes.items() if is_key(labels[i])}
        assert len(set(keys.values())) <= 1, (page.id, keys)
        words = {i: px for i, px in sizes.items() if i not in keys}
        common = max(words.values())
        box = renderer.label_box(pygame.Rect(view.cells[0].rect), view.border_px).size
        assert common >= floor_px(box), (page.id, common)  # the page's size is readable
        odd = {labels[i] for i, px in words.items() if px != common}
        # Only labels that cannot fit at the floor shrink alone, and they are few.
        for label in odd:
            assert renderer.texts.fit_px(label, box, common) < floor_px(box), (page.id, label)
        assert len(odd) <= max(1, len(sizes) // 5), (page.id, odd)
        renderer.draw(view)  # and it draws: each label fits its cell at that size
        for cell in view.cells:
            box = renderer.label_box(pygame.Rect(cell.rect), view.border_px)
            text = renderer.texts.text(cell.label, box.size, (0, 0, 0), sizes[cell.index])
            assert text.get_width() <= box.width and text.get_height() <= box.height


def test_breathing_and_uncomfortable_are_as_large_as_their_neighbours_on_a_landscape_board() -> (
    None
):
    pygame.display.init()
    pygame.font.init()
    size = (1280, 720)
    renderer = BoardRenderer(pygame.Surface(size))
    layout, _ = load_layout_or_default(None)
    for page in layout.pages.values():
        view = board_view(size, page, "", (), Chrome())
        sizes = renderer.label_sizes(view)
        for cell in view.cells:
            if cell.label in ("Breathing", "Uncomfortable"):
                assert sizes[cell.index] >= 0.75 * max(sizes.values()), (page.id, cell.label)


# -- 7. failed speech does not move the grid --------------------------------------------------


def test_words_shown_instead_of_speech_leave_the_grid_where_it_is_in_large_text() -> None:
    pygame.display.init()
    pygame.font.init()
    size = (1280, 720)
    layout, _ = load_layout_or_default(None)
    page = layout.pages[layout.home]
    normal = board_view(size, page, "I am", (0,), Chrome())
    said = board_view(size, page, "I am", (0,), Chrome(said="I am thirsty"))
    assert [c.rect for c in said.cells] == [c.rect for c in normal.cells]
    assert said.message_rect == normal.message_rect
    surface = pygame.Surface(size)
    BoardRenderer(surface).draw(said)
    x, y, w, h = said.message_rect
    dark_rows = [
        cy
        for cy in range(y + h // 10, y + h - h // 10)
        if any(surface.get_at((cx, cy))[:3] == (0, 0, 0) for cx in range(x + w // 5, x + w - 10, 3))
    ]
    assert max(dark_rows) - min(dark_rows) >= 0.45 * h  # letters at least half the bar tall


# -- 8/9. problem banners name the path and the line -------------------------------------------


def test_a_broken_layout_banner_names_its_path_shortened_from_the_left_and_the_line(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    deep = tmp_path / "carers" / "ward seven" / "bed twelve" / "layouts" / "mine"
    deep.mkdir(parents=True)
    broken = deep / "pain.yaml"
    broken.write_text(LAYOUT.replace('{label: "No"}', '{label: "No", action: spek}'))
    loop = start_board(layout=broken)
    assert loop.view is not None
    text = next(b.text for b in loop.view.banners if b.key == "layout")
    assert "mine/pain.yaml line 11" in text and "spek" in text
    assert text.startswith("Layout .../") and str(tmp_path) not in text
    notice = layout_notice([LayoutProblem(Path("layouts/en/pain.yaml"), 7, "bad")])
    assert notice.startswith("Layout layouts/en/pain.yaml line 7: bad")
    assert short_path("/a/b/c.yaml") == "/a/b/c.yaml"
    assert short_path("/" + "x" * 80 + "/pain.yaml", 30) == ".../pain.yaml"


def test_damaged_history_lines_are_shown_by_file_and_line_and_logged(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    history = tmp_path / "history.jsonl"
    good = (
        '{"time": "2024-01-01T10:00:00+00:00", "text": "Yes", "page": "home", "source": "keyboard"}'
    )
    history.write_text(f"{good}\n{{broken\n{good}\nnot json either\n", encoding="utf-8")
    before = history.read_bytes()
    loop = start_board(layout=LAYOUT, history=history)
    try:
        assert loop.view is not None
        text = next(b.text for b in loop.view.banners if b.key == "history")
        assert "history.jsonl" in text and "lines 2, 4" in text
        loop.p.end_at = loop.now  # run writes the start of the log, then stops at once
        loop.run()
    finally:
        app.close(loop)
    assert history.read_bytes() == before  # left as it was
    logged = [e["text"] for e in events(tmp_path) if e["type"] == "history_problem"]
    assert len(logged) == 2 and "line 2" in str(logged[0]) and "line 4" in str(logged[1])
    assert "could not read" in history_notice(["/h.jsonl: could not read history (denied)"])


# -- 6. SIGTERM and SIGINT end the board cleanly --------------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_ends_the_board_cleanly_with_a_stop_line(tmp_path: Path, signum: int) -> None:
    log = tmp_path / "events.jsonl"
    env = {**os.environ, "COMMBOARD_CONFIG_DIR": str(tmp_path / "config")}
    env.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    layout = tmp_path / "board.yaml"
    layout.write_text(LAYOUT, encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "commboard", "run", "--headless", "--camera", "none",
         "--speech", "none", "--layout", str(layout), "--history", str(tmp_path / "h.jsonl"),
         "--event-log", str(log), "--max-seconds", "120"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:  # fmt: skip
        try:
            for _ in range(600):  # wait (up to a minute) for the board to be on screen
                if log.exists() and '"first_frame"' in log.read_text(encoding="utf-8"):
                    break
                time.sleep(0.1)
            proc.send_signal(signum)
            _, stderr = proc.communicate(timeout=30)
        finally:
            if proc.poll() is None:
                proc.kill()
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    name = signal.Signals(signum).name
    assert proc.returncode == 0, stderr
    assert records[-1]["type"] == "stop" and records[-1]["reason"] == f"signal {name}"
    assert not any(r["type"] == "screen" for r in records)  # no quit confirmation opened


def test_numbers_and_letters_are_not_shrunk_to_the_longest_word() -> None:
    pygame.display.init()
    pygame.font.init()
    size = (1280, 720)
    renderer = BoardRenderer(pygame.Surface(size))
    layout, _ = load_layout_or_default(None)
    view = board_view(size, layout.page("pain"), "", (), Chrome())
    sizes = renderer.label_sizes(view)
    by_label = {c.label: sizes[c.index] for c in view.cells}
    # The 0-10 pain scale reads at a glance: larger than the words around it.
    assert by_label["5"] > by_label["Head"]
    assert by_label["10"] == by_label["0"]
