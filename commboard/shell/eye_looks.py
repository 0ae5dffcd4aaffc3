"""Looks that choose cells, inside the board: halving's halves and dwell's shown cells.

While the patient chooses by halving, the board draws the two halves instead
of the page, and a bar on the half a look is held towards; while they choose
by dwell, the page's large cells with a ring filling on the one looked at.
Dwell needs the patient's gaze map: read from the profile, and a dwell that
cannot work says why in a banner while switch scanning goes on.  ``EyeInput``
(:mod:`commboard.shell.eye_input`) takes these from ``LookChoice``, which
declares what it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from commboard.board.model import Page
from commboard.control.board_view import BoardView, HoldView
from commboard.control.dwell_looks import DwellLooks
from commboard.control.eye_policy import EyeOutput
from commboard.control.halving_looks import HalvingLooks, halves_page
from commboard.effects import Banner, HideBanner, Log, ShowBanner
from commboard.settings import Access
from commboard.settings.gaze_map_file import gaze_map_path, load_gaze_map
from commboard.settings.profiles import ProfileNameError
from commboard.signals.gaze_frame import Direction


class LookChoice:
    """Halving and dwell on the board (part of ``EyeInput``, which holds the state)."""

    profile: str
    halving: HalvingLooks
    dwell: DwellLooks
    access: Access
    _refusal_shown: str
    _half_bar: tuple[int, float] | None

    if TYPE_CHECKING:

        @property
        def blink_selects(self) -> bool: ...

    def halves(self, page: Page) -> tuple[Page, tuple[int, ...]] | None:
        """What to draw instead of ``page`` while looks choose (None: the page itself).

        Halving: the two halves.  Dwell: the page's large cells or groups,
        the one being looked at lit (its ring is ``dwell_ring``).
        """
        if self.dwell_now:
            choice, ring = self.dwell.choice, self.dwell.ring()
            if choice is None or choice.page.id != page.id:
                return None
            return choice.shown(), (ring[0],) if ring is not None else ()
        halving = self.halving.halving
        self._half_bar = None
        if not self.halving_now or halving is None or self.halving.page_id != page.id:
            return None
        shown, lit = halves_page(page, halving)
        side = self._half_bar = self._half_looked_at(shown)
        return shown, (side[0],) if side is not None else lit

    def dwell_ring(self) -> HoldView | None:
        """The bar filling on a shown cell: dwell's ring, or the half a look is held towards.

        Call after ``halves`` for the same frame (the half comes from it).
        """
        ring = self.dwell.ring() if self.dwell_now else self._half_bar
        return HoldView((ring[0],), ring[1]) if ring is not None else None

    def _half_looked_at(self, shown: Page) -> tuple[int, float] | None:
        """Halving: the half a left or right look is being held towards, and how far its hold is."""
        progress = self.halving.reader.progress
        if progress is None or shown.columns != 2:
            return None
        direction, share = progress
        if share >= 1.0:  # the look has counted: the new halves are on screen, none is chosen
            return None
        # The patient's left is the screen's left as they face it: the left half.
        slot = {Direction.LEFT: 0, Direction.RIGHT: 1}.get(direction)
        return (slot, share) if slot is not None and shown.cells[slot] is not None else None

    @property
    def halving_now(self) -> bool:
        """Looks choose by halving now: the access method, with a camera that works."""
        return self.access is Access.GAZE_HALVING and self.blink_selects

    @property
    def dwell_now(self) -> bool:
        """Looks choose by dwell now: the access method, a usable gaze map, a camera that works."""
        return self.access is Access.GAZE_DWELL and self.dwell.ready and self.blink_selects

    @property
    def looks_choose(self) -> bool:
        """Looks choose the cells now (halving or dwell): the scanner stands still."""
        return self.halving_now or self.dwell_now

    def place(self, view: BoardView) -> None:
        """Where the board drew its cells, for dwell (as fractions of the screen)."""
        width, height = view.size
        self.dwell.place([
            (c.index, (c.rect[0] / width, c.rect[1] / height, c.rect[2] / width, c.rect[3] / height))
            for c in view.cells
        ])  # fmt: skip

    def _dwell_refusal(self, now: float) -> list[EyeOutput]:
        """Dwell chosen but refused (no map, another camera size): one banner and a log record."""
        refusal = (
            self.dwell.problem if self.access is Access.GAZE_DWELL and self.blink_selects else ""
        )
        if refusal == self._refusal_shown:
            return []
        self._refusal_shown = refusal
        if not refusal:
            return [HideBanner(now, "dwell")]
        return [
            Log(now, "gaze", {"event": "dwell_off", "reason": refusal}),
            ShowBanner(now, Banner("dwell", refusal + " Switch scanning goes on.", "warning")),
        ]

    def _load_map(self) -> None:
        """Read the patient's gaze map for dwell (a damaged file is reported, left untouched)."""
        try:
            stored, problem = load_gaze_map(gaze_map_path(self.profile))
        except ProfileNameError as exc:
            stored, problem = None, str(exc)
        self.dwell.set_map(stored, problem)
