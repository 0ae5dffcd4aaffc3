"""Reading a new file's text back with the loader's own page parser: it must give exactly
the edited page (and the layout's home), or the save is refused.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from commboard.adapters.layout_save_outcome import SaveRefused
from commboard.board.layout_pages import parse_page
from commboard.board.layout_yaml import LayoutProblem, YamlSource
from commboard.board.model import Page
from commboard.control.page_editor import CellProblem


def read_back(file: Path, text: str, page: Page) -> None:
    """Parse the new text with the loader's own page parser; it must give exactly ``page``.

    The rules across pages (links, a way home, the call for help) were checked
    on the model by ``save_problems``; the other files are unchanged.  So the
    layout after the save passes ``commboard validate`` without reading every
    file again (which would cost more than the 100 ms an edit may take).

    Raises:
        SaveRefused: the loader's problems, or a page that reads back differently.
    """
    problems: list[LayoutProblem] = []
    src = YamlSource(file, problems)
    try:
        document = composed(text)
    except yaml.YAMLError as exc:
        raise SaveRefused([CellProblem(None, f"{file.name}: not valid YAML ({exc})")]) from None
    node = page_yaml_node(document, page.id)
    draft = parse_page(src, node) if node is not None else None
    if problems:
        raise SaveRefused([CellProblem(None, str(p)) for p in problems])
    if draft is None or draft.page != page:
        raise SaveRefused([CellProblem(None, f"{file.name}: the page did not read back as edited")])


def composed(text: str) -> yaml.Node | None:
    """``text`` composed (libyaml's composer when PyYAML has it: the same nodes and lines,
    several times faster)."""
    return yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def page_yaml_node(document: yaml.Node | None, page_id: str) -> yaml.Node | None:
    """The page's mapping node in a composed file (a page file, or a ``pages:`` list)."""
    if not isinstance(document, yaml.MappingNode):
        return None
    fields = {k.value: v for k, v in document.value if isinstance(k, yaml.ScalarNode)}
    if isinstance(fields.get("id"), yaml.ScalarNode) and fields["id"].value == page_id:
        return document
    pages = fields.get("pages")
    for item in pages.value if isinstance(pages, yaml.SequenceNode) else []:
        found = page_yaml_node(item, page_id) if isinstance(item, yaml.MappingNode) else None
        if found is not None:
            return found
    return None


def read_back_home(file: Path, text: str, home: str) -> None:
    document = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    fields = (
        {k.value: v for k, v in document.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(document, yaml.MappingNode)
        else {}
    )
    node = fields.get("home")
    if not isinstance(node, yaml.ScalarNode) or node.value != home:
        raise SaveRefused([CellProblem(None, f"{file.name}: the home page did not read back")])
