"""Open Board Format boards (a ``.obf`` file or the boards of an ``.obz``) as a commboard layout.

Every board becomes a page, its ``grid.order`` the page's cells (``null`` an
empty slot), each button a cell:

* ``load_board`` (found by the linked board's ``id``, else its ``path`` in
  the archive) is ``go``; ``:space`` and ``+letters`` are ``add``;
  ``:backspace``, ``:clear``, ``:home``, ``:speak`` and CoughDrop's ``:hush``
  are ``backspace``, ``clear``, ``home``, ``speak_message``, ``stop_speech``;
  a button with no action says its words (``vocalization``, else its label)
  at once: ``speak``.
* ``ext_commboard_*`` fields (written by our export) win: the action, the hold.
* ``background_color`` (``rgb(...)``) is the cell colour; a picture given as a
  data URI or a path in the archive is carried into ``images/``; a picture
  given only as a ``url`` is never fetched (no network): its reference is kept.
* Fields commboard does not use are kept (``obf:`` in the YAML) and written
  back on export.  What cannot be carried (sounds, unknown actions, remote
  pictures) is told in :attr:`Imported.notes`, in plain words.

Real exports are read as their apps write them (each habit has a test in
``tests/exchange/test_obf_other_apps.py``): a link to a board the archive
left out says its words (noted, with the first one's file and field); a
``null`` button is skipped, a ``hidden`` one left out; a grid over 12 x 12
(at most 144 buttons) is laid out again in reading order, a board without a
grid gets one; a picture's ``path`` missing from the archive is looked up in
the manifest's ``paths.images``; an ``rgba`` colour is shown as on white;
LoveWords' ``:speak`` (with words) and ``:add`` say and add the button's words.

Boards from other apps rely on the app's own Back key; a switch user needs
one in the grid, so a page with no way back gets a ``Back`` cell (noted).
OBF has no call for help, so no other app's board has one: the home page gets
a ``Call nurse`` alarm cell (noted), as every page leads home, and the patient
can call for help even when speech fails.
A file that cannot be read as a board raises :class:`ExchangeError` naming
the file and the field: nothing is imported.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import math
import posixpath
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any, cast
from urllib.parse import unquote_to_bytes

from commboard.board.colors import confusable_cells
from commboard.board.layout_file import DEFAULT_HIGHLIGHT, MAX_PAGES
from commboard.board.layout_pages import COLORS, MAX_GRID, MAX_HOLD_S, pages_with_way_home
from commboard.board.model import Action, Cell, Layout, Page
from commboard.board.symbols import is_symbol, symbol_file
from commboard.exchange.obf_values import (
    CELL_MAPPED,
    EXT_ACTION,
    EXT_HOLD,
    EXT_LAYOUT,
    PAGE_MAPPED,
    SYMBOL_LICENSE,
    UNKNOWN_PICTURE_SIZE,
    ExchangeError,
    JsonObject,
    canonical,
    extra_keys,
    hex_color,
    id_text,
    page_id_for,
    read_extra_fields,
)
from commboard.exchange.picture_size import picture_size

MAX_BUTTONS = 1000  # per board; a 12x12 grid shows 144
MAX_PICTURE_BYTES = 5_000_000
MAX_LABEL = 500  # characters
MAX_KEPT_DEPTH = 20  # nesting of another app's fields we keep; deeper ones are left out

KNOWN_BOARD = {"format", "id", "locale", "name", "buttons", "grid", "images", "sounds"}
KNOWN_BOARD |= extra_keys(Page, PAGE_MAPPED)
KNOWN_BUTTON = {
    "id", "label", "vocalization", "action", "actions", "load_board",
    "background_color", "image_id", "sound_id", EXT_ACTION, EXT_HOLD,
} | extra_keys(Cell, CELL_MAPPED)  # fmt: skip
_DROPPED_IMAGE_FIELDS = {"id", "data", "path", "content_type"}
_SPECIAL = {
    ":space": (Action.ADD, " "),
    ":backspace": (Action.BACKSPACE, None),
    ":clear": (Action.CLEAR, None),
    ":home": (Action.HOME, None),
    ":speak": (Action.SPEAK_MESSAGE, None),
    ":hush": (Action.STOP, None),
    ":back": (Action.BACK, None),
}
PICTURE_TYPES = {
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/svg+xml": "svg",
    "image/webp": "webp",
    "image/bmp": "bmp",
}
_SUFFIXES = {"png": "png", "jpg": "jpg", "jpeg": "jpg", "gif": "gif", "svg": "svg",
             "webp": "webp", "bmp": "bmp"}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Imported:
    """An imported layout, its pictures (path in the layout folder -> bytes) and the notes."""

    layout: Layout
    pictures: dict[str, bytes]
    notes: tuple[str, ...]


@dataclass
class _Board:
    """One parsed board: where it came from and its JSON."""

    file: str
    obf_id: str
    data: JsonObject
    page_id: str = ""
    nulls: int = 0  # empty entries (null) in 'buttons', skipped
    made_grid: bool = False  # the board had no grid: its buttons were laid out in order


@dataclass
class _Run:
    """What an import has found so far, shared by the steps."""

    entries: Mapping[str, bytes]
    lone: bool  # a single .obf: links to other boards cannot be followed
    by_id: dict[str, _Board] = field(default_factory=dict)
    by_path: dict[str, _Board] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    first_missing_link: str = ""  # where the first link to a board left out of an .obz is
    image_paths: dict[str, str] = field(default_factory=dict)  # manifest: picture id -> path
    symbol_sets: set[str] = field(default_factory=set)  # symbol sets pictures came from
    pooled_images: dict[str, JsonObject] = field(default_factory=dict)  # .obz: id -> record
    left_out_ids: set[str] = field(default_factory=set)  # boards past MAX_PAGES, left out
    left_out_paths: set[str] = field(default_factory=set)
    given_back: list[str] = field(default_factory=list)  # titles of pages given a Back cell
    taken: set[str] = field(default_factory=set)  # page ids in use
    extra_pages: list[Page] = field(default_factory=list)  # a big board's continuation pages


# --- reading JSON ------------------------------------------------------------


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_json(file: str, data: bytes) -> Any:
    """A JSON document, or ExchangeError naming the line."""
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):
            # "\ud800" alone is valid JSON but no character: a label holding it was saved,
            # and then every page written from the layout (print) failed to encode it
            sound = json.dumps(value, ensure_ascii=False).encode("utf-16", "surrogatepass")
            value = json.loads(sound.decode("utf-16", "replace"))
        return value
    except UnicodeDecodeError:
        raise ExchangeError(file, None, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            file, None, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ExchangeError(file, None, "is nested too deeply to be a board") from None
    except ValueError:  # a whole number past Python's 4300-digit limit
        raise ExchangeError(file, None, "is not valid JSON (a number far too long)") from None


def _norm(path: str) -> str:
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/")


MAX_DECLARED = 1000  # rows or columns a board may declare; more than 12 are laid out again


def _board(file: str, data: bytes) -> _Board:
    """Parse and check one board's shape (ids, buttons, grid)."""
    value = parse_json(file, data)
    if not isinstance(value, dict):
        raise ExchangeError(file, None, "is not a board (a JSON object with 'buttons' and 'grid')")
    obf_id = id_text(value.get("id"))
    if obf_id is None:
        raise ExchangeError(file, "id", "missing: every board needs an id")
    buttons = value.get("buttons")
    if not isinstance(buttons, list):
        raise ExchangeError(file, "buttons", "missing or not a list")
    if len(buttons) > MAX_BUTTONS:
        raise ExchangeError(
            file, "buttons", f"has {len(buttons)} buttons; at most {MAX_BUTTONS} are read"
        )
    # Cboard writes null where a tile was empty: skipped (and told)
    count = sum(1 for b in buttons if b is not None)
    board = _Board(file, obf_id, dict(value), nulls=len(buttons) - count)
    grid = value.get("grid")
    if grid is None:  # "grid should always be defined", but some writers leave it out
        columns = min(MAX_GRID, max(1, math.ceil(math.sqrt(count))))
        board.data["grid"] = {"rows": max(1, math.ceil(count / columns)), "columns": columns}
        board.made_grid = True
    elif isinstance(grid, dict) and not count and not grid.get("rows") and not grid.get("columns"):
        board.data["grid"] = {"rows": 1, "columns": 1}  # an empty board of 0 x 0 (ParrotAAC)
    _grid_size(file, board.data["grid"])
    return board


