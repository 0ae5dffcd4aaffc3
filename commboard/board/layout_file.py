"""Layout files: load, validate and report problems in carer-editable YAML layouts.

A layout is either a folder (``layout.yaml`` with the layout's name, language
and home page, plus one YAML file per page) or a single YAML file with a
``pages:`` list.  ``layouts/README.md`` documents the format.

The loader uses PyYAML's node API (``yaml.compose``) rather than ``safe_load``
for two reasons: every problem can name the file and line a carer must fix,
and scalars are read as the text that was typed, so ``label: No`` is the word
"No" and not YAML 1.1's boolean ``False``.  All problems in all files are
collected before giving up, so a carer fixes them in one pass.  Layout files
are only ever read, never written.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from commboard.board.model import Action, Cell, Layout, Page

FORMAT_VERSION = 1
HEADER_FILE = "layout.yaml"
MAX_GRID = 12  # rows or columns; beyond this cells are too small to see and to scan
MAX_HOLD_S = 10.0

HEADER_FIELDS = ("format", "name", "language", "home", "pages")
PAGE_FIELDS = ("id", "title", "rows", "columns", "cells")
CELL_FIELDS = ("label", "text", "action", "target", "color", "hold")

# Named cell colours (backgrounds).  Light enough that dark label text stays
# readable; any other colour can be written as "#rrggbb".
COLORS: dict[str, str] = {
    "red": "#f28b82",
    "orange": "#fbbc6b",
    "yellow": "#fff176",
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
_NULL_TAG = "tag:yaml.org,2002:null"
_NAVIGATION = (Action.BACK, Action.HOME, Action.GO)


@dataclass(frozen=True)
class LayoutProblem:
    """One thing wrong in a layout file, with where to fix it.

    Attributes:
        path: the file (or folder) the problem is in.
        line: 1-based line number, or None when the problem is the whole file.
        message: what is wrong, in words a carer understands.
    """

    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"


class LayoutError(Exception):
    """A layout could not be loaded; ``problems`` lists every reason found."""

    def __init__(self, problems: list[LayoutProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class _Source:
    """One file being read: reports problems against its path and a node's line."""

    path: Path
    problems: list[LayoutProblem]

    def report(self, node: yaml.Node | None, message: str) -> None:
        line = None if node is None else node.start_mark.line + 1
        self.problems.append(LayoutProblem(self.path, line, message))


@dataclass
class _GoRef:
    """A ``go`` cell's target, checked once every page is known."""

    src: _Source
    node: yaml.Node
    target: str


@dataclass
class _PageDraft:
    """A parsed page plus what the cross-page checks need."""

    page: Page | None
    src: _Source
    page_id: str | None = None
    id_node: yaml.Node | None = None
    go_refs: list[_GoRef] = field(default_factory=list)


@dataclass
class _Header:
    """The layout-wide fields."""

    name: str
    language: str
    home: str | None
    home_node: yaml.Node | None
    page_nodes: list[yaml.Node]


# --- reading files -----------------------------------------------------------


def _read_node(src: _Source) -> yaml.Node | None:
    """Compose ``src.path`` into a YAML node tree, reporting why not if it cannot."""
    try:
        text = src.path.read_bytes().decode("utf-8")
    except OSError as exc:
        src.report(None, f"cannot read this file: {exc.strerror or exc}")
        return None
    except UnicodeDecodeError:
        src.report(None, "this file is not UTF-8 text; save it as UTF-8")
        return None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        _report_yaml_error(src, exc)
        return None
    except yaml.YAMLError as exc:
        src.problems.append(LayoutProblem(src.path, None, f"not valid YAML: {exc}"))
        return None
    except RecursionError:
        src.report(None, "lists or fields are nested too deeply")
        return None
    if node is None:
        src.report(None, "this file is empty")
    return node


