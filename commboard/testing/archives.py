"""OBZ archives for tests and benchmarks: a small good one and hostile ones.

Each hostile archive also holds a valid manifest and board, so it is refused
for its one hostile entry and nothing else.  Built in memory; write the bytes
to a file to import them.
"""

from __future__ import annotations

import io
import json
import struct
import warnings
import zipfile

GOOD_BOARD = {
    "format": "open-board-0.1",
    "id": 1,
    "name": "Tiny",
    "locale": "en",
    "buttons": [{"id": 1, "label": "yes"}, {"id": 2, "label": "no"}],
    "grid": {"rows": 1, "columns": 2, "order": [[1, 2]]},
    "images": [],
    "sounds": [],
}
GOOD_MANIFEST = {
    "format": "open-board-0.1",
    "root": "boards/1.obf",
    "paths": {"boards": {"1": "boards/1.obf"}, "images": {}, "sounds": {}},
}
_CENTRAL = b"PK\x01\x02"
_LOCAL = b"PK\x03\x04"
_EOCD = b"PK\x05\x06"


def good_entries() -> dict[str, bytes]:
    """A manifest and one 1x2 board (yes, no)."""
    return {
        "manifest.json": json.dumps(GOOD_MANIFEST).encode(),
        "boards/1.obf": json.dumps(GOOD_BOARD).encode(),
    }


def zip_bytes(entries: dict[str, bytes], *, extra: list[zipfile.ZipInfo] | None = None) -> bytes:
    """A deflated zip of ``entries`` plus entries described by ``extra`` (with empty data)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
        for info in extra or []:
            zf.writestr(info, b"")
    return out.getvalue()


def good_obz() -> bytes:
    """A valid two-button archive."""
    return zip_bytes(good_entries())


def zip_slip() -> bytes:
    """An entry whose name climbs out of the target folder."""
    return zip_bytes({**good_entries(), "../../outside.obf": b"{}"})


def absolute_path() -> bytes:
    """An entry with an absolute name."""
    return zip_bytes({**good_entries(), "/tmp/evil.obf": b"{}"})


def symlink() -> bytes:
    """An entry that is a symbolic link to /etc/passwd."""
    info = zipfile.ZipInfo("images/link.png")
    info.external_attr = (0o120777 << 16) | 0
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in good_entries().items():
            zf.writestr(name, data)
        zf.writestr(info, b"/etc/passwd")
    return out.getvalue()


def _patch_sizes(data: bytes, name: bytes, size: int) -> bytes:
    """Rewrite the uncompressed size of entry ``name`` in its local and central headers."""
    buf = bytearray(data)
    at = 0
    while (at := buf.find(_LOCAL, at)) >= 0:
        (name_len,) = struct.unpack("<H", buf[at + 26 : at + 28])
        if bytes(buf[at + 30 : at + 30 + name_len]) == name:
            buf[at + 22 : at + 26] = struct.pack("<I", size)
        at += 4
    at = 0
    while (at := buf.find(_CENTRAL, at)) >= 0:
        (name_len,) = struct.unpack("<H", buf[at + 28 : at + 30])
        if bytes(buf[at + 46 : at + 46 + name_len]) == name:
            buf[at + 24 : at + 28] = struct.pack("<I", size)
        at += 4
    return bytes(buf)


def declared_bomb(size: int = 1_000_000_000) -> bytes:
    """An entry that declares ``size`` bytes uncompressed (a 1 GB zip bomb by its headers)."""
    data = zip_bytes({**good_entries(), "images/bomb.png": b"\0" * 1000})
    return _patch_sizes(data, b"images/bomb.png", size)


def ratio_bomb(size: int = 10_000_000) -> bytes:
    """A real entry of ``size`` zero bytes: about 1000 times smaller compressed."""
    return zip_bytes({**good_entries(), "images/zeros.png": b"\0" * size})


def lying_size() -> bytes:
    """An entry that says it is 10 bytes but inflates to 100,000."""
    data = zip_bytes({**good_entries(), "images/liar.png": b"x" * 100_000})
    return _patch_sizes(data, b"images/liar.png", 10)


def many_entries(count: int) -> bytes:
    """``count`` tiny entries besides a valid manifest and board."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in good_entries().items():
            zf.writestr(name, data)
        for i in range(count):
            zf.writestr(f"x/{i}.json", b"")
    return out.getvalue()


def declared_many_entries(count: int = 100_000) -> bytes:
    """A small archive whose end record claims ``count`` entries (capped at 65,534)."""
    data = bytearray(good_obz())
    at = data.rfind(_EOCD)
    claimed = min(count, 0xFFFE)
    data[at + 8 : at + 12] = struct.pack("<HH", claimed, claimed)
    return bytes(data)


def duplicate_names() -> bytes:
    """The same board name twice (the second would silently win on extraction)."""
    info = zipfile.ZipInfo("boards/1.obf")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in good_entries().items():
            zf.writestr(name, data)
        with warnings.catch_warnings():  # zipfile warns "Duplicate name": that is the point
            warnings.simplefilter("ignore")
            zf.writestr(info, b"{}")
    return out.getvalue()


def duplicate_after_normalising() -> bytes:
    """``boards/./1.obf`` beside ``boards/1.obf``: one name once read, the second silently won."""
    return zip_bytes({**good_entries(), "boards/./1.obf": b"{}"})


HOSTILE = {
    "zip_slip": zip_slip,
    "absolute_path": absolute_path,
    "symlink": symlink,
    "declared_1gb_bomb": declared_bomb,
    "ratio_bomb": ratio_bomb,
    "lying_size": lying_size,
    "duplicate_names": duplicate_names,
    "duplicate_after_normalising": duplicate_after_normalising,
    "declared_100k_entries": declared_many_entries,
}
