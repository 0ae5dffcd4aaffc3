"""The shipped symbol set: pictures a layout names as ``symbols/<name>.svg``.

The board ships a small set of OpenMoji pictures (CC BY-SA 4.0, see
``commboard/assets/README.md``) as package data in ``commboard/assets/symbols/``,
found with ``importlib.resources`` like the built-in layouts.  A cell's
``image`` that starts with ``symbols/`` names one of them, wherever the layout
is (the built-in folder, a carer's copy in the user data folder, an import):
a layout folder's own pictures live anywhere else in it, ``images/`` by habit,
so ``symbols/`` is reserved and never looked up in the layout folder.

``symbols.json`` next to the folder lists every symbol's OpenMoji hexcode and
designer; a test keeps it and the files in step.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path, PurePosixPath

SYMBOLS_PREFIX = "symbols/"


@cache  # package data: it does not move while the board runs (and the board asks every frame)
def symbols_root() -> Path:
    """The folder of the shipped symbols (package data ``commboard/assets/symbols``)."""
    return Path(str(resources.files("commboard") / "assets" / "symbols"))


def attribution_file() -> Path:
    """The machine-readable attribution list (name -> OpenMoji hexcode and designer)."""
    return Path(str(resources.files("commboard") / "assets" / "symbols.json"))


def is_symbol(image: str) -> bool:
    """Whether a cell's ``image`` names a shipped symbol (``symbols/drink.svg``)."""
    return image.startswith(SYMBOLS_PREFIX)


def symbol_names() -> list[str]:
    """The shipped symbols as a layout names them (``symbols/drink.svg``), sorted."""
    root = symbols_root()
    if not root.is_dir():
        return []
    return sorted(SYMBOLS_PREFIX + p.name for p in root.glob("*.svg") if p.is_file())


@cache  # the shipped files do not change while the board runs; each drawn cell asks
def symbol_file(image: str) -> Path | None:
    """The file of a shipped symbol reference, or None when no such symbol ships."""
    name = PurePosixPath(image[len(SYMBOLS_PREFIX) :])
    if not is_symbol(image) or len(name.parts) != 1 or name.name.startswith("."):
        return None
    path = symbols_root() / name.name
    return path if path.is_file() else None


def picture_file(folder: Path | None, image: str | None) -> Path | None:
    """Where a cell's picture file is: a shipped symbol, or a path inside the layout folder.

    None: no picture, or a layout-folder picture of a layout built in code (no folder).
    A symbol that does not ship still gives a path (inside the symbol folder), so the
    board shows the label alone and names the missing file in its one banner.
    """
    if image is None:
        return None
    if is_symbol(image):
        return symbol_file(image) or symbols_root() / PurePosixPath(image).name
    return None if folder is None else folder / image
