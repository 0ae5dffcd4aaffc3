"""Carrying out what the core asked for: speech, the alarm, cues, banners, the history and the log.

The session and the control rules return effects; the frame loop hands
them here in order.  This is where a word becomes sound (``Speaker.say``:
``audio/warm_speaker`` until ``adapters/pyttsx3_speaker``'s voice is ready,
as ``run_devices`` opens it), where "help" starts the alarm sound and
screen, where auditory scanning beeps, where banners go up and down, where a spoken message is appended to
the history (from the ``Speak`` effect itself), and where every ``Log``
record, and the record of every pause (``Paused`` / ``Resumed``), reaches
the event log.  It also watches speech: if a message fails while it plays,
its words are shown large on the board after all.  And it watches the
history and the event log: a file that cannot be written raises a banner
at once and an ``error`` record, and its writer keeps the lines until it can
(``control.write_problems``, ``records/``).
"""

from __future__ import annotations

from commboard.control.banners import ChromeState
from commboard.control.pauses import pause_record
from commboard.control.write_problems import event_log_watch, history_watch
from commboard.effects import (
    Alarm,
    Banner,
    Cue,
    Effect,
    HideBanner,
    Log,
    Notice,
    Paused,
    Resumed,
    ShowBanner,
    Speak,
    StopSpeech,
    Withdraw,
    WordsLearned,
)
from commboard.shell.loop_parts import LoopParts
from commboard.shell.screens.board.screenshot import Screenshots


class Performer:
    """Performs the core's effects for the frame loop; keeps what they tell the shell.

    Attributes:
        in_flight: the message being spoken (text, when said): if speech fails
            before it has played, its words are shown large after all.
        alarm_active: the alarm was raised and has not ended yet.
    """

    def __init__(self, parts: LoopParts, chrome: ChromeState, shots: Screenshots) -> None:
        self.p = parts
        self.chrome = chrome
        self.shots = shots
        self.in_flight: tuple[str, float] | None = None
        self.alarm_active = False
        self._history_watch = history_watch()
        self._log_watch = event_log_watch()

    def perform(self, effects: list[Effect]) -> None:
        """Carry out what the core asked for, in order."""
        for effect in effects:
            self._one(effect)

    def _one(self, effect: Effect) -> None:
        match effect:
            case Log():
                self._log(effect)
            case Speak() | Withdraw():
                self._said(effect)
            case Cue():
                self._cue(effect)
            case StopSpeech():
                self.p.speaker.stop()
                self.in_flight = None  # cut off on purpose: nothing failed
            case Alarm():
                self._alarm(effect)
            case Notice() | ShowBanner() | HideBanner():
                self._chrome(effect)
            case Paused() | Resumed():
                self.p.event_log.write(pause_record(effect))  # the owner's change, as a record
            case WordsLearned():
                self._save_words(effect.t, effect.text, effect.undone)

    def _chrome(self, effect: Notice | ShowBanner | HideBanner) -> None:
        """What is shown around the page: a notice, a banner shown or taken down."""
        match effect:
            case Notice(text=text):
                self.chrome.notice(text, effect.t)
            case ShowBanner(banner=banner, for_s=for_s):
                self.chrome.show(banner, effect.t, for_s)
            case HideBanner(key=key):
                self.chrome.hide(key)

    def stop_alarm(self, now: float) -> None:
        """A carer stopped the alarm (Escape or a click); ``end_alarm`` follows."""
        self.chrome.stop_alarm()
        self.p.event_log.record(now, "alarm_stopped")

    def end_alarm(self) -> None:
        """The alarm is over (stopped, or it ran its time): silence it (the loop resumes scanning)."""
        self.alarm_active = False
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.stop()

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

    def check_records(self, now: float) -> bool:
        """Retry a failing history or event log; show and record a failure once, and its end.

        Returns:
            True when something on screen changed.
        """
        self.p.event_log.retry(now)
        effects = self._log_watch.check(self.p.event_log.status(), now)
        if self.p.history is not None:
            self.p.history.retry(now)
            effects += self._history_watch.check(self.p.history.status(), now)
        self.perform(effects)
        return bool(effects)

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
        self.alarm_active = True
        if self.p.alarm_sound is not None:
            self.p.alarm_sound.start()
            if self.p.alarm_sound.problem:
                self.p.event_log.record(effect.t, "error", message=self.p.alarm_sound.problem)
        self.p.speaker.say(effect.text)  # the alarm screen already shows these words
        self.in_flight = None

    def _save_words(self, t: float, message: str, undone: bool) -> None:
        """Save the learned words after a spelled message; a failure is a banner, never a stop.

        A file changed meanwhile (the carer cleared it) is taken as it is, with
        ``message`` learned into it (``PersonalFile.save_learned``)."""
        file, predictor = self.p.learned_file, self.p.predictor
        if file is None or predictor is None or not file.writable:
            return
        if file.save_learned(predictor.personal, message, undone):
            self.chrome.hide("learned-words")
        else:
            self.p.event_log.record(t, "learned_words_problem", text=file.problem)
            self.chrome.show(Banner("learned-words", file.problem), t)

    def _log(self, log: Log) -> None:
        self.p.event_log.write(log)
        if log.type in ("select", "page"):
            self.shots.due = log.type

    def _said(self, effect: Speak | Withdraw) -> None:
        if isinstance(effect, Withdraw):
            self._history(effect.said, withdrawn=True)  # undone: noted, words stay on record
        else:
            self._say(effect)

    def _say(self, speak: Speak) -> None:
        """Speak; a message said on a page goes to the history; show the words if speech is off."""
        text, t = speak.text, speak.t
        self.p.speaker.say(text)
        if self.p.speaker.status().available:
            self.in_flight = (text, t)  # a failure may only show a few ms later
        else:
            self.in_flight = None
            self.chrome.said(text, t)
        self._history(speak)

    def _history(self, speak: Speak, *, withdrawn: bool = False) -> None:
        """A message said on a page goes to the history, with how it was said."""
        if speak.page is None or self.p.history is None:
            return
        source = speak.source.value if speak.source is not None else ""
        self.p.history(
            speak.text,
            speak.page,
            source,
            speak.cell,
            record=speak.record,
            confirmed=speak.confirmed,
            withdrawn=withdrawn,
        )
