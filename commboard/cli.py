"""The ``commboard`` command: run, validate, calibrate, settings, screenshot.

Every option is declared here so ``commboard --help`` documents them all; each
subcommand's work lives in its own module, imported only when used (so
``commboard validate`` starts without MediaPipe; it loads pygame's fonts only to
measure labels).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import datetime

from commboard.run_options import RunOptions


def _size(text: str) -> tuple[int, int]:
    try:
        w, h = text.lower().split("x")
        size = int(w), int(h)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected WIDTHxHEIGHT, e.g. 1280x720, not {text!r}"
        ) from None
    if min(size) < 200:
        raise argparse.ArgumentTypeError("the window must be at least 200x200")
    return size


def _start_time(text: str) -> datetime:
    """``--start-time``: an ISO date and time; without a UTC offset it is local time."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a date and time like 2026-03-01T08:00, not {text!r}"
        ) from None
    return moment if moment.tzinfo is not None else moment.astimezone()


def _add_board_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--windowed",
        type=_size,
        metavar="WxH",
        help="run in a window of that size instead of full screen",
    )
    p.add_argument(
        "--layout",
        metavar="PATH",
        help="layout folder or file (default: the built-in English layout)",
    )
    p.add_argument(
        "--profile",
        default="default",
        metavar="NAME",
        help="patient profile whose settings to use (default: default)",
    )
    p.add_argument(
        "--scan-interval",
        type=float,
        metavar="S",
        help="seconds each scan step is highlighted (overrides the profile)",
    )
    p.add_argument(
        "--speech",
        default="system",
        metavar="system|none|wav:DIR",
        help="speak aloud, not at all, or write each utterance to DIR as WAV",
    )
    p.add_argument(
        "--camera",
        default="auto",
        metavar="SPEC",
        help="auto | index:N | video:PATH | synthetic[:SCRIPT] | none",
    )
    p.add_argument("--camera-size", type=_size, default=(640, 480), metavar="WxH")
    p.add_argument("--camera-fps", type=float, default=30.0, metavar="FPS")


COMMANDS = (
    "run",
    "validate",
    "calibrate",
    "settings",
    "screenshot",
    "report",
    "access-report",
    "history",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="commboard", description=__doc__)
    sub = parser.add_subparsers(dest="command")

    run = sub.add_parser("run", help="start the board (the default)")
    _add_board_options(run)
    run.add_argument("--headless", action="store_true", help="no display (tests, benchmarks)")
    run.add_argument(
        "--virtual-clock",
        action="store_true",
        help="advance time as fast as possible, deterministically",
    )
    run.add_argument(
        "--input-script",
        metavar="FILE",
        help="replay switch events: lines of 'SECONDS down|up select|next'",
    )
    run.add_argument("--event-log", metavar="FILE", help="write the JSON-lines event log here")
    run.add_argument(
        "--start-time",
        type=_start_time,
        metavar="YYYY-MM-DDTHH:MM",
        help="with --virtual-clock: the calendar time the run starts at; the history's and "
        "access log's times then move with the virtual clock (simulated days)",
    )
    run.add_argument(
        "--access-log",
        metavar="FILE",
        help="the access log (default: the profile's own, in the user's data folder; "
        "demo, headless and virtual-clock runs keep none unless given)",
    )
    run.add_argument("--max-seconds", type=float, metavar="S", help="stop after S seconds")
    run.add_argument(
        "--screenshots", metavar="DIR", help="save a PNG after every page change and selection"
    )
    run.add_argument(
        "--history",
        metavar="FILE",
        help="history file (default: in the user's data directory; demo, headless and "
        "virtual-clock runs keep none unless given)",
    )

    val = sub.add_parser("validate", help="check layout files without starting the board")
    val.add_argument("paths", nargs="+", metavar="PATH")

    cal = sub.add_parser("calibrate", help="measure this patient's blinks and save them")
    _add_board_options(cal)
    cal.add_argument("--headless", action="store_true", help="no display (tests, demos)")
    cal.add_argument(
        "--virtual-clock",
        action="store_true",
        help="run the whole calibration as fast as possible, deterministically",
    )

    st = sub.add_parser("settings", help="show or change a profile's settings")
    st.add_argument("action", choices=["show", "set", "reset"])
    st.add_argument("key", nargs="?")
    st.add_argument("value", nargs="?")
    st.add_argument("--profile", default="default", metavar="NAME")

    shot = sub.add_parser("screenshot", help="draw the board headless and save a PNG")
    shot.add_argument("png", metavar="PNG")
    shot.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH")
    shot.add_argument("--layout", metavar="PATH")
    shot.add_argument("--page", metavar="ID", help="page to draw (default: home)")
    from commboard.care_record import report_command

    rep = sub.add_parser(
        "report", help="write the care team's page of what the patient said (HTML, printable)"
    )
    report_command.add_arguments(rep)
    from commboard.access import access_command

    acc = sub.add_parser(
        "access-report", help="write the therapist's page of access figures and suggestions"
    )
    access_command.add_arguments(acc)
    from commboard.care_record import history_command

    hist = sub.add_parser(
        "history", help="export or delete the statements of a period (asks first)"
    )
    history_command.add_arguments(hist)
    return parser


def parse(words: Sequence[str]) -> argparse.Namespace:
    """The parsed command line; without a command word it is ``run``."""
    words = list(words)
    if not words or (words[0] not in COMMANDS and words[0] not in ("-h", "--help")):
        words.insert(0, "run")  # `commboard --windowed 800x600` means `commboard run ...`
    return build_parser().parse_args(words)


def parse_options(words: Sequence[str]) -> RunOptions:
    """A board command line (run, calibrate, screenshot) as its typed options."""
    return RunOptions.from_namespace(parse(words))


def main(argv: Sequence[str] | None = None) -> int:
    """The ``commboard`` command; ``argv`` None: the real command line (``sys.argv``)."""
    args = parse(sys.argv[1:] if argv is None else argv)
    if argv is None and args.command in ("run", "calibrate", "screenshot"):
        # Before MediaPipe or the mixer load: their log lines are not ours to show.
        from commboard.adapters.native_stderr import keep_native_logs_quiet

        keep_native_logs_quiet()
    match args.command:
        case "run":
            from commboard.shell.app import run

            return run(RunOptions.from_namespace(args))
        case "validate":
            from commboard.adapters.font_choice import FontChoice
            from commboard.board.layout_file import validate_command
            from commboard.shell.screens.board.label_check import label_warnings

            return validate_command(args.paths, label_warnings, FontChoice().undrawable)
        case "calibrate":
            from commboard.shell.app import calibrate

            return calibrate(RunOptions.from_namespace(args))
        case "settings":
            from commboard.settings.command import settings_command

            return settings_command(args)
        case "screenshot":
            from commboard.shell.app import screenshot

            return screenshot(RunOptions.from_namespace(args))
        case "report":
            from commboard.care_record.report_command import report_command
            from commboard.shell.app import local_wall_clock

            return report_command(args, local_wall_clock())
        case "access-report":
            from commboard.access.access_command import access_command
            from commboard.shell.app import local_wall_clock as wall

            return access_command(args, wall())
        case "history":
            from commboard.care_record.history_command import history_command

            return history_command(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
