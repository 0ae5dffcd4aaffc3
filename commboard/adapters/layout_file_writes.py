"""Writing the carer's files safely: the previous version kept as ``<file>.bak``, the new
text written to a temporary file, flushed to disk and renamed over the old one (a crash
leaves the old file or the new, never half).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

BACKUP_SUFFIX = ".bak"


def keep_backup(path: Path) -> None:
    """``<file>.bak`` becomes the file as it is now, before the file is replaced.

    A second name for the file's data (a hard link) rather than a copy: the
    data is already on disk, so there is nothing to write or flush, and the
    save that follows replaces the file's name, never its data, so the
    backup keeps the old text.  Where links are not possible (some USB
    sticks' file systems) the file is copied.
    """
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    link = path.with_name(f".{path.name}.{os.getpid()}.link")
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        os.link(path, link)
        os.replace(link, backup)
    except OSError:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(link)
        write_atomically(backup, path.read_bytes())


def write_atomically(path: Path, data: bytes) -> None:
    handle, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(name, path.stat().st_mode & 0o777 if path.exists() else 0o600)
        os.replace(name, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
