"""Saving a page edited in the board: the carer's file kept as the carer wrote it.

The page's file is read and written with ruamel.yaml's round-trip mode
(PyYAML cannot keep comments): comments, key order, quotes and formatting of
every untouched line survive byte for byte, and a changed cell is one
rewritten line.  Before anything is replaced:

1. the edit is checked on the model (``control.page_editor.save_problems``),
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
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from commboard.board.layout_file import HEADER_FILE, builtin_layouts_root, load_layout
from commboard.board.layout_pages import parse_page
from commboard.board.layout_places import user_layouts_dir
from commboard.board.layout_yaml import LayoutProblem, YamlSource
from commboard.board.model import Cell, Layout, Page
from commboard.control.page_editor import (
    CellProblem,
    removal_problems,
    save_problems,
    with_page,
)
from commboard.exchange.layout_text import cell_fields
from commboard.exchange.layout_text import page_text as layout_page_text
from commboard.exchange.obf_values import page_id_for

BACKUP_SUFFIX = ".bak"


class _Representer(RoundTripRepresenter):
    """Writes an empty slot as ``~``, as the layout README shows it."""


_Representer.add_representer(
    type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "~")
)


def _yaml() -> YAML:
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a cell's line
    yaml.indent(mapping=2, sequence=4, offset=2)  # "cells:\n  - {...}" as shipped
    return yaml


class SaveRefused(Exception):
    """The page was not saved; ``problems`` say why (each on its cell where there is one)."""

    def __init__(self, problems: list[CellProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class Saved:
    """A saved page.

    Attributes:
        file: the file written.
        backup: the previous version of that file.
        layout: the layout as it now loads (give it to the board).
        copied_from: the shipped layout folder that was copied first, or None.
    """

    file: Path
    backup: Path
    layout: Layout
    copied_from: Path | None


# --- where the page is --------------------------------------------------------


def _folder(layout: Layout) -> Path:
    source = layout.source
    if source is None:
        raise SaveRefused([CellProblem(None, "this board was built in code; it has no file")])
    return source if source.is_dir() else source.parent


def _is_shipped(folder: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(builtin_layouts_root().resolve())
    except OSError:
        return False


def _copy_shipped(layout: Layout, folder: Path, into: Path) -> Layout:
    """Copy a shipped layout folder into the carer's layouts folder and load the copy."""
    into.mkdir(mode=0o700, parents=True, exist_ok=True)
    taken = {p.name for p in into.iterdir()}
    target = into / page_id_for(f"{folder.name}-mine", taken)
    shutil.copytree(folder, target)
    return load_layout(target)


def _page_node(data: Any, page_id: str) -> CommentedMap | None:
    if isinstance(data, CommentedMap) and str(data.get("id")) == page_id and "cells" in data:
        return data
    pages = data.get("pages") if isinstance(data, CommentedMap) else None
    for item in pages if isinstance(pages, CommentedSeq) else []:
        if isinstance(item, CommentedMap) and str(item.get("id")) == page_id:
            return item
    return None


def _may_hold(text: str, page_id: str) -> bool:
    """True when a file's text has an ``id:`` line that could be this page's."""
    pattern = rf"^[ \t-]*id:[ \t]*[\"']?{re.escape(page_id)}[\"']?[ \t]*(#.*)?$"
    return re.search(pattern, text, re.MULTILINE) is not None


def _find_page(layout: Layout, page_id: str) -> tuple[Path, Any, CommentedMap]:
    """(file, its round-trip document, the page's mapping in it)."""
    source = layout.source
    assert source is not None
    folder = source if source.is_dir() else source.parent
    files = [source] if source.is_file() else [folder / HEADER_FILE]
    if source.is_dir() or source.name == HEADER_FILE:
        pages = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
        files += sorted(p for p in pages if p.name != HEADER_FILE)
    for path in files:
        text = path.read_text(encoding="utf-8")
        if not _may_hold(text, page_id):  # round-trip parsing is slow: only the likely file
            continue
        document = _yaml().load(text)
        node = _page_node(document, page_id)
        if node is not None:
            return path, document, node
    raise SaveRefused([CellProblem(None, f"page '{page_id}' was not found in the layout's files")])


# --- changing only what changed ------------------------------------------------


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


def _update_cells(seq: CommentedSeq, old: Page, new: Page) -> None:
    """Rewrite only the slots whose cell changed; the rest keep their line and comments."""
    last = max((i for i, c in enumerate(new.cells) if c is not None), default=-1)
    for index, cell in enumerate(new.cells):
        before = old.cells[index] if index < len(old.cells) else None
        if index < len(seq):
            if cell != before:
                seq[index] = _cell_node(cell)
        elif index <= last:
            seq.append(_cell_node(cell))
    if len(seq) > len(new.cells):  # a smaller grid: its slots past the end are empty
        del seq[len(new.cells) :]


def _update_page(node: CommentedMap, old: Page, new: Page) -> None:
    if new.title != old.title:
        node["title"] = DoubleQuotedScalarString(new.title)
    for key, value in (("rows", new.rows), ("columns", new.columns)):
        if value != getattr(old, key):
            node[key] = value
    _update_cells(node["cells"], old, new)


def page_text(layout: Layout, page: Page) -> tuple[Path, str]:
    """(the page's file, that file's new text with only the changed lines rewritten)."""
    path, document, node = _find_page(layout, page.id)
    _update_page(node, layout.page(page.id), page)
    out = io.StringIO()
    _yaml().dump(document, out)
    return path, out.getvalue()


# --- writing -----------------------------------------------------------------


