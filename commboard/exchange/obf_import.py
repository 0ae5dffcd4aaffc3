"""Open Board Format boards (a ``.obf`` file or the boards of an ``.obz``) as a commboard layout.

Every board becomes a page, its ``grid.order`` the page's cells (``null`` an
empty slot), each button a cell:

* ``load_board`` (found by the linked board's ``id``, else its ``path`` in
  the archive) is ``go``; ``:space`` and ``+letters`` are ``add``;
  ``:backspace``, ``:clear``, ``:home``, ``:speak`` and CoughDrop's ``:hush``
  are ``backspace``, ``clear``, ``home``, ``speak_message``, ``stop_speech``;
  a button with no action says its words (``vocalization``, else its label)
  at once: ``speak``.
* ``ext_commboard_*`` fields (written by our export) win: the action, the hold.
* ``background_color`` (``rgb(...)``) is the cell colour; a picture given as a
  data URI or a path in the archive is carried into ``images/``; a picture
  given only as a ``url`` is never fetched (no network): its reference is kept.
* Fields commboard does not use are kept (``obf:`` in the YAML) and written
  back on export.  What cannot be carried (sounds, unknown actions, remote
  pictures) is told in :attr:`Imported.notes`, in plain words.

Real exports are read as their apps write them (each habit has a test in
``tests/exchange/test_obf_other_apps.py``): a link to a board the archive
left out says its words (noted, with the first one's file and field); a
``null`` button is skipped, a ``hidden`` one left out; a grid over 12 x 12
(at most 144 buttons) is laid out again in reading order, a board without a
grid gets one; a picture's ``path`` missing from the archive is looked up in
the manifest's ``paths.images``; an ``rgba`` colour is shown as on white;
LoveWords' ``:speak`` (with words) and ``:add`` say and add the button's words.

Boards from other apps rely on the app's own Back key; a switch user needs
one in the grid, so a page with no way back gets a ``Back`` cell (noted).
OBF has no call for help, so no other app's board has one: the home page gets
a ``Call nurse`` alarm cell (noted), as every page leads home, and the patient
can call for help even when speech fails.
A file that cannot be read as a board raises :class:`ExchangeError` naming
the file and the field: nothing is imported.

The work is split by what it makes: :mod:`~commboard.exchange.obf_pages` (a
board as a page, the Back and Call nurse cells), :mod:`~commboard.exchange.obf_cells`
(a button as a cell), :mod:`~commboard.exchange.obf_pictures` (a button's
picture) and :mod:`~commboard.exchange.obf_run` (what the steps share).  This
module reads the boards and the manifest, chooses which boards are imported,
and puts the pages together as a layout with its notes.
"""

from __future__ import annotations

import json
import math
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from commboard.board.colors import confusable_cells
from commboard.board.layout_cells import COLORS
from commboard.board.layout_file import DEFAULT_HIGHLIGHT, MAX_PAGES
from commboard.board.layout_page_checks import pages_with_way_home
from commboard.board.layout_pages import MAX_GRID
from commboard.board.model import Layout
from commboard.exchange.obf_pages import (
    back_note,
    board_page,
    grid_size,
    pages_needed,
    with_call_for_help,
    with_way_back,
)
from commboard.exchange.obf_pictures import records
from commboard.exchange.obf_run import Board, Run, clean_text, norm
from commboard.exchange.obf_values import (
    EXT_LAYOUT,
    ExchangeError,
    JsonObject,
    id_text,
    page_id_for,
)

MAX_BUTTONS = 1000  # per board; a 12x12 grid shows 144


@dataclass(frozen=True, slots=True)
class Imported:
    """An imported layout, its pictures (path in the layout folder -> bytes) and the notes."""

    layout: Layout
    pictures: dict[str, bytes]
    notes: tuple[str, ...]


