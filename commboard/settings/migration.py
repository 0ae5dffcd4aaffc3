"""Settings versions: which version a profile was written in, and how an old one becomes current.

Version 0 (the first profiles: flat keys, milliseconds, percent) becomes
version 1 (sections, seconds, 0..1).  Version 1's up/down look distance was
measured against the eye corners; version 2 measures looks up and down
against the bridge of the nose (``vision.metrics.look_height``), so a
calibrated distance from version 1 is kept only where it is safe and the
therapist is asked to calibrate looks again.  A file from a newer commboard is read
as far as this version understands it.  Pure: a mapping in, a mapping out,
plus what the therapist should be told; the caller turns that into
``SettingsProblem``s pointing at the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from commboard.settings.fields import SETTINGS_VERSION, GazeSettings
from commboard.settings.values import quoted
from commboard.signals.gaze_calibration import MIN_VERTICAL

V0_KEYS: dict[str, tuple[str, float]] = {
    # version-0 flat key: (current key, divide by) -- ms became s, percent became 0..1
    "scan_interval_ms": ("scan.interval_s", 1000),
    "first_item_extra_ms": ("scan.first_extra_s", 1000),
    "acceptance_ms": ("scan.acceptance_s", 1000),
    "post_select_delay_ms": ("scan.post_select_delay_s", 1000),
    "scan_passes": ("scan.passes", 1),
    "scan_pattern": ("scan.pattern", 1),
    "blink_hold_ms": ("blink.hold_s", 1000),
    "speech_rate": ("speech.rate_wpm", 1),
    "volume_percent": ("speech.volume", 100),
}


@dataclass(frozen=True, slots=True)
class Upgrade:
    """A mapping brought to the current version.

    Attributes:
        data: the mapping in the current version's shape.
        renames: ``{new key: old key}``, so a problem found later in a value
            can still point at the line the therapist wrote.
        notes: what to tell the therapist about the version (empty: nothing).
    """

    data: dict[Any, Any]
    renames: dict[str, str]
    notes: tuple[str, ...] = ()


def migrate_v0(data: Mapping[Any, Any]) -> tuple[dict[Any, Any], dict[str, str]]:
    """Version 0 (flat keys, milliseconds, percent) to version 1 (sections, seconds, 0..1).

    Returns the migrated mapping and ``{new key: old key}``.  Keys version 0
    did not define are carried over unchanged (and then reported as unknown).
    """
    out: dict[Any, Any] = {"version": 1}
    renames: dict[str, str] = {}
    for old, raw in data.items():
        if old == "version":
            continue
        if old not in V0_KEYS:
            out[old] = raw
            continue
        new, divisor = V0_KEYS[old]
        group, name = new.split(".", 1)
        numeric = isinstance(raw, int | float) and not isinstance(raw, bool)
        out.setdefault(group, {})[name] = raw / divisor if numeric and divisor != 1 else raw
        renames[new] = old
    return out, renames


def migrate_v1(data: Mapping[Any, Any]) -> tuple[dict[Any, Any], tuple[str, ...]]:
    """Version 1 to version 2: the up/down look distance is measured another way.

    Version 1 read a look up or down against the eye corners, which Face Mesh
    moves with the look; a calibration could then save a distance as small as
    0.04.  Measured against the nose bridge, a distance under
    ``MIN_VERTICAL`` lets landmark jitter at rest count as looks (on
    benchmarks/gaze.py's rest, Grace Hopper's old calibrated 0.06 counted 13
    in 5 minutes): such a distance is raised to ``MIN_VERTICAL``.  A distance
    other than the default is kept, and the therapist is asked to calibrate
    looks again so that it is measured the new way.
    """
    out = dict(data)
    out["version"] = 2
    gaze = out.get("gaze")
    if not isinstance(gaze, Mapping):
        return out, ()
    value = gaze.get("vertical_distance")
    if isinstance(value, bool) or not isinstance(value, int | float):
        return out, ()  # missing, or not a number: the value check reports it
    if value == GazeSettings().vertical_distance:
        return out, ()
    again = "calibrate looks again (carer menu, or commboard calibrate --gaze)"
    if value < MIN_VERTICAL:
        out["gaze"] = {**gaze, "vertical_distance": MIN_VERTICAL}
        note = (
            f"gaze.vertical_distance: looks up and down are now measured against the bridge of "
            f"the nose; the distance saved before ({value:g}) was measured against the eye "
            f"corners and would let small eye movements at rest count as looks, so it is "
            f"{MIN_VERTICAL:g} now; {again}"
        )
    else:
        note = (
            f"gaze.vertical_distance: looks up and down are now measured against the bridge of "
            f"the nose; the distance saved before ({value:g}) is kept, but it was measured "
            f"against the eye corners: {again}"
        )
    return out, (note,)


def upgrade(data: dict[Any, Any]) -> Upgrade:
    """``data`` in the current version's shape, whatever version it says (or implies) it is.

    A file without ``version`` is version 0 if it uses version-0 keys, else
    current.  A version that is not a whole number is read as current; a newer
    version is read as far as this one understands it (unknown keys are kept).
    """
    version = data.get("version")
    if version is None:
        version = 0 if any(k in V0_KEYS for k in data) else SETTINGS_VERSION
    if isinstance(version, bool) or not isinstance(version, int):
        msg = f"version should be a whole number, not {quoted(version)}; reading it as version {SETTINGS_VERSION}"
        return Upgrade(data, {}, (msg,))
    if version == 0:
        migrated, renames = migrate_v0(data)
        migrated, _ = migrate_v1(migrated)  # version 0 had no gaze settings
        msg = (
            f"settings version 0 (flat keys such as scan_interval_ms) migrated to version "
            f"{SETTINGS_VERSION}; the file is rewritten in the new form at the next save"
        )
        return Upgrade(migrated, renames, (msg,))
    if version == 1:
        migrated, notes = migrate_v1(data)
        return Upgrade(migrated, {}, notes)
    if version > SETTINGS_VERSION:
        msg = (
            f"written by a newer commboard (settings version {version}); using the settings "
            f"this version knows and keeping the rest"
        )
        return Upgrade(data, {}, (msg,))
    return Upgrade(data, {})
