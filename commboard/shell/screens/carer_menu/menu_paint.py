"""Drawing the carer's button screens (menu, quit confirmation, layout picker) from a ``MenuView``.

Big buttons, each with the letter to press, over the dimmed board.  The
geometry (``button_rects``) is shared with the screens' mouse hit-testing,
so a click lands on what was drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from commboard.control.board_view import Rect
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in

PANEL = (32, 38, 46)
BUTTON = (241, 243, 244)
KEY_BADGE = (255, 212, 0)
# Enter and Space are the patient's switch keys, so menus never use them.
ONE_COLUMN = 6  # more entries than this go in two columns on a wide screen
HINT = "Press the letter, or click.  Escape: back.  Closes by itself after a minute unused."
TYPED_HINT = "Type it, then Enter.  Escape: back."


@dataclass(frozen=True, slots=True)
class MenuView:
    """One button screen as shown: its title, its buttons, and a typed path (if typing)."""

    title: str
    buttons: tuple[tuple[str, str], ...]  # (letter to press, label), top to bottom
    typed: str | None = None  # the path typed so far (the "Type a path" screen), else None


def button_rects(size: tuple[int, int], count: int) -> tuple[Rect, Rect, list[Rect]]:
    """Panel, title and button rectangles for a menu of ``count`` entries.

    On a wide screen a long menu (more than ``ONE_COLUMN`` entries) is two
    columns, read down the left one first, so its words stay large; one
    column of eleven was 14 px high at 1280×720.
    """
    width, height = size
    pw, ph = int(width * 0.7), int(height * 0.86)
    px, py = (width - pw) // 2, (height - ph) // 2
    # A tall, narrow screen keeps one column: the title gives the buttons more of its height.
    title = (px, py, pw, int(ph * (0.2 if width >= height else 0.14)))
    gap = max(6, ph // 60)
    room = ph - title[3] - title[3] // 2  # the hint line sits below the buttons
    columns = 2 if count > ONE_COLUMN and width > height else 1
    rows = -(-count // columns)
    slot_h = min(int(ph * 0.16), room // max(1, rows) - gap)
    margin = pw // 12
    slot_w = (pw - 2 * margin - (columns - 1) * gap) // columns
    buttons = [
        (px + margin + (i // rows) * (slot_w + gap), py + title[3] + (i % rows) * (slot_h + gap),
         slot_w, slot_h)
        for i in range(count)
    ]  # fmt: skip
    return (px, py, pw, ph), title, buttons


def paint_menu(surface: pygame.Surface, texts: TextCache, view: MenuView) -> None:
    """Dim the board, then the panel with the buttons (and the typed path, if any)."""
    size = surface.get_size()
    shade = pygame.Surface(size, pygame.SRCALPHA)
    shade.fill((0, 0, 0, 190))
    surface.blit(shade, (0, 0))
    panel, title, buttons = button_rects(size, len(view.buttons))
    pygame.draw.rect(surface, PANEL, panel, border_radius=16)
    pygame.draw.rect(surface, PAPER, panel, width=3, border_radius=16)
    inner = (title[0] + 20, title[1] + 10, title[2] - 40, title[3] - 20)
    blit_in(surface, texts.text(view.title, inner[2:], PAPER, title[3] // 3), inner)
    for button, rect in zip(view.buttons, buttons, strict=True):
        _button(surface, texts, rect, button)
    hint = (panel[0] + 20, panel[1] + panel[3] - title[3] // 2, panel[2] - 40, title[3] // 3)
    words = HINT if view.typed is None else TYPED_HINT
    blit_in(surface, texts.text(words, hint[2:], PAPER, hint[3]), hint)
    if view.typed is not None:
        _typed(surface, texts, view.typed)


def _typed(surface: pygame.Surface, texts: TextCache, typed: str) -> None:
    """The path typed so far, in a white box under the title, with a caret."""
    panel, title, _ = button_rects(surface.get_size(), 1)
    box = (panel[0] + 30, title[1] + title[3] + 20, panel[2] - 60, title[3])
    pygame.draw.rect(surface, PAPER, box, border_radius=8)
    inner = (box[0] + 12, box[1], box[2] - 24, box[3])
    shown = texts.text(typed + "|", inner[2:], INK, box[3] // 2, wrap=False, align="left")
    blit_in(surface, shown, inner, "left")


def inside(rect: Rect, x: int, y: int) -> bool:
    """Whether the point is in the rectangle (the screens' mouse hit-testing)."""
    rx, ry, rw, rh = rect
    return rx <= x < rx + rw and ry <= y < ry + rh


def _button(surface: pygame.Surface, texts: TextCache, rect: Rect, button: tuple[str, str]) -> None:
    shortcut, label = button
    x, y, w, h = rect
    pygame.draw.rect(surface, BUTTON, rect, border_radius=10)
    badge = (x + h // 8, y + h // 8, h * 3 // 4, h * 3 // 4)
    pygame.draw.rect(surface, KEY_BADGE, badge, border_radius=8)
    pygame.draw.rect(surface, INK, badge, width=3, border_radius=8)
    blit_in(surface, texts.text(shortcut.upper(), badge[2:], INK, h // 2), badge)
    box = (x + h, y + h // 10, w - h - h // 4, h - h // 5)
    blit_in(surface, texts.text(label, box[2:], INK, h // 2, align="left"), box, "left")
