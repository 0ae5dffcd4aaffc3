"""The built-in layouts travel inside the package, so an installed board starts on them.

A wheel holds the ``commboard`` package's modules plus the files its
``package-data`` globs in ``pyproject.toml`` name.  These tests check that the
globs take every layout file, and that a copy of exactly those files, away
from the repository and run from another working directory, starts on the real
English layout (not the emergency page).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from commboard.board.layout_file import builtin_layouts_root, default_layout_path, load_layout

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "commboard"


def _package_data_globs() -> list[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    globs: list[str] = config["tool"]["setuptools"]["package-data"]["commboard"]
    return globs


def _wheel_files() -> set[Path]:
    """What setuptools puts in the wheel: modules, plus files matching the package-data globs."""
    found = {p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}
    for pattern in _package_data_globs():
        found |= {p for p in PACKAGE.glob(pattern) if p.is_file()}
    return found


def test_every_layout_file_is_package_data() -> None:
    shipped = {p for p in (PACKAGE / "layouts").rglob("*") if p.is_file()}
    assert shipped, "the built-in layouts are missing from commboard/layouts"
    assert shipped <= _wheel_files(), sorted(str(p) for p in shipped - _wheel_files())


def test_every_shipped_symbol_and_its_attribution_is_package_data() -> None:
    shipped = {p for p in (PACKAGE / "assets").rglob("*") if p.is_file()}
    assert len(shipped) > 30, "the symbols are missing from commboard/assets"
    assert shipped <= _wheel_files(), sorted(str(p) for p in shipped - _wheel_files())


def test_default_layout_is_found_inside_the_package() -> None:
    assert builtin_layouts_root() == PACKAGE / "layouts"
    assert load_layout(default_layout_path("en")).name == "English bedside"


def test_installed_copy_starts_on_the_real_layout_from_any_folder(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in _wheel_files():
        target = site / "commboard" / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    elsewhere = tmp_path / "somewhere else"
    elsewhere.mkdir()
    script = (
        "import commboard, pathlib\n"
        "from commboard.board.layout_file import load_layout_or_default\n"
        "layout, problems = load_layout_or_default(None)\n"
        "print(pathlib.Path(commboard.__file__).parent)\n"
        "print(layout.name, len(layout.pages), len(problems))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    where, summary = done.stdout.splitlines()
    assert Path(where) == site / "commboard"  # the copy, not the repository
    assert summary == "English bedside 9 0"