def _grid_size(file: str, grid: object) -> tuple[int, int]:
    """The rows and columns a board declares (more than 12 are laid out again later)."""
    if not isinstance(grid, dict):
        raise ExchangeError(file, "grid", "missing: a board needs 'grid' with rows and columns")
    sizes = []
    for name in ("rows", "columns"):
        value = grid.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ExchangeError(file, f"grid.{name}", f"must be a whole number, not {value!r}")
        if value > MAX_DECLARED:
            raise ExchangeError(file, f"grid.{name}", f"is {value}; at most {MAX_DECLARED}")
        sizes.append(value)
    return sizes[0], sizes[1]


# --- buttons -----------------------------------------------------------------


def _buttons_by_id(board: _Board) -> dict[str, tuple[int, JsonObject]]:
    found: dict[str, tuple[int, JsonObject]] = {}
    for index, button in enumerate(board.data["buttons"]):
        if button is None:
            continue  # counted in board.nulls
        where = f"buttons[{index}]"
        if not isinstance(button, dict):
            raise ExchangeError(board.file, where, "is not a button (a JSON object)")
        button_id = id_text(button.get("id"))
        if button_id is None:
            raise ExchangeError(board.file, f"{where}.id", "missing: every button needs an id")
        if button_id in found:
            raise ExchangeError(board.file, f"{where}.id", f"id {button_id!r} is used twice")
        found[button_id] = (index, button)
    return found


def _depth(value: object, limit: int) -> int:
    """How deeply ``value`` nests lists and mappings (counting stops past ``limit``)."""
    if limit < 0 or not isinstance(value, dict | list):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in items), default=0)


