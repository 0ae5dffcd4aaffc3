"""One setting's value: parse it, clamp it into its range, step it, say what went wrong.

Everything here is pure (no files, no clock): a value typed on the settings
screen, given on the command line or read from a profile file goes through
``parse_value``, which clamps numbers into their clinical range and says so
rather than failing, and turns the word for a choice into its enum member.
Whole mappings (a profile file's contents) are read in
``commboard.settings.mapping``; files in ``commboard.settings.profiles``.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import re
import reprlib
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any

from commboard.settings.fields import FIELDS, SettingField, Settings, get

_COLOUR_RE = re.compile(r"#[0-9a-fA-F]{6}")
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


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


def _fmt(x: float) -> str:
    return f"{x:g}"


def close_keys(key: str) -> list[str]:
    """Up to five real keys a person who typed ``key`` probably meant."""
    close = difflib.get_close_matches(key, FIELDS, n=3, cutoff=0.6)
    tail = key.rsplit(".", 1)[-1].lower()
    close += [k for k in FIELDS if tail and tail in k and k not in close]
    return close[:5]


def unknown_key_message(key: str) -> str:
    """What to tell someone who typed a key no setting has: the closest keys, or where to look."""
    close = close_keys(key)
    hint = f"did you mean: {', '.join(close)}?" if close else "`commboard settings show` lists them"
    return f"no setting named {key!r}; {hint}"


# A value quoted in a message is cut: a file may hold a megabyte-long word or a list
# of millions, and the message goes to the terminal and onto a banner.
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = _SHORT.maxset = 4
_SHORT.maxlevel = 2


def quoted(value: Any) -> str:
    """``repr(value)``, cut to a few dozen characters (``'xxxxx...xxxx'``, ``[1, 2, ...]``)."""
    return _SHORT.repr(value)


def shown(value: Any) -> str:
    """A value as problem messages quote it: ``'row_column'``, ``1.0``, ``True``.

    A choice is quoted as the word in the file, not as the enum's ``repr``.
    """
    return quoted(value.value if isinstance(value, StrEnum) else value)


def _parse_number(f: SettingField, raw: Any) -> float:
    unit = f" in {f.meta.unit}" if f.meta.unit else ""
    what = "a whole number" if type(f.default) is int else "a number"
    expected = f"{what}{unit} from {_fmt(f.meta.min or 0)} to {_fmt(f.meta.max or 0)}"
    if isinstance(raw, str):
        with contextlib.suppress(ValueError):
            raw = float(raw.strip())
    if isinstance(raw, bool) or not isinstance(raw, int | float) or not math.isfinite(raw):
        raise ValueError(f"expected {expected}, not {quoted(raw)}")
    if type(f.default) is int and raw != int(raw):
        raise ValueError(f"expected {expected}, not {quoted(raw)}")
    return raw


# Values that keep a patient safe from accidental selections or from being
# rushed.  A typo in one of them must not become the nearest extreme (an
# acceptance hold of -1 would become 0 s and turn the accidental-press filter
# off): in a file it falls back to the default, on the command line it is refused.
SAFETY_KEYS = frozenset(
    {
        "scan.interval_s",
        "scan.acceptance_s",
        "scan.alarm_hold_s",
        "blink.hold_s",
        "blink.refractory_s",
        "speech.volume",  # a typo must not silence the patient
        "speech.cue_volume",  # nor the prompts of a patient who scans by ear
    }
)


class OutOfRangeError(ValueError):
    """A number outside the setting's range, where it must not be clamped; names the range."""


def allowed_range(key: str) -> str:
    """``0.1 to 10 s``: the range a person may give ``key``."""
    meta = FIELDS[key].meta
    unit = f" {meta.unit}" if meta.unit else ""
    return f"{_fmt(meta.min or 0)} to {_fmt(meta.max or 0)}{unit}"


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
    text = str(raw).strip().lower() if isinstance(raw, str | int) else ""
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise ValueError(f"expected yes or no, not {quoted(raw)}")


def _as_text(raw: Any) -> str:
    if isinstance(raw, bool):  # YAML 1.1 reads a bare `off` / `on` as a boolean
        raw = "on" if raw else "off"
    if isinstance(raw, int | float):
        raw = str(raw)
    if not isinstance(raw, str):
        raise ValueError(f"expected text, not {quoted(raw)}")
    return raw


def _parse_choice(f: SettingField, raw: Any) -> StrEnum:
    """The enum member a word names; ``Row-Column`` and ``row column`` mean ``row_column``."""
    text = _as_text(raw)
    choice = text.strip().lower().replace("-", "_").replace(" ", "_")
    if choice not in f.meta.choices:
        raise ValueError(f"expected one of {', '.join(f.meta.choices)}, not {quoted(text)}")
    kind: type[StrEnum] = type(f.default)
    return kind(choice)


