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

The work is split by concept: ``layout_yaml`` reads files and fields with
line numbers, ``layout_pages`` builds pages, ``layout_cells`` their cells,
``layout_page_checks`` checks the pages against each other, and this
module reads the layout-wide header, puts a layout together, and offers the
public API (loading with a fallback, and ``commboard validate``, whose
warnings are in ``layout_warnings``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import yaml

from commboard.board.layout_cells import COLORS
from commboard.board.layout_page_checks import check_pages
from commboard.board.layout_pages import PageDraft, parse_page
from commboard.board.layout_warnings import (
    alarm_warnings,
    glyph_warnings,
    highlight_warnings,
    nurse_call_hold_warnings,
    picture_warnings,
)
from commboard.board.layout_yaml import (
    LayoutError,
    LayoutProblem,
    YamlSource,
    did_you_mean,
    mapping_fields,
    read_node,
    text_field,
)
from commboard.board.model import Action, Cell, Layout, Page

__all__ = [
    "COLORS",
    "FORMAT_VERSION",
    "LayoutError",
    "LayoutProblem",
    "builtin_layouts_root",
    "default_layout_path",
    "emergency_layout",
    "fallback_notice",
    "load_layout",
    "load_layout_or_default",
    "validate_command",
]

FORMAT_VERSION = 1
HEADER_FILE = "layout.yaml"
# A patient scans every page they open; far beyond this no carer could check a board by eye,
# and loading it would hold up the frame loop.
MAX_PAGES = 200

HEADER_FIELDS = ("format", "name", "language", "home", "pages")


@dataclass
class _Header:
    """The layout-wide fields."""

    name: str
    language: str
    home: str | None
    home_node: yaml.Node | None
    page_nodes: list[yaml.Node]


# --- the layout --------------------------------------------------------------


def _format_version(src: YamlSource, fields: dict[str, yaml.Node], node: yaml.Node) -> None:
    version = fields.get("format")
    if version is None:
        src.report(node, f"missing 'format: {FORMAT_VERSION}' (the layout format version)")
    elif not isinstance(version, yaml.ScalarNode) or version.value != str(FORMAT_VERSION):
        shown = version.value if isinstance(version, yaml.ScalarNode) else "a list or mapping"
        src.report(
            version,
            f"unsupported format version {shown!r}; this commboard reads 'format: {FORMAT_VERSION}'",
        )


def _page_list(src: YamlSource, fields: dict[str, yaml.Node], required: bool) -> list[yaml.Node]:
    node = fields.get("pages")
    if node is None:
        if required:
            src.report(None, "missing 'pages': the list of pages")
        return []
    if not isinstance(node, yaml.SequenceNode):
        src.report(node, "'pages' must be a list, one '- id: ...' entry per page")
        return []
    return list(node.value)


def _header(src: YamlSource, node: yaml.Node, default_name: str, *, folder: bool) -> _Header | None:
    fields = mapping_fields(src, node, HEADER_FIELDS, "the layout")
    if fields is None:
        return None
    _format_version(src, fields, node)
    home = text_field(src, fields, "home")
    if home is None:
        src.report(node, "missing 'home': the id of the page the board starts on")
    return _Header(
        name=text_field(src, fields, "name") or default_name,
        language=text_field(src, fields, "language") or "en",
        home=home,
        home_node=fields.get("home"),
        page_nodes=_page_list(src, fields, required=not folder),
    )


def _page_files(folder: Path) -> list[Path]:
    files = [*folder.glob("*.yaml"), *folder.glob("*.yml")]
    return sorted(p for p in files if p.name != HEADER_FILE and p.is_file())


def _check_layout(header: _Header, src: YamlSource, drafts: list[PageDraft]) -> None:
    """Checks across pages: unique ids, links that lead somewhere, a home, a way out."""
    ids = check_pages(drafts, header.home)
    if header.home is not None and header.home not in ids:
        hint = did_you_mean(header.home, ids)
        src.report(header.home_node, f"home page '{header.home}' does not exist{hint}")


def _locate(path: Path) -> tuple[Path, list[Path], bool]:
    """(header file, page files, is a folder) for a layout folder or file."""
    if path.is_dir():
        return path / HEADER_FILE, _page_files(path), True
    if path.name == HEADER_FILE:
        return path, _page_files(path.parent), True
    return path, [], False


def _outside(path: Path, folder: Path) -> bool:
    """True when ``path`` (a link, say) leads out of the layout ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return True
    return False


def _read_inside(src: YamlSource, folder: Path | None) -> yaml.Node | None:
    """Read a layout file, unless it is a link out of its layout folder.

    A link to a file elsewhere (``/etc/shadow``, say) is not read, so no word
    of a file outside the layout can reach a problem message or the terminal.
    """
    if folder is not None and _outside(src.path, folder):
        src.report(None, "this file links outside the layout folder; it was not read")
        return None
    return read_node(src)


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
    src = YamlSource(header_path, problems)
    if folder and not header_path.is_file():
        _report_no_header(header_path.parent, problems)
        node = None
    else:
        node = _read_inside(src, header_path.parent if folder else None)
    default_name = (header_path.parent if folder else header_path).stem
    header = None if node is None else _header(src, node, default_name, folder=folder)
    drafts = [] if header is None else [parse_page(src, n) for n in header.page_nodes]
    for page_path in page_paths:
        page_src = YamlSource(page_path, problems)
        page_node = _read_inside(page_src, header_path.parent)
        if page_node is not None:
            drafts.append(parse_page(page_src, page_node))
    if header is None:
        return None
    _check_layout(header, src, drafts)
    if folder and not drafts:
        src.report(None, f"this layout has no pages: add a page file next to {HEADER_FILE}")
    if len(drafts) > MAX_PAGES:
        src.report(None, f"this layout has {len(drafts)} pages; at most {MAX_PAGES} are allowed")
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


def builtin_layouts_root() -> Path:
    """The folder of the layouts shipped with commboard (package data ``commboard/layouts``).

    Found with ``importlib.resources``, so a wheel or any non-editable
    install (on Windows and macOS too) starts on the real layout, wherever
    the package landed and whatever the working directory is.  Layouts are
    read as files (their problems name a path and line), so the package must
    be installed as files, not imported from a zip archive.
    """
    return Path(str(resources.files("commboard") / "layouts"))


def default_layout_path(language: str = "en") -> Path:
    """The built-in layout folder for ``language`` (``commboard/layouts/<language>``)."""
    return builtin_layouts_root() / language


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


# The default highlight colour (settings ``display.highlight_color``); the board
# checks the profile's own highlight when it loads a layout.
DEFAULT_HIGHLIGHT = "#ffd400"


def validate_command(
    paths: list[str],
    label_warnings: Callable[[Layout], list[str]] | None = None,
    undrawable: Callable[[str], str] | None = None,
) -> int:
    """``commboard validate PATH...``: print every problem; 0 when all layouts are valid, else 1.

    ``label_warnings`` measures the labels (it needs fonts, so the command
    line passes the shell's ``label_check``); ``undrawable`` (see
    ``glyph_warnings``) adds a warning per label the screen cannot draw.
    Both only warn.
    """
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
        measured = label_warnings(layout) if label_warnings else []
        found = [
            *alarm_warnings(layout),
            *nurse_call_hold_warnings(layout),
            *highlight_warnings(layout, DEFAULT_HIGHLIGHT),
            *picture_warnings(layout),
        ]
        for warning in [*found, *measured]:
            print(f"{raw}: warning: {warning}")
        for warning in glyph_warnings(layout, undrawable) if undrawable else []:
            print(f"{raw}: warning: {warning}")
    if failed:
        print(f"{failed} of {len(paths)} layout(s) have problems; nothing was changed.")
    return 1 if failed else 0
