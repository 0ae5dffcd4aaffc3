"""Changing only what changed: an edited page rewritten in its file's round-trip document
slot by slot, so every untouched line keeps its text and comments.

``FileEdits`` gathers the files one save changes, each parsed once, and refuses a
file whose page was changed on disk after the board read it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from commboard.adapters.layout_read_back import composed, page_yaml_node
from commboard.adapters.layout_roundtrip import (
    RoundTripDocuments,
    dumped,
    find_page,
    page_node,
    roundtrip_yaml,
)
from commboard.adapters.layout_save_outcome import ChangedOnDisk
from commboard.adapters.layout_shipped_copy import folder_of
from commboard.board.layout_file import HEADER_FILE
from commboard.board.layout_pages import parse_page
from commboard.board.layout_yaml import LayoutProblem, YamlSource
from commboard.board.model import Cell, Layout, Page
from commboard.control.page_editor import CellProblem
from commboard.exchange.layout_text import cell_fields
from commboard.exchange.layout_text import page_text as layout_page_text


def _cell_node(cell: Cell | None) -> CommentedMap | None:
    if cell is None:
        return None
    fields = cell_fields(cell)
    for key in ("label", "text"):
        if key in fields:
            fields[key] = DoubleQuotedScalarString(fields[key])
    node = CommentedMap(fields)
    node.fa.set_flow_style()
    return node


def _retargeted(node: object, old: Cell | None, new: Cell | None) -> bool:
    """A link whose page got a new id: only its ``target`` changes, the rest of the line as written."""
    if old is None or new is None or replace(old, target=new.target) != new:
        return False
    if not isinstance(node, CommentedMap) or "target" not in node:
        return False
    node["target"] = new.target
    return True


def _update_cells(seq: CommentedSeq, old: Page, new: Page) -> None:
    """Rewrite only the slots whose cell changed; the rest keep their line and comments."""
    last = max((i for i, c in enumerate(new.cells) if c is not None), default=-1)
    for index, cell in enumerate(new.cells):
        before = old.cells[index] if index < len(old.cells) else None
        if index < len(seq):
            if cell != before and not _retargeted(seq[index], before, cell):
                seq[index] = _cell_node(cell)
        elif index <= last:
            seq.append(_cell_node(cell))
    if len(seq) > len(new.cells):  # a smaller grid: its slots past the end are empty
        del seq[len(new.cells) :]


def _update_page(node: CommentedMap, old: Page, new: Page) -> None:
    if new.id != old.id:
        node["id"] = new.id
    if new.title != old.title:
        node["title"] = DoubleQuotedScalarString(new.title)
    for key, value in (("rows", new.rows), ("columns", new.columns)):
        if value != getattr(old, key):
            node[key] = value
    _update_cells(node["cells"], old, new)


class FileEdits:
    """The layout's files one save changes: each parsed once, edited in place, written once.

    ``pages_in`` says which pages each changed file must read back as.
    """

    def __init__(self, layout: Layout, documents: RoundTripDocuments) -> None:
        self.layout = layout
        self.documents = documents
        self.docs: dict[Path, Any] = {}
        self.pages_in: dict[Path, list[Page]] = {}
        self.header: Path | None = None  # the file whose home: changed
        self._read: dict[Path, Any] = {}  # each page file as read for this save, composed

    def _check_unchanged(self, path: Path, text: str, page_id: str) -> None:
        """The page in ``path`` is still the page the board loaded, or the save is refused.

        Someone else (another carer's editor, a hand edit) may have changed it
        since: writing over it would silently drop their change.
        """
        if path not in self._read:
            try:
                self._read[path] = composed(text)
            except yaml.YAMLError:
                self._read[path] = None  # broken since the board read it: changed too
        node = page_yaml_node(self._read[path], page_id)
        problems: list[LayoutProblem] = []
        draft = parse_page(YamlSource(path, problems), node) if node is not None else None
        if draft is None or problems or draft.page != self.layout.page(page_id):
            raise ChangedOnDisk(
                [
                    CellProblem(
                        None,
                        f"{path.name} was changed after the board read it (another editor, or"
                        " by hand); saving would overwrite that change. Leave (Escape, Q): the"
                        " board reads the layout again; then edit the page again",
                    )
                ]
            )

    def edit_page(self, page_id: str, new: Page) -> tuple[Path, bool]:
        """Rewrite page ``page_id`` as ``new``: (its file, the file holds only this page)."""
        # a one-file layout: the file may be being edited already
        found = [(p, d, page_node(d, page_id)) for p, d in self.docs.items()]
        path, document, node = next(((p, d, n) for p, d, n in found if n is not None), (None,) * 3)
        if path is None or node is None:
            path, text, document, node = find_page(self.layout, page_id, self.documents)
            self.docs[path] = document
            self._check_unchanged(path, text, page_id)
        elif path in self._read:  # the file read for another page of this save
            self._check_unchanged(path, "", page_id)
        _update_page(node, self.layout.page(page_id), new)
        self.pages_in.setdefault(path, []).append(new)
        return path, document is node

    def set_home(self, home: str) -> Path:
        """The layout's ``home:`` (its header file, or the one file)."""
        source = self.layout.source
        assert source is not None
        path = source if source.is_file() else source / HEADER_FILE
        if path not in self.docs:
            self.docs[path] = self.documents.load(path, path.read_text(encoding="utf-8"))
        self.docs[path]["home"] = home
        self.header = path
        return path

    def add_pages(self, added: tuple[Page, ...]) -> dict[Path, str]:
        """New pages: their own ``<id>.yaml`` files in a folder (returned), or appended to
        a one-file layout's ``pages:`` list."""
        source = self.layout.source
        assert source is not None
        if not added:
            return {}
        if source.is_dir() or source.name == HEADER_FILE:
            folder = folder_of(self.layout)
            new = {folder / f"{page.id}.yaml": layout_page_text(page) for page in added}
            for page in added:
                self.pages_in[folder / f"{page.id}.yaml"] = [page]
            return new
        if source not in self.docs:
            self.docs[source] = self.documents.load(source, source.read_text(encoding="utf-8"))
        for page in added:
            self.docs[source]["pages"].append(roundtrip_yaml().load(layout_page_text(page)))
            self.pages_in.setdefault(source, []).append(page)
        return {}

    def texts(self) -> dict[Path, str]:
        """Each changed file's new text (only the changed lines differ)."""
        return {path: dumped(document) for path, document in self.docs.items()}
