"""Settings values: parse, clamp and step one value; a mapping to and from ``Settings``.

Everything here is pure (no files, no clock): a value typed on the settings
screen, given on the command line or read from a profile file goes through
``parse_value``, which clamps numbers into their clinical range and says so
rather than failing.  Reading a whole mapping (``settings_from_dict``) never
raises either: each bad, unknown or out-of-range value becomes a
``SettingsProblem`` that points at the file line, and the board starts anyway.
Older files (settings version 0) are migrated here.  File I/O is in
``commboard.profiles``.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from commboard.settings import GROUPS, SETTINGS_VERSION, Meta, Settings, describe, get

_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True, slots=True)
class SettingsProblem:
    """Something a therapist should know about a profile: where, and what we did about it.

    ``severity`` is ``"error"`` when the file as a whole could not be used (the
    board runs on defaults), ``"warning"`` when one value was clamped, replaced
    by its default, or kept unused.
    """

    path: Path | None
    line: int | None
    message: str
    severity: str = "warning"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: " if self.path else ""
        return where + self.message


class UnknownSettingError(KeyError):
    """No setting has this key; the message names the closest keys."""

    def __str__(self) -> str:
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class SettingField:
    """One setting: its dotted key, its screen/range metadata and its default."""

    key: str
    meta: Meta
    default: Any


FIELDS: Mapping[str, SettingField] = {
    key: SettingField(key, meta, d) for key, meta, d in describe()
}
"""Every setting by dotted key, in screen order (read-only: built from ``settings.describe``)."""
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def setting_keys() -> list[str]:
    """Every dotted key, in screen order."""
    return list(FIELDS)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _close_keys(key: str) -> list[str]:
    close = difflib.get_close_matches(key, FIELDS, n=3, cutoff=0.6)
    tail = key.rsplit(".", 1)[-1].lower()
    close += [k for k in FIELDS if tail and tail in k and k not in close]
    return close[:5]


def unknown_key_message(key: str) -> str:
    """What to tell someone who typed a key no setting has: the closest keys, or where to look."""
    close = _close_keys(key)
    hint = f"did you mean: {', '.join(close)}?" if close else "`commboard settings show` lists them"
    return f"no setting named {key!r}; {hint}"


def _parse_number(f: SettingField, raw: Any) -> float:
    unit = f" in {f.meta.unit}" if f.meta.unit else ""
    what = "a whole number" if type(f.default) is int else "a number"
    expected = f"{what}{unit} from {_fmt(f.meta.min or 0)} to {_fmt(f.meta.max or 0)}"
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):
            raw = float(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise ValueError(f"expected {expected}, not {raw!r}")
    if type(f.default) is int and raw != int(raw):
        raise ValueError(f"expected {expected}, not {raw!r}")
    return raw


def _clamp(f: SettingField, x: float) -> tuple[float, str | None]:
    unit = f" {f.meta.unit}" if f.meta.unit else ""
    if f.meta.max is not None and x > f.meta.max:
        return (
            f.meta.max,
            f"{f.key} {_fmt(x)} is above the maximum {_fmt(f.meta.max)}{unit}; using {_fmt(f.meta.max)}",
        )
    if f.meta.min is not None and x < f.meta.min:
        return (
            f.meta.min,
            f"{f.key} {_fmt(x)} is below the minimum {_fmt(f.meta.min)}{unit}; using {_fmt(f.meta.min)}",
        )
    return x, None


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if isinstance(raw, str | int) and text in _TRUE | _FALSE:
        return text in _TRUE
    raise ValueError(f"expected yes or no, not {raw!r}")


def _parse_text(f: SettingField, raw: Any) -> str:
    if isinstance(raw, bool):  # YAML 1.1 reads a bare `off` / `on` as a boolean
        raw = "on" if raw else "off"
    if isinstance(raw, int | float):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected text, not {raw!r}")
    if f.meta.choices:
        choice = raw.strip().lower().replace("-", "_").replace(" ", "_")
        if choice not in f.meta.choices:
            raise ValueError(f"expected one of {', '.join(f.meta.choices)}, not {raw!r}")
        return choice
    if _COLOUR_RE.fullmatch(str(f.default)) and not _COLOUR_RE.fullmatch(raw.strip()):
        raise ValueError(f"expected a colour like {f.default}, not {raw!r}")
    return raw.strip() if _COLOUR_RE.fullmatch(str(f.default)) else raw


def parse_value(key: str, raw: Any) -> tuple[Any, str | None]:
    """Turn ``raw`` (typed, or text from a command line) into a valid value for ``key``.

    Returns:
        (value, warning): the warning says how an out-of-range number was clamped.

    Raises:
        UnknownSettingError: no such key (the message lists the closest keys).
        ValueError: ``raw`` cannot be read as this setting's type or choices.
    """
    f = FIELDS.get(key)
    if f is None:
        raise UnknownSettingError(unknown_key_message(key))
    kind = type(f.default)
    try:
        if kind is bool:
            return _parse_bool(raw), None
        if kind is str:
            return _parse_text(f, raw), None
        number, warning = _clamp(f, _parse_number(f, raw))
    except ValueError as e:
        raise ValueError(f"{key}: {e}") from None
    return (int(number) if kind is int else float(number)), warning


def _set(settings: Settings, key: str, value: Any) -> Settings:
    group, name = key.split(".", 1)
    section = replace(getattr(settings, group), **{name: value})
    return replace(settings, **{group: section})


def with_value(
    settings: Settings, key: str, value: str | float | int | bool
) -> tuple[Settings, str | None]:
    """A copy of ``settings`` with ``key`` set to ``value`` (parsed and clamped).

    Returns the new settings and a warning if the value was clamped.  Raises
    ``UnknownSettingError`` / ``ValueError`` as ``parse_value`` does.
    """
    parsed, warning = parse_value(key, value)
    return _set(settings, key, parsed), warning


def reset_value(settings: Settings, key: str) -> Settings:
    """A copy of ``settings`` with ``key`` back at its default (``KeyError`` if no such key)."""
    return _set(settings, key, FIELDS[key].default)


def step_value(settings: Settings, key: str, steps: int) -> tuple[Settings, str | None]:
    """Move a number ``steps`` steps, or a choice/yes-no that many places (wrapping choices).

    Numbers are rounded to the step's precision (so 0.1 + 0.2 shows as 0.3) and
    stop at the range ends; the warning says so.
    """
    f = FIELDS[key]
    current = get(settings, key)
    if isinstance(current, bool):
        return _set(settings, key, not current if steps % 2 else current), None
    if f.meta.choices:
        i = f.meta.choices.index(current) if current in f.meta.choices else 0
        return _set(settings, key, f.meta.choices[(i + steps) % len(f.meta.choices)]), None
    if isinstance(current, int | float) and f.meta.step:
        decimals = max(0, -math.floor(math.log10(f.meta.step) + 1e-9)) + 1
        return with_value(settings, key, round(current + steps * f.meta.step, decimals))
    return settings, None


# ---------------------------------------------------------------- migration

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


def migrate_v0(data: Mapping[Any, Any]) -> tuple[dict[Any, Any], dict[str, str]]:
    """Version 0 (flat keys, milliseconds, percent) to version 1 (sections, seconds, 0..1).

    Returns the migrated mapping and ``{new key: old key}`` so problems found
    later can still point at the line the therapist wrote.  Keys version 0
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


