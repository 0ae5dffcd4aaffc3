"""A button's picture in an OBF import: found, read, and given its place in the layout folder.

The picture record a button names is looked up on its board, then on any
board of the archive (ids are unique in an ``.obz``), then in the manifest's
``paths.images``.  Its bytes come from a data URI or a path in the archive; a
picture given only as a ``url`` is never fetched (no network): its reference
is kept.  Its kind is what its bytes say, else its declared type.  A picture
that is one of our shipped symbols, byte for byte, stays a reference to it;
any other is carried into ``images/``.  What cannot be carried is counted in
the run for the notes.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import posixpath
from urllib.parse import unquote_to_bytes

from commboard.board.symbols import is_symbol, symbol_file
from commboard.exchange.obf_run import Board, Run, norm
from commboard.exchange.obf_values import (
    SYMBOL_LICENSE,
    UNKNOWN_PICTURE_SIZE,
    JsonObject,
    id_text,
    page_id_for,
)
from commboard.exchange.picture_size import picture_size

MAX_PICTURE_BYTES = 5_000_000
_DROPPED_IMAGE_FIELDS = {"id", "data", "path", "content_type"}
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


def records(board: Board) -> list[JsonObject]:
    """The picture records in a board's ``images`` (entries that are not objects are skipped)."""
    images = board.data.get("images")
    return [r for r in images if isinstance(r, dict)] if isinstance(images, list) else []


def _image_record(run: Run, board: Board, image_id: object) -> JsonObject | None:
    """The picture record a button names: on its board, else (ids are unique in an .obz)
    on another board of the archive, else only in the manifest's ``paths.images``."""
    wanted = id_text(image_id)
    if wanted is None:
        return None
    for record in records(board):
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


def _picture_bytes(run: Run, record: JsonObject) -> tuple[bytes, str, str | None] | None:
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
        if isinstance(path, str) and norm(path) in run.entries:
            suffix = posixpath.splitext(path)[1].lower().lstrip(".")
            kind = record.get("content_type")
            fallback = next((k for k, v in PICTURE_TYPES.items() if v == _SUFFIXES.get(suffix)), "")
            inside = norm(path)
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


def _picture_path(run: Run, image_id: object, data: bytes, suffix: str, inside: str | None) -> str:
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


def picture(run: Run, board: Board, image_id: object) -> tuple[str | None, JsonObject]:
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