def _keepable(run: _Run, owner: str, fields: JsonObject) -> JsonObject:
    """Another app's fields to keep, without any nested deeper than ``MAX_KEPT_DEPTH``."""
    kept: JsonObject = {}
    for key, value in fields.items():
        if _depth(value, MAX_KEPT_DEPTH) > MAX_KEPT_DEPTH:
            run.notes.append(f"'{owner}': field {key!r} is nested too deeply to keep; left out")
        else:
            kept[key] = value
    return kept


def _text(value: object) -> str | None:
    return value.strip()[:MAX_LABEL] or None if isinstance(value, str) else None


def _written(value: object) -> str | None:
    """Text as written (``" "`` stays a space), None when absent or empty."""
    return value[:MAX_LABEL] if isinstance(value, str) and value != "" else None


def _label(run: _Run, button: JsonObject) -> str:
    label = next((t for t in (button.get("label"), button.get("vocalization")) if _text(t)), None)
    if not isinstance(label, str):
        run.counts["no label"] += 1
        return "(picture)"
    return label[:MAX_LABEL]


def _actions(button: JsonObject) -> list[str]:
    found = [button["action"]] if isinstance(button.get("action"), str) else []
    extra = button.get("actions")
    if isinstance(extra, list):
        found += [a for a in extra if isinstance(a, str) and a not in found]
    return found


def _link(run: _Run, board: _Board, index: int, button: JsonObject) -> str | None:
    """The page a ``load_board`` button opens; None (noted) when it cannot be followed."""
    link = button.get("load_board")
    if not isinstance(link, dict):
        return None
    target = run.by_id.get(id_text(link.get("id")) or "")
    path = link.get("path")
    if target is None and isinstance(path, str):
        target = run.by_path.get(_norm(path))
    if target is not None:
        return target.page_id
    # real sets link to boards they left out (CoughDrop's 'special::unfinished', a board
    # given only by its url): the button says its words, and the carer is told
    path_text = _norm(path) if isinstance(path, str) else ""
    if id_text(link.get("id")) in run.left_out_ids or path_text in run.left_out_paths:
        run.counts["links left out"] += 1  # a board past the layout's page limit
        return None
    run.counts["links" if run.lone else "links out of archive"] += 1
    if not run.lone and not run.first_missing_link:
        shown = id_text(link.get("id")) or link.get("path") or link.get("url") or "?"
        run.first_missing_link = (
            f"{board.file}, field 'buttons[{index}].load_board', opens {str(shown)[:120]!r}"
        )
    return None


def _ours(button: JsonObject) -> Action | None:
    word = button.get(EXT_ACTION)
    try:
        return Action(word) if isinstance(word, str) else None
    except ValueError:
        return None


def _standard(run: _Run, label: str, button: JsonObject) -> tuple[Action, str | None]:
    """(action, words) from OBF's own ``action``/``actions``; unknown ones noted."""
    actions = _actions(button)
    if not actions:
        return Action.SPEAK, None
    first, rest = actions[0], actions[1:]
    for extra in rest:
        run.notes.append(f"button '{label}': only its first action was kept, not {extra!r}")
    vocal = _text(button.get("vocalization"))
    if first == ":speak" and vocal is not None and vocal[0] not in ":+":
        # LoveWords marks word buttons ':speak' meaning "say mine"; the format's ':speak'
        # (say the message) has no words of its own
        run.counts["speak with words"] += 1
        return Action.SPEAK, None
    if first == ":add":  # LoveWords: the button's words go into the message
        return Action.ADD, None
    if first in _SPECIAL:
        return _SPECIAL[first]
    if first.startswith("+") and len(first) > 1:
        return Action.ADD, first[1:]
    run.counts[f"action {first}"] += 1
    return Action.SPEAK, None


def _doing(
    run: _Run, board: _Board, index: int, label: str, button: JsonObject
) -> tuple[Action, str | None, str | None]:
    """(action, words from the action, go target) for a button."""
    if "load_board" in button:
        target = _link(run, board, index, button)
        ours = _ours(button)
        if ours is not None and ours is not Action.GO:
            return ours, None, None
        # a link we could not follow (a lone .obf, a board left out): the button says its words
        return (Action.GO, None, target) if target is not None else (Action.SPEAK, None, None)
    action, words = _standard(run, label, button)
    ours = _ours(button)
    return (ours if ours not in (None, Action.GO) else action), words, None


def _hold(run: _Run, label: str, button: JsonObject) -> float | None:
    value = button.get(EXT_HOLD)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_HOLD_S
    ):
        run.notes.append(
            f"button '{label}': hold time {value!r} is not 0-{MAX_HOLD_S:g} s; left out"
        )
        return None
    return float(value)


def _color(run: _Run, label: str, button: JsonObject) -> str | None:
    value = button.get("background_color")
    color = hex_color(value)
    if value is not None and color is None:
        run.notes.append(f"button '{label}': colour {value!r} could not be read; left out")
    return color


