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

import platformdirs
import pygame

from commboard.adapters.board_exchange import export_for_board
from commboard.events import CarerRequest, Click, Key, UiEvent
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
    Tell,
)
from commboard.shell.screens.calibration.calibration_screen import open_calibration
from commboard.shell.screens.camera_view.camera_view import open_camera_view
from commboard.shell.screens.carer_menu.menu_paint import MenuView, button_rects, inside, paint_menu
from commboard.shell.screens.editor.editor_screen import open_editor
from commboard.shell.screens.said.said_screen import open_said
from commboard.shell.screens.settings.settings_screen import SettingsScreen
from commboard.shell.screens.text_fit import TextCache

DEFAULT_SIZE = (1280, 720)
# Back to the board after this long without a carer key or click (the loop
# closes every screen, logs "screen_timeout" and resumes scanning).  A quit
# confirmation is cancelled too: quitting needs an explicit yes.
CARER_IDLE_S = 60.0


def menu_entries() -> list[MenuEntry]:
    """The carer menu, top to bottom.  The one place where entries are listed."""
    return [
        MenuEntry("r", "Resume", lambda ctx: CloseAll()),
        MenuEntry("w", "What was said", open_said),
        MenuEntry("l", "Change layout", lambda ctx: Open(LayoutPicker(ctx))),
        MenuEntry("e", "Edit this page", open_editor),
        MenuEntry("c", "Camera view", open_camera_view),
        MenuEntry("b", "Calibrate blinks", open_calibration),
        MenuEntry(
            "s",
            "Settings (therapist)",
            lambda ctx: Open(SettingsScreen(ctx, ctx.profile)),
        ),
        MenuEntry("q", "Quit the board", lambda ctx: Open(QuitConfirm(ctx))),
    ]


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
                hits = {id(e) for e, r in zip(self.entries, rects, strict=True) if inside(r, x, y)}
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
        paint_menu(surface, texts, self.view())

    def view(self) -> MenuView:
        """The title and the buttons, as shown."""
        return MenuView(self.title, tuple((e.shortcut, e.label) for e in self.entries))


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


class LayoutPicker(ButtonScreen):
    """Pick a layout by number, or type a path.

    Listed (``board.layout_places``): the layout in use, the one remembered in
    the profile, the built-in layouts and the carer's own layouts folder.
    """

    def __init__(self, ctx: ShellContext) -> None:
        entries = [
            MenuEntry(str(i), choice.title, lambda c, p=choice.path: ChangeLayout(p))  # type: ignore[misc]
            for i, choice in enumerate(ctx.layout_choices(), start=1)
        ]
        entries.append(MenuEntry("t", "Type a path...", lambda c: Open(PathEntry(c))))
        entries.append(
            MenuEntry("i", "Import a board (.obf, .obz)...", lambda c: Open(PathEntry(c, IMPORT)))
        )
        entries.append(MenuEntry("x", "Export this layout (.obz)", export_layout_in_use))
        entries.append(MenuEntry("b", "Back", lambda c: Close()))
        super().__init__(ctx, "Change layout", entries)


TYPE_LAYOUT = "Type the layout folder or file, then press Enter"
IMPORT = "Type the .obf or .obz file to import, then press Enter"


def export_layout_in_use(ctx: ShellContext) -> Outcome:
    """The picker's "Export this layout": an .obz in the user's documents folder."""
    folder = Path(platformdirs.user_documents_dir()) / "commboard"
    return Tell(export_for_board(ctx.layout, folder))


class PathEntry(ButtonScreen):
    """Type the path of a layout folder or file (or a board to import); Enter loads it."""

    wants_text = True

    def __init__(self, ctx: ShellContext, title: str = TYPE_LAYOUT) -> None:
        super().__init__(ctx, title, [])
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

    def view(self) -> MenuView:
        """The prompt and what was typed so far."""
        return MenuView(self.title, (), self.typed)
