"""Typed, versioned settings for one patient: what can be set, and how it is kept.

One concept per module:

- ``fields``: the settings themselves (frozen sections, ``Meta``, the choice
  enums, ``describe`` / ``get`` / ``FIELDS`` by dotted key);
- ``values``: one value parsed, clamped and stepped, and ``SettingsProblem``;
- ``migration``: which settings version a mapping is, and old versions upgraded;
- ``mapping``: a whole profile as a plain mapping to ``Settings`` and back;
- ``profiles``: profile files on disk (paths, reading, atomic saving, corrupt copies);
- ``command``: ``commboard settings show | set | reset``;
- ``gaze_map_file``: the patient's gaze map on disk, beside their profile.

Only the types most code needs are re-exported here; import anything else
from its module.
"""

from commboard.settings.fields import (
    Access,
    Auditory,
    BlinkSettings,
    BoardSettings,
    DisplaySettings,
    Eye,
    FaceLost,
    GazeSettings,
    GazeSwitches,
    Meta,
    ScanMode,
    ScanPattern,
    ScanSettings,
    ScanStart,
    Settings,
    SpeechSettings,
    SpellScan,
    SpellSettings,
)

__all__ = [
    "Access",
    "Auditory",
    "BlinkSettings",
    "BoardSettings",
    "DisplaySettings",
    "Eye",
    "FaceLost",
    "GazeSettings",
    "GazeSwitches",
    "Meta",
    "ScanMode",
    "ScanPattern",
    "ScanSettings",
    "ScanStart",
    "Settings",
    "SpeechSettings",
    "SpellScan",
    "SpellSettings",
]