def _read_back(file: Path, text: str, page: Page) -> None:
    """Parse the new text with the loader's own page parser; it must give exactly ``page``.

    The rules across pages (links, a way home, the call for help) were checked
    on the model by ``save_problems``; the other files are unchanged.  So the
    layout after the save passes ``commboard validate`` without reading every
    file again (which would cost more than the 100 ms an edit may take).

    Raises:
        SaveRefused: the loader's problems, or a page that reads back differently.
    """
    problems: list[LayoutProblem] = []
    src = YamlSource(file, problems)
    try:
        # libyaml's composer when PyYAML has it: the same nodes and lines, several times faster.
        document = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        raise SaveRefused([CellProblem(None, f"{file.name}: not valid YAML ({exc})")]) from None
    node = _page_yaml_node(document, page.id)
    draft = parse_page(src, node) if node is not None else None
    if problems:
        raise SaveRefused([CellProblem(None, str(p)) for p in problems])
    if draft is None or draft.page != page:
        raise SaveRefused([CellProblem(None, f"{file.name}: the page did not read back as edited")])


def _page_yaml_node(document: yaml.Node | None, page_id: str) -> yaml.Node | None:
    """The page's mapping node in a composed file (a page file, or a ``pages:`` list)."""
    if not isinstance(document, yaml.MappingNode):
        return None
    fields = {k.value: v for k, v in document.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(fields.get("id"), yaml.ScalarNode) and fields["id"].value == page_id:
        return document
    pages = fields.get("pages")
    for item in pages.value if isinstance(pages, yaml.SequenceNode) else []:
        found = _page_yaml_node(item, page_id) if isinstance(item, yaml.MappingNode) else None
        if found is not None:
            return found
    return None


def _write_atomically(path: Path, data: bytes) -> None:
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


def _new_page_files(
    layout: Layout, text: str, added: tuple[Page, ...]
) -> tuple[str, dict[Path, str]]:
    """(the edited file's text, new files) once the ``added`` pages are placed.

    In a layout folder each new page gets its own ``<id>.yaml``; in a one-file
    layout they are appended to its ``pages:`` list (the edited file).
    """
    source = layout.source
    assert source is not None
    folder = _folder(layout)
    if not added:
        return text, {}
    if source.is_dir() or source.name == HEADER_FILE:
        new = {folder / f"{page.id}.yaml": layout_page_text(page) for page in added}
        for path in new:
            if path.exists():
                raise SaveRefused([CellProblem(None, f"{path.name} already exists")])
        return text, new
    document = _yaml().load(text)
    for page in added:
        document["pages"].append(_yaml().load(layout_page_text(page)))
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue(), {}


def save_page(
    layout: Layout, page: Page, *, added: tuple[Page, ...] = (), user_folder: Path | None = None
) -> Saved:
    """Save one edited page of ``layout``, and new pages (see the module docstring for every step).

    Args:
        layout: the layout as loaded (``source`` tells where its files are).
        page: the edited page (same id as a page of the layout).
        added: new pages (page editor: O, K), written with this save.
        user_folder: where a shipped layout is copied (default: the carer's
            layouts folder in the user data dir).

    Raises:
        SaveRefused: nothing was written; the problems say why.
    """
    problems = save_problems(layout, page, added)
    if problems:
        raise SaveRefused(problems)
    folder = _folder(layout)
    file, text = page_text(layout, page)  # worked out on the files as they are: nothing written
    text, new_files = _new_page_files(layout, text, added)
    _read_back(file, text, page)
    for new in added:  # its own file in a folder, else the one-file layout's text
        path = folder / f"{new.id}.yaml"
        _read_back(path if path in new_files else file, new_files.get(path, text), new)
    copied_from = None
    if _is_shipped(folder):  # never edited in place: the carer's own copy is saved
        copied_from = folder
        layout = _copy_shipped(layout, folder, user_folder or user_layouts_dir())
        copy = _folder(layout)
        file = copy / file.relative_to(folder)
        new_files = {copy / p.relative_to(folder): t for p, t in new_files.items()}
        for path in new_files:
            if path.exists():
                raise SaveRefused([CellProblem(None, f"{path.name} already exists")])
    backup = file.with_name(file.name + BACKUP_SUFFIX)
    try:
        for path, new_text in new_files.items():
            _write_atomically(path, new_text.encode("utf-8"))
        _write_atomically(backup, file.read_bytes())
        _write_atomically(file, text.encode("utf-8"))
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{file}: could not be saved ({exc})")]) from None
    saved = with_page(layout, page)
    saved = replace(saved, pages={**saved.pages, **{p.id: p for p in added}})
    # What was checked is what was written: the board takes it without reading it again.
    return Saved(file, backup, saved, copied_from)


def remove_page(layout: Layout, page_id: str, *, user_folder: Path | None = None) -> Saved:
    """Remove a page nothing links to; its file is kept as ``<file>.bak``.

    Raises:
        SaveRefused: the home page, or cells still open it (each named); nothing was changed.
    """
    problems = removal_problems(layout, page_id)
    if problems:
        raise SaveRefused([CellProblem(None, p) for p in problems])
    folder = _folder(layout)
    copied_from = None
    if _is_shipped(folder):
        copied_from = folder
        layout = _copy_shipped(layout, folder, user_folder or user_layouts_dir())
    file, document, node = _find_page(layout, page_id)
    backup = file.with_name(file.name + BACKUP_SUFFIX)
    try:
        if document is node:  # the page's own file: it becomes the backup
            os.replace(file, backup)
        else:  # one entry of a pages: list
            document["pages"].remove(node)
            out = io.StringIO()
            _yaml().dump(document, out)
            _write_atomically(backup, file.read_bytes())
            _write_atomically(file, out.getvalue().encode("utf-8"))
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{file}: could not be changed ({exc})")]) from None
    pages = {pid: p for pid, p in layout.pages.items() if pid != page_id}
    return Saved(file, backup, replace(layout, pages=pages), copied_from)
