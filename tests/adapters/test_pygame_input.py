"""The mouse on carer screens: a move with the button held and a release become drag events."""

from __future__ import annotations

import pygame

from commboard.adapters.pygame_input import translate
from commboard.events import PointerMoved, PointerUp


def _on_cells(x: int, y: int) -> int | None:
    return 0  # the board's hit test: every point is cell 0


def test_the_mouse_held_down_is_a_drag_only_over_a_carer_screen() -> None:
    motion = pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), buttons=(1, 0, 0), rel=(2, 0))
    hover = pygame.event.Event(pygame.MOUSEMOTION, pos=(30, 40), buttons=(0, 0, 0), rel=(2, 0))
    release = pygame.event.Event(pygame.MOUSEBUTTONUP, pos=(30, 40), button=1)
    assert translate(motion, 5.0, None) == PointerMoved(5.0, 30, 40)
    assert translate(release, 5.0, None) == PointerUp(5.0, 30, 40)
    assert translate(hover, 5.0, None) is None  # moving without the button: no drag
    assert translate(motion, 5.0, _on_cells) is None  # on the board the mouse only points
    assert translate(release, 5.0, _on_cells) is None


def test_closing_the_window_reaches_the_board_whether_or_not_a_carer_screen_is_open() -> None:
    from commboard.events import WindowClosed

    close = pygame.event.Event(pygame.QUIT)
    assert translate(close, 7.0, None) == WindowClosed(7.0)  # a carer screen is open
    assert translate(close, 7.0, _on_cells) == WindowClosed(7.0)


def test_the_loop_wait_ends_at_once_for_a_camera_sample_or_a_key_else_at_its_timeout() -> None:
    """A press or a new camera sample is handled as it comes, not after the whole idle wait."""
    import os
    import threading
    import time

    from commboard.adapters.pygame_input import PygameInput

    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    if pygame.display.get_surface() is None:
        pygame.display.set_mode((64, 48))
    inputs = PygameInput()
    pygame.event.get()  # the window's own start-up events

    start = time.monotonic()
    inputs.wait(0.15)  # nothing happens: the whole wait
    assert time.monotonic() - start >= 0.14

    threading.Timer(0.05, inputs.wake.set).start()  # the camera thread: a sample is ready
    start = time.monotonic()
    inputs.wait(30.0)
    assert time.monotonic() - start < 0.9  # a wait never lasts over 1 s
    assert not inputs.wake.is_set()  # consumed: the next wait sleeps again

    key = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, unicode=" ")
    threading.Timer(0.05, pygame.event.post, args=(key,)).start()  # the patient's switch
    start = time.monotonic()
    inputs.wait(30.0)
    assert time.monotonic() - start < 0.9  # a wait never lasts over 1 s
    pressed = inputs.poll(1.0, None)
    assert [type(e).__name__ for e in pressed] == ["SwitchDown"]  # the key is not lost


def test_the_last_look_for_input_comes_just_before_the_scan_step_not_20_ms_before_it() -> None:
    """A key pressed in the last 20 ms before the highlight moves is read before it moves."""
    from commboard.adapters.pygame_input import FINAL_LOOK_S, INPUT_POLL_S, sleep_before_look

    looks, t, end = [], 0.0, 0.05  # a wait that ends at the next step, 50 ms away
    while t < end - 1e-9 and len(looks) < 100:
        t += sleep_before_look(end - t)
        looks.append(round(t, 6))
    assert len(looks) < 10  # about every 20 ms, then the last look
    assert looks[-2] == round(end - FINAL_LOOK_S, 6)  # the key is read 2 ms before the step
    assert looks[-1] == end
    assert all(b - a <= INPUT_POLL_S + 1e-9 for a, b in zip([0.0, *looks], looks, strict=False))


def test_a_camera_sample_wakes_the_loop_once_however_often_it_is_announced() -> None:
    """The loop's wake-up: set before the wait or during it ends the wait at once; once taken,
    the next wait sleeps again, even when two samples were announced."""
    import threading
    import time

    from commboard.adapters.pygame_input import Wake

    wake = Wake()
    assert not wake.is_set()
    assert not wake.wait(0.02)  # nothing announced: the whole wait
    wake.set()
    wake.set()  # two samples ready before the loop looked: one wake-up
    assert wake.is_set()
    start = time.monotonic()
    assert wake.wait(5.0)
    assert time.monotonic() - start < 0.5
    assert not wake.is_set()  # taken
    assert not wake.wait(0.02)
    threading.Timer(0.05, wake.set).start()  # from the camera thread, during the wait
    start = time.monotonic()
    assert wake.wait(5.0)
    assert time.monotonic() - start < 2.0
    wake.set()
    wake.clear()
    assert not wake.wait(0)
