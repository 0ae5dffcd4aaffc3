"""What the scanner says and shows besides the highlight: auditory cues and "Hold longer".

Each item the highlight lands on may be cued (its label said, a beep, or
both, per the auditory setting); a press let go before its hold was reached
is answered with "Hold longer", shown and (auditory) said; after a frame hitch
only the last cue of a call is kept.  ``Scanner`` (:mod:`commboard.scanning.engine`)
takes these from ``ScanCues``, which declares what it uses.
"""

from __future__ import annotations

from commboard.effects import Banner, Cue, Effect, ShowBanner
from commboard.settings import Auditory, ScanSettings

HOLD_LONGER = "Hold longer"
"""What a press let go before its hold was reached is answered with, shown and (auditory) said."""

HOLD_LONGER_KEY = "hold"
HOLD_LONGER_S = 2.0
"""How long "Hold longer" stays up: long enough to read after opening the eyes, then out of the way."""


class ScanCues:
    """The scan's cues (part of ``Scanner``, which holds the state)."""

    _settings: ScanSettings

    def _cue(self, t: float, label: str) -> Cue | None:
        mode = self._settings.auditory
        if mode == Auditory.OFF:
            return None
        return Cue(t, label if mode.speaks else "", beep=mode.beeps)

    def _hold_longer(self, t: float, out: list[Effect]) -> None:
        """A press let go too soon is answered, not ignored: "Hold longer", shown and maybe said.

        Said with the prompt voice only when auditory scanning is on (a
        patient who chose silence is not spoken to); shown briefly either way.
        """
        banner = Banner(HOLD_LONGER_KEY, HOLD_LONGER, "info")
        out.append(ShowBanner(t, banner, HOLD_LONGER_S))
        if self._settings.auditory != Auditory.OFF:
            out.append(Cue(t, HOLD_LONGER))


def final(out: list[Effect]) -> list[Effect]:
    """Drop all but the last cue: after a hitch only the current item is worth saying."""
    cues = [i for i, e in enumerate(out) if isinstance(e, Cue)]
    if len(cues) <= 1:
        return out
    drop = set(cues[:-1])
    return [e for i, e in enumerate(out) if i not in drop]
