"""Golden runs: headless ``--virtual-clock`` boards whose event logs pin the board's behaviour.

Each scenario is a ``commboard run`` command line (an input script, a
profile, a camera, a layout) run in-process on a private config folder and
history file.  Its event log, less the ``first_frame`` record (which carries
real elapsed time in real-clock runs and whose position depends on drawing),
is compared byte for byte with ``tests/golden/logs/<name>.jsonl``; the
sequence of distinct board frames drawn (title, message, status line,
banners, alarm, highlighted cells: what a person sees) with
``logs/<name>.screen.jsonl``.

Re-record them only when a change is meant to alter behaviour, and say so in
the commit: ``make golden`` (or ``python tests/golden/record.py [NAME...]``).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest.mock import patch

HERE = Path(__file__).resolve().parent
SCRIPTS = HERE / "scripts"
LOGS = HERE / "logs"
FILES = HERE / "files"  # profiles, layouts and face scripts the scenarios use


@dataclass(frozen=True)
class Scenario:
    """One golden run.

    Attributes:
        name: the log's file name (``logs/<name>.jsonl``).
        script: input script in ``scripts/`` (None: no scripted input).
        args: further ``commboard run`` options; ``{files}`` becomes ``tests/golden/files``.
        profile: YAML text of the ``golden`` profile (None: no profile file).
        max_seconds: how long the board runs (virtual seconds).
    """

    name: str
    script: str | None
    args: tuple[str, ...] = ()
    profile: str | None = None
    max_seconds: float = 300.0
    camera: str = "none"
    env: dict[str, str] = field(default_factory=dict)


def _pattern(name: str) -> str:
    return f"scan:\n  pattern: {name}\n"


SCENARIOS: tuple[Scenario, ...] = (
    # A keyboard session on the default row-column scanning: every page, spelling,
    # undo, clear, the nurse call (stopped by a carer's Escape) and speech.
    Scenario("keyboard_row_column", "keyboard.txt", max_seconds=700.0),
    Scenario("keyboard_linear", "keyboard.txt", profile=_pattern("linear"), max_seconds=700.0),
    Scenario(
        "keyboard_column_row", "keyboard.txt", profile=_pattern("column_row"), max_seconds=700.0
    ),
    Scenario("keyboard_block", "keyboard.txt", profile=_pattern("block"), max_seconds=700.0),
    Scenario("keyboard_huffman", "keyboard.txt", profile=_pattern("huffman"), max_seconds=700.0),
    Scenario(
        "keyboard_step",
        "step.txt",
        profile="scan:\n  mode: step\n",
        max_seconds=400.0,
    ),
    Scenario(
        "keyboard_switch_start_auditory",
        "keyboard.txt",
        profile="scan:\n  start: switch\n  auditory: both\n  passes: 1\n",
        max_seconds=400.0,
    ),
    # The synthetic camera (real MediaPipe on a face photo): long and short
    # blinks, the face lost and found, rest and wake.
    Scenario(
        "camera_blinks",
        "camera.txt",
        camera="synthetic:{files}/blinks.face",
        max_seconds=75.0,
    ),
    # The carer: menu, settings (change, save, leave), layout picker, camera
    # view, quit asked then cancelled, a menu left open until it times out.
    Scenario("carer_screens", "carer.txt", max_seconds=260.0),
    # The carer loads a broken layout from the menu (the board keeps its own and
    # says why), then a good one from their layouts folder in the user data dir.
    Scenario(
        "carer_layouts",
        "layouts.txt",
        max_seconds=40.0,
        env={"XDG_DATA_HOME": "{files}/data"},
    ),
    # Bad input: a profile with wrong values; a profile that is not YAML; a
    # broken layout file, a camera that is not there, speech that cannot write.
    Scenario(
        "bad_profile_values",
        "keyboard.txt",
        profile="scan:\n  interval_s: 99\n  pattern: zigzag\n  hold_s: fast\nblink: oops\n",
        max_seconds=120.0,
    ),
    Scenario("bad_profile_yaml", "keyboard.txt", profile="scan: [\n  oops\n", max_seconds=60.0),
    Scenario(
        "bad_layout_camera_speech",
        "keyboard.txt",
        args=("--layout", "{files}/broken_layout.yaml", "--speech", "wav:{files}/not_a_folder"),
        camera="video:{files}/no_such_video.mp4",
        max_seconds=120.0,
    ),
)


@contextmanager
def _env(values: dict[str, str]) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def screen_state(view: Any) -> dict[str, Any]:
    """What the patient and carer see on the board in one frame, as plain data (no pixels)."""
    return {
        "title": view.page_title,
        "message": view.message,
        "said": view.said,
        "status": view.status,
        "banners": [[b.key, b.text, b.level] for b in view.banners],
        "alarm": view.alarm,
        "lit": [c.index for c in view.cells if c.highlighted],
    }


@contextmanager
def _screen_trace(states: list[str]) -> Iterator[None]:
    """Record every distinct board frame drawn (consecutive repeats once)."""
    from commboard.shell.screens.board.render import BoardRenderer

    real = BoardRenderer.draw

    def draw(self: Any, view: Any) -> None:
        line = json.dumps(screen_state(view), ensure_ascii=False)
        if not states or states[-1] != line:
            states.append(line)
        real(self, view)

    with patch.object(BoardRenderer, "draw", draw):
        yield


def run(scenario: Scenario, work: Path) -> tuple[str, str]:
    """Run ``scenario`` headless in ``work`` (an empty folder).

    Returns:
        Its golden event log text and its screen trace (every distinct board frame).
    """
    from commboard.cli import main

    config = work / "config"
    if scenario.profile is not None:
        (config / "profiles").mkdir(parents=True)
        (config / "profiles" / "golden.yaml").write_text(scenario.profile, encoding="utf-8")
    log = work / "events.jsonl"
    argv = ["run", "--headless", "--virtual-clock", "--profile", "golden"]
    argv += ["--history", str(work / "history.jsonl"), "--event-log", str(log)]
    argv += ["--max-seconds", str(scenario.max_seconds), "--camera", scenario.camera]
    if scenario.script is not None:
        argv += ["--input-script", str(SCRIPTS / scenario.script)]
    if "--speech" not in scenario.args:
        argv += ["--speech", "none"]
    argv += list(scenario.args)
    states: list[str] = []
    with _files_link() as files:
        argv = [a.replace("{files}", str(files)) for a in argv]
        env = {k: v.replace("{files}", str(files)) for k, v in scenario.env.items()}
        with _env({"COMMBOARD_CONFIG_DIR": str(config), **env}), _screen_trace(states):
            code = main(argv)
    if code != 0:
        raise RuntimeError(f"{scenario.name}: commboard run exited {code}")
    screens = "\n".join(states) + "\n"
    return golden_text(log.read_text(encoding="utf-8"), work, files), _named(screens, work, files)


@contextmanager
def _files_link() -> Iterator[Path]:
    """``FILES`` under a short path, so a run shows the same text from any checkout.

    Banners cut a path longer than 48 characters from the left
    (``short_path``); through a link in a short temporary folder the scenario
    files' paths always fit, as they did where the logs were recorded.
    """
    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        link = Path(folder) / "f"
        link.symlink_to(FILES, target_is_directory=True)
        yield link


def golden_text(log: str, work: Path, files: Path) -> str:
    """The event log less its ``first_frame`` record, with this run's folders named, not spelled.

    ``first_frame`` carries real elapsed time in real-clock runs and its place
    depends on drawing; the temporary folder and the checkout's path differ
    from machine to machine.
    """
    lines = [line for line in log.splitlines() if '"type": "first_frame"' not in line]
    return _named("\n".join(lines) + "\n", work, files)


def _named(text: str, work: Path, files: Path) -> str:
    return text.replace(str(work), "<work>").replace(str(files), "<files>")


def by_name(names: list[str]) -> list[Scenario]:
    """The scenarios named (all of them for an empty list); KeyError for an unknown name."""
    table = {s.name: s for s in SCENARIOS}
    return [table[n] for n in names] if names else list(SCENARIOS)
