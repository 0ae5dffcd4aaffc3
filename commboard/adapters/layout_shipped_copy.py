"""Where a layout's files are, and copying a layout shipped with commboard into the carer's
layouts folder: a shipped layout is never edited in place.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from commboard.adapters.layout_save_outcome import SaveRefused
from commboard.board.layout_file import builtin_layouts_root, load_layout
from commboard.board.model import Layout
from commboard.control.page_editor import CellProblem
from commboard.exchange.obf_values import page_id_for
from commboard.private_folder import make_private_folder


def folder_of(layout: Layout) -> Path:
    source = layout.source
    if source is None:
        raise SaveRefused([CellProblem(None, "this board was built in code; it has no file")])
    return source if source.is_dir() else source.parent


def is_shipped(folder: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(builtin_layouts_root().resolve())
    except OSError:
        return False


def copy_shipped(layout: Layout, folder: Path, into: Path) -> Layout:
    """Copy a shipped layout folder into the carer's layouts folder and load the copy.

    Raises ``SaveRefused`` when the copy cannot be made (a read-only or full
    layouts folder): nothing is saved, and a half-made copy is taken away.
    """
    target: Path | None = None
    try:
        make_private_folder(into)
        taken = {p.name for p in into.iterdir()}
        target = into / page_id_for(f"{folder.name}-mine", taken)
        shutil.copytree(folder, target)
    except OSError as exc:
        if target is not None and not isinstance(exc, FileExistsError):  # never someone's folder
            shutil.rmtree(target, ignore_errors=True)
        raise SaveRefused(
            [
                CellProblem(
                    None,
                    f"the built-in layout could not be copied into {into} ({exc});"
                    " nothing was saved",
                )
            ]
        ) from None
    return load_layout(target)
