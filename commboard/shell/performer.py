"""Carrying out what the core asked for: speech, the alarm, scanning cues, the history and the log.

The session returns effects; the frame loop hands them here in order.  This
is where a word becomes sound (``Speaker.say``), where "help" starts the
alarm and pauses scanning, where auditory scanning beeps, where a spoken
message is appended to the history, and where every ``Log`` record reaches
the event log.  It also watches speech: if a message fails while it plays,
its words are shown large on the board after all.
"""

from __future__ import annotations

from commboard.board.session import Session
from commboard.effects import Alarm, Cue, Effect, Highlight, Log, Notice, Speak, StopSpeech
from commboard.shell.chrome import ChromeState
from commboard.shell.loop_parts import LoopParts
from commboard.shell.screens.board.screenshot import Screenshots
from commboard.shell.view import Banner


class Performer:
    """Performs the core's effects for the frame loop; keeps what they tell the shell.

    Attributes:
        in_flight: the message being spoken (text, when said): if speech fails
            before it has played, its words are shown large after all.
        alarm_active: the alarm was raised and has not ended yet.
        pause_reason: why the scanner paused, from its "paused" log record.
    """

    def __init__(self, parts: LoopParts, chrome: ChromeState, shots: Screenshots) -> None:
        self.p = parts
        self.chrome = chrome
        self.shots = shots
        self.in_flight: tuple[str, float] | None = None
        self.alarm_active = False
        self.pause_reason: str | None = None

    def perform(self, effects: list[Effect], session: Session) -> None:
        """Carry out what the core asked for, in order (``session`` pauses for an alarm)."""
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
                    self.in_flight = None  # cut off on purpose: nothing failed
                case Alarm(text=text):
                    self._alarm(effect, session)
                case Notice(text=text) if not text.startswith("Scanning paused"):
                    self.chrome.notice(text, effect.t)  # pauses: the lasting scan banner
                case Highlight():
                    pass

    def stop_alarm(self, now: float, session: Session) -> None:
        """A carer stopped the alarm (Escape or a click)."""
        self.chrome.stop_alarm()
        self.p.event_log.record(now, "alarm_stopped")
        self.end_alarm(now, session)

    def end_alarm(self, now: float, session: Session) -> None:
        """The alarm is over (stopped, or it ran its time): silence it and resume scanning."""
        self.alarm_active = False
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.stop()
        self.perform(session.resume(now), session)

    def check_speech(self, now: float) -> bool:
        """Banners for broken speech, and the words of a message that failed while playing.

        Returns:
            True when something on screen changed.
        """
        changed = False
        status = self.p.speaker.status()
        if self.in_flight is not None and not status.available:
            self.chrome.said(self.in_flight[0], now)  # shown from now, for SAID_S
            self.in_flight = None
            changed = True
        elif self.in_flight is not None and not status.speaking:
            self.in_flight = None  # it played to the end (or was stopped)
        if status.problem:
            problem = status.problem.rstrip(".")
            if not problem.lower().startswith("speech"):
                problem = f"Speech is unavailable: {problem}"
            text = f"{problem}. Spoken words are shown at the top."
            changed |= self.chrome.show(Banner("speech", text), now)
        else:
            changed |= self.chrome.hide("speech")
        if status.notice:
            changed |= self.chrome.show(Banner("speech-notice", status.notice, "info"), now)
        return changed

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

    def _alarm(self, effect: Alarm, session: Session) -> None:
        self.chrome.alarm(effect.text, effect.t)
        self.alarm_active = True
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.start()
            if self.p.alarm_sound.problem:
                self.p.event_log.record(effect.t, "error", message=self.p.alarm_sound.problem)
        self.p.speaker.say(effect.text)  # the alarm screen already shows these words
        self.in_flight = None
        self.perform(session.pause(effect.t, "alarm"), session)

    def _log(self, log: Log) -> None:
        self.p.event_log.write(log)
        if log.type == "scan" and log.fields.get("event") == "paused":
            self.pause_reason = str(log.fields.get("reason", ""))
        elif log.type == "scan" and log.fields.get("event") == "resumed":
            self.pause_reason = None
        if log.type in ("select", "page"):
            self.shots.due = log.type
        if log.type == "speak" and self.p.history is not None:
            f = log.fields
            cell = f.get("cell")  # a phrase cell's slot: what Huffman scanning learns from
            slot = cell if isinstance(cell, int) and not isinstance(cell, bool) else None
            self.p.history(str(f["text"]), str(f["page"]), str(f["source"]), slot)

    def _say(self, text: str, t: float) -> None:
        """Speak; show the words large if speech is already known not to work."""
        self.p.speaker.say(text)
        if self.p.speaker.status().available:
            self.in_flight = (text, t)  # a failure may only show a few ms later
        else:
            self.in_flight = None
            self.chrome.said(text, t)
