"""Reading a data file without ever waiting on something that is not a file.

A path the board reads (a profile, a layout, a gaze map, learned words, a
picture, a board to import) may name a named pipe, whose ``open`` waits
until something writes to it, or a device (``/dev/zero`` never ends,
``/dev/tty`` waits for a key) -- directly or through a symbolic link.  The
board then hung at start, before any banner, and did not even stop on
``SIGTERM``.  Here the file is opened without waiting (``O_NONBLOCK``) and
read only if it is a regular file; anything else raises ``NotAFileError``,
an ``OSError`` whose ``strerror`` says what is wrong in plain words, so the
callers' existing ``except OSError`` reports it with the path.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

NOT_A_FILE = "not a regular file (a pipe, a device or a folder)"
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class NotAFileError(OSError):
    """The path names a pipe, a device or a folder, not a file."""


def is_regular_file(path: str | Path) -> bool:
    """Whether ``path`` (its link followed) is a regular file; never opens it, never waits."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def read_regular(path: str | Path) -> bytes:
    """The bytes of ``path``, which must be a regular file (links are followed).

    Raises:
        NotAFileError: a pipe, a device or a folder (nothing was read).
        OSError: it cannot be opened or read.
    """
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotAFileError(errno.EINVAL, NOT_A_FILE, str(path))
        chunks = []
        while chunk := os.read(fd, _CHUNK):
            chunks.append(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def same_file(a: str | Path, b: str | Path) -> bool:
    """``a`` and ``b`` are one file: the same path, a symbolic link to it, or a hard link.

    False when either cannot be looked at (missing, unreadable folder).
    """
    try:
        return Path(a).resolve() == Path(b).resolve() or os.path.samefile(a, b)
    except (OSError, ValueError):
        return False
