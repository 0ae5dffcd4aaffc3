"""Changing layout from the carer menu (issue 8, item 7): the real board, headless.

A broken layout chosen in the carer menu leaves the layout in use and says
why (file and line); a layout that loads is remembered in the profile and
the board opens with it next time (``--layout`` still wins); a remembered
layout that no longer loads gives the default layout and a banner; the
picker lists the carer's own layouts folder and the remembered layout.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest
import yaml

from commboard.adapters.layout_loading import LayoutLoading
from commboard.board.layout_file import load_layout
from commboard.board.model import Layout
from commboard.shell.loop import BoardLoop
from commboard.testing import TWO_PAGE_LAYOUT

StartBoard = Callable[..., BoardLoop]

BROKEN = (
    "format: 1\nhome: home\npages:\n  - id: home\n    rows: two\n    columns: 1\n    cells: [Hi]\n"
)


def named(name: str) -> str:
    """The two-page test layout under another name."""
    return TWO_PAGE_LAYOUT.replace("name: Two pages", f"name: {name}")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    """Press and release a key, then let the board handle it (0.5 s later)."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    loop.p.clock.advance_to(loop.now + 0.5)
    loop.safe_frame(loop.p.clock.now())


def type_layout_path(loop: BoardLoop, path: Path) -> None:
    """Carer menu, Change layout, Type a path, the path, Enter."""
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")
    key(loop, pygame.K_t, "t")
    for ch in str(path):
        key(loop, 0, ch)
    key(loop, pygame.K_RETURN)


def banners(loop: BoardLoop) -> str:
    assert loop.view is not None
    return " | ".join(b.text for b in loop.view.banners)


def records(tmp_path: Path, kind: str) -> list[dict[str, object]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["type"] == kind]


def profile_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "profiles" / "default.yaml"


