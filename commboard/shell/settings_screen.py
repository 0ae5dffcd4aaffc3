"""The therapist's settings screen (carer menu > Settings), generated from the settings metadata.

Every field of ``commboard.settings`` appears with its label, value, unit,
range and help; nothing here names a particular setting, so a new field shows
up by itself.  Keyboard: Up/Down pick, Left/Right (or - and +) change by one
step, Enter edits (choice list, typed number, yes/no), D restores the
default, S saves, Escape leaves (asking first if something changed). Mouse:
click a row, the - and + buttons, a value, or the buttons along the bottom.

The try-out area scans a sample row with the *edited* scan settings, so the
therapist and patient can feel a new speed before it is saved.  T gives the
patient's switch to the try-out (the keys then arrive as switch presses, so
the acceptance time is real); T or Escape takes it back.  Saving writes the
profile atomically and applies the settings to the running board at once.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import CarerRequest, Click, Key, UiEvent
from commboard.board.model import Action, Cell, Page
from commboard.effects import Activate, Effect, Notice, Undo
from commboard.events import SwitchDown, SwitchUp
from commboard.profiles import (
    SettingsProblem,
    parse_value,
    save_profile,
    setting_keys,
    step_value,
    with_value,
)
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import Meta, ScanSettings, Settings, describe, get
from commboard.shell.render import INK, PAPER, TextCache, blit_in, color
from commboard.shell.screens import Close, Outcome, ShellContext, Stay
from commboard.shell.view import Rect, grid_rects

PANEL = (32, 38, 46)
ROW = (52, 60, 70)
CHANGED = (138, 180, 248)  # values edited but not yet saved
SELECTED = (255, 212, 0)
MUTED = (190, 196, 204)
WARN = (255, 140, 120)
GROUP_TITLES = {
    "scan": "Scanning",
    "blink": "Blink switch",
    "speech": "Speech",
    "display": "Display",
}
SAMPLE_ROW = ("Yes", "No", "Pain", "Thirsty", "Call nurse")
KEY_HINT = (
    "Up/Down choose   Left/Right change   Enter edit   D default   S save   T try   Esc leave"
)

OnSaved = Callable[[Settings], None]


# ------------------------------------------------------------------ try-out


class TryOut:
    """A one-row page scanned by the real ``Scanner`` with the settings being edited."""

    def __init__(self, scan: ScanSettings, now: float) -> None:
        cells = tuple(Cell(label, Action.SPEAK) for label in SAMPLE_ROW)
        self.page = Page("try-out", "Try-out", 1, len(cells), cells)
        self.result = ""
        self.selections = 0
        self.restart(scan, now)

    def restart(self, scan: ScanSettings, now: float) -> None:
        """Scan the row from the start with ``scan`` (linear: it is about speed and hold)."""
        self.scanner = Scanner(replace(scan, pattern="linear", auditory="off"))
        self._take(self.scanner.load(build_plan(self.page, "linear"), now))

    def handle(self, event: SwitchDown | SwitchUp, now: float) -> None:
        """The patient's switch, while the try-out has it."""
        self._take(self.scanner.tick(now))
        self._take(self.scanner.handle(event, now))

    def tick(self, now: float) -> None:
        """Advance the highlight to ``now``."""
        self._take(self.scanner.tick(now))

    def next_deadline(self) -> float | None:
        """When the highlight moves next."""
        return self.scanner.next_deadline()

    def highlighted(self) -> tuple[int, ...]:
        """Cells lit now."""
        return self.scanner.highlighted()

    def _take(self, effects: list[Effect]) -> None:
        for effect in effects:
            match effect:
                case Activate(cell=cell):
                    self.selections += 1
                    self.result = f"Selected: {SAMPLE_ROW[cell]} ({self.selections})"
                case Undo():
                    self.result = "Undone: selected again inside the undo window"
                case Notice(text=text):
                    self.result = text


# ------------------------------------------------------------------ layout


@dataclass(frozen=True, slots=True)
class ScreenLayout:
    """Where everything is, for one screen size (shared by drawing and clicking)."""

    panel: Rect
    title: Rect
    tabs: list[Rect]
    rows: list[Rect]
    detail: Rect
    minus: Rect
    value: Rect
    plus: Rect
    tryout: Rect
    message: Rect
    buttons: list[Rect]


