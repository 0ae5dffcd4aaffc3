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
import threading
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
    edited_layout,
    save_problems,
)
from commboard.control.page_removal import page_removal
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


class ChangedOnDisk(SaveRefused):
    """Not saved: a page's file was changed after the board read it (writing would overwrite
    that change); the layout must be read again before this page is edited."""


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
    """Copy a shipped layout folder into the carer's layouts folder and load the copy.

    Raises ``SaveRefused`` when the copy cannot be made (a read-only or full
    layouts folder): nothing is saved, and a half-made copy is taken away.
    """
    target: Path | None = None
    try:
        into.mkdir(mode=0o700, parents=True, exist_ok=True)
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


class RoundTripDocuments:
    """Round-trip documents of a layout's files, kept while each file is unchanged on disk.

    Parsing a file in ruamel.yaml's round-trip mode is the slowest step of a
    save (about 15 ms for the spelling page; twice that on a loaded
    machine).  The editor reads its page's file when it opens
    (``prepare``), and the save takes that document instead of parsing
    again -- but only while the file's text is exactly the text it was
    parsed from: a file changed on disk meanwhile (a hand edit) is parsed
    again.  A document taken for a save is kept again only once the save
    wrote it, so a refused save never leaves a half-edited document behind.
    """

    def __init__(self) -> None:
        self._kept: dict[Path, tuple[str, Any]] = {}
        self._preparing: threading.Thread | None = None

    def load(self, path: Path, text: str) -> Any:
        """The round-trip document of ``path`` whose text is ``text`` (taken out of the cache)."""
        self.wait()
        kept = self._kept.pop(path, None)
        if kept is not None and kept[0] == text:
            return kept[1]
        return _yaml().load(text)

    def keep(self, path: Path, text: str, document: Any) -> None:
        """``document`` is what ``path`` holds now (``text``, just written or read)."""
        self._kept[path] = (text, document)

    def prepare(self, layout: Layout, page_id: str, *, background: bool = False) -> None:
        """Parse the file that holds ``page_id`` now, ahead of a save (nothing if it cannot).

        ``background``: in a worker thread, while the carer edits (the
        editor opens at once); a save that comes first waits for it.
        """
        if background:
            self._preparing = threading.Thread(
                target=self._prepare, args=(layout, page_id), name="editor-parse", daemon=True
            )
            self._preparing.start()
        else:
            self._prepare(layout, page_id)

    def _prepare(self, layout: Layout, page_id: str) -> None:
        with contextlib.suppress(Exception):  # only a head start: the save parses it otherwise
            path, text, document, _ = _find_page(layout, page_id, RoundTripDocuments())
            self.keep(path, text, document)

    def wait(self) -> None:
        """Until a parse started in the background is done."""
        preparing, self._preparing = self._preparing, None
        if preparing is not None:
            preparing.join()


def _layout_files(layout: Layout) -> list[Path]:
    source = layout.source
    assert source is not None
    folder = source if source.is_dir() else source.parent
    files = [source] if source.is_file() else [folder / HEADER_FILE]
    if source.is_dir() or source.name == HEADER_FILE:
        pages = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
        files += sorted(p for p in pages if p.name != HEADER_FILE)
    return files


def _find_page(
    layout: Layout, page_id: str, documents: RoundTripDocuments
) -> tuple[Path, str, Any, CommentedMap]:
    """(file, its text, its round-trip document, the page's mapping in it)."""
    for path in _layout_files(layout):
        text = path.read_text(encoding="utf-8")
        if not _may_hold(text, page_id):  # round-trip parsing is slow: only the likely file
            continue
        document = documents.load(path, text)
        node = _page_node(document, page_id)
        if node is not None:
            return path, text, document, node
        documents.keep(path, text, document)
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


def _dumped(document: Any) -> str:
    out = io.StringIO()
    _yaml().dump(document, out)
    return out.getvalue()


class _FileEdits:
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
                self._read[path] = _composed(text)
            except yaml.YAMLError:
                self._read[path] = None  # broken since the board read it: changed too
        node = _page_yaml_node(self._read[path], page_id)
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
        found = [(p, d, _page_node(d, page_id)) for p, d in self.docs.items()]
        path, document, node = next(((p, d, n) for p, d, n in found if n is not None), (None,) * 3)
        if path is None or node is None:
            path, text, document, node = _find_page(self.layout, page_id, self.documents)
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
            folder = _folder(self.layout)
            new = {folder / f"{page.id}.yaml": layout_page_text(page) for page in added}
            for page in added:
                self.pages_in[folder / f"{page.id}.yaml"] = [page]
            return new
        if source not in self.docs:
            self.docs[source] = self.documents.load(source, source.read_text(encoding="utf-8"))
        for page in added:
            self.docs[source]["pages"].append(_yaml().load(layout_page_text(page)))
            self.pages_in.setdefault(source, []).append(page)
        return {}

    def texts(self) -> dict[Path, str]:
        """Each changed file's new text (only the changed lines differ)."""
        return {path: _dumped(document) for path, document in self.docs.items()}


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
        document = _composed(text)
    except yaml.YAMLError as exc:
        raise SaveRefused([CellProblem(None, f"{file.name}: not valid YAML ({exc})")]) from None
    node = _page_yaml_node(document, page.id)
    draft = parse_page(src, node) if node is not None else None
    if problems:
        raise SaveRefused([CellProblem(None, str(p)) for p in problems])
    if draft is None or draft.page != page:
        raise SaveRefused([CellProblem(None, f"{file.name}: the page did not read back as edited")])


