"""``commboard settings show | set | reset``: a therapist's or script's way to a profile.

Prints values with their units, changes one value (clamped into its range, with
a warning on stderr) or resets one or all, and saves through
``commboard.settings.profiles.save_profile`` so the file is written atomically with a
``.bak`` of the previous one.  See ``docs/settings.md``.

``set`` and ``reset`` refuse a profile name that no patient has (no profile
file, no records), with the nearest name, unless ``--create`` asks for a new
one: a mistyped ``--profile ana`` made a new profile in silence, the change
never reached Anna's, and nobody was told.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from commboard.settings.fields import FIELDS, Settings, get
from commboard.settings.known_profiles import profile_exists, unknown_profile_hint
from commboard.settings.profiles import (
    keep_before_reset,
    profile_path,
    read_settings_file,
    save_profile,
)
from commboard.settings.values import (
    SettingsProblem,
    UnknownSettingError,
    quoted,
    reset_value,
    unknown_key_message,
    with_value,
)


def _show_value(key: str, value: Any) -> str:
    unit = FIELDS[key].meta.unit
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
    for key in FIELDS:
        print(f"{key} = {_show_value(key, get(settings, key))}")
    for key, value in settings.unknown:
        print(f"# unknown, kept: {key} = {quoted(value)}")
    return 0


def _change(args: Any, settings: Settings) -> tuple[Settings, str | None]:
    if args.action == "set":
        return with_value(settings, args.key, args.value, refuse_out_of_range=True)
    if args.key:
        return reset_value(settings, args.key), None
    return Settings(unknown=settings.unknown), None


def _usage_error(args: Any) -> str | None:
    if args.action == "set" and (args.key is None or args.value is None):
        return "usage: commboard settings set KEY VALUE [--profile NAME]"
    if args.action != "set" and args.value is not None:
        return f"usage: commboard settings {args.action} [KEY] [--profile NAME]"
    if args.key is not None and args.key not in FIELDS:
        raise UnknownSettingError(unknown_key_message(args.key))
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
        unknown = None if args.action == "show" else _unknown_profile(args)
        if unknown:
            _warn(unknown)
            return 1
        settings, problems = read_settings_file(path)
        _warn(*problems)
        if args.action == "show":
            return _show(args, settings, path) or int(any(p.severity == "error" for p in problems))
        before = settings
        settings, warning = _change(args, settings)
        _warn(*[warning] if warning else [])
        kept = keep_before_reset(args.profile) if _resets_all(args) else None
        notes: list[SettingsProblem] = []
        saved = save_profile(args.profile, settings, notes=notes)
        _warn(*notes)
    except (ValueError, UnknownSettingError, OSError) as e:
        _warn(str(e))
        return 1
    print(_done(args, before, settings, saved, kept))
    return 0


def _unknown_profile(args: Any) -> str | None:
    """Why a change to a profile no patient has is refused, with the nearest name; None: go on.

    The default profile and ``--create`` need no profile to exist yet.
    """
    name = args.profile
    if args.create or profile_exists(name):
        return None
    return (
        f"there is no profile {name!r}{unknown_profile_hint(name)}; nothing was saved. "
        f"To start a new profile named {name!r}, add --create."
    )


def _resets_all(args: Any) -> bool:
    return bool(args.action == "reset" and not args.key)


def _done(args: Any, before: Settings, after: Settings, saved: Path, kept: Path | None) -> str:
    """What the command did, in one line: the value (and what it was), where it was saved."""
    if not args.key:
        restore = (
            f"; the previous settings are kept in {kept} (copy it over {saved} to restore them)"
            if kept is not None
            else ""
        )
        return f"all settings reset (saved to {saved}){restore}"
    shown = f"{args.key} = {_show_value(args.key, get(after, args.key))}"
    old = get(before, args.key)
    if args.action == "reset" and old != get(after, args.key):
        return f"{shown} (was {_show_value(args.key, old)}; saved to {saved})"
    return f"{shown} (saved to {saved})"
