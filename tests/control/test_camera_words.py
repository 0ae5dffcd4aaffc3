"""The camera's words in the status line: its state, rest, and the indicator's words when unshown."""

from __future__ import annotations

from commboard.control.camera_words import status_words
from commboard.vision.sample import CameraState


def test_each_state_but_on_says_the_keyboard_switch_is_in_charge() -> None:
    assert status_words(CameraState.OK, False, False) == "camera: on"
    assert status_words(CameraState.LOST, False, False) == "camera: lost - keyboard switch"
    assert status_words(CameraState.ERROR, False, True) == "camera: error - keyboard switch"
    assert status_words(CameraState.OK, True, False) == "camera: off"  # --camera none


def test_rest_and_the_indicators_unshown_words_are_added_while_the_camera_works() -> None:
    assert status_words(CameraState.OK, False, True) == "camera: on (resting)"
    assert status_words(CameraState.OK, False, False, "eyes closed") == "camera: on - eyes closed"
    # "resting" is said once, and nothing is added while the camera does not work.
    assert status_words(CameraState.OK, False, True, "resting") == "camera: on (resting)"
    assert (
        status_words(CameraState.LOST, False, False, "no face") == "camera: lost - keyboard switch"
    )
