"""The composition root: builds the board's object graph from the parsed ``RunOptions``.

The only place that decides which real or fake part is used (display or
headless, real or virtual clock, which voice, which camera, which layout),
for every command: ``run`` (the board), ``calibrate`` (the calibration
screen on its own) and ``screenshot`` (a picture of the board).  Plain code
and a ``match``; no registries, no globals.
"""

from __future__ import annotations

import os
import signal
import sys
import warnings
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from commboard.clock import Clock, MonotonicClock, RunCalendar, VirtualClock
from commboard.effects import Banner
from commboard.run_options import RunOptions
from commboard.settings import Settings
from commboard.shell.records import run_files

HEADLESS_SIZE = (1280, 720)
SCRIPT_TAIL_S = 10.0  # virtual clock without --max-seconds: stop this long after the script
NO_SCRIPT_S = 60.0
# Where every virtual clock starts (``run``, ``calibrate``, ``screenshot``).  Event-log
# times count from the run's start, so the value shows only in the last bits of
# unrounded durations (blink ``duration_s``): the golden logs were recorded at
# 1000 s, and a start at 0 changes those digits.
VIRTUAL_START_S = 1000.0


def _use_dummy_display() -> None:
    """SDL without a screen or sound card (tests, benchmarks, screenshots)."""
    os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


def _open_display(windowed: tuple[int, int] | None, headless: bool):  # type: ignore[no-untyped-def]
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


def _settings(options: RunOptions) -> tuple[Settings, list[Banner]]:
    from commboard.settings.profiles import load_profile
    from commboard.settings.values import with_value

    settings, problems = load_profile(options.profile)
    banners = [Banner(f"settings-{i}", f"Settings: {p}") for i, p in enumerate(problems[:2])]
    if options.scan_interval is not None:
        settings, warning = _scan_interval(settings, options.scan_interval)
        if warning:
            print(f"commboard: {warning}", file=sys.stderr)
            banners.append(Banner("scan-interval", warning))
    if options.access is not None:  # argparse allowed only the methods there are
        settings, _ = with_value(settings, "gaze.access", options.access)
    return settings, banners


def _scan_interval(settings: Settings, seconds: float) -> tuple[Settings, str | None]:
    """``--scan-interval``, clamped to the clinical range like a profile value (with why)."""
    from commboard.settings.values import with_value

    try:
        settings, warning = with_value(settings, "scan.interval_s", seconds)
    except ValueError as exc:  # nan or inf: keep the profile's interval
        kept = settings.scan.interval_s
        return settings, f"--scan-interval {seconds} ignored ({exc}); using {kept:g} s"
    return settings, f"--scan-interval: {warning}" if warning else None


def _speaker(spec: str, settings: Settings, background: bool):  # type: ignore[no-untyped-def]
    from commboard.adapters.pyttsx3_speaker import open_speaker
    from commboard.shell.audio.warm_speaker import WarmingSpeaker

    if background:
        return WarmingSpeaker(lambda: open_speaker(spec, settings.speech))
    return open_speaker(spec, settings.speech)


def _end_at(options: RunOptions, start: float, script_end: float | None) -> float | None:
    match (options.max_seconds, options.virtual_clock, script_end):
        case (float() | int() as seconds, _, _):
            return start + seconds
        case (None, True, float() as last):
            return start + last + SCRIPT_TAIL_S
        case (None, True, None):
            return start + NO_SCRIPT_S
    return None


def local_wall_clock() -> datetime:
    """Now, in the machine's local time zone: the history's timestamps (the core reads no clock)."""
    return datetime.now().astimezone()


def _calendar(options: RunOptions, clock: Clock) -> Callable[[], datetime]:
    """The run's calendar time: the machine's, or (virtual clock) one that moves with the clock.

    Under ``--virtual-clock`` it starts at ``--start-time`` (default: now) and
    advances with the virtual seconds, so a simulated day has real-looking times.
    """
    if not options.virtual_clock:
        return local_wall_clock
    return RunCalendar(clock, options.start_time or local_wall_clock())


def run(options: RunOptions) -> int:
    """``commboard run``: the board, until the carer quits (or ``--max-seconds``)."""
    clock = _clock(options)
    loop = build(options, launched=clock.now(), clock=clock)
    if isinstance(loop, int):
        return loop
    previous = _stop_on_signals(loop)
    try:
        loop.run()
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        close(loop)
    return 0


def _stop_on_signals(loop) -> dict[int, Any]:  # type: ignore[no-untyped-def]
    """SIGTERM and SIGINT end the board cleanly: speech and camera closed, a ``stop`` log line.

    They come from a service manager, a shutdown or Ctrl+C in a terminal,
    never from the patient, so no confirmation is asked (closing the window
    still asks).  Returns the previous handlers, to put back afterwards.
    """
    previous: dict[int, Any] = {}
    for number in (signal.SIGTERM, signal.SIGINT):
        name = signal.Signals(number).name
        previous[number] = signal.signal(number, lambda *_, n=name: loop.stop(f"signal {n}"))
    return previous


