"""Fakes shipped with the package, for tests, benchmarks and headless runs.

Each seam has a real adapter and a fake here.  Add a fake with a small,
self-contained insertion; do not reorganise this file.
"""

from __future__ import annotations

import errno
import json
import os
import wave
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from commboard.board.session import Session
from commboard.control.banners import ChromeState
from commboard.control.pauses import PauseOwner, pause_record
from commboard.effects import Effect, HideBanner, Log, Notice, Paused, Resumed, ShowBanner
from commboard.events import SwitchDown, SwitchUp
from commboard.settings import Settings
from commboard.speech import SpeechStatus
from commboard.vision.frames import Frame, Landmarks, RGBImage
from commboard.vision.sample import CameraStatus, EyeSample


class EyeFrames(Protocol):
    """The part of ``commboard.shell.eye_input.EyeInput`` a recording host drives."""

    def frame(self, host: Any, now: float) -> None: ...


# The smallest real layout: one page, two cells. Tests that only need "a board" use it.
YES_NO_LAYOUT = """\
format: 1
name: Two words
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
"""

# Two pages, a phrase with its own spoken text, navigation and the alarm: tests that
# follow a message from scanning to speech and history use it.
TWO_PAGE_LAYOUT = """\
format: 1
name: Two pages
home: home
pages:
  - id: home
    title: Home
    rows: 2
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Thank you", text: "Thank you very much"}
      - {label: More, action: go, target: more}
  - id: more
    title: More
    rows: 1
    columns: 3
    cells:
      - {label: Back, action: back}
      - {label: Water, text: "I would like some water"}
      - {label: Help, action: alarm, text: "Please call the nurse"}
"""


class RecordingSpeaker:
    """A ``commboard.speech.Speaker`` that records what it is asked; nothing is heard.

    ``calls`` lists ``(kind, text)`` in order: "say", "cue", "stop", "apply",
    "close", and "cue-dropped" for a cue asked while a message is playing (the
    real speaker drops those too).  A message plays until :meth:`finish` or
    ``stop``.  Set ``available``/``problem`` to act out broken speech.
    """

    def __init__(self, available: bool = True, problem: str = "") -> None:
        self.calls: list[tuple[str, str]] = []
        self.speaking = False
        self.available = available
        self.problem = problem
        self.settings: object = None

    @property
    def said(self) -> list[str]:
        return [text for kind, text in self.calls if kind == "say"]

    def say(self, text: str) -> None:
        self.calls.append(("say", text))
        self.speaking = bool(text.strip())

    def cue(self, text: str) -> None:
        self.calls.append(("cue-dropped" if self.speaking else "cue", text))

    def stop(self) -> None:
        self.calls.append(("stop", ""))
        self.speaking = False

    def finish(self) -> None:
        """The message being spoken has played to its end."""
        self.speaking = False

    def apply(self, settings: object) -> None:
        self.calls.append(("apply", ""))
        self.settings = settings

    def status(self) -> SpeechStatus:
        return SpeechStatus(self.available, self.speaking and self.available, self.problem)

    def close(self) -> None:
        self.calls.append(("close", ""))


class RecordingBeeper:
    """A ``commboard.shell.audio.cue_sound.Beeper`` that counts beeps; nothing is heard.

    Set ``problem`` to act out a missing sound card (beeps are then not counted).
    """

    def __init__(self, problem: str = "") -> None:
        self.beeps = 0
        self.releases = 0
        self.problem = problem

    def beep(self) -> None:
        if not self.problem:
            self.beeps += 1

    def release(self) -> None:
        self.releases += 1


