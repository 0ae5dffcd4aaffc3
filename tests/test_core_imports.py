"""The functional core stays pure: no device libraries, no clock reads, no sleeps.

Walks the syntax tree of every module outside ``commboard/adapters`` and
``commboard/shell`` (h11 keeps its sans-I/O core honest the same way).  Lazy
imports inside functions count too: the core must not reach pygame at all.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "commboard"
SHELL_PARTS = ("adapters", "shell")
FORBIDDEN_MODULES = {"cv2", "mediapipe", "pygame", "pyttsx3"}
FORBIDDEN_CALLS = {("time", "sleep"), ("time", "time"), ("time", "monotonic"), ("datetime", "now")}
FORBIDDEN_NAMES = {("time", "sleep"), ("time", "time"), ("time", "monotonic")}
# The one place calendar time is read: the default of History's injected
# ``wall_clock`` (DESIGN.md: calendar time is a separate injected callable).
ALLOWED_CALLS = {("history.py", "datetime", "now")}


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


def clock_uses(tree: ast.AST, filename: str) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            pair = (node.value.id, node.attr)
            if pair in FORBIDDEN_CALLS and (filename, *pair) not in ALLOWED_CALLS:
                found.append(f"{pair[0]}.{pair[1]} (line {node.lineno})")
        elif isinstance(node, ast.ImportFrom) and node.module in ("time",):
            found += [
                f"from time import {a.name}"
                for a in node.names
                if ("time", a.name) in FORBIDDEN_NAMES
            ]
    return found


def test_the_core_has_modules_to_check() -> None:
    names = {p.name for p in core_modules()}
    assert {"session.py", "message.py", "events.py"} <= names


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_imports_no_device_library(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert not imported_roots(tree) & FORBIDDEN_MODULES


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_core_module_reads_no_clock_and_never_sleeps(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert clock_uses(tree, path.name) == []


def test_the_checker_catches_what_it_is_for() -> None:
    bad = ast.parse("import pygame\nimport time\nfrom time import sleep\ntime.sleep(1)\n")
    assert imported_roots(bad) & FORBIDDEN_MODULES == {"pygame"}
    assert len(clock_uses(bad, "x.py")) == 2
