"""A layout with no call for help gets a banner, so the carer knows the patient cannot call anyone.

The board promises a call for help that works when speech fails (an
``alarm`` cell: a sound and a flashing screen).  A layout may lack one -- a
hand-made file, or a board imported before the import added a nurse call --
and it still loads (the patient may have another call bell), but a carer
who chose it must see that the patient has no alarm on it.  ``validate``
warns the same way (``layout_warnings.alarm_warnings``).  Pure: no pygame.
"""

from __future__ import annotations

from commboard.board.model import Action, Layout
from commboard.control.banners import ChromeState
from commboard.effects import Banner

NO_ALARM_BANNER = "no-alarm"  # key of the banner saying the layout has no call for help


def no_alarm_banner(layout: Layout) -> Banner | None:
    """The banner for a layout with no call-for-help cell on any page (None: it has one)."""
    for page in layout.pages.values():
        if any(c is not None and c.action is Action.ALARM for c in page.cells):
            return None
    return Banner(
        NO_ALARM_BANNER,
        f"Layout '{layout.name}' has no Call nurse cell: the patient cannot call for help "
        "with it. Add one (carer menu: E edits a page; A sets a cell to call for help).",
    )


class AlarmCheck:
    """Keeps the no-alarm banner right for the layout in force (checked when it changes)."""

    def __init__(self) -> None:
        self._checked: Layout | None = None

    def keep(self, chrome: ChromeState, layout: Layout, now: float) -> bool:
        """Show or hide the banner after a layout change; True if the screen changed."""
        if self._checked is layout:
            return False
        self._checked = layout
        banner = no_alarm_banner(layout)
        return chrome.hide(NO_ALARM_BANNER) if banner is None else chrome.show(banner, now)
