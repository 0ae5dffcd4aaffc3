"""The pygame keys the editor's screens pass to their rules by name (``control.page_editor_keys``).

Letters and digits travel as the text they type; these keys type nothing, so
they are named here once for the page editor and its picture picker.
"""

from __future__ import annotations

import pygame

EDITOR_KEYS = {
    pygame.K_UP: "up",
    pygame.K_DOWN: "down",
    pygame.K_LEFT: "left",
    pygame.K_RIGHT: "right",
    pygame.K_RETURN: "enter",
    pygame.K_KP_ENTER: "enter",
    pygame.K_BACKSPACE: "backspace",
}
# The picture picker also turns pages of pictures.
PICKER_KEYS = {**EDITOR_KEYS, pygame.K_PAGEUP: "pageup", pygame.K_PAGEDOWN: "pagedown"}
