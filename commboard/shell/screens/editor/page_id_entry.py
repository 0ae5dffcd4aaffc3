"""The page's new id, typed on the lettered typed-line screen (editor: R, or a click on the id).

The id is the page's name in the layout's files and in every link to it;
the editor's rules say whether a typed id can be used
(``EditorKeys.change_id``).  A refused id keeps this screen open with the
reason in plain words, so the carer can type another; Escape keeps the id.
"""

from __future__ import annotations

from commboard.control.page_editor_keys import EditorKeys
from commboard.shell.screens.base import Close, Outcome, ShellContext, Stay
from commboard.shell.screens.carer_menu.button_screen import TypedEntry

ASK = "Type the page's new id (letters, digits, - and _), then press Enter.  Esc keeps it."


class PageIdEntry(TypedEntry):
    """Type the page's new id; Enter gives it to the editor, which says what follows."""

    def __init__(self, ctx: ShellContext, keys: EditorKeys) -> None:
        super().__init__(ctx, ASK, self._entered)
        self.keys = keys
        self.typed = keys.edit.page.id  # start from the id it has: often one letter changes

    def _entered(self, typed: str) -> Outcome:
        problem = self.keys.change_id(typed)
        if problem is None:
            return Close()
        kept = self.keys.edit.page.id
        self.title = f"Not that id: {problem}.  Enter uses the line; Esc keeps '{kept}'."
        return Stay()
