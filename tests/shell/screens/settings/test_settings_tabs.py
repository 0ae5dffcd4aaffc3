"""The settings screen's tabs are readable on every screen shape (issue 8 item 12).

On a portrait screen (720x1280) seven tabs in one row left "Scanning" at 9 px
while the rest of the screen was drawn at 25 px or more; narrow screens now
get two rows of tabs.
"""

from __future__ import annotations

import pygame
import pytest

from commboard.control.settings_screen_layout import screen_layout
from commboard.settings.fields import describe
from commboard.shell.screens.settings.settings_paint import GROUP_TITLES
from commboard.shell.screens.text_fit import TextCache

SIZES = [(720, 1280), (600, 1024), (1080, 1920), (800, 600), (1280, 720), (1920, 1080)]
# Every group of settings the screen shows, in its tab's words.
GROUPS = [
    GROUP_TITLES.get(g, g.title()) for g in dict.fromkeys(k.split(".")[0] for k, _, _ in describe())
]


@pytest.mark.parametrize("size", SIZES)
def test_every_tab_label_is_drawn_at_a_readable_size(size: tuple[int, int]) -> None:
    pygame.font.init()
    texts = TextCache()
    lay = screen_layout(size, len(GROUPS))
    sizes = {}
    for title, (_, _, w, h) in zip(GROUPS, lay.tabs, strict=True):
        box = (w - 16, h - 4)  # as settings_paint's Painter.box draws it
        sizes[title] = texts.fit_px(title, box, round(box[1] * 0.62))
    assert min(sizes.values()) >= 18, (size, sizes)
