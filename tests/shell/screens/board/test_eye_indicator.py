"""The face/eye indicator: what it says for each camera and blink state, and that the ring fills."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pygame
import pytest

from commboard.board.layout_file import load_layout_or_default
from commboard.board.model import Action, Cell, Page
from commboard.board.session import Session
from commboard.clock import VirtualClock
from commboard.control.board_view import BoardView, Chrome, Rect, board_view
from commboard.settings import BlinkSettings, Settings
from commboard.shell.eye_input import EyeInput
from commboard.shell.screens.board.eye_indicator import (
    EYE_WHITE,
    RIM_FACE,
    RIM_NO_FACE,
    RING,
    draw_indicator,
    indicator_look,
    indicator_parts,
    indicator_rect,
    ring_points,
    shows_label,
)
from commboard.shell.screens.board.render import BoardRenderer
from commboard.shell.screens.text_fit import TextCache
from commboard.signals.blink_switch import BlinkState, BlinkSwitch
from commboard.signals.eye_state import EYES_NOT_MEASURED, HEAD_TILTED, HEAD_TIPPED, NO_FACE
from commboard.testing import RecordingEyeHost, ScriptedFeed, ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus


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


def test_a_look_being_held_is_named_and_its_ring_fills_with_the_look_hold() -> None:
    look = indicator_look(CameraState.OK, state(), ("left", 0.4))
    assert (look.eye, look.ring, look.label, look.rim) == ("open", 0.4, "looking left", RIM_FACE)
    # Closed eyes, a lost face or a turned head say so, whatever look was building.
    assert indicator_look(CameraState.OK, state(eyes_closed=True), ("left", 0.4)).label == (
        "eyes closed"
    )
    lost = state(face_found=False, tracking=False, problem="no face")
    assert indicator_look(CameraState.OK, lost, ("up", 0.9)).label == "no face"


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


PAGE = Page(
    "home", "Home", 2, 2, tuple(Cell(w, Action.SPEAK) for w in ("Yes", "No", "Water", "Wait"))
)


def _board(size: tuple[int, int], message: str) -> tuple[pygame.Surface, BoardView]:
    pygame.font.init()
    surface = pygame.Surface(size)
    view = board_view(size, PAGE, message, (), Chrome(status="camera: on"))
    BoardRenderer(surface).draw(view)
    return surface, view


def _tallest_line(surface: pygame.Surface, box: Rect) -> int:
    """Height in pixels of the tallest line of label-coloured ink inside ``box``."""
    x, y, w, h = box
    pixels = pygame.surfarray.array3d(surface)[x : x + w, y : y + h].astype(int)
    ink = (np.abs(pixels - EYE_WHITE).sum(axis=2) < 120).any(axis=0)  # rows holding ink
    tallest = run = 0
    for row in ink:
        run = run + 1 if row else 0
        tallest = max(tallest, run)
    return tallest


@pytest.mark.parametrize(
    ("size", "tallest"),
    # 18 px at 1280x720 (the review's minimum from a bed) and in proportion elsewhere.
    [((800, 480), 12), ((1280, 720), 18), ((1920, 1080), 27)],
)
def test_the_label_is_readable_and_grows_with_the_screen(
    size: tuple[int, int], tallest: int
) -> None:
    surface, view = _board(size, "Water")
    parts = indicator_parts(view.message_rect)
    assert parts.label is not None and shows_label(view.message_rect)
    look = indicator_look(CameraState.STARTING, None)  # "camera starting": has t and g
    draw_indicator(surface, indicator_rect(view.message_rect), look, TextCache())
    assert _tallest_line(surface, parts.label) >= tallest


@pytest.mark.parametrize("size", [(800, 480), (1280, 720), (1920, 1080)])
def test_the_indicator_sits_at_the_bar_s_right_end_clear_of_the_words(
    size: tuple[int, int],
) -> None:
    message = "Please call my daughter"
    surface, view = _board(size, message)
    bx, by, bw, bh = view.message_rect
    x, y, w, h = indicator_rect(view.message_rect)
    assert bx < x and x + w <= bx + bw and by <= y and y + h <= by + bh, "inside the bar"
    assert bx + bw - (x + w) <= bh // 10, "at its right end"
    assert w <= bw // 4, "the patient's words keep most of the bar"
    inside = 12  # clear of the bar's rounded corners
    pixels = pygame.surfarray.array3d(surface)[bx + inside : bx + bw - inside, by : by + bh]
    words = np.nonzero((pixels.sum(axis=2) < 200).any(axis=1))[0]  # columns with black ink
    assert words.size, "the message is drawn"
    assert bx + inside + words.max() < x, "the message ends before the indicator starts"


@pytest.mark.parametrize("size", [(800, 480), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize(
    "blink",
    [state(eyes_closed=True), state(face_found=False, tracking=False, problem=NO_FACE)]
    + [state(tracking=False, problem=p) for p in (EYES_NOT_MEASURED, HEAD_TIPPED, HEAD_TILTED)],
)
def test_every_state_s_words_fit_beside_the_disc(size: tuple[int, int], blink: BlinkState) -> None:
    surface, view = _board(size, "")
    parts = indicator_parts(view.message_rect)
    assert parts.label is not None
    look = indicator_look(CameraState.OK, blink)
    draw_indicator(surface, parts.rect, look, TextCache())
    drawn = _tallest_line(surface, parts.label)
    assert drawn >= 8 * size[1] / 720, f"{look.label!r} is drawn, not dropped for want of room"


def test_a_screen_too_narrow_for_the_label_shows_the_disc_alone() -> None:
    surface, view = _board((600, 1024), "Water")  # portrait tablet: a narrow message bar
    assert not shows_label(view.message_rect), "the status line must carry the state"
    x, y, w, h = indicator_rect(view.message_rect)
    assert w == h
    look = indicator_look(CameraState.OK, state())
    draw_indicator(surface, (x, y, w, h), look, TextCache())
    with_label = pygame.surfarray.array3d(surface)[x : x + w, y : y + h]
    draw_indicator(surface, (x, y, w, h), replace(look, label=""), TextCache())
    without = pygame.surfarray.array3d(surface)[x : x + w, y : y + h]
    assert (with_label == without).all(), "no words squeezed into the disc"


@pytest.mark.parametrize(("size", "in_status"), [((1280, 720), False), ((600, 1024), True)])
def test_the_status_line_says_what_the_indicator_has_no_room_to_write(
    size: tuple[int, int], in_status: bool
) -> None:
    samples = ScriptedSamples().open(1.0).samples()
    eyes = EyeInput(
        ScriptedFeed([CameraStatus(0.0, CameraState.OK), *samples]),
        BlinkSwitch(BlinkSettings()),
        clock=VirtualClock(0.0),
    )
    host = RecordingEyeHost(Session(load_layout_or_default(None)[0], Settings(), 0.0))
    surface, view = _board(size, "")
    for s in samples:
        host.run(eyes, s.t)
        eyes.draw(surface, view, TextCache())
    host.run(eyes, 1.0)
    assert host.status_parts["camera"].startswith("camera: on")
    assert ("eyes open" in host.status_parts["camera"]) is in_status
