"""The ``commboard`` command: run, validate, calibrate, settings, screenshot, import, export, print.

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
from commboard.settings.fields import Access


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
        "--access",
        choices=[a.value for a in Access],
        help="how the patient chooses: scan (switch scanning), gaze_switches "
        "(held looks as switches), gaze_halving (look left or right to keep half "
        "the page) or gaze_dwell (look at a large cell; needs calibrate --gaze); "
        "overrides the profile",
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
    "words",
    "screenshot",
    "import",
    "export",
    "print",
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

    cal = sub.add_parser(
        "calibrate", help="measure this patient's blinks (or, with --gaze, looks) and save them"
    )
    _add_board_options(cal)
    cal.add_argument("--headless", action="store_true", help="no display (tests, demos)")
    cal.add_argument(
        "--gaze",
        action="store_true",
        help="measure looks instead: a dot in the middle, then left, right, up and down",
    )
    cal.add_argument(
        "--create",
        action="store_true",
        help="start a new profile with this name (a name no profile has is refused)",
    )
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
    st.add_argument(
        "--create",
        action="store_true",
        help="start a new profile with this name (set and reset refuse a name no profile has)",
    )

    words = sub.add_parser("words", help="show or clear the words learned for a profile")
    words.add_argument("action", choices=["show", "clear"])
    words.add_argument("--profile", default="default", metavar="NAME")

    shot = sub.add_parser("screenshot", help="draw the board headless and save a PNG")
    shot.add_argument("png", metavar="PNG")
    shot.add_argument("--size", type=_size, default=(1280, 720), metavar="WxH")
    shot.add_argument("--layout", metavar="PATH")
    shot.add_argument("--page", metavar="ID", help="page to draw (default: home)")
    _add_exchange_commands(sub)
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


def _add_exchange_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    imp = sub.add_parser(
        "import", help="make a layout from an Open Board Format board (.obf) or set (.obz)"
    )
    imp.add_argument("file", metavar="FILE.obf|FILE.obz")
    imp.add_argument(
        "--into",
        metavar="NEW_LAYOUT_DIR",
        help="the new layout folder (default: a new folder in your layouts folder)",
    )
    exp = sub.add_parser("export", help="write a layout as an Open Board Format set (.obz)")
    exp.add_argument("layout", metavar="LAYOUT")
    exp.add_argument("--to", required=True, metavar="FILE.obz")
    exp.add_argument("--force", action="store_true", help="replace FILE.obz if it exists")
    prt = sub.add_parser("print", help="write every page as a printable A4 sheet (HTML)")
    prt.add_argument("layout", metavar="LAYOUT")
    prt.add_argument("--out", required=True, metavar="FILE.html")
    prt.add_argument("--force", action="store_true", help="replace FILE.html if it exists")


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
            return _calibrate(args)
        case "settings":
            from commboard.settings.command import settings_command

            return settings_command(args)
        case "words":
            return _words(args)
        case "screenshot":
            from commboard.shell.app import screenshot

            return screenshot(RunOptions.from_namespace(args))
        case "import" | "export" | "print":
            return _exchange(args)
        case "report" | "access-report" | "history":
            return _care_record(args)
    return 2


def _calibrate(args: argparse.Namespace) -> int:
    """``commboard calibrate``: refused (1) for a profile no patient has, unless ``--create``."""
    if not args.create and _refused_profile(args.profile, "measured or saved", create=True):
        return 1
    from commboard.shell.app import calibrate

    return calibrate(RunOptions.from_namespace(args))


def _words(args: argparse.Namespace) -> int:
    """``commboard words show|clear``: ``clear`` refused (1) for a profile no patient has."""
    if args.action == "clear" and _refused_profile(args.profile, "cleared"):
        return 1
    from commboard.predict.personal_file import words_command

    return words_command(args.action, args.profile)


def _refused_profile(name: str, undone: str, create: bool = False) -> bool:
    """Whether ``name`` is no profile here, said on stderr (a typing slip, with the nearest name).

    ``calibrate`` and ``words clear`` on a mistyped ``--profile ana`` used a
    new, empty profile in silence: Anna's words were not cleared, her
    calibration was saved where her board never reads it.  ``undone`` says
    what was not done ("cleared"); ``create``: the command takes ``--create``.
    An unsafe name is left to the command, which says why.
    """
    from commboard.settings.known_profiles import profile_exists, unknown_profile_hint

    try:
        if profile_exists(name):
            return False
        hint = unknown_profile_hint(name)
    except ValueError:
        return False
    said = f"there is no profile {name!r}{hint}; nothing was {undone}."
    if create:
        said += f" To start a new profile named {name!r}, add --create."
    print(f"commboard: {said}", file=sys.stderr)
    return True


def _care_record(args: argparse.Namespace) -> int:
    """The care team's and the therapist's reports, and keeping or deleting the history."""
    from commboard.shell.run_clocks import local_wall_clock

    if args.command == "report":
        from commboard.care_record.report_command import report_command

        return report_command(args, local_wall_clock())
    if args.command == "access-report":
        from commboard.access.access_command import access_command

        return access_command(args, local_wall_clock())
    from commboard.care_record.history_command import history_command

    return history_command(args)


def _exchange(args: argparse.Namespace) -> int:
    """Board exchange commands: files in and out (no pygame, no camera)."""
    from commboard.adapters import board_exchange

    if args.command == "import":
        return board_exchange.import_command(args.file, args.into)
    if args.command == "export":
        return board_exchange.export_command(args.layout, args.to, args.force)
    return board_exchange.print_command(args.layout, args.out, args.force)


if __name__ == "__main__":
    sys.exit(main())