def _composed(text: str) -> yaml.Node | None:
    """``text`` composed (libyaml's composer when PyYAML has it: the same nodes and lines,
    several times faster)."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


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


def _keep_backup(path: Path) -> None:
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
        _write_atomically(backup, path.read_bytes())


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


def _read_back_home(file: Path, text: str, home: str) -> None:
    document = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fields = (
        {k.value: v for k, v in document.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(document, yaml.MappingNode)
        else {}
    )
    node = fields.get("home")
    if not isinstance(node, yaml.ScalarNode) or node.value != home:
        raise SaveRefused([CellProblem(None, f"{file.name}: the home page did not read back")])


@dataclass(slots=True)
class _Plan:
    """What one save writes: new files, changed files, and a page file renamed (then retired)."""

    new_files: dict[Path, str]
    changed: dict[Path, str]
    file: Path  # the edited page's file as it is now
    written: Path  # the edited page's file after the save (its new name, if renamed)
    retired: Path | None = None  # the page's own file, when it is written under its new id


def _plan(layout: Layout, after: Layout, old_id: str, page: Page, edits: _FileEdits) -> _Plan:
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


def _check_plan(plan: _Plan, edits: _FileEdits, home: str | None) -> None:
    """Every written file read back with the loader's parser gives exactly the edited pages."""
    for path, text in {**plan.new_files, **plan.changed}.items():
        for page in edits.pages_in.get(path, []):
            _read_back(path, text, page)
    if home is not None and edits.header is not None:
        _read_back_home(edits.header, plan.changed[edits.header], home)


def _into_copy(plan: _Plan, edits: _FileEdits, folder: Path, copy: Path) -> _Plan:
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
        _write_atomically(path, text.encode("utf-8"))
    for path, text in plan.changed.items():
        _keep_backup(path)
        _write_atomically(path, text.encode("utf-8"))
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
    folder = _folder(layout)
    documents = documents if documents is not None else RoundTripDocuments()
    edits = _FileEdits(layout, documents)
    plan = _plan(layout, after, old_id, page, edits)  # on the files as they are: nothing written
    _check_plan(plan, edits, after.home if after.home != layout.home else None)
    copied_from = None
    if _is_shipped(folder):  # never edited in place: the carer's own copy is saved
        copied_from = folder
        layout = _copy_shipped(layout, folder, user_folder or user_layouts_dir())
        plan = _into_copy(plan, edits, folder, _folder(layout))
    try:
        backup = _write(plan)
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{plan.file}: could not be saved ({exc})")]) from None
    for path, text in {**plan.new_files, **plan.changed}.items():
        if path in edits.docs:  # the next save of this editor starts from what was written
            documents.keep(path, text, edits.docs[path])
    # What was checked is what was written: the board takes it without reading it again.
    return Saved(plan.written, backup, replace(after, source=layout.source), copied_from)


def _remove_node(edits: _FileEdits, page_id: str) -> tuple[Path, bool]:
    """Take page ``page_id`` out of its file's document: (its file, the file holds only it)."""
    for path, document in edits.docs.items():  # a one-file layout, already being edited
        node = _page_node(document, page_id)
        if node is not None:
            document["pages"].remove(node)
            return path, False
    path, _, document, node = _find_page(edits.layout, page_id, edits.documents)
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
    folder = _folder(layout)
    copied_from = None
    if _is_shipped(folder):
        copied_from = folder
        layout = _copy_shipped(layout, folder, user_folder or user_layouts_dir())
        documents = None  # the copy's files, not the shipped ones
    edits = _FileEdits(layout, documents if documents is not None else RoundTripDocuments())
    for pid, page in removal.layout.pages.items():
        if page != layout.pages[pid]:
            edits.edit_page(pid, page)
    file, own_file = _remove_node(edits, page_id)
    changed = edits.texts()
    for path, text in changed.items():
        for page in edits.pages_in.get(path, []):
            _read_back(path, text, page)
    backup = file.with_name(file.name + BACKUP_SUFFIX)
    try:
        for path, text in changed.items():
            _keep_backup(path)
            _write_atomically(path, text.encode("utf-8"))
        if own_file:
            os.replace(file, backup)
    except OSError as exc:
        raise SaveRefused([CellProblem(None, f"{file}: could not be changed ({exc})")]) from None
    return Saved(file, backup, replace(removal.layout, source=layout.source), copied_from)
