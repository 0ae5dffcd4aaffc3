"""What the patient's eyes do to the board: switch presses, a lost face, rest and wake.

``EyePolicy`` takes each eye sample and camera state change, hands the
sample to whichever eye detectors are active (the blink switch today, a
gaze classifier next: anything with ``update(sample)``), and returns what
follows, in order: switch events for the loop to route like any switch,
requests (undo the selection a rest closure made), and effects (log
records, banners).  Between frames it says which pause the eyes want
(``wanted_pause``); ``control.pauses.PauseOwner`` holds it.

The rules:

* a face missing for ``FACE_LOST_AFTER_S`` shows "I can't see your face"
  and, with ``blink.face_lost = pause``, pauses scanning until the face
  returns -- only while the camera actually works (never with ``--camera
  none``, a lost camera or a tracking error: then the keyboard switch must
  go on scanning);
* a rest request pauses scanning until the wake pattern, and cancels the
  selection the same closure made at the hold time (the patient asked for
  rest, not for that cell);
* under a carer screen that ignores switch presses the detectors do not see
  the eyes (once per screen they see the face go, which drops a closure in
  progress): a carer checking the eye outlines with "close your eyes" must
  not start a rest request that undoes the patient's last choice;
* camera state changes become ``camera`` log lines and banners
  (``camera_words``); a camera that stops sending frames releases a held
  switch and forgets the face.

Event-log types written here are documented in docs/event-log.md
(``camera``, ``face``, ``rest``, ``error``).  Pure: time comes from the
samples' capture stamps.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from commboard.control.camera_words import camera_banners
from commboard.effects import Banner, Cue, Effect, HideBanner, Log, PauseReason, ShowBanner
from commboard.events import CellPointed, SwitchDown, SwitchUp
from commboard.signals.blink_switch import RestRequest, WakeRequest
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

# A face missing this long is "lost": one missed frame, a hand or a cup passing
# in front of the camera must not pause the board.
FACE_LOST_AFTER_S = 1.0
EYE_PAUSES = (PauseReason.RESTING, PauseReason.FACE_LOST)  # the pauses the eyes may want
FACE_BANNER = "I can't see your face"
REST_BANNER = "Resting. To wake the board: two long blinks."
# Stamps a blank "no face" sample this far past the last real one when the camera stops.
RELEASE_STEP_S = 1e-3

DetectorOutput = SwitchDown | SwitchUp | CellPointed | Cue | Log | RestRequest | WakeRequest


class EyeDetector(Protocol):
    """An eye input that reads samples: ``signals.blink_switch.BlinkSwitch``, later gaze."""

    def update(self, sample: EyeSample) -> Sequence[DetectorOutput]:
        """Read one frame's sample; switch events, requests and log records, in order."""
        ...


@dataclass(frozen=True, slots=True)
class EyeContext:
    """What the rest of the board tells the policy about this moment.

    Attributes:
        face_pause: the profile's ``blink.face_lost`` is "pause".
        listening: a switch press would reach something (the board, or a carer
            screen that takes presses).
        recording: calibration records the samples: no detector reads them.
    """

    face_pause: bool
    listening: bool = True
    recording: bool = False


@dataclass(frozen=True, slots=True)
class UndoSelection:
    """Cancel the selection the rest closure made at the hold time (``Session.undo``)."""

    t: float


EyeOutput = SwitchDown | SwitchUp | CellPointed | UndoSelection | Effect


@dataclass(frozen=True, slots=True)
class EyeFrame:
    """What one frame's camera input asks of the board; the loop carries it out.

    Attributes:
        outputs: in order: switch events and cells chosen by looks (the loop
            dispatches them like the space bar and a click), ``UndoSelection``
            (for the session) and effects.
        pause: the pause the eyes want (one of ``EYE_PAUSES``; None: neither).
        status: the camera's part of the status line.
        redraw: the indicator or the camera's state changed.
    """

    outputs: tuple[EyeOutput, ...]
    pause: PauseReason | None
    status: str
    redraw: bool


