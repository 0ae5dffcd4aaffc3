"""The command line's options for the board's commands, parsed once into one typed value.

``commboard.cli`` declares the options (so ``--help`` lists them all) and
builds a ``RunOptions`` from argparse's result exactly once; the composition
root (``shell.app``) reads only this.  Every field has the parser's default,
so a command that does not take an option (``calibrate`` has no
``--input-script``) gets the value that means "not asked for".
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, fields
from datetime import datetime


@dataclass(frozen=True, slots=True)
class RunOptions:
    """What ``commboard run``, ``calibrate`` and ``screenshot`` were asked to do."""

    # The board and its devices (run, calibrate; ``layout`` also screenshot).
    windowed: tuple[int, int] | None = None  # window size; None: full screen
    layout: str | None = None  # layout folder or file; None: the built-in one
    profile: str = "default"  # the patient profile read and saved to
    scan_interval: float | None = None  # overrides the profile's scan step (seconds)
    access: str | None = None  # overrides the profile's access method (``gaze.access``)
    speech: str = "system"  # system | none | wav:DIR
    camera: str = "auto"  # auto | index:N | video:PATH | synthetic[:SCRIPT] | none
    camera_size: tuple[int, int] = (640, 480)
    camera_fps: float = 30.0
    headless: bool = False  # no display, no sound card
    virtual_clock: bool = False  # time jumps to the next deadline: fast and repeatable
    # A running board only.
    input_script: str | None = None  # scripted switch presses, keys and clicks
    event_log: str | None = None  # where the JSON-lines event log goes
    max_seconds: float | None = None  # stop after this long
    screenshots: str | None = None  # folder for a PNG after each selection
    history: str | None = None  # history file; None: the user's data folder
    start_time: datetime | None = None  # calendar time a virtual-clock run starts at
    access_log: str | None = None  # the access log; None: the profile's own (or none in demos)
    # ``commboard calibrate`` only.
    gaze: bool = False  # measure looks (the gaze calibration), not blinks
    # ``commboard screenshot`` only.
    png: str = ""  # where the picture is saved
    size: tuple[int, int] = (1280, 720)
    page: str | None = None  # page to draw; None: home

    @classmethod
    def from_namespace(cls, args: argparse.Namespace) -> RunOptions:
        """The options argparse found; those the command does not take keep their defaults."""
        given = vars(args)
        return cls(**{f.name: given[f.name] for f in fields(cls) if f.name in given})
