"""Carer menu -> K: keep a recent message as a phrase on a page (two button screens).

First the Recent page's messages (most used first), then the pages to put
it on; each a number key or a click, Escape steps back.  Which messages,
which pages and where the cell goes are the rules of ``control.pinning``;
the page is saved with the page editor's save (``adapters.layout_save``),
so the same checks, backup and atomic write apply and a shipped layout is
copied first.  The board takes the saved layout at once (``ChangeLayout``:
the session, its scan plans and Huffman weights are rebuilt).
"""

from __future__ import annotations

from commboard.adapters.layout_save import save_page
from commboard.adapters.layout_save_outcome import SaveRefused
from commboard.control.pinning import (
    MY_PHRASES_TITLE,
    PinRefused,
    offered_keys,
    patient_pin,
    pin_candidates,
    pin_message,
    pin_targets,
)
from commboard.shell.screens.base import (
    ChangeLayout,
    Close,
    MenuEntry,
    Open,
    Outcome,
    ShellContext,
    Tell,
)
from commboard.shell.screens.carer_menu.button_screen import (
    MAX_LABEL_CHARS,
    ButtonScreen,
    shortened,
)

NO_RECENT = "No recent messages yet: the patient's spelled messages are listed here the day after"


class PinMessage(ButtonScreen):
    """Step 1: which recent message to keep."""

    def __init__(self, ctx: ShellContext) -> None:
        messages = pin_candidates(ctx.layout)
        entries = [
            MenuEntry(key, message, lambda c, m=message: Open(PinOnPage(c, m)))  # type: ignore[misc]
            for key, message in zip(offered_keys(len(messages)), messages, strict=False)
        ]
        entries.append(MenuEntry("b", "Back", lambda c: Close()))
        title = "Keep a recent message as a phrase: which one?" if messages else NO_RECENT
        super().__init__(ctx, title, entries)


class PinOnPage(ButtonScreen):
    """Step 2: on which page; choosing one saves it."""

    def __init__(self, ctx: ShellContext, message: str) -> None:
        self.message = message
        pages = pin_targets(ctx.layout, ctx.page_id)
        entries = [
            MenuEntry(key, ctx.layout.pages[page_id].title, lambda c, p=page_id: pin(c, message, p))  # type: ignore[misc]
            for key, page_id in zip(offered_keys(len(pages)), pages, strict=False)
        ]
        entries.append(MenuEntry("b", "Back", lambda c: Close()))
        shown = shortened(message, MAX_LABEL_CHARS)
        super().__init__(ctx, f"Keep \u201c{shown}\u201d on which page?", entries)


def pin(ctx: ShellContext, message: str, page_id: str) -> Outcome:
    """Add ``message`` to page ``page_id`` and save it; back on the board, say what happened."""
    page = ctx.layout.pages[page_id]
    result = pin_message(page, message)
    if isinstance(result, PinRefused):
        return Tell(f"Not kept: {result.reason}.")
    try:
        saved = save_page(ctx.layout, result.page)
    except SaveRefused as exc:
        return Tell(f"Not kept: {exc}.")
    ctx.record_event(
        "pinned",
        {
            "text": message,
            "page": page_id,
            "slot": result.slot,
            "file": str(saved.file),
            "by": "carer",
        },
    )
    note = f"\u201c{message}\u201d kept on page '{page.title}'"
    note += " (one row more)." if result.grew else "."
    if saved.copied_from is not None:
        note += (
            f" The built-in layout was copied to {saved.layout.source}; the board uses your copy."
        )
    return ChangeLayout(saved.layout.source or saved.file, note, saved.layout)


def keep_for_patient(ctx: ShellContext, message: str) -> tuple[Outcome, str]:
    """The patient kept ``message`` from the Recent page's Keep page: save it in "My phrases".

    The same save as the carer's (``save_page``); the first time, the home
    page gets a cell that opens the new page.  Returns what to do and what
    to say back to the patient (in the quiet prompt voice, not theirs).
    """
    result = patient_pin(ctx.layout, message)
    if isinstance(result, PinRefused):
        return Tell(f"Not kept: {result.reason}."), "Not kept"
    try:
        saved = save_page(ctx.layout, result.page, added=result.added)
    except SaveRefused as exc:
        return Tell(f"Not kept: {exc}."), "Not kept: it could not be saved"
    ctx.record_event(
        "pinned",
        {"text": message, "page": "my-phrases", "slot": result.slot, "file": str(saved.file),
         "by": "patient"},
    )  # fmt: skip
    note = f"\u201c{message}\u201d kept in {MY_PHRASES_TITLE}."
    if saved.copied_from is not None:
        note += (
            f" The built-in layout was copied to {saved.layout.source}; the board uses your copy."
        )
    return ChangeLayout(saved.layout.source or saved.file, note, saved.layout), (
        f"Kept in {MY_PHRASES_TITLE}"
    )


def open_pin(ctx: ShellContext) -> Outcome:
    """The carer menu's "Keep a recent message" entry."""
    return Open(PinMessage(ctx))
