"""A whole profile as a plain mapping (what a YAML file holds) to ``Settings`` and back.

Reading never raises: the mapping is first brought to the current settings
version (``commboard.settings.migration``), then every value goes through
``parse_value``; each bad, unknown or out-of-range value becomes a
``SettingsProblem`` that points at the file line, and the board starts anyway
on the value clamped or its default.  Fields this version does not know are
kept and written back.  Writing gives plain YAML-safe values: a choice is its
word (``row_column``), never the enum member.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from commboard.settings.fields import FIELDS, GROUPS, SETTINGS_VERSION, Settings
from commboard.settings.migration import upgrade
from commboard.settings.values import (
    SAFETY_KEYS,
    OutOfRangeError,
    SettingsProblem,
    close_keys,
    parse_value,
    quoted,
    shown,
    with_valid_value,
)


class _Reader:
    """Collects values, unknown fields and problems while reading one mapping."""

    def __init__(self, path: Path | None, lines: Mapping[str, int], renames: Mapping[str, str]):
        self.path, self.lines, self.renames = path, lines, renames
        self.values: dict[str, Any] = {}
        self.unknown: list[tuple[str, Any]] = []
        self.problems: list[SettingsProblem] = []

    def problem(self, key: str, message: str) -> None:
        line = self.lines.get(self.renames.get(key, key))
        self.problems.append(SettingsProblem(self.path, line, message))

    def value(self, key: str, raw: Any) -> None:
        try:
            value, warning = parse_value(key, raw, refuse_out_of_range=key in SAFETY_KEYS)
        except OutOfRangeError as e:
            unit = FIELDS[key].meta.unit
            default = shown(FIELDS[key].default) + (f" {unit}" if unit else "")
            self.problem(
                key, f"{e}; using the default {default}, not the nearest limit (a safety setting)"
            )
            return
        except ValueError as e:
            self.problem(key, f"{e}; using the default {shown(FIELDS[key].default)}")
            return
        if warning:
            self.problem(key, warning)
        self.values[key] = value

    def keep(self, key: str, raw: Any) -> None:
        self.unknown.append((key, raw))
        close = close_keys(key)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        self.problem(key, f"unknown setting {quoted(key)} kept as it is but not used{hint}")

    def section(self, group: str, raw: Any) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.problem(
                group,
                f"{group} should be a section of settings, not {quoted(raw)}; using the defaults",
            )
            return
        for name, value in raw.items():
            key = f"{group}.{name}"
            if key in FIELDS:
                self.value(key, value)
            else:
                self.keep(key, value)


def settings_from_dict(
    data: Mapping[Any, Any],
    path: Path | None = None,
    lines: Mapping[str, int] | None = None,
) -> tuple[Settings, list[SettingsProblem]]:
    """Build valid ``Settings`` from a loaded mapping, migrating and clamping as needed.

    ``lines`` maps dotted keys to line numbers so problems point into the file.
    """
    upgraded = upgrade(dict(data))
    problems = [SettingsProblem(path, None, note) for note in upgraded.notes]
    reader = _Reader(path, lines or {}, upgraded.renames)
    for key, raw in upgraded.data.items():
        key = str(key)
        if key == "version":
            continue
        if key in GROUPS:
            reader.section(key, raw)
        elif key in FIELDS:  # a hand-written flat `scan.interval_s: 2`
            reader.value(key, raw)
        else:
            reader.keep(key, raw)
    settings = Settings(unknown=tuple(reader.unknown))
    for key, value in reader.values.items():
        settings = with_valid_value(settings, key, value)
    return settings, problems + reader.problems


def _plain(value: Any) -> Any:
    """A value as YAML and JSON write it: a choice's word (``yaml.safe_dump`` refuses enums)."""
    return value.value if isinstance(value, StrEnum) else value


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """A nested mapping in screen order, with unknown fields back where they were found."""
    out: dict[str, Any] = {"version": SETTINGS_VERSION}
    for group in GROUPS:
        section = getattr(settings, group)
        out[group] = {f.name: _plain(getattr(section, f.name)) for f in fields(section)}
    for key, value in settings.unknown:
        group, _, name = key.partition(".")
        if group in GROUPS and name:
            out[group][name] = value
        else:
            out[key] = value
    return out
