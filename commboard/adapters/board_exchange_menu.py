"""Boards in and out from the carer menu: an ``.obf``/``.obz`` imported, the layout in use exported.

The layout picker's *Import a board* (loaded off the frame loop by
``layout_loading``) and *Export this layout* (done off the frame loop as
carer work, ``background_work``) call these; the files are read and written
by ``board_exchange``, with its checks.  Each returns one sentence for the
carer and never raises for a file problem the carer can fix.
"""

from __future__ import annotations

from pathlib import Path

from commboard.board.layout_file import load_layout
from commboard.board.model import Layout
from commboard.exchange.obf_export import export_layout
from commboard.exchange.obf_values import ExchangeError, page_id_for

from .board_exchange import (
    NOTES_FILE,
    default_target,
    read_board_file,
    read_pictures,
    write_layout,
    write_obz,
)


def import_for_board(source: Path) -> tuple[Layout, str]:
    """Import a board chosen in the carer menu: (the new layout, one sentence for the carer).

    Raises:
        ExchangeError: it could not be imported; nothing was written.
    """
    try:
        imported = read_board_file(source)
        target = default_target(imported)
        write_layout(target, imported, source.name)
    except (RecursionError, MemoryError, ValueError, OSError) as exc:
        raise ExchangeError(
            source.name, None, f"could not be read ({type(exc).__name__})"
        ) from None
    layout = load_layout(target)
    notes = imported.notes
    if not notes:
        return layout, f"Imported {source.name} into {target}."
    where = target / NOTES_FILE
    told = (
        f" Note: {notes[0]}"
        if len(notes) == 1
        else f" First note: {notes[0]}; all {len(notes)} notes are in {where}"
    )
    return layout, f"Imported {source.name} into {target}.{told}"


def export_for_board(layout: Layout, folder: Path) -> str:
    """Export the layout in use into ``folder`` (a new, unused file name); what to tell the carer."""
    if layout.source is None:
        return "This board was built in code; there is nothing to export."
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a file where the folder should be, a read-only disk
        why = "a file has that name" if isinstance(exc, FileExistsError) else exc.strerror
        return f"Could not export: the folder {folder} cannot be made ({why or exc})."
    base = page_id_for(layout.name.lower(), set())
    taken = {p.stem for p in folder.glob("*.obz")}
    target = folder / f"{page_id_for(base, taken)}.obz"
    converted = export_layout(layout, read_pictures(layout))
    try:
        write_obz(target, converted.files)
    except ExchangeError as exc:
        return f"Could not export: {exc}"
    return f"Layout '{layout.name}' exported to {target} (Open Board Format)."
