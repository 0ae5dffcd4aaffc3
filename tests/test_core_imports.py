"""The functional core stays pure: no device libraries, no clock reads, no sleeps.

Walks the syntax tree of every module outside ``commboard/adapters`` and
``commboard/shell`` -- the board's rules in ``commboard/control`` included
(h11 keeps its sans-I/O core honest the same way).  Lazy imports inside
functions count too: the core must not reach pygame at all, nor the shell or
an adapter (the shell imports the core, never the reverse).  The one
exception is the clock seam itself: ``commboard/clock.py`` may read
``time.monotonic`` (its ``MonotonicClock``) and nothing else.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "commboard"
SHELL_PARTS = ("adapters", "shell")
FORBIDDEN_MODULES = {"cv2", "mediapipe", "pygame", "pyttsx3"}
SHELL_PACKAGES = tuple(f"commboard.{part}" for part in SHELL_PARTS)
# The command line hands each command over to the shell's composition root.
ENTRY_POINTS = {"cli.py", "__main__.py"}
# Every clock the core could read: monotonic, process and calendar time.  The
# calendar time the history records is injected by the shell (``shell/app.py``).
TIME_FUNCTIONS = {"sleep", "time", "time_ns", "monotonic", "monotonic_ns", "perf_counter",
                  "perf_counter_ns", "localtime", "gmtime", "ctime", "strftime"}  # fmt: skip
FORBIDDEN_CALLS = {("time", name) for name in TIME_FUNCTIONS} | {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
}
FORBIDDEN_NAMES = {("time", name) for name in TIME_FUNCTIONS}
# The real implementation of the ``Clock`` protocol: the only core module that reads time.
CLOCK_SEAM = PACKAGE / "clock.py"


def core_modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] not in SHELL_PARTS
    )


def imported_roots(tree: ast.AST) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def shell_imports(tree: ast.AST) -> set[str]:
    """Modules of ``commboard.shell`` or ``commboard.adapters`` imported anywhere in ``tree``."""
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "commboard":
            names |= {f"commboard.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return {n for n in names if n.startswith(SHELL_PACKAGES)}


def clock_uses(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name | ast.Attribute):
            # ``datetime.now`` and ``datetime.datetime.now`` alike
            owner = node.value.id if isinstance(node.value, ast.Name) else node.value.attr
            pair = (owner, node.attr)
            if pair in FORBIDDEN_CALLS:
                found.append(f"{pair[0]}.{pair[1]} (line {node.lineno})")
        elif isinstance(node, ast.ImportFrom) and node.module in ("time",):
            found += [
                f"from time import {a.name}"
                for a in node.names
                if ("time", a.name) in FORBIDDEN_NAMES
            ]
    return found


def test_the_core_has_modules_to_check() -> None:
    names = {str(p.relative_to(PACKAGE)) for p in core_modules()}
    assert {"board/session.py", "board/message.py", "events.py", "effects.py"} <= names
    # The board's rules are core too.
    assert {"control/pauses.py", "control/eye_policy.py", "control/board_status.py"} <= names
    # Board exchange (OBF mapping, printable sheets) is pure; files are the adapters' work.
    assert {"exchange/obf_import.py", "exchange/obf_export.py", "exchange/print_sheet.py"} <= names
    # So is word prediction.
    assert {"predict/predictor.py", "predict/personal.py", "predict/ranked_words.py"} <= names


@pytest.mark.parametrize(
    "path",
    [p for p in core_modules() if str(p.relative_to(PACKAGE)) not in ENTRY_POINTS],
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_core_module_never_imports_the_shell(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert shell_imports(tree) == set()


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_device_library(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not imported_roots(tree) & FORBIDDEN_MODULES


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_reads_no_clock_and_never_sleeps(path: Path) -> None:
    uses = clock_uses(ast.parse(path.read_text(encoding="utf-8")))
    if path == CLOCK_SEAM:
        uses = [use for use in uses if not use.startswith("time.monotonic ")]
    assert uses == []


def test_the_clock_seam_reads_monotonic_time_and_nothing_else() -> None:
    uses = clock_uses(ast.parse(CLOCK_SEAM.read_text(encoding="utf-8")))
    assert [use.split(" ")[0] for use in uses] == ["time.monotonic"]


def test_the_checker_catches_what_it_is_for() -> None:
    bad = ast.parse("import pygame\nimport time\nfrom time import sleep\ntime.sleep(1)\n")
    assert imported_roots(bad) & FORBIDDEN_MODULES == {"pygame"}
    assert len(clock_uses(bad)) == 2
    wall = ast.parse("from datetime import datetime\nstamp = datetime.now().astimezone()\n")
    assert clock_uses(wall) == ["datetime.now (line 2)"]
    dotted = ast.parse("import datetime\nday = datetime.date.today()\n")
    assert clock_uses(dotted) == ["date.today (line 2)"]
    upward = ast.parse(
        "from commboard.shell.render import TextCache\nfrom commboard import shell\n"
    )
    assert shell_imports(upward) == {"commboard.shell.render", "commboard.shell"}
