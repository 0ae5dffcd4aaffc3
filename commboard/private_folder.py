"""Folders for the patient's files, readable by this user only, however many are missing.

``Path.mkdir(mode=0o700, parents=True)`` gives the mode only to the last
folder: the missing ones above it get the default (0755 under the usual
umask).  A history at ``.../commboard/profiles/anna/history.jsonl`` then left
``profiles/`` listable by every user of the machine, and profile names are
often patients' names.  Here every folder made is 0700, as the XDG base
directory specification asks of folders an application creates; folders that
already exist are left as they are.
"""

from __future__ import annotations

import os
from pathlib import Path


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` and any missing folders above it, each 0700 (existing ones untouched).

    Raises ``OSError`` when one cannot be made (a read-only disk, a file in the way).
    """
    missing: list[Path] = []
    here = folder
    while not here.exists():
        missing.append(here)
        if here.parent == here:
            break
        here = here.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=0o700)
        except FileExistsError:
            if not path.is_dir():
                raise
            continue  # made meanwhile (another thread or program): leave it as it is
        os.chmod(path, 0o700)  # mkdir's mode is narrowed by the umask, never widened
