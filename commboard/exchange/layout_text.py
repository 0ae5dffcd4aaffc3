"""A layout written as the YAML files a carer edits: ``layout.yaml`` plus one file per page.

The files look like the shipped ones: one cell per line in flow style, a
``# row N`` comment before each row, named colours where a colour has a name,
``~`` for an empty slot.  Reading them back with ``load_layout`` gives the
same :class:`~commboard.board.model.Layout` (tests check it on every shipped
page).
"""

from __future__ import annotations

import json
from typing import Any

import yaml

from commboard.board.layout_cells import COLORS
from commboard.board.layout_file import FORMAT_VERSION, HEADER_FILE
from commboard.board.model import Action, Cell, Layout, Page
from commboard.exchange.obf_values import CELL_MAPPED, PAGE_MAPPED, extra_fields

# "gray" is the same colour as "grey"; write the one the layout README lists first.
_COLOR_NAMES = {value: name for name, value in reversed(COLORS.items())}


def _flow(value: Any) -> str:
    """One value in YAML flow style on one line (quoted where YAML would misread it)."""
    text = yaml.safe_dump(
        value, default_flow_style=True, width=1_000_000, allow_unicode=True, sort_keys=False
    )
    return text.strip().removesuffix("...").strip()


def cell_fields(cell: Cell) -> dict[str, Any]:
    """A cell's YAML fields in the documented order, defaults left out."""
    fields: dict[str, Any] = {"label": cell.label}
    if cell.text is not None:
        fields["text"] = cell.text
    if cell.action is not Action.SPEAK:
        fields["action"] = cell.action.value
    if cell.target is not None:
        fields["target"] = cell.target
    if cell.color is not None:
        fields["color"] = _COLOR_NAMES.get(cell.color, cell.color)
    if cell.hold_s is not None:
        fields["hold"] = cell.hold_s
    if cell.image is not None:
        fields["image"] = cell.image
    # A cell field added later (say ``record``) is written under its own name.
    fields.update(extra_fields(cell, CELL_MAPPED))
    if cell.foreign is not None:
        fields["obf"] = json.loads(cell.foreign)
    return fields


def page_text(page: Page, comment: str = "") -> str:
    """One page file."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += [
        f"id: {page.id}",
        f"title: {_flow(page.title)}",
        f"rows: {page.rows}",
        f"columns: {page.columns}",
    ]
    lines += [f"{k}: {_flow(v)}" for k, v in extra_fields(page, PAGE_MAPPED).items()]
    if page.foreign is not None:
        lines.append(f"obf: {_flow(json.loads(page.foreign))}")
    lines.append("cells:")
    for index, cell in enumerate(page.cells):
        if index % page.columns == 0:
            lines.append(f"  # row {index // page.columns + 1}")
        lines.append("  - ~" if cell is None else f"  - {_flow(cell_fields(cell))}")
    return "\n".join(lines) + "\n"


def header_text(layout: Layout, comment: str = "") -> str:
    """The ``layout.yaml`` file: format, name, language, home page."""
    lines = [f"# {line}".rstrip() for line in comment.splitlines()]
    lines += [
        f"format: {FORMAT_VERSION}",
        f"name: {_flow(layout.name)}",
        f"language: {_flow(layout.language)}",
        f"home: {layout.home}",
    ]
    return "\n".join(lines) + "\n"


def layout_files(layout: Layout, comment: str = "") -> dict[str, bytes]:
    """Every file of a layout folder: ``layout.yaml`` and ``<page id>.yaml`` per page."""
    files = {HEADER_FILE: header_text(layout, comment).encode("utf-8")}
    for page in layout.pages.values():
        files[f"{page.id}.yaml"] = page_text(page).encode("utf-8")
    return files
