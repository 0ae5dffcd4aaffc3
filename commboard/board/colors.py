"""Cell colours the patient could take for the scan highlight.

The highlight is what tells a patient "choose now".  A cell painted nearly the
same colour (the shipped layout once had light-yellow cells beside a yellow
highlight) can be mistaken for the highlighted one.  Colours are compared in
CIE L*a*b* (D65), where distance tracks how different two colours look; the
CIE76 distance ``delta_e`` is enough at this scale.
"""

from __future__ import annotations

import math

from commboard.board.model import Layout

# CIE76 distance below which a cell colour counts as confusable with the
# highlight.  2.3 is a just-noticeable difference side by side; a patient
# scanning from a bed compares a cell with a highlight elsewhere on the screen,
# often in peripheral vision, so we ask for far more: light yellow (#fff176)
# against the default yellow highlight (#ffd400) is 29 and reads as "the same
# yellow", light orange (#fbbc6b) is 40 and reads as orange.
MIN_DELTA_E = 35.0
# How the board draws a cell without a colour of its own (the renderer's ``CELL``):
# such cells are compared as this colour, or a white highlight would make every
# one of them look highlighted with nothing said.
UNCOLOURED_CELL = "#f1f3f4"

Lab = tuple[float, float, float]


def hex_rgb(color: str) -> tuple[int, int, int]:
    """``#rgb`` or ``#rrggbb`` as 0-255 integers (ValueError otherwise)."""
    digits = color.strip().lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    if len(digits) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _f(t: float) -> float:
    return t ** (1 / 3) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29


def lab(color: str) -> Lab:
    """An sRGB hex colour in CIE L*a*b* (D65 white)."""
    r, g, b = (_linear(c) for c in hex_rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    fx, fy, fz = _f(x), _f(y), _f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIE76 colour difference between two hex colours."""
    return math.dist(lab(a), lab(b))


def confusable_cells(
    layout: Layout, highlight: str, named: dict[str, str]
) -> list[tuple[str, str, str, float]]:
    """Cells whose colour is too close to ``highlight``: (page id, label, colour, distance).

    Args:
        layout: the board.
        highlight: the highlight colour in force (``#rrggbb``).
        named: colour names a layout may use, with their hex values.
    """
    found = []
    for page in layout.pages.values():
        for cell in page.cells:
            if cell is None:
                continue
            color = cell.color or UNCOLOURED_CELL
            value = named.get(color.lower(), color)
            distance = delta_e(value, highlight)
            if distance < MIN_DELTA_E:
                found.append((page.id, cell.label, color, distance))
    return found
