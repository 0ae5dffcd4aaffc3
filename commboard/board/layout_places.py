"""Where a carer's layouts are: the places the layout picker lists, and what it calls each one.

The README tells a carer to copy ``commboard/layouts/en/`` anywhere and start the
board with ``--layout``; the documented place for their own layouts is the
``layouts`` folder in the user's data folder (``user_layouts_dir``, e.g.
``~/.local/share/commboard/layouts``).  The carer menu's "Change layout"
lists, in this order: the layout in use, the one remembered in the profile
(``board.layout``), the built-in layouts, then that folder's layouts; each
once.  Listing only reads the layouts' first file for a name: a broken
layout is reported when it is chosen, not here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import yaml

from commboard.board.layout_file import HEADER_FILE, builtin_layouts_root

MAX_CHOICES = 9  # the picker's entries are chosen with the keys 1-9
HEAD_BYTES = 4096  # the layout's name is near the top of its header file
_NAME_LINE = re.compile(r"^name:[ \t]*(.+?)[ \t]*$", re.MULTILINE)


def builtin_layouts_dir() -> Path:
    """The layouts shipped with commboard (package data: ``commboard/layouts``)."""
    return builtin_layouts_root()


def user_layouts_dir() -> Path:
    """The carer's own layouts folder (``layouts`` in the user's data folder); may not exist."""
    return Path(platformdirs.user_data_dir("commboard")) / "layouts"


def layout_folders() -> tuple[Path, ...]:
    """The folders whose layouts the picker lists: the built-in ones, then the carer's."""
    return (builtin_layouts_dir(), user_layouts_dir())


@dataclass(frozen=True, slots=True)
class LayoutChoice:
    """One layout the picker offers: where it is and what the carer reads."""

    path: Path
    title: str


def layout_name(path: Path) -> str | None:
    """The ``name:`` a layout gives itself, or None (unreadable, not UTF-8, no name).

    Only the first ``HEAD_BYTES`` of the header are read: the picker opens on
    the frame loop and must not parse a megabyte of YAML per entry.
    """
    header = path / HEADER_FILE if path.is_dir() else path
    try:
        with header.open("rb") as file:
            head = file.read(HEAD_BYTES).decode("utf-8", errors="replace")
        found = _NAME_LINE.search(head)
        name = yaml.safe_load(found.group(1)) if found else None
    except Exception:  # a broken file is reported when it is chosen, not here
        return None
    return name if isinstance(name, str) and name else None


def layout_title(path: Path, note: str = "") -> str:
    """What the picker shows for a layout: its name, where it is, and a note ("in use")."""
    name = layout_name(path)
    title = f"{name} ({path.name})" if name else path.name
    return f"{title} - {note}" if note else title


def layouts_in(folder: Path) -> list[Path]:
    """Layout folders (with a ``layout.yaml``) and single-file layouts directly in ``folder``."""
    if not folder.is_dir():
        return []
    try:
        found = [p for p in sorted(folder.iterdir()) if (p / HEADER_FILE).is_file()]
        found += [p for p in sorted(folder.glob("*.yaml")) if p.is_file()]
    except OSError:  # a folder we may not read lists nothing
        return []
    return found


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return a == b


def layout_choices(
    folders: Iterable[Path], *, in_use: Path | None = None, remembered: Path | None = None
) -> list[LayoutChoice]:
    """The layouts the picker offers, each once, at most ``MAX_CHOICES``.

    Args:
        folders: where to look (``layout_folders()``).
        in_use: the running layout's file or folder (None: built in code).
        remembered: the profile's ``board.layout`` (None: not set).
    """
    notes: list[tuple[Path, str]] = []
    if in_use is not None:
        notes.append((in_use, "in use"))
    if remembered is not None and remembered.exists():
        notes.append((remembered, "remembered"))
    notes += [(path, "") for folder in folders for path in layouts_in(folder)]
    kept: list[tuple[Path, str]] = []
    for path, note in notes:
        if len(kept) == MAX_CHOICES:
            break
        if not any(_same(path, seen) for seen, _ in kept):
            kept.append((path, note))
    return [LayoutChoice(path, layout_title(path, note)) for path, note in kept]