def _cell(run: _Run, board: _Board, index: int, button: JsonObject) -> Cell:
    label = _label(run, button)
    action, words, target = _doing(run, board, index, label, button)
    vocal = _written(button.get("vocalization"))
    text = vocal if vocal is not None else words
    if "sound_id" in button:
        run.counts["sounds"] += 1
    foreign = _keepable(run, label, {k: v for k, v in button.items() if k not in KNOWN_BUTTON})
    image, record = _picture(run, board, button.get("image_id"))
    if record:
        foreign["image"] = record
    extra, problems = read_extra_fields(Cell, CELL_MAPPED, button)
    run.notes += [f"button '{label}': {problem}" for problem in problems]
    return Cell(
        label,
        action,
        text,
        target,
        _color(run, label, button),
        _hold(run, label, button),
        image=image,
        foreign=canonical(foreign),
        **cast(dict[str, Any], extra),  # checked against the field's type when read
    )


# --- pictures ----------------------------------------------------------------


def _records(board: _Board) -> list[JsonObject]:
    images = board.data.get("images")
    return [r for r in images if isinstance(r, dict)] if isinstance(images, list) else []


def _image_record(run: _Run, board: _Board, image_id: object) -> JsonObject | None:
    """The picture record a button names: on its board, else (ids are unique in an .obz)
    on another board of the archive, else only in the manifest's ``paths.images``."""
    wanted = id_text(image_id)
    if wanted is None:
        return None
    for record in _records(board):
        if id_text(record.get("id")) == wanted:
            return record
    if wanted in run.pooled_images:
        return run.pooled_images[wanted]
    if wanted in run.image_paths:
        return {"id": wanted, "path": run.image_paths[wanted]}
    return None


def _data_uri(text: str) -> tuple[bytes, str] | None:
    """(bytes, content type) of a ``data:`` URI, or None."""
    head, _, payload = text.partition(",")
    if not head.startswith("data:") or len(payload) > MAX_PICTURE_BYTES * 2:
        return None
    kind = head[5:].split(";")[0].lower()
    try:
        if head.endswith(";base64"):
            return base64.b64decode(payload, validate=False), kind
        return unquote_to_bytes(payload), kind  # "data:image/svg+xml,%3Csvg..."
    except (binascii.Error, ValueError):
        return None


def _picture_bytes(run: _Run, record: JsonObject) -> tuple[bytes, str, str | None] | None:
    """(bytes, content type, its path in the archive or None) of a picture record.

    The format's order: ``data``, then ``path``; a path not in the archive is
    looked up in the manifest's ``paths.images`` by the picture's id (Cboard
    names ``/symbols/x.svg`` in the board and stores ``images//symbols/x.svg``).
    """
    data = record.get("data")
    if isinstance(data, str):
        found = _data_uri(data)
        if found is not None:
            return (*found, None)
    listed = run.image_paths.get(id_text(record.get("id")) or "")
    for path in (record.get("path"), listed):
        if isinstance(path, str) and _norm(path) in run.entries:
            suffix = posixpath.splitext(path)[1].lower().lstrip(".")
            kind = record.get("content_type")
            fallback = next((k for k, v in PICTURE_TYPES.items() if v == _SUFFIXES.get(suffix)), "")
            inside = _norm(path)
            return run.entries[inside], kind if isinstance(kind, str) else fallback, inside
    return None


_MAGIC = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF8", "gif"), (b"BM", "bmp"))


def _picture_suffix(data: bytes, kind: str) -> str | None:
    """The picture's file suffix: what its bytes say, else its declared type (apps write
    'image/jpg', servers 'application/octet-stream'); None: not a picture we carry."""
    for magic, suffix in _MAGIC:
        if data.startswith(magic):
            return suffix
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    if b"<svg" in data[:4000].lower():
        return "svg"
    kind = kind.lower().split(";")[0].strip()
    return PICTURE_TYPES.get(
        {"image/jpg": "image/jpeg", "image/svg": "image/svg+xml"}.get(kind, kind)
    )


def _shipped_bytes(image: str) -> bytes | None:
    path = symbol_file(image)
    try:
        return None if path is None else path.read_bytes()
    except OSError:
        return None


def _picture_path(run: _Run, image_id: object, data: bytes, suffix: str, inside: str | None) -> str:
    """Where a picture goes in the layout folder.

    Its path in the archive when that is a plain relative path (so an exported
    layout comes back the same), else a new name from its id and contents.
    ``symbols/`` names the shipped symbol set: a picture there that is one of
    ours, byte for byte, stays a reference to it (nothing is copied); another
    app's ``symbols/`` picture gets a new name in ``images/``.
    """
    if inside is not None and is_symbol(inside):
        if _shipped_bytes(inside) == data:
            return inside
        inside = None
    plain = inside is not None and inside.lower().endswith("." + suffix) and ":" not in inside
    if inside is not None and plain and run.pictures.get(inside, data) == data:
        return inside
    name = page_id_for(image_id, set())[:40]
    return f"images/{name}-{hashlib.sha256(data).hexdigest()[:8]}.{suffix}"


