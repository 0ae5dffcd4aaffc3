"""The size in pixels of a picture, read from its first bytes (no decoding, no library).

The Open Board Format requires ``width`` and ``height`` on every picture
record; commboard's pictures are files it carries but never decodes here.
PNG, GIF, JPEG, BMP, WebP and SVG (its ``width``/``height`` in pixels, else
its ``viewBox``); None when the bytes do not say.
"""

from __future__ import annotations

import re
import struct

_SVG_TAG = re.compile(rb"<svg\b[^>]*>", re.IGNORECASE | re.DOTALL)
_NUMBER = r"\s*=\s*[\"']\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*[\"']"
_SVG_WIDTH = re.compile(rb"\swidth" + _NUMBER.encode())
_SVG_HEIGHT = re.compile(rb"\sheight" + _NUMBER.encode())
_VIEWBOX = re.compile(
    rb"\sviewBox\s*=\s*[\"']\s*-?[0-9.]+[\s,]+-?[0-9.]+[\s,]+([0-9.]+)[\s,]+([0-9.]+)\s*[\"']"
)
_JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2
    while at + 9 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_FRAMES:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp(data: bytes) -> tuple[int, int] | None:
    kind = data[12:16]
    if kind == b"VP8X" and len(data) >= 30:
        return 1 + int.from_bytes(data[24:27], "little"), 1 + int.from_bytes(data[27:30], "little")
    if kind == b"VP8 " and len(data) >= 30:
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if kind == b"VP8L" and len(data) >= 25:
        bits = int.from_bytes(data[21:25], "little")
        return 1 + (bits & 0x3FFF), 1 + ((bits >> 14) & 0x3FFF)
    return None


def _svg(data: bytes) -> tuple[int, int] | None:
    tag = _SVG_TAG.search(data[:20_000])
    if tag is None:
        return None
    width, height = _SVG_WIDTH.search(tag.group()), _SVG_HEIGHT.search(tag.group())
    if width and height:
        return round(float(width.group(1))), round(float(height.group(1)))
    box = _VIEWBOX.search(tag.group())
    if box:
        return round(float(box.group(1))), round(float(box.group(2)))
    return None


def picture_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) in pixels, both at least 1, or None when the bytes do not say."""
    size: tuple[int, int] | None = None
    try:
        if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24:
            size = struct.unpack(">II", data[16:24])
        elif data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
            size = struct.unpack("<HH", data[6:10])
        elif data.startswith(b"BM") and len(data) >= 26:
            width, height = struct.unpack("<ii", data[18:26])
            size = (width, abs(height))  # a negative height: stored top-down
        elif data.startswith(b"\xff\xd8"):
            size = _jpeg(data)
        elif data[:4] == b"RIFF" and data[8:12] == b"WEBP":
            size = _webp(data)
        else:
            size = _svg(data)
    except (struct.error, ValueError, OverflowError):
        return None
    if size is None or size[0] < 1 or size[1] < 1:
        return None
    return int(size[0]), int(size[1])
