"""Per-patient settings profiles: read (validate, clamp, migrate), save safely, script.

A profile is one YAML file, ``<config dir>/profiles/NAME.yaml``, that a
therapist may also read and edit by hand.  Reading never raises: every value
that is out of range, of the wrong type or unknown is reported as a
``SettingsProblem`` (with the file and line) and the board starts anyway, with
the value clamped or the default used.  Saving is atomic and keeps the previous
file as ``NAME.yaml.bak``; a file that could not be read is never overwritten
without first being kept as ``NAME.yaml.corrupt-N``.  See ``docs/settings.md``.

File I/O lives here, but no clock reads, sleeps or pygame: the settings screen
and ``commboard settings`` both call these functions.
"""

from __future__ import annotations

import contextlib
import difflib
import math
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

import yaml

from commboard.settings import GROUPS, SETTINGS_VERSION, Meta, Settings, describe, get

ENV_CONFIG_DIR = "COMMBOARD_CONFIG_DIR"
"""Environment variable that replaces the user's config directory (tests, CI, kiosks)."""

_NAME_RE = re.compile(r"[A-Za-z0-9_-]{1,64}")
# Device names Windows will not let us create as files, whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(1, 10)),
    *(f"lpt{i}" for i in range(1, 10)),
}
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


class ProfileNameError(ValueError):
    """A profile name that is not safe as a file name."""


class UnknownSettingError(KeyError):
    """No setting has this key; the message names the closest keys."""

    def __str__(self) -> str:
        return str(self.args[0])


# ---------------------------------------------------------------- names and paths


def config_root(config_dir: Path | None = None) -> Path:
    """The config directory: the argument, else ``$COMMBOARD_CONFIG_DIR``, else the user's."""
    if config_dir is not None:
        return Path(config_dir)
    env = os.environ.get(ENV_CONFIG_DIR)
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_config_dir("commboard"))


def check_profile_name(name: str) -> str:
    """Return ``name`` if it is 1-64 ASCII letters, digits, ``-`` or ``_``; else raise.

    ASCII only, so the same name means the same file on every system (no
    Unicode normalisation surprises on macOS, no path tricks such as ``../``).
    """
    if not _NAME_RE.fullmatch(name or "") or name.lower() in _RESERVED:
        raise ProfileNameError(
            f"profile name {name!r} is not allowed: use 1-64 letters (a-z, A-Z), digits, "
            "'-' or '_', e.g. 'anna-smith'"
        )
    return name


def profile_path(name: str, config_dir: Path | None = None) -> Path:
    """Where profile ``name`` lives; raises ``ProfileNameError`` for an unsafe name."""
    return config_root(config_dir) / "profiles" / f"{check_profile_name(name)}.yaml"


# ---------------------------------------------------------------- one value


@dataclass(frozen=True, slots=True)
class _Field:
    key: str
    meta: Meta
    default: Any


_FIELDS: dict[str, _Field] = {key: _Field(key, meta, d) for key, meta, d in describe()}
_TRUE = {"true", "yes", "on", "1"}
_FALSE = {"false", "no", "off", "0"}


def setting_keys() -> list[str]:
    """Every dotted key, in screen order."""
    return list(_FIELDS)


def _fmt(x: float) -> str:
    return f"{x:g}"


def _close_keys(key: str) -> list[str]:
    close = difflib.get_close_matches(key, _FIELDS, n=3, cutoff=0.6)
    tail = key.rsplit(".", 1)[-1].lower()
    close += [k for k in _FIELDS if tail and tail in k and k not in close]
    return close[:5]


def _unknown_key_message(key: str) -> str:
    close = _close_keys(key)
    hint = f"did you mean: {', '.join(close)}?" if close else "`commboard settings show` lists them"
    return f"no setting named {key!r}; {hint}"


def _parse_number(f: _Field, raw: Any) -> float:
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


def _clamp(f: _Field, x: float) -> tuple[float, str | None]:
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


def _parse_text(f: _Field, raw: Any) -> str:
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
    f = _FIELDS.get(key)
    if f is None:
        raise UnknownSettingError(_unknown_key_message(key))
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


def step_value(settings: Settings, key: str, steps: int) -> tuple[Settings, str | None]:
    """Move a number ``steps`` steps, or a choice/yes-no that many places (wrapping choices).

    Numbers are rounded to the step's precision (so 0.1 + 0.2 shows as 0.3) and
    stop at the range ends; the warning says so.
    """
    f = _FIELDS[key]
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
            default = _FIELDS[key].default
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
            if key in _FIELDS:
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
        elif key in _FIELDS:  # a hand-written flat `scan.interval_s: 2`
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


def _dump_entry(key: str, value: Any, indent: str) -> list[str]:
    text = yaml.safe_dump({key: value}, sort_keys=False, allow_unicode=True, width=10**6)
    return [indent + line for line in text.rstrip("\n").split("\n")]


