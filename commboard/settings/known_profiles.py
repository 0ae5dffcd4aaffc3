"""Which patient profiles exist here, and the nearest to a name that does not.

A profile exists when it has a settings file (``<config>/profiles/NAME.yaml``)
or a folder of records (history, learned words) in the data folder;
``default`` always does.  A mistyped ``--profile ana`` otherwise starts a new,
empty profile in silence: ``settings set``/``reset``, ``calibrate`` and
``words clear`` refuse such a name (unless asked to create it), and ``run``
starts it but says so (see ``unknown_profile_hint``).
"""

from __future__ import annotations

import difflib

from commboard.history import DEFAULT_PROFILE, data_root, profile_folder
from commboard.settings.profiles import config_root, profile_path


def known_profiles() -> list[str]:
    """The profiles that exist: a settings file, or a folder of records (history, words)."""
    files = (config_root() / "profiles").glob("*.yaml")
    folders = (data_root() / "profiles").glob("*")
    names = {p.stem for p in files if p.is_file()} | {p.name for p in folders if p.is_dir()}
    return sorted(names - {DEFAULT_PROFILE})


def profile_exists(name: str) -> bool:
    """Whether ``name`` (a checked profile name) is a profile here: ``default``, a file or records."""
    return name == DEFAULT_PROFILE or profile_path(name).exists() or profile_folder(name).is_dir()


def nearest_profile(name: str) -> str | None:
    """The existing profile a mistyped ``name`` most likely meant (None: none is close)."""
    close = difflib.get_close_matches(name, known_profiles(), n=1, cutoff=0.6)
    return close[0] if close else None


def unknown_profile_hint(name: str) -> str:
    """`` (did you mean 'anna'?)``, else the profiles there are, else `` (there is none yet)``."""
    close = nearest_profile(name)
    if close is not None:
        return f" (did you mean {close!r}?)"
    known = known_profiles()
    return f" (the profiles are: {', '.join(known)})" if known else " (there is none yet)"


def new_profile_notice(name: str) -> tuple[str, str | None] | None:
    """What ``run`` tells when ``name`` is no profile yet: (terminal line, banner or None).

    The board starts all the same (it is never refused in front of a
    patient), on a new profile with the default settings.  The banner is for
    a likely slip only (a name close to a profile there is) and names just
    that one: the list of every profile, other patients' names, goes to the
    terminal, never to the bedside screen.  None: the profile exists, or the
    name is unsafe (``load_profile`` says so) or the folders cannot be read.
    """
    try:
        if profile_exists(name):
            return None
        close = nearest_profile(name)
        hint = unknown_profile_hint(name)
    except (ValueError, OSError):
        return None
    line = f"no profile {name!r} yet{hint}; starting a new one with the default settings"
    if close is None:
        return line, None
    return line, (
        f"No profile {name!r} yet (did you mean {close!r}?) — started a new one with the "
        "default settings"
    )
