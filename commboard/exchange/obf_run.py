"""What one OBF import shares between its steps: the boards it read and what it has found.

:class:`Board` is one parsed board (its file, its JSON, the page it becomes);
:class:`Run` is the import so far (boards by id and by path, the pictures
carried, the counts and notes told to the carer).  Every step
(:mod:`~commboard.exchange.obf_pictures`, :mod:`~commboard.exchange.obf_cells`,
:mod:`~commboard.exchange.obf_pages`, :mod:`~commboard.exchange.obf_import`)
takes the run and adds to it.  Also here, as each step reads with them: an
archive path made plain, a text trimmed to a label, and another app's fields
kept when they are not nested too deeply.
"""

from __future__ import annotations

import posixpath
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from commboard.board.model import Page
from commboard.exchange.obf_values import JsonObject

MAX_LABEL = 500  # characters
MAX_KEPT_DEPTH = 20  # nesting of another app's fields we keep; deeper ones are left out


@dataclass
class Board:
    """One parsed board: where it came from and its JSON."""

    file: str
    obf_id: str
    data: JsonObject
    page_id: str = ""
    nulls: int = 0  # empty entries (null) in 'buttons', skipped
    made_grid: bool = False  # the board had no grid: its buttons were laid out in order


@dataclass
class Run:
    """What an import has found so far, shared by the steps."""

    entries: Mapping[str, bytes]
    lone: bool  # a single .obf: links to other boards cannot be followed
    by_id: dict[str, Board] = field(default_factory=dict)
    by_path: dict[str, Board] = field(default_factory=dict)
    pictures: dict[str, bytes] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    first_missing_link: str = ""  # where the first link to a board left out of an .obz is
    image_paths: dict[str, str] = field(default_factory=dict)  # manifest: picture id -> path
    symbol_sets: set[str] = field(default_factory=set)  # symbol sets pictures came from
    pooled_images: dict[str, JsonObject] = field(default_factory=dict)  # .obz: id -> record
    left_out_ids: set[str] = field(default_factory=set)  # boards past MAX_PAGES, left out
    left_out_paths: set[str] = field(default_factory=set)
    given_back: list[str] = field(default_factory=list)  # titles of pages given a Back cell
    taken: set[str] = field(default_factory=set)  # page ids in use
    extra_pages: list[Page] = field(default_factory=list)  # a big board's continuation pages


def norm(path: str) -> str:
    """A path as the archive names its entries: ``/`` only, ``..`` folded, no leading ``/``."""
    return posixpath.normpath(path.replace("\\", "/")).lstrip("/")


def clean_text(value: object) -> str | None:
    """Text stripped and cut to ``MAX_LABEL`` characters; None when absent, blank or not text."""
    return value.strip()[:MAX_LABEL] or None if isinstance(value, str) else None


def _depth(value: object, limit: int) -> int:
    """How deeply ``value`` nests lists and mappings (counting stops past ``limit``)."""
    if limit < 0 or not isinstance(value, dict | list):
        return 0
    items = value.values() if isinstance(value, dict) else value
    return 1 + max((_depth(v, limit - 1) for v in items), default=0)


def keepable(run: Run, owner: str, fields: JsonObject) -> JsonObject:
    """Another app's fields to keep, without any nested deeper than ``MAX_KEPT_DEPTH``."""
    kept: JsonObject = {}
    for key, value in fields.items():
        if _depth(value, MAX_KEPT_DEPTH) > MAX_KEPT_DEPTH:
            run.notes.append(f"'{owner}': field {key!r} is nested too deeply to keep; left out")
        else:
            kept[key] = value
    return kept