def _report_yaml_error(src: _Source, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    line = None if mark is None else mark.line + 1
    words = " ".join(w for w in (exc.context, exc.problem) if w) or "YAML syntax error"
    if "'\\t'" in words:
        words += " (indent with spaces, not tabs)"
    src.problems.append(LayoutProblem(src.path, line, f"not valid YAML: {words}"))


# --- reading fields ----------------------------------------------------------


def _did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _quote_hint(name: str) -> str:
    # "{label: Ask me, not my family}" splits at the comma: the rest becomes a field.
    return " (text with a comma or colon must be in double quotes)" if " " in name else ""


def _is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def _fields(
    src: _Source, node: yaml.Node, allowed: tuple[str, ...], what: str
) -> dict[str, yaml.Node] | None:
    """The ``field: value`` pairs of a mapping node; reports unknown and repeated fields."""
    if not isinstance(node, yaml.MappingNode):
        src.report(node, f"expected {what} written as 'field: value' lines")
        return None
    found: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in allowed:
            hint = _did_you_mean(name, allowed) or _quote_hint(name)
            src.report(key, f"unknown field '{name}' in {what}{hint}; fields: {', '.join(allowed)}")
        elif name in found:
            src.report(key, f"field '{name}' is given twice in {what}")
        else:
            found[name] = value
    return found


def _text(
    src: _Source, fields: dict[str, yaml.Node], name: str, *, required: bool = False
) -> str | None:
    """A field's text exactly as typed (``No`` stays "No"); None if absent or ``~``."""
    node = fields.get(name)
    if node is None or _is_null(node):
        if required:
            src.report(node, f"missing '{name}'")
        return None
    if not isinstance(node, yaml.ScalarNode):
        src.report(node, f"'{name}' should be text, not a list or a mapping")
        return None
    return str(node.value)


def _whole_number(
    src: _Source, node: yaml.Node | None, name: str, low: int, high: int
) -> int | None:
    """A field holding a whole number in ``low..high``, or None after reporting why not."""
    value = None
    if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[+-]?\d+", str(node.value)):
        value = int(node.value)
    if value is None or not low <= value <= high:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        src.report(node, f"'{name}' must be a whole number from {low} to {high}, not {shown!r}")
        return None
    return value


def _seconds(src: _Source, node: yaml.Node) -> float | None:
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


def _color(src: _Source, node: yaml.Node | None, text: str | None) -> str | None:
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
    hint = _did_you_mean(word, COLORS)
    src.report(node, f"unknown colour '{text}'{hint}; use one of {', '.join(COLORS)} or '#rrggbb'")
    return None


# --- cells and pages ---------------------------------------------------------


def _action(src: _Source, fields: dict[str, yaml.Node]) -> Action | None:
    word = _text(src, fields, "action")
    if word is None:
        return Action.SPEAK
    try:
        return Action(word.strip())
    except ValueError:
        names = [a.value for a in Action]
        hint = _did_you_mean(word, names)
        src.report(fields["action"], f"unknown action '{word}'{hint}; actions: {', '.join(names)}")
        return None


def _label(src: _Source, node: yaml.Node, fields: dict[str, yaml.Node]) -> str | None:
    label = _text(src, fields, "label")
    if label is None or not label.strip():
        src.report(fields.get("label", node), "a cell needs a label (the words shown on it)")
        return None
    return label


def _target(src: _Source, fields: dict[str, yaml.Node], action: Action | None) -> str | None:
    target = _text(src, fields, "target")
    if action is Action.GO and not target:
        src.report(fields.get("action"), "action 'go' needs a 'target': the id of the page to open")
    elif action is not Action.GO and target is not None and action is not None:
        src.report(fields["target"], "'target' only works with 'action: go'")
    return target


def _cell(src: _Source, node: yaml.Node, refs: list[_GoRef]) -> Cell | None:
    """One cell, or None for an empty slot or a cell with problems."""
    if _is_null(node) or (isinstance(node, yaml.MappingNode) and not node.value):
        return None
    if isinstance(node, yaml.ScalarNode):
        src.report(
            node, "a cell is written like '{label: Yes, action: speak}', or '~' for an empty slot"
        )
        return None
    fields = _fields(src, node, CELL_FIELDS, "a cell")
    if fields is None:
        return None
    label = _label(src, node, fields)
    action = _action(src, fields)
    target = _target(src, fields, action)
    text = _text(src, fields, "text")
    if text == "":
        src.report(fields["text"], "'text' is empty; leave it out to say the label")
    color = _color(src, fields.get("color"), _text(src, fields, "color"))
    hold = _seconds(src, fields["hold"]) if "hold" in fields else None
    if label is None or action is None or text == "":
        return None
    if action is Action.GO and target:
        refs.append(_GoRef(src, fields["target"], target))
    return Cell(label, action, text, target if action is Action.GO else None, color, hold)


def _grid(
    src: _Source, fields: dict[str, yaml.Node], page: yaml.Node
) -> tuple[int | None, int | None]:
    sizes: list[int | None] = []
    for name in ("rows", "columns"):
        if name in fields:
            sizes.append(_whole_number(src, fields[name], name, 1, MAX_GRID))
        else:
            src.report(page, f"missing '{name}': the page's grid size, 1 to {MAX_GRID}")
            sizes.append(None)
    return sizes[0], sizes[1]


def _cells(
    src: _Source, fields: dict[str, yaml.Node], page: yaml.Node, refs: list[_GoRef]
) -> tuple[list[Cell | None], list[yaml.Node]] | None:
    node = fields.get("cells")
    if node is None:
        src.report(page, "missing 'cells': the list of the page's cells")
        return None
    if not isinstance(node, yaml.SequenceNode):
        src.report(node, "'cells' must be a list, one '- ' line per cell")
        return None
    return [_cell(src, item, refs) for item in node.value], list(node.value)


def _page_id(src: _Source, fields: dict[str, yaml.Node], node: yaml.Node) -> str | None:
    page_id = _text(src, fields, "id")
    if page_id is None:
        src.report(node, "a page needs an 'id' (a short name like 'pain', used by 'target')")
    elif not _PAGE_ID.fullmatch(page_id):
        src.report(fields["id"], f"page id '{page_id}' may use only letters, digits, '_' and '-'")
        return None
    return page_id


def _page(src: _Source, node: yaml.Node) -> _PageDraft:
    """Parse one page node; ``draft.page`` is None when it has problems."""
    draft = _PageDraft(None, src)
    fields = _fields(src, node, PAGE_FIELDS, "a page")
    if fields is None:
        return draft
    draft.id_node = fields.get("id")
    draft.page_id = page_id = _page_id(src, fields, node)
    title = _text(src, fields, "title")
    rows, columns = _grid(src, fields, node)
    parsed = _cells(src, fields, node, draft.go_refs)
    if parsed is None or page_id is None or rows is None or columns is None:
        return draft
    cells, cell_nodes = parsed
    if _fits(src, page_id, rows, columns, cell_nodes, fields["cells"]):
        padded = tuple(cells) + (None,) * (rows * columns - len(cells))
        draft.page = Page(page_id, title or page_id, rows, columns, padded)
    return draft


def _fits(
    src: _Source, page_id: str, rows: int, columns: int, nodes: list[yaml.Node], cells: yaml.Node
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


# --- the layout --------------------------------------------------------------


def _format_version(src: _Source, fields: dict[str, yaml.Node], node: yaml.Node) -> None:
    version = fields.get("format")
    if version is None:
        src.report(node, f"missing 'format: {FORMAT_VERSION}' (the layout format version)")
    elif not isinstance(version, yaml.ScalarNode) or version.value != str(FORMAT_VERSION):
        shown = version.value if isinstance(version, yaml.ScalarNode) else "a list or mapping"
        src.report(
            version,
            f"unsupported format version {shown!r}; this commboard reads 'format: {FORMAT_VERSION}'",
        )


def _page_list(src: _Source, fields: dict[str, yaml.Node], required: bool) -> list[yaml.Node]:
    node = fields.get("pages")
    if node is None:
        if required:
            src.report(None, "missing 'pages': the list of pages")
        return []
    if not isinstance(node, yaml.SequenceNode):
        src.report(node, "'pages' must be a list, one '- id: ...' entry per page")
        return []
    return list(node.value)


def _header(src: _Source, node: yaml.Node, default_name: str, *, folder: bool) -> _Header | None:
    fields = _fields(src, node, HEADER_FIELDS, "the layout")
    if fields is None:
        return None
    _format_version(src, fields, node)
    home = _text(src, fields, "home")
    if home is None:
        src.report(node, "missing 'home': the id of the page the board starts on")
    return _Header(
        name=_text(src, fields, "name") or default_name,
        language=_text(src, fields, "language") or "en",
        home=home,
        home_node=fields.get("home"),
        page_nodes=_page_list(src, fields, required=not folder),
    )


def _page_files(folder: Path) -> list[Path]:
    files = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(p for p in files if p.name != HEADER_FILE and p.is_file())


def _check_ids(drafts: list[_PageDraft]) -> None:
    first: dict[str, _PageDraft] = {}
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


def _check_links(drafts: list[_PageDraft], ids: set[str]) -> None:
    for draft in drafts:
        for ref in draft.go_refs:
            if ref.target not in ids:
                hint = _did_you_mean(ref.target, ids)
                ref.src.report(
                    ref.node, f"'go' to page '{ref.target}', but there is no such page{hint}"
                )


def _check_exits(drafts: list[_PageDraft], home: str | None) -> None:
    """Every page but home needs a way out, or a one-switch user would be stuck on it."""
    for draft in drafts:
        page = draft.page
        if page is None or page.id == home:
            continue
        if not any(c is not None and c.action in _NAVIGATION for c in page.cells):
            draft.src.report(
                draft.id_node,
                f"page '{page.id}' has no back, home or go cell: a patient could not leave it",
            )


def _check_layout(header: _Header, src: _Source, drafts: list[_PageDraft]) -> None:
    """Checks across pages: unique ids, links that lead somewhere, a home, a way out."""
    ids = {d.page_id for d in drafts if d.page_id is not None}
    _check_ids(drafts)
    _check_links(drafts, ids)
    _check_exits(drafts, header.home)
    if header.home is not None and header.home not in ids:
        hint = _did_you_mean(header.home, ids)
        src.report(header.home_node, f"home page '{header.home}' does not exist{hint}")


def _locate(path: Path) -> tuple[Path, list[Path], bool]:
    """(header file, page files, is a folder) for a layout folder or file."""
    if path.is_dir():
        return path / HEADER_FILE, _page_files(path), True
    if path.name == HEADER_FILE:
        return path, _page_files(path.parent), True
    return path, [], False


def _report_no_header(folder: Path, problems: list[LayoutProblem]) -> None:
    inside = sorted(p.parent.name for p in folder.glob(f"*/{HEADER_FILE}"))
    hint = f" (layouts inside it: {', '.join(inside)})" if inside else ""
    message = f"this folder has no {HEADER_FILE} (format, name, language, home){hint}"
    problems.append(LayoutProblem(folder, None, message))


def _load(path: Path, problems: list[LayoutProblem]) -> Layout | None:
    if not path.exists():
        problems.append(LayoutProblem(path, None, "no such layout file or folder"))
        return None
    header_path, page_paths, folder = _locate(path)
    src = _Source(header_path, problems)
    if folder and not header_path.is_file():
        _report_no_header(header_path.parent, problems)
        node = None
    else:
        node = _read_node(src)
    default_name = (header_path.parent if folder else header_path).stem
    header = None if node is None else _header(src, node, default_name, folder=folder)
    drafts = [] if header is None else [_page(src, n) for n in header.page_nodes]
    for page_path in page_paths:
        page_src = _Source(page_path, problems)
        page_node = _read_node(page_src)
        if page_node is not None:
            drafts.append(_page(page_src, page_node))
    if header is None:
        return None
    _check_layout(header, src, drafts)
    if folder and not drafts:
        src.report(None, f"this layout has no pages: add a page file next to {HEADER_FILE}")
    if problems or header.home is None:
        return None
    pages = {d.page.id: d.page for d in drafts if d.page is not None}
    return Layout(header.name, header.language, header.home, pages, source=path)


# --- public API --------------------------------------------------------------


def load_layout(path: Path | str) -> Layout:
    """Load and validate a layout folder or file.

    Raises:
        LayoutError: listing every problem found, each with file and line.
    """
    path = Path(path)
    problems: list[LayoutProblem] = []
    layout = _load(path, problems)
    problems.sort(key=lambda p: (p.path, p.line or 0))  # stable: read order within a line
    if layout is None:
        raise LayoutError(problems or [LayoutProblem(path, None, "could not load this layout")])
    return layout


def default_layout_path(language: str = "en") -> Path:
    """The built-in layout folder for ``language`` (``layouts/<language>`` in the repo)."""
    return Path(__file__).resolve().parents[2] / "layouts" / language


def emergency_layout() -> Layout:
    """A one-page board built in code, for when even the default layout cannot be read.

    Yes, no and the alarm still work, so the patient is never left without a voice.
    """
    cells = (
        Cell("Yes", Action.SPEAK, color=COLORS["green"]),
        Cell("No", Action.SPEAK, color=COLORS["red"]),
        Cell("Call nurse", Action.ALARM, "Please call the nurse", color=COLORS["orange"]),
        Cell("Stop voice", Action.STOP, color=COLORS["grey"]),
    )
    home = Page("home", "Home", 2, 2, cells)
    return Layout("Emergency board", "en", "home", {"home": home})


def _try_load(path: Path | str) -> tuple[Layout | None, list[LayoutProblem]]:
    try:
        return load_layout(path), []
    except LayoutError as exc:
        return None, exc.problems
    except Exception as exc:  # never crash in front of a patient: report and fall back
        return None, [LayoutProblem(Path(path), None, f"could not load this layout: {exc!r}")]


def load_layout_or_default(path: Path | str | None) -> tuple[Layout, list[LayoutProblem]]:
    """The layout at ``path``, or the default layout plus the problems that prevented it.

    Never raises.  ``path=None`` means the default layout.  If the default is
    unreadable too, the built-in ``emergency_layout()`` is returned.
    """
    problems: list[LayoutProblem] = []
    if path is not None:
        layout, problems = _try_load(path)
        if layout is not None:
            return layout, []
    default, default_problems = _try_load(default_layout_path())
    if default is not None:
        return default, problems
    return emergency_layout(), problems + default_problems


def fallback_notice(problems: list[LayoutProblem]) -> str:
    """One sentence for the screen when a layout was replaced by the default.

    Example: "Your layout pain.yaml line 7: unknown action 'spek' (and 2 more
    problems); using the default layout."  Empty when there are no problems.
    """
    if not problems:
        return ""
    first = problems[0]
    where = first.path.name + (f" line {first.line}" if first.line is not None else "")
    more = len(problems) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"Your layout {where}: {first.message}{extra}; using the default layout."


def validate_command(paths: list[str]) -> int:
    """``commboard validate PATH...``: print every problem; 0 when all layouts are valid, else 1."""
    failed = 0
    for raw in paths:
        try:
            layout = load_layout(raw)
        except LayoutError as exc:
            failed += 1
            for problem in exc.problems:
                print(problem)
            continue
        count = len(layout.pages)
        print(f"{raw}: OK ({count} page{'s' if count != 1 else ''}, home page '{layout.home}')")
    if failed:
        print(f"{failed} of {len(paths)} layout(s) have problems; nothing was changed.")
    return 1 if failed else 0