def build(  # type: ignore[no-untyped-def]
    options: RunOptions, launched: float | None = None, clock: Clock | None = None
):
    """The running board's object graph, ready to ``run()`` (or an exit code on bad input).

    ``clock`` is the command's one clock (None: built here from ``--virtual-clock``);
    ``launched``, when the command started, is a time on it.
    """
    if options.headless:
        _use_dummy_display()
    from commboard.control.input_script import ScriptError, load_script

    try:
        scripted = load_script(Path(options.input_script)) if options.input_script else None
        _check_key_names(scripted or [], options.input_script or "")
    except ScriptError as exc:
        print(f"commboard: {exc}", file=sys.stderr)
        return 2
    if options.start_time is not None and not options.virtual_clock:
        print("commboard: --start-time needs --virtual-clock (a real run uses the real time)",
              file=sys.stderr)  # fmt: skip
        return 2
    refused = run_files.event_log_refusal(options)
    if refused is not None:
        print(f"commboard: {refused}", file=sys.stderr)
        return 2
    settings, banners = _settings(options)
    layout, layout_banners = _start_layout(options, settings)
    banners = layout_banners + banners
    if clock is None:
        clock = _clock(options)
    return _build_loop(options, settings, layout, banners, scripted, launched, clock)


def _start_layout(options: RunOptions, settings: Settings):  # type: ignore[no-untyped-def]
    """The layout the board opens with, and a banner if it is not the one asked for.

    ``--layout`` wins (for this run only); else the layout remembered in the
    profile (``board.layout``, set by the carer menu's Change layout); else
    the built-in one.  A layout that cannot be used gives the default
    layout and a banner naming its file and line.
    """
    from commboard.board.layout_file import load_layout_or_default
    from commboard.control.banners import layout_notice

    remembered = settings.board.layout
    if options.layout:  # the command line wins, for this run only
        layout, problems = load_layout_or_default(options.layout)
        outcome = "using the default layout"
    else:
        layout, problems = load_layout_or_default(
            Path(os.path.expanduser(remembered)) if remembered else None
        )
        outcome = "the layout remembered in the profile cannot be used; using the default layout"
    for problem in problems:
        print(f"commboard: layout problem: {problem}", file=sys.stderr)
    return layout, [Banner("layout", layout_notice(problems, outcome))] if problems else []


def _check_key_names(scripted: list[Any], path: str) -> None:
    """Every ``key NAME`` of the input script names a key pygame knows (ScriptError if not)."""
    import pygame

    from commboard.control.input_script import ScriptedKey, ScriptError, quoted

    for item in scripted:
        if isinstance(item, ScriptedKey):
            try:
                with warnings.catch_warnings():  # "pygame.init() has not been called": not needed
                    warnings.simplefilter("ignore")
                    pygame.key.key_code(item.name)
            except ValueError:
                raise ScriptError(f"{path}: no key is called {quoted(item.name)}") from None


def _build_loop(options, settings, layout, banners, scripted, launched, clock):  # type: ignore[no-untyped-def]
    from commboard.adapters.pygame_input import PygameInput
    from commboard.adapters.word_data_loading import WordDataLoading
    from commboard.board.recent import RECENT_COUNT, with_recent_page
    from commboard.control.input_script import ScriptFeed
    from commboard.shell.audio.alarm_sound import AlarmSound
    from commboard.shell.loop import BoardLoop
    from commboard.shell.loop_parts import LoopParts
    from commboard.shell.records.access_log import AccessLog
    from commboard.shell.records.event_log import EventLog
    from commboard.shell.records.history_writer import HistoryWriter

    surface = _open_display(options.windowed, options.headless)
    start = clock.now()
    calendar = _calendar(options, clock)
    access_path = run_files.access_log_path(options)
    access = AccessLog(access_path, calendar) if access_path is not None else None
    event_log = EventLog(
        Path(options.event_log) if options.event_log else None, start, None, access
    )
    speaker = _speaker(options.speech, settings, background=not options.virtual_clock)
    history, history_off = run_files.open_history(options, calendar)
    usage = history.usage() if history is not None else {}  # damaged lines: banner, log lines
    if history is not None:  # yesterday's spelled messages, one selection away
        layout = with_recent_page(layout, history.spelled(RECENT_COUNT))
    problems = list(history.problems) if history is not None else []
    banners = banners + _history_banners(problems) + history_off
    inputs = PygameInput()
    eyes = _eyes(options, settings, speaker, clock, start, wake=inputs.wake.set)
    word_data = WordDataLoading(
        layout.language, run_files.layout_folder(layout), background=not options.virtual_clock
    )
    base = word_data.poll()  # read already under a virtual clock; else when a page needs it
    if base is not None and base.notice():
        print(f"commboard: {base.notice()}", file=sys.stderr)
        banners = [*banners, Banner("word-lists", base.notice())]
    predictor, learned_file = run_files.open_prediction(options, layout, base)
    if learned_file is not None and learned_file.problem:
        print(f"commboard: {learned_file.problem}", file=sys.stderr)
        banners = [*banners, Banner("learned-words", learned_file.problem)]
    shots = Path(options.screenshots) if options.screenshots else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    parts = LoopParts(
        layout=layout,
        settings=settings,
        speaker=speaker,
        surface=surface,
        clock=clock,
        event_log=event_log,
        inputs=inputs,
        script=ScriptFeed(scripted, start) if scripted is not None else None,
        history=HistoryWriter(history) if history is not None else None,
        usage=usage,
        history_problems=problems,
        end_at=_end_at(options, start, scripted[-1].at_s if scripted else None),
        screenshots=shots,
        input_name="script" if scripted else "keyboard",
        launched_at=launched,
        banners=banners,
        profile=options.profile,
        eyes=eyes,
        alarm_sound=AlarmSound(),
        predictor=predictor,
        learned_file=learned_file,
        word_data=word_data,
        calendar=calendar,
    )
    return BoardLoop(parts)