def _picture(run: _Run, board: _Board, image_id: object) -> tuple[str | None, JsonObject]:
    """(path of the carried picture or None, the image fields to keep)."""
    record = _image_record(run, board, image_id)
    if record is None:
        if id_text(image_id) is not None:  # CoughDrop's sample pageset: 'images' is empty
            run.counts["no picture record"] += 1
        return None, {}
    keep = {k: v for k, v in record.items() if k not in _DROPPED_IMAGE_FIELDS}
    found = _picture_bytes(run, record)
    # a size export writes anyway (the picture's own, else 300 x 300) is not kept,
    # so export then import gives the same layout
    size = (picture_size(found[0]) if found else None) or (UNKNOWN_PICTURE_SIZE,) * 2
    if (keep.get("width"), keep.get("height")) == size:
        del keep["width"], keep["height"]
    suffix = _picture_suffix(*found[:2]) if found else None
    if found is None or suffix is None or len(found[0]) > MAX_PICTURE_BYTES:
        symbol = record.get("symbol")
        if found is None and "url" not in record and isinstance(symbol, dict):
            run.counts["symbol pictures"] += 1  # a licensed set kept out of the file
            run.symbol_sets.add(str(symbol.get("set", "?"))[:40])
        else:
            run.counts["remote pictures" if "url" in record and found is None else "pictures"] += 1
        if "path" in record and "url" not in record:
            keep["path"] = record["path"]
        return None, keep
    path = _picture_path(run, image_id, found[0], suffix, found[2])
    if not is_symbol(path):  # a shipped symbol is not copied into the layout folder
        run.pictures[path] = found[0]
    elif keep.get("license") == SYMBOL_LICENSE:  # ours, written by our export
        del keep["license"]
    return path, keep


# --- boards and pages --------------------------------------------------------


def _order(board: _Board, rows: int, columns: int) -> list[list[object]]:
    order = board.data["grid"].get("order")
    if order is None:  # no order: the buttons fill the grid in turn
        ids = [b.get("id") for b in board.data["buttons"] if isinstance(b, dict)]
        ids = ids[: rows * columns]
        return [ids[r * columns : (r + 1) * columns] for r in range(rows)]
    if not isinstance(order, list) or len(order) > rows:
        raise ExchangeError(board.file, "grid.order", f"must be a list of at most {rows} rows")
    for r, line in enumerate(order):
        if not isinstance(line, list) or len(line) > columns:
            raise ExchangeError(
                board.file, f"grid.order[{r}]", f"must be a list of at most {columns} ids"
            )
    return order


def _laid_out(
    run: _Run, board: _Board, name: str, size: tuple[int, int], placed: list[tuple[int, Cell]]
) -> tuple[int, int, list[Cell | None], str | None]:
    """(rows, columns, cells, a note or None): the board's grid, or, when it is larger
    than commboard shows, its buttons again in reading order in at most 12 x 12; past
    144 they continue on new pages (``run.extra_pages``), each opened by a More cell."""
    rows, columns = size
    if rows <= MAX_GRID and columns <= MAX_GRID:
        cells: list[Cell | None] = [None] * (rows * columns)
        for at, cell in placed:
            cells[at] = cell
        return rows, columns, cells, None
    n = len(placed)
    note = (
        f"board '{name}' is {rows} x {columns}; commboard shows at most {MAX_GRID} x {MAX_GRID}, "
        f"so its {n} buttons were laid out again in reading order"
    )
    if n > MAX_GRID * MAX_GRID:
        return _continued(run, board, name, [cell for _, cell in placed], note)
    wide = min(columns, MAX_GRID)
    if math.ceil(n / wide) > MAX_GRID:
        wide = math.ceil(n / MAX_GRID)
    tall = max(1, math.ceil(n / wide))
    cells = [cell for _, cell in placed] + [None] * (tall * wide - n)
    note += f", {tall} x {wide} (empty places closed up). Check the page before the patient uses it"
    return tall, wide, cells, note


def _continued(
    run: _Run, board: _Board, name: str, cells: list[Cell], note: str
) -> tuple[int, int, list[Cell | None], str]:
    """The first 12 x 12 of a board of more than 144 buttons; the rest go on new pages.

    Each page holds 142 buttons, then a More cell opening the next, and keeps a
    place free for the Back cell a page without a way home is given.
    """
    per = MAX_GRID * MAX_GRID - 2
    chunks = [cells[at : at + per] for at in range(0, len(cells), per)]
    ids = [board.page_id] + [page_id_for(f"{board.page_id}-more", run.taken) for _ in chunks[1:]]
    laid: list[list[Cell | None]] = []
    for k, chunk in enumerate(chunks):
        page: list[Cell | None] = list(chunk)
        if k + 1 < len(chunks):
            page.append(Cell("More", Action.GO, None, ids[k + 1], "#c4c4c4"))
        laid.append(page + [None] * (MAX_GRID * MAX_GRID - len(page)))
    for k in range(1, len(chunks)):
        run.extra_pages.append(
            Page(ids[k], f"{name} ({k + 1})", MAX_GRID, MAX_GRID, tuple(laid[k]))
        )
    note += (
        f" on {len(chunks)} pages of {MAX_GRID} x {MAX_GRID}, each opening the next with a "
        "More cell. Check the pages before the patient uses them"
    )
    return MAX_GRID, MAX_GRID, laid[0], note