def test_a_broken_layout_from_the_menu_keeps_the_layout_in_use_and_says_why(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop = start_board(layout=named("Ward board"))
    broken = write(tmp_path / "broken.yaml", BROKEN)
    type_layout_path(loop, broken)
    assert loop.screens == []
    assert loop.session.layout.name == "Ward board"  # not the default English pages
    shown = banners(loop)
    assert "broken.yaml line 5" in shown and "'two'" in shown
    assert "still using 'Ward board'" in shown and "default" not in shown
    assert not profile_file(tmp_path).exists()  # nothing remembered
    (failed,) = records(tmp_path, "layout")
    assert failed["kept"] == "Ward board" and "broken.yaml:5" in str(failed["problems"])


def test_the_layout_chosen_in_the_menu_is_remembered_across_restarts(
    tmp_path: Path, start_board: StartBoard
) -> None:
    mine = write(tmp_path / "mine" / "board.yaml", named("Anna's board"))
    loop = start_board("--scan-interval", "4")
    assert loop.session.layout.name == "English bedside"
    type_layout_path(loop, mine)
    assert loop.session.layout.name == "Anna's board"
    saved = yaml.safe_load(profile_file(tmp_path).read_text(encoding="utf-8"))
    assert saved["board"]["layout"] == str(mine.resolve())
    assert saved["scan"]["interval_s"] == 1.0  # the one-run --scan-interval is not saved
    again = start_board()
    assert again.session.layout.name == "Anna's board"
    other = write(tmp_path / "other.yaml", named("Other board"))
    assert start_board(layout=other).session.layout.name == "Other board"  # --layout wins


def test_a_remembered_layout_that_no_longer_loads_gives_the_default_and_a_banner(
    tmp_path: Path, start_board: StartBoard
) -> None:
    mine = write(tmp_path / "mine.yaml", named("Anna's board"))
    type_layout_path(start_board(), mine)
    write(mine, BROKEN)  # edited by hand since, and broken
    loop = start_board()
    assert loop.session.layout.name == "English bedside"
    shown = banners(loop)
    assert "mine.yaml line 5" in shown and "remembered" in shown


def test_the_picker_lists_the_carers_layouts_folder_and_the_remembered_layout(
    tmp_path: Path, start_board: StartBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = tmp_path / "data" / "commboard" / "layouts"
    write(own / "kitchen" / "layout.yaml", "format: 1\nname: Kitchen\nhome: home\n")
    write(own / "night.yaml", named("Night board"))
    elsewhere = write(tmp_path / "usb" / "anna.yaml", named("Anna's board"))
    type_layout_path(start_board(), elsewhere)  # remembered, from a place of the carer's own
    loop = start_board(layout=named("Ward board"))
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_l, "l")
    labels = [label for _, label in loop.screens[-1].view().buttons]
    assert labels[:2] == [
        "Ward board (board.yaml) - in use",
        "Anna's board (anna.yaml) - remembered",
    ]
    assert "English bedside (en)" in labels
    assert "Kitchen (kitchen)" in labels and "Night board (night.yaml)" in labels
    key(loop, 0, str(labels.index("Night board (night.yaml)") + 1))
    assert loop.session.layout.name == "Night board"


def test_a_slow_layout_loads_off_the_frame_loop_while_scanning_and_the_alarm_go_on(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """Issue 8, item 15: a layout that takes long to load never stops the board meanwhile."""
    released, started = threading.Event(), threading.Event()

    def slow(path: Path) -> Layout:
        started.set()
        assert released.wait(10.0), "the test never released the load"
        return load_layout(path)

    loop = start_board(layout=named("Ward board"))
    loop.layout_loading = LayoutLoading(background=True, load=slow)
    big = write(tmp_path / "big.yaml", named("Big board"))
    type_layout_path(loop, big)
    assert started.wait(5.0)
    assert loop.screens == [] and not loop.session.paused  # back on the working board
    assert "Loading layout big.yaml" in banners(loop)
    lit = set()
    for _ in range(8):  # scanning goes on, 8 virtual seconds, while the load waits
        key(loop, 0)
        assert loop.view is not None
        lit.add(tuple(c.index for c in loop.view.cells if c.highlighted))
    assert len(lit) > 1 and loop.session.layout.name == "Ward board"
    assert loop.layout_loading.next_deadline(loop.now) == pytest.approx(loop.now + 0.05)
    click_cell(loop, "More")
    click_cell(loop, "Help")  # the nurse call works while the layout loads
    assert loop.view is not None and loop.view.alarm == "Please call the nurse"
    released.set()
    deadline = time.monotonic() + 5.0
    while loop.layout_loading.loading is not None and time.monotonic() < deadline:
        time.sleep(0.01)
        key(loop, 0)
    assert loop.session.layout.name == "Big board"
    assert "Loading layout" not in banners(loop)
    assert loop.view.alarm == "Please call the nurse" and loop.session.paused  # still held
    key(loop, pygame.K_ESCAPE)  # the carer stops the alarm: the new board scans
    assert loop.view.alarm is None and not loop.session.paused


def click_cell(loop: BoardLoop, label: str) -> None:
    assert loop.view is not None
    x, y, w, h = next(c for c in loop.view.cells if c.label == label).rect
    pygame.event.post(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x + w // 2, y + h // 2))
    )
    loop.p.clock.advance_to(loop.now + 0.1)
    loop.safe_frame(loop.p.clock.now())


def test_a_profile_that_cannot_be_read_is_not_overwritten_to_remember_a_layout(
    tmp_path: Path, start_board: StartBoard
) -> None:
    profile = write(profile_file(tmp_path), "scan: [\n  oops\n")
    loop = start_board()
    mine = write(tmp_path / "mine.yaml", named("Anna's board"))
    type_layout_path(loop, mine)
    assert loop.session.layout.name == "Anna's board"  # in use all the same
    assert "could not be remembered" in banners(loop)
    assert profile.read_text(encoding="utf-8") == "scan: [\n  oops\n"


def test_a_home_folder_of_nobody_typed_or_remembered_never_stops_the_board(
    tmp_path: Path, start_board: StartBoard
) -> None:
    """``~nurse/board`` (the home of a user this computer does not have), typed in the menu or
    remembered in the profile: pathlib's expanduser raised RuntimeError, so the board did not
    start, and the typed path was an error in the frame loop."""
    nobody = "~no-such-user-here/board.yaml"
    loop = start_board(layout=named("Ward board"))
    type_layout_path(loop, Path(nobody))
    assert loop.screens == [] and loop.session.layout.name == "Ward board"
    assert "no-such-user-here" in banners(loop)
    profile = profile_file(tmp_path)
    write(profile, f"version: 2\nboard:\n  layout: '{nobody}'\n")
    again = start_board()
    assert again.session.layout.name == "English bedside"
    assert "remembered" in banners(again)
