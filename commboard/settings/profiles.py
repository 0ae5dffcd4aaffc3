"""Per-patient settings profiles on disk: where they live, read them, save them safely.

A profile is one YAML file, ``<config dir>/profiles/NAME.yaml``, that a
therapist may also read and edit by hand.  Reading never raises: every value
that is out of range, of the wrong type or unknown is reported as a
``SettingsProblem`` (with the file and line) and the board starts anyway, with
the value clamped or the default used (the mapping is checked in
``commboard.settings.mapping``).  Saving is atomic and keeps the previous file
as ``NAME.yaml.bak``; a file that could not be read is never overwritten
without first being kept as ``NAME.yaml.corrupt-N``.  See ``docs/settings.md``.

File I/O lives here, but no clock reads, sleeps or pygame: the settings screen,
the calibration screen and ``commboard settings`` (``commboard.settings.command``)
all call these functions.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path
from typing import Any

import yaml

from commboard.private_folder import make_private_folder
from commboard.regular_file import read_regular
from commboard.settings.fields import FIELDS, GROUPS, SETTINGS_VERSION, Meta, Settings
from commboard.settings.mapping import settings_from_dict, settings_to_dict
from commboard.settings.values import SettingsProblem, with_value

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


class ProfileNameError(ValueError):
    """A profile name that is not safe as a file name."""


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


# ---------------------------------------------------------------- file text


def _dump_entry(key: str, value: Any, indent: str) -> list[str]:
    """``key: value`` as YAML lines, readable (``Zoë`` stays ``Zoë``) and read back exactly.

    PyYAML writes a few characters (U+0085 NEL) literally that it then reads
    back as a space; for such a value the escaped form is used instead.
    """
    entry = {key: value}
    text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=True, width=10**6)
    if yaml.safe_load(text) != entry:
        text = yaml.safe_dump(entry, sort_keys=False, allow_unicode=False, width=10**6)
    return [indent + line for line in text.rstrip("\n").split("\n")]


def _help_comment(meta: Meta) -> str:
    bits = [meta.unit] if meta.unit else []
    if meta.min is not None and meta.max is not None:
        bits.append(f"{meta.min:g} to {meta.max:g}")
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
            f = FIELDS.get(f"{group}.{item_name}")
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


# Nine aliases of nine aliases, a few times over, are millions of values from a few
# hundred bytes; a settings file has no use for them, so one makes the file unusable.
ALIASES = "the file uses YAML anchors and aliases (&name, *name), which settings do not need"


def _first_alias_line(text: str) -> int | None:
    """The line of the file's first ``*alias`` (None: it has none), before anything is built."""
    if "*" not in text:
        return None
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            mark = event.start_mark
            return int(mark.line) + 1 if mark is not None else 1
    return None


def _read(path: Path) -> tuple[dict[Any, Any] | None, dict[str, int], list[SettingsProblem]]:
    """Parse the file. ``None`` means unusable: the problem says why and where."""

    def fail(line: int | None, why: str) -> tuple[None, dict[str, int], list[SettingsProblem]]:
        msg = f"{why}; the file is left as it is and the board uses default settings"
        return None, {}, [SettingsProblem(path, line, msg, "error")]

    try:
        text = read_regular(path).decode("utf-8")
        alias = _first_alias_line(text)
        if alias is not None:
            return fail(alias, ALIASES)
        data = yaml.safe_load(text)
        lines, dupes = _key_lines(text)
    except (OSError, UnicodeDecodeError) as e:
        return fail(None, f"cannot read the settings file ({e})")
    except yaml.YAMLError as e:
        return fail(*_yaml_error_where(e, text))
    except RecursionError:
        return fail(None, "lists or sections are nested too deeply to be settings")
    except ValueError:  # int() past Python's 4300-digit limit, while YAML reads a number
        long = re.search(r"\d{1000,}", text)
        line = text.count("\n", 0, long.start()) + 1 if long else None
        return fail(line, "a number thousands of digits long cannot be a setting")
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


def _copy_aside(path: Path, kind: str = "corrupt") -> Path:
    """Copy a profile to the first free ``NAME.yaml.<kind>-N``, mode 0600 (unreadable: corrupt).

    Bytes and modification time stay as they were, but not the mode: a hand-
    edited file may be 0644, and profile names can be patient names.  Created
    exclusively (``O_EXCL``), so an existing copy is never overwritten.
    """
    data, stat = read_regular(path), path.stat()
    n = 1
    while True:
        aside = path.with_name(f"{path.name}.{kind}-{n}")
        try:
            fd = os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            n += 1
            continue
        break
    with os.fdopen(fd, "wb") as f:
        os.fchmod(f.fileno(), 0o600)  # os.open's mode is filtered by the umask; be explicit
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.utime(aside, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    _fsync_dir(path.parent)
    return aside


def _keep_previous(path: Path) -> SettingsProblem | None:
    """Before replacing ``path``: a readable file becomes ``.bak``; an unreadable one is kept aside."""
    if not path.exists():
        return None
    data, _, _ = _read(path)
    if data is not None:
        atomic_write(path.with_name(path.name + ".bak"), path.read_bytes())
        return None
    aside = _copy_aside(path)
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
    make_private_folder(path.parent)
    kept = _keep_previous(path)
    atomic_write(path, render_yaml(settings, name).encode("utf-8"))
    if kept and notes is not None:
        notes.append(kept)
    return path


def keep_before_reset(name: str, config_dir: Path | None = None) -> Path | None:
    """Before every setting is reset: the profile as it is, kept as ``NAME.yaml.before-reset-N``.

    ``.bak`` holds only the previous save and the next save replaces it, so a
    therapist's tuned values would be gone after a reset and one more change.
    This copy is never overwritten (the first free N); restoring is copying it
    back over ``NAME.yaml``.  None when there is no file, or it cannot be read
    (``save_profile`` then keeps it as ``NAME.yaml.corrupt-N``).

    Raises:
        ProfileNameError: unsafe name.
        OSError: the copy could not be made (then nothing should be reset).
    """
    path = profile_path(name, config_dir)
    if not path.is_file() or _read(path)[0] is None:
        return None
    return _copy_aside(path, "before-reset")


def save_one_value(name: str, key: str, value: str, config_dir: Path | None = None) -> Path:
    """Set one setting in profile ``name`` on disk, every other value as the file has it.

    The board remembers the layout the carer chose this way: the running
    board's settings may hold a one-run ``--scan-interval`` that must not be
    saved with it.  A profile file that cannot be read is left alone.

    Raises:
        ProfileNameError: unsafe name.
        ValueError: the value does not suit the setting, or the file could not be read.
        OSError: the file could not be written; the old file is then intact.
    """
    path = profile_path(name, config_dir)
    settings, problems = read_settings_file(path)
    unreadable = [p for p in problems if p.severity == "error"]
    if unreadable:
        raise ValueError(f"{unreadable[0]} (so nothing was saved to it)")
    settings, _ = with_value(settings, key, value)
    return save_profile(name, settings, config_dir)
