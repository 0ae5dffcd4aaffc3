"""Effects: what the core asks the shell to do. The core never performs I/O itself.

The shell drains effects after every call into the core and performs them in
order: redraw, speak, play a cue, append to the event log / history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Highlight:
    """These cells are now highlighted (a row, a block, one cell). Empty = nothing."""

    t: float
    cells: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Activate:
    """The scanner chose this cell; the board performs the cell's action."""

    t: float
    cell: int


@dataclass(frozen=True, slots=True)
class Cue:
    """Auditory scanning: speak ``text`` quietly with the prompt voice and/or beep."""

    t: float
    text: str
    beep: bool = False


@dataclass(frozen=True, slots=True)
class Speak:
    """Say ``text`` aloud with the main voice, cutting off whatever is playing."""

    t: float
    text: str


@dataclass(frozen=True, slots=True)
class StopSpeech:
    """Cut off the current utterance."""

    t: float


@dataclass(frozen=True, slots=True)
class Alarm:
    """Call for help: a sound and a full-screen flash that work even without speech."""

    t: float
    text: str


@dataclass(frozen=True, slots=True)
class Notice:
    """A short line for the patient and carer (undo, paused, face lost...)."""

    t: float
    text: str


@dataclass(frozen=True, slots=True)
class Log:
    """One event-log record: ``type`` plus its fields (see docs/event-log.md)."""

    t: float
    type: str
    fields: dict[str, Any] = field(default_factory=dict)




@dataclass(frozen=True, slots=True)
class Undo:
    """The user selected again inside the undo window: cancel the last action, say so."""

    t: float


Effect = Highlight | Activate | Undo | Cue | Speak | StopSpeech | Alarm | Notice | Log
