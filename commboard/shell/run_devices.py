"""What a command opens: the display (or a headless one), the voice and the camera with its blink switch.

Each builder takes the parsed options and settings and returns the real part
(the camera feed never raises: a missing camera is a feed that says so).
Used by the composition root, :mod:`commboard.shell.app`.
"""

from __future__ import annotations

import os

from commboard.settings import Settings

HEADLESS_SIZE = (1280, 720)


def use_dummy_display() -> None:
    """SDL without a screen or sound card (tests, benchmarks, screenshots)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def open_display(windowed: tuple[int, int] | None, headless: bool):  # type: ignore[no-untyped-def]
    import pygame

    pygame.display.init()
    pygame.font.init()
    pygame.display.set_caption("commboard")
    match (headless, windowed):
        case (True, None):
            return pygame.display.set_mode(HEADLESS_SIZE)
        case (_, (int(), int()) as size):
            return pygame.display.set_mode(size)
        case _:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)


def build_speaker(spec: str, settings: Settings, background: bool):  # type: ignore[no-untyped-def]
    from commboard.adapters.pyttsx3_speaker import open_speaker
    from commboard.shell.audio.warm_speaker import WarmingSpeaker

    if background:
        return WarmingSpeaker(lambda: open_speaker(spec, settings.speech))
    return open_speaker(spec, settings.speech)


def build_eyes(options, settings, speaker, clock, start, wake=None):  # type: ignore[no-untyped-def]
    """The camera feed and blink switch for ``--camera`` (a feed that never raises).

    ``wake`` is called from the camera thread with each new sample (ends the loop's wait).
    """
    from commboard.adapters.camera_spec import mesh_detector
    from commboard.adapters.camera_worker import open_vision
    from commboard.adapters.landmark_memory import LandmarkMemory
    from commboard.shell.eye_input import EyeInput
    from commboard.signals.blink_switch import BlinkSwitch

    memory = LandmarkMemory(mesh_detector)  # lets the camera view draw the eye outlines
    feed = open_vision(
        options.camera,
        clock=clock,
        size=options.camera_size,
        fps=options.camera_fps,
        start_t=start,
        make_detector=memory.make,
        on_item=wake,
    )
    return EyeInput(
        feed,
        BlinkSwitch(settings.blink),
        clock=clock,
        camera=options.camera,
        fps=options.camera_fps,
        profile=options.profile,
        say=speaker.say,
        landmarks=memory.latest,
        woken=wake is not None,
        turn_rolled=memory.turn_rolled,
    )
