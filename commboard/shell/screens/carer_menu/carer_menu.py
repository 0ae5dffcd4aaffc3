"""The carer menu (Escape or F10): resume, change layout, quit with confirmation.

Operated with letter keys and the mouse.  The patient's switch keys (Space,
Enter, Right, Tab) do nothing here, so a switch press can never choose an
entry, and quitting takes two separate choices (Q, then Y).

To add an entry (camera view, calibration, settings...), add one
``MenuEntry`` to ``menu_entries`` below; nothing else needs to change.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from commboard.adapters.board_exchange_menu import export_for_board
from commboard.control.write_problems import quit_warning
from commboard.shell.screens.base import (
    ChangeLayout,
    Close,
    CloseAll,
    MenuEntry,
    Open,
    Outcome,
    QuitBoard,
    ShellContext,
    Tell,
    Work,
)
from commboard.shell.screens.calibration.calibration_screen import (
    open_calibration,
    open_gaze_calibration,
)
from commboard.shell.screens.camera_view.camera_view import open_camera_view
from commboard.shell.screens.carer_menu.button_screen import ButtonScreen, TypedEntry
from commboard.shell.screens.carer_menu.care_papers import open_papers
from commboard.shell.screens.carer_menu.forget_words import open_forget
from commboard.shell.screens.carer_menu.pin_screen import open_pin
from commboard.shell.screens.editor.editor_screen import open_editor
from commboard.shell.screens.said.said_screen import open_said
from commboard.shell.screens.settings.settings_screen import SettingsScreen


def menu_entries() -> list[MenuEntry]:
    """The carer menu, top to bottom.  The one place where entries are listed."""
    return [
        MenuEntry("r", "Resume", lambda ctx: CloseAll()),
        MenuEntry("w", "What was said", open_said),
        MenuEntry("p", "Papers for the care team", open_papers),
        MenuEntry("l", "Change layout", lambda ctx: Open(LayoutPicker(ctx))),
        MenuEntry("e", "Edit this page", open_editor),
        MenuEntry("k", "Keep a recent message on a page", open_pin),
        MenuEntry("f", "Forget learned words", open_forget),
        MenuEntry("c", "Camera view", open_camera_view),
        MenuEntry("b", "Calibrate blinks", open_calibration),
        MenuEntry("g", "Calibrate looks", open_gaze_calibration),
        MenuEntry(
            "s",
            "Settings (therapist)",
            lambda ctx: Open(SettingsScreen(ctx, ctx.profile)),
        ),
        MenuEntry("q", "Quit the board", lambda ctx: Open(QuitConfirm(ctx))),
    ]


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
        question = "Quit? The patient cannot speak or call for help while it is closed."
        kept = ctx.kept_drafts()
        lost = f" Kept from earlier and lost on quitting: {'; '.join(kept)}." if kept else ""
        super().__init__(ctx, question + quit_warning(ctx.history_status()) + lost, entries)


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
    """The picker's "Export this layout": an .obz in the user's documents folder.

    Zipping a layout with its photos takes seconds: done off the frame loop (``Work``).
    """
    folder = Path(platformdirs.user_documents_dir()) / "commboard"
    layout = ctx.layout  # frozen: the worker reads this one, whatever the board shows next
    return Work(
        f"Exporting layout '{layout.name}' to {folder}",
        lambda: Tell(export_for_board(layout, folder)),
        folder,
    )


class PathEntry(TypedEntry):
    """Type the path of a layout folder or file (or a board to import); Enter loads it."""

    def __init__(self, ctx: ShellContext, title: str = TYPE_LAYOUT) -> None:
        super().__init__(ctx, title, lambda typed: ChangeLayout(Path(os.path.expanduser(typed))))
