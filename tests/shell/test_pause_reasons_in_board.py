"""On the running board, reasons to pause overlap: the last one to go resumes scanning.

The real board headless on a virtual clock with a scripted camera feed: the
patient's face leaves the picture (scanning pauses), the carer opens and
closes the menu meanwhile, then the face comes back.  Only then does
scanning go on, and the event log tells the overlap with ``pause`` records.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from commboard.effects import PauseReason
from commboard.events import CarerRequest
from commboard.settings import BlinkSettings, FaceLost
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import YES_NO_LAYOUT, RecordingSpeaker, ScriptedFeed, ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus

FACE, CARER = PauseReason.FACE_LOST, PauseReason.CARER_SCREEN


def records(tmp_path: Path, *kinds: str) -> list[dict[str, object]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [e for e in map(json.loads, lines) if e["type"] in kinds]


def scan_banner(loop: BoardLoop) -> str:
    assert loop.view is not None
    return next(b.text for b in loop.view.banners if b.key == "scan")


def test_closing_the_menu_while_the_face_is_away_keeps_scanning_paused(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    loop = start_board(layout=YES_NO_LAYOUT, draw=False)
    loop.p.speaker = RecordingSpeaker()
    blink = BlinkSettings(face_lost=FaceLost.PAUSE)
    loop.apply_settings(replace(loop.settings, blink=blink))
    t0 = loop.now
    samples = ScriptedSamples(start_t=t0).open(1.0).no_face(4.0).open(1.0).samples()
    feed = ScriptedFeed([CameraStatus(t0, CameraState.OK, "Camera working"), *samples])
    loop.eyes = EyeInput(feed, BlinkSwitch(blink), clock=loop.p.clock, camera="fake")

    def play_until(t: float) -> None:
        for sample in samples:
            if loop.now < sample.t <= t:
                loop.p.clock.advance_to(sample.t)
                loop.safe_frame(loop.p.clock.now())

    play_until(t0 + 2.5)  # the face went at 1 s: lost at 2 s
    assert loop.pauses.reasons == (FACE,) and "can't see your face" in scan_banner(loop)
    loop.dispatch(CarerRequest(loop.now))  # the carer opens the menu
    assert loop.pauses.reasons == (FACE, CARER)
    loop.close_screens()  # and closes it again
    loop.draw()
    assert loop.session.paused and loop.pauses.reasons == (FACE,)
    assert "can't see your face" in scan_banner(loop)  # the banner still names the face
    play_until(t0 + 6.0)  # the face is back at 5 s
    assert not loop.session.paused and loop.pauses.reasons == ()

    pauses = [(r["type"], r["event"], r.get("reason")) for r in records(tmp_path, "scan", "pause")]
    pauses = [p for p in pauses if p[1] in ("paused", "resumed", "added", "released")]
    assert pauses == [
        ("scan", "paused", "face lost"),
        ("pause", "added", "carer menu"),
        ("pause", "released", "carer menu"),
        ("scan", "resumed", None),
    ]
