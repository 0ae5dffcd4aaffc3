"""Drawing the calibration screen's view: very large words, a countdown, a progress bar, the result.

The patient may be far from the screen and tired: the words of the current
phase fill the upper half, the seconds left sit under them, a bar shows the
phase's progress and a yellow line says when the camera shows no face.
"""

from __future__ import annotations

import pygame

from commboard.control.calibration_screen_view import (
    BigWords,
    CalibrationView,
    PhaseView,
    ResultView,
)
from commboard.shell.screens.text_fit import PAPER, TextCache, blit_in

BACKGROUND = (11, 15, 20)
BAR = (64, 156, 255)
BAR_TRACK = (60, 66, 74)
WARN = (255, 212, 0)
TEXT = (235, 238, 241)


def paint(surface: pygame.Surface, texts: TextCache, view: CalibrationView | None) -> None:
    """The whole screen: the background, then the view (None: nothing started yet)."""
    surface.fill(BACKGROUND)
    match view:
        case BigWords(words=words, sub=sub):
            paint_big(surface, texts, words, sub)
        case PhaseView():
            paint_phase(surface, texts, view)
        case ResultView():
            paint_result(surface, texts, view)


def paint_big(surface: pygame.Surface, texts: TextCache, words: str, sub: str | None) -> None:
    """``words`` very large in the upper half, ``sub`` (if any) smaller under them."""
    width, height = surface.get_size()
    box = (width // 20, height // 8, width * 9 // 10, height * 2 // 5)
    blit_in(surface, texts.text(words, box[2:], PAPER, height // 5), box)
    if sub:
        small = (width // 20, height * 11 // 20, width * 9 // 10, height // 10)
        blit_in(surface, texts.text(sub, small[2:], TEXT, height // 14), small)


def paint_phase(surface: pygame.Surface, texts: TextCache, view: PhaseView) -> None:
    """The phase running: its words, the seconds left, the bar, a camera warning or the step."""
    if view.target is not None:
        paint_target(surface, texts, view, view.target)
        return
    width, height = surface.get_size()
    paint_big(surface, texts, view.words, f"{view.seconds_left:.0f} s")
    bar = (width // 10, height * 7 // 10, width * 8 // 10, height // 24)
    pygame.draw.rect(surface, BAR_TRACK, bar, border_radius=8)
    pygame.draw.rect(surface, BAR, (*bar[:2], int(bar[2] * view.done), bar[3]), border_radius=8)
    footer = (width // 20, height * 8 // 10, width * 9 // 10, height // 10)
    ink = WARN if view.warning else TEXT
    blit_in(surface, texts.text(view.footer, footer[2:], ink, height // 16), footer)


def paint_result(surface: pygame.Surface, texts: TextCache, view: ResultView) -> None:
    """The measurement, whether it was saved, and how to go back."""
    width, height = surface.get_size()
    box = (width // 20, height // 12, width * 9 // 10, height // 6)
    blit_in(surface, texts.text(view.title, box[2:], PAPER, height // 8), box)
    line_h = height // 12
    for n, line in enumerate(view.lines):
        rect = (width // 20, height // 3 + n * line_h, width * 9 // 10, line_h)
        blit_in(surface, texts.text(line, rect[2:], TEXT, line_h * 3 // 4), rect, "left")


def paint_target(
    surface: pygame.Surface, texts: TextCache, view: PhaseView, target: tuple[float, float]
) -> None:
    """A step with a place to look: a large ringed dot there, the words and bar kept clear of it.

    The words and the bar go in the band below the middle, the step and any
    camera warning in the band above; a dot in one of those bands (the check
    dots between the middle and the corners) moves that band to the middle.
    """
    width, height = surface.get_size()
    radius = max(12, min(width, height) * 6 // 100)
    centre = (int(target[0] * width), int(target[1] * height))
    dot_top, dot_bottom = centre[1] - radius * 3 // 2, centre[1] + radius * 3 // 2

    def clear(top: int, bottom: int) -> bool:
        return bottom < dot_top or top > dot_bottom

    words_top = height * 60 // 100
    if not clear(words_top, height * 77 // 100):
        words_top = height * 42 // 100
    footer_top = height * 26 // 100
    if not clear(footer_top, height * 35 // 100):
        footer_top = height * 45 // 100
    words = (width // 5, words_top, width * 3 // 5, height // 9)
    blit_in(surface, texts.text(view.words, words[2:], PAPER, height // 12), words)
    bar = (width // 5, words_top + height * 14 // 100, width * 3 // 5, height // 40)
    pygame.draw.rect(surface, BAR_TRACK, bar, border_radius=6)
    pygame.draw.rect(surface, BAR, (*bar[:2], int(bar[2] * view.done), bar[3]), border_radius=6)
    footer = (width // 5, footer_top, width * 3 // 5, height // 12)
    ink = WARN if view.warning else TEXT
    blit_in(surface, texts.text(view.footer, footer[2:], ink, height // 20), footer)
    pygame.draw.circle(surface, WARN, centre, radius)  # last: nothing is drawn over the dot
    pygame.draw.circle(surface, BACKGROUND, centre, radius // 3)
