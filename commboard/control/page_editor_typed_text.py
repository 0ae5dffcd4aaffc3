"""Typing in the page editor: a cell's label and words, the page's title, a new page's title
(``EditorKeys`` takes these rules from ``EditorTypedText``).
"""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell, Layout, Page
from commboard.control.new_pages import blank_page, copied_page
from commboard.control.page_editor import EditRefused, PageEdit
from commboard.control.page_editor_answers import Answer, Stay

MAX_TYPED = 200  # characters in a label, words or title


class EditorTypedText:
    """The page editor's typed lines (part of ``EditorKeys``, which holds the state)."""

    layout: Layout
    edit: PageEdit
    typing: str | None
    typed: str
    typed_from: str
    added: tuple[Page, ...]
    message: str

    def _add_page(self, page: Page) -> None:
        """Keep a new page for the next save; link it from the selected slot when it is empty."""
        self.added = (*self.added, page)
        self.layout = replace(self.layout, pages={**self.layout.pages, page.id: page})
        at = self.edit.cursor
        if self.edit.page.cells[at] is None:
            link = Cell(page.title, Action.GO, target=page.id)
            self.edit = self.edit.add_cell(at, link)
            self.message = f"Page '{page.title}' added, opened by this cell.  S saves it."
        else:
            self.message = f"Page '{page.title}' added.  G links the selected cell to it; S saves."

    def _start_typing(self, what: str) -> Answer:
        cell = self.edit.page.cells[self.edit.cursor]
        if what in ("new page", "copy's title"):
            self.typed = ""
        elif what == "title":
            self.typed = self.edit.page.title
        elif cell is None:
            self.message = "This slot is empty: N adds a cell."
            return Stay()
        else:
            self.typed = cell.label if what == "label" else (cell.text or "")
        self.typing, self.typed_from = what, self.typed
        return Stay()

    def _type(self, key: str) -> Answer:
        if key == "escape":
            self.typing = None
            self.message = "Typing cancelled."
        elif key == "enter":
            self._finish_typing()
        elif key == "backspace":
            self.typed = self.typed[:-1]
        elif len(key) == 1 and key.isprintable() and len(self.typed) < MAX_TYPED:
            self.typed += key
        return Stay()

    def _finish_typing(self) -> None:
        what, text = self.typing, self.typed
        self.typing = None
        taken = (*(p.id for p in self.added), self.edit.page.id)
        try:
            if what == "new page":
                self._add_page(blank_page(self.layout, text, taken))
            elif what == "copy's title":
                self._add_page(copied_page(self.layout, self.edit.page, text, taken))
            elif what == "title":
                self.edit = self.edit.rename(text)
            elif what == "label":
                if not text.strip():
                    raise EditRefused("a cell needs a label (the words shown on it)")
                self.edit = self.edit.edit_cell(self.edit.cursor, label=text)
            else:
                self.edit = self.edit.edit_cell(self.edit.cursor, text=text or None)
        except EditRefused as exc:
            self.message = str(exc)
