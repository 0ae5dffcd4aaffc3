"""A commboard layout as an Open Board Format archive (OBZ): one board per page.

Every page becomes ``boards/<page id>.obf``; ``manifest.json`` names the root
(home) board and every board and image.  Cells map to buttons the way other
apps write them:

* ``speak`` is a plain button (``vocalization`` when the words differ from
  the label); ``go`` is ``load_board`` (id and path); ``add`` of one letter
  is ``+letter``, of a space ``:space``; ``home``, ``backspace``, ``clear``,
  ``speak_message`` and ``stop_speech`` are ``:home``, ``:backspace``,
  ``:clear``, ``:speak`` and ``:hush``.
* What OBF has no word for travels in ``ext_commboard_*`` fields: the action
  itself (``alarm``, ``back``, ``add`` of a word), the hold time, and the
  layout's name and language (in the manifest).  Other apps show these as
  plain buttons that say their words.
* Pictures are stored in the archive under their path in the layout folder
  (a shipped symbol under ``symbols/``, with OpenMoji's licence in its record);
  fields of an imported board that commboard does not use (``obf:`` in the
  YAML) are written back as they came.
"""

from __future__ import annotations

import json
import mimetypes
import re
from collections.abc import Mapping
from typing import Any

from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.symbols import is_symbol
from commboard.exchange.obf_values import (
    CELL_MAPPED,
    EXT,
    EXT_ACTION,
    EXT_HOLD,
    EXT_LAYOUT,
    FORMAT,
    PAGE_MAPPED,
    SYMBOL_LICENSE,
    UNKNOWN_PICTURE_SIZE,
    Converted,
    JsonObject,
    extra_fields,
    hex_color,
    kept,
    obf_color,
)
from commboard.exchange.picture_size import picture_size

_SPECIAL = {
    Action.HOME: ":home",
    Action.BACKSPACE: ":backspace",
    Action.CLEAR: ":clear",
    Action.SPEAK_MESSAGE: ":speak",
    Action.STOP: ":hush",  # CoughDrop's word for "stop speaking"
}
# Actions OBF has no word for: the button says its words in other apps.
_OURS_ONLY = {Action.ALARM, Action.BACK}


_RGB_TEXT = re.compile(r"^\s*rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(,\s*[01]\.?\d*)?\)\s*$")


def board_path(page_id: str) -> str:
    """Where a page's board is stored in the archive."""
    return f"boards/{page_id}.obf"


def _action_fields(cell: Cell) -> JsonObject:
    """The OBF fields that say what a button does."""
    action = cell.action
    if action is Action.GO and cell.target is not None:
        return {"load_board": {"id": cell.target, "path": board_path(cell.target)}}
    if action in _SPECIAL:
        return {"action": _SPECIAL[action]}
    if action is Action.ADD:
        if cell.spoken == " ":
            return {"action": ":space"}
        if len(cell.spoken) == 1:
            return {"action": "+" + cell.spoken}
        return {EXT_ACTION: action.value}  # a word added to the message: a plain button
    if action in _OURS_ONLY:
        return {EXT_ACTION: action.value}
    return {}


def _button(cell: Cell, button_id: str, image_ids: Mapping[str, str]) -> JsonObject:
    fields = kept(cell.foreign)
    fields.pop("image", None)  # the kept picture record goes to the board's images
    for name in ("border_color", "background_color"):  # another app's '#f00': rgb() for the format
        value = fields.get(name)
        if isinstance(value, str) and not _RGB_TEXT.match(value) and hex_color(value) is not None:
            fields[name] = obf_color(hex_color(value) or "")
    button: JsonObject = {**fields, "id": button_id, "label": cell.label}
    if cell.text is not None:  # even when it repeats the label: the round trip is exact
        button["vocalization"] = cell.text
    button.update(_action_fields(cell))
    if EXT_ACTION not in button and cell.action not in (Action.SPEAK, Action.GO):
        button[EXT_ACTION] = cell.action.value  # exact on the way back (e.g. add "?")
    if cell.color is not None:
        button["background_color"] = obf_color(cell.color)
    if cell.hold_s is not None:
        button[EXT_HOLD] = cell.hold_s
    button.update({EXT + k: v for k, v in extra_fields(cell, CELL_MAPPED).items()})
    image_key = _image_key(cell)
    if image_key is not None and image_key in image_ids:
        button["image_id"] = image_ids[image_key]
    return button


def _image_key(cell: Cell) -> str | None:
    """What identifies a cell's picture: its file, or the kept record of one not carried."""
    if cell.image is not None:
        return "file:" + cell.image
    record = kept(cell.foreign).get("image")
    return "kept:" + json.dumps(record, sort_keys=True) if isinstance(record, dict) else None


