"""Layout pages and cells: build :class:`Page` s from YAML nodes and check them.

Each page is parsed on its own into a :class:`PageDraft`; the checks that need
every page (unique ids, ``go`` targets that exist, a way off each page) run
once all drafts are read.  Every problem is reported with its file and line
and parsing carries on, so a carer fixes all of them in one pass.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

import yaml

from commboard.board.layout_yaml import (
    YamlSource,
    did_you_mean,
    is_null,
    mapping_fields,
    text_field,
    whole_number,
)
from commboard.board.model import RECORD_KINDS, Action, Cell, Page
from commboard.board.symbols import is_symbol, symbol_file, symbol_names

MAX_GRID = 12  # rows or columns; beyond this cells are too small to see and to scan
MAX_HOLD_S = 10.0

PAGE_FIELDS = ("id", "title", "rows", "columns", "cells", "obf")
CELL_FIELDS = (
    "label", "text", "action", "target", "color", "hold", "record", "confirm", "image", "obf",
)  # fmt: skip
MAX_IMAGE_PATH = 200  # characters; a picture's path inside the layout folder

# Named cell colours (backgrounds).  Light enough that dark label text stays
# readable; any other colour can be written as "#rrggbb".
COLORS: dict[str, str] = {
    "red": "#f28b82",
    "orange": "#fbbc6b",
    "yellow": "#fff176",  # close to the default highlight: `validate` warns (board/colors.py)
    "lime": "#c5e1a5",
    "teal": "#80cbc4",
    "green": "#8fd694",
    "blue": "#8ab4f8",
    "purple": "#c5a3ff",
    "pink": "#f8a5c2",
    "brown": "#c8a27a",
    "grey": "#c4c4c4",
    "gray": "#c4c4c4",
    "white": "#ffffff",
}
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})")
_PAGE_ID = re.compile(r"[A-Za-z0-9_-]+")
_NAVIGATION = (Action.BACK, Action.HOME, Action.GO)


@dataclass
class GoRef:
    """A ``go`` cell's target, checked once every page is known."""

    src: YamlSource
    node: yaml.Node
    target: str


@dataclass
class PageDraft:
    """A parsed page plus what the cross-page checks need."""

    page: Page | None
    src: YamlSource
    page_id: str | None = None
    id_node: yaml.Node | None = None
    go_refs: list[GoRef] = field(default_factory=list)


# --- cell values -------------------------------------------------------------


def _seconds(src: YamlSource, node: yaml.Node) -> float | None:
    """A ``hold`` value in seconds, 0..MAX_HOLD_S."""
    text = node.value if isinstance(node, yaml.ScalarNode) else ""
    try:
        value = float(text)
    except (TypeError, ValueError):
        value = math.nan
    if not (math.isfinite(value) and 0.0 <= value <= MAX_HOLD_S):
        src.report(node, f"'hold' must be seconds from 0 to {MAX_HOLD_S:g}, e.g. 'hold: 2.5'")
        return None
    return value


def _color(src: YamlSource, node: yaml.Node | None, text: str | None) -> str | None:
    """A colour name or ``#rrggbb``, normalised to lower-case ``#rrggbb``."""
    if text is None:
        if node is not None:  # "color: #ff8800" unquoted: YAML reads '#...' as a comment
            src.report(node, "'color' is empty; write '#rrggbb' colours in quotes: \"#ff8800\"")
        return None
    word = text.strip().lower()
    if word in COLORS:
        return COLORS[word]
    if _HEX.fullmatch(word):
        return word if len(word) == 7 else "#" + "".join(ch * 2 for ch in word[1:])
    hint = did_you_mean(word, COLORS)
    src.report(node, f"unknown colour '{text}'{hint}; use one of {', '.join(COLORS)} or '#rrggbb'")
    return None


def _image(src: YamlSource, node: yaml.Node | None, text: str | None) -> str | None:
    """A picture's path inside the layout folder (``images/dog.png``) or a shipped symbol, or None.

    Only the path is checked here (relative, inside the folder); a picture
    that cannot be read shows the label alone, it never refuses the layout.
    A shipped symbol (``symbols/drink.svg``) that does not exist is a typo, like
    an unknown colour: it is reported with the line, and the closest name.
    """
    if text is None:
        return None
    path = PurePosixPath(text)
    inside = (
        text.strip() == text
        and text != ""
        and len(text) <= MAX_IMAGE_PATH
        and "\\" not in text
        and not path.is_absolute()
        and ":" not in path.parts[0]
        and ".." not in path.parts
    )
    if not inside:
        src.report(
            node,
            "'image' must be a picture's path inside the layout folder, written with '/', "
            "e.g. 'images/dog.png'",
        )
        return None
    if is_symbol(text) and symbol_file(text) is None:
        hint = did_you_mean(text, symbol_names())
        src.report(
            node,
            f"there is no shipped symbol '{text}'{hint}; the symbols are the files in "
            "commboard/assets/symbols/ (see commboard/assets/README.md)",
        )
        return None
    return text