class ScriptedSamples:
    """Eye samples from a written timeline, for blink-switch tests and headless demos.

    Each call appends a segment of frames at ``fps``; frame ``i`` is stamped
    ``start_t + i / fps``.  Segments chain::

        ScriptedSamples().open(1.0).closed(0.6).open(1.0).no_face(0.5).samples()

    Args:
        fps: frame rate.
        start_t: stamp of the first frame.
        open_ear / closed_ear: eye aspect ratio of open and closed eyes.
    """

    def __init__(
        self,
        fps: float = 30.0,
        start_t: float = 0.0,
        open_ear: float = 0.30,
        closed_ear: float = 0.12,
    ) -> None:
        self.fps = fps
        self.start_t = start_t
        self.open_ear = open_ear
        self.closed_ear = closed_ear
        self._frames: list[EyeSample] = []

    @property
    def t(self) -> float:
        """Stamp of the next frame to be added."""
        return self.start_t + len(self._frames) / self.fps

    def frames(self, seconds: float, **fields: Any) -> ScriptedSamples:
        """``seconds`` of frames with these ``EyeSample`` fields (face found, eyes open by default)."""
        values: dict[str, Any] = {
            "face_found": True,
            "ear_left": self.open_ear,
            "ear_right": self.open_ear,
            "iris_left": (0.0, 0.0),
            "iris_right": (0.0, 0.0),
            "yaw_deg": 0.0,
            "pitch_deg": 0.0,
            "roll_deg": 0.0,
            "face_width": 0.3,
            "brightness": 120.0,
        }
        values.update(fields)
        if not values["face_found"]:
            values = {"face_found": False}
        for _ in range(round(seconds * self.fps)):
            self._frames.append(EyeSample(t=self.t, **values))
        return self

    def open(self, seconds: float, **fields: Any) -> ScriptedSamples:
        """Eyes open."""
        return self.frames(seconds, **fields)

    def closed(self, seconds: float, eyes: str = "both", **fields: Any) -> ScriptedSamples:
        """Eyes shut: ``eyes`` is "both", "left" or "right" (the patient's own side)."""
        shut = {"both": ("ear_left", "ear_right"), "left": ("ear_left",), "right": ("ear_right",)}
        return self.frames(seconds, **{k: self.closed_ear for k in shut[eyes]}, **fields)

    def no_face(self, seconds: float) -> ScriptedSamples:
        """Nobody in the picture (or the face not detected)."""
        return self.frames(seconds, face_found=False)

    def turned(self, seconds: float, yaw_deg: float = 40.0, **fields: Any) -> ScriptedSamples:
        """Head turned away (eyes open unless EAR fields say otherwise)."""
        return self.frames(seconds, yaw_deg=yaw_deg, **fields)

    def looking_down(self, seconds: float, iris_y: float = 0.8) -> ScriptedSamples:
        """Gaze far down: the irises sit low and the lids droop towards closed."""
        return self.frames(
            seconds,
            iris_left=(0.0, iris_y),
            iris_right=(0.0, iris_y),
            ear_left=self.closed_ear,
            ear_right=self.closed_ear,
        )

    def samples(self) -> list[EyeSample]:
        """All frames so far, in time order."""
        return list(self._frames)


class ScriptedFeed:
    """A vision feed (``commboard.shell.eye_input.Feed``) that hands over what the test queued.

    Queue ``EyeSample``s and ``CameraStatus`` changes in ``items``; ``drain(now)``
    hands over, in queued order, those stamped at or before ``now`` and keeps the
    rest, as the camera worker delivers frames when their time has come.
    ``frame`` is the newest picture ``latest_frame`` returns (None: none yet);
    ``started``/``closed`` say whether the board started and closed the feed.
    """

    def __init__(
        self,
        items: Iterable[EyeSample | CameraStatus] = (),
        frame: tuple[RGBImage, EyeSample] | None = None,
    ) -> None:
        self.items: list[EyeSample | CameraStatus] = list(items)
        self.frame = frame
        self.started = self.closed = False

    def start(self) -> None:
        self.started = True

    def drain(self, now: float) -> list[EyeSample | CameraStatus]:
        due = [i for i in self.items if i.t <= now + 1e-9]
        self.items = [i for i in self.items if i.t > now + 1e-9]
        return due

    def latest_frame(self) -> tuple[RGBImage, EyeSample] | None:
        return self.frame

    def close(self) -> None:
        self.closed = True


