"""Saving a page edited in the board: the carer's file kept as the carer wrote it.

The page's file is read and written with ruamel.yaml's round-trip mode
(PyYAML cannot keep comments): comments, key order, quotes and formatting of
every untouched line survive byte for byte, and a changed cell is one
rewritten line.  Before anything is replaced:

1. the edit is checked on the model (``control.page_save_checks.save_problems``),
   each problem naming its cell;
2. a layout shipped with commboard is never edited in place: the first save
   copies the whole layout folder to the carer's layouts folder (user data
   dir) and saves there (the caller switches the profile to it and says so);
3. the new text is read back with the loader's own page parser and must
   give exactly the edited page (with step 1, the rules of
   ``commboard validate``);
4. the previous file is kept as ``<file>.bak`` (one previous version);
5. the new file is written to a temporary file, flushed to disk, and renamed
   over the old one, so a crash leaves the old file or the new, never half.

The steps live in their own modules: ``layout_roundtrip`` (round-trip YAML
documents and their cache), ``layout_page_update`` (changing only what changed
in a page), ``layout_read_back`` (step 3), ``layout_file_writes`` (steps 4-5),
``layout_shipped_copy`` (step 2); ``layout_save_outcome`` holds what a save
gives back, and ``layout_page_remove`` removes a page the same way.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from commboard.adapters.layout_file_writes import BACKUP_SUFFIX, keep_backup, write_atomically
from commboard.adapters.layout_page_update import FileEdits
from commboard.adapters.layout_read_back import read_back, read_back_home
from commboard.adapters.layout_roundtrip import RoundTripDocuments
from commboard.adapters.layout_save_outcome import Saved, SaveRefused
from commboard.adapters.layout_shipped_copy import copy_shipped, folder_of, is_shipped
from commboard.board.layout_file import HEADER_FILE
from commboard.board.layout_places import user_layouts_dir
from commboard.board.model import Layout, Page
from commboard.control.page_editor import CellProblem
from commboard.control.page_ids import edited_layout
from commboard.control.page_save_checks import save_problems


@dataclass(slots=True)
class _Plan:
    """What one save writes: new files, changed files, and a page file renamed (then retired)."""

    new_files: dict[Path, str]
    changed: dict[Path, str]
    file: Path  # the edited page's file as it is now
    written: Path  # the edited page's file after the save (its new name, if renamed)
    retired: Path | None = None  # the page's own file, when it is written under its new id


def _plan(layout: Layout, after: Layout, old_id: str, page: Page, edits: FileEdits) -> _Plan:
    """Work out every file's new text, on the files as they are: nothing written."""
    file, own_file = edits.edit_page(old_id, after.pages[page.id])
    for pid, new in after.pages.items():  # pages whose links follow the page's new id
        old = layout.pages.get(pid)
        if old is not None and pid != old_id and new != old:
            edits.edit_page(pid, new)
    if after.home != layout.home:
        edits.set_home(after.home)
    added = tuple(p for pid, p in after.pages.items() if pid not in layout.pages and pid != page.id)
    new_files = edits.add_pages(added)
    changed = edits.texts()
    plan = _Plan(new_files, changed, file, file)
    renamed_file = file.with_name(f"{page.id}{file.suffix}")
    source = layout.source
    in_folder = source is not None and (source.is_dir() or source.name == HEADER_FILE)
    free = not renamed_file.exists() and renamed_file not in new_files
    if page.id != old_id and in_folder and own_file and file.stem == old_id and free:
        # <old id>.yaml becomes <new id>.yaml: the file keeps naming the page it holds
        new_files[renamed_file] = changed.pop(file)
        edits.pages_in[renamed_file] = edits.pages_in.pop(file)
        edits.docs[renamed_file] = edits.docs.pop(file)
        plan.retired, plan.written = file, renamed_file
    return plan


