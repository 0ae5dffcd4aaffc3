"""Camera and eye detectors inside the board: the glue the frame loop calls once per frame.

``EyeInput.frame(now, settings, listening)`` drains the vision feed
(samples and camera status changes), hands each one to
``control.eye_policy.EyePolicy`` with the active detectors (the blink
switch) and returns what came back as an ``EyeFrame``: switch events
(SELECT, source blink), a request to cancel the rest closure's selection,
effects (log lines, banners), the pause the eyes want and the status words.
It calls nothing back: the loop carries the frame out (``BoardLoop.eyes_ask``)
-- a blink's switch event takes exactly the space bar's path, so a carer
screen or the alarm treats it like any switch press.  The rules themselves
(face lost, rest and wake, muting under carer screens, camera banners) are
the policy's.

It also keeps the frame timing (so a virtual clock steps to every frame),
the newest frame for the carer's camera view (``vision.frames.Picture``) and,
through ``eye_display``, draws the face/eye indicator.

Two of its jobs have their own modules: ``eye_looks`` (looks that choose
cells: halving's halves, dwell's cells and its gaze map) and ``eye_display``
(the face/eye indicator and the camera's status words); this module keeps
``EyeInput``: the feed, the frame, the detectors and the frame timing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Protocol

import numpy as np

from commboard.board.model import Page
from commboard.clock import Clock
from commboard.control.dwell_looks import DwellLooks
from commboard.control.eye_policy import EyeContext, EyeFrame, EyeOutput, EyePolicy
from commboard.control.halving_looks import HalvingLooks
from commboard.effects import Log
from commboard.events import Source, SwitchDown, SwitchUp
from commboard.settings import Access, FaceLost, GazeSettings, Settings
from commboard.shell.eye_display import EyeDisplay
from commboard.shell.eye_looks import LookChoice
from commboard.shell.screens.board.eye_indicator import IndicatorLook
from commboard.signals.blink_switch import BlinkSwitch
from commboard.signals.gaze_switch import GazeSwitch
from commboard.vision.frames import Picture
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

# Real time: poll the feed at least this often while it delivers frames.
MAX_POLL_S = 1.0 / 30.0
# ... or this often when the camera thread wakes the loop with each sample
# (``woken``): the poll is then only a safety net, and polling at the frame rate
# as well had the loop run a third more often than samples came.
WOKEN_POLL_S = 0.1

# Camera states in which frames are (or should soon be) arriving.
_LIVE = frozenset({CameraState.STARTING, CameraState.OK, CameraState.ERROR})


class Feed(Protocol):
    """The part of ``commboard.adapters.camera_worker.VisionFeed`` the board uses."""

    def start(self) -> None: ...

    def drain(self, now: float) -> list[EyeSample | CameraStatus]: ...

    def latest_frame(self) -> tuple[np.ndarray, EyeSample] | None: ...

    def close(self) -> None: ...


SampleTap = Callable[[EyeSample], None]


class EyeInput(LookChoice, EyeDisplay):
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
        gaze: the profile's gaze settings (looks as switches follow the board's after).
        woken: the feed wakes the frame loop with each sample (real time): poll
            only every ``WOKEN_POLL_S``.
        turn_rolled: tells the landmark detector whether to turn a rolled face
            upright first: on while looks are read (a gaze access method, or a
            gaze calibration recording), off for the blink switch alone.
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
        gaze: GazeSettings | None = None,
        woken: bool = False,
        turn_rolled: Callable[[bool], None] | None = None,
    ) -> None:
        self.feed = feed
        self.blink = blink
        self.camera = camera
        self.profile = profile
        self.say = say or (lambda text: None)
        self._landmarks = landmarks
        self.chosen_none = camera.strip().lower() == "none"
        self.policy = EyePolicy(self.chosen_none)
        self.gaze = GazeSwitch(gaze or GazeSettings(), blink.settings)
        self.halving = HalvingLooks(gaze or GazeSettings(), blink.settings)
        self.dwell = DwellLooks(gaze or GazeSettings(), blink.settings)
        self._map_for: GazeSettings | None = None  # the gaze settings the map was last read for
        self.access = Access.SCAN  # how the patient chooses (``gaze.access``), from the board
        self._virtual = clock.virtual
        self._frame_s = 1.0 / fps if fps > 0 else MAX_POLL_S
        self._poll_s = WOKEN_POLL_S if woken else MAX_POLL_S
        self._tap: SampleTap | None = None
        self._gaze_tap = False  # the tap records looks (gaze calibration)
        self._turn_rolled = turn_rolled
        self._turning: bool | None = None  # what the detector was last told
        self._look: IndicatorLook | None = None
        self._label_drawn = True  # False: the screen is too narrow for the indicator's words
        self._started = False
        self._ring_shown = False
        self._refusal_shown = ""  # the dwell refusal the banner shows ("" none)
        self._half_bar: tuple[int, float] | None = None  # halving: the half a look builds towards

    @property
    def state(self) -> CameraState:
        """The camera's state (kept by the policy; calibration outside the board sets it)."""
        return self.policy.state

    @state.setter
    def state(self, state: CameraState) -> None:
        self.policy.state = state

    @property
    def detectors(self) -> tuple[BlinkSwitch | GazeSwitch | HalvingLooks | DwellLooks, ...]:
        """The eye detectors that read samples now: the blink switch, and looks if they are on."""
        match self.access:
            case Access.GAZE_SWITCHES:
                return (self.blink, self.gaze)
            case Access.GAZE_HALVING:
                return (self.blink, self.halving)
            case Access.GAZE_DWELL:
                return (self.blink, self.dwell) if self.dwell.stored is not None else (self.blink,)
        return (self.blink,)

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

    def record(self, tap: SampleTap | None, looks: bool = False) -> None:
        """Send every sample to ``tap`` instead of the blink switch (None: back to the switch).

        Calibration records the patient's eyes held closed for seconds; the
        blink switch must not read that as a selection or a rest request.
        ``looks``: the tap records looks (gaze calibration), read as the gaze
        access methods read them.
        """
        self._tap = tap
        self._gaze_tap = tap is not None and looks
        self._tell_turning()

    def _tell_turning(self) -> None:
        """Rolled faces are turned upright while looks are read, and only then."""
        want = self.access is not Access.SCAN or self._gaze_tap
        if self._turn_rolled is not None and want != self._turning:
            self._turn_rolled(want)
            self._turning = want

    # -- the loop's calls ---------------------------------------------------------------------

    def frame(
        self,
        now: float,
        settings: Settings,
        listening: bool,
        page: Page | None = None,
        weights: Mapping[int, float] | None = None,
    ) -> EyeFrame:
        """Drain the feed; what it asks of the board.  Call once per frame, after other inputs.

        Args:
            now: the frame's time.
            settings: the board's settings now (the blink switch follows them).
            listening: a switch press would reach something (the board, or a
                carer screen that takes presses); otherwise the detectors are muted.
            page: the page on the board (choosing by looks halves it).
            weights: how likely each of its cells is (a predicting Spell page), or None.
        """
        self.start()
        self._follow(settings)
        released = self.gaze.release(now) if self.access is not Access.GAZE_SWITCHES else []
        if page is not None:
            self.halving.show(page, weights)
            if self.access is Access.GAZE_DWELL:  # laid out only when dwell is the method
                self.dwell.show(page, now)
        context = EyeContext(
            face_pause=settings.blink.face_lost == FaceLost.PAUSE,
            listening=listening,
            recording=self._tap is not None,
        )
        outputs: list[EyeOutput] = list(released)
        redraw = False
        for item in self.feed.drain(now):
            if isinstance(item, CameraStatus):
                outputs += self.policy.camera(item, self.detectors, context)
                redraw = True
            else:
                outputs += self._sample(item, context)
        look = self.look()
        if look != self._look:
            self._look, redraw = look, True
        if self.access is Access.GAZE_HALVING:
            outputs = self.halving.take_switches(outputs)  # a long blink confirms
            redraw |= any(isinstance(o, Log) and o.type == "gaze" for o in outputs)
            redraw |= self.halving.reader.progress is not None or self._half_bar is not None
        refusal = self._dwell_refusal(now)
        outputs += refusal
        redraw |= bool(refusal)
        if self.dwell_now:
            outputs = [o for o in outputs if not _blink_press(o)]  # nothing is scanned to select
            redraw |= any(isinstance(o, Log) and o.type == "gaze" for o in outputs)
            redraw |= self.dwell.ring() is not None or self._ring_shown
            self._ring_shown = self.dwell.ring() is not None
        pause = self.policy.wanted_pause(context)
        return EyeFrame(tuple(outputs), pause, self.status_text(), redraw)

    def _follow(self, settings: Settings) -> None:
        """The detectors take the board's settings (the gaze map is read again when they change)."""
        if self.blink.settings != settings.blink:
            self.blink.set_settings(settings.blink)
        if self.gaze.settings != (settings.gaze, settings.blink):
            self.gaze.set_settings(settings.gaze, settings.blink)
            self.halving.set_settings(settings.gaze, settings.blink)
            self.dwell.set_settings(settings.gaze, settings.blink)
        self.dwell.alarm_hold_s = settings.scan.alarm_hold_s  # the nurse call's hold under dwell
        self.blink.alarm_hold_s = settings.scan.alarm_hold_s  # a rest never cuts it short
        self.access = settings.gaze.access
        self._tell_turning()
        if self.access is Access.GAZE_DWELL and settings.gaze is not self._map_for:
            self._map_for = settings.gaze  # a calibration or a settings change: read the map again
            self._load_map()

    def next_deadline(self, now: float) -> float | None:
        """When the loop must come back for the next frame (None: only on other events).

        Virtual clock: the expected stamp of the next frame, so every frame is
        processed at its own time (and a lost camera's reconnect is tried on
        schedule).  Real time: soon, while frames arrive (each sample also wakes
        the loop when ``woken``).
        """
        live = self.state in _LIVE or (self._virtual and self.state is CameraState.LOST)
        if self.chosen_none or not live:
            return None
        if self._virtual:
            # 1 us past the expected stamp absorbs float rounding of frame times.
            last = self.policy.last_t
            due = (last if last is not None else now) + self._frame_s + 1e-6
            return due if due > now else now + self._frame_s  # no frames lately: keep stepping
        return now + self._poll_s

    @property
    def blink_selects(self) -> bool:
        """Whether a long blink selects now: the camera works and calibration is not recording."""
        return not self.chosen_none and self.state is CameraState.OK and self._tap is None

    def picture(self) -> Picture | None:
        """The newest frame, its sample and (when the feed keeps them) its landmarks."""
        latest = self.feed.latest_frame()
        if latest is None:
            return None
        landmarks = self._landmarks() if self._landmarks is not None else None
        return Picture(latest[0], latest[1], landmarks)

    # -- samples ------------------------------------------------------------------------------

    def _sample(self, sample: EyeSample, context: EyeContext) -> list[EyeOutput]:
        last = self.policy.last_t
        if last is not None and sample.t > last:
            # A smoothed frame period: lets the virtual clock step exactly to the next frame.
            self._frame_s += 0.2 * (sample.t - last - self._frame_s)
        outputs = self.policy.sample(sample, self.detectors, context)
        if self._tap is not None:
            self._tap(sample)
        return outputs


def _blink_press(item: EyeOutput) -> bool:
    """A long blink's switch event: with dwell it selects nothing (the scanner stands still)."""
    return isinstance(item, SwitchDown | SwitchUp) and item.source is Source.BLINK
