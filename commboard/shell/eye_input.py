"""Camera and blink switch inside the board: the glue the frame loop calls once per frame.

``EyeInput.frame(host, now)`` drains the vision feed (samples and camera
status changes), feeds every sample to the ``BlinkSwitch`` and turns what
comes back into what the patient and carer see:

* ``SwitchDown``/``SwitchUp`` (SELECT, source blink) go through the loop's
  own ``dispatch`` -- exactly the path of the space bar, so a carer screen or
  the alarm treats a blink like any switch press;
* a rest request pauses scanning until the wake pattern (and undoes the
  selection the same closure made at the hold time);
* a face missing for ``FACE_LOST_AFTER_S`` shows "I can't see your face" and,
  with ``blink.face_lost = pause``, pauses scanning until the face returns --
  only while the camera actually works (never with ``--camera none``, a lost
  camera or a tracking error: then the keyboard switch must go on scanning);
* camera status changes become banners, the status line and ``camera`` /
  ``error`` event-log lines (the words: ``camera_status``); a lost camera
  releases a held blink switch;
* the newest frame is kept for the carer's camera view (``camera_picture``).

Scanning pauses are tracked here as *wishes*: this class pauses the session
only when nothing else has, re-applies its pause if a carer screen closing
resumed scanning, and resumes only a pause it made itself, when no carer
screen or alarm still needs it.  Event-log types written here are documented
in docs/event-log.md (``camera``, ``face``, ``rest``, ``error``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

import numpy as np
import pygame

from commboard.board.session import Session
from commboard.clock import Clock
from commboard.effects import Effect, Log
from commboard.events import SwitchDown, SwitchUp
from commboard.settings import FaceLost, Settings
from commboard.shell.camera_status import STATUS, show_camera_status
from commboard.shell.chrome import ChromeState
from commboard.shell.screens.base import Screen
from commboard.shell.screens.board.eye_indicator import (
    IndicatorLook,
    draw_indicator,
    indicator_look,
    indicator_rect,
    shows_label,
)
from commboard.shell.screens.camera_view.camera_picture import Picture
from commboard.shell.screens.text_fit import TextCache
from commboard.shell.view import Banner, BoardView
from commboard.signals.blink_switch import BlinkSwitch, RestRequest, WakeRequest
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

# A face missing this long is "lost": one missed frame, a hand or a cup passing
# in front of the camera must not pause the board.
FACE_LOST_AFTER_S = 1.0
# Real time: poll the feed at least this often while it delivers frames.
MAX_POLL_S = 1.0 / 30.0

FACE_BANNER = "I can't see your face"
REST_BANNER = "Resting. To wake the board: two long blinks."
# Camera states in which frames are (or should soon be) arriving.
_LIVE = frozenset({CameraState.STARTING, CameraState.OK, CameraState.ERROR})


class Feed(Protocol):
    """The part of ``commboard.adapters.camera_worker.VisionFeed`` the board uses."""

    def start(self) -> None: ...

    def drain(self, now: float) -> list[EyeSample | CameraStatus]: ...

    def latest_frame(self) -> tuple[np.ndarray, EyeSample] | None: ...

    def close(self) -> None: ...


class EyeHost(Protocol):
    """What the glue needs from the frame loop (``shell.loop.BoardLoop`` provides it)."""

    dirty: bool

    @property
    def session(self) -> Session: ...

    @property
    def chrome(self) -> ChromeState: ...

    @property
    def screens(self) -> Sequence[Screen]: ...

    @property
    def status_parts(self) -> dict[str, str]: ...

    @property
    def settings(self) -> Settings: ...

    def dispatch(self, event: Any) -> None: ...

    def perform(self, effects: list[Effect]) -> None: ...


SampleTap = Callable[[EyeSample], None]


class EyeInput:
    """The camera's part of the running board; see the module docstring.

    Args:
        feed: the vision feed (``open_vision(...)``), not yet started.
        blink: the blink switch, built from the profile's blink settings.
        clock: the run's clock; on a virtual one the loop must step to every frame.
        camera: the ``--camera`` value ("none" means the carer chose no camera).
        fps: expected frame rate, until frame stamps show the real one.
        profile: the patient profile calibration saves to.
        say: speak a prompt aloud (calibration); None = silent.
        landmarks: the newest frame's face landmarks (``LandmarkMemory.latest``), for
            the eye outlines on the camera view; None = no outlines.
    """

    def __init__(
        self,
        feed: Feed,
        blink: BlinkSwitch,
        *,
        clock: Clock,
        camera: str = "auto",
        fps: float = 30.0,
        profile: str = "default",
        say: Callable[[str], None] | None = None,
        landmarks: Callable[[], np.ndarray | None] | None = None,
    ) -> None:
        self.feed = feed
        self.blink = blink
        self.camera = camera
        self.profile = profile
        self.say = say or (lambda text: None)
        self._landmarks = landmarks
        self.state = CameraState.STARTING
        self.chosen_none = camera.strip().lower() == "none"
        self._virtual = clock.virtual
        self._frame_s = 1.0 / fps if fps > 0 else MAX_POLL_S
        self._last_t: float | None = None
        self._missing_since: float | None = None
        self.face_lost = False
        self._paused_by_us = False
        self._tap: SampleTap | None = None
        self._look: IndicatorLook | None = None
        self._label_drawn = True  # False: the screen is too narrow for the indicator's words
        self._muted = False  # a carer screen ignores presses: the switch is not fed
        self._started = False

    # -- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Start the feed (opens the camera; in real time in the background)."""
        if not self._started:
            self._started = True
            self.feed.start()

    def close(self) -> None:
        """Stop the camera worker and release camera and model."""
        self.feed.close()

    # -- calibration recording ----------------------------------------------------------------

    def record(self, tap: SampleTap | None) -> None:
        """Send every sample to ``tap`` instead of the blink switch (None: back to the switch).

        Calibration records the patient's eyes held closed for seconds; the
        blink switch must not read that as a selection or a rest request.
        """
        self._tap = tap

    # -- the loop's calls ---------------------------------------------------------------------

    def frame(self, host: EyeHost, now: float) -> None:
        """Drain the feed and act on it; call once per frame after the loop's own inputs."""
        self.start()
        if self.blink.settings != host.settings.blink:
            self.blink.set_settings(host.settings.blink)
        for item in self.feed.drain(now):
            if isinstance(item, CameraStatus):
                self._status(host, item)
            else:
                self._sample(host, item)
        self._apply_pause(host, now)
        host.status_parts["camera"] = self.status_text()
        look = self.look()
        if look != self._look:
            self._look = look
            host.dirty = True

    def next_deadline(self, now: float) -> float | None:
        """When the loop must come back for the next frame (None: only on other events).

        Virtual clock: the expected stamp of the next frame, so every frame is
        processed at its own time (and a lost camera's reconnect is tried on
        schedule).  Real time: soon, while frames arrive.
        """
        live = self.state in _LIVE or (self._virtual and self.state is CameraState.LOST)
        if self.chosen_none or not live:
            return None
        if self._virtual:
            # 1 us past the expected stamp absorbs float rounding of frame times.
            due = (self._last_t if self._last_t is not None else now) + self._frame_s + 1e-6
            return due if due > now else now + self._frame_s  # no frames lately: keep stepping
        return now + MAX_POLL_S

    @property
    def blink_selects(self) -> bool:
        """Whether a long blink selects now: the camera works and calibration is not recording."""
        return not self.chosen_none and self.state is CameraState.OK and self._tap is None

    def status_text(self) -> str:
        """The camera's part of the status line."""
        if self.chosen_none:
            return "camera: off"
        text = STATUS[self.state]
        if self.state is CameraState.OK and self.blink.state.resting:
            text += " (resting)"
        look = self.look()  # the indicator's words, when the screen had no room to write them
        if not self._label_drawn and look is not None and look.label != "resting":
            text += f" - {look.label}" if self.state is CameraState.OK else ""
        return text

    def look(self) -> IndicatorLook | None:
        """What the face/eye indicator shows; None when the carer chose no camera."""
        if self.chosen_none:
            return None
        blink = self.blink.state if self._last_t is not None else None
        return indicator_look(self.state, blink)

    def draw(self, surface: pygame.Surface, view: BoardView, texts: TextCache) -> None:
        """Paint the indicator at the right end of the message bar (not over the alarm)."""
        look = self.look()
        if look is None or view.alarm is not None:
            return
        self._label_drawn = shows_label(view.message_rect)
        draw_indicator(surface, indicator_rect(view.message_rect), look, texts)

    def picture(self) -> Picture | None:
        """The newest frame, its sample and (when the feed keeps them) its landmarks."""
        latest = self.feed.latest_frame()
        if latest is None:
            return None
        landmarks = self._landmarks() if self._landmarks is not None else None
        return Picture(latest[0], latest[1], landmarks)

    # -- samples ------------------------------------------------------------------------------

    def _sample(self, host: EyeHost, sample: EyeSample) -> None:
        if self._last_t is not None and sample.t > self._last_t:
            # A smoothed frame period: lets the virtual clock step exactly to the next frame.
            self._frame_s += 0.2 * (sample.t - self._last_t - self._frame_s)
        self._last_t = sample.t
        self._track_face(host, sample)
        if self._tap is not None:
            self._tap(sample)
            return
        if not self._switch_listens(host):
            self._mute_switch(host, sample.t)
            return
        self._muted = False
        for out in self.blink.update(sample):
            match out:
                case SwitchDown() | SwitchUp():
                    host.dispatch(out)
                case Log():
                    host.perform([out])
                case RestRequest():
                    self._rest(host, out)
                case WakeRequest():
                    self._wake(host, out)

    @staticmethod
    def _switch_listens(host: EyeHost) -> bool:
        """Whether a blink press would reach anything: the board, or a screen that takes presses.

        Under any other carer screen (menu, camera view) presses are ignored, so
        the blink switch must not see the eyes either: the carer checking the
        outlines with "close your eyes" must not start a rest request that undoes
        the patient's last choice and leaves the board resting.
        """
        return not host.screens or host.screens[-1].wants_switches

    def _mute_switch(self, host: EyeHost, t: float) -> None:
        """Once per carer screen: drop a closure in progress, as for a lost face."""
        if self._muted:
            return
        self._muted = True
        for out in self.blink.update(EyeSample(t=t, face_found=False)):
            if isinstance(out, SwitchUp | SwitchDown):
                host.dispatch(out)
            elif isinstance(out, Log):
                host.perform([out])

    def _track_face(self, host: EyeHost, sample: EyeSample) -> None:
        if sample.face_found:
            self._missing_since = None
            if self.face_lost:
                self._set_face_lost(host, sample.t, lost=False)
            return
        if self.state is not CameraState.OK:
            return
        if self._missing_since is None:
            self._missing_since = sample.t
        if not self.face_lost and sample.t - self._missing_since >= FACE_LOST_AFTER_S:
            self._set_face_lost(host, sample.t, lost=True)

    def _set_face_lost(self, host: EyeHost, t: float, *, lost: bool) -> None:
        self.face_lost = lost
        pausing = lost and self._pause_for_face(host)
        host.perform([Log(t, "face", {"found": not lost, "paused": pausing})])
        if lost:
            text = FACE_BANNER + (" - scanning paused" if pausing else "")
            host.chrome.show(Banner("face", text), t)
        else:
            host.chrome.hide("face")
        host.dirty = True

    @staticmethod
    def _pause_for_face(host: EyeHost) -> bool:
        return host.settings.blink.face_lost == FaceLost.PAUSE

    # -- rest and wake ---------------------------------------------------------------------------

    def _rest(self, host: EyeHost, request: RestRequest) -> None:
        undone = False
        if request.cancels_selection:
            # The closure selected at the hold time on its way to becoming a rest
            # request: the patient asked for rest, not for that cell.
            host.perform(host.session.undo(request.t))
            undone = True
        host.perform([Log(request.t, "rest", {"event": "rest", "undone": undone})])
        host.chrome.show(Banner("rest", REST_BANNER, "info"), request.t)

    def _wake(self, host: EyeHost, request: WakeRequest) -> None:
        host.perform([Log(request.t, "rest", {"event": "wake"})])
        host.chrome.hide("rest")

    # -- camera status ---------------------------------------------------------------------------

    def _status(self, host: EyeHost, status: CameraStatus) -> None:
        before, self.state = self.state, status.state
        fields: dict[str, Any] = {"state": status.state.value, "message": status.message}
        host.perform([Log(status.t, "camera", fields)])
        if status.state is not CameraState.OK:
            self._release(host, status.t)
        show_camera_status(host.chrome, host.perform, status, before, self.chosen_none)
        host.dirty = True

    def _release(self, host: EyeHost, t: float) -> None:
        """No more frames for now: let go of a held blink switch and forget the face."""
        if self._last_t is not None and self._tap is None:
            blank = EyeSample(t=max(t, self._last_t + 1e-3), face_found=False)
            self._last_t = blank.t
            for out in self.blink.update(blank):
                if isinstance(out, SwitchUp | SwitchDown):
                    host.dispatch(out)
                elif isinstance(out, Log):
                    host.perform([out])
        self._missing_since = None
        if self.face_lost:
            self.face_lost = False
            host.chrome.hide("face")

    # -- pausing ------------------------------------------------------------------------------

    def pause_reason(self, host: EyeHost) -> str | None:
        """Why the camera wants scanning paused now, or None."""
        if self.blink.state.resting and self.state is CameraState.OK and self._tap is None:
            return "rest"
        if self.face_lost and self.state is CameraState.OK and self._pause_for_face(host):
            return "face lost"
        return None

    def _apply_pause(self, host: EyeHost, now: float) -> None:
        reason = self.pause_reason(host)
        if reason is not None:
            if not host.session.paused and not host.screens and not host.chrome.alarm_on:
                host.perform(host.session.pause(now, reason))
                self._paused_by_us = True
            return
        if self._paused_by_us:
            self._paused_by_us = False
            if host.session.paused and not host.screens and not host.chrome.alarm_on:
                host.perform(host.session.resume(now))
