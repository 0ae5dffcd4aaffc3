"""The patient's gaze map on disk, beside their profile: ``profiles/<name>.gaze.json``.

Written by the gaze calibration (with the look distances it saves into the
profile), read by the board when dwell selection is chosen.  JSON, because
it is numbers a carer never edits; atomic and readable by the user only,
like the profile.  A file that cannot be read is left untouched and
reported with its path and what is wrong; dwell then stays off.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from commboard.private_folder import make_private_folder
from commboard.regular_file import read_regular
from commboard.settings.fields import Eye
from commboard.settings.profiles import atomic_write, profile_path
from commboard.settings.values import quoted
from commboard.signals.gaze_map import MAX_CORNER_SHIFT, Accuracy, GazeMap

# 2: the height of the eye is measured against the eye corners (it was against
# the lids), and "corner_rise" is new.  A version 1 map would point wrongly up
# and down: the patient is asked to calibrate again.
# 3: "heights", "nose" and "nose_share" are new: the calibration fits up and
# down both against the eye corners and against the nose bridge and keeps the
# share of each that points best for this patient; its accuracy (and the usable
# grid sizes) is measured on two of the four check dots, the two that did not
# choose.  A version 2 map never had the choice (on one of our test faces the
# nose bridge points better up and down, on the other the corners): the patient
# is asked to calibrate again.
# 4: "corner_shift" is new (a look towards a corner moved up or down by the
# steady amount the check dots measured), and the accuracy is measured at each
# of the four check dots with a map chosen and fitted from the other three.  A
# version 3 map still points as it did (it is read with no corner shift, and its
# accuracy was measured on dots that did not choose it): it is kept, so no
# patient is asked to calibrate again; calibrating again can only add the shift.
# An older board refuses a version 4 file (it would point without the shift while
# showing the accuracy measured with it).
VERSION = 4
# The oldest version still read as it is.
OLDEST = 3
# A saved map is about 1 KB.  A bigger file is not one of ours: it is not read, so
# none of it is quoted into a banner or held in memory.
MAX_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class StoredMap:
    """A gaze map and the accuracy its check measured."""

    map: GazeMap
    accuracy: Accuracy


def gaze_map_path(profile: str, config_dir: Path | None = None) -> Path:
    """Where ``profile``'s gaze map lives (next to its settings file)."""
    settings = profile_path(profile, config_dir)
    return settings.with_name(settings.stem + ".gaze.json")


def save_gaze_map(path: Path, stored: StoredMap) -> None:
    """Write the map atomically, readable by the user only.  Raises ``OSError``."""
    m, a = stored.map, stored.accuracy
    data = {
        "version": VERSION,
        **_lines(m),
        "frame_size": list(m.frame_size) if m.frame_size else None,
        "eye": m.eye.value,
        "mirrored": m.mirrored,
        "heights": m.heights,
        "nose": _lines(m.nose) if m.nose is not None else None,
        "nose_share": m.nose_share,
        "corner_shift": m.corner_shift,
        "accuracy": {
            "median_pct": a.median_pct,
            "p90_pct": a.p90_pct,
            "degrees": a.degrees,
            "usable": [list(g) for g in a.usable],
            "frames": a.frames,
            "median_x_pct": a.median_x_pct,
            "median_y_pct": a.median_y_pct,
        },
    }
    make_private_folder(path.parent)
    atomic_write(path, (json.dumps(data, indent=1) + "\n").encode("utf-8"))
    os.chmod(path, 0o600)


def _lines(m: GazeMap) -> dict[str, Any]:
    """A map's fitted numbers (its rest, lines and corner rise)."""
    return {
        "rest": [list(m.rest[0]), list(m.rest[1])],
        "x": list(m.x),
        "y": list(m.y),
        "corner_rise": list(m.corner_rise),
    }


