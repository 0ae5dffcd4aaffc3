"""Pictures of the board: ``commboard screenshot`` and a running board's ``--screenshots``.

``board_image`` uses the same session, view and renderer as a running board,
on a virtual clock, so the picture is what a patient sees a moment after the
page opens (the first row highlighted).  ``Screenshots`` saves the running
board after every selection and page change.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pygame

from commboard.board.layout_file import LayoutProblem
from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.clock import VirtualClock
from commboard.control.banners import ChromeState, layout_notice
from commboard.control.board_view import board_view, layout_folder
from commboard.effects import Banner
from commboard.predict.predictor import Predictor
from commboard.settings import Settings
from commboard.shell.screens.board.render import BoardRenderer

# How long after the page opens the picture is taken: the first scan step is showing.
SETTLE_S = 0.01


def board_image(
    surface: pygame.Surface,
    layout: Layout,
    settings: Settings,
    clock: VirtualClock,
    *,
    page: str | None = None,
    problems: Sequence[LayoutProblem] = (),
    message: str = "",
    predictor: Predictor | None = None,
) -> None:
    """Draw the board on ``surface`` as it looks right after ``page`` opens.

    ``clock`` is moved on by ``SETTLE_S``: the board opens at its ``now``.
    ``predictor`` fills the Spell page's word slots (None: they are empty).
    """
    start = clock.now()
    session = Session(layout, settings, start, predictor=predictor)
    session.tick(start)
    if page is not None:
        session.open_page(page, start)
    clock.advance_to(start + SETTLE_S)
    session.tick(clock.now())
    chrome = ChromeState()
    if problems:
        chrome.show(Banner("layout", layout_notice(problems)), start)
    scan = settings.scan
    status = f"switch: keyboard  |  scan {scan.interval_s:.1f} s {scan.pattern.replace('_', '-')}"
    view = board_view(
        surface.get_size(),
        session.page,
        message or session.message,
        session.highlighted,
        chrome.chrome(status + "  |  camera: off", start),
        highlight_color=settings.display.highlight_color,
        border_scale=settings.display.border_scale,
        enlarge_highlight=settings.display.enlarge_highlight,
        pictures_from=layout_folder(layout.source),
    )
    BoardRenderer(surface).draw(view)


class Screenshots:
    """A running board's ``--screenshots``: one PNG after each selection or page change.

    The loop marks a picture ``due`` (from the session's ``select``/``page``
    log records) and calls ``take`` after drawing the board and before any
    carer screen: the camera view paints the live camera picture, which must
    never reach disk.
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder  # None: no screenshots
        self.due: str | None = None  # why the next picture is taken ("select", "page")
        self._count = 0

    def take(self, surface: pygame.Surface) -> None:
        """Save the board if a picture is due (and a folder was given); nothing is due after."""
        if self.due and self.folder is not None:
            self._count += 1
            path = self.folder / f"{self._count:04d}-{self.due}.png"
            pygame.image.save(surface, str(path))
        self.due = None