class RecordingEyeHost:
    """A ``commboard.shell.eye_input.EyeHost`` without a frame loop: a real session, effects recorded.

    Switch presses are routed as the loop routes them: to the session, or,
    while a carer screen is open (``screens``), only to the top screen if it
    ``wants_switches`` (appended to its ``presses`` list).  Pauses go through
    a real ``PauseOwner``; banners and notices to the real ``ChromeState``;
    log records (and the records of pause changes) are kept in ``logs``.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.chrome = ChromeState()
        self.pauses = PauseOwner()
        self.screens: list[Any] = []
        self.status_parts: dict[str, str] = {}
        self.dirty = False
        self.now = 0.0
        self.logs: list[Log] = []

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def dispatch(self, event: Any) -> None:
        if not isinstance(event, SwitchDown | SwitchUp):
            return
        if self.screens:
            top = self.screens[-1]
            if getattr(top, "wants_switches", False):
                top.presses.append(event)
            return
        self.perform(self.session.handle(event, self.now))

    def perform(self, effects: list[Effect]) -> None:
        for effect in self.pauses.follow(effects, self.session):
            match effect:
                case Log():
                    self.logs.append(effect)
                case Paused() | Resumed():
                    self.logs.append(pause_record(effect))
                case ShowBanner(banner=banner, for_s=for_s):
                    self.chrome.show(banner, effect.t, for_s)
                case HideBanner(key=key):
                    self.chrome.hide(key)
                case Notice(text=text):
                    self.chrome.notice(text, effect.t)

    def of(self, type_: str) -> list[dict[str, Any]]:
        """The logged records of one type, each with its time ``t``."""
        return [dict(log.fields, t=log.t) for log in self.logs if log.type == type_]

    def banners(self) -> dict[str, str]:
        """The banners shown now, by key."""
        return {b.key: b.text for b in self.chrome.chrome("", self.now).banners}

    def play(self, feed: ScriptedFeed, eyes: EyeFrames, samples: list[EyeSample]) -> None:
        """Queue ``samples`` and run the glue frame by frame: session tick first, then the camera."""
        feed.items += samples
        feed.items.sort(key=lambda i: i.t)
        for s in samples:
            self.now = s.t
            self.perform(self.session.tick(s.t))
            eyes.frame(self, s.t)


class FlakyCamera:
    """A ``FrameSource`` of plain grey pictures at ``fps`` that gives out after ``good`` of them.

    Frames are stamped one interval apart after ``start_t``.  Once the good
    frames are used up ``read`` returns None for ever while ``finished`` stays
    False: the camera is gone (an unplugged webcam), not at the end of a video.
    ``closed`` says whether its user closed it.
    """

    def __init__(self, start_t: float, good: int, fps: float = 30.0) -> None:
        self.finished = False
        self.closed = False
        self.t, self.good, self.fps = start_t, good, fps

    def read(self) -> Frame | None:
        if self.good <= 0:
            return None
        self.good -= 1
        self.t += 1 / self.fps
        return Frame(self.t, np.full((48, 64, 3), 128, np.uint8))

    def close(self) -> None:
        self.closed = True


class StillFace:
    """A ``LandmarkDetector`` that finds the same face in every picture (or, ``found=False``, none).

    ``fail_on`` lists the calls (counting from 1) that raise, as a broken
    model graph does; ``calls`` counts them all.
    """

    def __init__(self, found: bool = True, fail_on: tuple[int, ...] = ()) -> None:
        self.calls, self.fail_on = 0, fail_on
        points: Landmarks = 0.3 + 0.4 * np.random.default_rng(1).random((478, 3))
        self.points = points if found else None

    def detect(self, rgb: RGBImage) -> Landmarks | None:
        self.calls += 1
        if self.calls in self.fail_on:
            raise RuntimeError("graph failed")
        return self.points

    def close(self) -> None:
        pass


# About 8 s of speech at 160 wpm: long enough that "cut off" and "still playing"
# differ by seconds, so no speech test or benchmark depends on how busy the machine is.
LONG_MESSAGE = (
    "I would like to talk to my doctor about my options before we decide anything. "
    "Please explain it again slowly, and ask me, not my family. I need time to decide."
)


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie has ended; it only awaits its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass(frozen=True, slots=True)
class WavAudio:
    """What a listener would get from a 16-bit mono WAV, measured independently of our code."""

    duration_s: float
    rms: float  # 0..1 of full scale
    peak: float
    lead_silence_s: float  # until the first sample above 1% of full scale; inf if none


def measure_wav(path: Path | str) -> WavAudio:
    """Duration, loudness and lead-in silence of a 16-bit mono WAV (tests and benchmarks)."""
    with wave.open(str(path)) as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2), "expected 16-bit mono"
        rate = w.getframerate()
        samples = (
            np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64) / 32768
        )
    loud = np.flatnonzero(np.abs(samples) > 0.01)
    return WavAudio(
        duration_s=len(samples) / rate,
        rms=float(np.sqrt(np.mean(samples**2))) if len(samples) else 0.0,
        peak=float(np.max(np.abs(samples))) if len(samples) else 0.0,
        lead_silence_s=float(loud[0] / rate) if len(loud) else float("inf"),
    )


class FailingLineFile:
    """A ``line_file.LineFile`` that fails like a full or read-only disk on chosen attempts.

    Args:
        errno_code: the error of a failing attempt (``errno.ENOSPC``: full disk,
            ``errno.EROFS``: read-only).
        failing: which attempts fail, counted from 1 (retries count too);
            ``fail_now``/``heal`` switch it by hand instead.

    ``data`` holds what was written: whole lines only, as the real file does.
    """

    def __init__(self, errno_code: int = errno.ENOSPC, failing: range = range(0)) -> None:
        self.errno_code = errno_code
        self.failing = failing
        self.broken = False
        self.attempts = 0
        self.data = b""

    def fail_now(self) -> None:
        """Fail every attempt from now on until ``heal``."""
        self.broken = True

    def heal(self) -> None:
        """Succeed again (and stop the ``failing`` range)."""
        self.broken, self.failing = False, range(0)

    def append(self, data: bytes) -> None:
        self.attempts += 1
        if self.broken or self.attempts in self.failing:
            raise OSError(self.errno_code, os.strerror(self.errno_code))
        self.data += data

    def close(self) -> None:
        pass

    def lines(self) -> list[dict[str, Any]]:
        """The JSON records written."""
        return [json.loads(line) for line in self.data.decode("utf-8").splitlines()]