def _help_comment(meta: Meta) -> str:
    bits = [meta.unit] if meta.unit else []
    if meta.min is not None and meta.max is not None:
        bits.append(f"{_fmt(meta.min)} to {_fmt(meta.max)}")
    if meta.choices:
        bits.append(" | ".join(meta.choices))
    extra = f" ({', '.join(bits)})" if bits else ""
    return f"# {meta.label}{extra}: {meta.help}"


def render_yaml(settings: Settings, name: str = "") -> str:
    """The profile file text: stable key order, one comment line per setting."""
    head = [
        f"# commboard settings{f' for profile {name!r}' if name else ''}.",
        "# Values outside a range are clamped when the board reads this file.",
        "# `commboard settings set KEY VALUE` changes a value safely.",
        f"version: {SETTINGS_VERSION}",
    ]
    known = settings_to_dict(settings)
    for group in GROUPS:
        head += ["", f"{group}:"]
        for item_name, value in known[group].items():
            f = _FIELDS.get(f"{group}.{item_name}")
            comment = (
                _help_comment(f.meta) if f else "# Not known to this version of commboard; kept."
            )
            head += ["  " + comment, *_dump_entry(item_name, value, "  ")]
    for key, value in known.items():
        if key != "version" and key not in GROUPS:
            head += [
                "",
                "# Not known to this version of commboard; kept.",
                *_dump_entry(key, value, ""),
            ]
    return "\n".join(head) + "\n"


# ---------------------------------------------------------------- files


def _key_lines(text: str) -> tuple[dict[str, int], list[tuple[str, int, int]]]:
    """Line (1-based) of every top-level and section key, and duplicates (key, first, again)."""
    lines: dict[str, int] = {}
    dupes: list[tuple[str, int, int]] = []
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    todo = [("", root)] if isinstance(root, yaml.MappingNode) else []
    while todo:
        prefix, node = todo.pop()
        for k, v in node.value:
            key = f"{prefix}{k.value}"
            if key in lines:
                dupes.append((key, lines[key], k.start_mark.line + 1))
            lines[key] = k.start_mark.line + 1
            if not prefix and isinstance(v, yaml.MappingNode):
                todo.append((f"{key}.", v))
    return lines, dupes


def _yaml_error_where(e: yaml.YAMLError, text: str) -> tuple[int | None, str]:
    """Line and plain description of a YAML syntax error (never past the last line)."""
    mark = getattr(e, "problem_mark", None)
    reason = getattr(e, "problem", None) or str(e)
    if mark is None:
        return None, f"not valid YAML: {reason}"
    line = min(mark.line + 1, max(1, len(text.splitlines())))
    context = getattr(e, "context_mark", None)
    if context is not None and context.line + 1 != line:
        reason += f" (in what starts on line {context.line + 1})"
    return line, f"not valid YAML: {reason}"


def _read(path: Path) -> tuple[dict[Any, Any] | None, dict[str, int], list[SettingsProblem]]:
    """Parse the file. ``None`` means unusable: the problem says why and where."""

    def fail(line: int | None, why: str) -> tuple[None, dict[str, int], list[SettingsProblem]]:
        msg = f"{why}; the file is left as it is and the board uses default settings"
        return None, {}, [SettingsProblem(path, line, msg, "error")]

    try:
        text = path.read_bytes().decode("utf-8")
        data = yaml.safe_load(text)
        lines, dupes = _key_lines(text)
    except (OSError, UnicodeDecodeError) as e:
        return fail(None, f"cannot read the settings file ({e})")
    except yaml.YAMLError as e:
        return fail(*_yaml_error_where(e, text))
    if data is None:
        return {}, {}, [SettingsProblem(path, None, "the file is empty; using default settings")]
    if not isinstance(data, dict):
        return fail(1, f"expected settings (key: value lines), found a {type(data).__name__}")
    problems = [
        SettingsProblem(
            path, again, f"{key} is given twice (lines {first} and {again}); using the last"
        )
        for key, first, again in dupes
    ]
    return data, lines, problems


def read_settings_file(path: Path) -> tuple[Settings, list[SettingsProblem]]:
    """Settings from one YAML file. Never raises; a missing file is defaults, no problem."""
    if not path.exists():
        return Settings(), []
    data, lines, problems = _read(path)
    if data is None:
        return Settings(), problems
    settings, more = settings_from_dict(data, path, lines)
    return settings, problems + more


