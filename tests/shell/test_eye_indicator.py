"""The face/eye indicator: what it says for each camera and blink state, and that the ring fills."""

from __future__ import annotations

import math

import pygame
import pytest

from commboard.shell.eye_indicator import (
    RIM_FACE,
    RIM_NO_FACE,
    RING,
    draw_indicator,
    indicator_look,
    indicator_rect,
    ring_points,
)
from commboard.shell.render import TextCache
from commboard.signals.blink_switch import BlinkState
from commboard.vision.sample import CameraState


def state(**kw: object) -> BlinkState:
    values: dict[str, object] = dict(
        face_found=True, tracking=True, problem="", eyes_closed=False,
        hold_progress=0.0, resting=False, calibrated=True, hold_s=0.5,
    )  # fmt: skip
    values.update(kw)
    return BlinkState(**values)  # type: ignore[arg-type]


def test_open_and_closed_eyes_with_the_ring_following_the_hold() -> None:
    look = indicator_look(CameraState.OK, state())
    assert (look.eye, look.ring, look.label, look.rim) == ("open", 0.0, "eyes open", RIM_FACE)
    look = indicator_look(CameraState.OK, state(eyes_closed=True, hold_progress=0.6))
    assert (look.eye, look.ring, look.label) == ("closed", 0.6, "eyes closed")


@pytest.mark.parametrize(
    ("blink", "label"),
    [
        (state(face_found=False, tracking=False, problem="no face"), "no face"),
        (state(tracking=False, problem="head turned"), "head turned"),
    ],
)
def test_no_face_or_a_turned_head_is_never_shown_as_closed_eyes(
    blink: BlinkState, label: str
) -> None:
    look = indicator_look(CameraState.OK, blink)
    assert (look.eye, look.ring, look.label, look.rim) == ("none", 0.0, label, RIM_NO_FACE)


def test_a_camera_that_is_not_working_shows_why() -> None:
    assert indicator_look(CameraState.LOST, state()).label == "camera lost"
    assert indicator_look(CameraState.STARTING, None).label == "camera starting"
    assert indicator_look(CameraState.OK, state(resting=True)).label == "resting"


def test_ring_polygon_starts_at_twelve_and_runs_clockwise() -> None:
    pts = ring_points((100.0, 100.0), 50.0, 40.0, 0.25)
    assert pts[0] == pytest.approx((100.0, 50.0))  # 12 o'clock (y grows downwards)
    steps = len(pts) // 2 - 1
    assert pts[steps] == pytest.approx((150.0, 100.0))  # a quarter: 3 o'clock
    assert all(40.0 - 1e-6 <= math.dist(p, (100, 100)) <= 50.0 + 1e-6 for p in pts)


def _ring_pixels(fraction: float) -> int:
    pygame.font.init()
    surface = pygame.Surface((200, 200))
    rect = indicator_rect((0, 0, 200, 200))
    look = indicator_look(CameraState.OK, state(eyes_closed=True, hold_progress=fraction))
    draw_indicator(surface, rect, look, TextCache())
    pixels = pygame.surfarray.array3d(surface).reshape(-1, 3)
    return int((pixels == RING).all(axis=1).sum())


def test_the_drawn_ring_fills_with_the_hold() -> None:
    empty, half, full = _ring_pixels(0.0), _ring_pixels(0.5), _ring_pixels(1.0)
    assert empty == 0
    assert 0.4 < half / full < 0.6
