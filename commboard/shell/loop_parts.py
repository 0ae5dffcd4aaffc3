"""What the frame loop is built from: its clock and the parts the composition root hands it.

``shell.app`` (the composition root) builds a ``LoopParts`` from the
settings and command line; ``shell.loop.BoardLoop`` runs with it.  The
clock is one of two: real monotonic time, or a virtual clock that jumps to
the next deadline so headless runs are fast and exactly repeatable.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import PygameInput
from commboard.board.model import Layout
from commboard.settings import Settings
from commboard.shell.audio.alarm_sound import AlarmSound
from commboard.shell.audio.cue_sound import Beeper, CueSound
from commboard.shell.eye_input import EyeInput
from commboard.shell.input_script import ScriptFeed
from commboard.shell.records.event_log import EventLog
from commboard.shell.records.history_writer import HistoryWriter
from commboard.shell.view import Banner
from commboard.speech import Speaker


class RealClock:
    """Monotonic time; the loop sleeps in ``PygameInput.wait``."""

    virtual = False

    def now(self) -> float:
        return time.monotonic()

    def advance_to(self, t: float) -> None:
        """Real time cannot be advanced; the loop waits instead."""


class VirtualClock:
    """Time that jumps to the next deadline: headless runs as fast as possible."""

    virtual = True

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance_to(self, t: float) -> None:
        self._now = max(self._now, t)


Clock = RealClock | VirtualClock


@dataclass
class LoopParts:
    """Everything the loop works with, built by ``shell.app`` (the composition root)."""

    layout: Layout
    settings: Settings
    speaker: Speaker
    surface: pygame.Surface
    clock: Clock
    event_log: EventLog
    inputs: PygameInput
    script: ScriptFeed | None = None
    history: HistoryWriter | None = None
    usage: dict[str, dict[int, float]] = field(default_factory=dict)
    end_at: float | None = None
    screenshots: Path | None = None
    input_name: str = "keyboard"
    launched_at: float | None = None  # real monotonic time the command started
    banners: list[Banner] = field(default_factory=list)
    profile: str = "default"  # the --profile the settings screen saves to
    eyes: EyeInput | None = None  # camera + blink switch (shell/eye_input.py)
    alarm_sound: AlarmSound | None = None
    # The auditory-scanning beep (``auditory: beep`` or ``both``); tests inject a recording fake.
    cue_sound: Beeper | None = field(default_factory=CueSound)
    history_problems: list[str] = field(default_factory=list)  # damaged lines read at start
