"""How the camera's state shows on the board: the status line's words and the carer's banners.

The camera worker reports state changes (``CameraStatus``): starting, on,
none, lost, error, video ended.  The status line always names the state;
a change also shows, hides or times a ``camera`` banner, says when the
camera works again, and logs an ``error`` line for a tracking error.  Every
state but "on" leaves the keyboard switch in charge, and the words say so.
"""

from __future__ import annotations

from collections.abc import Callable

from commboard.effects import Effect, Log
from commboard.shell.chrome import ChromeState
from commboard.shell.view import Banner
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


def show_camera_status(
    chrome: ChromeState,
    perform: Callable[[list[Effect]], None],
    status: CameraStatus,
    before: CameraState,
    chosen_none: bool,
) -> None:
    """The banner (and error log line) for a camera state change from ``before`` to ``status``.

    Args:
        chrome: the board's banners.
        perform: the loop's effect performer (the ``error`` log line goes through it).
        status: the new state, its message and when it changed.
        before: the state until now ("working again" follows only lost or error).
        chosen_none: the carer started with ``--camera none``: no "no camera" note.
    """
    match status.state:
        case CameraState.OK:
            chrome.hide("camera")
            if before in (CameraState.LOST, CameraState.ERROR):
                chrome.notice("Camera working again - blink switch on", status.t)
        case CameraState.NONE if not chosen_none:
            chrome.show(Banner("camera", status.message, "info"), status.t, NO_CAMERA_BANNER_S)
        case CameraState.LOST:
            chrome.show(Banner("camera", status.message), status.t)
        case CameraState.ERROR:
            perform([Log(status.t, "error", {"source": "camera", "message": status.message})])
            chrome.show(Banner("camera", status.message), status.t)
        case CameraState.ENDED:
            chrome.show(Banner("camera", status.message, "info"), status.t, ENDED_BANNER_S)
