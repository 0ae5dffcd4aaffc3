"""What is on screen, as plain data: the render model.

``board_view`` turns the session and the board's transient state (banners,
status, alarm, words shown because speech failed) into a ``BoardView`` with
every rectangle already laid out for the screen size.  The renderer only
paints it; tests read it (banner text, which cells are highlighted) without
looking at pixels.  No pygame here.

Proportions (fractions of the screen height) were chosen by looking at the
board at 800x600, 1280x720 and 1920x1080 from across a room.

The grid never moves while it is scanned: the band banners appear in is
always kept free between the grid and the status line, with or without a
banner (two banners share it side by side), so a banner going up or down
never shifts a cell under the patient's eyes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from commboard.board.model import Layout, Page
from commboard.board.symbols import picture_file
from commboard.effects import Banner

Rect = tuple[int, int, int, int]  # x, y, width, height

MESSAGE_H = 0.13  # message bar (also shows words that could not be spoken, in very large text)
STATUS_H = 0.055  # status line
BANNER_H = 0.07  # one problem banner
MARGIN = 0.012  # outer margin and gap between cells, fraction of min(width, height)
# The status line and the banner band never get shorter than they are at 800x600
# (33 and 42 px): their words cannot shrink below the 12 px floor
# (``text_fit.MIN_FONT_PX``), so on a shorter screen (800x480: 26 and 34 px)
# two banners' words were squeezed to the floor and the status line drawn at
# 16 px.  The grid gives up the difference (14 px at 800x480, 3.5 px a row).
MIN_STATUS_PX = 33
MIN_BANNER_PX = 42
MAX_BANNERS = 2
SCAN_BANNER = "scan"  # key of the banner saying scanning waits or is paused (always shown)


@dataclass(frozen=True, slots=True)
class CellView:
    """One filled slot, laid out."""

    index: int
    rect: Rect
    label: str
    color: str | None
    highlighted: bool
    picture: str | None = None  # the picture file to show above the label, if any


@dataclass(frozen=True, slots=True)
class HoldView:
    """A switch press being held towards a selection: the bar that fills on its cells.

    Attributes:
        cells: the slots the press acts on (the highlighted item it latched).
        progress: 0..1, how far the hold is towards counting.
    """

    cells: tuple[int, ...]
    progress: float


@dataclass(frozen=True, slots=True)
class BoardView:
    """Everything the board screen shows in one frame."""

    size: tuple[int, int]
    page_title: str
    message: str
    message_rect: Rect
    said: str | None
    cells: tuple[CellView, ...]
    status: str
    status_rect: Rect
    banners: tuple[Banner, ...] = ()
    banner_rects: tuple[Rect, ...] = ()
    alarm: str | None = None
    flash_on: bool = False
    highlight_color: str = "#ffd400"
    border_px: int = 8
    enlarge_highlight: bool = False
    extras: dict[str, object] = field(default_factory=dict)
    highlight_border_color: str = "#000000"
    background_color: str = "#0b0f14"
    grid_rect: Rect = (0, 0, 0, 0)  # the cells' area: a highlight never reaches past it
    gap_px: int = 4
    message_text_w: int | None = None  # words stop here (px from the bar's left): the eye indicator
    ring_color: str = "#ffffff"  # the ring around a highlight frame (``highlight_look.ring_for``)
    ring_edge_color: str = "#000000"  # the ring's thin outer edge (``highlight_look.edge_for``)
    hold: HoldView | None = None  # a press being held: its bar fills on the lit cells
    # Halving: the big arrow at the outer side of each half, how full (left, right): it
    # fills while a look towards that half is held (None: not halving).
    arrows: tuple[float, float] | None = None


@dataclass(frozen=True, slots=True)
class Chrome:
    """The state around the page (``banners.ChromeState.chrome``): what the session does not know."""

    status: str = ""
    banners: tuple[Banner, ...] = ()
    said: str | None = None
    alarm: str | None = None
    flash_on: bool = False


def margin_px(size: tuple[int, int]) -> int:
    """The gap between cells and around the edge, in pixels (at least 4)."""
    return max(4, round(min(size) * MARGIN))


def grid_rects(area: Rect, rows: int, columns: int, gap: int) -> list[Rect]:
    """Row-major slot rectangles filling ``area`` with ``gap`` between slots."""
    x, y, w, h = area
    cw = max(1, (w - gap * (columns - 1)) // columns)
    ch = max(1, (h - gap * (rows - 1)) // rows)
    return [
        (x + c * (cw + gap), y + r * (ch + gap), cw, ch)
        for r in range(rows)
        for c in range(columns)
    ]


def border_px(size: tuple[int, int], page: Page, scale: float) -> int:
    """Highlight border thickness: about 1/14 of the smaller cell side, at least 5 px."""
    width, height = size
    cell = min(width // max(1, page.columns), int(height * 0.75) // max(1, page.rows))
    return max(5, round(cell / 14 * scale))


def shown_banners(banners: tuple[Banner, ...]) -> tuple[Banner, ...]:
    """The newest ``MAX_BANNERS`` banners, always keeping the one saying scanning has stopped.

    A board with no highlight looks frozen; the carer must always be told why.
    """
    pinned = tuple(b for b in banners if b.key == SCAN_BANNER)
    others = tuple(b for b in banners if b.key != SCAN_BANNER)
    room = MAX_BANNERS - len(pinned)
    return (others[-room:] if room > 0 else ()) + pinned


def banner_band(size: tuple[int, int]) -> Rect:
    """The band kept for banners above the status line: there whether or not one is shown."""
    width, height = size
    gap = margin_px(size)
    status_h = max(MIN_STATUS_PX, round(height * STATUS_H))
    banner_h = max(MIN_BANNER_PX, round(height * BANNER_H))
    return (gap, height - status_h - gap - banner_h, width - 2 * gap, banner_h)


def banner_rects(band: Rect, count: int, gap: int) -> tuple[Rect, ...]:
    """``count`` banners side by side in the band (one takes it whole)."""
    if count <= 0:
        return ()
    x, y, w, h = band
    each = (w - gap * (count - 1)) // count
    return tuple((x + i * (each + gap), y, each, h) for i in range(count))


def layout_folder(source: Path | None) -> Path | None:
    """The folder a layout's pictures are in: the layout folder, or a one-file layout's folder."""
    if source is None:
        return None
    return source.parent if source.suffix.lower() in (".yaml", ".yml") else source


def picture_path(folder: Path | None, image: str | None) -> str | None:
    """Where a cell's picture file is: a shipped symbol or a file in the layout folder.

    None: no picture, or a layout built in code with a layout-folder picture.
    """
    found = picture_file(folder, image)
    return None if found is None else str(found)


def board_view(
    size: tuple[int, int],
    page: Page,
    message: str,
    highlighted: tuple[int, ...],
    chrome: Chrome,
    *,
    highlight_color: str = "#ffd400",
    border_scale: float = 1.0,
    enlarge_highlight: bool = False,
    highlight_border_color: str = "#000000",
    background_color: str = "#0b0f14",
    ring_color: str = "#ffffff",
    ring_edge_color: str = "#000000",
    hold: HoldView | None = None,
    pictures_from: Path | None = None,
) -> BoardView:
    """Lay out one frame of the board for a screen of ``size`` pixels.

    ``pictures_from`` is the layout's folder: cells' picture paths are inside it.
    """
    width, height = size
    gap = margin_px(size)
    banners = shown_banners(chrome.banners)
    # Words that could not be spoken replace the message in the same bar, in
    # the largest text it holds; banners have their own band: the grid never
    # moves while it is scanned.
    top_h = round(height * MESSAGE_H)
    status_h = max(MIN_STATUS_PX, round(height * STATUS_H))
    message_rect = (gap, gap, width - 2 * gap, top_h)
    status_rect = (0, height - status_h, width, status_h)
    band = banner_band(size)
    grid_top = message_rect[1] + top_h + gap
    grid_area = (gap, grid_top, width - 2 * gap, band[1] - gap - grid_top)
    slots = grid_rects(grid_area, page.rows, page.columns, gap)
    lit = set(highlighted)
    cells = tuple(
        CellView(
            i, slots[i], cell.label, cell.color, i in lit, picture_path(pictures_from, cell.image)
        )
        for i, cell in enumerate(page.cells)
        if cell is not None and i < len(slots)
    )
    return BoardView(
        size=size,
        page_title=page.title,
        message=message,
        message_rect=message_rect,
        said=chrome.said,
        cells=cells,
        status=chrome.status,
        status_rect=status_rect,
        banners=banners,
        banner_rects=banner_rects(band, len(banners), gap),
        alarm=chrome.alarm,
        flash_on=chrome.flash_on,
        highlight_color=highlight_color,
        border_px=border_px(size, page, border_scale),
        enlarge_highlight=enlarge_highlight,
        highlight_border_color=highlight_border_color,
        background_color=background_color,
        grid_rect=grid_area,
        gap_px=gap,
        ring_color=ring_color,
        ring_edge_color=ring_edge_color,
        hold=hold,
    )


def lit_frames(view: BoardView) -> dict[int, Rect]:
    """Where each highlighted cell's frame is drawn (its white ring goes ``ring_px`` further).

    Without enlargement a frame is its slot.  Enlarged, a lit cell grows by
    the border width on every side that does not face another lit cell (a
    lit row grows up and down as one band, its cells still apart), reaching
    over the gap onto an unlit neighbour's edge but never onto its label
    (labels sit a border and more inside their cells).  Frame and ring are
    kept inside the grid area, so the message bar, banners and status line
    are never covered.
    """
    lit = {c.index: c.rect for c in view.cells if c.highlighted}
    if not view.enlarge_highlight:
        return dict(lit)
    ring = ring_px(view)
    gx, gy, gw, gh = view.grid_rect
    left, top, right, bottom = gx + ring, gy + ring, gx + gw - ring, gy + gh - ring
    grow = view.border_px
    neighbours = _lit_neighbours(lit, view.gap_px)
    frames: dict[int, Rect] = {}
    for index, (x, y, w, h) in lit.items():
        sides = [0 if n else grow for n in neighbours[index]]  # left, top, right, bottom
        # Never smaller than the slot: at the grid's edge only the ring is clipped.
        x0 = min(x, max(left, x - sides[0]))
        y0 = min(y, max(top, y - sides[1]))
        x1 = max(x + w, min(right, x + w + sides[2]))
        y1 = max(y + h, min(bottom, y + h + sides[3]))
        frames[index] = (x0, y0, x1 - x0, y1 - y0)
    return frames


def ring_px(view: BoardView) -> int:
    """Width of the ring around a highlight frame (half the border), its edge included."""
    return view.border_px // 2


def ring_edge_px(view: BoardView) -> int:
    """Width of the ring's outer edge (a third of the ring, at least 1 px)."""
    return max(1, ring_px(view) // 3)


def _lit_neighbours(lit: dict[int, Rect], gap: int) -> dict[int, tuple[bool, bool, bool, bool]]:
    """For each lit slot: is the slot left, above, right, below it lit too (adjacent across a gap)."""

    def touches(a: Rect, b: Rect, axis: int) -> bool:
        other = 1 - axis
        overlap = min(a[other] + a[other + 2], b[other] + b[other + 2]) - max(a[other], b[other])
        return overlap > 0 and 0 <= b[axis] - (a[axis] + a[axis + 2]) <= gap + 1

    out: dict[int, tuple[bool, bool, bool, bool]] = {}
    for i, a in lit.items():
        others = [b for j, b in lit.items() if j != i]
        out[i] = (
            any(touches(b, a, 0) for b in others),
            any(touches(b, a, 1) for b in others),
            any(touches(a, b, 0) for b in others),
            any(touches(a, b, 1) for b in others),
        )
    return out


def cell_at(view: BoardView, x: int, y: int) -> int | None:
    """The cell index under a pointer position, or None (for mouse clicks)."""
    for cell in view.cells:
        cx, cy, cw, ch = cell.rect
        if cx <= x < cx + cw and cy <= y < cy + ch:
            return cell.index
    return None


def picture_files(layout: Layout) -> list[str]:
    """Every picture file a layout's cells show (read ahead, before they are drawn)."""
    folder = layout_folder(layout.source)
    found = {
        picture_path(folder, cell.image)
        for page in layout.pages.values()
        for cell in page.cells
        if cell is not None
    }
    return sorted(p for p in found if p is not None)