def _page(run: _Run, board: _Board) -> Page:
    rows, columns = _grid_size(board.file, board.data["grid"])
    buttons = _buttons_by_id(board)
    placed: list[tuple[int, Cell]] = []
    placed_ids: set[str] = set()
    for r, line in enumerate(_order(board, rows, columns)):
        for c, slot in enumerate(line):
            if slot is None:
                continue
            button_id = id_text(slot)
            if button_id is None or button_id not in buttons:
                raise ExchangeError(
                    board.file, f"grid.order[{r}][{c}]", f"no button has the id {slot!r}"
                )
            index, button = buttons[button_id]
            placed_ids.add(button_id)
            if button.get("hidden") is True:  # the patient never saw it in the other app
                run.counts["hidden"] += 1
                continue
            placed.append((r * columns + c, _cell(run, board, index, button)))
    run.counts["not placed"] += len(buttons) - len(placed_ids)
    name = _text(board.data.get("name")) or board.page_id
    if board.nulls:
        run.notes.append(
            f"{board.file}: {board.nulls} empty "
            + (
                "entry in 'buttons' (null) was"
                if board.nulls == 1
                else "entries in 'buttons' (null) were"
            )
            + " skipped"
        )
    if board.made_grid:
        run.notes.append(
            f"board '{name}' has no grid; its {len(placed)} buttons were laid out in order, "
            f"{rows} x {columns}"
        )
    rows, columns, cells, note = _laid_out(run, board, name, (rows, columns), placed)
    if note:
        run.notes.append(note)
    kept_fields = _keepable(
        run, name, {k: v for k, v in board.data.items() if k not in KNOWN_BOARD}
    )
    extra, problems = read_extra_fields(Page, PAGE_MAPPED, board.data)
    run.notes += [f"board '{name}': {problem}" for problem in problems]
    return Page(
        board.page_id,
        name,
        rows,
        columns,
        tuple(cells),
        foreign=canonical(kept_fields),
        **extra,
    )


def _with_cell(page: Page, cell: Cell) -> Page | None:
    """``page`` with ``cell`` in its first empty slot (a new row if it is full); None: no room."""
    cells, rows = list(page.cells), page.rows
    if None not in cells:
        if rows == MAX_GRID:
            return None
        cells += [None] * page.columns
        rows += 1
    cells[cells.index(None)] = cell
    return replace(page, rows=rows, cells=tuple(cells))


def _with_way_back(run: _Run, page: Page, safe: set[str]) -> Page:
    """``page`` with a Back cell in its first empty slot (a new row if it is full)."""
    if page.id in safe:
        return page
    added = _with_cell(page, Cell("Back", Action.BACK, color="#c4c4c4"))
    if added is None:
        run.notes.append(
            f"page '{page.title}' has no Back cell and no room for one; "
            "add one before the patient uses it"
        )
        return page
    run.given_back.append(page.title)
    return added


def _back_note(titles: list[str]) -> str | None:
    """One note for every page that was given a Back cell (a big set has hundreds)."""
    if not titles:
        return None
    if len(titles) == 1:
        return f"page '{titles[0]}': added a Back cell (the board relied on its app's own back key)"
    named = ", ".join(f"'{t}'" for t in titles[:5])
    more = f" and {len(titles) - 5} more" if len(titles) > 5 else ""
    return (
        f"pages {named}{more}: added a Back cell each "
        "(the boards relied on their app's own back key)"
    )


def _with_call_for_help(run: _Run, pages: dict[str, Page], home: str) -> dict[str, Page]:
    """``pages`` with a Call nurse cell on the home page when no page has a call for help.

    The cell goes in the home page's first empty slot (a new row if it is
    full), so scanning reaches it early; with every page leading home, it is
    reached from every page.
    """
    if any(c and c.action is Action.ALARM for page in pages.values() for c in page.cells):
        return pages
    page = pages[home]
    call = Cell(
        "Call nurse",
        Action.ALARM,
        "Please call the nurse",
        color=COLORS["orange"],
        image="symbols/call-nurse.svg",
    )
    added = _with_cell(page, call)
    if added is None:
        run.notes.append(
            f"page '{page.title}' has no call for help and no room for one; "
            "add a Call nurse cell before the patient uses it"
        )
        return pages
    run.notes.append(
        f"page '{page.title}': added a Call nurse cell (other apps have no call for help; "
        "held, it sounds the alarm even when speech fails). Move it where the patient expects it"
    )
    return {**pages, home: added}