def foreign_fields(src: YamlSource, node: yaml.Node | None) -> str | None:
    """An ``obf:`` mapping (fields another board program wrote) as canonical JSON, or None."""
    if node is None or is_null(node):
        return None
    if not isinstance(node, yaml.MappingNode):
        src.report(node, "'obf' holds fields from an imported board, written as 'field: value'")
        return None
    try:
        value = yaml.safe_load(yaml.serialize(node))
        return json.dumps(value, sort_keys=True, ensure_ascii=False, allow_nan=False)
    except (yaml.YAMLError, TypeError, ValueError):
        src.report(node, "'obf' must hold plain text, numbers, lists and mappings")
        return None


# --- cells and pages ---------------------------------------------------------


def _action(src: YamlSource, fields: dict[str, yaml.Node]) -> Action | None:
    word = text_field(src, fields, "action")
    if word is None:
        return Action.SPEAK
    try:
        return Action(word.strip())
    except ValueError:
        names = [a.value for a in Action]
        hint = did_you_mean(word, names)
        src.report(fields["action"], f"unknown action '{word}'{hint}; actions: {', '.join(names)}")
        return None


def _label(src: YamlSource, node: yaml.Node, fields: dict[str, yaml.Node]) -> str | None:
    label = text_field(src, fields, "label")
    if label is None or not label.strip():
        src.report(fields.get("label", node), "a cell needs a label (the words shown on it)")
        return None
    return label


def _target(src: YamlSource, fields: dict[str, yaml.Node], action: Action | None) -> str | None:
    target = text_field(src, fields, "target")
    if action is Action.GO and not target:
        src.report(fields.get("action"), "action 'go' needs a 'target': the id of the page to open")
    elif action is not Action.GO and target is not None and action is not None:
        src.report(fields["target"], "'target' only works with 'action: go'")
    return target


_SPOKEN = (Action.SPEAK, Action.SPEAK_MESSAGE)
_YES_NO = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _record(src: YamlSource, fields: dict[str, yaml.Node], action: Action | None) -> str | None:
    """``record: decision|preference``: only on a cell that says something."""
    word = text_field(src, fields, "record")
    if word is None:
        return None
    kind = word.strip().lower()
    if kind not in RECORD_KINDS:
        hint = did_you_mean(kind, RECORD_KINDS)
        src.report(fields["record"], f"unknown record '{word}'{hint}; use decision or preference")
        return None
    if action is not None and action not in _SPOKEN:
        src.report(
            fields["record"], "'record' only works on cells that speak (speak, speak_message)"
        )
        return None
    return kind


def _confirm(src: YamlSource, fields: dict[str, yaml.Node]) -> bool | None:
    """``confirm: yes|no``: ask "Is that right?" before recording (None: the profile decides)."""
    word = text_field(src, fields, "confirm")
    if word is None:
        return None
    value = _YES_NO.get(word.strip().lower())
    if value is None:
        src.report(fields["confirm"], f"'confirm' must be yes or no, not '{word}'")
    elif "record" not in fields:
        src.report(fields["confirm"], "'confirm' needs 'record: decision' (or preference)")
        return None
    return value


def _cell(src: YamlSource, node: yaml.Node, refs: list[GoRef]) -> Cell | None:
    """One cell, or None for an empty slot or a cell with problems."""
    if is_null(node) or (isinstance(node, yaml.MappingNode) and not node.value):
        return None
    if isinstance(node, yaml.ScalarNode):
        src.report(
            node, "a cell is written like '{label: Yes, action: speak}', or '~' for an empty slot"
        )
        return None
    fields = mapping_fields(src, node, CELL_FIELDS, "a cell")
    if fields is None:
        return None
    label = _label(src, node, fields)
    action = _action(src, fields)
    target = _target(src, fields, action)
    text = text_field(src, fields, "text")
    if text == "":
        src.report(fields["text"], "'text' is empty; leave it out to say the label")
    color = _color(src, fields.get("color"), text_field(src, fields, "color"))
    hold = _seconds(src, fields["hold"]) if "hold" in fields else None
    image = _image(src, fields.get("image"), text_field(src, fields, "image"))
    foreign = foreign_fields(src, fields.get("obf"))
    record = _record(src, fields, action)
    confirm = _confirm(src, fields)
    if label is None or action is None or text == "":
        return None
    if action is Action.GO and target:
        refs.append(GoRef(src, fields["target"], target))
    go_to = target if action is Action.GO else None
    return Cell(
        label, action, text, go_to, color, hold, record, confirm, image=image, foreign=foreign
    )


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
    return [_cell(src, item, refs) for item in node.value], list(node.value)


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