BUTTONS = (
    ("s", "S  Save"),
    ("t", "T  Try with switch"),
    ("d", "D  Default"),
    ("esc", "Esc  Leave"),
)


def screen_layout(size: tuple[int, int], groups: int) -> ScreenLayout:
    """Proportions chosen by looking at 800x600, 1280x720 and 1920x1080 screenshots."""
    w, h = size
    m = max(8, h // 40)
    panel = (m, m, w - 2 * m, h - 2 * m)
    px, py, pw, ph = panel
    title = (px + m, py + m // 2, pw - 2 * m, round(ph * 0.08))
    tab_y, tab_h = title[1] + title[3], round(ph * 0.065)
    tab_w = (pw - 2 * m) // max(1, groups)
    tabs = [(px + m + i * tab_w, tab_y, tab_w - m // 2, tab_h) for i in range(groups)]
    bottom_h = round(ph * 0.075)
    buttons_y = py + ph - bottom_h - m // 2
    button_w = (pw - 2 * m) // len(BUTTONS)
    buttons = [
        (px + m + i * button_w, buttons_y, button_w - m, bottom_h) for i in range(len(BUTTONS))
    ]
    message = (px + m, buttons_y - round(ph * 0.06) - m // 2, pw - 2 * m, round(ph * 0.06))
    list_top = tab_y + tab_h + m // 2
    list_w = round((pw - 2 * m) * 0.5)
    row_h = max(26, round(ph * 0.058))
    count = max(1, (message[1] - m // 2 - list_top) // row_h)
    rows = [(px + m, list_top + i * row_h, list_w, row_h - 3) for i in range(count)]
    dx = px + m + list_w + m
    dw = px + pw - m - dx
    detail = (dx, list_top, dw, round((message[1] - list_top) * 0.52))
    vy, vh = detail[1] + round(detail[3] * 0.2), round(detail[3] * 0.22)
    minus = (dx, vy, vh, vh)
    plus = (dx + dw - vh, vy, vh, vh)
    value = (dx + vh + m, vy, dw - 2 * vh - 2 * m, vh)
    tryout = (
        dx,
        detail[1] + detail[3] + m // 2,
        dw,
        message[1] - m // 2 - detail[1] - detail[3] - m // 2,
    )
    return ScreenLayout(
        panel, title, tabs, rows, detail, minus, value, plus, tryout, message, buttons
    )


def _inside(rect: Rect, x: int, y: int) -> bool:
    rx, ry, rw, rh = rect
    return rx <= x < rx + rw and ry <= y < ry + rh


def show_value(meta: Meta, value: object) -> str:
    """A value as a therapist reads it: '1.3 s', 'Yes', 'row column', '(system default)'."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        decimals = max(0, -math.floor(math.log10(meta.step) + 1e-9)) if meta.step else 2
        text = f"{value:.{decimals}f}"
    elif isinstance(value, str):
        return value.replace("_", " ") if value else "(system default)"
    else:
        text = str(value)
    return f"{text} {meta.unit}" if meta.unit else text


# ------------------------------------------------------------------ the screen


class SettingsScreen:
    """Edit one profile's settings; save writes the file and applies them to the board.

    Args:
        ctx: the running board (current settings; ``apply_settings`` on save).
        profile: the profile saved to (the board's ``--profile``).
        config_dir: where profiles live (None: ``$COMMBOARD_CONFIG_DIR`` or the user's).
        on_saved: also called with the new settings after a successful save.
        now: time the screen opened (starts the try-out).
    """

    def __init__(
        self,
        ctx: ShellContext,
        profile: str = "default",
        config_dir: Path | None = None,
        on_saved: OnSaved | None = None,
        now: float = 0.0,
    ) -> None:
        self.ctx = ctx
        self.profile = profile
        self.config_dir = config_dir
        self.on_saved = on_saved
        self.saved = ctx.settings
        self.edited = ctx.settings
        self.entries = describe()
        self.keys = setting_keys()
        self.groups = list(dict.fromkeys(k.split(".", 1)[0] for k in self.keys))
        self.index = 0
        self.top = 0  # first row shown
        self.mode = "browse"  # browse | choose | type | confirm
        self.choice = 0
        self.typed = ""
        self.trying = False
        self.message = ("Changes are tried out here and used by the board when you press S.", MUTED)
        self.tryout = TryOut(self.edited.scan, now)
        self._size = (1280, 720)

    # -- Screen protocol ----------------------------------------------------

    @property
    def wants_text(self) -> bool:
        """Keys arrive as keys, except while the patient's switch drives the try-out."""
        return not self.trying

    @property
    def changed(self) -> bool:
        """Something was edited and not saved."""
        return self.edited != self.saved

    def next_deadline(self, now: float) -> float | None:
        """The try-out's next highlight step."""
        return self.tryout.next_deadline()

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Route one carer input by mode."""
        self.tryout.tick(now)
        match event:
            case SwitchDown() | SwitchUp():
                if self.trying:
                    self.tryout.handle(event, now)
                return Stay()
            case CarerRequest():
                return self._escape()
            case Click(x=x, y=y):
                return self._click(x, y, now)
            case Key():
                return self._key(event, now)
        return Stay()

    # -- keys ---------------------------------------------------------------

    def _key(self, key: Key, now: float) -> Outcome:
        match self.mode:
            case "confirm":
                return self._confirm_key(key, now)
            case "choose":
                self._choose_key(key, now)
            case "type":
                self._type_key(key, now)
            case _:
                return self._browse_key(key, now)
        return Stay()

    def _browse_key(self, key: Key, now: float) -> Outcome:
        code, text = key.key, key.text.lower()
        moves = {
            pygame.K_UP: -1,
            pygame.K_DOWN: 1,
            pygame.K_HOME: -len(self.keys),
            pygame.K_END: len(self.keys),
        }
        if code in moves:
            self.select(self.index + moves[code])
        elif code in (pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            self._jump_group(-1 if code == pygame.K_PAGEUP else 1)
        elif code == pygame.K_LEFT or text == "-":
            self.step(-1, now)
        elif code == pygame.K_RIGHT or text in ("+", "="):
            self.step(+1, now)
        elif code in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.edit(now)
        elif text and (text.isdigit() or text == "."):
            self.mode, self.typed = "type", text
        else:
            return self._letter(text, now)
        return Stay()

    def _letter(self, text: str, now: float) -> Outcome:
        match text:
            case "s":
                self.save(now)
            case "d":
                self.set_default(now)
            case "t":
                self.toggle_try(now)
        return Stay()

    def _choose_key(self, key: Key, now: float) -> None:
        meta = self.entries[self.index][1]
        if key.key in (pygame.K_UP, pygame.K_LEFT):
            self.choice = (self.choice - 1) % len(meta.choices)
        elif key.key in (pygame.K_DOWN, pygame.K_RIGHT):
            self.choice = (self.choice + 1) % len(meta.choices)
        elif key.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            self.set_value(meta.choices[self.choice], now)
            self.mode = "browse"

    def _type_key(self, key: Key, now: float) -> None:
        if key.key in (pygame.K_RETURN, pygame.K_KP_ENTER):
            if self.set_value(self.typed.strip(), now):
                self.mode = "browse"
        elif key.key == pygame.K_BACKSPACE:
            self.typed = self.typed[:-1]
        elif key.text and key.text.isprintable():
            self.typed += key.text

    def _confirm_key(self, key: Key, now: float) -> Outcome:
        match key.text.lower():
            case "s":
                return Close() if self.save(now) else Stay()
            case "l":
                return Close()
            case "c":
                self.mode = "browse"
        return Stay()

    def _escape(self) -> Outcome:
        if self.trying:
            self.trying = False
            self.message = ("The switch is back with the keyboard controls.", MUTED)
        elif self.mode in ("choose", "type", "confirm"):
            self.mode = "browse"
        elif self.changed:
            self.mode = "confirm"
        else:
            return Close()
        return Stay()

    # -- actions (also used by clicks and tests) ------------------------------

    @property
    def key(self) -> str:
        """The selected setting's dotted key."""
        return self.keys[self.index]

    def select(self, index: int) -> None:
        """Pick a row (clamped), scrolling the list to keep it visible."""
        self.index = max(0, min(len(self.keys) - 1, index))
        if self.mode in ("choose", "type"):
            self.mode = "browse"

    def _jump_group(self, direction: int) -> None:
        groups = [k.split(".", 1)[0] for k in self.keys]
        g = self.groups.index(groups[self.index]) + direction
        if 0 <= g < len(self.groups):
            self.select(groups.index(self.groups[g]))

    def _apply_edit(self, settings: Settings, warning: str | None, now: float) -> None:
        old_scan = self.edited.scan
        self.edited = settings
        shown = show_value(self.entries[self.index][1], get(settings, self.key))
        self.message = (
            (warning, WARN) if warning else (f"{self._label()}: {shown} (not saved yet)", CHANGED)
        )
        if settings.scan != old_scan:
            self.tryout.restart(settings.scan, now)

    def _label(self) -> str:
        return self.entries[self.index][1].label

    def step(self, steps: int, now: float) -> None:
        """Change the selected value by ``steps`` steps (choices cycle, yes/no toggles)."""
        settings, warning = step_value(self.edited, self.key, steps)
        self._apply_edit(settings, warning, now)

    def set_value(self, raw: object, now: float) -> bool:
        """Set the selected value from text or a choice; False (and a message) if it is not valid."""
        try:
            settings, warning = with_value(self.edited, self.key, raw)  # type: ignore[arg-type]
        except ValueError as e:
            self.message = (str(e), WARN)
            return False
        self._apply_edit(settings, warning, now)
        return True

    def set_default(self, now: float) -> None:
        """Put the selected setting back to its default."""
        value, _ = parse_value(self.key, self.entries[self.index][2])
        self.set_value(value, now)

    def edit(self, now: float) -> None:
        """Enter: open the choice list, toggle yes/no, or start typing a value."""
        meta, value = self.entries[self.index][1], get(self.edited, self.key)
        if meta.choices:
            self.mode, self.choice = (
                "choose",
                max(0, list(meta.choices).index(value)) if value in meta.choices else 0,
            )
        elif isinstance(value, bool):
            self.step(1, now)
        else:
            self.mode, self.typed = "type", str(value)

    def toggle_try(self, now: float) -> None:
        """Give the patient's switch to the try-out, or take it back."""
        self.trying = not self.trying
        self.tryout.restart(self.edited.scan, now)
        self.message = (
            (
                "The patient's switch now drives the try-out. T or Esc: back to the controls.",
                CHANGED,
            )
            if self.trying
            else ("The switch is back with the keyboard controls.", MUTED)
        )

    def save(self, now: float) -> bool:
        """Write the profile (atomically) and use the settings on the board from now on."""
        notes: list[SettingsProblem] = []
        try:
            path = save_profile(self.profile, self.edited, self.config_dir, notes=notes)
        except (OSError, ValueError) as e:
            self.ctx.apply_settings(self.edited)
            self.message = (
                f"Could not save ({e}). The board uses the changes until it is closed.",
                WARN,
            )
            return False
        self.saved = self.edited
        self.ctx.apply_settings(self.edited)
        if self.on_saved is not None:
            self.on_saved(self.edited)
        extra = f" {notes[0].message}." if notes else ""
        self.message = (f"Saved to {path}. The board uses them now.{extra}", CHANGED)
        return True

    # -- mouse --------------------------------------------------------------

    def _click(self, x: int, y: int, now: float) -> Outcome:
        lay = screen_layout(self._size, len(self.groups))
        if self.mode == "confirm":
            return self._confirm_click(lay, x, y, now)
        for letter, rect in zip((b[0] for b in BUTTONS), lay.buttons, strict=True):
            if _inside(rect, x, y):
                return self._escape() if letter == "esc" else self._letter(letter, now)
        for i, rect in enumerate(lay.rows):
            if _inside(rect, x, y) and self.top + i < len(self.keys):
                self.select(self.top + i)
        for i, rect in enumerate(lay.tabs):
            if _inside(rect, x, y):
                groups = [k.split(".", 1)[0] for k in self.keys]
                self.select(groups.index(self.groups[i]))
        self._detail_click(lay, x, y, now)
        return Stay()

    def _detail_click(self, lay: ScreenLayout, x: int, y: int, now: float) -> None:
        if _inside(lay.minus, x, y):
            self.step(-1, now)
        elif _inside(lay.plus, x, y):
            self.step(+1, now)
        elif _inside(lay.value, x, y) and self.mode == "browse":
            self.edit(now)
        elif self.mode == "choose":
            for i, rect in enumerate(self._choice_rects(lay)):
                if _inside(rect, x, y):
                    self.set_value(self.entries[self.index][1].choices[i], now)
                    self.mode = "browse"

    def _confirm_click(self, lay: ScreenLayout, x: int, y: int, now: float) -> Outcome:
        for letter, rect in zip("slc", self._confirm_rects(lay), strict=True):
            if _inside(rect, x, y):
                return self._confirm_key(Key(now, 0, letter), now)
        return Stay()

    def _choice_rects(self, lay: ScreenLayout) -> list[Rect]:
        dx, dy, dw, dh = lay.detail
        choices = self.entries[self.index][1].choices
        top = lay.value[1] + lay.value[3] + 6
        h = max(22, min(lay.value[3], (dy + dh + lay.tryout[3] - top) // max(1, len(choices))))
        return [(lay.value[0], top + i * h, lay.value[2], h - 3) for i in range(len(choices))]

    def _confirm_rects(self, lay: ScreenLayout) -> list[Rect]:
        px, py, pw, ph = lay.panel
        bw, bh = pw // 4, round(ph * 0.1)
        y = py + ph // 2
        return [(px + pw // 2 - bw * 3 // 2 - 10 + i * (bw + 10), y, bw, bh) for i in range(3)]

    # -- drawing ------------------------------------------------------------

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """The whole screen over the (dimmed) board."""
        self.tryout.tick(now)
        self._size = surface.get_size()
        lay = screen_layout(self._size, len(self.groups))
        pygame.draw.rect(surface, PANEL, lay.panel, border_radius=14)
        draw = _Painter(surface, texts)
        unsaved = "  -  not saved yet" if self.changed else ""
        draw.text(f"Settings for profile '{self.profile}'{unsaved}", lay.title, PAPER, align="left")
        self._draw_tabs(draw, lay)
        self._draw_rows(draw, lay)
        self._draw_detail(draw, lay)
        self._draw_tryout(draw, lay)
        draw.text(self.message[0], lay.message, self.message[1], align="left")
        for (_, label), rect in zip(BUTTONS, lay.buttons, strict=True):
            draw.box(rect, ROW, label, PAPER, radius=8)
        if self.mode == "confirm":
            self._draw_confirm(draw, lay)

    def _draw_tabs(self, draw: _Painter, lay: ScreenLayout) -> None:
        current = self.key.split(".", 1)[0]
        for group, rect in zip(self.groups, lay.tabs, strict=True):
            on = group == current
            title = GROUP_TITLES.get(group, group.title())
            draw.box(rect, SELECTED if on else ROW, title, INK if on else PAPER, radius=8)

    def _draw_rows(self, draw: _Painter, lay: ScreenLayout) -> None:
        visible = len(lay.rows)
        if self.index < self.top:
            self.top = self.index
        elif self.index >= self.top + visible:
            self.top = self.index - visible + 1
        for rect, i in zip(lay.rows, range(self.top, len(self.keys)), strict=False):
            key, meta, _ = self.entries[i]
            value = get(self.edited, key)
            on = i == self.index
            pygame.draw.rect(draw.surface, SELECTED if on else ROW, rect, border_radius=6)
            x, y, w, h = rect
            ink = INK if on else PAPER
            draw.text(meta.label, (x + 10, y, w * 6 // 10 - 14, h), ink, align="left")
            changed = value != get(self.saved, key)
            vink = ink if on else CHANGED if changed else MUTED
            mark = "* " if changed else ""
            draw.text(
                mark + show_value(meta, value),
                (x + w * 6 // 10, y, w * 4 // 10 - 10, h),
                vink,
                align="left",
            )

    def _draw_detail(self, draw: _Painter, lay: ScreenLayout) -> None:
        key, meta, default = self.entries[self.index]
        value = get(self.edited, key)
        dx, dy, dw, dh = lay.detail
        draw.text(meta.label, (dx, dy, dw, round(dh * 0.18)), PAPER, align="left")
        draw.box(lay.minus, PAPER, "-", INK, radius=8)
        draw.box(lay.plus, PAPER, "+", INK, radius=8)
        shown = self.typed + "|" if self.mode == "type" else show_value(meta, value)
        draw.box(lay.value, SELECTED, shown, INK, radius=8)
        if key.endswith("_color"):
            pygame.draw.rect(
                draw.surface,
                color(str(value), PAPER),
                (*lay.value[:2], lay.value[3] // 2, lay.value[3]),
            )
        below = lay.value[1] + lay.value[3] + 6
        line_h = round(dh * 0.12)
        draw.text(_range_text(meta, default), (dx, below, dw, line_h), MUTED, align="left")
        draw.text(
            meta.help,
            (dx, below + line_h, dw, dy + dh - below - line_h),
            PAPER,
            align="left",
            max_px=line_h,
        )
        if self.mode == "choose":
            for i, (rect, choice) in enumerate(
                zip(self._choice_rects(lay), meta.choices, strict=True)
            ):
                on = i == self.choice
                draw.box(
                    rect,
                    SELECTED if on else PAPER,
                    choice.replace("_", " "),
                    INK,
                    radius=6,
                    border=on,
                )

    def _draw_tryout(self, draw: _Painter, lay: ScreenLayout) -> None:
        x, y, w, h = lay.tryout
        pygame.draw.rect(draw.surface, (20, 24, 30), lay.tryout, border_radius=10)
        scan = self.edited.scan
        title = f"Try-out: {show_value(_meta('scan.interval_s'), scan.interval_s)} per step, hold {scan.acceptance_s:.2f} s"
        draw.text(title, (x + 10, y + 4, w - 20, h // 5), PAPER, align="left")
        cells = grid_rects((x + 10, y + h // 5 + 8, w - 20, h * 2 // 5), 1, len(SAMPLE_ROW), 8)
        lit = set(self.tryout.highlighted())
        for i, (rect, label) in enumerate(zip(cells, SAMPLE_ROW, strict=True)):
            on = i in lit
            draw.box(rect, SELECTED if on else PAPER, label, INK, radius=8, border=on)
        hint = (
            "Switch: on the try-out (T or Esc to stop)"
            if self.trying
            else "Press T to try with the patient's switch"
        )
        status = self.tryout.result or hint
        draw.text(
            status,
            (x + 10, y + h * 3 // 5 + 14, w - 20, h * 2 // 5 - 20),
            CHANGED if self.trying else MUTED,
            align="left",
        )

    def _draw_confirm(self, draw: _Painter, lay: ScreenLayout) -> None:
        shade = pygame.Surface(self._size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 170))
        draw.surface.blit(shade, (0, 0))
        px, py, pw, ph = lay.panel
        box = (px + pw // 8, py + ph // 4, pw * 3 // 4, ph // 2)
        pygame.draw.rect(draw.surface, PANEL, box, border_radius=14)
        pygame.draw.rect(draw.surface, PAPER, box, width=3, border_radius=14)
        draw.text(
            "You changed settings. Save them before leaving?",
            (box[0] + 20, box[1] + 10, box[2] - 40, ph // 6),
            PAPER,
        )
        labels = ("S  Save and leave", "L  Leave, do not save", "C  Keep editing")
        for label, rect in zip(labels, self._confirm_rects(lay), strict=True):
            draw.box(rect, PAPER, label, INK, radius=8)


def _meta(key: str) -> Meta:
    return next(m for k, m, _ in describe() if k == key)


def _range_text(meta: Meta, default: object) -> str:
    parts = []
    if meta.min is not None and meta.max is not None:
        parts.append(
            f"from {show_value(meta, float(meta.min))} to {show_value(meta, float(meta.max))}"
        )
    if meta.step:
        parts.append(f"step {meta.step:g}")
    if meta.choices:
        parts.append("choices: " + ", ".join(c.replace("_", " ") for c in meta.choices))
    parts.append(f"default {show_value(meta, default)}")
    return "   ".join(parts)


class _Painter:
    """Small drawing helpers over one surface and the shared text cache."""

    def __init__(self, surface: pygame.Surface, texts: TextCache) -> None:
        self.surface = surface
        self.texts = texts

    def text(
        self,
        text: str,
        rect: Rect,
        ink: tuple[int, int, int],
        *,
        align: str = "center",
        max_px: int | None = None,
    ) -> None:
        x, y, w, h = rect
        if w <= 4 or h <= 4:
            return
        px = max_px or round(h * 0.62)
        blit_in(self.surface, self.texts.text(text, (w, h), ink, px, align=align), rect, align)

    def box(
        self,
        rect: Rect,
        fill: tuple[int, int, int],
        text: str,
        ink: tuple[int, int, int],
        *,
        radius: int = 0,
        border: bool = False,
    ) -> None:
        pygame.draw.rect(self.surface, fill, rect, border_radius=radius)
        if border:
            pygame.draw.rect(self.surface, INK, rect, width=4, border_radius=radius)
        x, y, w, h = rect
        self.text(text, (x + 8, y + 2, w - 16, h - 4), ink)