def _upgrade(
    data: dict[Any, Any], path: Path | None
) -> tuple[dict[Any, Any], dict[str, str], list[SettingsProblem]]:
    version = data.get("version")
    if version is None:
        version = 0 if any(k in V0_KEYS for k in data) else SETTINGS_VERSION
    if isinstance(version, bool) or not isinstance(version, int):
        msg = f"version should be a whole number, not {version!r}; reading it as version {SETTINGS_VERSION}"
        return data, {}, [SettingsProblem(path, None, msg)]
    if version == 0:
        migrated, renames = migrate_v0(data)
        msg = (
            f"settings version 0 (flat keys such as scan_interval_ms) migrated to version "
            f"{SETTINGS_VERSION}; the file is rewritten in the new form at the next save"
        )
        return migrated, renames, [SettingsProblem(path, None, msg)]
    if version > SETTINGS_VERSION:
        msg = (
            f"written by a newer commboard (settings version {version}); using the settings "
            f"this version knows and keeping the rest"
        )
        return data, {}, [SettingsProblem(path, None, msg)]
    return data, {}, []


# ---------------------------------------------------------------- mapping <-> Settings


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
            value, warning = parse_value(key, raw)
        except ValueError as e:
            default = FIELDS[key].default
            self.problem(key, f"{e}; using the default {default!r}")
            return
        if warning:
            self.problem(key, warning)
        self.values[key] = value

    def keep(self, key: str, raw: Any) -> None:
        self.unknown.append((key, raw))
        close = _close_keys(key)
        hint = f" (did you mean {', '.join(close)}?)" if close else ""
        self.problem(key, f"unknown setting {key!r} kept as it is but not used{hint}")

    def section(self, group: str, raw: Any) -> None:
        if raw is None:
            return
        if not isinstance(raw, dict):
            self.problem(
                group, f"{group} should be a section of settings, not {raw!r}; using the defaults"
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
    upgraded, renames, problems = _upgrade(dict(data), path)
    reader = _Reader(path, lines or {}, renames)
    for key, raw in upgraded.items():
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
        settings = _set(settings, key, value)
    return settings, problems + reader.problems


def settings_to_dict(settings: Settings) -> dict[str, Any]:
    """A nested mapping in screen order, with unknown fields back where they were found."""
    out: dict[str, Any] = {"version": SETTINGS_VERSION}
    for group in GROUPS:
        section = getattr(settings, group)
        out[group] = {f.name: getattr(section, f.name) for f in fields(section)}
    for key, value in settings.unknown:
        group, _, name = key.partition(".")
        if group in GROUPS and name:
            out[group][name] = value
        else:
            out[key] = value
    return out
