"""Layout pages and cells: build :class:`Page` s from YAML nodes and check them.

Each page is parsed on its own into a :class:`PageDraft`; the checks that need
every page (unique ids, ``go`` targets that exist, a way off each page) run
once all drafts are read.  Every problem is reported with its file and line
and parsing carries on, so a carer fixes all of them in one pass.

The cells and the cross-page checks have their own modules:
``layout_cells`` (a cell and its values: colours, holds, pictures...) and
``layout_page_checks`` (ids, links, a way home, help in reach); this module
parses a page: its id, grid and list of cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from commboard.board.layout_cells import GoRef, cell, foreign_fields
from commboard.board.layout_yaml import YamlSource, mapping_fields, text_field, whole_number
from commboard.board.model import Action, Cell, Page

MAX_GRID = 12  # rows or columns; beyond this cells are too small to see and to scan

PAGE_FIELDS = ("id", "title", "rows", "columns", "cells", "obf")
_PAGE_ID = re.compile(r"[A-Za-z0-9_-]+")
_NAVIGATION = (Action.BACK, Action.HOME, Action.GO)


@dataclass
class PageDraft:
    """A parsed page plus what the cross-page checks need."""

    page: Page | None
    src: YamlSource
    page_id: str | None = None
    id_node: yaml.Node | None = None
    go_refs: list[GoRef] = field(default_factory=list)


def _grid(
    src: YamlSource, fields: dict[str, yaml.Node], page: yaml.Node
) -> tuple[int | None, int | None]:
    sizes: list[int | None] = []
    for name in ("rows", "columns"):
        if name in fields:
            sizes.append(whole_number(src, fields[name], name, 1, MAX_GRID))
        else:
            src.report(page, f"missing '{name}': the page's grid size, 1 to {MAX_GRID}")
            sizes.append(None)
    return sizes[0], sizes[1]


def _cells(
    src: YamlSource, fields: dict[str, yaml.Node], page: yaml.Node, refs: list[GoRef]
) -> tuple[list[Cell | None], list[yaml.Node]] | None:
    node = fields.get("cells")
    if node is None:
        src.report(page, "missing 'cells': the list of the page's cells")
        return None
    if not isinstance(node, yaml.SequenceNode):
        src.report(node, "'cells' must be a list, one '- ' line per cell")
        return None
    return [cell(src, item, refs) for item in node.value], list(node.value)


def _page_id(src: YamlSource, fields: dict[str, yaml.Node], node: yaml.Node) -> str | None:
    page_id = text_field(src, fields, "id")
    if page_id is None:
        src.report(node, "a page needs an 'id' (a short name like 'pain', used by 'target')")
    elif not _PAGE_ID.fullmatch(page_id):
        src.report(fields["id"], f"page id '{page_id}' may use only letters, digits, '_' and '-'")
        return None
    return page_id


def parse_page(src: YamlSource, node: yaml.Node) -> PageDraft:
    """Parse one page node; ``draft.page`` is None when it has problems."""
    draft = PageDraft(None, src)
    fields = mapping_fields(src, node, PAGE_FIELDS, "a page")
    if fields is None:
        return draft
    draft.id_node = fields.get("id")
    draft.page_id = page_id = _page_id(src, fields, node)
    title = text_field(src, fields, "title")
    rows, columns = _grid(src, fields, node)
    parsed = _cells(src, fields, node, draft.go_refs)
    if parsed is None or page_id is None or rows is None or columns is None:
        return draft
    cells, cell_nodes = parsed
    if _fits(src, page_id, rows, columns, cell_nodes, fields["cells"]):
        padded = tuple(cells) + (None,) * (rows * columns - len(cells))
        foreign = foreign_fields(src, fields.get("obf"))
        draft.page = Page(page_id, title or page_id, rows, columns, padded, foreign=foreign)
    return draft


def _fits(
    src: YamlSource, page_id: str, rows: int, columns: int, nodes: list[yaml.Node], cells: yaml.Node
) -> bool:
    size = rows * columns
    if not nodes:
        src.report(cells, f"page '{page_id}' has no cells")
        return False
    if len(nodes) > size:
        src.report(
            nodes[size],
            f"page '{page_id}' has {len(nodes)} cells but its {rows}x{columns} grid holds "
            f"{size}; raise 'rows' or 'columns', or remove cells",
        )
        return False
    return True
