"""The settings list shows a scroll bar when a tab has more settings than rows on screen.

The blink tab has more settings than fit at 1280x720; the list used to
scroll as the selection moved with nothing saying that more lay below.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pygame
import pytest

from commboard.control.settings_screen_layout import screen_layout
from commboard.settings import Settings
from commboard.shell.screens.settings.settings_paint import MUTED, PANEL, scroll_track
from commboard.shell.screens.settings.settings_screen import SettingsScreen
from commboard.shell.screens.text_fit import TextCache

SIZE = (1280, 720)


class FakeBoard:
    def __init__(self) -> None:
        self.settings = Settings()
        self.layouts_root = Path(".")

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "cfg"))


@pytest.fixture(scope="module")
def surface() -> pygame.Surface:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    return pygame.Surface(SIZE)


def thumb_rows(screen: SettingsScreen, surface: pygame.Surface) -> np.ndarray:
    """The pixel rows of the scroll track drawn in the thumb's colour (empty: no thumb)."""
    surface.fill((0, 0, 0))
    screen.draw(surface, TextCache(), 0.0)
    x, y, w, h = scroll_track(screen_layout(SIZE, len(screen.groups)))
    column = pygame.surfarray.array3d(surface)[x + w // 2, y : y + h]
    return np.flatnonzero((column == MUTED).all(axis=1))


def track_colour(screen: SettingsScreen, surface: pygame.Surface) -> set[tuple[int, ...]]:
    x, y, w, h = scroll_track(screen_layout(SIZE, len(screen.groups)))
    column = pygame.surfarray.array3d(surface)[x + w // 2, y : y + h]
    return {tuple(int(v) for v in c) for c in column}


def test_a_tab_longer_than_the_list_shows_where_the_rows_shown_are(
    surface: pygame.Surface,
) -> None:
    screen = SettingsScreen(FakeBoard(), now=0.0)
    screen.select_group(screen.groups.index("blink"))
    rows = len(screen_layout(SIZE, len(screen.groups)).rows)
    tab = len(screen.group_rows())
    assert tab > rows, "the blink tab must not fit for this test to mean anything"

    view = screen.view(rows)
    assert view.hidden == (0, tab - rows)
    top = thumb_rows(screen, surface)
    assert top.size and top[0] <= 2, "the thumb starts at the top"

    screen.select(screen.group_rows()[-1])  # the last blink setting: scrolled to the end
    assert screen.view(rows).hidden == (tab - rows, 0)
    end = thumb_rows(screen, surface)
    track_h = scroll_track(screen_layout(SIZE, len(screen.groups)))[3]
    assert end[-1] >= track_h - 3 and end[0] > top[0], "the thumb moved to the bottom"
    assert abs(end.size - top.size) <= 2 and top.size < track_h, "its length is the share shown"


def test_a_tab_that_fits_has_no_scroll_bar(surface: pygame.Surface) -> None:
    screen = SettingsScreen(FakeBoard(), now=0.0)
    screen.select_group(screen.groups.index("speech"))
    assert screen.view(len(screen_layout(SIZE, len(screen.groups)).rows)).hidden == (0, 0)
    assert thumb_rows(screen, surface).size == 0
    assert track_colour(screen, surface) == {PANEL}
