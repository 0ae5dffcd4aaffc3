"""Reading an OBZ (a zip archive of boards) that may have been made to do harm.

An ``.obz`` comes from outside: a download, a USB stick, an e-mail.  It is
read into memory, never extracted, and refused before any decompression when
it could escape a folder or exhaust the machine:

* entry names that are absolute (``/etc/x``, ``C:\\x``), contain ``..``,
  backslashes or NUL, or repeat (``boards/./1.obf`` repeats ``boards/1.obf``);
* symbolic links (a zip can store one; extracting it would point anywhere);
* more than ``MAX_ENTRIES`` entries -- counted from the archive's end record
  before Python's zip reader parses the whole directory, so 100,000 entries
  are refused in milliseconds;
* a total uncompressed size over ``MAX_TOTAL_BYTES`` (the "1 GB bomb" is
  refused from its declared sizes alone), an entry over ``MAX_ENTRY_BYTES``,
  or a compression ratio over ``MAX_RATIO`` (zip bombs);
* reading stops at the declared size, so an entry that lies about its size
  cannot inflate past it (``zipfile`` also checks the CRC).

Only the entries the import needs are decompressed: JSON boards and the
manifest, and pictures.
"""

from __future__ import annotations

import posixpath
import stat
import struct
import zipfile
import zlib
from pathlib import Path

from commboard.exchange.obf_values import ExchangeError
from commboard.regular_file import NOT_A_FILE, is_regular_file

MAX_ARCHIVE_BYTES = 200_000_000  # the .obz file itself
MAX_ENTRIES = 5_000  # a 200-page layout with a picture per cell stays well under
MAX_TOTAL_BYTES = 100_000_000  # everything, uncompressed
MAX_ENTRY_BYTES = 20_000_000  # one entry, uncompressed
MAX_BOARD_BYTES = 2_000_000  # one .obf board or the manifest: a 12x12 board is a few kB
MAX_RATIO = 100  # uncompressed / compressed, for entries over RATIO_FLOOR
RATIO_FLOOR = 65_536  # small files (a 2 kB board of repeated fields) may compress well
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"
_WANTED = (".obf", ".json", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".bmp")


def _declared_entries(path: Path, size: int) -> int | None:
    """The entry count in the archive's end record (read from the last 64 kB), or None."""
    with path.open("rb") as file:
        tail_size = min(size, 65_557)
        file.seek(size - tail_size)
        tail = file.read(tail_size)
        at = tail.rfind(_EOCD)
        if at < 0 or at + 22 > len(tail):
            return None
        (count,) = struct.unpack("<H", tail[at + 10 : at + 12])
        if count != 0xFFFF or at < 20 or tail[at - 20 : at - 16] != _ZIP64_LOCATOR:
            return count
        (offset,) = struct.unpack("<Q", tail[at - 12 : at - 4])
        if offset + 56 > size:
            return None
        file.seek(offset + 32)
        (count64,) = struct.unpack("<Q", file.read(8))
        return int(count64)


def _name_problem(name: str) -> str | None:
    if "\x00" in name or "\\" in name:
        return "has a name with a backslash or a NUL character"
    if name.startswith("/") or (len(name) > 1 and name[1] == ":"):
        return "has an absolute path (it would be written outside the layout folder)"
    if ".." in name.split("/"):
        return "has a path with '..' (it would be written outside the layout folder)"
    return None


def _check_entry(archive: str, info: zipfile.ZipInfo, seen: set[str]) -> None:
    name = info.filename
    problem = _name_problem(name)
    if problem is None and stat.S_ISLNK(info.external_attr >> 16):
        problem = "is a symbolic link; archives with links are refused"
    key = posixpath.normpath(name)  # the name it is read under: boards/./1.obf is boards/1.obf
    if problem is None and key in seen:
        problem = "appears twice in the archive"
    if problem is None and info.file_size > MAX_ENTRY_BYTES:
        problem = f"is {info.file_size:,} bytes uncompressed; at most {MAX_ENTRY_BYTES:,} per file"
    ratio = info.file_size / max(info.compress_size, 1)
    if problem is None and info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
        problem = f"expands {ratio:,.0f} times (a zip bomb?); at most {MAX_RATIO} times"
    if problem is not None:
        raise ExchangeError(archive, None, f"entry {name[:120]!r} {problem}; nothing was imported")
    seen.add(key)


def _check_archive(archive: str, path: Path) -> int:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExchangeError(archive, None, f"cannot be read: {exc.strerror or exc}") from None
    if not is_regular_file(path):  # a pipe would keep the reading waiting for ever
        raise ExchangeError(archive, None, f"cannot be read: {NOT_A_FILE}")
    if size > MAX_ARCHIVE_BYTES:
        raise ExchangeError(archive, None, f"is {size:,} bytes; at most {MAX_ARCHIVE_BYTES:,}")
    count = _declared_entries(path, size)
    if count is None:
        raise ExchangeError(archive, None, "is not a zip archive (an .obz is one)")
    if count > MAX_ENTRIES:
        raise ExchangeError(
            archive, None, f"has {count:,} entries; at most {MAX_ENTRIES:,}; nothing was imported"
        )
    return size


def _read(archive: str, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    limit = (
        MAX_BOARD_BYTES if info.filename.lower().endswith((".obf", ".json")) else MAX_ENTRY_BYTES
    )
    if info.file_size > limit:
        raise ExchangeError(
            archive, None, f"entry {info.filename!r} is {info.file_size:,} bytes; at most {limit:,}"
        )
    with zf.open(info) as stream:
        data = stream.read(info.file_size + 1)
    if len(data) > info.file_size:
        raise ExchangeError(archive, None, f"entry {info.filename!r} is larger than it says")
    return data


def read_obz(path: Path) -> dict[str, bytes]:
    """The boards, manifest and pictures of an ``.obz``, name -> bytes, after every check.

    Raises:
        ExchangeError: the archive is refused (the message says why); nothing is written.
    """
    archive = path.name
    _check_archive(archive, path)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise ExchangeError(
                    archive, None, f"has {len(infos):,} entries; at most {MAX_ENTRIES:,}"
                )
            seen: set[str] = set()
            total = 0
            for info in infos:
                _check_entry(archive, info, seen)
                total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise ExchangeError(
                    archive,
                    None,
                    f"would expand to {total:,} bytes; at most {MAX_TOTAL_BYTES:,}; "
                    "nothing was imported",
                )
            return {
                posixpath.normpath(info.filename): _read(archive, zf, info)
                for info in infos
                if not info.is_dir() and info.filename.lower().endswith(_WANTED)
            }
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        NotImplementedError,  # zipfile: an entry packed with a compression method it lacks
        EOFError,
        zlib.error,
    ) as exc:
        raise ExchangeError(archive, None, f"is a damaged zip archive ({exc})") from None
    except RuntimeError as exc:  # encrypted entries
        raise ExchangeError(archive, None, f"cannot be read ({exc})") from None
    except OSError as exc:
        raise ExchangeError(archive, None, f"cannot be read: {exc.strerror or exc}") from None
