"""Keyboard and mouse -> logical events.

The patient's switch keys (a USB switch usually sends Space or Enter) become
``SwitchDown``/``SwitchUp`` of SELECT; Right arrow and Tab are NEXT (step
scanning).  A mouse click on a cell is ``CellPointed`` (carers).  Escape and
F10 ask for the carer menu; they are never switch keys, so the patient's
switch can neither open nor quit the menu.  Everything else (letters, arrows,
clicks outside cells) is passed on as ``Key``/``Click`` for carer screens;
while a carer screen is open, moving the mouse with the button held and
releasing it are ``PointerMoved``/``PointerUp`` (the editor drags cells).
The events themselves are pygame-free, in ``commboard.events``.
"""

from __future__ import annotations

import _thread
import contextlib
import time
from collections.abc import Callable

import pygame

from commboard.events import (
    CarerRequest,
    CellPointed,
    Click,
    Key,
    PointerMoved,
    PointerUp,
    Source,
    Switch,
    SwitchDown,
    SwitchUp,
    UiEvent,
    WindowClosed,
)

SWITCH_KEYS: dict[int, Switch] = {
    pygame.K_SPACE: Switch.SELECT,
    pygame.K_RETURN: Switch.SELECT,
    pygame.K_KP_ENTER: Switch.SELECT,
    pygame.K_RIGHT: Switch.NEXT,
    pygame.K_TAB: Switch.NEXT,
}
CARER_KEYS = frozenset({pygame.K_ESCAPE, pygame.K_F10})


HitTest = Callable[[int, int], int | None]


def _key_event(ev: pygame.event.Event, now: float, text_mode: bool) -> UiEvent | None:
    if text_mode and ev.key not in CARER_KEYS:
        is_down = ev.type == pygame.KEYDOWN
        return _key(ev, now) if is_down else None
    name = SWITCH_KEYS.get(ev.key)
    if name is not None:
        kind = SwitchDown if ev.type == pygame.KEYDOWN else SwitchUp
        return kind(now, name, Source.KEYBOARD)
    if ev.type != pygame.KEYDOWN:
        return None
    if ev.key in CARER_KEYS:
        return CarerRequest(now)
    return _key(ev, now)


def _key(ev: pygame.event.Event, now: float) -> Key:
    return Key(now, ev.key, getattr(ev, "unicode", "") or "", pygame.key.name(ev.key))


def translate(
    ev: pygame.event.Event, now: float, hit_test: HitTest | None, text_mode: bool = False
) -> UiEvent | None:
    """One pygame event as a logical event (None: not ours to handle).

    Args:
        ev: the pygame event.
        now: the frame's monotonic time (pygame events carry no usable timestamp).
        hit_test: maps a click position to a cell index; None while a carer
            screen is open, so clicks go to that screen.
        text_mode: a carer is typing (a path): every key except Escape/F10
            arrives as ``Key``, Enter and Space included.
    """
    if ev.type in (pygame.KEYDOWN, pygame.KEYUP):
        return _key_event(ev, now, text_mode)
    if ev.type == pygame.MOUSEBUTTONDOWN and ev.button == 1:
        x, y = ev.pos
        cell = hit_test(x, y) if hit_test else None
        return Click(now, x, y) if cell is None else CellPointed(now, cell, Source.MOUSE)
    if ev.type == pygame.QUIT:  # before anything else: a carer screen must not swallow it
        return WindowClosed(now)
    if hit_test is None:  # a carer screen is open: a drag's moves and release reach it
        return _pointer(ev, now)
    return None


def _pointer(ev: pygame.event.Event, now: float) -> UiEvent | None:
    if ev.type == pygame.MOUSEMOTION and getattr(ev, "buttons", (0,))[0]:
        return PointerMoved(now, *ev.pos)
    if ev.type == pygame.MOUSEBUTTONUP and ev.button == 1:
        return PointerUp(now, *ev.pos)
    return None


