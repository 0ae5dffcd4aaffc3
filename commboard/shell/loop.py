"""The frame loop: clock -> drain inputs -> control -> performer -> draw.

Each frame reads the clock once, drains the inputs (scripted events, keys and
clicks, then the camera through ``eye_input``), hands each where
``control.input_routing`` sends it (the alarm, an open carer screen, the
session, a new carer screen; ``control.pauses`` owns why scanning is paused),
gives the effects that come back to ``performer`` (speech, alarm, cues,
banners, history, log), and draws the render model ``control.board_status``
builds.  ``screens/board/render`` paints it, ``screens/board/screenshot`` saves
``--screenshots``; ``loop_parts`` is what the loop is built from.  Four more
parts, each a module: ``loop_screens`` (carer screens opened, closed, timed
out with their drafts kept, and the ``Outcome`` they return carried out),
``loop_layouts`` (a chosen layout and the language's word lists arriving),
``loop_work`` (history deletions, reports and exports, off the loop) and
``loop_context`` (the ``ShellContext`` members carer screens reach).

It redraws only what changed and otherwise sleeps until the next scan step,
scripted event or input (``PygameInput.wait``): an idle board costs almost no
CPU.  A virtual clock jumps to the next deadline instead (fast, exactly
repeatable headless runs).  Nothing here blocks on speech or the camera.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path

import pygame

from commboard.adapters.background_work import BackgroundWork
from commboard.adapters.layout_loading import LayoutLoading, save_remembered
from commboard.adapters.pygame_input import click_at, key_presses
from commboard.board.session import Session
from commboard.control import board_status
from commboard.control.alarm_check import AlarmCheck
from commboard.control.banners import ChromeState
from commboard.control.board_view import BoardView, cell_at, picture_files
from commboard.control.eye_policy import EYE_PAUSES, EyeFrame, UndoSelection
from commboard.control.highlight_look import ColourCheck
from commboard.control.input_routing import (
    CarerScreen,
    Ignore,
    OpenScreens,
    StopAlarm,
    ToScreen,
    ToSession,
    route,
)
from commboard.control.input_script import ScriptedClick, ScriptedKey
from commboard.control.pauses import PauseOwner
from commboard.control.screen_timeout import KeptDrafts
from commboard.effects import Banner, Cue, Effect, PauseReason, PinRequested
from commboard.events import CellPointed, SwitchDown, SwitchUp, UiEvent
from commboard.shell.loop_context import ContextMembers
from commboard.shell.loop_layouts import LayoutChanges
from commboard.shell.loop_parts import LoopParts
from commboard.shell.loop_screens import CarerScreens
from commboard.shell.loop_work import CarerWork
from commboard.shell.performer import Performer
from commboard.shell.records.access_log import settings_fields
from commboard.shell.screens.base import Outcome, Screen
from commboard.shell.screens.board.eye_indicator import indicator_rect
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.board.screenshot import Screenshots

IDLE_POLL_S = 0.5  # real time: wake at least this often to notice speech failing
# Real time, while a message is being spoken: how soon a failure of that very
# message (the player dies, the device is pulled) shows its words on screen.
SPEAKING_POLL_S = 0.1
MAX_ERRORS_IN_A_ROW = 50  # an error in every frame for this long is not going to recover


class BoardLoop(ContextMembers, CarerScreens, LayoutChanges, CarerWork):
    """Runs the board until the carer quits or the time is up. Also the ``ShellContext``."""

    def __init__(self, parts: LoopParts) -> None:
        self.p = parts
        self.now = parts.clock.now()
        self.start = self.now
        self.session = Session(
            parts.layout, parts.settings, self.now, parts.usage, predictor=parts.predictor
        )
        self.pauses = PauseOwner()  # the one owner of why scanning is paused
        self.chrome = ChromeState()
        self.colours = ColourCheck()  # the banner naming cells coloured like the highlight
        self.alarm_check = AlarmCheck()  # the banner saying a layout has no call for help
        self.renderer = BoardRenderer(parts.surface)
        self.renderer.texts.language = parts.layout.language  # where long words may break
        self.renderer.texts.fonts.prepare(parts.layout.texts())  # before the first frame
        self.renderer.pictures.prepare(picture_files(parts.layout))
        self.screens: list[Screen] = []
        self.drafts: KeptDrafts[Screen] = KeptDrafts()  # unsaved work of timed-out screens
        self.view: BoardView | None = None
        self.status_parts: dict[str, str] = {"camera": "camera: off"}
        self.eyes = parts.eyes  # carer screens (camera view, calibration) reach it here
        self.dirty = True
        self.running = True
        self.frames = 0
        self._errors = 0
        self.shots = Screenshots(parts.screenshots)
        # Speech, alarm, cues, history and log: what the core's effects do.
        self.performer = Performer(parts, self.chrome, self.shots)
        self._stop_reason: str | None = None  # set by ``stop`` (a signal)
        self._carer_input_at = self.now  # last carer key/click on an open screen
        # A layout chosen in the carer menu loads off the frame loop (adapters/layout_loading).
        self.layout_loading = LayoutLoading(
            background=not parts.clock.virtual,
            remember=lambda path: save_remembered(parts.profile, self.settings.board.layout, path),
            prepare=self._prepare_layout,
        )
        # History deletions, reports and exports too (``loop_work``): one at a time.
        self.carer_work: BackgroundWork[Outcome] = BackgroundWork(
            background=not parts.clock.virtual
        )
        for banner in parts.banners:
            self.chrome.show(banner, self.now)

    # -- the loop -------------------------------------------------------------

    def run(self) -> str:
        """Run until quit or ``end_at``; returns why it stopped."""
        self.p.event_log.record(
            self.now,
            "start",
            layout=self.p.layout.name,
            page=self.session.page.id,
            size=list(self.p.surface.get_size()),
            virtual_clock=self.p.clock.virtual,
        )
        self.p.event_log.access_only(self.now, "settings", **settings_fields(self.settings))
        for banner in self.p.banners:  # problems found before the board opened
            self.p.event_log.record(self.now, "banner", key=banner.key, text=banner.text)
        for problem in self.p.history_problems:  # every damaged line; the banner names a few
            self.p.event_log.record(self.now, "history_problem", text=problem)
        reason = "quit"
        while self.running:
            self.safe_frame(self.p.clock.now())
            if self.p.end_at is not None and self.now >= self.p.end_at:
                reason = "time up"
                break
            if self.running:
                self.idle()
        reason = self._stop_reason or reason
        self.p.event_log.record(self.now, "stop", reason=reason)
        return reason

    def stop(self, reason: str) -> None:
        """End the run after the current frame (a signal handler calls this; nothing else runs)."""
        self._stop_reason = reason
        self.running = False

    def safe_frame(self, now: float) -> None:
        """A frame that logs and shows an unexpected error instead of stopping the board."""
        try:
            self.frame(now)
            self._errors = 0
        except Exception as exc:  # never crash in front of a patient: log, show, go on
            self._errors += 1
            where = traceback.extract_tb(exc.__traceback__)[-1]
            message = f"{type(exc).__name__}: {exc}"
            self.p.event_log.record(
                now, "error", message=message, where=f"{Path(where.filename).name}:{where.lineno}"
            )
            self.chrome.show(Banner("error", f"Something went wrong: {message}"), now)
            self.dirty = True
            if self._errors >= MAX_ERRORS_IN_A_ROW:
                raise

    def frame(self, now: float) -> None:
        """One pass: inputs, scanning, chrome timers, speech state, then draw if needed."""
        self.now = now
        self.perform(self.session.tick(now))
        for event in self._inputs(now):
            self.dispatch(event)
        self._layout_arrived(self.layout_loading.poll())
        self._work_arrived()
        self._word_data_arrived()
        if self.eyes is not None:  # camera samples -> eye policy -> dispatch, pauses, banners
            listening = not self.screens or self.screens[-1].wants_switches
            page, likely = self.session.page, self.session.likelihoods
            self.eyes_ask(self.eyes.frame(now, self.settings, listening, page, likely))
            choosing = self.eyes.looks_choose  # the scanner stands still while looks choose
            self.perform(self.pauses.want(PauseReason.LOOKS, choosing, now, self.session))
        self.dirty |= self.chrome.expire(now)
        if self.performer.alarm_active and not self.chrome.alarm_on:
            self._end_alarm()  # it ran its time (chrome leaves a "help was called" banner)
        # A screen that moves by itself (the settings try-out) is redrawn when due.
        self.dirty |= any(
            (d := s.next_deadline(now)) is not None and d <= now for s in self.screens
        )
        self.dirty |= self.performer.check_speech(now)
        self.dirty |= self.performer.check_records(now)  # history / event log failing
        self._close_idle_screens(now)
        self._show_scan_state()
        if self.dirty:
            self.draw()

    def _inputs(self, now: float) -> list[UiEvent]:
        text_mode = bool(self.screens) and self.screens[-1].wants_text
        hit = None if self.screens or self.view is None else self._hit
        scripted: list[UiEvent] = []
        for item in self.p.script.drain(now) if self.p.script else []:
            if isinstance(item, ScriptedKey):  # a carer's key: exactly as if typed
                scripted += key_presses(item.name, now, hit, text_mode)
            elif isinstance(item, ScriptedClick):  # a carer's click: exactly as if clicked
                scripted += click_at(item.x, item.y, now, hit)
            else:
                scripted.append(item)
        return scripted + self.p.inputs.poll(now, hit, text_mode)

    def _hit(self, x: int, y: int) -> int | None:
        if self.eyes is not None and self.eyes.looks_choose:
            return None  # the halves or groups on screen are not the page's cells
        return cell_at(self.view, x, y) if self.view else None

    def deadline(self) -> float | None:
        """The earliest time something changes without input."""
        times = [self.chrome.deadline(self.now), self.p.end_at]
        if not self.screens and not self.chrome.alarm_on:
            times.append(self.session.next_deadline())
            times.append(board_status.hold_redraw_at(self.session, self.now))
        if self.p.script:
            times.append(self.p.script.next_deadline())
        times += [s.next_deadline(self.now) for s in self.screens]
        if self.eyes is not None:
            times.append(self.eyes.next_deadline(self.now))
        times.append(self._screen_timeout_at())
        times.append(self.layout_loading.next_deadline(self.now))
        times.append(self.carer_work.next_deadline(self.now))
        if self.p.word_data is not None:
            times.append(self.p.word_data.next_deadline(self.now))
        future = [t for t in times if t is not None]
        return min(future) if future else None

    def idle(self) -> None:
        """Sleep (real clock) or jump (virtual clock) to the next deadline."""
        deadline = self.deadline()
        if self.p.clock.virtual:
            if deadline is None:
                self.running = False
                return
            # A deadline that does not move past now would spin forever: nudge it.
            self.p.clock.advance_to(max(deadline, self.now + 1e-6))
            return
        poll = SPEAKING_POLL_S if self.performer.in_flight else IDLE_POLL_S
        wait = poll if deadline is None else min(poll, deadline - self.p.clock.now())
        self.p.inputs.wait(max(0.0, wait))

    # -- inputs ---------------------------------------------------------------

    def dispatch(self, event: UiEvent) -> None:
        """Carry out where ``control.input_routing`` sends one input."""
        top = self.screens[-1] if self.screens else None
        match route(
            event,
            alarm_on=self.chrome.alarm_on,
            screen_open=top is not None,
            screen_wants_switches=top is not None and top.wants_switches,
        ):
            case StopAlarm():
                self._stop_alarm()
            case ToScreen(event=for_screen) if top is not None:
                self._carer_input_at = self.now  # a press on the settings try-out is someone there
                self.act(top.handle(for_screen, self.now))
            case ToSession(event=for_session):
                self.perform(self.session.handle(for_session, self.now))
            case OpenScreens(screens=kinds):
                for kind in kinds:
                    self.open_screen(self._carer_screen(kind))
            case Ignore(log=log) if log is not None:
                self.p.event_log.write(log)

    def eyes_ask(self, eyes: EyeFrame) -> None:
        """Carry out one frame of camera input: switch events take the space bar's path."""
        for out in eyes.outputs:
            match out:
                case SwitchDown() | SwitchUp() | CellPointed():
                    self.dispatch(out)
                case UndoSelection(t=t):
                    self.perform(self.session.undo(t))
                case _:
                    self.perform([out])
        self.perform(self.pauses.want_one(EYE_PAUSES, eyes.pause, self.now, self.session))
        self.status_parts["camera"] = eyes.status
        self.dirty |= eyes.redraw

    def _carer_screen(self, kind: CarerScreen) -> Screen:
        # Loaded on first use: the menu's screens (editor, exchange, YAML writer)
        # cost a tenth of a second of CPU at every start otherwise.
        from commboard.shell.screens.carer_menu.carer_menu import CarerMenu, QuitConfirm

        return CarerMenu(self) if kind is CarerScreen.MENU else QuitConfirm(self)

    def _stop_alarm(self) -> None:
        """A carer stopped the alarm (Escape or a click)."""
        self.performer.stop_alarm(self.now)
        self._end_alarm()

    def _end_alarm(self) -> None:
        """The alarm is over (stopped, or it ran its time): help no longer holds scanning."""
        self.performer.end_alarm()
        self.perform(self.pauses.release(PauseReason.HELP_CALLED, self.now, self.session))
        self.dirty = True

    # -- effects --------------------------------------------------------------

    def perform(self, effects: list[Effect]) -> None:
        """Carry out what the core asked for, and the pauses it calls for (``shell.performer``)."""
        effects = self.pauses.follow(effects, self.session)
        self.performer.perform(effects)
        if effects:
            self.dirty = True
        for pin in (e for e in effects if isinstance(e, PinRequested)):
            # the patient kept a recent message: saved as the carer's pin is, then shown
            from commboard.shell.screens.carer_menu.pin_screen import keep_for_patient

            outcome, said = keep_for_patient(self, pin.text)
            self.act(outcome)
            self.performer.perform([Cue(self.now, said)])

    # -- drawing --------------------------------------------------------------

    def _show_scan_state(self) -> None:
        """Keep the calm "scanning stopped" banner up exactly while the scanner waits."""
        shown = self.pauses.shown
        self.dirty |= board_status.keep_scan_banner(self.chrome, self.session, shown, self.now)
        highlight = self.session.settings.display.highlight_color
        self.dirty |= self.colours.keep(self.chrome, self.session.layout, highlight, self.now)
        self.dirty |= self.alarm_check.keep(self.chrome, self.session.layout, self.now)
        self.dirty |= self.session.holding is not None  # the hold bar fills

    def switch_names(self) -> str:
        """What selects right now: the keyboard (or script) always, the blink while the camera works."""
        eyes = self.eyes
        now = board_status.LooksNow(False)  # no camera: looks cannot count
        if eyes is not None:
            now = board_status.LooksNow(
                eyes.blink_selects, eyes.halving_now, eyes.dwell_now, eyes.dwell.problem
            )
        return board_status.choosing_words(self.settings.gaze, self.p.input_name, now)

    def status_text(self) -> str:
        """The status line: input, scan speed and pattern, camera, calibration."""
        return board_status.status_text(
            self.session, self.pauses.shown, self.switch_names(), self.status_parts
        )

    def make_view(self) -> BoardView:
        """The render model of the board as it is now."""
        shown = self.eyes is not None and self.eyes.look() is not None
        size, status = self.p.surface.get_size(), self.status_text()
        indicator = indicator_rect if shown else None
        chrome = self.chrome.chrome(status, self.now)
        halves = self.eyes.halves(self.session.page) if self.eyes is not None else None
        ring = self.eyes.dwell_ring() if self.eyes is not None else None
        view = board_status.board_frame(
            size, self.session, chrome, self.pauses.shown, indicator, self.now, halves, ring
        )
        halving = self.eyes is not None and self.eyes.halving_now and halves is not None
        if halving and halves is not None and halves[0].columns == 2:  # not one cell, waiting
            return replace(view, arrows=board_status.halving_arrows(halves[0], ring))
        return view

    def draw(self) -> None:
        """Draw the board and any carer screens, then show it (or only the eyes: ``redraw``)."""
        view, eyes = self.make_view(), self.eyes
        alone = not self.screens and not self.shots.due  # nothing drawn over the board
        if alone and eyes is not None and eyes.redraw(self.p.surface, view, self.renderer.texts):
            self.dirty = False
            return
        self.view = view
        self.renderer.draw(self.view)
        if self.eyes is not None:  # dwell reads the gaze against the cells as drawn
            self.eyes.place(self.view)
        notice = self.renderer.texts.fonts.notice()
        if notice:  # shown from the next frame; the patient's labels are already drawn
            self.chrome.show(Banner("fonts", notice, "info"), self.now)
        pictures = self.renderer.pictures.notice()
        if pictures:  # once per picture that could not be shown: its cell shows its words
            self.chrome.show(Banner("pictures", pictures, "info"), self.now)
            notice = notice or pictures
        if self.eyes is not None:
            self.eyes.draw(self.p.surface, self.view, self.renderer.texts, alone)
        # Screenshots show the board only, taken before carer screens are drawn:
        # the camera view paints the live camera picture, which must never reach disk.
        self.shots.take(self.p.surface)
        for screen in self.screens:
            screen.draw(self.p.surface, self.renderer.texts, self.now)
        pygame.display.flip()
        self.dirty = bool(notice)
        self.frames += 1
        if self.frames == 1:
            self._first_frame()

    def _first_frame(self) -> None:
        fields: dict[str, float] = {}
        if self.p.launched_at is not None and not self.p.clock.virtual:
            fields["elapsed_s"] = round(self.p.clock.now() - self.p.launched_at, 4)
        self.p.event_log.record(self.now, "first_frame", **fields)