# --- checks across pages ----------------------------------------------------


def _check_ids(drafts: list[PageDraft]) -> None:
    first: dict[str, PageDraft] = {}
    for draft in drafts:
        pid = draft.page_id
        if pid is None:
            continue
        if pid in first:
            where = first[pid]
            line = where.id_node.start_mark.line + 1 if where.id_node else "?"
            draft.src.report(
                draft.id_node, f"page id '{pid}' is used twice (also {where.src.path}:{line})"
            )
        else:
            first[pid] = draft


def _check_links(drafts: list[PageDraft], ids: set[str]) -> None:
    for draft in drafts:
        for ref in draft.go_refs:
            if ref.target not in ids:
                hint = did_you_mean(ref.target, ids)
                ref.src.report(
                    ref.node, f"'go' to page '{ref.target}', but there is no such page{hint}"
                )


def _reaching(pages: dict[str, Page], start: set[str], home: str | None) -> set[str]:
    """Pages from which ``go`` links (and ``home`` cells, if home is in ``start``) reach ``start``.

    The least fixed point: a page joins once one of its links leads to a page
    already in the set, so two pages that only link to each other never do.
    """
    found = set(start)
    changed = True
    while changed:
        changed = False
        for pid, page in pages.items():
            if pid in found:
                continue
            cells = [c for c in page.cells if c is not None]
            by_home = home in found and any(c.action is Action.HOME for c in cells)
            by_go = any(c.action is Action.GO and c.target in found for c in cells)
            if by_home or by_go:
                found.add(pid)
                changed = True
    return found


def _ways_home(pages: dict[str, Page], home: str) -> set[str]:
    """Pages from which the patient can always get back to the home page.

    A ``back`` cell pops the page stack, whose bottom is always home, so a
    page with one is safe; otherwise a ``home`` cell, or ``go`` links that
    lead (page by page) to a page that is safe that way.  A ``go`` to a page
    whose only exit is ``back`` does not count: back just returns here.
    """
    has_back = {
        pid for pid, page in pages.items() if any(c and c.action is Action.BACK for c in page.cells)
    }
    return _reaching(pages, {home}, home) | has_back


def pages_with_way_home(pages: dict[str, Page], home: str) -> set[str]:
    """Ids of the pages a patient can leave for the home page (the rule ``validate`` applies)."""
    return _ways_home(pages, home) | {home}


def unreachable_alarms(pages: dict[str, Page], home: str) -> set[str]:
    """Pages with a call-for-help cell, when the home page cannot reach one of them; else empty."""
    alarms = {
        pid
        for pid, page in pages.items()
        if any(c and c.action is Action.ALARM for c in page.cells)
    }
    return alarms if alarms and home not in _reaching(pages, alarms, home) else set()


def _check_exits(drafts: list[PageDraft], home: str | None) -> None:
    """From every page the patient can get home and call for help, or they could be stranded.

    Two pages that only link to each other would keep a one-switch user away
    from Home and the nurse call for good.  When the layout has a call-for-help
    cell at all, it must be reachable from the home page (and so from every page).
    """
    pages = {d.page.id: d.page for d in drafts if d.page is not None}
    if home not in pages:
        return  # reported by the layout check: the home page does not exist
    safe = _ways_home(pages, home)
    for draft in drafts:
        page = draft.page
        if page is None or page.id in safe:
            continue
        draft.src.report(
            draft.id_node,
            f"page '{page.id}' has no way back to the home page '{home}': a patient could not "
            "leave it (add a back or home cell)",
        )
    alarms = unreachable_alarms(pages, home)
    if alarms:
        first = next(d for d in drafts if d.page is not None and d.page.id == home)
        first.src.report(
            first.id_node,
            f"the call for help ({', '.join(sorted(alarms))}) cannot be reached from the home "
            f"page '{home}': link to it from home",
        )


def check_pages(drafts: list[PageDraft], home: str | None) -> set[str]:
    """Checks across pages: unique ids, links that lead somewhere, a way out.

    Returns:
        The ids of all pages that have one, for the caller's own checks.
    """
    ids = {d.page_id for d in drafts if d.page_id is not None}
    _check_ids(drafts)
    _check_links(drafts, ids)
    _check_exits(drafts, home)
    return ids
