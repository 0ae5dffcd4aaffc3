"""Fakes for the eyes: scripted eye samples and camera feeds, a frame source, a face detector, an eye host."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

import numpy as np

from commboard.board.session import Session
from commboard.control.banners import ChromeState
from commboard.control.eye_policy import EYE_PAUSES, EyeFrame, UndoSelection
from commboard.control.pauses import PauseOwner, pause_record
from commboard.effects import Effect, HideBanner, Log, Notice, Paused, Resumed, ShowBanner
from commboard.events import CellPointed, SwitchDown, SwitchUp
from commboard.settings import Settings
from commboard.vision.frames import Frame, Landmarks, RGBImage
from commboard.vision.sample import CameraStatus, EyeSample


class EyeFrames(Protocol):
    """The part of ``commboard.shell.eye_input.EyeInput`` a recording host drives."""

    def frame(self, now: float, settings: Settings, listening: bool) -> EyeFrame: ...


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
            iris_low=iris_y,
            ear_left=self.closed_ear,
            ear_right=self.closed_ear,
        )

    def looking(
        self, seconds: float, x: float = 0.0, y: float = 0.0, **fields: Any
    ) -> ScriptedSamples:
        """Eyes open, both irises at (``x``, ``y``) in the eye: image directions, x > 0 image right, y > 0 down."""
        return self.frames(seconds, iris_left=(x, y), iris_right=(x, y), **fields)

    def drifting(self, seconds: float, to_x: float, from_x: float = 0.0) -> ScriptedSamples:
        """The gaze sliding slowly and evenly sideways from ``from_x`` to ``to_x``."""
        n = round(seconds * self.fps)
        for i in range(n):
            x = from_x + (to_x - from_x) * (i + 1) / n
            self.looking(1 / self.fps, x)
        return self

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
    """The frame loop's side of ``commboard.shell.eye_input.EyeInput``, without the loop.

    A real session, its effects recorded.  Switch presses are routed as the loop routes them: to the session, or,
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
        if isinstance(event, CellPointed) and not self.screens:
            self.perform(self.session.handle(event, self.now))
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
            self.run(eyes, s.t)

    def run(self, eyes: EyeFrames, now: float) -> None:
        """One frame of the camera's glue, carried out as the loop carries it out."""
        self.now = now
        listening = not self.screens or getattr(self.screens[-1], "wants_switches", False)
        asked = eyes.frame(now, self.settings, listening)
        for out in asked.outputs:
            match out:
                case SwitchDown() | SwitchUp() | CellPointed():
                    self.dispatch(out)
                case UndoSelection(t=t):
                    self.perform(self.session.undo(t))
                case _:
                    self.perform([out])
        self.perform(self.pauses.want_one(EYE_PAUSES, asked.pause, now, self.session))
        self.status_parts["camera"] = asked.status
        self.dirty |= asked.redraw


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