def load_profile(
    name: str, config_dir: Path | None = None
) -> tuple[Settings, list[SettingsProblem]]:
    """The patient's settings and everything worth telling the therapist about them.

    Never raises: whatever goes wrong, the board gets usable settings (defaults
    where needed) and a problem that says what happened.
    """
    try:
        return read_settings_file(profile_path(name, config_dir))
    except ProfileNameError as e:
        return Settings(), [SettingsProblem(None, None, f"{e}; using default settings", "error")]
    except Exception as e:  # never crash in front of a patient because of a settings file
        msg = f"could not load profile {name!r} ({type(e).__name__}: {e}); using default settings"
        return Settings(), [SettingsProblem(None, None, msg, "error")]


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):  # not possible on every OS; the data itself is synced
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so a crash leaves either the old file or the new, never half.

    Temp file in the same directory (mode 0600), flush, fsync, ``os.replace``.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _make_private_dir(directory: Path) -> None:
    """Create the config and profiles directories readable by this user only (0700)."""
    for d in (directory.parent, directory):
        if not d.is_dir():
            d.mkdir(parents=True, mode=0o700)
            os.chmod(d, 0o700)  # mkdir's mode is filtered by the umask


def _keep_previous(path: Path) -> SettingsProblem | None:
    """Before replacing ``path``: a readable file becomes ``.bak``; an unreadable one is kept aside."""
    if not path.exists():
        return None
    data, _, _ = _read(path)
    if data is not None:
        atomic_write(path.with_name(path.name + ".bak"), path.read_bytes())
        return None
    n = 1
    while (aside := path.with_name(f"{path.name}.corrupt-{n}")).exists():
        n += 1
    shutil.copy2(path, aside)  # bytes and modification time as they were
    return SettingsProblem(
        path, None, f"the unreadable file was kept as {aside.name} before saving", "error"
    )


def save_profile(
    name: str,
    settings: Settings,
    config_dir: Path | None = None,
    *,
    notes: list[SettingsProblem] | None = None,
) -> Path:
    """Save ``settings`` as profile ``name``; return the file's path.

    The previous readable file is kept as ``NAME.yaml.bak``; a file we could
    not read is first copied to ``NAME.yaml.corrupt-N`` (and a note appended to
    ``notes``), so nothing a therapist wrote is ever silently lost.

    Raises:
        ProfileNameError: unsafe name.
        OSError: the file could not be written; the old file is then intact.
    """
    path = profile_path(name, config_dir)
    _make_private_dir(path.parent)
    kept = _keep_previous(path)
    atomic_write(path, render_yaml(settings, name).encode("utf-8"))
    if kept and notes is not None:
        notes.append(kept)
    return path


# ---------------------------------------------------------------- command line


def _show_value(key: str, value: Any) -> str:
    unit = _FIELDS[key].meta.unit
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return f"{text} {unit}" if unit and not isinstance(value, str) else text


def _warn(*problems: SettingsProblem | str) -> None:
    for p in problems:
        print(f"commboard: {p}", file=sys.stderr)


def _show(args: Any, settings: Settings, path: Path) -> int:
    if args.key:
        print(_show_value(args.key, get(settings, args.key)))
        return 0
    state = "" if path.exists() else " (not saved yet: defaults)"
    print(f"# profile {args.profile}: {path}{state}")
    for key in _FIELDS:
        print(f"{key} = {_show_value(key, get(settings, key))}")
    for key, value in settings.unknown:
        print(f"# unknown, kept: {key} = {value!r}")
    return 0


def _change(args: Any, settings: Settings) -> tuple[Settings, str | None]:
    if args.action == "set":
        return with_value(settings, args.key, args.value)
    if args.key:
        return _set(settings, args.key, _FIELDS[args.key].default), None
    return Settings(unknown=settings.unknown), None


def _usage_error(args: Any) -> str | None:
    if args.action == "set" and (args.key is None or args.value is None):
        return "usage: commboard settings set KEY VALUE [--profile NAME]"
    if args.action != "set" and args.value is not None:
        return f"usage: commboard settings {args.action} [KEY] [--profile NAME]"
    if args.key is not None and args.key not in _FIELDS:
        raise UnknownSettingError(_unknown_key_message(args.key))
    return None


def settings_command(args: Any) -> int:
    """``commboard settings show [KEY] | set KEY VALUE | reset [KEY] [--profile NAME]``.

    Exit codes: 0 done (warnings, e.g. a clamped value, go to stderr); 1 the
    key, value or profile is wrong, the profile file could not be read (show)
    or saved; 2 wrong arguments.
    """
    try:
        usage = _usage_error(args)
        if usage:
            _warn(usage)
            return 2
        path = profile_path(args.profile)
        settings, problems = read_settings_file(path)
        _warn(*problems)
        if args.action == "show":
            return _show(args, settings, path) or int(any(p.severity == "error" for p in problems))
        settings, warning = _change(args, settings)
        _warn(*[warning] if warning else [])
        notes: list[SettingsProblem] = []
        saved = save_profile(args.profile, settings, notes=notes)
        _warn(*notes)
    except (ValueError, UnknownSettingError, OSError) as e:
        _warn(str(e))
        return 1
    shown = (
        f"{args.key} = {_show_value(args.key, get(settings, args.key))}"
        if args.key
        else "all settings reset"
    )
    print(f"{shown} (saved to {saved})")
    return 0
