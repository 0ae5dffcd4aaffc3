"""The frame loop: read the clock once, drain inputs, call the core, perform effects.

It redraws only when something changed, and otherwise sleeps until the
next scan step, the next scripted event or input (``PygameInput.wait``), so
an idle board costs almost no CPU.  Under a virtual clock it jumps straight
to the next deadline instead of sleeping, which makes headless runs fast and
exactly repeatable.  Nothing here blocks on speech or the camera.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field, replace
from pathlib import Path

import pygame

from commboard.adapters.pygame_input import (
    CarerRequest,
    Click,
    Key,
    PygameInput,
    UiEvent,
    WindowClosed,
)
from commboard.board.layout_file import default_layout_path, load_layout_or_default
from commboard.board.model import Layout
from commboard.board.session import Session
from commboard.effects import Alarm, Cue, Effect, Highlight, Log, Notice, Speak, StopSpeech
from commboard.events import CellPointed, SwitchDown, SwitchUp
from commboard.settings import Settings
from commboard.shell.alarm_sound import AlarmSound
from commboard.shell.carer_menu import CarerMenu, QuitConfirm
from commboard.shell.chrome import ChromeState, layout_notice
from commboard.shell.cue_sound import Beeper, CueSound
from commboard.shell.event_log import EventLog
from commboard.shell.eye_indicator import indicator_rect
from commboard.shell.eye_input import EyeInput
from commboard.shell.history_writer import HistoryWriter
from commboard.shell.input_script import ScriptFeed
from commboard.shell.render import BoardRenderer
from commboard.shell.screens import (
    ChangeLayout,
    Close,
    CloseAll,
    Open,
    Outcome,
    QuitBoard,
    Screen,
    Stay,
)
from commboard.shell.view import SCAN_BANNER, Banner, BoardView, Chrome, board_view, cell_at
from commboard.speech import Speaker

IDLE_POLL_S = 0.5  # real time: wake at least this often to notice speech failing
# Real time, while a message is being spoken: how soon a failure of that very
# message (the player dies, the device is pulled) shows its words on screen.
SPEAKING_POLL_S = 0.1
MAX_ERRORS_IN_A_ROW = 50  # an error in every frame for this long is not going to recover
PAUSE_WORDS = {  # why scanning is paused, as the banner says it (scanner reason -> words)
    "carer menu": "Scanning paused: carer menu open",
    "alarm": "Scanning paused: help was called",
    # The camera's own "I can't see your face" banner is not shown meanwhile: one banner says it.
    "face lost": "I can't see your face - scanning paused, it resumes when the face is back",
    "rest": "Scanning paused: resting - two long blinks wake the board",
}
WAITING_WORDS = "Scanning stopped - press the switch to start"
BEEP_MODES = ("beep", "both")  # auditory-scanning settings that beep
FACE_BANNER_KEY = "face"  # the camera's "I can't see your face" banner (shell/eye_input.py)


class RealClock:
    """Monotonic time; the loop sleeps in ``PygameInput.wait``."""

    virtual = False

    def now(self) -> float:
        return time.monotonic()

    def advance_to(self, t: float) -> None:
        """Real time cannot be advanced; the loop waits instead."""


class VirtualClock:
    """Time that jumps to the next deadline: headless runs as fast as possible."""

    virtual = True

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance_to(self, t: float) -> None:
        self._now = max(self._now, t)


Clock = RealClock | VirtualClock


@dataclass
class LoopParts:
    """Everything the loop works with, built by ``shell.app`` (the composition root)."""

    layout: Layout
    settings: Settings
    speaker: Speaker
    surface: pygame.Surface
    clock: Clock
    event_log: EventLog
    inputs: PygameInput
    script: ScriptFeed | None = None
    history: HistoryWriter | None = None
    usage: dict[str, dict[int, float]] = field(default_factory=dict)
    end_at: float | None = None
    screenshots: Path | None = None
    input_name: str = "keyboard"
    launched_at: float | None = None  # real monotonic time the command started
    banners: list[Banner] = field(default_factory=list)
    profile: str = "default"  # the --profile the settings screen saves to
    eyes: EyeInput | None = None  # camera + blink switch (shell/eye_input.py)
    alarm_sound: AlarmSound | None = None
    # The auditory-scanning beep (``auditory: beep`` or ``both``); tests inject a recording fake.
    cue_sound: Beeper | None = field(default_factory=CueSound)
    history_problems: list[str] = field(default_factory=list)  # damaged lines read at start


class BoardLoop:
    """Runs the board until the carer quits or the time is up. Also the ``ShellContext``."""

    def __init__(self, parts: LoopParts) -> None:
        self.p = parts
        self.now = parts.clock.now()
        self.start = self.now
        self.session = Session(parts.layout, parts.settings, self.now, parts.usage)
        self.chrome = ChromeState()
        self.renderer = BoardRenderer(parts.surface)
        self.screens: list[Screen] = []
        self.view: BoardView | None = None
        self.status_parts: dict[str, str] = {"camera": "camera: off"}
        self.eyes = parts.eyes  # carer screens (camera view, calibration) reach it here
        self.dirty = True
        self.running = True
        self.frames = 0
        self._errors = 0
        self._alarm_active = False
        self._shots = 0
        self._shot_reason: str | None = None
        # The message being spoken (text, when said): if speech fails before it
        # has played, its words are shown large after all.
        self._in_flight: tuple[str, float] | None = None
        self._pause_reason: str | None = None  # from the scanner's "paused" log record
        self._stop_reason: str | None = None  # set by ``stop`` (a signal)
        self._carer_input_at = self.now  # last carer key/click on an open screen
        for banner in parts.banners:
            self.chrome.show(banner, self.now)

    # -- ShellContext ---------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def apply_settings(self, settings: Settings) -> None:
        self.perform(self.session.set_settings(settings, self.now))
        self.p.speaker.apply(settings.speech)
        if self.p.cue_sound is not None and settings.scan.auditory not in BEEP_MODES:
            self.p.cue_sound.release()  # no more beeps: let go of the audio device
        self.dirty = True

    @property
    def profile(self) -> str:
        return self.p.profile

    @property
    def layouts_root(self) -> Path:
        return default_layout_path().parent

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
        if self.eyes is not None:  # camera samples -> blink switch -> dispatch, pauses, banners
            self.eyes.frame(self, now)
        self.dirty |= self.chrome.expire(now)
        if self._alarm_active and not self.chrome.alarm_on:
            self._end_alarm()  # it ran its time (chrome leaves a "help was called" banner)
        # A screen that moves by itself (the settings try-out) is redrawn when due.
        self.dirty |= any(
            (d := s.next_deadline(now)) is not None and d <= now for s in self.screens
        )
        self._check_speech()
        self._close_idle_screens(now)
        self._show_scan_state()
        if self.dirty:
            self.draw()

    def _inputs(self, now: float) -> list[UiEvent]:
        scripted: list[UiEvent] = list(self.p.script.drain(now)) if self.p.script else []
        text_mode = bool(self.screens) and self.screens[-1].wants_text
        hit = None if self.screens or self.view is None else self._hit
        return scripted + self.p.inputs.poll(now, hit, text_mode)

    def _hit(self, x: int, y: int) -> int | None:
        return cell_at(self.view, x, y) if self.view else None

    def deadline(self) -> float | None:
        """The earliest time something changes without input."""
        times = [self.chrome.deadline(self.now), self.p.end_at]
        if not self.screens and not self.chrome.alarm_on:
            times.append(self.session.next_deadline())
        if self.p.script:
            times.append(self.p.script.next_deadline())
        times += [s.next_deadline(self.now) for s in self.screens]
        if self.eyes is not None:
            times.append(self.eyes.next_deadline(self.now))
        times.append(self._screen_timeout_at())
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
        poll = SPEAKING_POLL_S if self._in_flight else IDLE_POLL_S
        wait = poll if deadline is None else min(poll, deadline - self.p.clock.now())
        self.p.inputs.wait(max(0.0, wait))

    # -- inputs ---------------------------------------------------------------

    def dispatch(self, event: UiEvent) -> None:
        """Route one input: to the alarm, to an open carer screen, or to the session."""
        if self.chrome.alarm_on and isinstance(event, CarerRequest | Click):
            self._stop_alarm()
        elif self.screens:
            self._to_screen(event)
        elif isinstance(event, SwitchDown | SwitchUp | CellPointed):
            self.perform(self.session.handle(event, self.now))
        elif isinstance(event, CarerRequest):
            self.open_screen(CarerMenu(self))
        elif isinstance(event, WindowClosed):
            self.open_screen(CarerMenu(self))
            self.open_screen(QuitConfirm(self))

    def _stop_alarm(self) -> None:
        """A carer stopped the alarm (Escape or a click)."""
        self.chrome.stop_alarm()
        self.p.event_log.record(self.now, "alarm_stopped")
        self._end_alarm()

    def _end_alarm(self) -> None:
        self._alarm_active = False
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.stop()
        self.perform(self.session.resume(self.now))
        self.dirty = True

    def _to_screen(self, event: UiEvent) -> None:
        if isinstance(event, SwitchDown | SwitchUp) and not getattr(
            self.screens[-1], "wants_switches", False
        ):
            self.p.event_log.record(
                event.t,
                "switch",
                source=event.source.value,
                name=event.name.value,
                ignored="carer screen open",
            )
            return
        if isinstance(event, Key | Click | CarerRequest | WindowClosed | SwitchDown | SwitchUp):
            self._carer_input_at = self.now  # a press on the settings try-out is someone there
        if isinstance(event, Key | Click | CarerRequest | WindowClosed | SwitchDown | SwitchUp):
            self.act(self.screens[-1].handle(event, self.now))

    def open_screen(self, screen: Screen) -> None:
        """Open a carer screen; the first one pauses scanning."""
        if not self.screens:
            self.perform(self.session.pause(self.now, "carer menu"))
        self._carer_input_at = self.now
        self.screens.append(screen)
        self.p.event_log.record(self.now, "screen", name=type(screen).__name__)
        self.dirty = True

    def close_screens(self, count: int | None = None) -> None:
        """Close the top ``count`` screens (all if None); scanning resumes when none are left."""
        keep = 0 if count is None else max(0, len(self.screens) - count)
        del self.screens[keep:]
        if not self.screens:
            self.perform(self.session.resume(self.now))
        self.dirty = True

    def _screen_timeout_at(self) -> float | None:
        """When the open carer screens close by themselves (None: none open, or one that never does).

        A forgotten carer menu must not leave the patient without a voice:
        screens that set ``idle_timeout_s`` (the carer menu, the layout picker,
        the quit confirmation, the settings screen, the camera view) close
        after that long without a carer key or click and scanning resumes.
        Calibration runs without carer input on purpose and does not set it.
        """
        limit = getattr(self.screens[-1], "idle_timeout_s", None) if self.screens else None
        return None if limit is None else self._carer_input_at + float(limit)

    def _close_idle_screens(self, now: float) -> None:
        """Back to the board when the carer menu was left without input (with a log line)."""
        due = self._screen_timeout_at()
        if due is None or now < due:
            return
        names = [type(s).__name__ for s in self.screens]
        idle_s = now - self._carer_input_at
        # What closing loses (the settings screen's unsaved edits): logged and shown.
        notes = [n for s in self.screens if (n := _timeout_note(s))]
        self.p.event_log.record(
            now, "screen_timeout", closed=names, idle_s=round(idle_s, 3), notes=notes
        )
        self.close_screens()
        minutes = round(idle_s / 60)
        after = "a minute" if minutes <= 1 else f"{minutes} minutes"
        text = f"The carer screen closed after {after} without input"
        self.chrome.notice("; ".join([text, *notes]), now)

    def act(self, outcome: Outcome) -> None:
        """Do what a carer screen asked."""
        self.dirty = True
        match outcome:
            case Stay():
                pass
            case Close():
                self.close_screens(1)
            case CloseAll():
                self.close_screens()
            case Open(screen=screen):
                self.open_screen(screen)
            case QuitBoard():
                self.running = False
            case ChangeLayout(path=path):
                self.change_layout(path)

    def change_layout(self, path: Path | None) -> None:
        """Load another layout (or the default, with a banner saying why)."""
        layout, problems = load_layout_or_default(path)
        self.screens.clear()
        self.session = Session(layout, self.session.settings, self.now, self.p.usage)
        self.p.event_log.record(
            self.now,
            "layout",
            name=layout.name,
            path=str(path or ""),
            problems=[str(p) for p in problems],
        )
        self._pause_reason = None  # a new session is not paused
        if problems:
            self.chrome.show(Banner("layout", layout_notice(problems)), self.now)
        else:
            self.chrome.hide("layout")
        self.perform(self.session.tick(self.now))

    # -- effects --------------------------------------------------------------

    def perform(self, effects: list[Effect]) -> None:
        """Carry out what the core asked for, in order."""
        for effect in effects:
            match effect:
                case Log():
                    self._log(effect)
                case Speak(text=text):
                    self._say(text, effect.t)
                case Cue():
                    self._cue(effect)
                case StopSpeech():
                    self.p.speaker.stop()
                    self._in_flight = None  # cut off on purpose: nothing failed
                case Alarm(text=text):
                    self._alarm(effect)
                case Notice(text=text) if not text.startswith("Scanning paused"):
                    self.chrome.notice(text, effect.t)  # pauses: the lasting scan banner
                case Highlight():
                    pass
            self.dirty = True

    def _cue(self, cue: Cue) -> None:
        """Auditory scanning: the label with the prompt voice and/or a short beep.

        Neither talks over a message being spoken (the speaker drops the
        label itself; the beep is skipped here).
        """
        if cue.text:
            self.p.speaker.cue(cue.text)
        beeper = self.p.cue_sound
        if cue.beep and beeper is not None and not self.p.speaker.status().speaking:
            beeper.beep()
            if not beeper.problem:
                self.chrome.hide("beep")
            elif self.chrome.show(Banner("beep", f"No scanning beep: {beeper.problem}"), cue.t):
                self.p.event_log.record(cue.t, "error", message=beeper.problem)  # once

    def _alarm(self, effect: Alarm) -> None:
        self.chrome.alarm(effect.text, effect.t)
        self._alarm_active = True
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.start()
            if self.p.alarm_sound.problem:
                self.p.event_log.record(effect.t, "error", message=self.p.alarm_sound.problem)
        self.p.speaker.say(effect.text)  # the alarm screen already shows these words
        self._in_flight = None
        self.perform(self.session.pause(effect.t, "alarm"))

    def _log(self, log: Log) -> None:
        self.p.event_log.write(log)
        if log.type == "scan" and log.fields.get("event") == "paused":
            self._pause_reason = str(log.fields.get("reason", ""))
        elif log.type == "scan" and log.fields.get("event") == "resumed":
            self._pause_reason = None
        if log.type in ("select", "page"):
            self._shot_reason = log.type
        if log.type == "speak" and self.p.history is not None:
            f = log.fields
            cell = f.get("cell")  # a phrase cell's slot: what Huffman scanning learns from
            slot = cell if isinstance(cell, int) and not isinstance(cell, bool) else None
            self.p.history(str(f["text"]), str(f["page"]), str(f["source"]), slot)

    def _say(self, text: str, t: float) -> None:
        """Speak; show the words large if speech is already known not to work."""
        self.p.speaker.say(text)
        if self.p.speaker.status().available:
            self._in_flight = (text, t)  # a failure may only show a few ms later
        else:
            self._in_flight = None
            self.chrome.said(text, t)

    def _check_speech(self) -> None:
        """Banners for broken speech, and the words of a message that failed while playing."""
        status = self.p.speaker.status()
        if self._in_flight is not None and not status.available:
            self.chrome.said(self._in_flight[0], self.now)  # shown from now, for SAID_S
            self._in_flight = None
            self.dirty = True
        elif self._in_flight is not None and not status.speaking:
            self._in_flight = None  # it played to the end (or was stopped)
        if status.problem:
            problem = status.problem.rstrip(".")
            if not problem.lower().startswith("speech"):
                problem = f"Speech is unavailable: {problem}"
            text = f"{problem}. Spoken words are shown at the top."
            self.dirty |= self.chrome.show(Banner("speech", text), self.now)
        else:
            self.dirty |= self.chrome.hide("speech")
        if status.notice:
            self.dirty |= self.chrome.show(Banner("speech-notice", status.notice, "info"), self.now)

    # -- drawing --------------------------------------------------------------

    def scan_state(self) -> str | None:
        """Why nothing is highlighted and nothing will move by itself, or None while scanning.

        Paused (carer menu, alarm, face lost, rest) or waiting for the switch
        (after the unanswered passes, or a start-on-switch setting).  A short
        post-selection pause is scanning: it ends by itself.
        """
        if self.session.paused:
            reason = self._pause_reason or "paused"
            return PAUSE_WORDS.get(reason, f"Scanning paused: {reason}")
        if not self.session.highlighted and self.session.next_deadline() is None:
            return WAITING_WORDS
        return None

    def _show_scan_state(self) -> None:
        """Keep the calm "scanning stopped" banner up exactly while the scanner waits."""
        state = self.scan_state()
        if state is None:
            self.dirty |= self.chrome.hide(SCAN_BANNER)
        else:
            face = self.session.paused and self._pause_reason == "face lost"
            level = "warning" if face else "info"  # as the camera's face banner was
            self.dirty |= self.chrome.show(Banner(SCAN_BANNER, state, level), self.now)

    def switch_names(self) -> str:
        """What selects right now: the keyboard (or script) always, the blink while the camera works."""
        blink = self.eyes is not None and self.eyes.blink_selects
        return f"blink + {self.p.input_name}" if blink else self.p.input_name

    def status_text(self) -> str:
        """The status line: input, scan speed and pattern, camera, calibration."""
        scan = self.settings.scan
        parts = [
            f"switch: {self.switch_names()}",
            f"scan {scan.interval_s:.1f} s {scan.pattern.replace('_', '-')}",
            *self.status_parts.values(),
        ]
        if not self.settings.blink.calibrated:
            parts.append("not calibrated")
        if self.session.paused:
            parts.append("PAUSED")
        elif self.scan_state() is not None:
            parts.append("WAITING FOR SWITCH")
        return "  |  ".join(parts)

    def make_view(self) -> BoardView:
        """The render model of the board as it is now."""
        display = self.settings.display
        view = board_view(
            self.p.surface.get_size(),
            self.session.page,
            self.session.message,
            self.session.highlighted,
            self._chrome_shown(),
            highlight_color=display.highlight_color,
            border_scale=display.border_scale,
            enlarge_highlight=display.enlarge_highlight,
            highlight_border_color=display.highlight_border_color,
            background_color=display.background_color,
        )
        if self.eyes is None or self.eyes.look() is None:
            return view
        # The eye indicator sits at the right of the message bar: the words end before it.
        left = view.message_rect[0]
        return replace(view, message_text_w=indicator_rect(view.message_rect)[0] - left)

    def _chrome_shown(self) -> Chrome:
        """The chrome to draw: one banner for a lost face, not two saying the same.

        While scanning is paused because the face is lost, the scan banner
        (always shown, see ``shown_banners``) says "I can't see your face";
        the camera's own face banner is then left out.
        """
        chrome = self.chrome.chrome(self.status_text(), self.now)
        if self._pause_reason != "face lost" or not self.session.paused:
            return chrome
        kept = tuple(b for b in chrome.banners if b.key != FACE_BANNER_KEY)
        return replace(chrome, banners=kept)

    def draw(self) -> None:
        """Draw the board and any carer screens, then show it."""
        self.view = self.make_view()
        self.renderer.draw(self.view)
        if self.eyes is not None:
            self.eyes.draw(self.p.surface, self.view, self.renderer.texts)
        # Screenshots show the board only, taken before carer screens are drawn:
        # the camera view paints the live camera picture, which must never reach disk.
        if self._shot_reason and self.p.screenshots is not None:
            self._screenshot(self._shot_reason)
        self._shot_reason = None
        for screen in self.screens:
            screen.draw(self.p.surface, self.renderer.texts, self.now)
        pygame.display.flip()
        self.dirty = False
        self.frames += 1
        if self.frames == 1:
            self._first_frame()

    def _first_frame(self) -> None:
        fields: dict[str, float] = {}
        if self.p.launched_at is not None and not self.p.clock.virtual:
            fields["elapsed_s"] = round(time.monotonic() - self.p.launched_at, 4)
        self.p.event_log.record(self.now, "first_frame", **fields)

    def _screenshot(self, reason: str) -> None:
        assert self.p.screenshots is not None
        self._shots += 1
        path = self.p.screenshots / f"{self._shots:04d}-{reason}.png"
        pygame.image.save(self.p.surface, str(path))


def _timeout_note(screen: Screen) -> str | None:
    """A screen's note on what closing it for want of input loses (``timeout_note``), if any."""
    note = getattr(screen, "timeout_note", None)
    return note() if callable(note) else None
