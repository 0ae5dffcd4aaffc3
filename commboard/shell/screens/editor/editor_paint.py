"""Drawing the page editor from an ``EditorView``: the page's grid on the left, the cell on the right.

The geometry (``grid_rects``) is shared with the screen's mouse hit-testing,
so a click selects the cell that was drawn there.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from commboard.control.board_view import Rect
from commboard.control.page_editor_view import EditorCellView, EditorView
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in, color, ink_for

BACKGROUND = (24, 28, 34)
PANEL = (40, 46, 56)
EMPTY = (60, 66, 76)
DEFAULT_CELL = (241, 243, 244)
SELECTED = (0, 114, 206)  # the editor's cursor: blue, never the scan highlight's yellow
MARKED = (255, 140, 0)
PROBLEM = (220, 40, 40)
HELP_INK = (170, 180, 190)
HELP = (
    "Arrows: choose  L label  W words  A action  G link  C colour  H hold  I picture  N new  D delete  "
    "M move (or drag)  X swap  + - rows  > < columns  T title  R page id  O new page  K copy page  "
    "Z remove page  U undo  Y redo  P say it  S save  Esc leave"
)


def areas(size: tuple[int, int]) -> tuple[Rect, Rect, Rect, Rect]:
    """(title, grid, side panel, bottom lines) rectangles."""
    width, height = size
    pad = max(8, width // 120)
    title_h, bottom_h = height // 12, height // 6
    grid_w = int(width * 0.66)
    title = (pad, pad, width - 2 * pad, title_h)
    grid = (pad, 2 * pad + title_h, grid_w - 2 * pad, height - title_h - bottom_h - 4 * pad)
    side = (grid_w, grid[1], width - grid_w - pad, grid[3])
    bottom = (pad, height - bottom_h - pad, width - 2 * pad, bottom_h)
    return title, grid, side, bottom


def id_button(size: tuple[int, int]) -> Rect:
    """The page id's button at the right of the title line (a click: type a new id, as R)."""
    x, y, w, h = areas(size)[0]
    width = w * 3 // 10
    return (x + w - width, y + h // 8, width, h * 3 // 4)


def grid_rects(size: tuple[int, int], rows: int, columns: int) -> list[Rect]:
    """Each slot's rectangle, row by row."""
    _, (gx, gy, gw, gh), _, _ = areas(size)
    gap = max(3, min(gw, gh) // 100)
    cw, ch = (gw - gap * (columns - 1)) // columns, (gh - gap * (rows - 1)) // rows
    return [
        (gx + c * (cw + gap), gy + r * (ch + gap), cw, ch)
        for r in range(rows)
        for c in range(columns)
    ]


def _cell(
    surface: pygame.Surface,
    texts: TextCache,
    rect: Rect,
    cell: EditorCellView | None,
    picture: pygame.Surface | None,
) -> None:
    if cell is None:
        pygame.draw.rect(surface, EMPTY, rect, border_radius=6)
    else:
        fill = color(cell.color, DEFAULT_CELL)
        pygame.draw.rect(surface, fill, rect, border_radius=6)
        ink = ink_for(fill)
        # Words and picture keep inside the cursor's frame: it is drawn over the cell.
        edge = cursor_width(rect[2])
        x, y, w, h = rect[0] + edge, rect[1] + edge, rect[2] - 2 * edge, rect[3] - 2 * edge
        label_box = (x, y, w, h * 2 // 3)
        if picture is not None:  # picture in the top half, label under it
            surface.blit(picture, (x + (w - picture.get_width()) // 2, y))
            label_box = (x, y + h // 2, w, h // 6 + 2)
        blit_in(surface, texts.text(cell.label, label_box[2:], ink, h // 3), label_box)
        doing_box = (x, y + h * 2 // 3, w, h - h * 2 // 3)
        blit_in(surface, texts.text(cell.doing, doing_box[2:], ink, h // 7), doing_box)
    w = rect[2]
    frames = [
        (PROBLEM, cell is not None and cell.problem),
        (MARKED, cell is not None and cell.marked),
    ]
    for frame, shown in frames:
        if shown:
            pygame.draw.rect(surface, frame, rect, width=max(4, w // 25), border_radius=6)


def picture_box(rect: Rect) -> tuple[int, int]:
    """The size a cell's picture is drawn at: the top half inside the cursor's frame."""
    edge = 2 * cursor_width(rect[2])
    return rect[2] - edge, (rect[3] - edge) // 2


def cursor_width(cell_w: int) -> int:
    """How thick the frame round the selected cell is (a cell's words keep inside it)."""
    return max(6, cell_w // 16)


def paint_editor(
    surface: pygame.Surface,
    texts: TextCache,
    view: EditorView,
    cursor: int,
    picture: Callable[[str, tuple[int, int]], pygame.Surface | None] = lambda p, s: None,
) -> None:
    """The whole editor over the board; ``picture`` gives a cell's picture scaled to a box."""
    size = surface.get_size()
    surface.fill(BACKGROUND)
    title, _, side, bottom = areas(size)
    mark = " (unsaved changes)" if view.dirty else ""
    button = id_button(size)
    title = (title[0], title[1], button[0] - title[0] - 8, title[3])
    blit_in(
        surface, texts.text(view.title + mark, title[2:], PAPER, title[3] * 2 // 3), title, "left"
    )
    pygame.draw.rect(surface, PANEL, button, border_radius=8)
    inner = (button[0] + 8, button[1], button[2] - 16, button[3])
    label = f"R  page id: {view.page_id}"
    blit_in(surface, texts.text(label, inner[2:], PAPER, button[3] * 2 // 3), inner)
    for index, (rect, cell) in enumerate(
        zip(grid_rects(size, view.rows, view.columns), view.cells, strict=True)
    ):
        shown = None
        if cell is not None and cell.picture is not None:
            shown = picture(cell.picture, picture_box(rect))
        dragged = view.drag is not None and index == view.drag.source
        _cell(surface, texts, rect, None if dragged else cell, shown)  # its slot shows empty
        if index == cursor and view.drag is None:
            pygame.draw.rect(surface, SELECTED, rect, width=cursor_width(rect[2]), border_radius=6)
    if view.drag is not None:
        _drag(surface, texts, view, picture)
    _side(surface, texts, side, view)
    _bottom(surface, texts, bottom, view)


def _drag(
    surface: pygame.Surface,
    texts: TextCache,
    view: EditorView,
    picture: Callable[[str, tuple[int, int]], pygame.Surface | None],
) -> None:
    """A drag: the drop slot framed, and the cell drawn under the pointer, following it."""
    drag = view.drag
    assert drag is not None
    rects = grid_rects(surface.get_size(), view.rows, view.columns)
    if drag.target is not None:
        rect = rects[drag.target]
        pygame.draw.rect(surface, MARKED, rect, width=max(6, rect[2] // 12), border_radius=6)
    cell = view.cells[drag.source]
    _, _, w, h = rects[drag.source]
    w, h = w * 4 // 5, h * 4 // 5
    floating = (drag.x - w // 2, drag.y - h // 2, w, h)
    shown = None
    if cell is not None and cell.picture is not None:
        shown = picture(cell.picture, picture_box(floating))
    _cell(surface, texts, floating, cell, shown)
    pygame.draw.rect(surface, SELECTED, floating, width=max(4, w // 20), border_radius=6)


def _side(surface: pygame.Surface, texts: TextCache, rect: Rect, view: EditorView) -> None:
    pygame.draw.rect(surface, PANEL, rect, border_radius=10)
    x, y, w, h = rect
    line_h = h // max(8, len(view.details) * 2)
    for n, (name, value) in enumerate(view.details):
        top = y + 10 + n * 2 * line_h
        blit_in(
            surface,
            texts.text(name, (w - 20, line_h), (170, 180, 190), line_h),
            (x + 10, top, w - 20, line_h),
            "left",
        )
        box = (x + 10, top + line_h, w - 20, line_h)
        blit_in(surface, texts.text(value, box[2:], PAPER, line_h, align="left"), box, "left")


def _bottom(surface: pygame.Surface, texts: TextCache, rect: Rect, view: EditorView) -> None:
    x, y, w, h = rect
    third = h // 3
    if view.prompt is not None:
        box = (x, y, w, third)
        pygame.draw.rect(surface, PAPER, box, border_radius=6)
        shown = texts.text(
            view.prompt + "|", (w - 20, third), INK, third * 2 // 3, wrap=False, align="left"
        )
        blit_in(surface, shown, (x + 10, y, w - 20, third), "left")
    else:
        message = (x, y, w, third)
        blit_in(
            surface,
            texts.text(view.message, message[2:], PAPER, third * 2 // 3, align="left"),
            message,
            "left",
        )
    helpbox = (x, y + third, w, h - third)
    blit_in(
        surface,
        texts.text(HELP, helpbox[2:], HELP_INK, third * 2 // 3, align="left"),
        helpbox,
        "left",
    )