def load_gaze_map(path: Path) -> tuple[StoredMap | None, str]:
    """The stored map, or None and why not ("" when there is simply none yet)."""
    try:
        if path.stat().st_size > MAX_BYTES:
            return None, (
                f"{path}: too large to be a gaze calibration (over {MAX_BYTES // 1024} KB); "
                "calibrate looks again."
            )
        text = read_regular(path).decode("utf-8")
    except FileNotFoundError:
        return None, ""
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"{path}: the gaze calibration cannot be read ({exc}); calibrate looks again."
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return None, (
            f"{path}:{exc.lineno}: the gaze calibration file is damaged ({exc.msg}); "
            "calibrate looks again."
        )
    except RecursionError:
        return None, (
            f"{path}: the gaze calibration file is damaged (nested too deeply); "
            "calibrate looks again."
        )
    except ValueError:  # a whole number thousands of digits long (past Python's limit)
        return None, (
            f"{path}: the gaze calibration file is damaged (a number far too long); "
            "calibrate looks again."
        )
    try:
        return _stored(data), ""
    except NewerMap as exc:
        return None, (
            f"{path}: made by a newer version of the board (gaze calibration version "
            f"{quoted(exc.args[0])}; this board reads up to {VERSION}), not damaged: use the newer "
            "board, or calibrate looks again here (that replaces it)."
        )
    except OldMap:
        return None, (
            f"{path}: made by an older version of the board, before dwell could choose how to "
            "read looks up and down for each patient; calibrate looks again (carer menu G)."
        )
    except (KeyError, TypeError, ValueError, IndexError, OverflowError) as exc:
        # OverflowError: a whole number written as 1e400 (infinity) in the file
        return None, f"{path}: the gaze calibration file is damaged ({exc}); calibrate looks again."


class OldMap(Exception):
    """A gaze map from an older version of the board: its numbers mean something else now."""


class NewerMap(Exception):
    """A gaze map from a newer version of the board (its version number is the argument)."""


def _stored(data: Any) -> StoredMap:
    if isinstance(data, dict) and isinstance(data.get("version"), int) and data["version"] < OLDEST:
        raise OldMap()
    version = data.get("version") if isinstance(data, dict) else None
    if type(version) is int and version > VERSION:
        raise NewerMap(version)
    if type(version) is not int or not OLDEST <= version <= VERSION:
        raise ValueError(f"expected a version {VERSION} gaze calibration")
    size = data.get("frame_size")
    frame_size = (int(size[0]), int(size[1])) if size else None
    eye, mirrored = Eye(data["eye"]), _bool(data["mirrored"])
    nose = None
    if data["nose"] is not None:
        nose = _map(data["nose"], frame_size, eye, mirrored, True, None, 0.0)
    share = _f(data["nose_share"])
    if not 0.0 <= share <= 1.0 or (share and nose is None):
        raise ValueError(f"nose_share {share} without a nose map, or outside 0..1")
    m = _map(data, frame_size, eye, mirrored, _bool(data["heights"]), nose, share)
    if version >= 4:  # a version 3 map has none (it pointed without it)
        shift = _f(data["corner_shift"])
        if abs(shift) > MAX_CORNER_SHIFT:
            raise ValueError(f"corner_shift {shift} is larger than {MAX_CORNER_SHIFT}")
        m = replace(m, corner_shift=shift)
    a = data["accuracy"]
    usable = tuple((int(g[0]), int(g[1])) for g in a["usable"])
    axes = [_f(a[k]) if a.get(k) is not None else None for k in ("median_x_pct", "median_y_pct")]
    accuracy = Accuracy(_f(a["median_pct"]), _f(a["p90_pct"]), _f(a["degrees"]), usable,
                        int(a["frames"]), axes[0], axes[1])  # fmt: skip
    return StoredMap(m, accuracy)


def _map(
    data: Any,
    frame_size: tuple[int, int] | None,
    eye: Eye,
    mirrored: bool,
    heights: bool,
    nose: GazeMap | None,
    share: float,
) -> GazeMap:
    rest = ((_f(data["rest"][0][0]), _f(data["rest"][0][1])),
            (_f(data["rest"][1][0]), _f(data["rest"][1][1])))  # fmt: skip
    return GazeMap(
        rest,
        (_f(data["x"][0]), _f(data["x"][1]), _f(data["x"][2])),
        (_f(data["y"][0]), _f(data["y"][1]), _f(data["y"][2])),
        frame_size,
        eye,
        mirrored,
        (_f(data["corner_rise"][0]), _f(data["corner_rise"][1])),
        heights,
        nose,
        share,
    )


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"{quoted(value)} is not true or false")
    return value


def _f(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"{quoted(value)} is not a number")
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError(f"{quoted(value)} is not a finite number")
    return number
