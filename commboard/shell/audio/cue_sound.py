"""The auditory-scanning beep: a short, soft tone played by pygame's mixer at each scan step.

For ``auditory: beep`` (and ``both``, with the spoken label) a patient who
cannot see the screen hears each step.  The tone is made in memory (no
asset files) and played without waiting; with no sound card it stays silent
and ``problem`` says why, and the mixer is not asked again for
``RETRY_S`` (opening a missing device can take tens of milliseconds, too
long to repeat every step).  The loop skips the beep while a message is
being spoken.
"""

from __future__ import annotations

import time
from typing import Protocol

import numpy as np
import pygame

RATE_HZ = 22050
TONE_HZ = 1000.0  # a plain tick, well apart from the alarm's 880/660 Hz falling call
TONE_S = 0.08  # short enough to sit inside a 0.5 s scan step
LEVEL = 0.25  # of full scale: soft, beside the alarm's 0.6
FADE_S = 0.008  # raised-cosine ends: no click at start and stop
KEPT = 4  # beeps remembered for ``release`` (one 80 ms beep per step: only the last can play)
RETRY_S = 30.0  # after the mixer failed to open, try again this long later (a speaker plugged in)


class Beeper(Protocol):
    """What plays the scanning beep (``CueSound``; ``commboard.testing.RecordingBeeper`` in tests)."""

    problem: str  # why it is silent ("" when it works)

    def beep(self) -> None:
        """Start one short tone now, without waiting for it to play."""

    def release(self) -> None:
        """Let go of the audio device (beeping was turned off)."""


def tone(rate_hz: int, channels: int) -> np.ndarray:
    """One beep as 16-bit samples, shaped (n,) or (n, channels)."""
    n = int(rate_hz * TONE_S)
    t = np.arange(n) / rate_hz
    envelope = np.ones(n)
    fade = max(1, int(rate_hz * FADE_S))
    ramp = 0.5 - 0.5 * np.cos(np.pi * np.arange(fade) / fade)
    envelope[:fade] = ramp
    envelope[-fade:] = ramp[::-1]
    samples = (np.sin(2 * np.pi * TONE_HZ * t) * envelope * LEVEL * 32767).astype(np.int16)
    return samples if channels == 1 else np.repeat(samples[:, None], channels, axis=1)


class CueSound:
    """Plays the beep through pygame's mixer, opening it at the first beep."""

    def __init__(self) -> None:
        self.problem = ""
        self._sounds: list[pygame.mixer.Sound] = []  # the last few beeps, to stop on release
        self._opened = False  # we opened the mixer (so ``release`` may close it)
        self._failed_at: float | None = None

    def beep(self) -> None:
        """Start the tone; silent (with ``problem`` set) when there is no audio device."""
        if self._failed_at is not None and time.monotonic() - self._failed_at < RETRY_S:
            return
        try:
            opened = pygame.mixer.get_init()
            if opened is None:
                pygame.mixer.init(frequency=RATE_HZ, size=-16, channels=1)
                self._opened = True
                opened = pygame.mixer.get_init()
            if opened is None:
                raise pygame.error("the mixer did not start")
            rate, _, channels = opened
            # Made again each time (a few hundred samples): the alarm may have
            # closed and reopened the mixer with another format since.
            sound = pygame.sndarray.make_sound(tone(rate, channels))
            sound.play()
            self._sounds = [*self._sounds[-(KEPT - 1) :], sound]
            self.problem = ""
            self._failed_at = None
        except (pygame.error, ValueError) as exc:  # no sound card: scanning goes on silently
            self.problem = f"the scanning beep cannot play ({exc})"
            self._failed_at = time.monotonic()

    def release(self) -> None:
        """Close the mixer if the beep opened it (and the alarm is not using it)."""
        for sound in self._sounds:
            sound.stop()
        self._sounds = []
        if self._opened and pygame.mixer.get_init() and not pygame.mixer.get_busy():
            pygame.mixer.quit()
        self._opened = False
