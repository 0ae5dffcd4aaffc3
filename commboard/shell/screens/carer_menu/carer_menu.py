"""The carer menu (Escape or F10): resume, change layout, quit with confirmation.

Operated with letter keys and the mouse.  The patient's switch keys (Space,
Enter, Right, Tab) do nothing here, so a switch press can never choose an
entry, and quitting takes two separate choices (Q, then Y).

To add an entry (camera view, calibration, settings...), add one
``MenuEntry`` to ``menu_entries`` below; nothing else needs to change.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame
import yaml

from commboard.adapters.pygame_input import CarerRequest, Click, Key, UiEvent
from commboard.shell.screens.base import (
    ChangeLayout,
    Close,
    CloseAll,
    MenuEntry,
    Open,
    Outcome,
    QuitBoard,
    ShellContext,
    Stay,
)
from commboard.shell.screens.calibration.calibration_screen import open_calibration
from commboard.shell.screens.camera_view.camera_view import open_camera_view
from commboard.shell.screens.settings.settings_screen import SettingsScreen
from commboard.shell.screens.text_fit import INK, PAPER, TextCache, blit_in
from commboard.shell.view import Rect

PANEL = (32, 38, 46)
BUTTON = (241, 243, 244)
KEY_BADGE = (255, 212, 0)
DEFAULT_SIZE = (1280, 720)
MAX_LAYOUTS = 9
# Back to the board after this long without a carer key or click (the loop
# closes every screen, logs "screen_timeout" and resumes scanning).  A quit
# confirmation is cancelled too: quitting needs an explicit yes.
CARER_IDLE_S = 60.0
# Enter and Space are the patient's switch keys, so menus never use them.
HINT = "Press the letter, or click.  Escape: back.  Closes by itself after a minute unused."


def menu_entries() -> list[MenuEntry]:
    """The carer menu, top to bottom.  The one place where entries are listed."""
    return [
        MenuEntry("r", "Resume", lambda ctx: CloseAll()),
        MenuEntry("l", "Change layout", lambda ctx: Open(LayoutPicker(ctx))),
        MenuEntry("c", "Camera view", open_camera_view),
        MenuEntry("b", "Calibrate blinks", open_calibration),
        MenuEntry(
            "s",
            "Settings (therapist)",
            lambda ctx: Open(SettingsScreen(ctx, ctx.profile)),
        ),
        MenuEntry("q", "Quit the board", lambda ctx: Open(QuitConfirm(ctx))),
    ]


def button_rects(size: tuple[int, int], count: int) -> tuple[Rect, Rect, list[Rect]]:
    """Panel, title and button rectangles for a menu of ``count`` entries."""
    width, height = size
    pw, ph = int(width * 0.7), int(height * 0.86)
    px, py = (width - pw) // 2, (height - ph) // 2
    title = (px, py, pw, int(ph * 0.2))
    gap = max(6, ph // 60)
    room = ph - title[3] - title[3] // 2  # the hint line sits below the buttons
    slot_h = min(int(ph * 0.16), room // max(1, count) - gap)
    x = px + pw // 12
    buttons = [
        (x, py + title[3] + i * (slot_h + gap), pw - 2 * (pw // 12), slot_h) for i in range(count)
    ]
    return (px, py, pw, ph), title, buttons


class ButtonScreen:
    """A title and a column of big buttons, each with a letter to press."""

    wants_text = False
    wants_switches = False  # a switch press can never choose an entry
    idle_timeout_s: float | None = CARER_IDLE_S

    def __init__(self, ctx: ShellContext, title: str, entries: list[MenuEntry]) -> None:
        self.ctx = ctx
        self.title = title
        self.entries = entries
        self._size = DEFAULT_SIZE

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Letters and clicks choose; Escape/F10 steps back; switches are ignored."""
        match event:
            case CarerRequest():
                return Close()
            case Key(text=text) if text:
                return self._choose(lambda e: e.shortcut == text.lower())
            case Click(x=x, y=y):
                rects = button_rects(self._size, len(self.entries))[2]
                hits = {id(e) for e, r in zip(self.entries, rects, strict=True) if _inside(r, x, y)}
                return self._choose(lambda e: id(e) in hits)
        return Stay()

    def _choose(self, match: Callable[[MenuEntry], bool]) -> Outcome:
        for entry in self.entries:
            if match(entry):
                return entry.choose(self.ctx)
        return Stay()

    def next_deadline(self, now: float) -> float | None:
        """Nothing moves by itself."""
        return None

    def timeout_note(self) -> str | None:
        """Closing a menu for want of input loses nothing (a quit needs an explicit yes)."""
        return None

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Dim the board, then the panel with the buttons."""
        self._size = surface.get_size()
        shade = pygame.Surface(self._size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 190))
        surface.blit(shade, (0, 0))
        panel, title, buttons = button_rects(self._size, len(self.entries))
        pygame.draw.rect(surface, PANEL, panel, border_radius=16)
        pygame.draw.rect(surface, PAPER, panel, width=3, border_radius=16)
        inner = (title[0] + 20, title[1] + 10, title[2] - 40, title[3] - 20)
        blit_in(surface, texts.text(self.title, inner[2:], PAPER, title[3] // 3), inner)
        for entry, rect in zip(self.entries, buttons, strict=True):
            _button(surface, texts, rect, entry)
        hint = (panel[0] + 20, panel[1] + panel[3] - title[3] // 2, panel[2] - 40, title[3] // 3)
        blit_in(surface, texts.text(HINT, hint[2:], PAPER, hint[3]), hint)


def _inside(rect: Rect, x: int, y: int) -> bool:
    rx, ry, rw, rh = rect
    return rx <= x < rx + rw and ry <= y < ry + rh


def _button(surface: pygame.Surface, texts: TextCache, rect: Rect, entry: MenuEntry) -> None:
    x, y, w, h = rect
    pygame.draw.rect(surface, BUTTON, rect, border_radius=10)
    badge = (x + h // 8, y + h // 8, h * 3 // 4, h * 3 // 4)
    pygame.draw.rect(surface, KEY_BADGE, badge, border_radius=8)
    pygame.draw.rect(surface, INK, badge, width=3, border_radius=8)
    blit_in(surface, texts.text(entry.shortcut.upper(), badge[2:], INK, h // 2), badge)
    label = (x + h, y + h // 10, w - h - h // 4, h - h // 5)
    blit_in(surface, texts.text(entry.label, label[2:], INK, h // 2, align="left"), label, "left")


class CarerMenu(ButtonScreen):
    """The top of the carer menu."""

    def __init__(self, ctx: ShellContext) -> None:
        super().__init__(ctx, "Carer menu - scanning is paused", menu_entries())


class QuitConfirm(ButtonScreen):
    """Second step of quitting: the board only closes on an explicit yes."""

    def __init__(self, ctx: ShellContext) -> None:
        entries = [
            MenuEntry("y", "Yes, quit the board", lambda c: QuitBoard()),
            MenuEntry("n", "No, go back", lambda c: Close()),
        ]
        super().__init__(
            ctx, "Quit? The patient cannot speak or call for help while it is closed.", entries
        )


def layout_title(path: Path) -> str:
    """What the picker shows for a layout: its name from the file, and where it is."""
    header = path / "layout.yaml" if path.is_dir() else path
    try:
        name = yaml.safe_load(header.read_text(encoding="utf-8")).get("name")
    except Exception:  # a broken file is reported when it is chosen, not here
        name = None
    return f"{name} ({path.name})" if isinstance(name, str) and name else path.name


def layout_choices(root: Path) -> list[Path]:
    """Layout folders (with a layout.yaml) and single-file layouts directly under ``root``."""
    if not root.is_dir():
        return []
    found = [p for p in sorted(root.iterdir()) if (p / "layout.yaml").is_file()]
    found += [p for p in sorted(root.glob("*.yaml")) if p.is_file()]
    return found[:MAX_LAYOUTS]


class LayoutPicker(ButtonScreen):
    """Pick a layout from the layouts folder by number, or type a path."""

    def __init__(self, ctx: ShellContext) -> None:
        entries = [
            MenuEntry(str(i), layout_title(path), lambda c, p=path: ChangeLayout(p))  # type: ignore[misc]
            for i, path in enumerate(layout_choices(ctx.layouts_root), start=1)
        ]
        entries.append(MenuEntry("t", "Type a path...", lambda c: Open(PathEntry(c))))
        entries.append(MenuEntry("b", "Back", lambda c: Close()))
        super().__init__(ctx, "Change layout", entries)


class PathEntry(ButtonScreen):
    """Type the path of a layout folder or file; Enter loads it, Escape goes back."""

    wants_text = True

    def __init__(self, ctx: ShellContext) -> None:
        super().__init__(ctx, "Type the layout folder or file, then press Enter", [])
        self.typed = ""

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """Typing edits the path; Enter loads it."""
        match event:
            case CarerRequest():
                return Close()
            case Key(key=pygame.K_RETURN | pygame.K_KP_ENTER) if self.typed.strip():
                return ChangeLayout(Path(self.typed.strip()).expanduser())
            case Key(key=pygame.K_BACKSPACE):
                self.typed = self.typed[:-1]
            case Key(text=text) if text.isprintable():
                self.typed += text
        return Stay()

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """The prompt and what was typed so far."""
        super().draw(surface, texts, now)
        panel, title, _ = button_rects(self._size, 1)
        box = (panel[0] + 30, title[1] + title[3] + 20, panel[2] - 60, title[3])
        pygame.draw.rect(surface, PAPER, box, border_radius=8)
        inner = (box[0] + 12, box[1], box[2] - 24, box[3])
        shown = texts.text(self.typed + "|", inner[2:], INK, box[3] // 2, wrap=False, align="left")
        blit_in(surface, shown, inner, "left")
