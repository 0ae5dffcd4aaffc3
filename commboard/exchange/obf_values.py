"""Open Board Format values: colours, ids, the field names we own, and how problems are told.

The Open Board Format (https://www.openboardformat.org) is JSON: a board has
``format``, ``id``, ``locale``, ``name``, ``buttons``, ``grid {rows,
columns, order}``, ``images`` and ``sounds``; a button has ``id``,
``label``, ``vocalization``, ``image_id``, ``sound_id``, ``action`` or
``actions``, ``load_board``, ``background_color`` and ``border_color``.
Apps write colours as ``"rgb(r, g, b)"`` (or ``rgba``), ids as numbers or
text, and their own fields as ``ext_<app>_<name>``; ours are
``ext_commboard_*``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import typing
from dataclasses import dataclass
from enum import Enum
from typing import Any

from commboard.board.layout_cells import COLORS

# The shipped symbols' licence, as an OBF image record's ``license``: an exported board
# carries OpenMoji's attribution (CC BY-SA asks for it wherever the pictures go).
SYMBOL_LICENSE = {
    "type": "CC BY-SA 4.0",
    "copyright_notice_url": "https://creativecommons.org/licenses/by-sa/4.0/",
    "source_url": "https://openmoji.org",
    "author_name": "OpenMoji",
    "author_url": "https://openmoji.org",
}
FORMAT = "open-board-0.1"
# The format requires a picture's width and height; when the picture does not say
# (one only on the web is never fetched) export writes 300 x 300, as Cboard does.
UNKNOWN_PICTURE_SIZE = 300
EXT = "ext_commboard_"
# A button's commboard action (alarm, add, back, ...), so a board exported and
# imported again does the same thing even where OBF has no word for it.
EXT_ACTION = EXT + "action"
EXT_HOLD = EXT + "hold_s"  # seconds the switch must be held on this button
EXT_LAYOUT = EXT + "layout"  # manifest: the layout's name and language
# Model fields mapped to OBF by name; any other field of Cell or Page travels as
# ext_commboard_<field> (see extra_fields).
CELL_MAPPED = frozenset(
    {"label", "action", "text", "target", "color", "hold_s", "image", "foreign"}
)
PAGE_MAPPED = frozenset({"id", "title", "rows", "columns", "cells", "foreign"})

JsonObject = dict[str, Any]

_RGB = re.compile(
    r"rgba?\(\s*(\d{1,3}(?:\.\d+)?)\s*,\s*(\d{1,3}(?:\.\d+)?)\s*,\s*(\d{1,3}(?:\.\d+)?)"
    r"\s*(?:,\s*([\d.]+)\s*)?\)"
)
_HEX = re.compile(r"#(?:[0-9a-f]{3}|[0-9a-f]{6})")
_NOT_ID = re.compile(r"[^A-Za-z0-9_-]+")
# Page ids that would clash with a layout folder's own file name (layout.yaml).
_RESERVED_IDS = {"layout"}


class ExchangeError(Exception):
    """A board that cannot be imported: one message naming the file and the field."""

    def __init__(self, file: str, field: str | None, message: str) -> None:
        where = f"{file}: field '{field}'" if field else file
        super().__init__(f"{where}: {message}")
        self.file = file
        self.field = field


def obf_color(color: str) -> str:
    """A commboard colour (``#rrggbb`` or a colour name) as OBF's ``rgb(r, g, b)``."""
    value = COLORS.get(color.lower(), color).lstrip("#")
    if len(value) == 3:
        value = "".join(ch * 2 for ch in value)
    r, g, b = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({r}, {g}, {b})"


def hex_color(value: object) -> str | None:
    """An OBF colour (``rgb(...)``, ``rgba(...)``, ``#rrggbb`` or a name we know) as ``#rrggbb``.

    None when it cannot be read. Cells are opaque: an ``rgba`` colour is shown as it
    looks on white (the format asks for "a similar non-alpha color", not the alpha
    stripped: CoughDrop's ``rgba(0, 0, 0, 0.1)`` is a faint grey, not black).
    """
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    found = _RGB.fullmatch(text)
    if found:
        *rgb, alpha_text = found.groups()
        try:
            alpha = 1.0 if alpha_text is None else min(1.0, float(alpha_text))
        except ValueError:
            return None
        colour = [float(c) for c in rgb]
        if not all(0 <= c <= 255 for c in colour):
            return None
        channels = [round(alpha * c + (1 - alpha) * 255) for c in colour]
        return "#" + "".join(f"{c:02x}" for c in channels)
    if _HEX.fullmatch(text):
        return text if len(text) == 7 else "#" + "".join(ch * 2 for ch in text[1:])
    return COLORS.get(text)


def page_id_for(board_id: object, taken: set[str]) -> str:
    """A page id (letters, digits, ``_``, ``-``) for an OBF board id, unique among ``taken``."""
    base = _NOT_ID.sub("-", str(board_id)).strip("-")[:60] or "page"
    if base in _RESERVED_IDS:
        base += "-page"
    found, n = base, 2
    while found in taken:
        found, n = f"{base}-{n}", n + 1
    taken.add(found)
    return found


def id_text(value: object) -> str | None:
    """An OBF id (text or a whole number) as text; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def canonical(fields: JsonObject) -> str | None:
    """Kept fields as canonical JSON text (sorted keys), None when there are none."""
    return json.dumps(fields, sort_keys=True, ensure_ascii=False) if fields else None


def kept(text: str | None) -> JsonObject:
    """Kept fields back from :func:`canonical` text (a mapping; empty for None)."""
    if text is None:
        return {}
    value = json.loads(text)
    return value if isinstance(value, dict) else {}


@dataclass(frozen=True, slots=True)
class Converted:
    """The result of a conversion: the files it produced and what it could not carry.

    Attributes:
        files: file name (``/``-separated, relative) -> contents.
        notes: plain-words sentences for the carer, one per thing not carried.
    """

    files: dict[str, bytes]
    notes: tuple[str, ...]


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


def extra_fields(item: object, handled: frozenset[str]) -> dict[str, object]:
    """A model object's fields this module does not map by name, when not at their default.

    A field added to ``Cell`` or ``Page`` later (say a cell's ``record``) then
    travels as ``ext_commboard_<field>`` without a change here.  Enum values
    are written as their text.
    """
    found: dict[str, object] = {}
    for spec in dataclasses.fields(item):  # type: ignore[arg-type]
        if spec.name in handled:
            continue
        value = getattr(item, spec.name)
        if spec.default is not dataclasses.MISSING and value == spec.default:
            continue
        found[spec.name] = _plain(value)
    return found


def _convert(kind: object, value: object) -> object:
    """``value`` as the field type ``kind`` (an Enum, str, int, float, bool or ``X | None``)."""
    options = [a for a in typing.get_args(kind) if a is not type(None)] or [kind]
    if value is None and type(None) in typing.get_args(kind):
        return None
    for option in options:
        if isinstance(option, type) and issubclass(option, Enum):
            with contextlib.suppress(ValueError):
                return option(value)
        elif option is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        elif isinstance(option, type) and isinstance(value, option):
            return value
    raise ValueError(f"{value!r} is not a {kind}")


def read_extra_fields(
    model: type, handled: frozenset[str], fields: JsonObject
) -> tuple[dict[str, object], list[str]]:
    """``ext_commboard_<field>`` values for a model's other fields: (values, problems)."""
    hints = typing.get_type_hints(model)
    values: dict[str, object] = {}
    problems: list[str] = []
    for spec in dataclasses.fields(model):
        key = EXT + spec.name
        if spec.name in handled or key not in fields:
            continue
        try:
            values[spec.name] = _convert(hints[spec.name], fields[key])
        except ValueError:
            problems.append(f"{key} {fields[key]!r} could not be read; left out")
    return values, problems


def extra_keys(model: type, handled: frozenset[str]) -> set[str]:
    """The ``ext_commboard_*`` names :func:`read_extra_fields` reads for ``model``."""
    return {EXT + spec.name for spec in dataclasses.fields(model) if spec.name not in handled}