_COUNT_WORDS = {
    "sounds": "{n} button(s) had a sound; sounds are not carried over (the board speaks the words)",
    "remote pictures": "{n} picture(s) are only on the internet; they were not loaded "
    "(commboard never goes online) and the cells show their labels; the links are kept",
    "pictures": "{n} picture(s) could not be read (missing, too large or not PNG, JPEG, GIF, "
    "SVG, WebP or BMP); the cells show their labels",
    "symbol pictures": "{n} picture(s) come from a symbol set the file does not hold "
    "({sets}); the cells show their labels",
    "no picture record": "{n} button(s) name a picture the file does not hold; the cells show "
    "their labels",
    "speak with words": "{n} button(s) had ':speak' and words of their own; they say their "
    "words (in the format ':speak' says the message, as the board's Speak cell does)",
    "hidden": "{n} button(s) were hidden in the app that made the board; they were left out "
    "(the patient did not see them there)",
    "not placed": "{n} button(s) were not in the board's grid and were left out",
    "no label": "{n} button(s) had no label or words; they are labelled '(picture)'",
    "links": "{n} button(s) open boards that are not in this file (import the .obz with all "
    "its boards to keep them); they say their words instead",
    "links left out": "{n} button(s) open boards that were left out; they say their words instead",
    "links out of archive": "{n} button(s) open boards that are not in this archive (the app "
    "that made it left them out; the first: {where}); they say their words instead",
}


def _summary(run: _Run) -> tuple[str, ...]:
    notes = list(run.notes)
    for key, n in sorted(run.counts.items()):
        if n and key.startswith("action "):
            notes.append(
                f"{n} button(s) used the action {key[7:]!r}, which commboard does not know; "
                "they say their words instead"
            )
        elif n and key in _COUNT_WORDS:
            sets = ", ".join(repr(name) for name in sorted(run.symbol_sets))
            notes.append(_COUNT_WORDS[key].format(n=n, where=run.first_missing_link, sets=sets))
    return tuple(notes)


def _linked(board: _Board, by_id: dict[str, _Board], by_path: dict[str, _Board]) -> list[_Board]:
    """The boards ``board``'s buttons open (found by id, else path), in button order."""
    found = []
    for button in board.data["buttons"]:
        link = button.get("load_board") if isinstance(button, dict) else None
        if not isinstance(link, dict):
            continue
        target = by_id.get(id_text(link.get("id")) or "")
        path = link.get("path")
        if target is None and isinstance(path, str):
            target = by_path.get(_norm(path))
        if target is not None:
            found.append(target)
    return found


def _nearest(run: _Run, boards: list[_Board]) -> list[_Board]:
    """At most ``MAX_PAGES`` boards: those nearest the home board (the first) by links,
    then the unreached ones in order; the rest are left out (noted, and links to them
    say their words)."""
    if len(boards) <= MAX_PAGES:
        return boards
    by_id: dict[str, _Board] = {}
    by_path = {_norm(b.file): b for b in boards}
    for board in boards:
        by_id.setdefault(board.obf_id, board)
    reached = {boards[0].file: boards[0]}  # breadth first from home
    at = 0
    while at < len(reached) and len(reached) < MAX_PAGES:
        for target in _linked(list(reached.values())[at], by_id, by_path):
            reached.setdefault(target.file, target)
        at += 1
    kept = list(reached.values())[:MAX_PAGES]
    files = {b.file for b in kept}
    kept += [b for b in boards if b.file not in files][: MAX_PAGES - len(kept)]
    files = {b.file for b in kept}
    for board in boards:
        if board.file not in files:
            run.left_out_ids.add(board.obf_id)
            run.left_out_paths.add(_norm(board.file))
    run.notes.append(
        f"the set has {len(boards)} boards; a layout holds at most {MAX_PAGES}: the "
        f"{MAX_PAGES} nearest the home board were imported, {len(boards) - MAX_PAGES} left out"
    )
    return kept


def _layout(run: _Run, boards: list[_Board], name: str, language: str) -> Imported:
    boards = _nearest(run, boards)
    for board in boards:
        board.page_id = page_id_for(board.obf_id, run.taken)
        run.by_id.setdefault(board.obf_id, board)
        run.by_path[_norm(board.file)] = board
    home = boards[0].page_id
    pages = {board.page_id: _page(run, board) for board in boards}
    pages.update({page.id: page for page in run.extra_pages})
    if len(pages) > MAX_PAGES:
        raise ExchangeError(
            boards[0].file,
            None,
            f"makes {len(pages)} pages once its large boards are split; "
            f"a layout holds at most {MAX_PAGES}",
        )
    safe = pages_with_way_home(pages, home)
    pages = {pid: _with_way_back(run, page, safe) for pid, page in pages.items()}
    note = _back_note(run.given_back)
    if note:
        run.notes.append(note)
    pages = _with_call_for_help(run, pages, home)
    layout = Layout(name, language, home, pages)
    near = confusable_cells(layout, DEFAULT_HIGHLIGHT, COLORS)
    if near:  # another app's colours: 'commboard validate' warns too, the import says it now
        page, label = near[0][0], near[0][1]
        run.notes.append(
            f"{len(near)} cell(s) are coloured too close to the scanning highlight (the first: "
            f"page '{page}', cell '{label}'): the patient could take them for the highlighted "
            "cell; change their colour ('commboard validate' lists them)"
        )
    return Imported(layout, run.pictures, _summary(run))


def _language(board: _Board) -> str:
    locale = board.data.get("locale")
    return locale if isinstance(locale, str) and locale.strip() else "en"


