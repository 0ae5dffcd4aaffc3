"""Reading layout YAML: node trees with line numbers, and field values as typed.

Every problem names the file and line a carer must fix, so the loader works on
PyYAML's node API (``yaml.compose``) rather than ``safe_load``; scalars are
read as the text that was typed, so ``label: No`` is the word "No" and not
YAML 1.1's boolean ``False``.  This module knows nothing about pages or
cells: it reads files and fields and collects :class:`LayoutProblem` s.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from commboard.regular_file import read_regular

_NULL_TAG = "tag:yaml.org,2002:null"


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
class YamlSource:
    """One file being read: reports problems against its path and a node's line."""

    path: Path
    problems: list[LayoutProblem]

    def report(self, node: yaml.Node | None, message: str) -> None:
        line = None if node is None else node.start_mark.line + 1
        self.problems.append(LayoutProblem(self.path, line, message))


# --- reading files -----------------------------------------------------------

# The whole shipped English layout is about 10 kB; 1 MB is a hundred pages of
# long phrases.  Larger files are refused before they are read.
MAX_FILE_BYTES = 1_000_000


def read_node(src: YamlSource) -> yaml.Node | None:
    """Compose ``src.path`` into a YAML node tree, reporting why not if it cannot.

    A file larger than ``MAX_FILE_BYTES`` is not read at all: composing tens of
    megabytes of YAML would freeze the board (no scanning, no alarm) while it ran.
    """
    try:
        size = src.path.stat().st_size
        if size > MAX_FILE_BYTES:
            src.report(
                None,
                f"this file is {size / 1e6:.1f} MB; a layout file may be at most "
                f"{MAX_FILE_BYTES // 1_000_000} MB (split the pages into several files)",
            )
            return None
        text = read_regular(src.path).decode("utf-8")
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
    elif _SURROGATE_ESCAPE.search(text):
        odd = _lone_surrogate(node)
        if odd is not None:
            src.report(
                odd,
                "this text has a \\uD800-\\uDFFF escape, which is no character on its own "
                "(it cannot be printed or saved); write the character itself",
            )
            return None
    return node


_SURROGATE_ESCAPE = re.compile(r"\\[uU]0{0,4}[dD][89a-fA-F]")


def _lone_surrogate(root: yaml.Node) -> yaml.Node | None:
    """The first scalar holding a lone surrogate (a ``"\\uD800"`` escape), or None."""
    todo = [root]
    seen: set[int] = set()  # aliases: a node is visited once (anchors may nest in themselves)
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            if any(0xD800 <= ord(c) <= 0xDFFF for c in str(node.value)):
                return node
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(reversed(node.value))
        elif isinstance(node, yaml.MappingNode):
            todo.extend(n for pair in reversed(node.value) for n in reversed(pair))
    return None


def _report_yaml_error(src: YamlSource, exc: yaml.MarkedYAMLError) -> None:
    mark = exc.problem_mark or exc.context_mark
    line = None if mark is None else mark.line + 1
    words = " ".join(w for w in (exc.context, exc.problem) if w) or "YAML syntax error"
    if "'\\t'" in words:
        words += " (indent with spaces, not tabs)"
    src.problems.append(LayoutProblem(src.path, line, f"not valid YAML: {words}"))


# --- reading fields ----------------------------------------------------------


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _quote_hint(name: str) -> str:
    # "{label: Ask me, not my family}" splits at the comma: the rest becomes a field.
    return " (text with a comma or colon must be in double quotes)" if " " in name else ""


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == _NULL_TAG


def mapping_fields(
    src: YamlSource, node: yaml.Node, allowed: tuple[str, ...], what: str
) -> dict[str, yaml.Node] | None:
    """The ``field: value`` pairs of a mapping node; reports unknown and repeated fields."""
    if not isinstance(node, yaml.MappingNode):
        src.report(node, f"expected {what} written as 'field: value' lines")
        return None
    found: dict[str, yaml.Node] = {}
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        if name not in allowed:
            hint = did_you_mean(name, allowed) or _quote_hint(name)
            src.report(key, f"unknown field '{name}' in {what}{hint}; fields: {', '.join(allowed)}")
        elif name in found:
            src.report(key, f"field '{name}' is given twice in {what}")
        else:
            found[name] = value
    return found


def text_field(
    src: YamlSource, fields: dict[str, yaml.Node], name: str, *, required: bool = False
) -> str | None:
    """A field's text exactly as typed (``No`` stays "No"); None if absent or ``~``."""
    node = fields.get(name)
    if node is None or is_null(node):
        if required:
            src.report(node, f"missing '{name}'")
        return None
    if not isinstance(node, yaml.ScalarNode):
        src.report(node, f"'{name}' should be text, not a list or a mapping")
        return None
    return str(node.value)


def whole_number(
    src: YamlSource, node: yaml.Node | None, name: str, low: int, high: int
) -> int | None:
    """A field holding a whole number in ``low..high``, or None after reporting why not."""
    value = None
    # at most 18 digits: int() of thousands raises ValueError (and none is in any range here)
    if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[+-]?\d{1,18}", str(node.value)):
        value = int(node.value)
    if value is None or not low <= value <= high:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "a list or mapping"
        shown = shown if len(shown) <= 40 else f"{shown[:20]}...{shown[-10:]}"
        src.report(node, f"'{name}' must be a whole number from {low} to {high}, not {shown!r}")
        return None
    return value
