"""Every page of a layout as a printable sheet: one A4 landscape page per board page.

When the laptop is away (a scan, a power cut, a transfer) a carer points at
the same cells on paper and the patient answers with their switch or a blink:
partner-assisted scanning.  So the sheet shows the same grid, cells, colours
and pictures as the screen, in large type, with the page's title.  The HTML
is self-contained (pictures embedded as data URIs, no scripts, no links to
load) and every text is escaped by jinja2's autoescape.
"""

from __future__ import annotations

import base64
import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass

import jinja2

from commboard.board.layout_cells import COLORS
from commboard.board.model import Action, Layout, Page

_TEMPLATE = """<!DOCTYPE html>
<html lang="{{ language }}">
<head>
<meta charset="utf-8">
<title>{{ name }}</title>
<style>
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; color: #000; }
section { width: 281mm; height: 194mm; display: flex; flex-direction: column;
  page-break-after: always; break-after: page; }
section:last-child { page-break-after: auto; break-after: auto; }
h1 { font-size: 22pt; margin: 0 0 3mm 0; }
h1 small { font-size: 12pt; font-weight: normal; color: #333; }
.grid { flex: 1; display: grid; gap: 2mm; }
.cell { border: 0.6mm solid #000; border-radius: 2mm; display: flex; flex-direction: column;
  align-items: center; justify-content: center; text-align: center; padding: 1mm;
  overflow: hidden; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.cell img { max-width: 90%; max-height: 55%; object-fit: contain; }
.label { font-weight: bold; line-height: 1.1; overflow-wrap: anywhere; }
.note { font-size: 9pt; color: #222; }
.empty { border: none; }
</style>
</head>
<body>
{% for page in pages %}
<section>
<h1>{{ page.title }} <small>{{ name }} &middot; page {{ loop.index }} of {{ pages|length }}</small></h1>
<div class="grid" style="grid-template-columns: repeat({{ page.columns }}, 1fr);
  grid-template-rows: repeat({{ page.rows }}, 1fr);">
{% for cell in page.cells %}{% if cell is none %}<div class="cell empty"></div>
{% else %}<div class="cell" style="background: {{ cell.color }}; font-size: {{ page.font_pt }}pt;">
{% if cell.picture %}<img src="{{ cell.picture }}" alt="">{% endif %}
<div class="label">{{ cell.label }}</div>
{% if cell.note %}<div class="note">{{ cell.note }}</div>{% endif %}
</div>
{% endif %}{% endfor %}
</div>
</section>
{% endfor %}
</body>
</html>
"""

_ENV = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
_SHEET = _ENV.from_string(_TEMPLATE)
_DEFAULT_COLOR = "#ffffff"


@dataclass(frozen=True, slots=True)
class _PrintedCell:
    label: str
    color: str
    picture: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class _PrintedPage:
    title: str
    rows: int
    columns: int
    font_pt: int
    cells: tuple[_PrintedCell | None, ...]


def _data_uri(path: str, data: bytes) -> str:
    kind = mimetypes.guess_type(path)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def _font_pt(page: Page) -> int:
    """Large type that still fits: about a third of a cell's height, 14 to 40 pt."""
    cell_height_pt = 194 / page.rows * 72 / 25.4
    return max(14, min(40, round(cell_height_pt / 3)))


def _note(cell_action: Action, target_title: str | None) -> str | None:
    if cell_action is Action.GO and target_title:
        return f"\u2192 {target_title}"
    if cell_action is Action.ALARM:
        return "calls for help"
    return None


def _page(layout: Layout, page: Page, pictures: Mapping[str, bytes]) -> _PrintedPage:
    cells: list[_PrintedCell | None] = []
    for cell in page.cells:
        if cell is None:
            cells.append(None)
            continue
        target = layout.pages.get(cell.target) if cell.target else None
        data = pictures.get(cell.image) if cell.image else None
        cells.append(
            _PrintedCell(
                label=cell.label,
                color=COLORS.get((cell.color or "").lower(), cell.color or _DEFAULT_COLOR),
                picture=_data_uri(cell.image, data) if cell.image and data else None,
                note=_note(cell.action, target.title if target else None),
            )
        )
    return _PrintedPage(page.title, page.rows, page.columns, _font_pt(page), tuple(cells))


def print_sheets(layout: Layout, pictures: Mapping[str, bytes]) -> str:
    """The whole layout as one self-contained HTML document, home page first.

    Args:
        layout: the board to print.
        pictures: the cells' pictures that could be read (path -> bytes);
            a cell whose picture is missing prints its label alone.
    """
    order = [layout.home, *(pid for pid in layout.pages if pid != layout.home)]
    pages = [_page(layout, layout.pages[pid], pictures) for pid in order]
    return _SHEET.render(name=layout.name, language=layout.language, pages=pages)
