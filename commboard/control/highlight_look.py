"""The scan highlight stays unmistakable: its frame and ring colours, and cells coloured like it.

The highlight tells the patient "choose now".  It must never depend on colour
alone: a lit cell is painted in the highlight colour inside a thick frame,
inside a ring with a thin edge.  Here the colours are chosen so that the
frame always shows on the highlight fill, the ring always shows around the
frame, and ring and edge are a white/black pair -- whatever colour a
neighbouring cell has (black, white, the highlight's own), the outline
stands out against it.  The profile's own colours are kept wherever they
are visible.

A layout whose cells are coloured like the highlight in force (CIE76
distance under ``MIN_DELTA_E``, ``board.colors``) is still shown, but one
banner names those cells, so the carer can change the layout or the
highlight colour.  Pure: no pygame.
"""

from __future__ import annotations

from commboard.board.colors import MIN_DELTA_E, confusable_cells, hex_rgb
from commboard.board.layout_cells import COLORS
from commboard.board.model import Layout
from commboard.control.banners import ChromeState
from commboard.effects import Banner

BLACK = "#000000"
WHITE = "#ffffff"
# WCAG 2.1 SC 1.4.11 (non-text contrast): parts of a control that must be seen
# need 3:1 against what is next to them.
MIN_CONTRAST = 3.0
COLOUR_BANNER = "colours"  # key of the banner naming cells coloured like the highlight
MAX_NAMED = 4  # cells named in the banner; the validator lists them all


def luminance(color: str) -> float:
    """WCAG relative luminance of a ``#rrggbb`` colour (0 black .. 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in hex_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours, 1..21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def frame_for(highlight: str, frame: str) -> str:
    """The frame colour: the profile's, unless it would vanish on the highlight fill.

    A frame the same yellow as the fill is no frame; then black or white,
    whichever stands out more on the fill.  A colour that cannot be read
    (not ``#rrggbb``) is kept as it is: the settings loader names it.
    """
    try:
        if contrast(frame, highlight) >= MIN_CONTRAST:
            return frame
        return BLACK if contrast(BLACK, highlight) >= contrast(WHITE, highlight) else WHITE
    except ValueError:
        return frame


def ring_for(frame: str) -> str:
    """The ring around the frame: white, or black around a light frame.

    Frame and ring are then a dark/light pair: a cell of any colour is close
    to at most one of them, so the lit cell's outline shows against every
    neighbour (black and white cells included).
    """
    try:
        return WHITE if contrast(frame, WHITE) >= MIN_CONTRAST else BLACK
    except ValueError:
        return WHITE


def edge_for(ring: str) -> str:
    """The thin edge around the ring: its opposite (black around white).

    Every colour has a contrast of at least 4.5:1 with black or with white,
    so ring and edge together outline the lit cell against any neighbour,
    even when the profile's frame is a mid colour (a blue frame beside a
    light-blue cell).
    """
    return BLACK if ring == WHITE else WHITE


def colour_banner(layout: Layout, highlight: str) -> Banner | None:
    """The banner naming cells coloured like the highlight (None: no such cell)."""
    try:
        found = confusable_cells(layout, highlight, COLORS)
    except ValueError:
        return None  # a highlight that is not #rrggbb: the settings loader says so
    if not found:
        return None
    # Each label once: three word slots named 'word' (alphabet) three times said nothing.
    every = list(dict.fromkeys(f"'{label}' ({page})" for page, label, _, _ in found))
    names = every[:MAX_NAMED]
    more = len(every) - MAX_NAMED
    listed = ", ".join(names) + (f" and {more} more" if more > 0 else "")
    return Banner(
        COLOUR_BANNER,
        f"Cells coloured like the highlight {highlight}: {listed} - the patient could take "
        f"them for the highlighted cell (colour difference under {MIN_DELTA_E:.0f}).",
    )


class ColourCheck:
    """Keeps the colour banner right for the layout and highlight in force.

    The check runs when either changes (a layout loaded, the highlight colour
    changed in the settings), not every frame.
    """

    def __init__(self) -> None:
        self._checked: tuple[Layout, str] | None = None

    def keep(self, chrome: ChromeState, layout: Layout, highlight: str, now: float) -> bool:
        """Show or hide the colour banner after a change; True if the screen changed."""
        if self._checked is not None:
            old_layout, old_highlight = self._checked
            if old_layout is layout and old_highlight == highlight:
                return False
        self._checked = (layout, highlight)
        banner = colour_banner(layout, highlight)
        return chrome.hide(COLOUR_BANNER) if banner is None else chrome.show(banner, now)
