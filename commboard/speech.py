"""Speech seam: what the board asks of a voice, and the silent fallback.

The shell turns ``Speak``/``Cue``/``StopSpeech`` effects into calls on a
:class:`Speaker`.  Real speakers live in ``commboard.adapters`` (pyttsx3 run
in a worker process, played by a player we can kill); this module only holds
the Protocol, the status record the shell draws from, and :class:`NullSpeaker`,
the fallback used when the carer chose silence or speech cannot start (after
ACAT's ``NullTTSEngine``): the board must keep working without a voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from commboard.settings import SpeechSettings


@dataclass(frozen=True, slots=True)
class SpeechStatus:
    """What the shell needs to know about the voice, read once per frame.

    How the shell reads it:

    * ``available`` True: utterances are heard (or written to WAV files).
    * ``available`` False and ``problem`` empty: the carer chose silence
      (``--speech none``).  Show the spoken words in very large text; no banner.
    * ``available`` False and ``problem`` set: speech is broken.  Show the words
      in very large text *and* a banner with ``problem`` (plain words, one line).
    * ``notice``: something a carer may want to fix that does not stop speech,
      e.g. the chosen voice was not found and the default voice is used.

    Attributes:
        available: Whether ``say`` is heard.
        speaking: A main utterance is being prepared or played (cues do not count).
        problem: Why speech is unavailable, in plain words; "" if it is fine or
            was switched off on purpose.
        notice: A non-fatal remark for the carer; "" if none.
    """

    available: bool
    speaking: bool = False
    problem: str = ""
    notice: str = ""


class Speaker(Protocol):
    """A voice the board can talk through.  No method may block the frame loop."""

    def say(self, text: str) -> None:
        """Speak ``text`` with the main voice, cutting off whatever is playing."""

    def cue(self, text: str) -> None:
        """Speak an auditory-scanning prompt with the quiet, fast prompt voice.

        Dropped while a main utterance is being prepared or played: never talk
        over the message being spoken.  A newer cue cuts off an older one.
        """

    def stop(self) -> None:
        """Cut off the current utterance now and forget any that are pending."""

    def apply(self, settings: SpeechSettings) -> None:
        """Use new rate, volume and voice from the next utterance on."""

    def status(self) -> SpeechStatus:
        """The current state, without blocking."""

    def close(self) -> None:
        """Stop speaking and release the engine (waits for pending WAV files)."""


class NullSpeaker:
    """A speaker that says nothing; reports why through :meth:`status`.

    Args:
        problem: Why there is no voice, in plain words; "" when the carer chose
            silence.
    """

    def __init__(self, problem: str = "") -> None:
        self._problem = problem

    def say(self, text: str) -> None:
        """Nothing is heard; the shell shows the words instead."""

    def cue(self, text: str) -> None:
        """Nothing is heard."""

    def stop(self) -> None:
        """Nothing to stop."""

    def apply(self, settings: SpeechSettings) -> None:
        """Nothing to configure."""

    def status(self) -> SpeechStatus:
        return SpeechStatus(available=False, speaking=False, problem=self._problem)

    def close(self) -> None:
        """Nothing to release."""
