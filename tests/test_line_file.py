"""Whole lines or nothing: a full disk never leaves half a record, and the file is never truncated."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from commboard import line_file
from commboard.line_file import AppendOnlyFile, why_not_written


def test_a_write_the_disk_cuts_short_leaves_no_torn_line_and_the_next_line_is_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "log.jsonl"
    file = AppendOnlyFile(path)
    file.append(b'{"n": 1}\n')
    real_write = os.write
    calls: list[int] = []

    def disk_fills(fd: int, data: bytes) -> int:
        # The disk takes 5 bytes, then is full: what a real filesystem does.
        calls.append(len(data))
        if len(calls) == 1:
            return real_write(fd, data[:5])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(line_file.os, "write", disk_fills)
    with pytest.raises(OSError) as failed:
        file.append(b'{"n": 2, "text": "I am in pain"}\n')
    monkeypatch.setattr(line_file.os, "write", real_write)

    assert failed.value.errno == errno.ENOSPC
    assert path.read_bytes() == b'{"n": 1}\n'  # the 5 bytes that got in are gone again
    file.append(b'{"n": 2, "text": "I am in pain"}\n')  # the disk was freed: a retry
    assert path.read_bytes() == b'{"n": 1}\n{"n": 2, "text": "I am in pain"}\n'
    file.close()


def test_a_full_device_raises_and_says_so_in_plain_words() -> None:
    full = AppendOnlyFile(Path("/dev/full"))
    with pytest.raises(OSError) as failed:
        full.append(b"yes\n")
    assert why_not_written(failed.value, Path("/dev/full")) == "the disk is full (/dev/full)"
    assert stat.S_IMODE(os.stat("/dev/full").st_mode) == 0o666  # a device is never narrowed


def test_appends_never_truncate_and_the_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b"earlier session\n")
    path.chmod(0o644)
    file = AppendOnlyFile(path, keep_open=False)
    file.append(b"this session\n")
    assert path.read_bytes() == b"earlier session\nthis session\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

    new = tmp_path / "new.jsonl"
    AppendOnlyFile(new, sync=True).append(b"x\n")
    assert stat.S_IMODE(new.stat().st_mode) == 0o600


def test_a_line_torn_by_a_crash_does_not_swallow_the_next(tmp_path: Path) -> None:
    path = tmp_path / "log.jsonl"
    path.write_bytes(b'{"t": 1.0, "ty')
    AppendOnlyFile(path).append(b'{"t": 0.0}\n')
    assert path.read_bytes().splitlines() == [b'{"t": 1.0, "ty', b'{"t": 0.0}']


def test_a_missing_folder_is_an_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "log.jsonl"
    with pytest.raises(OSError) as failed:
        AppendOnlyFile(path).append(b"x\n")
    assert why_not_written(failed.value, path) == f"the folder does not exist ({path})"
    assert not (tmp_path / "no").exists()


def test_a_line_whose_sync_fails_is_taken_back_so_the_retry_does_not_write_it_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The history fsyncs each statement; a disk can refuse at the fsync (an I/O error, a
    network disk or delayed allocation running out of room) after the write went in.  The
    writer keeps the statement and writes it again later, so it must not be left in the
    file too: the care team's history showed "I am in pain" twice for one statement."""
    path = tmp_path / "history.jsonl"
    file = AppendOnlyFile(path, sync=True, keep_open=False)
    file.append(b'{"n": 1}\n')
    real_fsync = os.fsync

    def sync_fails(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(line_file.os, "fsync", sync_fails)
    with pytest.raises(OSError):
        file.append(b'{"n": 2, "text": "I am in pain"}\n')
    monkeypatch.setattr(line_file.os, "fsync", real_fsync)

    assert path.read_bytes() == b'{"n": 1}\n'
    file.append(b'{"n": 2, "text": "I am in pain"}\n')  # the writer's retry
    assert path.read_bytes() == b'{"n": 1}\n{"n": 2, "text": "I am in pain"}\n'
