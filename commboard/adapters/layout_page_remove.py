"""Removing a page from its layout's files, with the cells that open it
(``control.page_removal``), each file written as a save writes it.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from commboard.adapters.layout_file_writes import BACKUP_SUFFIX, keep_backup, write_atomically
from commboard.adapters.layout_page_update import FileEdits
from commboard.adapters.layout_read_back import read_back
from commboard.adapters.layout_roundtrip import RoundTripDocuments, find_page, page_node
from commboard.adapters.layout_save_outcome import Saved, SaveRefused
from commboard.adapters.layout_shipped_copy import copy_shipped, folder_of, is_shipped
from commboard.board.layout_places import user_layouts_dir
from commboard.board.model import Layout
from commboard.control.page_editor import CellProblem
from commboard.control.page_removal import page_removal


def _remove_node(edits: FileEdits, page_id: str) -> tuple[Path, bool]:
    """Take page ``page_id`` out of its file's document: (its file, the file holds only it)."""
    for path, document in edits.docs.items():  # a one-file layout, already being edited
        node = page_node(document, page_id)
        if node is not None:
            document["pages"].remove(node)
            return path, False
    path, _, document, node = find_page(edits.layout, page_id, edits.documents)
    if document is node:
        return path, True
    document["pages"].remove(node)
    edits.docs[path] = document
    return path, False


def remove_page(
    layout: Layout,
    page_id: str,
    *,
    user_folder: Path | None = None,
    documents: RoundTripDocuments | None = None,
) -> Saved:
    """Remove a page and the cells that open it (``control.page_removal``).

    Each page whose link is deleted is rewritten as a save rewrites it (only
    those cells' lines, a ``.bak`` of each file, atomically, read back); the
    page's own file then becomes ``<file>.bak`` (or, in a one-file layout,
    its entry leaves the ``pages:`` list, the file kept as ``.bak``).  The
    links go first, so a crash part-way leaves a layout that loads.

    Raises:
        SaveRefused: the home page, a removal that would strand the patient or
            other pages, or the files changed since the board read them; nothing
            was changed.
    """
    removal = page_removal(layout, page_id)
    if removal.problems:
        raise SaveRefused([CellProblem(None, p) for p in removal.problems])
    folder = folder_of(layout)
    copied_from = None
    if is_shipped(folder):
        copied_from = folder
        layout = copy_shipped(layout, folder, user_folder or user_layouts_dir())
        documents = None  # the copy's files, not the shipped ones
    edits = FileEdits(layout, documents if documents is not None else RoundTripDocuments())
    for pid, page in removal.layout.pages.items():
        if page != layout.pages[pid]:
            edits.edit_page(pid, page)
    file, own_file = _remove_node(edits, page_id)
    changed = edits.texts()
    for path, text in changed.items():
        for page in edits.pages_in.get(path, []):
            read_back(path, text, page)
    backup = file.with_name(file.name + BACKUP_SUFFIX)
    try:
        for path, text in changed.items():
            keep_backup(path)
            write_atomically(path, text.encode("utf-8"))
        if own_file:
            os.replace(file, backup)
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{file}: could not be changed ({exc})")]) from None
    return Saved(file, backup, replace(removal.layout, source=layout.source), copied_from)
