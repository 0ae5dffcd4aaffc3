"""How the camera's state shows on the board: the status line's words and the carer's banners.

The camera worker reports state changes (``CameraStatus``): starting, on,
none, lost, error, video ended.  The status line always names the state;
a change also shows, hides or times a ``camera`` banner, says when the
camera works again, and logs an ``error`` line for a tracking error.  Every
state but "on" leaves the keyboard switch in charge, and the words say so.
"""

from __future__ import annotations

from commboard.effects import Banner, Effect, HideBanner, Log, Notice, ShowBanner
from commboard.vision.sample import CameraState, CameraStatus

STATUS = {
    CameraState.NONE: "camera: none - keyboard switch",
    CameraState.STARTING: "camera: starting",
    CameraState.OK: "camera: on",
    CameraState.LOST: "camera: lost - keyboard switch",
    CameraState.ERROR: "camera: error - keyboard switch",
    CameraState.ENDED: "camera: video ended",
}
# How long the "no camera" note stays up at start (the status line keeps saying it).
NO_CAMERA_BANNER_S = 20.0
ENDED_BANNER_S = 10.0
WORKING_AGAIN = "Camera working again - blink switch on"


def status_words(
    state: CameraState, chosen_none: bool, resting: bool, unshown_label: str | None = None
) -> str:
    """The camera's part of the status line.

    Args:
        state: the camera's state now.
        chosen_none: the carer started with ``--camera none``: just "camera: off".
        resting: the patient asked for rest (said while the camera works).
        unshown_label: the eye indicator's words when the screen had no room to
            write them beside it (None: they are shown there).
    """
    if chosen_none:
        return "camera: off"
    text = STATUS[state]
    if state is CameraState.OK and resting:
        text += " (resting)"
    if state is CameraState.OK and unshown_label is not None and unshown_label != "resting":
        text += f" - {unshown_label}"
    return text


def camera_banners(status: CameraStatus, before: CameraState, chosen_none: bool) -> list[Effect]:
    """The banner (and error log line) for a camera state change from ``before`` to ``status``.

    Args:
        status: the new state, its message and when it changed.
        before: the state until now ("working again" follows only lost or error).
        chosen_none: the carer started with ``--camera none``: no "no camera" note.
    """
    t = status.t
    match status.state:
        case CameraState.OK:
            out: list[Effect] = [HideBanner(t, "camera")]
            if before in (CameraState.LOST, CameraState.ERROR):
                out.append(Notice(t, WORKING_AGAIN))
            return out
        case CameraState.NONE if not chosen_none:
            return [ShowBanner(t, Banner("camera", status.message, "info"), NO_CAMERA_BANNER_S)]
        case CameraState.LOST:
            return [ShowBanner(t, Banner("camera", status.message))]
        case CameraState.ERROR:
            error = Log(t, "error", {"source": "camera", "message": status.message})
            return [error, ShowBanner(t, Banner("camera", status.message))]
        case CameraState.ENDED:
            return [ShowBanner(t, Banner("camera", status.message, "info"), ENDED_BANNER_S)]
    return []