def _image_record(cell: Cell, image_id: str, files: Mapping[str, bytes]) -> JsonObject | None:
    """The picture's record, with every field the format requires; None: nothing to point at."""
    record: JsonObject = dict(kept(cell.foreign).get("image") or {})
    record["id"] = image_id
    size = None
    if cell.image is not None:
        if cell.image not in files:
            return None
        record["path"] = cell.image
        record.setdefault("content_type", mimetypes.guess_type(cell.image)[0] or "image/png")
        if is_symbol(cell.image):
            record.setdefault("license", dict(SYMBOL_LICENSE))
        size = picture_size(files[cell.image])
    elif not any(record.get(k) for k in ("url", "data", "symbol")):
        return None  # a picture the file it came from lacked: no record could point at it
    if not str(record.get("content_type", "")).startswith("image/"):
        address = record.get("url")
        guess = mimetypes.guess_type(address)[0] if isinstance(address, str) else None
        record["content_type"] = guess if guess and guess.startswith("image/") else "image/png"
    width, height = size or (UNKNOWN_PICTURE_SIZE, UNKNOWN_PICTURE_SIZE)
    for name, value in (("width", width), ("height", height)):
        known = record.get(name)
        if isinstance(known, bool) or not isinstance(known, int) or known < 1:
            record[name] = value
    return record


def _images(
    page: Page, files: Mapping[str, bytes], notes: list[str]
) -> tuple[list[JsonObject], dict[str, str]]:
    records: list[JsonObject] = []
    ids: dict[str, str] = {}
    for cell in page.cells:
        key = None if cell is None else _image_key(cell)
        if cell is None or key is None or key in ids:
            continue
        # ids unique in the whole archive, as the format asks of an .obz
        record = _image_record(cell, f"{page.id}-img-{len(records) + 1}", files)
        if record is None:
            missing = cell.image or kept(cell.foreign).get("image", {}).get("path", "?")
            notes.append(
                f"page '{page.id}', cell '{cell.label}': its picture {missing} could not be "
                "read, so the cell was exported without it"
            )
            continue
        ids[key] = record["id"]
        records.append(record)
    return records, ids


def page_board(page: Page, locale: str, files: Mapping[str, bytes], notes: list[str]) -> JsonObject:
    """One page as an OBF board."""
    images, image_ids = _images(page, files, notes)
    buttons: list[JsonObject] = []
    order: list[list[str | None]] = []
    for row in range(page.rows):
        line: list[str | None] = []
        for column in range(page.columns):
            index = row * page.columns + column
            cell = page.cells[index]
            if cell is None:
                line.append(None)
                continue
            button_id = str(index + 1)
            buttons.append(_button(cell, button_id, image_ids))
            line.append(button_id)
        order.append(line)
    board: JsonObject = {
        **kept(page.foreign),
        **{EXT + k: v for k, v in extra_fields(page, PAGE_MAPPED).items()},
        "format": FORMAT,
        "id": page.id,
        "locale": locale,
        "name": page.title,
        "buttons": buttons,
        "grid": {"rows": page.rows, "columns": page.columns, "order": order},
        "images": images,
        "sounds": [],
    }
    return board


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, indent=1).encode("utf-8")


def export_layout(layout: Layout, files: Mapping[str, bytes]) -> Converted:
    """The OBZ archive's entries for ``layout``.

    Args:
        layout: the layout to export.
        files: the layout's pictures, path in the layout folder -> bytes
            (those the caller could read; see :func:`pictures`).
    """
    notes: list[str] = []
    entries: dict[str, bytes] = {}
    boards: dict[str, str] = {}
    images: dict[str, str] = {}
    for page in layout.pages.values():
        board = page_board(page, layout.language, files, notes)
        entries[board_path(page.id)] = _json(board)
        boards[page.id] = board_path(page.id)
        for record in board["images"]:
            path = record.get("path")
            if isinstance(path, str) and path in files:
                entries[path] = files[path]
                images[str(record["id"])] = path
    manifest = {
        "format": FORMAT,
        "root": board_path(layout.home),
        "paths": {"boards": boards, "images": images, "sounds": {}},
        EXT_LAYOUT: {"name": layout.name, "language": layout.language},
    }
    entries["manifest.json"] = _json(manifest)
    return Converted(entries, tuple(notes))


def pictures(layout: Layout) -> set[str]:
    """The picture paths (inside the layout folder) a layout's cells show."""
    return {c.image for p in layout.pages.values() for c in p.cells if c and c.image}
