"""The camera feed: deterministic video runs, status changes, a camera that fails and comes back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from commboard.adapters.camera_worker import VisionFeed, open_vision
from commboard.adapters.synthetic_face import make_animator, write_script_video
from commboard.clock import MonotonicClock, VirtualClock
from commboard.testing import FlakyCamera, StillFace
from commboard.vision.face_script import parse_script
from commboard.vision.pipeline import QUEUE_SAMPLES
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

FPS = 15.0
VIDEO_SCRIPT = """\
0.6  0.6  close
1.6  0.4  absent
"""


@pytest.fixture(scope="module")
def video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 2.4 s, 15 fps MJPG video of the astronaut: eyes shut 0.6-1.2 s, no face 1.6-2.0 s."""
    path = tmp_path_factory.mktemp("video") / "face.avi"
    animator = make_animator("astronaut", (640, 480))
    assert write_script_video(path, parse_script(VIDEO_SCRIPT), animator, FPS, 2.4) == 36
    return path


def _run(spec: str, until: float, step: float = 0.25, start_t: float = 10.0) -> list:
    feed = open_vision(
        spec, clock=VirtualClock(start_t), size=(640, 480), fps=30.0, start_t=start_t
    )
    feed.start()
    items = []
    t = start_t
    while t < start_t + until:
        t += step
        items += feed.drain(t)
    feed.close()
    return items


def _states(items: list) -> list[CameraState]:
    return [i.state for i in items if isinstance(i, CameraStatus)]


def test_video_in_virtual_clock_is_deterministic_and_stamped_by_frame(video: Path) -> None:
    first = _run(f"video:{video}", 3.0)
    second = _run(f"video:{video}", 3.0, step=0.1)  # drained in other steps: same result
    assert first == second
    samples = [i for i in first if isinstance(i, EyeSample)]
    assert [s.t for s in samples] == pytest.approx([10.0 + n / FPS for n in range(36)])
    assert _states(first) == [CameraState.STARTING, CameraState.OK, CameraState.ENDED]


def test_video_samples_show_the_closure_and_the_missing_face(video: Path) -> None:
    samples = [i for i in _run(f"video:{video}", 3.0, start_t=0.0) if isinstance(i, EyeSample)]
    for s in samples:
        shut = 0.6 <= s.t < 1.2 - 1e-9
        gone = 1.6 <= s.t < 2.0 - 1e-9
        assert s.face_found is not gone, s.t
        if s.face_found and s.ear_left is not None and s.ear_right is not None:
            assert (max(s.ear_left, s.ear_right) < 0.15) is shut, s.t


def test_drain_processes_only_frames_up_to_now(video: Path) -> None:
    feed = open_vision(
        f"video:{video}", clock=VirtualClock(0.0), size=(640, 480), fps=30, start_t=0
    )
    feed.start()
    first = [i for i in feed.drain(0.5) if isinstance(i, EyeSample)]
    assert [s.t for s in first] == pytest.approx([n / FPS for n in range(8)])  # 0 .. 0.467
    assert feed.drain(0.5) == []
    latest = feed.latest_frame()
    assert latest is not None and latest[0].shape == (480, 640, 3) and latest[1] == first[-1]
    feed.close()


@pytest.mark.parametrize(
    ("spec", "state", "words"),
    [
        ("none", CameraState.NONE, "No camera — using the keyboard switch"),
        ("video:/no/such/file.avi", CameraState.NONE, "no video file at /no/such/file.avi"),
        ("webcam", CameraState.ERROR, "use auto, index:N, video:PATH"),
        ("synthetic:/no/such/script.txt", CameraState.ERROR, "/no/such/script.txt"),
    ],
)
def test_no_usable_camera_is_reported_in_plain_words(
    spec: str, state: CameraState, words: str
) -> None:
    items = _run(spec, 1.0)
    assert _states(items)[-1] is state
    assert words in items[-1].message
    assert not any(isinstance(i, EyeSample) for i in items)


def test_a_bad_synthetic_script_names_its_line(tmp_path: Path) -> None:
    script = tmp_path / "face.txt"
    script.write_text("1 1 close\n2 1 wink\n")
    items = _run(f"synthetic:{script}", 0.5)
    assert _states(items) == [CameraState.ERROR]
    assert f"{script} line 2: unknown action 'wink'" in items[0].message


# -- a camera that fails: fakes keep these quick and exact ------------------------------------


