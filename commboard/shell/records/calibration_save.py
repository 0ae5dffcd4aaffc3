"""Saving a calibration: the measured blink settings go into the patient's profile on disk.

The calibration run itself (phases, samples, result) is pure and lives in
``control.calibration_run``; this is its one piece of I/O, called by the
calibration screen when the run is over.  Only the blink settings change:
the profile is re-read first, so edits made meanwhile (the settings screen)
are kept.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from commboard.settings.profiles import load_profile, save_profile
from commboard.signals.calibration import CalibrationResult


def save_calibration(profile: str, result: CalibrationResult) -> Path | None:
    """Save the measured blink settings into ``profile`` (re-read, so only blink changes).

    Returns the file, or None when the levels were not measured (nothing saved).
    Raises ``OSError`` if the file cannot be written (the old one is then intact).
    """
    if not result.settings.calibrated:
        return None
    stored, _ = load_profile(profile)
    return save_profile(profile, replace(stored, blink=result.settings))
