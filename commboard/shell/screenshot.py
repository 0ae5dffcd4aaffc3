"""``commboard screenshot``: the real board drawn headless, as a person would see it.

Uses the same session, view and renderer as a running board, on a virtual
clock, so the picture is what a patient sees a moment after the page opens
(the first row highlighted).
"""

from __future__ import annotations

from collections.abc import Sequence

import pygame

from commboard.board.layout_file import LayoutProblem
from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.settings import Settings
from commboard.shell.chrome import ChromeState, layout_notice
from commboard.shell.render import BoardRenderer
from commboard.shell.view import Banner, board_view

START = 1000.0


def board_image(
    surface: pygame.Surface,
    layout: Layout,
    settings: Settings,
    *,
    page: str | None = None,
    problems: Sequence[LayoutProblem] = (),
    message: str = "",
) -> None:
    """Draw the board on ``surface`` as it looks right after ``page`` opens."""
    session = Session(layout, settings, START)
    session.tick(START)
    if page is not None:
        session.open_page(page, START)
    session.tick(START + 0.01)
    chrome = ChromeState()
    if problems:
        chrome.show(Banner("layout", layout_notice(problems)), START)
    scan = settings.scan
    status = f"switch: keyboard  |  scan {scan.interval_s:.1f} s {scan.pattern.replace('_', '-')}"
    view = board_view(
        surface.get_size(),
        session.page,
        message or session.message,
        session.highlighted,
        chrome.chrome(status + "  |  camera: off", START),
        highlight_color=settings.display.highlight_color,
        border_scale=settings.display.border_scale,
        enlarge_highlight=settings.display.enlarge_highlight,
    )
    BoardRenderer(surface).draw(view)
