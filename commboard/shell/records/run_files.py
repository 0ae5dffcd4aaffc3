"""Which files a run writes the patient's words to, decided before the board starts.

The composition root (``shell.app``) asks here: which history a run keeps
(none in a demo or test run unless ``--history`` names one: the demo
camera's face "selects" phrases nobody said), whether ``--event-log`` may be
used (never the history or a profile: the log is appended to, but a
history or profile with log lines in it is damaged all the same), and, at
the end, what to say about lines that could never be written.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from commboard.control.write_problems import WriteStatus
from commboard.effects import Banner
from commboard.history import History, default_path, profile_folder
from commboard.run_options import RunOptions
from commboard.settings.profiles import config_root
from commboard.shell.records.event_log import refusal


def practice_run(options: RunOptions) -> str | None:
    """What makes this a demo or test run (None: the patient's own board).

    The demo camera's face "selects" phrases nobody said, and headless or
    virtual-clock runs are tests: none of them may write into (or learn from)
    the patient's real history unless ``--history`` names a file.
    """
    if options.camera.strip().lower().startswith("synthetic"):
        return "Demo camera"
    if options.headless:
        return "Headless run"
    if options.virtual_clock:
        return "Virtual-clock run"
    return None


def open_history(
    options: RunOptions, wall_clock: Callable[[], datetime]
) -> tuple[History | None, list[Banner]]:
    """The run's history (None: not kept) and the info banner saying why it is not kept."""
    if options.history:
        return History(Path(options.history), wall_clock=wall_clock), []
    practice = practice_run(options)
    if practice is not None:
        words = f"{practice}: what is said here is not saved to the history."
        return None, [Banner("history-off", words, "info")]
    return History(default_path(options.profile), wall_clock=wall_clock), []


def access_log_path(options: RunOptions) -> Path | None:
    """The run's access log: ``--access-log``, else the profile's own (none in demo and test runs)."""
    if options.access_log:
        return Path(options.access_log)
    if practice_run(options) is not None:
        return None
    return profile_folder(options.profile) / "access.jsonl"


def event_log_refusal(options: RunOptions) -> str | None:
    """Why ``--event-log`` may not be used (it is the history file or a profile), or None."""
    if not options.event_log:
        return None
    protected = {"the history file": default_path(options.profile)}
    if options.history:
        protected["the history file given to --history"] = Path(options.history)
    protected["the profiles folder"] = config_root() / "profiles"
    for what, given in (("the layout", options.layout), ("the input script", options.input_script)):
        if given and not Path(given).is_dir():
            protected[what] = Path(given)
    return refusal(Path(options.event_log), protected)


def say_unsaved(noun: str, where: str, left: WriteStatus) -> None:
    """On standard error: how many lines a file never got, and why (nothing when none)."""
    if left.unsaved:
        count = f"{left.unsaved} {noun}{'s' if left.unsaved > 1 else ''}"
        print(f"commboard: {count} could not be {where}: {left.problem}", file=sys.stderr)
