"""What a run starts with: its settings, its layout, a checked input script, and the banners they raise.

``--scan-interval`` and ``--access`` are applied over the profile (clamped
like a profile value); the layout is ``--layout``, else the one remembered in
the profile, else the default, with a banner when one could not be used; a
script's ``key NAME`` lines must name keys pygame knows; damaged history lines
become a banner; a ``--profile`` no patient has yet is started all the same,
and said (a banner too when the name is close to a profile there is).  Used by the composition root, :mod:`commboard.shell.app`.
"""

from __future__ import annotations

import os
import sys
import warnings
from pathlib import Path
from typing import Any

from commboard.effects import Banner
from commboard.run_options import RunOptions
from commboard.settings import Settings


def start_settings(options: RunOptions) -> tuple[Settings, list[Banner]]:
    from commboard.settings.known_profiles import new_profile_notice
    from commboard.settings.profiles import load_profile
    from commboard.settings.values import with_value

    settings, problems = load_profile(options.profile)
    for problem in problems:  # every one, as ``commboard settings`` does: two banners hold two
        print(f"commboard: {problem}", file=sys.stderr)
    banners = [Banner(f"settings-{i}", f"Settings: {p}") for i, p in enumerate(problems[:2])]
    if len(problems) > 2:  # never dropped in silence: a safety value may have been put back
        more = (f"Settings: {len(problems) - 1} more problems in the profile; 'commboard "
                f"settings show --profile {options.profile}' lists them")  # fmt: skip
        banners[1] = Banner("settings-1", more)
    told = new_profile_notice(options.profile)
    if told is not None:  # a mistyped --profile: a new, empty profile, said (never refused)
        print(f"commboard: {told[0]}", file=sys.stderr)
        banners += [Banner("new-profile", told[1])] if told[1] else []
    if options.scan_interval is not None:
        settings, warning = _scan_interval(settings, options.scan_interval)
        if warning:
            print(f"commboard: {warning}", file=sys.stderr)
            banners.append(Banner("scan-interval", warning))
    if options.access is not None:  # argparse allowed only the methods there are
        settings, _ = with_value(settings, "gaze.access", options.access)
    return settings, banners


def _scan_interval(settings: Settings, seconds: float) -> tuple[Settings, str | None]:
    """``--scan-interval``, clamped to the clinical range like a profile value (with why)."""
    from commboard.settings.values import with_value

    try:
        settings, warning = with_value(settings, "scan.interval_s", seconds)
    except ValueError as exc:  # nan or inf: keep the profile's interval
        kept = settings.scan.interval_s
        return settings, f"--scan-interval {seconds} ignored ({exc}); using {kept:g} s"
    return settings, f"--scan-interval: {warning}" if warning else None


def start_layout(options: RunOptions, settings: Settings):  # type: ignore[no-untyped-def]
    """The layout the board opens with, and a banner if it is not the one asked for.

    ``--layout`` wins (for this run only); else the layout remembered in the
    profile (``board.layout``, set by the carer menu's Change layout); else
    the built-in one.  A layout that cannot be used gives the default
    layout and a banner naming its file and line.
    """
    from commboard.board.layout_file import load_layout_or_default
    from commboard.control.banners import layout_notice

    remembered = settings.board.layout
    if options.layout:  # the command line wins, for this run only
        layout, problems = load_layout_or_default(options.layout)
        outcome = "using the default layout"
    else:
        layout, problems = load_layout_or_default(
            Path(os.path.expanduser(remembered)) if remembered else None
        )
        outcome = "the layout remembered in the profile cannot be used; using the default layout"
    for problem in problems:
        print(f"commboard: layout problem: {problem}", file=sys.stderr)
    return layout, [Banner("layout", layout_notice(problems, outcome))] if problems else []


def check_key_names(scripted: list[Any], path: str) -> None:
    """Every ``key NAME`` of the input script names a key pygame knows (ScriptError if not)."""
    import pygame

    from commboard.control.input_script import ScriptedKey, ScriptError, quoted

    for item in scripted:
        if isinstance(item, ScriptedKey):
            try:
                with warnings.catch_warnings():  # "pygame.init() has not been called": not needed
                    warnings.simplefilter("ignore")
                    pygame.key.key_code(item.name)
            except ValueError:
                raise ScriptError(f"{path}: no key is called {quoted(item.name)}") from None


def history_banners(problems: list[str]) -> list[Banner]:
    """A banner naming the history file and its damaged lines; each problem also on stderr.

    The loop writes each one to the event log (``history_problem``) after ``start``.
    """
    from commboard.control.banners import history_notice

    for problem in problems:
        print(f"commboard: history problem: {problem}", file=sys.stderr)
    return [Banner("history", history_notice(problems))] if problems else []
