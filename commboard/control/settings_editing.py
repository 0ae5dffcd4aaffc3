"""What the therapist's keys and clicks do on the settings screen: the editing rules, without pygame.

Every field of ``commboard.settings`` appears with its label, value, unit,
range and help, one tab per section; nothing here names a particular
setting, so a new field shows up by itself.

Keyboard: Up/Down pick, Left/Right (or - and +) change by one step, Enter
edits (choice list, typed number, yes/no), PageUp/PageDown change tab, D
restores the default, S saves, Escape leaves (asking first if something
changed).  Mouse: click a tab, a row, the - and + buttons, the value, or the
buttons along the bottom (``settings_screen_layout`` says where they are).

The try-out (``settings_tryout``) scans a small sample page with the
*edited* scan settings; T gives the patient's switch to it (switch keys then
arrive as real presses and releases) and T or Escape takes it back.  S
writes the profile through the ``write`` it was given and applies the
settings to the running board through ``apply``.  Keys are read by the name
the input adapter gives them (``Key.name``: "up", "return", "page down").

The shell's ``SettingsScreen`` adds only the drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

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
    CHANGED,
    MUTED,
    WARN,
    OneRun,
    SettingsView,
    settings_view,
    show_value,
)
from commboard.control.settings_tryout import TryOut
from commboard.events import CarerRequest, Click, Key, SwitchDown, SwitchUp, UiEvent
from commboard.settings import Settings
from commboard.settings.fields import describe, get, setting_keys
from commboard.settings.values import SettingsProblem, changed_over, step_value, with_value

KEY_HINT = "Up/Down: choose  |  Left/Right: change  |  Enter: edit  |  S saves and applies"
ENTER = ("return", "enter")
MOVES = {"up": -1, "down": 1, "home": -999, "end": 999}
# A forgotten settings screen must not leave the patient without scanning:
# the loop closes it after this long without a carer key, click or a press on
# the try-out.  Longer than the menu's minute: reading a setting's help and
# talking it over with the patient takes time.  Unsaved edits are not applied
# (nobody confirmed them); the loop logs and shows which, and keeps them for
# the next time Settings is opened (``take_edits``), still unsaved.
SETTINGS_IDLE_S = 120.0

# Writes the profile and returns where; appends what it had to adjust to the list.
WriteProfile = Callable[[Settings, list[SettingsProblem]], Path]


class Mode(StrEnum):
    """What the keys are doing now."""

    BROWSE = "browse"  # moving between settings
    CHOOSE = "choose"  # a choice list is open
    TYPE = "type"  # a number is being typed
    CONFIRM = "confirm"  # leaving with unsaved changes: save, leave or cancel


@dataclass(frozen=True, slots=True)
class Leave:
    """The carer is done with the screen (the loop closes it)."""


Answer = Leave | None


class SettingsEditing:
    """Edit one profile's settings; saving writes them and applies them to the board.

    Args:
        start: the running board's settings (the starting point).
        profile: the profile's name, shown in the title.
        write: writes the settings to the profile (raises ``OSError`` or
            ``ValueError`` when the disk refuses).
        apply: gives settings to the running board (after a save, and also
            when the disk refused one: the patient should not wait for a disk).
        now: when the screen opened; None starts the try-out at the first input.
        on_saved: also called with the new settings after each successful save.
    """

    one_run: OneRun = {}  # the running values the profile does not have (the shell sets it)

    def __init__(
        self,
        start: Settings,
        profile: str,
        write: WriteProfile,
        apply: Callable[[Settings], None],
        now: float | None = None,
        on_saved: Callable[[Settings], None] | None = None,
    ) -> None:
        self.profile = profile
        self._write = write
        self._apply = apply
        self._on_saved = on_saved
        self.saved = self.edited = start
        self.entries = describe()
        self.keys = setting_keys()
        self.groups = list(dict.fromkeys(k.split(".", 1)[0] for k in self.keys))
        self.index = 0
        self.top = 0  # first row shown, within the current tab
        self.mode = Mode.BROWSE
        self.choice = 0
        self.typed = ""
        self.message = (KEY_HINT, MUTED)
        # Every key arrives as a key, except while the patient's switch drives the try-out.
        self.wants_text = True
        self.tryout = TryOut(self.edited.scan, now)
        self.size = (1280, 720)  # the screen's size, for clicks; the shell sets it when drawing

    def drawn_at(self, size: tuple[int, int], now: float) -> SettingsView:
        """Bring the try-out up to ``now``; what the screen shows at ``size``."""
        self.tryout.tick(now)
        self.size = size
        return self.view(len(screen_layout(size, len(self.groups)).rows))

    def timeout_note(self) -> str | None:
        """What is lost when the loop closes this screen for want of input (None: nothing)."""
        unsaved = [k for k in self.keys if get(self.edited, k) != get(self.saved, k)]
        if not unsaved:
            return None
        return f"settings not saved (nobody confirmed them): {', '.join(unsaved)}"

    def take_edits(self, kept: SettingsEditing, now: float) -> None:
        """Carry over the unsaved edits of a screen that closed for want of input.

        Only what was changed there moves onto this screen's settings (the board's
        now: a calibration may have saved new blink levels meanwhile), still unsaved.
        """
        edited = changed_over(self.saved, kept.saved, kept.edited)
        self.index, self.top = kept.index, kept.top
        if edited.scan != self.edited.scan:
            self.tryout.restart(edited.scan, now)
        self.edited = edited
        back = [k for k in self.keys if get(edited, k) != get(self.saved, k)]
        if back:
            self.message = (
                f"Your unsaved changes are back: {', '.join(back)}.  S saves them; Esc leaves.",
                CHANGED,
            )

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

    @property
    def group(self) -> str:
        """The section (tab) of the selected setting."""
        return self.key.split(".", 1)[0]

    def view(self, row_count: int) -> SettingsView:
        """What the screen shows now, with room for ``row_count`` rows of settings."""
        rows = self.visible_rows(row_count)
        return settings_view(
            self.profile, self.entries, self.edited, self.saved, self.index, rows, self.mode,
            self.typed, self.choice, self.message, self.tryout, self.one_run,
        )  # fmt: skip

    def answer(self, event: UiEvent, now: float) -> Answer:
        """One carer (or, on the try-out, patient) input; ``Leave()`` when the screen is done."""
        self.tryout.tick(now)
        match event:
            case SwitchDown() | SwitchUp() if self.trying:
                self.tryout.handle(event, now)
            case CarerRequest():
                return self.escape()
            case Click(x=x, y=y):
                return self._click(x, y, now)
            case Key() if self.mode == Mode.CONFIRM:
                return self._confirm_key(event.text.lower(), now)
            case Key() if self.mode == Mode.CHOOSE:
                self._choose_key(event.name, now)
            case Key() if self.mode == Mode.TYPE:
                self._type_key(event, now)
            case Key():
                return self._browse_key(event, now)
        return None

    # -- keys -----------------------------------------------------------------

    def _browse_key(self, key: Key, now: float) -> Answer:
        name, text = key.name, key.text.lower()
        if name in MOVES:
            self.select(self.index + MOVES[name])
        elif name in ("page up", "page down"):
            self.select_group(self.groups.index(self.group) + (1 if name == "page down" else -1))
        elif name == "left" or text == "-":
            self.step(-1, now)
        elif name == "right" or text in ("+", "="):
            self.step(+1, now)
        elif name in ENTER:
            self.edit(now)
        elif text and (text.isdigit() or text == "."):
            self.mode, self.typed = Mode.TYPE, text
        else:
            return self.command(text, now)
        return None

    def command(self, letter: str, now: float) -> Answer:
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
        return None

    def _choose_key(self, name: str, now: float) -> None:
        choices = self.entries[self.index][1].choices
        if name in ("up", "left", "down", "right"):
            self.choice = (self.choice + (-1 if name in ("up", "left") else 1)) % len(choices)
        elif name in ENTER:
            self.set_value(choices[self.choice], now)
            self.mode = Mode.BROWSE

    def _type_key(self, key: Key, now: float) -> None:
        if key.name in ENTER:
            # A typed number out of range is refused, as on the command line: clamped,
            # "-1" for the acceptance time became 0 s (the accidental-press filter off).
            if self.set_value(self.typed.strip(), now, refuse_out_of_range=True):
                self.mode = Mode.BROWSE
        elif key.name == "backspace":
            self.typed = self.typed[:-1]
        elif key.text.isprintable():
            self.typed += key.text

    def _confirm_key(self, letter: str, now: float) -> Answer:
        match letter:
            case "s":
                return Leave() if self.save(now) else None
            case "l":
                return Leave()
            case "c":
                self.mode = Mode.BROWSE
        return None

    def escape(self) -> Answer:
        """Escape backs out one level: try-out, open editor, then the screen (asking if changed)."""
        if self.trying:
            self.toggle_try(None)
        elif self.mode != Mode.BROWSE:
            self.mode = Mode.BROWSE
        elif self.changed:
            self.mode = Mode.CONFIRM
        else:
            return Leave()
        return None

    # -- actions --------------------------------------------------------------

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
        self.mode = Mode.BROWSE if self.mode in (Mode.CHOOSE, Mode.TYPE) else self.mode
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

    def set_value(
        self, raw: str | float | int | bool, now: float, refuse_out_of_range: bool = False
    ) -> bool:
        """Set the selected value from typed text or a choice; False (with a message) if invalid."""
        try:
            settings, warning = with_value(
                self.edited, self.key, raw, refuse_out_of_range=refuse_out_of_range
            )
        except ValueError as e:
            self.message = (str(e), WARN)
            return False
        self._apply_edit(settings, warning, now)
        return True

    def edit(self, now: float) -> None:
        """Enter: open the choice list, toggle yes/no, or start typing a value."""
        meta, value = self.entries[self.index][1], get(self.edited, self.key)
        if meta.choices:
            self.mode = Mode.CHOOSE
            self.choice = meta.choices.index(value) if value in meta.choices else 0
        elif isinstance(value, bool):
            self.step(1, now)
        else:
            self.mode, self.typed = Mode.TYPE, str(value)

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
        """Write the profile and use the settings on the board from now on.

        If the disk refuses, the board still uses the changes (the patient
        should not wait for a disk) and the message says they are not saved.
        """
        notes: list[SettingsProblem] = []
        try:
            path = self._write(self.edited, notes)
        except (OSError, ValueError) as e:
            self._apply(self.edited)
            self.message = (
                f"Not saved ({e}). The board uses the changes until it is closed.",
                WARN,
            )
            return False
        self.saved = self.edited
        self._apply(self.edited)
        if self._on_saved is not None:
            self._on_saved(self.edited)
        extra = f" Note: {notes[0].message}." if notes else ""
        self.message = (f"Saved to {path}; the board uses them now.{extra}", CHANGED)
        return True

    # -- mouse ----------------------------------------------------------------

    def _click(self, x: int, y: int, now: float) -> Answer:
        lay = screen_layout(self.size, len(self.groups))
        if self.mode == Mode.CONFIRM:
            hit = clicked(lay.confirm, x, y)
            return self._confirm_key(CONFIRM[hit][0], now) if hit is not None else None
        hit = clicked(lay.buttons, x, y)
        if hit is not None:
            return self.command(BUTTONS[hit][0], now)
        if self.mode == Mode.CHOOSE:
            self._click_choice(lay, x, y, now)
            return None
        self._click_browse(lay, x, y, now)
        return None

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
        self.mode = Mode.BROWSE
