"""The alarm's sound: a two-tone call played by pygame's mixer, independent of speech.

The call for help must be heard even when the voice is broken, so it does not
go through the speaker.  The mixer is opened only while the alarm sounds and
closed afterwards, so it never holds the audio device that speech plays on.
"""

from __future__ import annotations

import numpy as np
import pygame

RATE_HZ = 22050
# 880 Hz then 660 Hz, 0.3 s each: a falling two-tone call, distinct from speech.
TONES_HZ = (880.0, 660.0)
TONE_S = 0.3
LEVEL = 0.6  # of full scale


def two_tone(rate_hz: int, channels: int) -> np.ndarray:
    """One cycle of the call as 16-bit samples, shaped (n,) or (n, channels)."""
    n = int(rate_hz * TONE_S)
    t = np.arange(n) / rate_hz
    wave = np.concatenate([np.sin(2 * np.pi * f * t) for f in TONES_HZ])
    samples = (wave * LEVEL * 32767).astype(np.int16)
    return samples if channels == 1 else np.repeat(samples[:, None], channels, axis=1)


class AlarmSound:
    """Starts and stops the looping call; ``problem`` says why it is silent, if it is."""

    def __init__(self) -> None:
        self._sound: pygame.mixer.Sound | None = None
        self.problem = ""

    def start(self) -> None:
        """Play the call over and over until ``stop``."""
        try:
            pygame.mixer.init(frequency=RATE_HZ, size=-16, channels=1)
            opened = pygame.mixer.get_init()
            if opened is None:
                raise pygame.error("the mixer did not start")
            rate, _, channels = opened
            self._sound = pygame.sndarray.make_sound(two_tone(rate, channels))
            self._sound.play(loops=-1)
            self.problem = ""
        except (pygame.error, ValueError) as exc:  # no sound card: the flash still works
            self._sound = None
            self.problem = f"the alarm sound cannot play ({exc})"

    def stop(self) -> None:
        """Silence the call and release the audio device."""
        if self._sound is not None:
            self._sound.stop()
            self._sound = None
        if pygame.mixer.get_init():
            pygame.mixer.quit()

    @property
    def sounding(self) -> bool:
        """True while the call is playing."""
        return self._sound is not None