def _parse_text(f: SettingField, raw: Any) -> str:
    text = _as_text(raw)
    if not _COLOUR_RE.fullmatch(str(f.default)):
        return text
    if not _COLOUR_RE.fullmatch(text.strip()):
        raise ValueError(f"expected a colour like {f.default}, not {quoted(text)}")
    return text.strip()


def parse_value(key: str, raw: Any, *, refuse_out_of_range: bool = False) -> tuple[Any, str | None]:
    """Turn ``raw`` (typed, or text from a command line) into a valid value for ``key``.

    Args:
        key: the setting.
        raw: what was written or typed.
        refuse_out_of_range: raise ``OutOfRangeError`` for a number outside the
            range instead of clamping it.

    Returns:
        (value, warning): the warning says how an out-of-range number was clamped.

    Raises:
        UnknownSettingError: no such key (the message lists the closest keys).
        OutOfRangeError: out of range and ``refuse_out_of_range``.
        ValueError: ``raw`` cannot be read as this setting's type or choices.
    """
    f = FIELDS.get(key)
    if f is None:
        raise UnknownSettingError(unknown_key_message(key))
    kind = type(f.default)
    try:
        if kind is bool:
            return _parse_bool(raw), None
        if isinstance(f.default, StrEnum):
            return _parse_choice(f, raw), None
        if kind is str:
            return _parse_text(f, raw), None
        number, warning = _clamp(f, _parse_number(f, raw))
        if warning and refuse_out_of_range:
            raise OutOfRangeError(
                f"{_fmt(_parse_number(f, raw))} is outside the allowed range, {allowed_range(key)}"
            )
    except OutOfRangeError as e:
        raise OutOfRangeError(f"{key}: {e}") from None
    except ValueError as e:
        raise ValueError(f"{key}: {e}") from None
    return (int(number) if kind is int else float(number)), warning


def with_valid_value(settings: Settings, key: str, value: Any) -> Settings:
    """A copy of ``settings`` with ``key`` set to ``value``, which is already valid."""
    group, name = key.split(".", 1)
    section = replace(getattr(settings, group), **{name: value})
    return replace(settings, **{group: section})


def changed_over(on_disk: Settings, start: Settings, edited: Settings) -> Settings:
    """What a save writes: the profile as it is on disk, with the values that were changed
    from ``start`` to ``edited`` on the settings screen.

    A value the therapist did not touch keeps what the file has: the board may be running
    a one-run ``--scan-interval``, or the file may have been changed from a terminal
    since the board read it; neither may be written over the therapist's value.
    """
    out = on_disk
    for key in FIELDS:
        value = get(edited, key)
        if value != get(start, key):
            out = with_valid_value(out, key, value)
    return out


def with_value(
    settings: Settings,
    key: str,
    value: str | float | int | bool,
    *,
    refuse_out_of_range: bool = False,
) -> tuple[Settings, str | None]:
    """A copy of ``settings`` with ``key`` set to ``value`` (parsed and clamped, or refused).

    Returns the new settings and a warning if the value was clamped.  Raises
    ``UnknownSettingError`` / ``OutOfRangeError`` / ``ValueError`` as ``parse_value`` does.
    """
    parsed, warning = parse_value(key, value, refuse_out_of_range=refuse_out_of_range)
    return with_valid_value(settings, key, parsed), warning


def reset_value(settings: Settings, key: str) -> Settings:
    """A copy of ``settings`` with ``key`` back at its default (``KeyError`` if no such key)."""
    return with_valid_value(settings, key, FIELDS[key].default)


def step_value(settings: Settings, key: str, steps: int) -> tuple[Settings, str | None]:
    """Move a number ``steps`` steps, or a choice/yes-no that many places (wrapping choices).

    Numbers are rounded to the step's precision (so 0.1 + 0.2 shows as 0.3) and
    stop at the range ends; the warning says so.
    """
    f = FIELDS[key]
    current = get(settings, key)
    if isinstance(current, bool):
        return with_valid_value(settings, key, not current if steps % 2 else current), None
    if isinstance(f.default, StrEnum):
        members = list(type(f.default))
        i = members.index(current) if current in members else 0
        return with_valid_value(settings, key, members[(i + steps) % len(members)]), None
    if isinstance(current, int | float) and f.meta.step:
        decimals = max(0, -math.floor(math.log10(f.meta.step) + 1e-9)) + 1
        return with_value(settings, key, round(current + steps * f.meta.step, decimals))
    return settings, None
