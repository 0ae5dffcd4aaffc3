"""The warnings ``commboard validate`` prints for a layout that loads: they never stop it.

A cell coloured like the highlight, a label no installed font can draw, a
picture missing from the layout folder, no call for help at all, and a call
for help whose own hold is shorter than the board allows.  The
command itself is ``validate_command`` in :mod:`commboard.board.layout_file`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from commboard.board.colors import MIN_DELTA_E, confusable_cells
from commboard.board.hold_rules import NURSE_CALL_MIN_HOLD_S
from commboard.board.layout_cells import COLORS
from commboard.board.model import Action, Layout
from commboard.board.symbols import picture_file


def highlight_warnings(layout: Layout, highlight: str) -> list[str]:
    """Plain-words warnings for cells a patient could take for the highlight."""
    names = {value: name for name, value in COLORS.items()}
    return [
        f"page '{page}': cell '{label}' is coloured {names.get(color, color)}, too close to the "
        f"highlight {highlight} (colour difference {distance:.0f}, at least {MIN_DELTA_E:.0f} needed): "
        "the patient could take it for the highlighted cell"
        for page, label, color, distance in confusable_cells(layout, highlight, COLORS)
    ]


def glyph_warnings(layout: Layout, undrawable: Callable[[str], str]) -> list[str]:
    """Plain-words warnings for labels and titles with characters no installed font can draw.

    ``undrawable`` answers which characters of a text cannot be drawn (the
    shell's ``FontChoice.undrawable``); kept as a parameter so this module
    stays free of fonts and pygame.
    """
    warnings = []
    for page in layout.pages.values():
        texts = [("title", page.title)] + [("cell", c.label) for c in page.cells if c]
        for kind, text in texts:
            missing = undrawable(text)
            if missing:
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
                warnings.append(
                    f"page '{page.id}': {kind} '{text}' has characters no installed font can draw "
                    f"({codes}); they are left out on screen (install a font that has them, "
                    "e.g. Debian's fonts-noto-core, or fonts-noto-cjk for Chinese, Japanese, Korean)"
                )
    return warnings


def _picture_there(folder: Path, image: str) -> bool:
    found = picture_file(folder, image)
    return found is not None and found.is_file()


def picture_warnings(layout: Layout) -> list[str]:
    """Plain-words warnings for cell pictures that are not in the layout folder."""
    source = layout.source
    if source is None:
        return []
    folder = source if source.is_dir() else source.parent
    missing = sorted(
        {
            (page.id, cell.label, cell.image)
            for page in layout.pages.values()
            for cell in page.cells
            if cell is not None and cell.image and not _picture_there(folder, cell.image)
        }
    )
    return [
        f"page '{page}': cell '{label}': picture {image} is not in the layout folder; "
        "the cell shows its words alone"
        for page, label, image in missing
    ]


def alarm_warnings(layout: Layout) -> list[str]:
    """A warning when no page has a call for help: the patient could not call anyone.

    Not an error: a carer may build a board for a patient who has another
    call bell.  But the board promises an alarm that works when speech
    fails, so ``validate`` says it is missing.
    """
    if any(c and c.action is Action.ALARM for page in layout.pages.values() for c in page.cells):
        return []
    return [
        "the layout has no call for help (an alarm cell): the patient cannot call anyone "
        "when speech fails; add one to the home page, e.g. "
        '{label: "Call nurse", action: alarm, text: "Please call the nurse", color: orange}'
    ]


def nurse_call_hold_warnings(layout: Layout) -> list[str]:
    """A warning per nurse-call cell whose own ``hold`` is under the alarm hold's minimum.

    The board holds such a cell to the minimum all the same
    (``hold_rules.hold_needed``); the warning tells the carer that the file
    does not say what the board does.
    """
    return [
        f"page '{page.id}': cell '{cell.label}' calls the nurse with 'hold: {cell.hold_s:g}'; "
        f"the board holds it to at least {NURSE_CALL_MIN_HOLD_S:g} s, so that a stray press or "
        "an ordinary blink never calls the nurse"
        for page in layout.pages.values()
        for cell in page.cells
        if cell is not None
        and cell.action is Action.ALARM
        and cell.hold_s is not None
        and cell.hold_s < NURSE_CALL_MIN_HOLD_S
    ]
