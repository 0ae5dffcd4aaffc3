"""Carer screens shown over the board (carer menu, and later camera view, settings...).

A screen receives the carer's keys and clicks, draws itself over the board,
and answers with an ``Outcome``.  While any screen is open the board's
scanning is paused and the patient's switch goes nowhere.  Screens reach the
rest of the board only through ``ShellContext``, so a new screen needs no
change to the loop: add a ``MenuEntry`` in ``carer_menu.menu_entries``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

import pygame

from commboard.adapters.pygame_input import UiEvent
from commboard.settings import Settings
from commboard.shell.screens.text_fit import TextCache


@dataclass(frozen=True, slots=True)
class Stay:
    """Keep this screen open (redraw it)."""


@dataclass(frozen=True, slots=True)
class Close:
    """Close this screen, back to the one below (the board if none)."""


@dataclass(frozen=True, slots=True)
class CloseAll:
    """Close every carer screen: back to the board, scanning resumes."""


@dataclass(frozen=True, slots=True)
class QuitBoard:
    """Stop the board (only after the carer confirmed)."""


@dataclass(frozen=True, slots=True)
class Open:
    """Open another screen on top of this one."""

    screen: Screen


@dataclass(frozen=True, slots=True)
class ChangeLayout:
    """Load another layout (falls back to the default with a banner if it is broken)."""

    path: Path


Outcome = Stay | Close | CloseAll | QuitBoard | Open | ChangeLayout


class ShellContext(Protocol):
    """What a carer screen may read or change on the running board."""

    @property
    def settings(self) -> Settings: ...

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (the settings screen's live changes)."""

    @property
    def layouts_root(self) -> Path: ...


class Screen(Protocol):
    """A carer screen drawn over the board."""

    wants_text: bool  # True while typing: every key arrives as ``Key``

    def handle(self, event: UiEvent, now: float) -> Outcome:
        """React to one carer input."""

    def draw(self, surface: pygame.Surface, texts: TextCache, now: float) -> None:
        """Draw over the (already drawn) board."""

    def next_deadline(self, now: float) -> float | None:
        """When it needs redrawing by itself (a live camera view), None if only on input."""


@dataclass(frozen=True, slots=True)
class MenuEntry:
    """One line of the carer menu: a letter to press, a label, what it opens or does."""

    shortcut: str
    label: str
    choose: Callable[[ShellContext], Outcome]
