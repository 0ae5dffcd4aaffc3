"""What commboard exports has every field the Open Board Format requires.

The checks follow the format's published rules as its reference validator
(openboardformat.org, the ``obf`` gem's validator) applies them: a board has
``format``, ``id``, ``locale``, ``buttons`` (each with ``id`` and ``label``),
``grid`` (``rows`` x ``columns``, ``order`` exactly that shape, naming only its
buttons), ``images`` and ``sounds``; a picture has ``id``, ``width``,
``height``, an image ``content_type`` and a ``data``/``path``/``url`` (a path in
the archive); colours are ``rgb(...)``/``rgba(...)``; image ids are unique in
the archive; the manifest names its root and every board by its id.
"""

from __future__ import annotations

import base64
import io
import json
import re
import struct
import zipfile
from pathlib import Path

import pytest

from commboard.adapters.board_exchange import export_command, import_command
from commboard.board.layout_file import builtin_layouts_root
from commboard.testing.archives import zip_bytes

SHIPPED = sorted(p for p in builtin_layouts_root().iterdir() if (p / "layout.yaml").is_file())
COLOR = re.compile(r"^\s*rgba?\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*(,\s*[01]\.?\d*)?\)\s*")


def _image_problems(where: str, image: dict[str, object], names: set[str]) -> list[str]:
    found = []
    for size in ("width", "height"):
        value = image.get(size)
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            found.append(f"{where}: image {image.get('id')}: {size} {value!r}")
    if not re.match(r"^image/.+$", str(image.get("content_type", ""))):
        found.append(f"{where}: image {image.get('id')}: content_type")
    if not any(image.get(k) for k in ("data", "path", "url", "symbol")):
        found.append(f"{where}: image {image.get('id')}: no data, path, url or symbol")
    if "path" in image and image["path"] not in names:
        found.append(f"{where}: image {image.get('id')}: path {image['path']} not in the archive")
    return found


def _board_problems(where: str, board: dict[str, object], names: set[str]) -> list[str]:
    found = [f"{where}: {key}" for key in ("format", "id", "locale") if not board.get(key)]
    found += [f"{where}: {key}" for key in ("buttons", "images", "sounds")
              if not isinstance(board.get(key), list)]  # fmt: skip
    buttons = board.get("buttons")
    assert isinstance(buttons, list)
    ids = {b.get("id") for b in buttons}
    for button in buttons:
        if not button.get("id") or not button.get("label"):
            found.append(f"{where}: button {button.get('id')}: id and label")
        for color in ("background_color", "border_color"):
            if color in button and not COLOR.match(str(button[color])):
                found.append(f"{where}: button {button.get('id')}: {color} {button[color]!r}")
        action = button.get("action")
        if action is not None and not re.match(r"^[:+]", str(action)):
            found.append(f"{where}: button {button.get('id')}: action {action!r}")
        link = button.get("load_board")
        if isinstance(link, dict) and link.get("path") not in names:
            found.append(f"{where}: button {button.get('id')}: load_board.path")
    grid = board.get("grid")
    assert isinstance(grid, dict)
    rows, columns, order = grid.get("rows"), grid.get("columns"), grid.get("order")
    if (
        not isinstance(order, list)
        or len(order) != rows
        or any(not isinstance(line, list) or len(line) != columns for line in order)
    ):
        found.append(f"{where}: grid.order is not {rows} x {columns}")
    else:
        found += [f"{where}: grid.order names {x!r}" for line in order for x in line
                  if x is not None and x not in ids]  # fmt: skip
    images = board.get("images")
    assert isinstance(images, list)
    for image in images:
        found += _image_problems(where, image, names)
    return found


def obz_problems(data: bytes) -> list[str]:
    """Every required-field problem of an .obz, as short sentences."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    found = [] if manifest.get("format") == "open-board-0.1" else ["manifest: format"]
    if manifest.get("root") not in names:
        found.append("manifest: root")
    boards = manifest.get("paths", {}).get("boards")
    if not isinstance(boards, dict) or not boards:
        return [*found, "manifest: paths.boards"]
    image_ids: list[object] = []
    for board_id, path in boards.items():
        board = json.loads(archive.read(path))
        if str(board.get("id")) != board_id:
            found.append(f"{path}: id {board.get('id')!r} is listed as {board_id!r}")
        found += _board_problems(path, board, names)
        image_ids += [image.get("id") for image in board.get("images", [])]
    repeated = {i for i in image_ids if image_ids.count(i) > 1}
    if repeated:
        found.append(f"image ids used on several boards: {sorted(map(str, repeated))[:5]}")
    found += [f"manifest: image {k}: {p} not in the archive"
              for k, p in manifest.get("paths", {}).get("images", {}).items() if p not in names]  # fmt: skip
    return found


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_layout_exports_a_valid_archive(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "board.obz"
    assert export_command(str(folder), str(out)) == 0
    assert obz_problems(out.read_bytes()) == []


def _png(width: int, height: int) -> bytes:
    header = struct.pack(">II", width, height) + b"\x08\x06\x00\x00\x00"
    return b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR" + header + b"\0" * 8


def test_a_board_from_another_app_exports_valid_again(tmp_path: Path) -> None:
    # what other apps write and we keep: a '#hex' border, a picture only on the web
    # without size or type, a picture with its real size to find, one the file lacked
    png = "data:image/png;base64," + base64.b64encode(_png(64, 48)).decode()
    board = {
        "format": "open-board-0.1", "id": "home", "locale": "en", "name": "Home",
        "buttons": [
            {"id": "1", "label": "tea", "border_color": "#ff0000", "image_id": "web"},
            {"id": "2", "label": "milk", "image_id": "png"},
            {"id": "3", "label": "sugar", "image_id": "gone"},
        ],
        "grid": {"rows": 1, "columns": 3, "order": [["1", "2", "3"]]},
        "images": [{"id": "web", "url": "https://example.org/tea"}, {"id": "png", "data": png},
                   {"id": "gone", "path": "images/gone.png", "content_type": "image/png"}],
    }  # fmt: skip
    manifest = {"format": "open-board-0.1", "root": "boards/home.obf",
                "paths": {"boards": {"home": "boards/home.obf"}}}  # fmt: skip
    source = tmp_path / "in.obz"
    source.write_bytes(
        zip_bytes(
            {
                "manifest.json": json.dumps(manifest).encode(),
                "boards/home.obf": json.dumps(board).encode(),
            }
        )  # fmt: skip
    )
    assert import_command(str(source), str(tmp_path / "mine")) == 0
    out = tmp_path / "out.obz"
    assert export_command(str(tmp_path / "mine"), str(out)) == 0
    assert obz_problems(out.read_bytes()) == []
    exported = json.loads(zipfile.ZipFile(out).read("boards/home.obf"))
    sizes = {b["label"]: b.get("image_id") for b in exported["buttons"]}
    milk = next(i for i in exported["images"] if i["id"] == sizes["milk"])
    assert (milk["width"], milk["height"]) == (64, 48)  # read from the picture itself
    tea = next(b for b in exported["buttons"] if b["label"] == "tea")
    assert tea["border_color"] == "rgb(255, 0, 0)"
