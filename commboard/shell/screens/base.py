"""What every carer screen answers to, and what it may reach on the running board.

A screen receives the carer's keys and clicks, draws itself over the board,
and answers with an ``Outcome``.  While any screen is open the board's
scanning is paused and the patient's switch goes nowhere (unless the screen
``wants_switches``).  Screens reach the rest of the board only through
``ShellContext``, and the camera only through ``CameraAccess``, so a new
screen needs no change to the loop: add a ``MenuEntry`` in
``carer_menu.carer_menu.menu_entries``.  The loop and ``screen_timeout`` read
the ``Screen`` protocol's members directly: every screen declares all of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Protocol

import pygame

from commboard.board.layout_places import LayoutChoice
from commboard.board.model import Layout
from commboard.control.camera_readings import CameraReport
from commboard.control.write_problems import WriteStatus
from commboard.events import UiEvent
from commboard.settings import Settings
from commboard.shell.screens.text_fit import TextCache
from commboard.vision.sample import EyeSample


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
    """Load another layout (off the frame loop; a broken one leaves the layout in use).

    ``note`` is said on the board once the carer is back on it (the editor:
    where the page was saved).  ``layout`` is the layout already in memory
    and checked (the editor's save: what was written, read back): the board
    takes it at once instead of reading every file again.
    """

    path: Path
    note: str = ""
    layout: Layout | None = None


@dataclass(frozen=True, slots=True)
class Tell:
    """Back to the board (every screen closed) and say ``text`` there (an export's result)."""

    text: str


@dataclass(frozen=True, slots=True)
class Work:
    """Slow work with files (rewriting the history, writing a report or an export), off the loop.

    The carer is back on the board at once; it goes on scanning while
    ``doing`` ("Deleting 45 statements said ...") shows, and what ``run``
    returns is carried out when it is done: a ``Tell`` is said on the board
    (the screens the carer opened meanwhile stay open), an ``Open`` opens its
    screen.  One at a time: a second while one runs is refused, in words.

    ``run`` runs on a worker thread (``adapters.background_work``): it gets
    paths and frozen data, never the running board.  ``where``: the file or
    folder it works on, named if it fails in a way ``run`` did not foresee.
    ``stay``: the carer stays on the screen that asked (a count before a
    question, which opens on top when it is ready, if that screen is still in
    front; otherwise the carer is told to choose it again); scanning stays paused.
    """

    doing: str
    run: Callable[[], Outcome]
    where: Path
    stay: bool = False


Outcome = Stay | Close | CloseAll | QuitBoard | Open | ChangeLayout | Tell | Work


class CameraAccess(CameraReport, Protocol):
    """What carer screens use of the board's camera input (``shell.eye_input.EyeInput``).

    The camera view reads its state, picture and words (``CameraReport``);
    calibration also records samples and speaks.
    """

    def record(self, tap: Callable[[EyeSample], None] | None, looks: bool = False) -> None:
        """Send every eye sample to ``tap`` instead of the blink switch (None: back to it);
        ``looks``: the tap records looks (gaze calibration)."""

    def say(self, text: str) -> None:
        """Speak to the patient (calibration talks them through its phases)."""


class ShellContext(Protocol):
    """What a carer screen may read or change on the running board."""

    @property
    def settings(self) -> Settings: ...

    def apply_settings(self, settings: Settings) -> None:
        """Use new settings from now on (the settings screen's live changes)."""

    def layout_choices(self) -> list[LayoutChoice]:
        """The layouts the carer may switch to (``board.layout_places``)."""

    @property
    def profile(self) -> str:
        """The patient profile the settings screen and calibration save to (``--profile``)."""

    @property
    def eyes(self) -> CameraAccess | None:
        """The board's camera input, None when it runs without a camera."""

    @property
    def layout(self) -> Layout:
        """The layout the board shows (the page editor edits it)."""

    @property
    def page_id(self) -> str:
        """The page the board shows now."""

    def say(self, text: str) -> None:
        """Speak with the patient's voice (not a message: the history does not keep it)."""

    @property
    def history_path(self) -> Path | None:
        """The patient's history file (None: this run keeps none: a demo or a test)."""

    def history_status(self) -> WriteStatus | None:
        """The history writer's state (None: this run keeps no history)."""

    def calendar(self) -> datetime:
        """Calendar time now (local; a virtual-clock run's moves with its clock)."""

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        """Add a record of type ``kind`` to the run's event log (docs/event-log.md)."""

    def kept_drafts(self) -> list[str]:
        """Unsaved work kept from screens that closed for want of input (quitting loses it)."""

    def learned_counts(self) -> tuple[int, int] | None:
        """How many words and word pairs were learned from the patient (None: this run keeps
        none: a demo or a test)."""

    def forget_learned(self) -> str:
        """Forget the learned words, in memory and in their file; what happened, in words."""


class Screen(Protocol):
    """A carer screen drawn over the board.  Every member is declared by every screen."""

    @property
    def wants_text(self) -> bool:
        """True while typing: every key arrives as ``Key`` (none is a switch)."""

    @property
    def wants_switches(self) -> bool:
        """True while the patient's switch presses go to this screen (the settings try-out)."""

    @property
    def idle_timeout_s(self) -> float | None:
        """Closed by the loop after this long without carer input; None: never (calibration)."""

    def timeout_note(self) -> str | None:
        """What closing it for want of input leaves unsaved, for the log and the notice
        (None: nothing)."""

    @property
    def draft_slot(self) -> str | None:
        """Where the loop keeps this screen's unsaved work when it closes it for want of input,
        until a screen of the same slot opens (``control.screen_timeout.KeptDrafts``);
        None: it keeps none."""

    def resume(self, kept: Screen, now: float) -> Screen:
        """The screen to open instead of this new one, given the one kept in its slot
        (its edits carried over, still unsaved)."""

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
