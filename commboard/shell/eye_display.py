"""What the board shows of the eyes: the face/eye indicator and the camera's status words.

The indicator sits at the right end of the message bar and shows the
camera's state, a blink and a look being held; its words go to the status
line when the screen is too narrow for them.  ``EyeInput``
(:mod:`commboard.shell.eye_input`) takes these from ``EyeDisplay``, which
declares what it uses.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from commboard.control.board_view import BoardView
from commboard.control.camera_words import status_words
from commboard.control.eye_policy import EyePolicy
from commboard.control.halving_looks import HalvingLooks
from commboard.settings import Access
from commboard.shell.screens.board.eye_indicator import (
    IndicatorLook,
    draw_indicator,
    indicator_look,
    indicator_rect,
    shows_label,
)
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.blink_switch import BlinkSwitch
from commboard.signals.gaze_switch import GazeSwitch
from commboard.vision.sample import CameraState


class EyeDisplay:
    """The eyes on screen (part of ``EyeInput``, which holds the state)."""

    blink: BlinkSwitch
    chosen_none: bool
    policy: EyePolicy
    gaze: GazeSwitch
    halving: HalvingLooks
    access: Access
    _label_drawn: bool
    # What the board showed under the indicator at the last ``draw``, and its view.
    _under: tuple[pygame.Rect, pygame.Surface, BoardView] | None = None

    if TYPE_CHECKING:

        @property
        def state(self) -> CameraState: ...

    def status_text(self) -> str:
        """The camera's part of the status line."""
        look = self.look()  # the indicator's words, when the screen had no room to write them
        unshown = look.label if look is not None and not self._label_drawn else None
        return status_words(self.state, self.chosen_none, self.blink.state.resting, unshown)

    def look(self) -> IndicatorLook | None:
        """What the face/eye indicator shows; None when the carer chose no camera."""
        if self.chosen_none:
            return None
        blink = self.blink.state if self.policy.last_t is not None else None
        return indicator_look(self.state, blink, self._look_progress())

    def _look_progress(self) -> tuple[str, float] | None:
        """The look being held, when looks choose: its direction and how far its hold has got."""
        match self.access:
            case Access.GAZE_SWITCHES:
                progress = self.gaze.reader.progress
            case Access.GAZE_HALVING:
                progress = self.halving.reader.progress
            case _:
                return None
        return (progress[0].value, progress[1]) if progress is not None else None

    def draw(
        self, surface: pygame.Surface, view: BoardView, texts: TextCache, alone: bool = False
    ) -> None:
        """Paint the indicator at the right end of the message bar (not over the alarm).

        ``alone``: nothing will be drawn over the board (no carer screen): what
        lies under the indicator is kept, so ``redraw`` can paint it again alone.
        """
        look = self.look()
        self._under = None
        if look is None or view.alarm is not None:
            return
        self._label_drawn = shows_label(view.message_rect)
        if alone:
            rect = pygame.Rect(indicator_rect(view.message_rect)).clip(surface.get_rect())
            self._under = (rect, surface.subsurface(rect).copy(), view)
        draw_indicator(surface, indicator_rect(view.message_rect), look, texts)

    def redraw(self, surface: pygame.Surface, view: BoardView, texts: TextCache) -> bool:
        """Paint the indicator again alone and show it, if only it changed since ``draw``.

        For a board that shows ``view`` as ``draw`` last drew it, with nothing
        drawn over it since (``alone``): while the eyes close, the ring fills
        frame by frame and nothing else moves.  The same pixels as drawing the
        whole board again, for a third of its CPU.  False (nothing painted):
        the board must be drawn whole.
        """
        look = self.look()
        under = self._under
        if look is None or under is None or under[2] != view:
            return False
        rect, pixels, _ = under
        surface.blit(pixels, rect)
        draw_indicator(surface, indicator_rect(view.message_rect), look, texts)
        pygame.display.update(rect)
        return True
