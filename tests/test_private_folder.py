"""Every folder made for the patient's files is private, and folders already there are left alone."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from commboard.private_folder import make_private_folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_every_missing_level_is_made_private_and_existing_ones_keep_their_mode(
    tmp_path: Path,
) -> None:
    tmp_path.chmod(0o755)
    old = os.umask(0o022)
    try:
        make_private_folder(tmp_path / "commboard" / "profiles" / "anna")
        make_private_folder(tmp_path / "commboard" / "profiles" / "anna")  # already there: fine
    finally:
        os.umask(old)
    assert [mode(tmp_path / p) for p in ("commboard", "commboard/profiles")] == [0o700, 0o700]
    assert mode(tmp_path / "commboard" / "profiles" / "anna") == 0o700
    assert mode(tmp_path) == 0o755  # not ours to change


def test_a_file_in_the_way_is_an_error_not_a_folder(tmp_path: Path) -> None:
    (tmp_path / "profiles").write_text("not a folder")
    with pytest.raises(OSError):
        make_private_folder(tmp_path / "profiles" / "anna")
