"""The camera inside the running board: faults never stop it, and the carer's camera screens work.

These build the real board (``shell.app.build``) headless on a virtual clock
with the synthetic face (real pixels, real MediaPipe) at 15 fps to keep them
quick.  The unplugged camera is the real synthetic source wrapped so that it
stops delivering, like a pulled USB cable, until the feed reconnects.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from commboard.adapters.camera_spec import mesh_detector, source_opener
from commboard.adapters.camera_worker import VisionFeed
from commboard.effects import Banner
from commboard.settings.profiles import load_profile
from commboard.shell import app
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.calibration.calibration_screen import CalibrationScreen
from commboard.shell.screens.camera_view.camera_view import CameraView
from commboard.shell.screens.carer_menu.carer_menu import menu_entries
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import YES_NO_LAYOUT
from commboard.vision.frames import Frame, FrameSource

LAYOUT = YES_NO_LAYOUT
FPS = "15"


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> Callable[..., BoardLoop]:
    """``board(*words)``: the board with this layout at 15 fps and these options, not yet run."""
    return lambda *words: start_board(
        "--camera-fps", FPS, *words, layout=LAYOUT, camera=None, draw=False
    )


def records(tmp_path: Path) -> list[dict[str, Any]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def shown_banners(loop: BoardLoop) -> list[Banner]:
    """Record every banner the board puts up."""
    shown: list[Banner] = []
    original = loop.chrome.show

    def show(banner: Banner, now: float, for_s: float | None = None) -> bool:
        shown.append(banner)
        return original(banner, now, for_s)

    loop.chrome.show = show  # type: ignore[method-assign]
    return shown


class Unplugged:
    """A camera that stops delivering frames at ``fail_at`` (not finished: it is just gone)."""

    finished = False

    def __init__(self, inner: FrameSource, fail_at: float) -> None:
        self.inner, self.fail_at = inner, fail_at

    def read(self) -> Frame | None:
        frame = self.inner.read()
        return None if frame is None or frame.t >= self.fail_at else frame

    def close(self) -> None:
        self.inner.close()


def test_camera_unplugged_mid_run_keeps_the_board_and_the_keyboard_and_then_reconnects(
    tmp_path: Path,
    board: Callable[..., BoardLoop],
) -> None:
    script = tmp_path / "face.txt"
    script.write_text(
        "2.0 1.0 close\n", encoding="utf-8"
    )  # one long blink 2 s after each (re)start
    keys = tmp_path / "keys.txt"
    keys.write_text("6.0 down select\n6.6 up select\n", encoding="utf-8")
    loop = board("--camera", "none", "--input-script", str(keys), "--max-seconds", "14")
    real = source_opener(f"synthetic:{script}", size=(640, 480), fps=15.0, clock=loop.p.clock)
    assert real is not None
    opened: list[float] = []

    def open_camera(t: float) -> FrameSource | None:
        opened.append(t)
        source = real(t)
        assert source is not None
        return Unplugged(source, fail_at=loop.start + 5.0) if len(opened) == 1 else source

    feed = VisionFeed(open_camera, mesh_detector, clock=loop.p.clock, start_t=loop.start)
    loop.eyes = loop.p.eyes = EyeInput(
        feed, BlinkSwitch(loop.settings.blink), clock=loop.p.clock, camera="synthetic", fps=15.0
    )
    banners = shown_banners(loop)
    try:
        assert loop.run() == "time up"
    finally:
        app.close(loop)

    log = records(tmp_path)
    states = [(r["t"], r["state"]) for r in log if r["type"] == "camera"]
    assert [s for _, s in states] == ["starting", "ok", "lost", "ok"]
    lost_t = next(t for t, s in states if s == "lost")
    back_t = [t for t, s in states if s == "ok"][1]
    assert 5.0 <= lost_t < 5.2 and 7.9 <= back_t <= 8.3, (
        "reconnected on the next attempt, 3 s later"
    )
    assert any(b.text == "Camera lost — using keyboard switch" for b in banners)
    presses = [r for r in log if r["type"] == "switch" and r.get("accepted")]
    sources = [(r["source"], round(r["t"] - r["held_s"], 1)) for r in presses]
    assert ("script", 6.0) in sources, "the keyboard switch worked while the camera was gone"
    blinks = [t for s, t in sources if s == "blink"]
    assert len(blinks) == 2 and blinks[0] < 5.0 < back_t < blinks[1], (
        "the blink switch came back by itself"
    )
    assert not any(r["type"] == "face" for r in log), "a lost camera is not a lost face"
    assert log[-1]["type"] == "stop"


def test_no_camera_at_start_the_board_runs_on_the_keyboard_and_says_so(
    tmp_path: Path, board: Callable[..., BoardLoop]
) -> None:
    keys = tmp_path / "keys.txt"
    keys.write_text("2.8 down select\n3.2 up select\n", encoding="utf-8")
    loop = board("--camera", "video:/nonexistent/film.avi", "--input-script", str(keys),
                 "--max-seconds", "6")  # fmt: skip
    banners = shown_banners(loop)
    try:
        loop.run()
        status = loop.status_text()
    finally:
        app.close(loop)
    log = records(tmp_path)
    assert [r["state"] for r in log if r["type"] == "camera"][-1] in ("none", "error")
    assert any("keyboard switch" in b.text for b in banners)
    assert "keyboard switch" in status
    assert any(r["type"] == "switch" and r["source"] == "script" and r["accepted"] for r in log)


def test_with_camera_none_nothing_pauses_and_no_indicator_is_drawn(
    tmp_path: Path, board: Callable[..., BoardLoop]
) -> None:
    loop = board("--camera", "none", "--max-seconds", "4")
    try:
        loop.run()
        assert loop.eyes is not None and loop.eyes.look() is None
        assert "camera: off" in loop.status_text()
        assert not loop.session.paused
    finally:
        app.close(loop)
    assert not any(r["type"] in ("face", "error") for r in records(tmp_path))


def test_carer_menu_has_the_camera_entries_and_the_camera_view_shows_the_live_face(
    tmp_path: Path,
    board: Callable[..., BoardLoop],
) -> None:
    labels = {e.shortcut: e.label for e in menu_entries()}
    assert labels["c"] == "Camera view" and labels["b"] == "Calibrate blinks"
    loop = board("--camera", "synthetic", "--max-seconds", "3")  # demo: eyes open at 3 s
    try:
        loop.run()
        screen = next(e for e in menu_entries() if e.shortcut == "c").choose(loop)
        view = screen.screen  # type: ignore[union-attr]
        assert isinstance(view, CameraView) and view.eyes is loop.eyes
        loop.open_screen(view)
        loop.draw()
        picture = loop.eyes.picture()  # type: ignore[union-attr]
        assert picture is not None and picture.landmarks is not None, "outlines come with the frame"
        pixels = pygame.surfarray.array3d(loop.p.surface)
        left = pixels[: pixels.shape[0] * 6 // 10]
        assert np.std(left) > 20, "a photo, not a blank panel"
        assert (left == (46, 204, 113)).all(axis=2).sum() > 30, "green outlines of open eyes"
    finally:
        app.close(loop)


CALIBRATION_FACE = "\n".join(
    ["6.4 2.6 close"]
    + [f"{t} {d} close" for t, d in [(10, 0.2), (14, 0.2), (18, 0.27), (22, 0.2), (26, 0.2),
                                     (30, 0.33), (34, 0.2), (37, 0.2)]]
)  # fmt: skip


def test_calibration_from_the_carer_menu_applies_and_saves_the_patients_blinks(
    tmp_path: Path,
    board: Callable[..., BoardLoop],
) -> None:
    script = tmp_path / "face.txt"
    script.write_text(CALIBRATION_FACE, encoding="utf-8")
    loop = board("--camera", f"synthetic:{script}", "--max-seconds", "48",
                 "--profile", "bed7")  # fmt: skip
    assert "not calibrated" in loop.status_text()
    outcome = next(e for e in menu_entries() if e.shortcut == "b").choose(loop)
    screen = outcome.screen  # type: ignore[union-attr]
    assert isinstance(screen, CalibrationScreen)
    loop.open_screen(screen)
    try:
        loop.run()
    finally:
        app.close(loop)
    assert screen.finished_at is not None and screen.saved is not None
    assert loop.settings.blink.calibrated and "not calibrated" not in loop.status_text()
    saved, _ = load_profile("bed7")
    assert saved.blink == loop.settings.blink
    assert saved.blink.hold_s >= max(0.3, screen.result.longest_blink_s)  # type: ignore[union-attr]
    log = records(tmp_path)
    assert not any(r["type"] == "switch" and r["source"] == "blink" for r in log), (
        "closing the eyes for calibration selects nothing"
    )


def test_while_the_eyes_close_only_the_indicator_is_redrawn_and_the_screen_is_as_a_full_redraw(
    tmp_path: Path,
    board: Callable[..., BoardLoop],
) -> None:
    """The ring filling frame by frame during a closure repaints the eye indicator alone (CPU at
    the bedside), and every such frame shows exactly what drawing the whole board shows."""
    script = tmp_path / "face.txt"
    script.write_text("2.0 2.5 close\n", encoding="utf-8")
    loop = board("--camera", f"synthetic:{script}", "--max-seconds", "5", "--scan-interval", "9")
    full_draws: list[float] = []
    paint = loop.renderer.draw
    loop.renderer.draw = lambda view: (full_draws.append(loop.now), paint(view))[1]  # type: ignore[method-assign]
    surface, compared, rings = loop.p.surface, 0, set()
    try:
        while loop.running and loop.now < loop.start + 4.0:
            drawn = len(full_draws)
            loop.safe_frame(loop.p.clock.now())
            look = loop.eyes.look() if loop.eyes is not None else None
            if len(full_draws) == drawn and look is not None and look.ring > 0:
                rings.add(look.ring)
                alone = pygame.surfarray.array3d(surface)  # after the indicator alone
                loop.eyes._under = None  # type: ignore[union-attr]  # force the whole board
                loop.draw()
                assert np.array_equal(alone, pygame.surfarray.array3d(surface)), loop.now
                compared += 1
            loop.idle()
    finally:
        app.close(loop)
    assert compared >= 5 and len(rings) >= 5  # the ring grew over many frames, each drawn alone
