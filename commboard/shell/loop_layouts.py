"""A new layout or the language's word lists arriving while the board runs.

A layout the carer chooses loads off the frame loop
(``adapters.layout_loading``) and is used when it is ready
(``control.layout_change``), with the word predictor for its language; the
word lists read off the loop (``adapters.word_data_loading``) reach the word
slots when they arrive.  ``LayoutChanges`` does this for ``BoardLoop``
(:mod:`commboard.shell.loop`); it declares the state of the loop it uses, and
the methods of the loop it calls.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from commboard.adapters.layout_loading import LayoutLoaded, LayoutLoading, remembered_value
from commboard.adapters.word_data_loading import WordDataLoading
from commboard.board.model import Layout
from commboard.board.recent import RECENT_COUNT
from commboard.board.session import Session
from commboard.control import layout_change
from commboard.control.banners import ChromeState
from commboard.control.board_view import picture_files
from commboard.control.pauses import PauseOwner
from commboard.effects import Banner, Effect
from commboard.predict.predictor import BaseModel, Predictor
from commboard.settings import Settings
from commboard.shell.loop_parts import LoopParts
from commboard.shell.records.run_files import layout_folder, predictor_for
from commboard.shell.screens.board.render import BoardRenderer


class LayoutChanges:
    """Layouts and word lists arriving (part of ``BoardLoop``, which holds the state)."""

    p: LoopParts
    now: float
    session: Session
    pauses: PauseOwner
    chrome: ChromeState
    renderer: BoardRenderer
    layout_loading: LayoutLoading
    dirty: bool

    if TYPE_CHECKING:

        @property
        def settings(self) -> Settings: ...

        def perform(self, effects: list[Effect]) -> None: ...

        def close_screens(self, count: int | None = None) -> None: ...

    def _prepare_layout(self, layout: Layout) -> None:
        """Ready a loaded layout for drawing (the loader's worker thread): fonts and pictures."""
        self.renderer.texts.fonts.prepare(layout.texts())
        self.renderer.pictures.prepare(picture_files(layout))

    def change_layout(self, path: Path, saved: Layout | None = None) -> None:
        """The carer chose a layout: load it off the frame loop; the board in use goes on meanwhile.

        Back on the board at once (scanning resumes on the layout in use), with
        "Loading layout..." until it is ready (``control.layout_change``).  A
        layout the editor just ``saved`` is already checked and in memory: it
        is used at once, nothing is read again.
        """
        self.perform(layout_change.loading(path, self.now))
        self.layout_loading.start(path, saved)
        self._layout_arrived(self.layout_loading.poll())  # a virtual clock loads it at once
        self.close_screens()

    def _layout_arrived(self, loaded: LayoutLoaded | None) -> None:
        """Use a loaded layout (remembered by the loader, off the frame loop), or keep the old one."""
        if loaded is not None:
            # saved by the loader, off the frame loop (an imported board: its new folder)
            source = loaded.layout.source if loaded.layout is not None else None
            remembered = remembered_value(source or loaded.path)
            held = bool(self.pauses.reasons)  # an alarm, a carer screen, a rest
            if loaded.layout is not None:
                self.renderer.texts.language = loaded.layout.language
            if loaded.layout is not None and self.p.predictor is not None:
                self._new_predictor(loaded.layout)
            history = self.p.history
            recent = history.spelled(RECENT_COUNT) if history is not None else []
            self.session, effects = layout_change.arrived(
                loaded,
                self.session,
                remembered,
                held,
                self.now,
                self.p.usage,
                self.p.predictor,
                recent,
            )
            self.perform(effects)
            self.dirty = True

    def _word_data_arrived(self) -> None:
        """The language's word lists are read: the word slots use them from now on."""
        if self.p.word_data is None:
            return
        if self.session.has_word_slots and self.settings.spell.prediction:
            self.p.word_data.want()  # a page that predicts words: it needs the lists
        base = self.p.word_data.poll()
        if base is not None:
            self._word_lists_notice(base)
        old = self.p.predictor
        if base is None or old is None or old.base.source != "none":
            return  # no predictor, or a layout chosen meanwhile already read its own lists
        self.p.predictor = Predictor(base, old.personal, old.layout_words, old.alphabet)
        self.perform(self.session.set_predictor(self.p.predictor, self.now))
        self.dirty = True

    def _new_predictor(self, layout: Layout) -> None:
        """The predictor for a newly chosen layout.  Real time: word lists it does not
        share with the old layout are read off the frame loop once a page needs them
        (a second of CPU, which would stop the scanning); a virtual clock reads them now."""
        virtual = self.p.clock.virtual
        before = self.p.predictor.base if self.p.predictor is not None else None
        self.p.predictor = predictor_for(layout, self.p.predictor, read_now=virtual)
        if self.p.predictor.base is not before:  # read at once (virtual clock)
            self._word_lists_notice(self.p.predictor.base)
        if not virtual and self.p.predictor.base.source == "none":
            folder = layout_folder(layout)
            reading = self.p.word_data
            if reading is None or not reading.reads(layout.language, folder):
                self.p.word_data = WordDataLoading(layout.language, folder, background=True)

    def _word_lists_notice(self, base: BaseModel) -> None:
        """A banner and a log record when a layout's word lists had bad lines or were unreadable."""
        notice = base.notice()
        if notice:
            self.chrome.show(Banner("word-lists", notice), self.now)
            self.p.event_log.record(self.now, "banner", key="word-lists", text=notice)
            self.dirty = True
