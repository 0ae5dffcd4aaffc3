"""Round-trip YAML documents of a layout's files: found, parsed once, kept while unchanged.

ruamel.yaml's round-trip mode (PyYAML cannot keep comments) keeps the
comments, key order, quotes and formatting of every untouched line.  This
module sets it up to write as the shipped layouts are written, finds the
file that holds a page, and keeps each file's parsed document while the
file is unchanged on disk (``RoundTripDocuments``).
"""

from __future__ import annotations

import contextlib
import io
import re
import threading
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter

from commboard.adapters.layout_save_outcome import SaveRefused
from commboard.board.layout_file import HEADER_FILE
from commboard.board.model import Layout
from commboard.control.page_editor import CellProblem


class _Representer(RoundTripRepresenter):
    """Writes an empty slot as ``~``, as the layout README shows it."""


_Representer.add_representer(
    type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "~")
)


def roundtrip_yaml() -> YAML:
    yaml = YAML()
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never wrap a cell's line
    yaml.indent(mapping=2, sequence=4, offset=2)  # "cells:\n  - {...}" as shipped
    return yaml


def page_node(data: Any, page_id: str) -> CommentedMap | None:
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
        return roundtrip_yaml().load(text)

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
            path, text, document, _ = find_page(layout, page_id, RoundTripDocuments())
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


def find_page(
    layout: Layout, page_id: str, documents: RoundTripDocuments
) -> tuple[Path, str, Any, CommentedMap]:
    """(file, its text, its round-trip document, the page's mapping in it)."""
    for path in _layout_files(layout):
        text = path.read_text(encoding="utf-8")
        if not _may_hold(text, page_id):  # round-trip parsing is slow: only the likely file
            continue
        document = documents.load(path, text)
        node = page_node(document, page_id)
        if node is not None:
            return path, text, document, node
        documents.keep(path, text, document)
    raise SaveRefused([CellProblem(None, f"page '{page_id}' was not found in the layout's files")])


def dumped(document: Any) -> str:
    out = io.StringIO()
    roundtrip_yaml().dump(document, out)
    return out.getvalue()