class EyePolicy:
    """The eyes' rules (see the module docstring); camera state, face and rest are kept here.

    Args:
        chosen_none: the carer started with ``--camera none``.

    Attributes:
        state: the camera's state (from its last status change).
        face_lost: the face has been missing for ``FACE_LOST_AFTER_S`` (camera on).
        resting: the patient asked for rest and has not woken the board yet.
        last_t: capture stamp of the newest sample seen (None: none yet).
    """

    def __init__(self, chosen_none: bool = False) -> None:
        self.chosen_none = chosen_none
        self.state = CameraState.STARTING
        self.face_lost = False
        self.resting = False
        self.last_t: float | None = None
        self._missing_since: float | None = None
        self._muted = False

    def sample(
        self, sample: EyeSample, detectors: Sequence[EyeDetector], ctx: EyeContext
    ) -> list[EyeOutput]:
        """One camera sample: the face, then (unless recording or muted) every detector."""
        self.last_t = sample.t
        out = self._track_face(sample, ctx)
        if ctx.recording:
            return out
        if not ctx.listening:
            return out + self._mute(sample.t, detectors)
        self._muted = False
        for detector in detectors:
            for item in detector.update(sample):
                out += self._detected(item)
        return out

    def camera(
        self, status: CameraStatus, detectors: Sequence[EyeDetector], ctx: EyeContext
    ) -> list[EyeOutput]:
        """A camera state change: its log line, a release when frames stop, the banners."""
        before, self.state = self.state, status.state
        fields: dict[str, Any] = {"state": status.state.value, "message": status.message}
        out: list[EyeOutput] = [Log(status.t, "camera", fields)]
        if status.state is not CameraState.OK:
            out += self._release(status.t, detectors, ctx)
        out += camera_banners(status, before, self.chosen_none)
        return out

    def wanted_pause(self, ctx: EyeContext) -> PauseReason | None:
        """The pause the eyes want now (rest before a lost face), only while the camera works."""
        if self.state is not CameraState.OK:
            return None
        if self.resting and not ctx.recording:
            return PauseReason.RESTING
        if self.face_lost and ctx.face_pause:
            return PauseReason.FACE_LOST
        return None

    # -- face ----------------------------------------------------------------------------

    def _track_face(self, sample: EyeSample, ctx: EyeContext) -> list[EyeOutput]:
        if sample.face_found:
            self._missing_since = None
            return self._face(sample.t, ctx, lost=False) if self.face_lost else []
        if self.state is not CameraState.OK:
            return []
        if self._missing_since is None:
            self._missing_since = sample.t
        if not self.face_lost and sample.t - self._missing_since >= FACE_LOST_AFTER_S:
            return self._face(sample.t, ctx, lost=True)
        return []

    def _face(self, t: float, ctx: EyeContext, *, lost: bool) -> list[EyeOutput]:
        self.face_lost = lost
        pausing = lost and ctx.face_pause
        out: list[EyeOutput] = [Log(t, "face", {"found": not lost, "paused": pausing})]
        if lost:
            text = FACE_BANNER + (" - scanning paused" if pausing else "")
            out.append(ShowBanner(t, Banner("face", text)))
        else:
            out.append(HideBanner(t, "face"))
        return out

    # -- detectors -------------------------------------------------------------------------

    def _detected(self, item: DetectorOutput) -> list[EyeOutput]:
        match item:
            case RestRequest():
                return self._rest(item)
            case WakeRequest():
                self.resting = False
                return [Log(item.t, "rest", {"event": "wake"}), HideBanner(item.t, "rest")]
        return [item]

    def _rest(self, request: RestRequest) -> list[EyeOutput]:
        self.resting = True
        # The closure selected at the hold time on its way to becoming a rest
        # request: the patient asked for rest, not for that cell.
        undo: list[EyeOutput] = [UndoSelection(request.t)] if request.cancels_selection else []
        return [
            *undo,
            Log(request.t, "rest", {"event": "rest", "undone": request.cancels_selection}),
            ShowBanner(request.t, Banner("rest", REST_BANNER, "info")),
        ]

    def _mute(self, t: float, detectors: Sequence[EyeDetector]) -> list[EyeOutput]:
        """Once per carer screen: the detectors see the face go (a closure in progress ends)."""
        if self._muted:
            return []
        self._muted = True
        return _switch_and_log(EyeSample(t=t, face_found=False), detectors)

    def _release(
        self, t: float, detectors: Sequence[EyeDetector], ctx: EyeContext
    ) -> list[EyeOutput]:
        """No more frames for now: let go of a held switch and forget the face."""
        out: list[EyeOutput] = []
        if self.last_t is not None and not ctx.recording:
            blank = EyeSample(t=max(t, self.last_t + RELEASE_STEP_S), face_found=False)
            self.last_t = blank.t
            out += _switch_and_log(blank, detectors)
        self._missing_since = None
        if self.face_lost:
            self.face_lost = False
            out.append(HideBanner(t, "face"))
        return out


def _switch_and_log(sample: EyeSample, detectors: Sequence[EyeDetector]) -> list[EyeOutput]:
    """What the detectors make of ``sample``, less requests (a blank frame asks for nothing)."""
    return [
        item
        for detector in detectors
        for item in detector.update(sample)
        if isinstance(item, SwitchDown | SwitchUp | Log)
    ]