def _history_banners(problems: list[str]) -> list[Banner]:
    """A banner naming the history file and its damaged lines; each problem also on stderr.

    The loop writes each one to the event log (``history_problem``) after ``start``.
    """
    from commboard.control.banners import history_notice

    for problem in problems:
        print(f"commboard: history problem: {problem}", file=sys.stderr)
    return [Banner("history", history_notice(problems))] if problems else []


def _clock(options: RunOptions) -> Clock:
    """The command's one clock: virtual (``--virtual-clock``) or real monotonic time."""
    if options.virtual_clock:
        return VirtualClock(VIRTUAL_START_S)
    return MonotonicClock()


def _eyes(options, settings, speaker, clock, start, wake=None):  # type: ignore[no-untyped-def]
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


def close(loop) -> None:  # type: ignore[no-untyped-def]
    """Release what ``build`` opened: speech (waits for WAV files), the log, the display.

    The history and the event log make a last try at lines they kept; what
    still could not be written is said on standard error (how many, and why).
    """
    import pygame

    try:
        if loop.p.eyes is not None:
            loop.p.eyes.close()  # the camera thread, the camera and the model
        loop.p.speaker.close()
        if loop.p.history is not None:
            left = loop.p.history.close()  # every utterance is on disk before we exit
            kept = loop.p.history.kept()  # ...or, if it still cannot be, in a file of its own
            rescued = run_files.rescue_statements(kept, run_files.rescue_places())
            run_files.say_unsaved("statement", "saved to the history", left, rescued)
    finally:
        run_files.say_unsaved("line", "written to the event log", loop.p.event_log.close())
        pygame.quit()


def screenshot(options: RunOptions) -> int:
    """``commboard screenshot PNG``: draw the board headless and save it."""
    _use_dummy_display()
    import pygame

    from commboard.board.layout_file import load_layout_or_default
    from commboard.shell.screens.board.screenshot import board_image

    layout, problems = load_layout_or_default(options.layout)
    if options.page and options.page not in layout.pages:
        pages = ", ".join(layout.pages)
        print(f"commboard: no page {options.page!r}; pages: {pages}", file=sys.stderr)
        return 2
    surface = _open_display(options.size, headless=True)
    clock = VirtualClock(VIRTUAL_START_S)  # the picture a moment after the page opens
    from commboard.adapters.word_data_loading import WordDataLoading

    folder = run_files.layout_folder(layout)
    base = WordDataLoading(layout.language, folder, background=False).poll()
    predictor, _ = run_files.open_prediction(replace(options, headless=True), layout, base)
    board_image(
        surface,
        layout,
        Settings(),
        clock,
        page=options.page,
        problems=problems,
        predictor=predictor,
    )
    Path(options.png).parent.mkdir(parents=True, exist_ok=True)
    pygame.image.save(surface, options.png)
    pygame.quit()
    print(options.png)
    return 0


def calibrate(options: RunOptions) -> int:
    """``commboard calibrate [--gaze]``: the guided blink (or gaze) calibration alone; 0 saved, 1 not, 2 no camera.

    Builds the display, clock, speaker and camera with the same builders as
    ``run`` and runs the calibration screen on its own
    (``screens.calibration.calibrate_alone``).
    """
    if options.camera.strip().lower() == "none":
        print(
            "commboard: calibration needs a camera (--camera auto, index:N, video:... or synthetic)",
            file=sys.stderr,
        )
        return 2
    if options.headless:
        _use_dummy_display()
    import pygame

    from commboard.settings.profiles import load_profile
    from commboard.shell.screens.calibration import calibrate_alone

    settings, problems = load_profile(options.profile)
    for problem in problems:
        print(f"commboard: settings: {problem}", file=sys.stderr)
    surface = _open_display(options.windowed, options.headless)
    clock = _clock(options)
    speaker = _speaker(options.speech, settings, background=False)
    eyes = _eyes(options, settings, speaker, clock, clock.now())
    screen = calibrate_alone.calibration_screen(settings, options.profile, eyes, options.gaze)
    auto_close = options.virtual_clock or options.headless  # nobody there to press a key
    try:
        eyes.start()
        calibrate_alone.run_alone(screen, eyes, surface, clock, options.camera_fps, auto_close)
    finally:
        eyes.close()
        speaker.close()
        pygame.quit()
    return calibrate_alone.report(screen)
