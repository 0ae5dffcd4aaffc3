"""A speaker that opens the real one in the background, so the board appears at once.

The real one is ``adapters/pyttsx3_speaker`` (``open_speaker``), as ``shell/run_devices`` asks.

Starting the voice (loading pyttsx3 and espeak-ng, probing the audio player)
can take a noticeable moment; the board must not wait for it.  Until the real
speaker is ready, what is said is kept (the latest main utterance only: saying
something cuts off what came before) and handed over when it is.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from commboard.settings import SpeechSettings
from commboard.speech import NullSpeaker, Speaker, SpeechStatus


class WarmingSpeaker:
    """Implements ``Speaker``; forwards to the real speaker once it has opened."""

    def __init__(self, opener: Callable[[], Speaker]) -> None:
        self._lock = threading.Lock()
        self._real: Speaker | None = None
        self._pending: str | None = None
        self._settings: SpeechSettings | None = None
        self._thread = threading.Thread(target=self._open, args=(opener,), daemon=True)
        self._thread.start()

    def _open(self, opener: Callable[[], Speaker]) -> None:
        try:
            real: Speaker = opener()
        except Exception as exc:  # open_speaker never raises; belt and braces in front of a patient
            real = NullSpeaker(f"Speech unavailable: {exc}")
        with self._lock:
            self._real = real
            pending, self._pending = self._pending, None
            settings = self._settings
        if settings is not None:
            real.apply(settings)
        if pending:
            real.say(pending)

    def _forward(self) -> Speaker | None:
        with self._lock:
            return self._real

    def say(self, text: str) -> None:
        real = self._forward()
        if real is None:
            with self._lock:
                self._pending = text
            return
        real.say(text)

    def cue(self, text: str) -> None:
        real = self._forward()
        if real is not None:  # a prompt that cannot be said in time is not worth saying late
            real.cue(text)

    def stop(self) -> None:
        with self._lock:
            self._pending = None
            real = self._real
        if real is not None:
            real.stop()

    def apply(self, settings: SpeechSettings) -> None:
        with self._lock:
            self._settings = settings
            real = self._real
        if real is not None:
            real.apply(settings)

    def status(self) -> SpeechStatus:
        real = self._forward()
        if real is None:
            return SpeechStatus(available=True, speaking=self._pending is not None)
        return real.status()

    def close(self) -> None:
        self._thread.join()
        real = self._forward()
        if real is not None:
            real.close()
