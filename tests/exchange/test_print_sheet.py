"""``commboard print``: every page on its own A4 landscape sheet, as the patient sees it."""

from __future__ import annotations

import re
from pathlib import Path

from commboard.adapters.board_exchange import print_command
from commboard.board.layout_file import default_layout_path, load_layout
from commboard.cli import main

PNG = b"\x89PNG\r\n\x1a\n" + b"\2" * 20

HOSTILE_LABELS = """\
format: 1
name: "<b>Ward 7</b>"
home: home
pages:
  - id: home
    title: "Home & <script>alert(1)</script>"
    rows: 1
    columns: 3
    cells:
      - {label: "<img src=x onerror=alert(1)>", color: red, image: images/dog.png}
      - {label: "Call nurse", action: alarm}
      - {label: "gone picture", image: images/missing.png}
"""


def test_every_shipped_page_is_one_a4_landscape_sheet(tmp_path: Path) -> None:
    out = tmp_path / "board.html"
    assert main(["print", str(default_layout_path()), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    layout = load_layout(default_layout_path())
    assert "size: A4 landscape" in html
    assert html.count("<section>") == len(layout.pages)
    for page in layout.pages.values():
        assert f"repeat({page.columns}, 1fr)" in html
        assert f"<h1>{page.title.replace(chr(39), '&#39;')} <small>" in html
    home = layout.page("home")
    assert html.index("<h1>Home ") < html.index("<h1>Pain ")  # the home page first
    assert 'style="background: #8fd694;' in html  # "Yes" keeps its green
    assert "\u2192 Pain" in html  # a link says which page it opens
    assert all((c.label.replace("'", "&#39;") in html) for c in home.cells if c is not None)
    # the shipped symbols print with their cells, one picture per cell that shows one
    shown = sum(1 for p in layout.pages.values() for c in p.cells if c is not None and c.image)
    assert html.count('<img src="data:image/svg+xml;base64,') == shown


def test_labels_are_escaped_pictures_embedded_and_nothing_is_fetched(tmp_path: Path) -> None:
    folder = tmp_path / "ward"
    (folder / "images").mkdir(parents=True)
    (folder / "layout.yaml").write_text(HOSTILE_LABELS, encoding="utf-8")
    (folder / "images" / "dog.png").write_bytes(PNG)
    out = tmp_path / "ward.html"
    assert print_command(str(folder), str(out)) == 0
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Ward 7&lt;/b&gt;" in html
    assert html.count("data:image/png;base64,") == 1  # the missing picture: label alone
    assert "gone picture" in html and "calls for help" in html
    assert not re.search(r"(src|href)=\"(https?:|//|file:)", html)  # self-contained


def test_an_existing_sheet_is_replaced_only_when_asked(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "board.html"
    out.write_text("the carer's own notes")
    assert print_command(str(default_layout_path()), str(out)) == 1
    assert "already exists; add --force" in capsys.readouterr().out
    assert out.read_text() == "the carer's own notes"
    assert print_command(str(default_layout_path()), str(out), force=True) == 0
    assert "<section>" in out.read_text(encoding="utf-8")
