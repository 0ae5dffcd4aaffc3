"""Copy pictures a carer picked from elsewhere into the layout folder, when the page is saved.

The editor's picture picker (``control.picture_picker``) names a file typed
by path ``images/<name>`` in the cell and keeps where it came from; the save
copies it here, so a layout never points at a USB stick or a Downloads folder
that may be gone tomorrow.  Each copy is written to a temporary file and then
linked into place, so a crash leaves no half picture, and an existing file is
never replaced (the same bytes already there count as done).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from commboard.control.picture_picker import MAX_PICTURE_BYTES


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.read_bytes() == data
    except OSError:
        return False


def _copy_one(source: Path, target: Path) -> str | None:
    data = source.read_bytes()
    if len(data) > MAX_PICTURE_BYTES:
        return f"{source} is larger than {MAX_PICTURE_BYTES // 1_000_000} MB; not copied"
    if target.exists():
        return None if _same(target, data) else f"{target} already exists; not replaced"
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        try:
            os.link(name, target)  # fails if the target appeared meanwhile: never replaced
        except FileExistsError:
            return None if _same(target, data) else f"{target} already exists; not replaced"
        except OSError:  # a file system without hard links
            if target.exists():
                return f"{target} already exists; not replaced"
            os.replace(name, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
    return None


def copy_pictures(pending: Mapping[str, Path], folder: Path) -> list[str]:
    """Copy each ``pending`` picture (its path in the layout folder -> the file it comes from).

    Returns:
        One plain sentence per picture that could not be copied (empty: all were).
    """
    problems = []
    for image, source in sorted(pending.items()):
        try:
            problem = _copy_one(source, folder / image)
        except OSError as exc:
            problem = f"{source} could not be copied: {exc.strerror or exc}"
        if problem:
            problems.append(problem)
    return problems
