"""``make run`` / ``make test`` set-up: pip's chatter goes to .venv/setup.log, the terminal gets our words.

The set-up used to echo each pip command and let pip print its notices
("A new release of pip is available", "Running pip as the 'root' user"),
which a newcomer took for errors.  Here the Makefile runs in a copy of the
project with a stand-in ``.venv/bin/python`` that prints such chatter.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHATTER = """#!/bin/sh
echo "Collecting mediapipe==0.10.21"
echo "[notice] A new release of pip is available: 24.0 -> 25.1" >&2
echo "WARNING: Running pip as the 'root' user can result in broken permissions" >&2
echo "$@" >> "$(dirname "$0")/calls"
exit ${FAKE_PIP_STATUS:-0}
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    if shutil.which("make") is None:
        pytest.fail("make is part of the documented set-up (`make run`, `make test`)")
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    for name in ("python", "pip"):
        (bin_dir / name).write_text(CHATTER, encoding="utf-8")
        (bin_dir / name).chmod(0o755)
    return tmp_path


def set_up(project: Path, status: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "--no-print-directory", f"PYTHON={sys.executable}", ".venv/.installed-stamp"],
        cwd=project, capture_output=True, text=True, timeout=60,
        env={"PATH": "/usr/bin:/bin", "FAKE_PIP_STATUS": str(status)},
    )  # fmt: skip


def test_a_set_up_that_works_prints_one_line_of_ours(project: Path) -> None:
    done = set_up(project, 0)
    assert done.returncode == 0, done.stderr
    assert (done.stdout + done.stderr).splitlines() == [
        "commboard: setting up .venv (first run, or pyproject.toml changed; a few minutes)"
    ]
    calls = (project / ".venv" / "bin" / "calls").read_text(encoding="utf-8")
    assert "install -e .[test]" in calls, "the package was still installed"
    assert "A new release of pip" in (project / ".venv" / "setup.log").read_text(encoding="utf-8")


def test_a_set_up_that_fails_shows_pips_last_lines_and_where_the_log_is(project: Path) -> None:
    done = set_up(project, 1)
    assert done.returncode != 0
    out = done.stdout + done.stderr
    assert "Running pip as the 'root' user" in out, "what went wrong is shown"
    assert "commboard: set-up failed; the whole log is .venv/setup.log" in out
    assert not (project / ".venv" / ".installed-stamp").exists()
