"""Settings versions: old profiles are upgraded, newer and odd ones are read as far as known."""

from __future__ import annotations

from typing import Any

import pytest

from commboard.settings.fields import FIELDS, SETTINGS_VERSION
from commboard.settings.migration import V0_KEYS, migrate_v0, upgrade


def test_version_0_units_become_seconds_and_fractions_in_sections() -> None:
    data, renames = migrate_v0(
        {"scan_interval_ms": 1500, "volume_percent": 80, "scan_pattern": "linear", "odd": 1}
    )
    assert data == {
        "version": 1,
        "scan": {"interval_s": 1.5, "pattern": "linear"},
        "speech": {"volume": 0.8},
        "odd": 1,  # not a version-0 key: carried over, reported later as unknown
    }
    assert renames == {"scan.interval_s": "scan_interval_ms", "speech.volume": "volume_percent",
                       "scan.pattern": "scan_pattern"}  # fmt: skip


def test_a_non_number_in_a_version_0_unit_field_is_left_for_the_value_check() -> None:
    data, _ = migrate_v0({"version": 0, "acceptance_ms": "slow", "blink_hold_ms": True})
    assert data["scan"]["acceptance_s"] == "slow" and data["blink"]["hold_s"] is True


def test_every_version_0_key_maps_to_a_current_setting() -> None:
    assert {new for new, _ in V0_KEYS.values()} <= set(FIELDS)


@pytest.mark.parametrize(
    ("data", "migrated"),
    [
        ({"scan_interval_ms": 2000}, True),  # no version, but version-0 keys
        ({"version": 0, "scan": {"interval_s": 2}}, True),
        ({"scan": {"interval_s": 2}}, False),  # no version, current keys
        ({"version": SETTINGS_VERSION, "scan_interval_ms": 2000}, False),
    ],
)
def test_which_files_are_version_0(data: dict[Any, Any], migrated: bool) -> None:
    result = upgrade(data)
    assert bool(result.notes) is migrated
    if migrated:
        assert result.data["version"] == SETTINGS_VERSION
        assert "migrated to version" in result.notes[0]
    else:
        assert result.data is data and result.renames == {}


def test_a_newer_version_is_kept_as_it_is_with_a_note() -> None:
    data = {"version": SETTINGS_VERSION + 1, "gaze": {"dwell_s": 1.0}}
    result = upgrade(data)
    assert result.data is data
    assert result.notes == (
        f"written by a newer commboard (settings version {SETTINGS_VERSION + 1}); using the "
        "settings this version knows and keeping the rest",
    )


@pytest.mark.parametrize("version", ["1", 1.0, True, [1]])
def test_a_version_that_is_not_a_whole_number_is_read_as_current(version: object) -> None:
    result = upgrade({"version": version})
    assert result.notes == (
        f"version should be a whole number, not {version!r}; reading it as version "
        f"{SETTINGS_VERSION}",
    )


def test_version_1_default_up_down_look_distance_is_kept_without_a_word() -> None:
    result = upgrade({"version": 1, "gaze": {"vertical_distance": 0.08, "hold_s": 0.5}})
    assert result.notes == ()
    assert result.data["gaze"] == {"vertical_distance": 0.08, "hold_s": 0.5}


def test_version_1_small_calibrated_up_down_distance_is_raised_and_recalibration_asked() -> None:
    """Measured against the nose bridge, an old calibrated 0.05 would count resting jitter as looks."""
    result = upgrade({"version": 1, "gaze": {"vertical_distance": 0.05, "hold_s": 0.7}})
    assert result.data["gaze"] == {"vertical_distance": 0.07, "hold_s": 0.7}
    assert result.data["version"] == 2
    (note,) = result.notes
    assert note.startswith("gaze.vertical_distance:")
    assert "(0.05)" in note and "so it is 0.07 now" in note and "calibrate looks again" in note


def test_version_1_larger_up_down_distance_is_kept_and_recalibration_asked() -> None:
    result = upgrade({"version": 1, "gaze": {"vertical_distance": 0.12}})
    assert result.data["gaze"] == {"vertical_distance": 0.12}
    (note,) = result.notes
    assert "(0.12) is kept" in note and "calibrate looks again" in note


@pytest.mark.parametrize("gaze", [None, "x", {"vertical_distance": "far"}, {"hold_s": 1.0}])
def test_version_1_without_a_numeric_up_down_distance_is_left_for_the_value_check(
    gaze: object,
) -> None:
    data: dict[Any, Any] = {"version": 1} if gaze is None else {"version": 1, "gaze": gaze}
    result = upgrade(data)
    assert result.notes == ()
    assert result.data.get("gaze") == (None if gaze is None else gaze)
