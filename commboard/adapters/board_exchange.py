"""``commboard import``, ``export`` and ``print``: the files around the pure exchange code.

* import: read the ``.obf``/``.obz`` (archives through ``obz_archive``'s
  checks), map it (``commboard.exchange.obf_import``), write the layout
  folder into a hidden temporary folder next to its destination, check it
  with the same validator as ``commboard validate``, and only then rename it
  into place.  A failed import leaves nothing behind; an existing folder is
  never overwritten.
* export / print: load and validate the layout, read its pictures (only
  inside the layout folder, and the shipped symbols it names), and write the ``.obz`` / ``.html`` atomically
  (a temporary file renamed over); an existing file is replaced only with
  ``--force``, and never one of the files the layout is read from (its YAML
  or a picture it shows): that would destroy the carer's layout.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path

from commboard.board.layout_file import HEADER_FILE, LayoutError, load_layout
from commboard.board.layout_places import user_layouts_dir
from commboard.board.model import Layout
from commboard.board.symbols import is_symbol, symbol_file
from commboard.counts import counted
from commboard.exchange.layout_text import layout_files
from commboard.exchange.obf_export import export_layout, pictures
from commboard.exchange.obf_import import Imported, import_archive, import_board_file
from commboard.exchange.obf_pictures import MAX_PICTURE_BYTES
from commboard.exchange.obf_values import ExchangeError, page_id_for
from commboard.exchange.print_sheet import print_sheets
from commboard.private_folder import make_private_folder
from commboard.regular_file import read_regular, same_file

from .obz_archive import MAX_BOARD_BYTES, read_obz

NOTES_FILE = "import-notes.txt"
ZIP_MAGIC = b"PK\x03\x04"
IMPORT_COMMENT = "Imported from {source} by 'commboard import'.\nSee commboard/layouts/README.md for every field."


def _first_bytes(source: Path) -> bytes:
    """The first bytes of a regular file (b"" for anything else; never waits on a pipe)."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return b""
    try:
        return os.read(fd, 8) if stat.S_ISREG(os.fstat(fd).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(fd)


def read_board_file(source: Path) -> Imported:
    """Map an ``.obf`` or ``.obz`` file to a layout (in memory; nothing is written).

    A file named for one but holding the other (a set saved as ``.obf``, a board
    as ``.obz``: the name changed on the way) is read as what it holds.
    """
    suffix = source.suffix.lower()
    if suffix not in (".obf", ".obz"):
        raise ExchangeError(source.name, None, "is not an .obf board or an .obz archive")
    head = _first_bytes(source)
    if suffix == ".obf" and head.startswith(ZIP_MAGIC):
        suffix = ".obz"
    elif suffix == ".obz" and head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
        suffix = ".obf"
    if suffix == ".obz":
        return import_archive(source.name, read_obz(source))
    try:
        size = source.stat().st_size
        if size > MAX_BOARD_BYTES:
            raise ExchangeError(
                source.name, None, f"is {size:,} bytes; a board may be at most {MAX_BOARD_BYTES:,}"
            )
        data = read_regular(source)
    except OSError as exc:
        raise ExchangeError(source.name, None, f"cannot be read: {exc.strerror or exc}") from None
    return import_board_file(source.name, data)


def _new_parents(folder: Path) -> list[Path]:
    """The folders above ``folder`` that do not exist yet, outermost first."""
    missing = []
    for parent in folder.parents:
        if parent.exists():
            break
        missing.append(parent)
    return missing[::-1]


def _write_all(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        path = folder / name
        make_private_folder(path.parent)
        with open(path, "xb") as file:
            file.write(data)
        path.chmod(0o600)


def _check_written(folder: Path, expected: Layout) -> None:
    try:
        loaded = load_layout(folder)
    except LayoutError as exc:
        first = exc.problems[0]
        where = first.path.name + (f" line {first.line}" if first.line else "")
        raise ExchangeError(
            "the imported layout", None, f"{where}: {first.message}; nothing was imported"
        ) from None
    if replace(loaded, source=None) != replace(expected, source=None):
        raise ExchangeError("the imported layout", None, "did not read back as imported")


def write_layout(target: Path, imported: Imported, source_name: str) -> None:
    """Write an imported layout folder at ``target``, all or nothing.

    Raises:
        ExchangeError: ``target`` exists, cannot be written, or the result fails validation.
    """
    if target.exists():
        raise ExchangeError(str(target), None, "already exists; choose another --into folder")
    files = layout_files(imported.layout, IMPORT_COMMENT.format(source=source_name))
    files.update(imported.pictures)
    if imported.notes:  # every note, where a carer can read them later (only *.yaml is loaded)
        files[NOTES_FILE] = notes_text(source_name, imported.notes).encode("utf-8")
    created = _new_parents(target)
    temp: Path | None = None
    try:
        make_private_folder(target.parent)
        temp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
        _write_all(temp, files)
        _check_written(temp, imported.layout)
        os.rename(temp, target)
        temp = None
    except OSError as exc:
        raise ExchangeError(
            str(target), None, f"cannot be written: {exc.strerror or exc}"
        ) from None
    finally:
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()


def default_target(imported: Imported) -> Path:
    """A new folder in the carer's layouts folder, named after the layout."""
    folder = user_layouts_dir()
    base = page_id_for(imported.layout.name.lower(), set())
    taken = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    return folder / page_id_for(base, taken)


def _layout_folder(layout: Layout) -> Path | None:
    source = layout.source
    if source is None:
        return None
    return source if source.is_dir() else source.parent


def read_pictures(layout: Layout) -> dict[str, bytes]:
    """The layout's pictures that can be read: inside its folder or shipped symbols, at most 5 MB each."""
    folder = _layout_folder(layout)
    found: dict[str, bytes] = {}
    for name in sorted(pictures(layout)):
        symbol = symbol_file(name) if is_symbol(name) else None
        if symbol is not None:
            with contextlib.suppress(OSError):
                found[name] = symbol.read_bytes()
            continue
        if folder is None or is_symbol(name):
            continue
        root = folder.resolve()
        path = folder / name
        try:
            real = path.resolve()
            if not real.is_relative_to(root) or real.stat().st_size > MAX_PICTURE_BYTES:
                continue
            found[name] = real.read_bytes()
        except OSError:
            continue
    return found


def _pages_folder(layout: Layout) -> Path | None:
    """The folder whose every ``.yaml``/``.yml`` is a page of ``layout`` (None: a one-file layout,
    which reads only itself)."""
    source = layout.source
    if source is None or not (source.is_dir() or source.name == HEADER_FILE):
        return None
    return source if source.is_dir() else source.parent


def _layout_sources(layout: Layout) -> list[Path]:
    """The files ``layout`` is read from: its YAML and the pictures in its folder."""
    source, folder, pages = layout.source, _layout_folder(layout), _pages_folder(layout)
    files = [source] if source is not None and source.is_file() else []
    if pages is not None:
        files += [*pages.glob("*.yaml"), *pages.glob("*.yml")]
    if folder is not None:
        files += [folder / name for name in pictures(layout) if not is_symbol(name)]
    return files


def _new_page_file(target: Path, layout: Layout) -> bool:
    """Whether writing ``target`` would add a page file to ``layout`` (and break it: an archive
    or a web page is not a page)."""
    pages = _pages_folder(layout)
    if pages is None or target.suffix not in (".yaml", ".yml"):
        return False
    with contextlib.suppress(OSError):
        return target.parent.resolve() == pages.resolve()
    return False


def _own_file(target: Path, layout: Layout) -> bool:
    """Whether ``target`` is one of the files ``layout`` is read from (links followed)."""
    return any(same_file(target, path) for path in _layout_sources(layout))


def _write_atomically(target: Path, write, force: bool, layout: Layout | None = None) -> None:  # noqa: ANN001 - a callback
    if layout is not None and target.exists() and _own_file(target, layout):
        raise ExchangeError(
            str(target), None, "is a file of the layout itself; choose another file name"
        )
    if layout is not None and _new_page_file(target, layout):
        raise ExchangeError(
            str(target),
            None,
            "would become a page of the layout (the layout reads every .yaml and .yml in its"
            " folder); choose another file name or folder",
        )
    if target.exists() and not force:
        raise ExchangeError(str(target), None, "already exists; add --force to replace it")
    folder = target.parent or Path(".")
    if not folder.is_dir():  # a mistyped --to: one sentence, not a traceback from mkstemp
        raise ExchangeError(
            str(target), None, f"cannot be written: the folder {folder} does not exist"
        )
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise ExchangeError(
            str(target), None, f"cannot be written: {exc.strerror or exc}"
        ) from None
    os.close(handle)
    try:
        write(Path(name))
        os.replace(name, target)
    except OSError as exc:
        raise ExchangeError(
            str(target), None, f"cannot be written: {exc.strerror or exc}"
        ) from None
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)


def write_obz(
    target: Path, entries: dict[str, bytes], force: bool = False, layout: Layout | None = None
) -> None:
    """Write an ``.obz`` archive (manifest first) atomically (never over ``layout``'s files)."""

    def write(path: Path) -> None:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name in sorted(entries, key=lambda n: (n != "manifest.json", n)):
                zf.writestr(name, entries[name])

    _write_atomically(target, write, force, layout)


def write_text(target: Path, text: str, force: bool = False, layout: Layout | None = None) -> None:
    """Write a text file (UTF-8) atomically (never over ``layout``'s files)."""
    _write_atomically(target, lambda path: path.write_text(text, encoding="utf-8"), force, layout)


def notes_text(source_name: str, notes: tuple[str, ...]) -> str:
    """The notes of an import as a text file a carer can open."""
    lines = [f"Importing {source_name} into this layout, commboard noted:", ""]
    return "\n".join([*lines, *(f"- {note}" for note in notes), ""])


# --- the commands ------------------------------------------------------------


def _load(raw: str) -> Layout | None:
    try:
        return load_layout(raw)
    except LayoutError as exc:
        for problem in exc.problems:
            print(problem)
        print(
            "The layout has problems (fix them, check with 'commboard validate'); nothing was written."
        )
        return None


def import_command(source: str, into: str | None) -> int:
    """``commboard import FILE.obf|FILE.obz [--into DIR]``: 0 on success, 1 with one message."""
    try:
        imported = read_board_file(Path(source))
        target = Path(into) if into else default_target(imported)
        write_layout(target, imported, Path(source).name)
    except ExchangeError as exc:
        print(f"Cannot import: {exc}")
        return 1
    except (RecursionError, MemoryError, ValueError, OSError) as exc:  # never a traceback
        print(f"Cannot import: {Path(source).name}: could not be read ({type(exc).__name__})")
        return 1
    print(f"Imported {counted(len(imported.layout.pages), 'page')} into {target}")
    for note in imported.notes:
        print(f"  note: {note}")
    print(f"Choose it in the carer menu (L) or run: commboard run --layout {target}")
    return 0


def export_command(layout_path: str, to: str, force: bool = False) -> int:
    """``commboard export LAYOUT --to FILE.obz``: 0 on success, 1 with the problems."""
    layout = _load(layout_path)
    if layout is None:
        return 1
    converted = export_layout(layout, read_pictures(layout))
    try:
        write_obz(Path(to), converted.files, force, layout)
    except ExchangeError as exc:
        print(f"Cannot export: {exc}")
        return 1
    print(f"Exported {counted(len(layout.pages), 'page')} to {to}")
    for note in converted.notes:
        print(f"  note: {note}")
    return 0


def print_command(layout_path: str, out: str, force: bool = False) -> int:
    """``commboard print LAYOUT --out FILE.html``: every page as a printable A4 sheet."""
    layout = _load(layout_path)
    if layout is None:
        return 1
    try:
        write_text(Path(out), print_sheets(layout, read_pictures(layout)), force, layout)
    except ExchangeError as exc:
        print(f"Cannot print: {exc}")
        return 1
    print(
        f"Wrote {len(layout.pages)} pages to {out}: open it in a browser and print (A4, landscape)"
    )
    return 0