def import_board_file(file: str, data: bytes) -> Imported:
    """One ``.obf`` board as a one-page layout (links to other boards are noted, not followed)."""
    board = _board(file, data)
    run = _Run({}, lone=True)
    name = _text(board.data.get("name")) or posixpath.splitext(posixpath.basename(file))[0]
    return _layout(run, [board], name, _language(board))


def _manifest(
    archive: str, entries: Mapping[str, bytes]
) -> tuple[JsonObject, list[str], list[str], list[str]]:
    """(manifest, the listed boards' paths with the home board first, the paths of boards it
    does not list, notes), checked against the archive.

    The format asks for ``manifest.json`` only when an archive holds more than
    one board: a lone board is the home page.  A manifest without ``root``
    (AsTeRICS Grid leaves it out when no home grid is set) starts on the first
    board it lists.
    """
    if "manifest.json" not in entries:
        lone = _board_entries(entries)
        if len(lone) == 1:
            return {}, lone, [], []
        raise ExchangeError(
            archive,
            None,
            f"has {len(lone)} boards but no manifest.json (which says which board is the home page)",
        )
    manifest = parse_json(f"{archive}/manifest.json", entries["manifest.json"])
    where = f"{archive}/manifest.json"
    if not isinstance(manifest, dict):
        raise ExchangeError(
            where, None, "is not a manifest (a JSON object with 'root' and 'paths')"
        )
    root = manifest.get("root")
    if root is not None and (not isinstance(root, str) or _norm(root) not in entries):
        raise ExchangeError(where, "root", f"names no board in this archive ({root!r})")
    paths = (
        manifest.get("paths", {}).get("boards", {})
        if isinstance(manifest.get("paths"), dict)
        else {}
    )
    listed = [p for p in paths.values() if isinstance(p, str)] if isinstance(paths, dict) else []
    for board_id, path in paths.items() if isinstance(paths, dict) else []:
        if not isinstance(path, str) or _norm(path) not in entries:
            raise ExchangeError(
                where, f"paths.boards.{board_id}", f"{path!r} is not in the archive"
            )
    notes = []
    if root is None:
        if not listed:
            raise ExchangeError(where, "root", "missing, and 'paths.boards' lists no board")
        root = listed[0]
        notes.append(
            f"manifest.json names no home board; {{home}} ({_norm(root)}) is the home page"
        )
    ordered = [_norm(root)] + [_norm(p) for p in listed if _norm(p) != _norm(root)]
    # the format recommends importing every board in the archive, listed or not
    unlisted = [name for name in _board_entries(entries) if name not in ordered]
    return manifest, list(dict.fromkeys(ordered)), unlisted, notes


def _board_entries(entries: Mapping[str, bytes]) -> list[str]:
    """Every board (``.obf``) in an archive, leaving out a Mac's zip leftovers
    (``__MACOSX/``, ``._name``: resource forks, not boards)."""
    return sorted(
        name
        for name in entries
        if name.lower().endswith(".obf")
        and not name.startswith("__MACOSX/")
        and not posixpath.basename(name).startswith(".")
    )


def import_archive(archive: str, entries: Mapping[str, bytes]) -> Imported:
    """The boards of an ``.obz`` (its entries already read safely) as a layout, root first.

    Raises:
        ExchangeError: one message with the file and field when a board cannot be read.
    """
    manifest, paths, unlisted, notes = _manifest(archive, entries)
    boards = [_board(f"{archive}/{path}", entries[path]) for path in paths]
    for path in unlisted:
        try:  # a board the manifest does not list: left out (said) when it cannot be read
            boards.append(_board(f"{archive}/{path}", entries[path]))
        except ExchangeError as exc:
            notes.append(f"{exc} (it is not listed in manifest.json); it was left out")
    for board in boards:
        board.file = board.file.removeprefix(f"{archive}/")
    ours = manifest.get(EXT_LAYOUT)
    ours = ours if isinstance(ours, dict) else {}
    name = _text(ours.get("name")) or _text(boards[0].data.get("name")) or "Imported board"
    language = _text(ours.get("language")) or _language(boards[0])
    home = repr(_text(boards[0].data.get("name")) or boards[0].obf_id)
    run = _Run(entries, lone=False, notes=[note.format(home=home) for note in notes])
    listed = (
        manifest.get("paths", {}).get("images") if isinstance(manifest.get("paths"), dict) else None
    )
    if isinstance(listed, dict):
        run.image_paths = {str(k): v for k, v in listed.items() if isinstance(v, str)}
    for board in boards:
        for record in _records(board):
            key = id_text(record.get("id"))
            if key is not None:
                run.pooled_images.setdefault(key, record)
    try:
        return _layout(run, boards, name, language)
    except ExchangeError as exc:
        raise ExchangeError(f"{archive}/{exc.file}", exc.field, _message(exc)) from None


def _message(exc: ExchangeError) -> str:
    text = str(exc)
    prefix = f"{exc.file}: field '{exc.field}': " if exc.field else f"{exc.file}: "
    return text.removeprefix(prefix)
