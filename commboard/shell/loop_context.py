"""What carer screens may reach on the running board: the ``ShellContext`` members.

A carer screen (``shell.screens``) sees the board only through the
``ShellContext`` protocol (:mod:`commboard.shell.screens.base`): the settings
and how to apply them, the layout and page shown, the patient's voice, the
history, the learned words, the kept drafts, the layouts to choose from.
``ContextMembers`` gives them to ``BoardLoop`` (:mod:`commboard.shell.loop`);
it declares the state of the loop it uses, and the method of the loop it
calls.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from commboard.board.layout_places import LayoutChoice, layout_choices, layout_folders
from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.control.banners import ChromeState
from commboard.control.screen_timeout import KeptDrafts
from commboard.control.write_problems import WriteStatus
from commboard.effects import Effect, Speak
from commboard.settings import Settings
from commboard.shell.loop_parts import LoopParts
from commboard.shell.records import run_files
from commboard.shell.records.access_log import settings_fields
from commboard.shell.screens.base import Screen


class ContextMembers:
    """The ``ShellContext`` members (part of ``BoardLoop``, which holds the state)."""

    p: LoopParts
    now: float
    session: Session
    chrome: ChromeState
    drafts: KeptDrafts[Screen]
    dirty: bool

    if TYPE_CHECKING:

        def perform(self, effects: list[Effect]) -> None: ...

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def record_event(self, kind: str, fields: dict[str, object]) -> None:
        self.p.event_log.record(self.now, kind, **fields)

    def kept_drafts(self) -> list[str]:
        return self.drafts.notes()

    def learned_counts(self) -> tuple[int, int] | None:
        return run_files.learned_counts(self.p.predictor, self.p.learned_file)

    def forget_learned(self) -> str:
        said = run_files.forget_learned(self.p.predictor, self.p.learned_file)
        self.p.event_log.record(self.now, "learned_words_forgotten", text=said)
        self.chrome.hide("learned-words")  # a save problem it showed is past
        return said

    def apply_settings(self, settings: Settings) -> None:
        self.perform(self.session.set_settings(settings, self.now))
        self.p.event_log.access_only(self.now, "settings", **settings_fields(settings))
        self.p.speaker.apply(settings.speech)
        if self.p.cue_sound is not None and not settings.scan.auditory.beeps:
            self.p.cue_sound.release()  # no more beeps: let go of the audio device
        self.dirty = True

    @property
    def profile(self) -> str:
        return self.p.profile

    @property
    def layout(self) -> Layout:
        return self.session.layout

    @property
    def page_id(self) -> str:
        return self.session.page.id

    def say(self, text: str) -> None:
        """The page editor's "Say it": the patient's voice, no page, so no history line."""
        self.perform([Speak(self.now, text)])

    @property
    def history_path(self) -> Path | None:
        return self.p.history.path if self.p.history is not None else None

    def history_status(self) -> WriteStatus | None:
        return self.p.history.status() if self.p.history is not None else None

    def calendar(self) -> datetime:
        return self.p.calendar()

    def layout_choices(self) -> list[LayoutChoice]:
        """The layouts the carer menu offers (``board.layout_places``)."""
        remembered = self.settings.board.layout
        return layout_choices(
            layout_folders(),
            in_use=self.session.layout.source,
            remembered=Path(os.path.expanduser(remembered)) if remembered else None,
        )
