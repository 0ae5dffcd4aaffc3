"""Boards in and out of commboard: Open Board Format (OBF/OBZ) mapping and printable sheets.

Pure: every function takes bytes and model objects and returns bytes, text,
model objects and plain-words notes.  Reading archives safely and writing
files is the adapters' work (``commboard.adapters.obz_archive`` and
``commboard.adapters.board_exchange``).

Modules: ``obf_values`` (colours, ids, errors and notes), ``obf_export``
(a layout as OBZ entries), ``obf_import`` (OBF boards as a layout: which
boards, the manifest, the entry points), with its steps ``obf_pages`` (a
board as a page), ``obf_cells`` (a button as a cell), ``obf_pictures`` (a
button's picture) and ``obf_run`` (what the steps share),
``layout_text`` (a layout written as the YAML files a carer edits),
``print_sheet`` (every page as a printable A4 sheet), ``picture_size`` (a
picture's size in pixels, read from its first bytes).
"""