def _opener(plan: list[int | None]) -> tuple[Callable[[float], FlakyCamera | None], list]:
    """Each open takes the next entry: N = a camera good for N frames, None = no camera."""
    opened: list[FlakyCamera] = []

    def open_source(t: float) -> FlakyCamera | None:
        good = plan.pop(0) if plan else None
        if good is None:
            return None
        opened.append(FlakyCamera(t, good))
        return opened[-1]

    return open_source, opened


def test_camera_lost_then_back_in_virtual_clock() -> None:
    opener, opened = _opener([10, None, 1000])
    feed = VisionFeed(opener, StillFace, clock=VirtualClock(0.0), start_t=0.0, reconnect_s=2.0)
    feed.start()
    items = []
    for k in range(1, 41):
        items += feed.drain(k * 0.25)  # 10 s
    feed.close()
    statuses = [(round(i.t, 2), i.state) for i in items if isinstance(i, CameraStatus)]
    assert statuses == [
        (0.0, CameraState.STARTING),
        (0.03, CameraState.OK),
        (0.37, CameraState.LOST),  # the 11th frame was due at 11/30 s
        (4.4, CameraState.OK),  # the retry at 2.37 s found nothing, the one at 4.37 s works
    ]
    assert "Camera lost — using keyboard switch" in [
        i.message for i in items if isinstance(i, CameraStatus)
    ]
    assert opened[0].closed
    samples = [i for i in items if isinstance(i, EyeSample)]
    assert all(s.face_found for s in samples)
    times = [s.t for s in samples]
    assert times[9] == pytest.approx(10 / 30) and times[10] == pytest.approx(4.4)
    assert np.diff(times[10:]) == pytest.approx(1 / 30) and 10 - 1 / 30 < times[-1] <= 10


def test_camera_lost_then_back_in_real_time() -> None:
    opener, _ = _opener([5, 1000])
    clock = MonotonicClock()
    feed = VisionFeed(opener, StillFace, clock=clock, start_t=clock.now(), reconnect_s=0.2)
    feed.start()
    states: list[CameraState] = []
    deadline = time.monotonic() + 10.0
    while CameraState.LOST not in states or states[-1] is not CameraState.OK:
        assert time.monotonic() < deadline, states
        states += _states(feed.drain(time.monotonic()))
        time.sleep(0.02)
    feed.close()
    assert states == [CameraState.STARTING, CameraState.OK, CameraState.LOST, CameraState.OK]


def test_real_time_queue_keeps_only_the_newest_samples() -> None:
    opener, opened = _opener([QUEUE_SAMPLES * 3])
    clock = MonotonicClock()
    feed = VisionFeed(opener, StillFace, clock=clock, start_t=clock.now())
    feed.start()
    deadline = time.monotonic() + 10.0
    while (
        not opened
        or opened[0].good
        or (latest := feed.latest_frame()) is None
        or (latest[1].t != opened[0].t)
    ):  # the loop does not drain while the camera delivers 3 queues' worth of frames
        assert time.monotonic() < deadline
        time.sleep(0.05)
    samples = [i for i in feed.drain(time.monotonic()) if isinstance(i, EyeSample)]
    feed.close()
    assert len(samples) == QUEUE_SAMPLES
    assert samples[-1] == latest[1]  # the newest frame is kept; the oldest were dropped


def test_error_on_one_frame_is_reported_and_the_feed_goes_on() -> None:
    opener, _ = _opener([100])
    clock = VirtualClock(0.0)
    feed = VisionFeed(opener, lambda: StillFace(fail_on=(5,)), clock=clock, start_t=0.0)
    feed.start()
    items = feed.drain(1.0)
    feed.close()
    statuses = [i for i in items if isinstance(i, CameraStatus)]
    assert [s.state for s in statuses] == [CameraState.STARTING, CameraState.OK,
                                           CameraState.ERROR, CameraState.OK]  # fmt: skip
    assert "graph failed" in statuses[2].message
    samples = [i for i in items if isinstance(i, EyeSample)]
    assert len(samples) == 30 and [s.face_found for s in samples].count(False) == 1
    assert not samples[4].face_found  # the failed frame is "no face", never "eyes closed"


def test_real_time_video_skips_the_frames_it_is_late_for(video: Path) -> None:
    from commboard.adapters.opencv_frames import VideoFileSource

    now = [100.0]
    clock = MonotonicClock(read=lambda: now[0])  # real time that the test moves
    source = VideoFileSource(str(video), clock=clock, start_t=100.0)
    first = source.read()
    now[0] = 101.0  # the loop stalled for a second: 15 frames are due at once
    late = source.read()
    source.close()
    assert first is not None and late is not None
    assert first.t == 100.0 and late.t == pytest.approx(101.0)  # frame 15, not frame 1


