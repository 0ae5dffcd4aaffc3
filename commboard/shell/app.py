"""The composition root: builds the board's object graph from the parsed ``RunOptions``.

The only place that decides which real or fake part is used (display or
headless, real or virtual clock, which voice, which camera, which layout),
for every command: ``run`` (the board), ``calibrate`` (the calibration
screen on its own) and ``screenshot`` (a picture of the board).  Plain code
and a ``match``; no registries, no globals.

What it builds from has its own modules: ``run_clocks`` (the clocks, the
calendar, when a timed run ends), ``run_devices`` (display, voice, camera) and
``run_start`` (settings, layout, the input script's keys, banners); this
module keeps the commands and the wiring of the board loop.
"""

from __future__ import annotations

import signal
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from commboard.adapters.background_work import CLOSE_WAIT_S
from commboard.clock import Clock, VirtualClock
from commboard.effects import Banner
from commboard.run_options import RunOptions
from commboard.settings import Settings
from commboard.shell.records import run_files
from commboard.shell.run_clocks import VIRTUAL_START_S, build_calendar, build_clock, end_at
from commboard.shell.run_devices import build_eyes, build_speaker, open_display, use_dummy_display
from commboard.shell.run_start import check_key_names, history_banners, start_layout, start_settings


def run(options: RunOptions) -> int:
    """``commboard run``: the board, until the carer quits (or ``--max-seconds``)."""
    clock = build_clock(options)
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
        use_dummy_display()
    from commboard.control.input_script import ScriptError, load_script

    try:
        scripted = load_script(Path(options.input_script)) if options.input_script else None
        check_key_names(scripted or [], options.input_script or "")
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
    settings, banners = start_settings(options)
    layout, layout_banners = start_layout(options, settings)
    banners = layout_banners + banners
    if clock is None:
        clock = build_clock(options)
    return _build_loop(options, settings, layout, banners, scripted, launched, clock)


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

    surface = open_display(options.windowed, options.headless)
    start = clock.now()
    calendar = build_calendar(options, clock)
    access_path = run_files.access_log_path(options)
    access = AccessLog(access_path, calendar) if access_path is not None else None
    event_log = EventLog(
        Path(options.event_log) if options.event_log else None, start, None, access
    )
    speaker = build_speaker(options.speech, settings, background=not options.virtual_clock)
    history, history_off = run_files.open_history(options, calendar)
    usage = history.usage() if history is not None else {}  # damaged lines: banner, log lines
    if history is not None:  # yesterday's spelled messages, one selection away
        layout = with_recent_page(layout, history.spelled(RECENT_COUNT))
    problems = list(history.problems) if history is not None else []
    banners = banners + history_banners(problems) + history_off
    inputs = PygameInput()
    eyes = build_eyes(options, settings, speaker, clock, start, wake=inputs.wake.set)
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
        end_at=end_at(options, start, scripted[-1].at_s if scripted else None),
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


def close(loop) -> None:  # type: ignore[no-untyped-def]
    """Release what ``build`` opened: speech (waits for WAV files), the log, the display.

    A history deletion, report or export still running is waited for first
    (up to ``CLOSE_WAIT_S``), so it is finished rather than cut off.
    The history and the event log make a last try at lines they kept; what
    still could not be written is said on standard error (how many, and why).
    The history's last try is bounded too (``history_writer.CLOSE_WAIT_S``): a
    deletion stuck past our wait still holds the history's lock, and the
    statements waiting for it go to a file of their own, as on a failing disk.
    """
    import pygame

    try:
        if not loop.carer_work.wait(CLOSE_WAIT_S):  # a deletion or an export still running
            print(f"commboard: closed while still busy: {loop.carer_work.doing}", file=sys.stderr)
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
    use_dummy_display()
    import pygame

    from commboard.board.layout_file import load_layout_or_default
    from commboard.shell.screens.board.screenshot import board_image

    layout, problems = load_layout_or_default(options.layout)
    if options.page and options.page not in layout.pages:
        pages = ", ".join(layout.pages)
        print(f"commboard: no page {options.page!r}; pages: {pages}", file=sys.stderr)
        return 2
    surface = open_display(options.size, headless=True)
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
        use_dummy_display()
    import pygame

    from commboard.settings.profiles import load_profile
    from commboard.shell.screens.calibration import calibrate_alone

    settings, problems = load_profile(options.profile)
    for problem in problems:
        print(f"commboard: settings: {problem}", file=sys.stderr)
    surface = open_display(options.windowed, options.headless)
    clock = build_clock(options)
    speaker = build_speaker(options.speech, settings, background=False)
    eyes = build_eyes(options, settings, speaker, clock, clock.now())
    screen = calibrate_alone.calibration_screen(settings, options.profile, eyes, options.gaze)
    auto_close = options.virtual_clock or options.headless  # nobody there to press a key
    try:
        eyes.start()
        opened = calibrate_alone.run_alone(
            screen, eyes, surface, clock, options.camera_fps, auto_close
        )
    finally:
        eyes.close()
        speaker.close()
        pygame.quit()
    if not opened:  # the camera's own line above says why
        print("commboard: the camera could not be used: calibration not saved", file=sys.stderr)
        return 1
    return calibrate_alone.report(screen)