def key_presses(
    name: str, now: float, hit_test: HitTest | None, text_mode: bool = False
) -> list[UiEvent]:
    """A key pressed and released, named as pygame names it (``escape``, ``s``): a script's carer key.

    Raises:
        ValueError: pygame knows no key of that name.
    """
    code = pygame.key.key_code(name)
    text = " " if name == "space" else name if len(name) == 1 else ""
    down = pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text)
    up = pygame.event.Event(pygame.KEYUP, key=code, unicode=text)
    out = [translate(ev, now, hit_test, text_mode) for ev in (down, up)]
    return [e for e in out if e is not None]


def click_at(x: int, y: int, now: float, hit_test: HitTest | None) -> list[UiEvent]:
    """A left click at (x, y), as a script's carer click."""
    event = translate(
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, y)), now, hit_test
    )
    return [event] if event is not None else []


# Real time, while idle: how often the keyboard, a USB switch and the mouse are
# looked at.  A press is noticed at most this late (a tenth of the shortest
# acceptance hold); pygame's own ``event.wait`` looks every millisecond, which
# kept 1-2% of a core busy doing nothing at the bedside.
INPUT_POLL_S = 0.02
# The last look for input before a wait's end (the next scan step): a key that
# came in the last 20 ms is then read, and stamped, before the highlight moves
# on, not after it (only a press in these last 2 ms counts for the next item).
FINAL_LOOK_S = 0.002


class Wake:
    """A flag one thread sets to end another's wait: ``threading.Event`` on a bare lock.

    The frame loop sleeps on it about 60 times a second (each camera sample,
    and each look for input between samples).  ``threading.Event`` does that
    through a ``Condition`` that makes, queues and drops a lock for every
    wait; a single lock held while the flag is down does the same work with
    none of that (about 20 us less of the loop's CPU per wait).  The flag is
    up while the lock is free; ``wait`` takes it down again as it returns True.
    """

    def __init__(self) -> None:
        self._down = _thread.allocate_lock()
        self._down.acquire()

    def set(self) -> None:
        """Raise the flag (any thread); a waiting ``wait`` returns True at once."""
        with contextlib.suppress(RuntimeError):  # already up
            self._down.release()

    def is_set(self) -> bool:
        return not self._down.locked()

    def clear(self) -> None:
        self._down.acquire(False)

    def wait(self, timeout_s: float) -> bool:
        """Up to ``timeout_s`` for the flag; True (and the flag down again) if it came up."""
        if timeout_s <= 0:
            return self._down.acquire(False)
        return self._down.acquire(True, timeout_s)


class PygameInput:
    """Drains pygame's queue; waits for input without spinning when nothing is due.

    ``wake`` ends a wait at once: the camera thread sets it when a new sample
    is ready, so each frame's sample is read as it arrives, not on a timer.
    """

    def __init__(self) -> None:
        pygame.key.set_repeat()  # a held switch must stay one press, not auto-repeat
        self.wake = Wake()

    def poll(self, now: float, hit_test: HitTest | None, text_mode: bool = False) -> list[UiEvent]:
        """Every pending pygame event, translated, in order."""
        out = [translate(ev, now, hit_test, text_mode) for ev in pygame.event.get()]
        return [e for e in out if e is not None]

    def wait(self, timeout_s: float) -> None:
        """Sleep until input arrives, ``wake`` is set or ``timeout_s`` (at most 1 s) passes."""
        end = time.monotonic() + min(timeout_s, 1.0)
        while (left := end - time.monotonic()) > 0:
            if self.wake.wait(sleep_before_look(left)):  # (taking the wake clears it)
                return
            if pygame.event.peek():  # looks at the window system too (pumps)
                return


def sleep_before_look(left: float) -> float:
    """How long to sleep before the next look for input, ``left`` seconds before the wait ends.

    Every ``INPUT_POLL_S``, and once ``FINAL_LOOK_S`` before the end.
    """
    if left <= 2 * FINAL_LOOK_S:
        return left  # (never a sliver of a sleep just before the last look)
    return min(INPUT_POLL_S, left - FINAL_LOOK_S)
