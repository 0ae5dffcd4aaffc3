"""The shipped symbol set: every picture is attributed and readable, the built-in layout's
references to it resolve, and a symbol that does not ship is named with its file and line."""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path

import pygame
import pytest

from commboard.board.layout_file import (
    LayoutError,
    builtin_layouts_root,
    load_layout,
    validate_command,
)
from commboard.board.symbols import (
    attribution_file,
    picture_file,
    symbol_file,
    symbol_names,
    symbols_root,
)

ASSETS = symbols_root().parent
SHIPPED = sorted(p for p in builtin_layouts_root().iterdir() if (p / "layout.yaml").is_file())


def _attribution() -> dict[str, dict[str, str]]:
    record = json.loads(attribution_file().read_text(encoding="utf-8"))
    assert record["licence"] == "CC BY-SA 4.0"
    assert record["url"] == "https://openmoji.org"
    symbols: dict[str, dict[str, str]] = record["symbols"]
    return symbols


def test_every_shipped_symbol_is_attributed_in_the_list_and_the_readme() -> None:
    files = {p.stem for p in symbols_root().iterdir()}
    listed = _attribution()
    assert files == set(listed)  # no file without its source, no source without its file
    readme = (ASSETS / "README.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in readme and "https://openmoji.org" in readme
    for name, source in listed.items():
        assert re.fullmatch(r"[0-9A-F]{4,5}(-[0-9A-F]{4,5})*", source["hexcode"]), name
        assert source["designer"] in readme
        assert f"| `symbols/{name}.svg` | {source['hexcode']} |" in readme


def test_the_repository_assets_readme_credits_openmoji_and_points_to_the_list() -> None:
    """``assets/README.md`` (where a reader of the repository looks) names the set and its licence."""
    readme = Path(__file__).parents[2] / "assets" / "README.md"
    text = readme.read_text(encoding="utf-8")
    assert "OpenMoji" in text and "CC BY-SA 4.0" in text
    assert "commboard/assets/README.md" in text and "symbols.json" in text


def test_the_set_is_small() -> None:
    total = sum(p.stat().st_size for p in symbols_root().iterdir())
    assert 30 <= len(symbol_names()) <= 80 and total < 400_000


@pytest.mark.parametrize("name", symbol_names())
def test_every_symbol_loads_and_draws_as_a_picture(name: str) -> None:
    path = symbol_file(name)
    assert path is not None
    assert pygame.image.load(str(path)).get_size() > (0, 0)
    drawn = pygame.image.load_sized_svg(str(path), (64, 64))
    colours = {drawn.get_at((x, y))[:4] for x in range(0, 64, 4) for y in range(0, 64, 4)}
    assert len(colours) > 2  # a picture, not a blank square


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_the_shipped_layouts_pictures_are_shipped_symbols_that_resolve(folder: Path) -> None:
    layout = load_layout(folder)
    images = [c.image for p in layout.pages.values() for c in p.cells if c and c.image]
    assert len(images) >= 30  # the main cells show pictures
    for image in images:
        found = picture_file(folder, image)
        assert image.startswith("symbols/") and found is not None and found.is_file(), image
    home = layout.page(layout.home)
    assert all(c is None or c.image for c in home.cells)  # every home cell has one


def test_a_symbol_that_does_not_ship_is_named_with_its_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = tmp_path / "board.yaml"
    board.write_text(
        textwrap.dedent(
            """\
            format: 1
            name: Test
            home: home
            pages:
              - id: home
                title: Home
                rows: 1
                columns: 2
                cells:
                  - {label: "Drink", image: symbols/drinks.svg}
                  - {label: "Call nurse", action: alarm}
            """
        ),
        encoding="utf-8",
    )
    with pytest.raises(LayoutError) as caught:
        load_layout(board)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == (board, 10)
    assert "no shipped symbol 'symbols/drinks.svg' (did you mean 'symbols/drink.svg'?)" in str(
        problem
    )
    assert validate_command([str(board)]) == 1
    assert f"{board}:10: there is no shipped symbol" in capsys.readouterr().out


def test_a_layout_folder_cannot_shadow_a_symbol(tmp_path: Path) -> None:
    (tmp_path / "symbols").mkdir()
    (tmp_path / "symbols" / "drink.svg").write_text("<svg/>", encoding="utf-8")
    assert picture_file(tmp_path, "symbols/drink.svg") == symbols_root() / "drink.svg"
    assert picture_file(tmp_path, "images/dog.png") == tmp_path / "images" / "dog.png"
    assert symbol_file("symbols/../symbols/drink.svg") is None
