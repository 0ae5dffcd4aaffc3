"""The board's voice: pyttsx3 synthesis in a worker process, playback we can cut off.

``open_speaker`` is the one entry point.  Each utterance is synthesised to a
WAV file by :class:`~commboard.adapters.speech_worker.SynthWorker` (the same
``save_to_file`` path that ``--speech wav:DIR`` uses), then played by a child
player process.  ``say``/``stop`` terminate that player, so the previous
utterance goes silent within milliseconds (see ``benchmarks/speech.py``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from pathlib import Path

from commboard.adapters.audio_player import NO_PLAYER, Playback, find_player, probe
from commboard.adapters.pyttsx3_synth import Synthesized, Utterance
from commboard.adapters.speech_worker import SynthWorker
from commboard.adapters.wav_speaker import WavDirSpeaker
from commboard.settings import SpeechSettings
from commboard.speech import NullSpeaker, Speaker, SpeechStatus

SPOOL_PREFIX = "commboard-speech-"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def sweep_stale_spools(root: Path) -> list[Path]:
    """Delete the speech folders of boards that died without closing (killed, power cut).

    A folder is ``commboard-speech-<pid>-<random>``; it is removed only when it
    is ours (same user) and its board's process no longer runs.

    Returns:
        The folders removed.
    """
    removed = []
    for folder in root.glob(f"{SPOOL_PREFIX}*"):
        pid_text = folder.name.removeprefix(SPOOL_PREFIX).split("-", 1)[0]
        try:
            mine = folder.is_dir() and folder.stat().st_uid == os.getuid()
        except OSError:
            continue
        if pid_text.isdigit() and mine and not _alive(int(pid_text)):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


class SystemSpeaker:
    """Speaks aloud.  Every method returns at once; a thread feeds the player.

    Args:
        settings: Rates, volumes and voice.
        player: Command that plays the WAV path appended to it (see ``find_player``).
    """

    def __init__(self, settings: SpeechSettings, player: tuple[str, ...]) -> None:
        self._settings = settings
        self._player = player
        # Utterances are the patient's words: a private (0700) folder, deleted on close;
        # one left by a board that was killed is deleted by the next board.
        sweep_stale_spools(Path(tempfile.gettempdir()))
        self._spool = Path(tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-"))
        self._lock = threading.Lock()
        self._seq = 0  # newest request; results for older ones are not played
        self._main_seq = 0  # main utterance not yet finished (0 = none): cues wait
        self._playback: Playback | None = None
        self._problem = ""  # from the player; cleared by the next playback that works
        self._closed = False
        self._worker = SynthWorker()
        self._thread = threading.Thread(target=self._run, name="commboard-speech", daemon=True)
        self._thread.start()

    def say(self, text: str) -> None:
        with self._lock:
            seq = self._supersede()
            speak = bool(text.strip()) and not self._worker.problem
            self._main_seq = seq if speak else 0
        if speak:
            self._worker.submit(self._utterance(seq, text, cue=False))

    def cue(self, text: str) -> None:
        with self._lock:
            if self._main_seq or self._closed or not text.strip():
                return  # never talk over the message being spoken
            seq = self._supersede()
        self._worker.submit(self._utterance(seq, text, cue=True))

    def stop(self) -> None:
        with self._lock:
            self._supersede()
            self._main_seq = 0

    def apply(self, settings: SpeechSettings) -> None:
        self._settings = settings

    def status(self) -> SpeechStatus:
        with self._lock:
            problem = self._worker.problem or self._problem
            return SpeechStatus(not problem, bool(self._main_seq), problem, self._worker.notice)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._supersede()
        self._worker.close()
        self._thread.join(timeout=2.0)
        shutil.rmtree(self._spool, ignore_errors=True)

    def _supersede(self) -> int:
        """New request id; cut off what is playing (call with the lock held)."""
        self._seq += 1
        self._worker.skip_below.value = self._seq
        if self._playback is not None:
            self._playback.cut_off()
            self._playback = None
        return self._seq

    def _utterance(self, seq: int, text: str, cue: bool) -> Utterance:
        s = self._settings
        rate, volume = (s.cue_rate_wpm, s.cue_volume) if cue else (s.rate_wpm, s.volume)
        return Utterance(seq, text, str(self._spool / f"{seq:06d}.wav"), rate, volume, s.voice)

    def _run(self) -> None:
        self._problem = probe(self._player, self._spool)
        while not self._closed and not self._worker.problem:
            done = self._worker.receive(timeout=0.25)
            if done is not None:
                self._play(done)
        with self._lock:
            self._main_seq = 0

    def _play(self, done: Synthesized) -> None:
        playback = None
        with self._lock:
            current = done.seq == self._seq and not self._closed
            if current and not done.error and not done.skipped:
                try:
                    playback = self._playback = Playback(self._player, done.path)
                except OSError as exc:
                    self._problem = f"Speech unavailable: the audio player could not start ({exc})"
            elif current and done.error:
                self._problem = f"Speech failed: {done.error}"
        problem = playback.wait() if playback is not None else None
        with self._lock:
            if problem is not None and done.seq == self._seq:
                self._problem = problem
            if self._main_seq == done.seq:
                self._main_seq = 0
        Path(done.path).unlink(missing_ok=True)


def open_speaker(spec: str, settings: SpeechSettings) -> Speaker:
    """The speaker for ``--speech``: "system[:ALSA_DEVICE]" | "none" | "wav:DIR".

    Never raises: whatever goes wrong gives a :class:`NullSpeaker` whose status
    says why, so the board keeps working and shows the words instead.
    """
    kind, _, arg = spec.partition(":")
    try:
        match kind:
            case "none":
                return NullSpeaker()
            case "wav" if arg:
                return WavDirSpeaker(Path(arg), settings)
            case "system":
                player = find_player(arg)
                return SystemSpeaker(settings, player) if player else NullSpeaker(NO_PLAYER)
    except Exception as exc:  # the board must start even when speech cannot
        return NullSpeaker(f"Speech unavailable: {exc}")
    return NullSpeaker(
        f"Speech unavailable: unknown --speech {spec!r} (use system, none or wav:DIR)"
    )
