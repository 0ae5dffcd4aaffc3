"""Drawing the camera view from its ``CameraReadings``: the picture with eye outlines, lines, warnings.

The picture is converted for pygame in memory and never written anywhere.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pygame

from commboard.control.board_view import Rect
from commboard.control.camera_readings import CameraReadings, EyeReading
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in
from commboard.vision import landmarks as lm

BACKGROUND = (11, 15, 20)
OPEN_COLOR = (46, 204, 113)
CLOSED_COLOR = (231, 76, 60)
WARN_BG = (255, 212, 0)
TEXT = (235, 238, 241)
# The letters are the carer menu's: B calibrates blinks there too.
HEADER = "Camera view - the picture is never saved.  B: calibrate blinks   Escape: back"


def to_surface(rgb: np.ndarray) -> pygame.Surface:
    """An RGB frame as a pygame surface (a copy in memory; never written anywhere)."""
    height, width = rgb.shape[:2]
    return pygame.image.frombuffer(np.ascontiguousarray(rgb).tobytes(), (width, height), "RGB")


def fit_rect(image: tuple[int, int], box: Rect) -> Rect:
    """The largest rectangle with the image's aspect ratio, centred in ``box``."""
    bx, by, bw, bh = box
    iw, ih = image
    scale = min(bw / max(1, iw), bh / max(1, ih))
    w, h = max(1, int(iw * scale)), max(1, int(ih * scale))
    return (bx + (bw - w) // 2, by + (bh - h) // 2, w, h)


def _outline(landmarks: np.ndarray, idx: Sequence[int], rect: Rect) -> list[tuple[float, float]]:
    x, y, w, h = rect
    return [(x + float(landmarks[i, 0]) * w, y + float(landmarks[i, 1]) * h) for i in idx]


def draw_eyes(
    surface: pygame.Surface, landmarks: np.ndarray, rect: Rect, eyes: Sequence[EyeReading]
) -> None:
    """Eye outlines on the shown picture: green open, red closed."""
    left, right = eyes
    width = max(2, rect[2] // 200)
    for reading, contour in ((left, lm.CONTOUR_LEFT), (right, lm.CONTOUR_RIGHT)):
        color = CLOSED_COLOR if reading.closed else OPEN_COLOR
        pygame.draw.lines(surface, color, True, _outline(landmarks, contour, rect), width)


def paint(surface: pygame.Surface, texts: TextCache, shown: CameraReadings) -> None:
    """Picture on the left, readings and warnings on the right."""
    width, height = surface.get_size()
    surface.fill(BACKGROUND)
    gap = max(8, height // 60)
    title = (gap, gap, width - 2 * gap, height // 10)
    header = HEADER
    blit_in(surface, texts.text(header, title[2:], PAPER, title[3] // 2), title, "left")
    box = (gap, title[3] + 2 * gap, width * 62 // 100, height - title[3] - 3 * gap)
    _picture(surface, texts, shown, box)
    side = (box[0] + box[2] + gap, box[1], width - box[2] - 3 * gap, box[3])
    _side(surface, texts, shown, side)


def _picture(surface: pygame.Surface, texts: TextCache, shown: CameraReadings, box: Rect) -> None:
    pygame.draw.rect(surface, (32, 38, 46), box)
    picture = shown.picture
    if picture is None:
        blit_in(surface, texts.text("No picture", box[2:], TEXT, box[3] // 8), box)
        return
    image = to_surface(picture.rgb)
    rect = fit_rect(image.get_size(), box)
    surface.blit(pygame.transform.smoothscale(image, rect[2:]), rect[:2])
    if shown.eyes is not None and picture.landmarks is not None:
        draw_eyes(surface, picture.landmarks, rect, shown.eyes)


def _side(surface: pygame.Surface, texts: TextCache, shown: CameraReadings, box: Rect) -> None:
    x, y, w, h = box
    line_h = h // 14
    for i, line in enumerate(shown.lines):
        rect = (x, y + i * line_h, w, line_h)
        blit_in(surface, texts.text(line, (w, line_h), TEXT, line_h * 3 // 4), rect, "left")
    top = y + 7 * line_h
    for i, text in enumerate(shown.warnings):
        rect = (x, top + i * (2 * line_h + 4), w, 2 * line_h)
        pygame.draw.rect(surface, WARN_BG, rect, border_radius=8)
        inner = (rect[0] + 8, rect[1] + 4, rect[2] - 16, rect[3] - 8)
        blit_in(surface, texts.text(text, inner[2:], INK, line_h * 3 // 4), inner)
