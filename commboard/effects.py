"""Effects: what the core asks the shell to do. The core never performs I/O itself.

The shell drains effects after every call into the core and performs them in
order: redraw, speak, play a cue, show or hide a banner, append to the event
log / history.  Effects are the messages between modules; a ``Log`` is only
a record for people and tests, and no code reads one back to learn what
happened.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from commboard.events import Source


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
    """Say ``text`` aloud with the main voice, cutting off whatever is playing.

    Attributes:
        page: the page the patient said it on; None for an echo that is not a
            message (a letter read back while spelling), which the history skips.
        cell: the page slot of a phrase cell that spoke its own words (what
            Huffman scanning learns from); None for a spelled message.
        source: what selected it (keyboard, blink...), for the history.
        record: ``"decision"`` or ``"preference"`` for a statement the care
            record marks (a cell's ``record``); None for an ordinary message.
        confirmed: the patient answered Yes to "You said: ... Is that right?".
    """

    t: float
    text: str
    page: str | None = None
    cell: int | None = None
    source: Source | None = None
    record: str | None = None
    confirmed: bool = False


@dataclass(frozen=True, slots=True)
class Withdraw:
    """The patient undid ``said`` straight after saying it: the history notes it was withdrawn.

    The words are on disk already (a decision is flushed at once), so undo
    cannot take them back; a second line says they were withdrawn, and when.
    """

    t: float
    said: Speak


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
    """A short line for the patient and carer (undo, camera working again...)."""

    t: float
    text: str


@dataclass(frozen=True, slots=True)
class Banner:
    """A problem the carer must see: layout fallback, speech unavailable, camera lost.

    Attributes:
        key: identity, so the same problem is shown once and can be replaced.
        text: plain words, naming the file and line where there is one.
        level: "warning" (dark blue, warning sign) or "info" (dark grey,
            information sign); never yellow, so a banner is not taken for the
            scan highlight.
    """

    key: str
    text: str
    level: str = "warning"


@dataclass(frozen=True, slots=True)
class ShowBanner:
    """Show (or replace) ``banner``: until hidden, or for ``for_s`` seconds."""

    t: float
    banner: Banner
    for_s: float | None = None


@dataclass(frozen=True, slots=True)
class HideBanner:
    """Take the banner with this ``key`` down (nothing happens if it is not shown)."""

    t: float
    key: str


class PauseReason(StrEnum):
    """Why nothing moves on the board; the values are the words of the event log.

    ``WAITING`` is the scanner's own stop (after its unanswered passes, or a
    start-on-switch setting): a switch press ends it.  The others are held
    and released by ``commboard.control.pauses.PauseOwner``.
    """

    CARER_SCREEN = "carer menu"
    FACE_LOST = "face lost"
    RESTING = "rest"
    HELP_CALLED = "alarm"
    LOOKS = "choosing by looks"  # halving: looks choose, the scanner stands still
    WAITING = "waiting for the switch"


@dataclass(frozen=True, slots=True)
class Paused:
    """Scanning stopped for ``reason``; ``also``: the reasons it was already paused for."""

    t: float
    reason: PauseReason
    also: tuple[PauseReason, ...] = ()


@dataclass(frozen=True, slots=True)
class Resumed:
    """``reason`` no longer holds scanning; ``still``: the reasons that still do (empty: it goes on)."""

    t: float
    reason: PauseReason
    still: tuple[PauseReason, ...] = ()


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


@dataclass(frozen=True, slots=True)
class WordsLearned:
    """A spelled message was spoken and learned from: the patient's learned words should be saved.

    ``text`` is the message (learned again into the file's words when the
    file changed under the board, e.g. the carer cleared it).  ``undone``:
    the message was taken back (its Speak undone) and is forgotten instead.
    """

    t: float
    text: str = ""
    undone: bool = False


@dataclass(frozen=True, slots=True)
class PinRequested:
    """The patient chose to keep a recent message and did not undo it: add it to "My phrases"."""

    t: float
    text: str


Effect = (
    Highlight
    | Activate
    | Undo
    | Cue
    | Speak
    | Withdraw
    | StopSpeech
    | Alarm
    | Notice
    | ShowBanner
    | HideBanner
    | Paused
    | Resumed
    | Log
    | WordsLearned
    | PinRequested
)
