"""Looks on real faces: MediaPipe on photos whose irises were shifted, upright and rolled +-30 degrees.

The astronaut photo and Grace Hopper's portrait (who wears glasses) from
installed packages, drawn by the synthetic camera with the irises moved
towards a corner, and read by the board's own eye metrics and look reader.
What must hold for a patient lying on either side: a look to the image's
right reads as the patient's left, a bigger look reads bigger, and rolling
the head does not turn a sideways look into another direction.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

import numpy as np
import pytest

from commboard.adapters.face_animation import FaceAnimator
from commboard.adapters.mediapipe_mesh import MediaPipeMesh
from commboard.adapters.synthetic_face import make_animator
from commboard.settings import BlinkSettings, GazeSettings
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_look_outputs import Look
from commboard.signals.gaze_rest import LEARN_S
from commboard.signals.gaze_switch import tuning
from commboard.vision.face_script import FaceState
from commboard.vision.metrics import eye_sample, measure
from commboard.vision.sample import EyeSample

PHOTOS = ("astronaut", "hopper")
FPS = 15.0


@pytest.fixture(scope="module")
def mesh() -> Iterator[MediaPipeMesh]:
    detector = MediaPipeMesh(video=False)
    yield detector
    detector.close()


@pytest.fixture(scope="module")
def animators() -> dict[str, FaceAnimator]:
    return {photo: make_animator(photo, (640, 480)) for photo in PHOTOS}


@pytest.fixture(scope="module")
def film(mesh: MediaPipeMesh, animators: dict[str, FaceAnimator]):
    """``film(photo, states)``: one sample per (state, seconds), frames at 15 fps, each measured once."""
    cache: dict[tuple[str, FaceState], EyeSample] = {}

    def measured(photo: str, state: FaceState) -> EyeSample:
        if (photo, state) not in cache:
            rgb = animators[photo].render(state, frame_no=1)
            cache[photo, state] = measure(rgb, 0.0, mesh.detect(rgb))
        return cache[photo, state]

    def shoot(photo: str, states: list[tuple[FaceState, float]]) -> list[EyeSample]:
        samples: list[EyeSample] = []
        for state, seconds in states:
            one = measured(photo, state)
            for _ in range(round(seconds * FPS)):
                t = len(samples) / FPS
                samples.append(EyeSample(**{**_fields(one), "t": t}))
        return samples

    return shoot


def _fields(sample: EyeSample) -> dict[str, object]:
    return {name: getattr(sample, name) for name in sample.__slots__}  # type: ignore[attr-defined]


def _looks(samples: list[EyeSample]) -> list[Look]:
    reader = LookReader(tuning(GazeSettings()), BlinkSettings())
    return [out for s in samples for out in reader.update(s) if isinstance(out, Look)]


@pytest.mark.parametrize("photo", PHOTOS)
@pytest.mark.parametrize("roll", [0.0, 30.0, -30.0])
def test_a_sideways_look_reads_as_the_patients_own_direction_upright_and_lying_on_either_side(
    film, photo: str, roll: float
) -> None:
    ahead = FaceState(rotate_deg=roll)
    for image_x, patient in ((0.8, Direction.LEFT), (-0.8, Direction.RIGHT)):
        looking = FaceState(look=(image_x, 0.0), rotate_deg=roll)
        samples = film(photo, [(ahead, LEARN_S + 0.5), (looking, 0.8), (ahead, 0.5)])
        assert [look.direction for look in _looks(samples)] == [patient], (photo, roll, image_x)


@pytest.mark.parametrize("photo", PHOTOS)
def test_a_bigger_look_reads_bigger_and_looks_up_and_down_read_so(film, photo: str) -> None:
    ahead = FaceState()
    amplitudes = []
    for amount in (0.5, 0.8):
        samples = film(photo, [(ahead, LEARN_S + 0.5), (FaceState(look=(amount, 0.0)), 0.8)])
        [look] = _looks(samples)
        amplitudes.append(look.amplitude)
    assert amplitudes[1] > amplitudes[0] >= 1.0
    # A full look up (about 25 degrees of eye rotation, the lids going with it) and a
    # look down of about 20 degrees; smaller ones below.
    for image_y, want in ((-1.0, Direction.UP), (0.8, Direction.DOWN)):
        vertical = film(photo, [(ahead, LEARN_S + 0.5), (FaceState(look=(0.0, image_y)), 0.8)])
        assert [look.direction for look in _looks(vertical)] == [want], image_y


@pytest.mark.parametrize("photo", PHOTOS)
def test_a_small_look_up_or_down_counts_with_glasses_too(film, photo: str) -> None:
    # Half of a full look (about 12 degrees of eye rotation).  Measured against the
    # eye corners, which Face Mesh moves along with the look, Grace Hopper's look up
    # (glasses) read short of the look distance; against the nose bridge it counts.
    ahead = FaceState()
    for image_y, want in ((-0.5, Direction.UP), (0.5, Direction.DOWN)):
        looking = FaceState(look=(0.0, image_y))
        samples = film(photo, [(ahead, LEARN_S + 0.5), (looking, 0.8), (ahead, 0.5)])
        assert [look.direction for look in _looks(samples)] == [want], (photo, image_y)


def _pitched(landmarks: np.ndarray, degrees: float) -> np.ndarray:
    """Face Mesh's 3D points turned about the face's middle by ``degrees`` of head pitch.

    > 0 tips the chin away from the camera (looking down, as ``head_pose`` reads
    it); the eyes turn with the head (a nod, not a look).
    """
    scale = np.array([640.0, 480.0, 640.0])  # MediaPipe's z uses x's scale
    px = landmarks * scale
    middle = px.mean(axis=0)
    a = math.radians(degrees)
    turn = np.array([[1, 0, 0], [0, math.cos(a), -math.sin(a)], [0, math.sin(a), math.cos(a)]])
    return ((px - middle) @ turn.T + middle) / scale


@pytest.mark.parametrize("photo", PHOTOS)
@pytest.mark.parametrize("degrees", [6.0, -6.0])
def test_a_nod_without_a_look_is_not_a_look(
    mesh: MediaPipeMesh, animators: dict[str, FaceAnimator], photo: str, degrees: float
) -> None:
    # Against the nose bridge a nod of 6 degrees read like a look of about 12 degrees
    # the other way (1.3 look distances), and against the eye corners like one the
    # same way (1.5); with the head's pitch added back it is no look at all.  The nod
    # is quick (a tenth of a second) and held 1.5 s, longer than a look's hold.
    rgb = animators[photo].render(FaceState(), frame_no=1)
    landmarks = mesh.detect(rgb)
    assert landmarks is not None
    timeline = [0.0] * round((LEARN_S + 0.5) * FPS) + [degrees / 2]
    timeline += [degrees] * round(1.5 * FPS) + [degrees / 2] + [0.0] * round(FPS)
    samples = [
        eye_sample(_pitched(landmarks, pitch), n / FPS, rgb.shape, 120.0)
        for n, pitch in enumerate(timeline)
    ]
    nodded = samples[round((LEARN_S + 1.0) * FPS)]
    assert nodded.pitch_deg is not None and samples[0].pitch_deg is not None
    assert nodded.pitch_deg - samples[0].pitch_deg == pytest.approx(degrees, abs=0.5)
    assert _looks(samples) == []


def _yawed(landmarks: np.ndarray, degrees: float) -> np.ndarray:
    """Face Mesh's 3D points turned about the vertical axis through the face's middle by
    ``degrees`` of head yaw (> 0: towards the image right), the eyes turning with the head.
    A flat photo cannot turn; a perspective warp of it has no parallax (the nose does not
    move across the cheeks), so the landmarks are turned instead."""
    scale = np.array([640.0, 480.0, 640.0])
    px = np.asarray(landmarks, dtype=np.float64) * scale
    middle = px.mean(axis=0)
    a = math.radians(degrees)
    turn = np.array([[math.cos(a), 0, -math.sin(a)], [0, 1, 0], [math.sin(a), 0, math.cos(a)]])
    return ((px - middle) @ turn.T + middle) / scale


@pytest.mark.parametrize("photo", PHOTOS)
@pytest.mark.parametrize("yaw", [15.0, -15.0])
def test_looks_each_way_read_so_with_the_head_turned(
    mesh: MediaPipeMesh, animators: dict[str, FaceAnimator], photo: str, yaw: float
) -> None:
    # The head turned 15 degrees to either side (within the blink switch's 25): looks
    # each way still read, each its own way, and the turn itself, held, is no look.
    # Sideways at 0.65 of the way: on this still frame Grace Hopper's look to the image
    # left at 0.5 reads 0.100 of the eye's half-width upright, on the look distance
    # itself (the gaze benchmark's film finds it: its frames differ).
    def still(state: FaceState) -> np.ndarray:
        rgb = animators[photo].render(state, frame_no=1)
        landmarks = mesh.detect(rgb)
        assert landmarks is not None
        return _yawed(landmarks, yaw)

    ahead = still(FaceState())
    for image_xy, want in (((0.65, 0.0), Direction.LEFT), ((-0.65, 0.0), Direction.RIGHT),
                           ((0.0, -0.5), Direction.UP), ((0.0, 0.5), Direction.DOWN)):  # fmt: skip
        looking = still(FaceState(look=image_xy))
        timeline = [ahead] * round((LEARN_S + 0.5) * FPS) + [looking] * round(0.8 * FPS)
        timeline += [ahead] * round(0.5 * FPS)
        samples = [eye_sample(lm, n / FPS, (480, 640, 3), 120.0) for n, lm in enumerate(timeline)]
        assert samples[0].yaw_deg is not None and abs(samples[0].yaw_deg) > 10.0
        assert [look.direction for look in _looks(samples)] == [want], (photo, yaw, image_xy)


@pytest.mark.parametrize("photo", PHOTOS)
def test_rolling_the_head_is_not_a_look(film, photo: str) -> None:
    states = [(FaceState(), LEARN_S + 0.5)]
    for roll in (30.0, 0.0, -30.0, 0.0):
        states.append((FaceState(rotate_deg=roll), 3.0))
    assert _looks(film(photo, states)) == []


@pytest.mark.parametrize("photo", PHOTOS)
@pytest.mark.parametrize("roll", [30.0, -30.0])
def test_looks_up_and_down_read_so_lying_on_either_side(film, photo: str, roll: float) -> None:
    # The same looks as upright (above): on a face rolled 30 degrees Face Mesh followed
    # them by a quarter to a half as much, until the frame was turned upright first.
    ahead = FaceState(rotate_deg=roll)
    for image_y, want in ((-1.0, Direction.UP), (0.8, Direction.DOWN)):
        looking = FaceState(look=(0.0, image_y), rotate_deg=roll)
        samples = film(photo, [(ahead, LEARN_S + 0.5), (looking, 0.8), (ahead, 0.5)])
        assert [look.direction for look in _looks(samples)] == [want], (photo, roll, image_y)


@pytest.mark.parametrize("photo", PHOTOS)
@pytest.mark.parametrize("roll", [30.0, -30.0])
@pytest.mark.parametrize("move", [(0.0, 0.0), (150.0, 60.0)])
def test_a_rolled_face_is_found_where_it_is_in_the_frame(
    mesh: MediaPipeMesh,
    animators: dict[str, FaceAnimator],
    photo: str,
    roll: float,
    move: tuple[float, float],
) -> None:
    # Read from the frame turned upright, the landmarks still belong to the frame itself:
    # the head reads as rolled, and the face sits where the picture has it.
    upright = measure(rgb := animators[photo].render(FaceState(), 1), 0.0, mesh.detect(rgb))
    rolled_rgb = animators[photo].render(FaceState(rotate_deg=roll, move=move), 1)
    landmarks = mesh.detect(rolled_rgb)
    assert landmarks is not None
    rolled = measure(rolled_rgb, 0.0, landmarks)
    assert rolled.roll_deg is not None and upright.roll_deg is not None
    assert abs(rolled.roll_deg - upright.roll_deg - roll) < 3.0
    # The synthetic camera turns the picture about the face's middle, then moves it.
    upright_landmarks = mesh.detect(rgb)
    assert upright_landmarks is not None
    middle = landmarks[:, :2].mean(axis=0) - upright_landmarks[:, :2].mean(axis=0)
    assert abs(middle[0] - move[0] / 640) < 0.02 and abs(middle[1] - move[1] / 480) < 0.02


@pytest.mark.parametrize("roll", [30.0, -30.0])
def test_for_the_blink_switch_alone_a_rolled_face_is_read_as_it_is_not_turned(
    animators: dict[str, FaceAnimator], roll: float
) -> None:
    # Turning costs 1-3 ms a frame while the patient lies on one side; only looks need
    # it.  With it off (a patient who only blinks) the rolled face is still found and
    # its eyes measured, from the frame as it is.
    video = MediaPipeMesh(video=True)
    video.turn_rolled = False
    try:
        rgb = animators["astronaut"].render(FaceState(rotate_deg=roll), 1)
        for _ in range(3):
            landmarks = video.detect(rgb)
            assert landmarks is not None
            assert video._upright.turn == 0.0  # never turned
        sample = measure(rgb, 0.0, landmarks)
        assert sample.roll_deg is not None and abs(abs(sample.roll_deg) - 30.0) < 10.0
        assert sample.ear_left is not None and sample.ear_left > 0.15  # open eyes read open
        video.turn_rolled = True  # a gaze access method chosen: the next frames are turned
        video.detect(rgb)
        assert video._upright.turn != 0.0
    finally:
        video.close()