def _check_plan(plan: _Plan, edits: FileEdits, home: str | None) -> None:
    """Every written file read back with the loader's parser gives exactly the edited pages."""
    for path, text in {**plan.new_files, **plan.changed}.items():
        for page in edits.pages_in.get(path, []):
            read_back(path, text, page)
    if home is not None and edits.header is not None:
        read_back_home(edits.header, plan.changed[edits.header], home)


def _into_copy(plan: _Plan, edits: FileEdits, folder: Path, copy: Path) -> _Plan:
    """The same plan in the carer's copy of a shipped layout."""

    def moved(path: Path) -> Path:
        return copy / path.relative_to(folder)

    for attribute in ("docs", "pages_in"):
        values = getattr(edits, attribute)
        setattr(edits, attribute, {moved(p): v for p, v in values.items()})
    edits.header = moved(edits.header) if edits.header is not None else None
    return _Plan(
        {moved(p): t for p, t in plan.new_files.items()},
        {moved(p): t for p, t in plan.changed.items()},
        moved(plan.file),
        moved(plan.written),
        moved(plan.retired) if plan.retired is not None else None,
    )


def _write(plan: _Plan) -> Path:
    """Write the plan; the edited file's backup.  New files first and the old page file retired
    last, so a crash between two files leaves a layout that loads."""
    for path in plan.new_files:
        if path.exists():
            raise SaveRefused([CellProblem(None, f"{path.name} already exists")])
    for path, text in plan.new_files.items():
        write_atomically(path, text.encode("utf-8"))
    for path, text in plan.changed.items():
        keep_backup(path)
        write_atomically(path, text.encode("utf-8"))
    backup = plan.file.with_name(plan.file.name + BACKUP_SUFFIX)
    if plan.retired is not None:
        os.replace(plan.retired, backup)
    return backup


def save_page(
    layout: Layout,
    page: Page,
    *,
    added: tuple[Page, ...] = (),
    renamed_from: str | None = None,
    user_folder: Path | None = None,
    documents: RoundTripDocuments | None = None,
) -> Saved:
    """Save one edited page of ``layout``, and new pages (see the module docstring for every step).

    Args:
        layout: the layout as loaded (``source`` tells where its files are).
        page: the edited page.
        added: new pages (page editor: O, K), written with this save.
        renamed_from: the page's id on disk when the carer gave it a new one:
            every link to it and the layout's home follow, in their own files
            (each changed file keeps a backup), and a page file named after
            the old id is written under the new one (the old file becomes
            its backup).
        user_folder: where a shipped layout is copied (default: the carer's
            layouts folder in the user data dir).
        documents: round-trip documents already parsed (the editor's, read
            when it opened), so the save need not parse them again.

    Raises:
        SaveRefused: nothing was written; the problems say why.
    """
    old_id = renamed_from or page.id
    problems = save_problems(layout, page, added, renamed_from)
    if problems:
        raise SaveRefused(problems)
    after = edited_layout(layout, old_id, page, added)
    folder = folder_of(layout)
    documents = documents if documents is not None else RoundTripDocuments()
    edits = FileEdits(layout, documents)
    plan = _plan(layout, after, old_id, page, edits)  # on the files as they are: nothing written
    _check_plan(plan, edits, after.home if after.home != layout.home else None)
    copied_from = None
    if is_shipped(folder):  # never edited in place: the carer's own copy is saved
        copied_from = folder
        layout = copy_shipped(layout, folder, user_folder or user_layouts_dir())
        plan = _into_copy(plan, edits, folder, folder_of(layout))
    try:
        backup = _write(plan)
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{plan.file}: could not be saved ({exc})")]) from None
    for path, text in {**plan.new_files, **plan.changed}.items():
        if path in edits.docs:  # the next save of this editor starts from what was written
            documents.keep(path, text, edits.docs[path])
    # What was checked is what was written: the board takes it without reading it again.
    return Saved(plan.written, backup, replace(after, source=layout.source), copied_from)
