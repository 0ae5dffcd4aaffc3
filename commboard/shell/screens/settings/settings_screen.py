"""The therapist's settings screen (carer menu > Settings): the editing rules, drawn.

What keys and clicks do, the try-out and saving are
``control.settings_editing``; the view (``control.settings_screen_view``)
and geometry (``control.settings_screen_layout``) are pure too.  This
screen writes the profile through ``settings.profiles`` (atomically), hands
saved settings to the running board (``ShellContext.apply_settings``) and
paints the view with ``settings_paint``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.control.settings_editing import SETTINGS_IDLE_S, Leave, SettingsEditing
from commboard.events import UiEvent
from commboard.settings import Settings
from commboard.settings.fields import FIELDS, get
from commboard.settings.profiles import load_profile, save_profile
from commboard.settings.values import SettingsProblem, changed_over
from commboard.shell.screens.base import Close, Outcome, Screen, ShellContext, Stay
from commboard.shell.screens.settings.settings_paint import paint
from commboard.shell.screens.text_fit import TextCache

OnSaved = Callable[[Settings], None]


class SettingsScreen(SettingsEditing):
    """Edit one profile's settings; saving writes the file and applies them to the board.

    Left without input for ``SETTINGS_IDLE_S`` it is closed by the loop;
    ``timeout_note`` then names the edits that were not saved (they are not
    applied: the board keeps the saved settings).  The loop keeps it aside,
    and the next settings screen of the same profile takes its edits over.

    Args:
        ctx: the running board (its settings are the starting point).
        profile: the profile saved to (the board's ``--profile``).
        config_dir: where profiles live (None: ``$COMMBOARD_CONFIG_DIR`` or the user's).
        on_saved: also called with the new settings after each successful save.
        now: when the screen opened; None starts the try-out at the first draw or input.
    """

    idle_timeout_s: float | None = SETTINGS_IDLE_S

    def __init__(
        self,
        ctx: ShellContext,
        profile: str = "default",
        config_dir: Path | None = None,
        on_saved: OnSaved | None = None,
        now: float | None = None,
    ) -> None:
        start = ctx.settings

        def write(settings: Settings, notes: list[SettingsProblem]) -> Path:
            # Only what was changed here: a one-run --scan-interval, or a value set from a
            # terminal meanwhile, is not written over the file's own value.
            on_disk, problems = load_profile(profile, config_dir)
            if any(p.severity == "error" for p in problems):
                # unreadable now (a half-finished hand edit): its values are not defaults
                # but the ones the board runs with; save_profile keeps the file aside
                on_disk = start
            return save_profile(
                profile, changed_over(on_disk, start, settings), config_dir, notes=notes
            )

        super().__init__(ctx.settings, profile, write, ctx.apply_settings, now, on_saved)
        # What the board runs with that the profile does not have (a one-run
        # --scan-interval or --access): marked on its row, as saving leaves it out.
        stored, problems = load_profile(profile, config_dir)
        if not any(p.severity == "error" for p in problems):
            self.one_run = {
                key: (get(start, key), get(stored, key))
                for key in FIELDS
                if get(start, key) != get(stored, key)
            }
        self.ctx = ctx
        self.config_dir = config_dir
        self.draft_slot: str | None = f"settings:{profile}:{config_dir}"

    def resume(self, kept: Screen, now: float) -> Screen:
        """This screen, with the unsaved edits of the one that closed for want of input."""
        if isinstance(kept, SettingsEditing):
            self.take_edits(kept, now)
        return self

    def next_deadline(self, now: float) -> float | None:
        """The try-out's next highlight step (the screen must be redrawn then)."""
        return self.tryout.next_deadline()

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Bring the try-out up to ``now`` and paint everything."""
        paint(self.drawn_at(surface.get_size(), now), surface, texts)

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """One carer (or, on the try-out, patient) input."""
        return Close() if isinstance(self.answer(event, now), Leave) else Stay()
