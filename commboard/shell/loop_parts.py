"""What the frame loop is built from: the parts the composition root hands it.

``shell.app`` (the composition root) builds a ``LoopParts`` from the
settings and command line; ``shell.loop.BoardLoop`` runs with it.  The
clock (``commboard.clock``) is real monotonic time, or a virtual clock that
jumps to the next deadline so headless runs are fast and exactly repeatable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import PygameInput
from commboard.adapters.word_data_loading import WordDataLoading
from commboard.board.model import Layout
from commboard.clock import Clock
from commboard.control.input_script import ScriptFeed
from commboard.effects import Banner
from commboard.predict.personal_file import PersonalFile
from commboard.predict.predictor import Predictor
from commboard.settings import Settings
from commboard.shell.audio.alarm_sound import AlarmSound
from commboard.shell.audio.cue_sound import Beeper, CueSound
from commboard.shell.eye_input import EyeInput
from commboard.shell.records.event_log import EventLog
from commboard.shell.records.history_writer import HistoryWriter
from commboard.speech import Speaker


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
    launched_at: float | None = None  # when the command started, on ``clock``
    banners: list[Banner] = field(default_factory=list)
    profile: str = "default"  # the --profile the settings screen saves to
    eyes: EyeInput | None = None  # camera + blink switch (shell/eye_input.py)
    alarm_sound: AlarmSound | None = None
    # The auditory-scanning beep (``auditory: beep`` or ``both``); tests inject a recording fake.
    cue_sound: Beeper | None = field(default_factory=CueSound)
    history_problems: list[str] = field(default_factory=list)  # damaged lines read at start
    # Word prediction on the Spell page (None: no language data for this layout) and the
    # profile's learned-words file (None: a practice run learns in memory only).
    predictor: Predictor | None = None
    learned_file: PersonalFile | None = None
    word_data: WordDataLoading | None = None  # the language's word lists, read off the loop
    # Calendar time (the What was said screen's "now"); a virtual-clock run's moves with it.
    calendar: Callable[[], datetime] = field(default=lambda: datetime.now().astimezone())
