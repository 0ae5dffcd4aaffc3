"""The therapist's settings screen (carer menu > Settings), generated from the settings metadata.

Every field of ``commboard.settings`` appears with its label, value, unit,
range and help, one tab per section; nothing here names a particular
setting, so a new field shows up by itself.

Keyboard: Up/Down pick, Left/Right (or - and +) change by one step, Enter
edits (choice list, typed number, yes/no), PageUp/PageDown change tab, D
restores the default, S saves, Escape leaves (asking first if something
changed).  Mouse: click a tab, a row, the - and + buttons, the value, or the
buttons along the bottom.

The try-out area scans a small two-row sample page with the *edited* scan
settings (speed, hold, pattern) and draws it with the edited display
settings (highlight and frame colour, border, enlargement, background), so
therapist and patient see and feel a change before it is saved.  T gives
the patient's switch to the try-out (switch keys then arrive as real
presses and releases, so the acceptance time is real); T or Escape takes it
back.  S writes the profile atomically and applies the settings to the
running board at once (``ShellContext.apply_settings``, then ``on_saved``).
The screen builds a ``SettingsView`` each frame and ``settings_paint`` draws
it; the view (``control.settings_screen_view``), geometry and hit-testing
(``control.settings_screen_layout``) and the try-out's scanner
(``control.settings_tryout``) are pure.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.control.settings_screen_layout import (
    BUTTONS,
    CONFIRM,
    ScreenLayout,
    choice_rects,
    clicked,
    inside,
    screen_layout,
)
from commboard.control.settings_screen_view import (
    SettingsView,
    settings_view,
    show_value,
)
from commboard.control.settings_tryout import TryOut
from commboard.events import CarerRequest, Click, Key, SwitchDown, SwitchUp, UiEvent
from commboard.settings import Settings
from commboard.settings.fields import describe, get, setting_keys
from commboard.settings.profiles import save_profile
from commboard.settings.values import SettingsProblem, step_value, with_value
from commboard.shell.screens.base import Close, Outcome, ShellContext, Stay
from commboard.shell.screens.settings.settings_paint import CHANGED, MUTED, WARN, paint
from commboard.shell.screens.text_fit import TextCache

KEY_HINT = "Up/Down: choose  |  Left/Right: change  |  Enter: edit  |  S saves and applies"
ENTER = (pygame.K_RETURN, pygame.K_KP_ENTER)
# A forgotten settings screen must not leave the patient without scanning:
# the loop closes it after this long without a carer key, click or a press on
# the try-out.  Longer than the menu's minute: reading a setting's help and
# talking it over with the patient takes time.  Unsaved edits are dropped
# (nobody confirmed them) and the loop logs and shows which.
SETTINGS_IDLE_S = 120.0

OnSaved = Callable[[Settings], None]


class SettingsScreen:
    """Edit one profile's settings; saving writes the file and applies them to the board.

    Left without input for ``SETTINGS_IDLE_S`` it is closed by the loop;
    ``timeout_note`` then names the edits that were not saved (they are not
    applied: the board keeps the saved settings).

    Args:
        ctx: the running board (its settings are the starting point).
        profile: the profile saved to (the board's ``--profile``).
        config_dir: where profiles live (None: ``$COMMBOARD_CONFIG_DIR`` or the user's).
        on_saved: also called with the new settings after each successful save.
        now: when the screen opened; None starts the try-out at the first draw or input.
    """

    def __init__(
        self,
        ctx: ShellContext,
        profile: str = "default",
        config_dir: Path | None = None,
        on_saved: OnSaved | None = None,
        now: float | None = None,
    ) -> None:
        self.ctx = ctx
        self.profile = profile
        self.config_dir = config_dir
        self.on_saved = on_saved
        self.saved = self.edited = ctx.settings
        self.entries = describe()
        self.keys = setting_keys()
        self.groups = list(dict.fromkeys(k.split(".", 1)[0] for k in self.keys))
        self.index = 0
        self.top = 0  # first row shown, within the current tab
        self.mode = "browse"  # browse | choose | type | confirm
        self.choice = 0
        self.typed = ""
        self.message = (KEY_HINT, MUTED)
        # Every key arrives as a key, except while the patient's switch drives the try-out.
        self.wants_text = True
        self.tryout = TryOut(self.edited.scan, now)
        self._size = (1280, 720)

    idle_timeout_s: float | None = SETTINGS_IDLE_S

    # -- Screen protocol ------------------------------------------------------

    def timeout_note(self) -> str | None:
        """What is lost when the loop closes this screen for want of input (None: nothing)."""
        unsaved = [k for k in self.keys if get(self.edited, k) != get(self.saved, k)]
        if not unsaved:
            return None
        return f"settings not saved (nobody confirmed them): {', '.join(unsaved)}"

    @property
    def wants_switches(self) -> bool:
        """The loop passes switch presses here (not to the paused board) while True."""
        return self.trying

    @property
    def trying(self) -> bool:
        """The patient's switch is on the try-out."""
        return self.tryout.live

    @property
    def changed(self) -> bool:
        """Something was edited and not saved."""
        return self.edited != self.saved

    @property
    def key(self) -> str:
        """The selected setting's dotted key."""
        return self.keys[self.index]

    def next_deadline(self, now: float) -> float | None:
        """The try-out's next highlight step (the screen must be redrawn then)."""
        return self.tryout.next_deadline()

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Bring the try-out up to ``now`` and paint everything."""
        self.tryout.tick(now)
        self._size = surface.get_size()
        paint(self.view(len(screen_layout(self._size, len(self.groups)).rows)), surface, texts)

    def view(self, row_count: int) -> SettingsView:
        """What the screen shows now, with room for ``row_count`` rows of settings."""
        rows = self.visible_rows(row_count)
        return settings_view(
            self.profile, self.entries, self.edited, self.saved, self.index, rows, self.mode,
            self.typed, self.choice, self.message, self.tryout,
        )  # fmt: skip

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """One carer (or, on the try-out, patient) input."""
        self.tryout.tick(now)
        match event:
            case SwitchDown() | SwitchUp() if self.trying:
                self.tryout.handle(event, now)
            case CarerRequest():
                return self.escape()
            case Click(x=x, y=y):
                return self._click(x, y, now)
            case Key() if self.mode == "confirm":
                return self._confirm_key(event.text.lower(), now)
            case Key() if self.mode == "choose":
                self._choose_key(event, now)
            case Key() if self.mode == "type":
                self._type_key(event, now)
            case Key():
                return self._browse_key(event, now)
        return Stay()

    # -- keys -----------------------------------------------------------------

    def _browse_key(self, key: Key, now: float) -> Outcome:
        code, text = key.key, key.text.lower()
        moves = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_HOME: -999, pygame.K_END: 999}
        if code in moves:
            self.select(self.index + moves[code])
        elif code in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self.select_group(
                self.groups.index(self.group) + (1 if code == pygame.K_PAGEDOWN else -1)
            )
        elif code == pygame.K_LEFT or text == "-":
            self.step(-1, now)
        elif code == pygame.K_RIGHT or text in ("+", "="):
            self.step(+1, now)
        elif code in ENTER:
            self.edit(now)
        elif text and (text.isdigit() or text == "."):
            self.mode, self.typed = "type", text
        else:
            return self.command(text, now)
        return Stay()

    def command(self, letter: str, now: float) -> Outcome:
        """The bottom buttons: s save, t try-out, d default, esc leave."""
        match letter:
            case "s":
                self.save(now)
            case "d":
                self.set_value(dict((k, d) for k, _, d in self.entries)[self.key], now)
            case "t":
                self.toggle_try(now)
            case "esc":
                return self.escape()
        return Stay()

    def _choose_key(self, key: Key, now: float) -> None:
        choices = self.entries[self.index][1].choices
        if key.key in (pygame.K_UP, pygame.K_LEFT, pygame.K_DOWN, pygame.K_RIGHT):
            self.choice = (
                self.choice + (-1 if key.key in (pygame.K_UP, pygame.K_LEFT) else 1)
            ) % len(choices)
        elif key.key in ENTER:
            self.set_value(choices[self.choice], now)
            self.mode = "browse"

    def _type_key(self, key: Key, now: float) -> None:
        if key.key in ENTER:
            if self.set_value(self.typed.strip(), now):
                self.mode = "browse"
        elif key.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif key.text.isprintable():
            self.typed += key.text

    def _confirm_key(self, letter: str, now: float) -> Outcome:
        match letter:
            case "s":
                return Close() if self.save(now) else Stay()
            case "l":
                return Close()
            case "c":
                self.mode = "browse"
        return Stay()

    def escape(self) -> Outcome:
        """Escape backs out one level: try-out, open editor, then the screen (asking if changed)."""
        if self.trying:
            self.toggle_try(None)
        elif self.mode != "browse":
            self.mode = "browse"
        elif self.changed:
            self.mode = "confirm"
        else:
            return Close()
        return Stay()

    # -- actions --------------------------------------------------------------

    @property
    def group(self) -> str:
        """The section (tab) of the selected setting."""
        return self.key.split(".", 1)[0]

    def group_rows(self) -> list[int]:
        """Entry indices in the current tab."""
        return [i for i, k in enumerate(self.keys) if k.startswith(self.group + ".")]

    def visible_rows(self, count: int) -> list[int]:
        """The ``count`` rows of the current tab shown, scrolled to keep the selection visible."""
        rows = self.group_rows()
        at = rows.index(self.index)
        self.top = min(max(self.top, at - count + 1), at, max(0, len(rows) - count))
        return rows[self.top : self.top + count]

    def select(self, index: int) -> None:
        """Pick a row (clamped); an open choice list or typed value is dropped."""
        before = self.group
        self.index = max(0, min(len(self.keys) - 1, index))
        self.mode = "browse" if self.mode in ("choose", "type") else self.mode
        if self.group != before:
            self.top = 0

    def select_group(self, g: int) -> None:
        """Open tab ``g`` (clamped) at its first setting."""
        group = self.groups[max(0, min(len(self.groups) - 1, g))]
        self.select(next(i for i, k in enumerate(self.keys) if k.startswith(group + ".")))

    def _apply_edit(self, settings: Settings, warning: str | None, now: float) -> None:
        scan_changed = settings.scan != self.edited.scan
        self.edited = settings
        label, shown = self.entries[self.index][1].label, self.shown(self.index)
        self.message = (
            (warning, WARN) if warning else (f"{label}: {shown} - not saved yet (S saves)", CHANGED)
        )
        if scan_changed:
            self.tryout.restart(settings.scan, now)

    def shown(self, index: int) -> str:
        """The edited value of entry ``index`` as displayed."""
        key, meta, _ = self.entries[index]
        return show_value(meta, get(self.edited, key))

    def step(self, steps: int, now: float) -> None:
        """Change the selected value by ``steps`` steps (choices cycle, yes/no toggles)."""
        self._apply_edit(*step_value(self.edited, self.key, steps), now)

    def set_value(self, raw: str | float | int | bool, now: float) -> bool:
        """Set the selected value from typed text or a choice; False (with a message) if invalid."""
        try:
            settings, warning = with_value(self.edited, self.key, raw)
        except ValueError as e:
            self.message = (str(e), WARN)
            return False
        self._apply_edit(settings, warning, now)
        return True

    def edit(self, now: float) -> None:
        """Enter: open the choice list, toggle yes/no, or start typing a value."""
        meta, value = self.entries[self.index][1], get(self.edited, self.key)
        if meta.choices:
            self.mode = "choose"
            self.choice = meta.choices.index(value) if value in meta.choices else 0
        elif isinstance(value, bool):
            self.step(1, now)
        else:
            self.mode, self.typed = "type", str(value)

    def toggle_try(self, now: float | None) -> None:
        """Give the patient's switch to the try-out, or take it back."""
        self.tryout.live = not self.tryout.live
        self.wants_text = not self.tryout.live
        if self.tryout.live and now is not None:
            self.tryout.result, self.tryout.selections = "", 0
            self.tryout.restart(self.edited.scan, now)
        self.message = (
            (
                "The patient's switch now drives the try-out. T or Esc: back to the controls.",
                CHANGED,
            )
            if self.trying
            else (KEY_HINT, MUTED)
        )

    def save(self, now: float) -> bool:
        """Write the profile (atomically) and use the settings on the board from now on.

        If the disk refuses, the board still uses the changes (the patient
        should not wait for a disk) and the message says they are not saved.
        """
        notes: list[SettingsProblem] = []
        try:
            path = save_profile(self.profile, self.edited, self.config_dir, notes=notes)
        except (OSError, ValueError) as e:
            self.ctx.apply_settings(self.edited)
            self.message = (
                f"Not saved ({e}). The board uses the changes until it is closed.",
                WARN,
            )
            return False
        self.saved = self.edited
        self.ctx.apply_settings(self.edited)
        if self.on_saved is not None:
            self.on_saved(self.edited)
        extra = f" Note: {notes[0].message}." if notes else ""
        self.message = (f"Saved to {path}; the board uses them now.{extra}", CHANGED)
        return True

    # -- mouse ----------------------------------------------------------------

    def _click(self, x: int, y: int, now: float) -> Outcome:
        lay = screen_layout(self._size, len(self.groups))
        if self.mode == "confirm":
            hit = clicked(lay.confirm, x, y)
            return self._confirm_key(CONFIRM[hit][0], now) if hit is not None else Stay()
        hit = clicked(lay.buttons, x, y)
        if hit is not None:
            return self.command(BUTTONS[hit][0], now)
        if self.mode == "choose":
            self._click_choice(lay, x, y, now)
            return Stay()
        self._click_browse(lay, x, y, now)
        return Stay()

    def _click_browse(self, lay: ScreenLayout, x: int, y: int, now: float) -> None:
        for g, rect in enumerate(lay.tabs):
            if inside(rect, x, y):
                self.select_group(g)
        for i, rect in zip(self.visible_rows(len(lay.rows)), lay.rows, strict=False):
            if inside(rect, x, y):
                self.select(i)
        if inside(lay.minus, x, y) or inside(lay.plus, x, y):
            self.step(-1 if inside(lay.minus, x, y) else 1, now)
        elif inside(lay.value, x, y):
            self.edit(now)

    def _click_choice(self, lay: ScreenLayout, x: int, y: int, now: float) -> None:
        choices = self.entries[self.index][1].choices
        for choice, rect in zip(choices, choice_rects(lay, len(choices)), strict=True):
            if inside(rect, x, y):
                self.set_value(choice, now)
        self.mode = "browse"
