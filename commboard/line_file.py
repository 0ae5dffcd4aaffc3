"""Appending whole lines to a private file: a line is on disk entirely or not at all.

The event log and the history are JSON-lines files a person reads later.  A
full disk can take the first half of a line and refuse the rest; left like
that, the torn line would also swallow the next record.  So a write that
fails part way is cut back to where the file ended before it, and the
caller keeps the line to try again later (``shell/records``).  Files are
opened for appending only (never truncated) and created 0600: they hold the
patient's words.  Folders are never created here; the history makes its
own data folder itself.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

try:
    import fcntl
except ImportError:  # Windows: no advisory locks (the history's rewrite re-reads instead)
    fcntl = None  # type: ignore[assignment]

_PLAIN = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EROFS: "the disk is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "the folder does not exist",
    errno.ENOTDIR: "the folder does not exist",
    errno.EISDIR: "it is a folder",
    errno.EIO: "the disk reported an error",
}
_FLAGS = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC | os.O_NOCTTY | os.O_NONBLOCK


def why_not_written(exc: OSError, path: Path) -> str:
    """A failed write in plain words, naming the file: "the disk is full (/data/history.jsonl)"."""
    words = _PLAIN.get(exc.errno or 0) or exc.strerror or str(exc)
    return f"{words} ({path})"


class LineFile(Protocol):
    """Where whole lines are appended (``AppendOnlyFile``; ``testing.FailingLineFile`` in tests)."""

    def append(self, data: bytes) -> None:
        """Write ``data`` (whole lines) at the end, or raise ``OSError`` leaving the file as it was."""

    def close(self) -> None:
        """Let go of the file (the next ``append`` opens it again)."""


class AppendOnlyFile:
    """A file opened for appending only, created 0600, written a whole line at a time.

    Args:
        path: The file; its folder must exist (a missing one is an ``OSError``).
        sync: fsync after each write (the history: a power cut loses nothing).
        keep_open: keep the file open between writes (the event log writes
            often); otherwise it is opened for each write.

    Opening never blocks (a pipe with no reader is an error, retried later),
    and an existing regular file of ours that others could read is narrowed
    to 0600.  After any failure the file is closed, so the next write opens
    it afresh (a disk remounted, a folder created meanwhile).
    """

    def __init__(
        self, path: Path, *, sync: bool = False, keep_open: bool = True, locked: bool = False
    ) -> None:
        self.path = path
        self._sync = sync
        self._keep_open = keep_open
        self._locked = locked and not keep_open
        self._fd: int | None = None

    def append(self, data: bytes) -> None:
        """Write all of ``data`` after the file's last line, or raise ``OSError`` and add nothing."""
        fd = self._fd if self._fd is not None else self._open_for_write()
        try:
            info = os.fstat(fd)
            regular = stat.S_ISREG(info.st_mode)
            if regular and info.st_size and os.pread(fd, 1, info.st_size - 1) != b"\n":
                data = b"\n" + data  # a line torn by a crash must not swallow this one
            _write_whole(fd, data, info.st_size if regular else None)
            if self._sync and regular:
                _sync_or_take_back(fd, info.st_size)
        except OSError:
            os.close(fd)
            self._fd = None
            raise
        if self._keep_open:
            self._fd = fd
        else:
            os.close(fd)

    def close(self) -> None:
        """Close the file if it is open."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def _open_for_write(self) -> int:
        """The file opened, and with ``locked`` its lock held (released when it is closed).

        A rewrite of the whole file (``rewriting``, the history's delete) holds the
        lock until the new file has replaced the old one; a write waiting for it
        then finds the path names another file, and opens that one: a line said
        during a rewrite lands in the new file, not in the old one being replaced.
        """
        for _ in range(5):
            fd = self._open()
            if not self._locked or fcntl is None:
                return fd
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:  # no locks on this file system: write as before
                return fd
            try:
                mine, now = os.fstat(fd), os.stat(self.path)
                if (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino):
                    return fd
            except OSError:
                pass  # gone from the path meanwhile: open it again (created if need be)
            os.close(fd)  # replaced while we waited: open the file now at the path
        return self._open()

    def _open(self) -> int:
        fd = os.open(self.path, _FLAGS, 0o600)  # the umask can only narrow this
        try:
            info = os.fstat(fd)
            if stat.S_ISREG(info.st_mode):
                os.set_blocking(fd, True)  # a regular file: plain writes (the flag was for pipes)
                if info.st_mode & 0o077 and info.st_uid == os.getuid():
                    os.fchmod(fd, stat.S_IRUSR | stat.S_IWUSR)  # the patient's words stay private
        except OSError:
            os.close(fd)
            raise
        return fd


@contextlib.contextmanager
def rewriting(path: Path) -> Iterator[None]:
    """Hold ``path``'s lock while it is read and replaced as a whole (``OSError`` if missing).

    Appends made with ``AppendOnlyFile(locked=True)`` (the history's) wait until
    the block ends, then write to the file that replaced this one.  Where the
    system has no advisory locks the block runs unlocked.
    """
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NONBLOCK)
    try:
        if fcntl is not None:
            with contextlib.suppress(OSError):  # no locks here: as before
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _write_whole(fd: int, data: bytes, size: int | None) -> None:
    """Write all of ``data``; on failure cut a regular file back to ``size`` (no torn line)."""
    written = 0
    try:
        while written < len(data):
            count = os.write(fd, data[written:])
            if count == 0:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            written += count
    except OSError:
        if written and size is not None:
            os.ftruncate(fd, size)  # our own half line goes; nothing before it is touched
        raise


def _sync_or_take_back(fd: int, size: int) -> None:
    """fsync; if the disk refuses, cut the file back to ``size`` before raising.

    The caller keeps a line that raised and writes it again later: left in
    the file as well, it would be in the history twice.
    """
    try:
        os.fsync(fd)
    except OSError:
        with contextlib.suppress(OSError):  # the fsync's reason is the one to report
            os.ftruncate(fd, size)
        raise
