"""Layout cells: build a :class:`Cell` from its YAML node and check its values.

A cell's label, action, ``go`` target, colour (a name from ``COLORS`` or
``#rrggbb``), hold, picture, record and confirm are each checked, every
problem reported with its file and line.  A ``go`` cell's target is only
noted (``GoRef``): whether that page exists is checked once every page is read
(:mod:`commboard.board.layout_page_checks`).  Pages are built from cells in
:mod:`commboard.board.layout_pages`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import yaml

from commboard.board.layout_yaml import (
    YamlSource,
    did_you_mean,
    is_null,
    mapping_fields,
    text_field,
)
from commboard.board.model import RECORD_KINDS, Action, Cell
from commboard.board.symbols import is_symbol, symbol_file, symbol_names

MAX_HOLD_S = 10.0
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


@dataclass
class GoRef:
    """A ``go`` cell's target, checked once every page is known."""

    src: YamlSource
    node: yaml.Node
    target: str


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


def cell(src: YamlSource, node: yaml.Node, refs: list[GoRef]) -> Cell | None:
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