def test_real_time_synthetic_camera_delivers_the_newest_frame() -> None:
    from commboard.adapters.synthetic_face import SyntheticFaceSource
    from commboard.vision.face_script import FaceState

    class Recorder:
        size = (64, 48)
        drawn: list[tuple[FaceState, int]] = []

        def render(self, state: FaceState, frame_no: int) -> np.ndarray:
            self.drawn.append((state, frame_no))
            return np.zeros((48, 64, 3), np.uint8)

    now = [50.0]
    script = parse_script("2 1 close\n")
    animator = Recorder()
    clock = MonotonicClock(read=lambda: now[0])  # real time that the test moves
    source = SyntheticFaceSource(script, animator, 30.0, clock=clock, start_t=50.0)  # type: ignore[arg-type]
    source.read()
    now[0] = 52.5
    frame = source.read()
    assert frame is not None and frame.t == 52.5
    assert animator.drawn[-1] == (FaceState(left_closed=True, right_closed=True), 75)


def test_each_real_time_sample_wakes_the_frame_loop() -> None:
    """The feed calls ``on_item`` with every sample, so the loop reads it as it arrives."""
    opener, _ = _opener([1000])
    clock = MonotonicClock()
    woken = threading.Event()
    feed = VisionFeed(opener, StillFace, clock=clock, start_t=clock.now(), on_item=woken.set)
    feed.start()
    try:
        for _ in range(3):  # a sample is waiting each time the loop is woken
            assert woken.wait(10.0)
            woken.clear()
            deadline = time.monotonic() + 10.0
            while not any(isinstance(i, EyeSample) for i in feed.drain(time.monotonic())):
                assert time.monotonic() < deadline  # woken, but no sample came
                time.sleep(0.001)
    finally:
        feed.close()


class BreakingGraph:
    """A model whose graph, once it has raised, raises on every later frame (as MediaPipe's)."""

    def __init__(self, breaks_on: int | None) -> None:
        self.calls, self.breaks_on, self.closed = 0, breaks_on, False
        self.face = StillFace()

    def detect(self, rgb: np.ndarray) -> np.ndarray | None:
        self.calls += 1
        if self.breaks_on is not None and self.calls >= self.breaks_on:
            raise RuntimeError("Graph has errors")
        return self.face.detect(rgb)

    def close(self) -> None:
        self.closed = True


def test_a_broken_face_tracker_is_made_again_with_a_back_off_and_the_board_recovers() -> None:
    # The first model breaks on its 10th frame; the first new one cannot start; the
    # second works.  Until then every frame is "no face", never "eyes closed".
    plan: list[BreakingGraph | Exception] = [
        BreakingGraph(10),
        RuntimeError("no model"),
        BreakingGraph(None),
    ]
    made: list[tuple[float, BreakingGraph | Exception]] = []
    clock = VirtualClock(0.0)

    def make() -> BreakingGraph:
        made.append((clock.now(), plan[0]))
        step = plan.pop(0)
        if isinstance(step, Exception):
            raise step
        return step

    opener, _ = _opener([10_000])
    feed = VisionFeed(opener, make, clock=clock, start_t=0.0)
    feed.start()
    items = []
    for k in range(1, 41):
        clock.advance_to(k * 0.25)
        items += feed.drain(k * 0.25)  # 10 s
    feed.close()
    statuses = [i for i in items if isinstance(i, CameraStatus)]
    assert [s.state for s in statuses] == [
        CameraState.STARTING, CameraState.OK, CameraState.ERROR, CameraState.ERROR,
        CameraState.OK,
    ]  # fmt: skip
    assert statuses[3].message.startswith(
        "Face tracking stopped working — trying again — using keyboard switch"
    )
    first = made[0][1]
    assert isinstance(first, BreakingGraph) and first.closed
    # Made again 1 s after it failed twice (frame 11, at 11/30 s), then 2 s after that.
    assert len(made) == 3
    samples = [i for i in items if isinstance(i, EyeSample)]
    broken = [s for s in samples if 9 / 30 < s.t < statuses[4].t]
    assert broken and not any(s.face_found for s in broken)  # never read as closed eyes
    assert statuses[4].t == pytest.approx(11 / 30 + 1.0 + 2.0, abs=0.07)
    assert all(s.face_found for s in samples if s.t >= statuses[4].t)
    assert samples[-1].t > 9.9