# --- reading JSON ------------------------------------------------------------


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def parse_json(file: str, data: bytes) -> Any:
    """A JSON document, or ExchangeError naming the line."""
    try:
        text = data.decode("utf-8-sig")
        value = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):
            # "\ud800" alone is valid JSON but no character: a label holding it was saved,
            # and then every page written from the layout (print) failed to encode it
            sound = json.dumps(value, ensure_ascii=False).encode("utf-16", "surrogatepass")
            value = json.loads(sound.decode("utf-16", "replace"))
        return value
    except UnicodeDecodeError:
        raise ExchangeError(file, None, "is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ExchangeError(
            file, None, f"is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise ExchangeError(file, None, "is nested too deeply to be a board") from None
    except ValueError:  # a whole number past Python's 4300-digit limit
        raise ExchangeError(file, None, "is not valid JSON (a number far too long)") from None


def _board(file: str, data: bytes) -> Board:
    """Parse and check one board's shape (ids, buttons, grid)."""
    value = parse_json(file, data)
    if not isinstance(value, dict):
        raise ExchangeError(file, None, "is not a board (a JSON object with 'buttons' and 'grid')")
    obf_id = id_text(value.get("id"))
    if obf_id is None:
        raise ExchangeError(file, "id", "missing: every board needs an id")
    buttons = value.get("buttons")
    if not isinstance(buttons, list):
        raise ExchangeError(file, "buttons", "missing or not a list")
    if len(buttons) > MAX_BUTTONS:
        raise ExchangeError(
            file, "buttons", f"has {len(buttons)} buttons; at most {MAX_BUTTONS} are read"
        )
    # Cboard writes null where a tile was empty: skipped (and told)
    count = sum(1 for b in buttons if b is not None)
    board = Board(file, obf_id, dict(value), nulls=len(buttons) - count)
    grid = value.get("grid")
    if grid is None:  # "grid should always be defined", but some writers leave it out
        columns = min(MAX_GRID, max(1, math.ceil(math.sqrt(count))))
        board.data["grid"] = {"rows": max(1, math.ceil(count / columns)), "columns": columns}
        board.made_grid = True
    elif isinstance(grid, dict) and not count and not grid.get("rows") and not grid.get("columns"):
        board.data["grid"] = {"rows": 1, "columns": 1}  # an empty board of 0 x 0 (ParrotAAC)
    grid_size(file, board.data["grid"])
    return board


# --- the boards as a layout ---------------------------------------------------


_COUNT_WORDS = {
    "sounds": "{n} button(s) had a sound; sounds are not carried over (the board speaks the words)",
    "remote pictures": "{n} picture(s) are only on the internet; they were not loaded "
    "(commboard never goes online) and the cells show their labels; the links are kept",
    "pictures": "{n} picture(s) could not be read (missing, too large or not PNG, JPEG, GIF, "
    "SVG, WebP or BMP); the cells show their labels",
    "symbol pictures": "{n} picture(s) come from a symbol set the file does not hold "
    "({sets}); the cells show their labels",
    "no picture record": "{n} button(s) name a picture the file does not hold; the cells show "
    "their labels",
    "speak with words": "{n} button(s) had ':speak' and words of their own; they say their "
    "words (in the format ':speak' says the message, as the board's Speak cell does)",
    "hidden": "{n} button(s) were hidden in the app that made the board; they were left out "
    "(the patient did not see them there)",
    "not placed": "{n} button(s) were not in the board's grid and were left out",
    "no label": "{n} button(s) had no label or words; they are labelled '(picture)'",
    "links": "{n} button(s) open boards that are not in this file (import the .obz with all "
    "its boards to keep them); they say their words instead",
    "links left out": "{n} button(s) open boards that were left out; they say their words instead",
    "links out of archive": "{n} button(s) open boards that are not in this archive (the app "
    "that made it left them out; the first: {where}); they say their words instead",
}


def _summary(run: Run) -> tuple[str, ...]:
    notes = list(run.notes)
    for key, n in sorted(run.counts.items()):
        if n and key.startswith("action "):
            notes.append(
                f"{n} button(s) used the action {key[7:]!r}, which commboard does not know; "
                "they say their words instead"
            )
        elif n and key in _COUNT_WORDS:
            sets = ", ".join(repr(name) for name in sorted(run.symbol_sets))
            notes.append(_COUNT_WORDS[key].format(n=n, where=run.first_missing_link, sets=sets))
    return tuple(notes)


def _linked(board: Board, by_id: dict[str, Board], by_path: dict[str, Board]) -> list[Board]:
    """The boards ``board``'s buttons open (found by id, else path), in button order."""
    found = []
    for button in board.data["buttons"]:
        link = button.get("load_board") if isinstance(button, dict) else None
        if not isinstance(link, dict):
            continue
        target = by_id.get(id_text(link.get("id")) or "")
        path = link.get("path")
        if target is None and isinstance(path, str):
            target = by_path.get(norm(path))
        if target is not None:
            found.append(target)
    return found


def _by_distance(boards: list[Board]) -> list[Board]:
    """``boards`` nearest the home board (the first) first, by links; then the unreached ones."""
    by_id: dict[str, Board] = {}
    by_path = {norm(b.file): b for b in boards}
    for board in boards:
        by_id.setdefault(board.obf_id, board)
    reached = {boards[0].file: boards[0]}  # breadth first from home
    at = 0
    while at < len(reached):
        for target in _linked(list(reached.values())[at], by_id, by_path):
            reached.setdefault(target.file, target)
        at += 1
    return [*reached.values(), *(b for b in boards if b.file not in reached)]


def _nearest(run: Run, boards: list[Board]) -> list[Board]:
    """The boards nearest the home board (the first) by links whose pages fit in
    ``MAX_PAGES`` (a board of more than 142 buttons continues on More pages); the rest
    are left out (noted, and links to them say their words)."""
    needed = {b.file: pages_needed(b) for b in boards}
    total = sum(needed.values())
    if total <= MAX_PAGES:
        return boards
    kept, used = [], 0
    for board in _by_distance(boards):
        if used + needed[board.file] <= MAX_PAGES:
            kept.append(board)
            used += needed[board.file]
    files = {b.file for b in kept}
    for board in boards:
        if board.file not in files:
            run.left_out_ids.add(board.obf_id)
            run.left_out_paths.add(norm(board.file))
    pages = "" if total == len(boards) else f", {total} pages once its large boards are split"
    held = f"{MAX_PAGES} pages" if pages else str(MAX_PAGES)
    run.notes.append(
        f"the set has {len(boards)} boards{pages}; a layout holds at most {held}: the "
        f"{len(kept)} nearest the home board were imported, "
        f"{len(boards) - len(kept)} left out"
    )
    return kept


def _layout(run: Run, boards: list[Board], name: str, language: str) -> Imported:
    boards = _nearest(run, boards)
    for board in boards:
        board.page_id = page_id_for(board.obf_id, run.taken)
        run.by_id.setdefault(board.obf_id, board)
        run.by_path[norm(board.file)] = board
    home = boards[0].page_id
    pages = {board.page_id: board_page(run, board) for board in boards}
    pages.update({page.id: page for page in run.extra_pages})
    if len(pages) > MAX_PAGES:
        raise ExchangeError(
            boards[0].file,
            None,
            f"makes {len(pages)} pages once its large boards are split; "
            f"a layout holds at most {MAX_PAGES}",
        )
    safe = pages_with_way_home(pages, home)
    pages = {pid: with_way_back(run, page, safe) for pid, page in pages.items()}
    note = back_note(run.given_back)
    if note:
        run.notes.append(note)
    pages = with_call_for_help(run, pages, home)
    layout = Layout(name, language, home, pages)
    near = confusable_cells(layout, DEFAULT_HIGHLIGHT, COLORS)
    if near:  # another app's colours: 'commboard validate' warns too, the import says it now
        page, label = near[0][0], near[0][1]
        run.notes.append(
            f"{len(near)} cell(s) are coloured too close to the scanning highlight (the first: "
            f"page '{page}', cell '{label}'): the patient could take them for the highlighted "
            "cell; change their colour ('commboard validate' lists them)"
        )
    return Imported(layout, run.pictures, _summary(run))


def _language(board: Board) -> str:
    locale = board.data.get("locale")
    return locale if isinstance(locale, str) and locale.strip() else "en"


def import_board_file(file: str, data: bytes) -> Imported:
    """One ``.obf`` board as a one-page layout (links to other boards are noted, not followed)."""
    board = _board(file, data)
    run = Run({}, lone=True)
    name = clean_text(board.data.get("name")) or posixpath.splitext(posixpath.basename(file))[0]
    return _layout(run, [board], name, _language(board))


def _manifest(
    archive: str, entries: Mapping[str, bytes]
) -> tuple[JsonObject, list[str], list[str], list[str]]:
    """(manifest, the listed boards' paths with the home board first, the paths of boards it
    does not list, notes), checked against the archive.

    The format asks for ``manifest.json`` only when an archive holds more than
    one board: a lone board is the home page.  A manifest without ``root``
    (AsTeRICS Grid leaves it out when no home grid is set) starts on the first
    board it lists.
    """
    if "manifest.json" not in entries:
        lone = _board_entries(entries)
        if len(lone) == 1:
            return {}, lone, [], []
        raise ExchangeError(
            archive,
            None,
            f"has {len(lone)} boards but no manifest.json (which says which board is the home page)",
        )
    manifest = parse_json(f"{archive}/manifest.json", entries["manifest.json"])
    where = f"{archive}/manifest.json"
    if not isinstance(manifest, dict):
        raise ExchangeError(
            where, None, "is not a manifest (a JSON object with 'root' and 'paths')"
        )
    root = manifest.get("root")
    if root is not None and (not isinstance(root, str) or norm(root) not in entries):
        raise ExchangeError(where, "root", f"names no board in this archive ({root!r})")
    paths = (
        manifest.get("paths", {}).get("boards", {})
        if isinstance(manifest.get("paths"), dict)
        else {}
    )
    listed = [p for p in paths.values() if isinstance(p, str)] if isinstance(paths, dict) else []
    for board_id, path in paths.items() if isinstance(paths, dict) else []:
        if not isinstance(path, str) or norm(path) not in entries:
            raise ExchangeError(
                where, f"paths.boards.{board_id}", f"{path!r} is not in the archive"
            )
    notes = []
    if root is None:
        if not listed:
            raise ExchangeError(where, "root", "missing, and 'paths.boards' lists no board")
        root = listed[0]
        notes.append(f"manifest.json names no home board; {{home}} ({norm(root)}) is the home page")
    ordered = [norm(root)] + [norm(p) for p in listed if norm(p) != norm(root)]
    # the format recommends importing every board in the archive, listed or not
    unlisted = [name for name in _board_entries(entries) if name not in ordered]
    return manifest, list(dict.fromkeys(ordered)), unlisted, notes


def _board_entries(entries: Mapping[str, bytes]) -> list[str]:
    """Every board (``.obf``) in an archive, leaving out a Mac's zip leftovers
    (``__MACOSX/``, ``._name``: resource forks, not boards)."""
    return sorted(
        name
        for name in entries
        if name.lower().endswith(".obf")
        and not name.startswith("__MACOSX/")
        and not posixpath.basename(name).startswith(".")
    )


def import_archive(archive: str, entries: Mapping[str, bytes]) -> Imported:
    """The boards of an ``.obz`` (its entries already read safely) as a layout, root first.

    Raises:
        ExchangeError: one message with the file and field when a board cannot be read.
    """
    manifest, paths, unlisted, notes = _manifest(archive, entries)
    boards = [_board(f"{archive}/{path}", entries[path]) for path in paths]
    for path in unlisted:
        try:  # a board the manifest does not list: left out (said) when it cannot be read
            boards.append(_board(f"{archive}/{path}", entries[path]))
        except ExchangeError as exc:
            notes.append(f"{exc} (it is not listed in manifest.json); it was left out")
    for board in boards:
        board.file = board.file.removeprefix(f"{archive}/")
    ours = manifest.get(EXT_LAYOUT)
    ours = ours if isinstance(ours, dict) else {}
    name = (
        clean_text(ours.get("name")) or clean_text(boards[0].data.get("name")) or "Imported board"
    )
    language = clean_text(ours.get("language")) or _language(boards[0])
    home = repr(clean_text(boards[0].data.get("name")) or boards[0].obf_id)
    run = Run(entries, lone=False, notes=[note.format(home=home) for note in notes])
    listed = (
        manifest.get("paths", {}).get("images") if isinstance(manifest.get("paths"), dict) else None
    )
    if isinstance(listed, dict):
        run.image_paths = {str(k): v for k, v in listed.items() if isinstance(v, str)}
    for board in boards:
        for record in records(board):
            key = id_text(record.get("id"))
            if key is not None:
                run.pooled_images.setdefault(key, record)
    try:
        return _layout(run, boards, name, language)
    except ExchangeError as exc:
        raise ExchangeError(f"{archive}/{exc.file}", exc.field, _message(exc)) from None


def _message(exc: ExchangeError) -> str:
    text = str(exc)
    prefix = f"{exc.file}: field '{exc.field}': " if exc.field else f"{exc.file}: "
    return text.removeprefix(prefix)
