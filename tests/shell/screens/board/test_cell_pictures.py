"""Pictures on cells: drawn above the label on the real board; one that cannot be read leaves the
label alone and one banner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pygame

from commboard.shell.loop import BoardLoop
from commboard.testing import run_for

StartBoard = Callable[..., BoardLoop]
RED = (220, 20, 20)
LAYOUT = """\
format: 1
name: Pictures
home: home
pages:
  - id: home
    rows: 2
    columns: 2
    cells:
      - {label: "Dog", image: images/dog.png}
      - {label: "Cat", image: images/cat.svg}
      - {label: "Ghost", image: images/missing.png}
      - {label: "Plain"}
"""
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<rect width="10" height="10" fill="#1414dc"/></svg>'
)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "pictures"
    (folder / "images").mkdir(parents=True)
    (folder / "layout.yaml").write_text(LAYOUT, encoding="utf-8")
    dog = pygame.Surface((40, 30))
    dog.fill(RED)
    pygame.image.save(dog, str(folder / "images" / "dog.png"))
    (folder / "images" / "cat.svg").write_text(SVG, encoding="utf-8")
    return folder


def _picture_box(loop: BoardLoop, label: str) -> pygame.Rect:
    assert loop.view is not None
    cell = next(c for c in loop.view.cells if c.label == label)
    box, _ = loop.renderer.cell_areas(cell, pygame.Rect(cell.rect), loop.view)
    assert box is not None
    return box


def test_pictures_are_drawn_above_their_labels(tmp_path: Path, start_board: StartBoard) -> None:
    loop = start_board("--scan-interval", "5", layout=_folder(tmp_path))
    run_for(loop, 0.1)
    surface = loop.p.surface
    dog = _picture_box(loop, "Dog")
    assert surface.get_at(dog.center)[:3] == RED
    cat = _picture_box(loop, "Cat")
    assert surface.get_at(cat.center)[:3] == (20, 20, 220)  # the SVG, drawn at the cell's size
    assert loop.view is not None
    ghost = next(c for c in loop.view.cells if c.label == "Ghost")
    assert loop.renderer.cell_areas(ghost, pygame.Rect(ghost.rect), loop.view)[0] is None


def test_a_picture_that_cannot_be_read_gives_one_banner(
    tmp_path: Path, start_board: StartBoard
) -> None:
    loop = start_board(layout=_folder(tmp_path))
    run_for(loop, 0.1)
    run_for(loop, 1.0)
    assert loop.view is not None
    shown = [b.text for b in loop.view.banners if "pictures" in b.text]
    assert shown == [
        "Some pictures could not be shown: missing.png (not found); those cells show their words."
    ]
    assert loop.renderer.pictures.notice() == ""  # told once


def _png_header(width: int, height: int) -> bytes:
    """The first bytes of a PNG of this size (all a header reader needs; the rest is missing)."""
    import struct
    import zlib

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    chunk = b"IHDR" + ihdr
    return (
        b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + chunk + struct.pack(">I", zlib.crc32(chunk))
    )


def test_a_small_file_holding_a_huge_picture_is_not_decoded(tmp_path: Path) -> None:
    """A 12000×12000 PNG fits in 400 kB but decodes to 576 MB: refused from its header."""
    from commboard.control.picture_picker import typed_file_problem
    from commboard.shell.screens.board.pictures import PictureCache, picture_pixels

    huge = tmp_path / "huge.png"
    huge.write_bytes(_png_header(12000, 12000))
    assert picture_pixels(huge) == (12000, 12000)
    cache = PictureCache()
    assert not cache.readable(str(huge))
    assert "12000×12000 pixels" in cache.failed[str(huge)]
    problem = typed_file_problem(str(huge), True, 100, (12000, 12000)) or ""
    assert "12000×12000 pixels" in problem and "16 megapixels" in problem
    assert typed_file_problem(str(huge), True, 100, (800, 600)) is None


def test_an_svg_that_declares_a_huge_size_is_never_drawn_at_it(tmp_path: Path) -> None:
    from commboard.shell.screens.board.pictures import PictureCache

    wide = tmp_path / "wide.svg"
    wide.write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="200000" height="100000" '
        'viewBox="0 0 200 100"><rect width="200" height="100" fill="red"/></svg>',
        encoding="utf-8",
    )
    cache = PictureCache()
    assert cache.readable(str(wide))
    drawn = cache.get(str(wide), (300, 300))
    assert drawn is not None and drawn.get_size() == (
        300,
        150,
    )  # its shape kept, at the cell's size
