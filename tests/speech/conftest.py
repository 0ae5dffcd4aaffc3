"""Fixtures for the speech tests: a paced stand-in for aplay on PATH."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from commboard.adapters import paced_player
from commboard.adapters.paced_player import PacedPlayer


@pytest.fixture
def paced_aplay(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PacedPlayer:
    """Put a paced ``aplay`` first on PATH for this test."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    source = Path(paced_player.__file__).read_text()
    aplay = bin_dir / "aplay"
    aplay.write_text(f"#!{sys.executable}\n{source}")
    aplay.chmod(0o755)
    log = tmp_path / "player.jsonl"
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}")
    monkeypatch.setenv("PACED_PLAYER_LOG", str(log))
    return PacedPlayer(log)
