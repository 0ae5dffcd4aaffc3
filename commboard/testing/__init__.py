"""Fakes shipped with the package, for tests, benchmarks and headless runs.

Each seam has a real adapter and a fake here, one module per seam; nothing
here imports the shell.  ``from commboard.testing import X`` finds them all:

* ``layouts`` -- the test layouts (YAML text);
* ``speech`` -- a recording speaker and beeper, WAV measurement, ``alive``;
* ``eyes`` -- scripted eye samples and camera feeds, a fake frame source
  (``FlakyCamera``), a fake landmark detector (``StillFace``), an eye host;
* ``records`` -- a line file that fails like a full or read-only disk;
* ``timeline`` -- the scripted timeline runner for a headless board;
* ``face_scripts`` -- synthetic-face scripts (the gaze calibration's patient).

Two are imported from their modules instead (they are not re-exported here):

* ``patient`` -- a simulated patient for soak runs: drowsy eyes, a switch used on purpose;
* ``archives`` -- OBZ archives for tests and benchmarks: a small good one and hostile ones.
"""

from commboard.testing.eyes import (
    EyeFrames,
    FlakyCamera,
    RecordingEyeHost,
    ScriptedFeed,
    ScriptedSamples,
    StillFace,
)
from commboard.testing.face_scripts import GAZE_CALIBRATION_FACE
from commboard.testing.layouts import TWO_PAGE_LAYOUT, YES_NO_LAYOUT
from commboard.testing.records import FailingLineFile
from commboard.testing.speech import (
    LONG_MESSAGE,
    RecordingBeeper,
    RecordingSpeaker,
    WavAudio,
    alive,
    measure_wav,
)
from commboard.testing.timeline import run_for, run_until

__all__ = [
    "GAZE_CALIBRATION_FACE",
    "LONG_MESSAGE",
    "TWO_PAGE_LAYOUT",
    "YES_NO_LAYOUT",
    "EyeFrames",
    "FailingLineFile",
    "FlakyCamera",
    "RecordingBeeper",
    "RecordingEyeHost",
    "RecordingSpeaker",
    "ScriptedFeed",
    "ScriptedSamples",
    "StillFace",
    "WavAudio",
    "alive",
    "measure_wav",
    "run_for",
    "run_until",
]
