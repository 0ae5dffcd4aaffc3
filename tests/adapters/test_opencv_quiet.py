"""Probing a missing webcam again and again prints nothing: OpenCV's own log is kept quiet.

A missing ``index:N`` camera is re-opened every few seconds for as long as
the board runs; OpenCV used to print a WARN and an ERROR line to the terminal
for each attempt.  The board's own status reports the camera state once.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import cv2
import pytest

from commboard.adapters.camera_spec import source_opener
from commboard.adapters.camera_worker import VisionFeed
from commboard.adapters.opencv_quiet import quiet_opencv
from commboard.cli import parse_options
from commboard.clock import VirtualClock
from commboard.effects import Banner
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.testing import StillFace
from commboard.vision.frames import FrameSource
from commboard.vision.sample import CameraState, CameraStatus

OPENCV_LOG_WARNING = 3  # OpenCV's default level: WARN lines are printed


def missing_index() -> int:
    """A camera index with no /dev/video device behind it."""
    return next(i for i in range(10, 64) if not Path(f"/dev/video{i}").exists())


@pytest.fixture(autouse=True)
def opencv_as_at_start(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """OpenCV's default log level for each test (the level is process-wide), restored after."""
    monkeypatch.delenv("OPENCV_LOG_LEVEL", raising=False)
    before = cv2.setLogLevel(OPENCV_LOG_WARNING)
    yield
    cv2.setLogLevel(before)


def test_bare_opencv_does_print_for_a_missing_camera(capfd: pytest.CaptureFixture[str]) -> None:
    """The control: without quieting, the terminal gets OpenCV's lines."""
    cv2.VideoCapture(missing_index()).release()
    assert "WARN" in capfd.readouterr().err


def test_repeated_probes_of_a_missing_index_print_nothing(
    capfd: pytest.CaptureFixture[str],
) -> None:
    opener = source_opener(
        f"index:{missing_index()}", size=(640, 480), fps=30.0, clock=VirtualClock(0.0)
    )
    assert opener is not None
    for attempt in range(4):
        with pytest.raises(OSError, match="could not be opened"):
            opener(3.0 * attempt)
    assert capfd.readouterr().err == ""


def test_the_reconnect_loop_is_silent_and_reports_the_state_once(
    capfd: pytest.CaptureFixture[str],
) -> None:
    opener = source_opener(
        f"index:{missing_index()}", size=(640, 480), fps=30.0, clock=VirtualClock(0.0)
    )
    assert opener is not None
    attempts: list[float] = []

    def counted(t: float) -> FrameSource | None:
        attempts.append(t)
        return opener(t)

    feed = VisionFeed(
        counted,
        lambda: StillFace(found=False),
        clock=VirtualClock(0.0),
        start_t=0.0,
        reconnect_s=3.0,
    )
    feed.start()
    items = [item for n in range(25) for item in feed.drain(n * 0.5)]  # 12 s of the board
    feed.close()
    assert len(attempts) == 5, "opened at 0 s, then every 3 s"
    assert capfd.readouterr().err == ""
    states = [i.state for i in items if isinstance(i, CameraStatus)]
    assert states == [CameraState.STARTING, CameraState.NONE], "said once, not at every attempt"


def test_a_person_debugging_a_camera_keeps_the_log_level_they_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("OPENCV_LOG_LEVEL", "INFO")
    quiet_opencv()
    assert cv2.getLogLevel() == OPENCV_LOG_WARNING
    monkeypatch.delenv("OPENCV_LOG_LEVEL")
    quiet_opencv()
    assert cv2.getLogLevel() < OPENCV_LOG_WARNING


def test_the_board_on_a_missing_index_keeps_the_terminal_clear_and_logs_once(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "config"))
    log = tmp_path / "log.jsonl"
    args = parse_options(
        ["run", "--headless", "--virtual-clock", "--speech", "none", "--max-seconds", "13",
         "--camera", f"index:{missing_index()}", "--event-log", str(log),
         "--history", str(tmp_path / "h.jsonl")]
    )  # fmt: skip
    loop = app.build(args)
    assert isinstance(loop, BoardLoop)
    shown: list[Banner] = []
    original = loop.chrome.show

    def show(banner: Banner, now: float, for_s: float | None = None) -> bool:
        shown.append(banner)
        return original(banner, now, for_s)

    loop.chrome.show = show  # type: ignore[method-assign]
    try:
        loop.run()
    finally:
        app.close(loop)
    err = capfd.readouterr().err
    assert "VIDEOIO" not in err and "obsensor" not in err, err
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    cameras = [r["state"] for r in records if r["type"] == "camera"]
    assert cameras[-1] == "none" and cameras.count("none") == 1, cameras
    camera_banners = [b.text for b in shown if b.key == "camera"]
    assert len(camera_banners) == 1 and "keyboard switch" in camera_banners[0], camera_banners


@pytest.fixture
def opencv_pool_restored() -> Iterator[None]:
    """OpenCV's thread count is process-wide: give it back as it was."""
    before = cv2.getNumThreads()
    yield
    cv2.setNumThreads(before)


@pytest.mark.usefixtures("opencv_pool_restored")
def test_opening_a_camera_turns_off_opencvs_spinning_worker_pool(tmp_path: Path) -> None:
    """The camera thread's small OpenCV calls run on it: OpenCV's pool would spin between frames.

    30 small calls a second kept OpenCV's workers busy-waiting: about 1.3
    CPU-s a minute of the bedside laptop for nothing (``benchmarks/board_cpu.py``).
    """
    from commboard.adapters.opencv_quiet import open_capture

    cv2.setNumThreads(4)  # as OpenCV starts on a 4-core laptop
    open_capture(str(tmp_path / "no-such-video.avi")).release()
    assert cv2.getNumThreads() == 1


@pytest.mark.usefixtures("opencv_pool_restored")
def test_the_face_detector_turns_off_opencvs_worker_pool_for_the_synthetic_camera() -> None:
    """The demo face and the rolled-face turning use OpenCV without opening a capture."""
    from commboard.adapters.mediapipe_mesh import MediaPipeMesh

    cv2.setNumThreads(4)
    MediaPipeMesh(video=True).close()
    assert cv2.getNumThreads() == 1
