"""The size written on an exported picture is the picture's own."""

from __future__ import annotations

import struct

import pytest

from commboard.board.symbols import symbol_file
from commboard.exchange.picture_size import picture_size

PNG = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + struct.pack(">II", 640, 480)
GIF = b"GIF89a" + struct.pack("<HH", 32, 16) + b"\0" * 4
BMP = b"BM" + b"\0" * 16 + struct.pack("<ii", 100, -50) + b"\0" * 8
# a JPEG with an APP0 segment before its frame header (SOF0: height 200, width 300)
JPEG = (b"\xff\xd8" + b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\0" + b"\0" * 9
        + b"\xff\xc0" + struct.pack(">HBHH", 17, 8, 200, 300) + b"\0" * 12)  # fmt: skip
WEBP_X = (
    b"RIFF\0\0\0\0WEBPVP8X" + b"\0" * 8 + (99).to_bytes(3, "little") + (49).to_bytes(3, "little")
)
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="72px" height="36">'
SVG_BOX = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 72 72"><path d=""/></svg>'


@pytest.mark.parametrize(
    ("data", "size"),
    [
        (PNG, (640, 480)),
        (GIF, (32, 16)),
        (BMP, (100, 50)),
        (JPEG, (300, 200)),
        (WEBP_X, (100, 50)),
        (SVG, (72, 36)),
        (SVG_BOX, (72, 72)),
    ],  # fmt: skip
    ids=["png", "gif", "bmp", "jpeg", "webp", "svg", "svg-viewbox"],
)
def test_the_size_is_read_from_the_picture(data: bytes, size: tuple[int, int]) -> None:
    assert picture_size(data) == size


@pytest.mark.parametrize("data", [b"", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"hello", b"<svg>"])
def test_bytes_that_do_not_say_give_no_size(data: bytes) -> None:
    assert picture_size(data) is None


def test_a_shipped_symbol_has_a_size() -> None:
    path = symbol_file("symbols/drink.svg")
    assert path is not None
    size = picture_size(path.read_bytes())
    assert size is not None and size[0] > 0 and size[1] > 0
