"""Which layout labels cannot be read at a reference screen size: ``commboard validate``'s warning.

A label that cannot fit its cell at the readable floor (``text_fit.floor_px``)
is drawn smaller than the rest of its page, or broken between characters.
The carer should hear about it while editing the layout, not find it on the
patient's screen, so ``validate`` measures every label as the board would lay
it out at ``REFERENCE_SIZE`` and names the ones below the floor.
"""

from __future__ import annotations

import pygame

from commboard.board.model import Layout
from commboard.control.board_view import Chrome, board_view
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import TextCache, floor_px, is_key

REFERENCE_SIZE = (1280, 720)  # the common laptop and bedside screen the layouts are made for


def label_warnings(layout: Layout, size: tuple[int, int] = REFERENCE_SIZE) -> list[str]:
    """Plain-words warnings for labels that cannot fit their cell at the readable floor."""
    pygame.font.init()
    renderer = BoardRenderer(pygame.Surface(size), TextCache())
    warnings: list[str] = []
    for page in layout.pages.values():
        view = board_view(size, page, "", (), Chrome())
        for cell in view.cells:
            if is_key(cell.label):
                continue
            box = renderer.label_box(pygame.Rect(cell.rect), view.border_px).size
            floor = floor_px(box)
            fits = renderer.texts.fit_px(cell.label, box, floor)
            if fits < floor or not renderer.texts.fits_whole(cell.label, box, fits):
                warnings.append(
                    f"page '{page.id}': label '{cell.label}' does not fit its cell at the "
                    f"readable size at {size[0]}x{size[1]} ({fits} px, at least {floor} px "
                    "needed): it is drawn smaller than the rest of the page or broken "
                    "mid-word; shorten it or use fewer columns"
                )
    return warnings
