"""Eyes closed while a carer screen is open: no rest, no undo of the patient's last choice.

At the camera view the carer asks the patient to close their eyes to check
the red outlines.  That closure must not reach the board: blinks are
ignored under a carer screen, so a closure of ``rest_s`` there must neither
undo the selection the patient made before (the blink's own selection never
happened) nor leave the board resting when the carer closes the screen.  A
screen that wants switches (the settings try-out) still gets blink presses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from commboard.events import SwitchDown, SwitchUp
from commboard.shell.eye_input import EyeInput
from commboard.testing import RecordingEyeHost, ScriptedFeed, ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus

EyeBoard = Callable[..., tuple[RecordingEyeHost, ScriptedFeed, EyeInput]]


def ok(t: float = 0.0) -> CameraStatus:
    return CameraStatus(t, CameraState.OK, "Camera working")


class CameraViewLike:
    """A carer screen that does not take switch presses (like the menu or the camera view)."""

    wants_switches = False


class TryOut:
    """A carer screen that takes switch presses (like the settings try-out)."""

    wants_switches = True

    def __init__(self) -> None:
        self.presses: list[Any] = []


def test_a_long_closure_at_the_camera_view_neither_rests_nor_undoes(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(3.0).closed(1.0).open(2.0).samples())
    assert [s["source"] for s in host.of("select")] == ["blink"], "the patient chose a cell"

    host.screens.append(CameraViewLike())  # the carer opens the camera view
    host.play(feed, eyes, ScriptedSamples(start_t=6.0).open(1.0).closed(4.0).open(1.0).samples())
    assert not host.of("undo"), "the patient's earlier choice is not undone"
    assert not host.of("rest")

    host.screens.clear()  # the carer closes it; the loop resumes scanning
    host.perform(host.session.resume(12.0))
    host.play(feed, eyes, ScriptedSamples(start_t=12.0).open(1.0).samples())
    assert not host.session.paused and "rest" not in host.banners()
    assert not eyes.blink.state.resting
    assert "resting" not in host.status_parts["camera"]


def test_a_closure_begun_before_the_screen_opened_selects_nothing_after_it_closes(
    eye_board: EyeBoard,
) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.play(feed, eyes, ScriptedSamples().open(3.0).closed(0.3).samples())
    host.screens.append(CameraViewLike())
    host.play(feed, eyes, ScriptedSamples(start_t=3.3).closed(2.0).samples())
    host.screens.clear()
    host.perform(host.session.resume(5.3))
    host.play(feed, eyes, ScriptedSamples(start_t=5.3).closed(1.0).open(1.0).samples())
    assert not host.of("select"), "eyes must be seen open again before a closure counts"
    host.play(feed, eyes, ScriptedSamples(start_t=7.3).closed(1.0).open(1.0).samples())
    assert [s["source"] for s in host.of("select")] == ["blink"]


def test_the_settings_try_out_still_gets_blink_presses(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    tryout = TryOut()
    host.screens.append(tryout)
    host.play(feed, eyes, ScriptedSamples().open(2.0).closed(1.0).open(1.0).samples())
    assert [type(e) for e in tryout.presses] == [SwitchDown, SwitchUp]
    assert not host.of("select"), "the try-out took the press, not the board"


def test_a_lost_camera_under_a_carer_screen_is_still_reported(eye_board: EyeBoard) -> None:
    host, feed, eyes = eye_board()
    feed.items.append(ok())
    host.screens.append(CameraViewLike())
    host.play(feed, eyes, ScriptedSamples().open(1.0).samples())
    feed.items.append(CameraStatus(1.5, CameraState.LOST, "Camera lost — using keyboard switch"))
    host.run(eyes, 1.5)
    assert host.banners()["camera"] == "Camera lost — using keyboard switch"
