"""Saving a calibration: the measured blink settings go into the patient's profile on disk.

The calibration run itself (phases, samples, result) is pure and lives in
``control.calibration_run``; this is its one piece of I/O, called by the
calibration screen when the run is over.  Only what was measured changes
(the blink settings, or the look distances and the gaze map for dwell):
the profile is re-read first, so edits made meanwhile (the settings screen)
are kept.
"""

from __future__ import annotations

from pathlib import Path

from commboard.control.calibration_run import PhasedRun
from commboard.control.gaze_calibration_run import GazeCalibrationRun
from commboard.settings.gaze_map_file import gaze_map_path, save_gaze_map
from commboard.settings.profiles import load_profile, save_profile


def save_calibration(profile: str, run: PhasedRun) -> Path | None:
    """Save what ``run`` measured into ``profile`` (re-read, so only what it measured changes).

    Returns the file, or None when nothing usable was measured (nothing saved).
    Raises ``OSError`` if the file cannot be written (the old one is then intact).
    """
    stored, _ = load_profile(profile)
    applied = run.applied(stored)
    if applied is None:
        return None
    if isinstance(run, GazeCalibrationRun):
        gaze_map, _ = run.stored_map()
        if (
            gaze_map is not None
        ):  # the map for dwell, beside the profile (a failed check keeps the old)
            save_gaze_map(gaze_map_path(profile), gaze_map)
    return save_profile(profile, applied)
