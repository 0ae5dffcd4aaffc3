"""Which files a run writes the patient's words to, decided before the board starts.

The composition root (``shell.app``) asks here: which history a run keeps
(none in a demo or test run unless ``--history`` names one: the demo
camera's face "selects" phrases nobody said), whether ``--event-log`` may be
used (never the history or a profile: the log is appended to, but a
history or profile with log lines in it is damaged all the same), and, at
the end, what to say about lines that could never be written.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

from commboard.board.model import Layout
from commboard.board.spelling import layout_letters, layout_words
from commboard.control.write_problems import WriteStatus
from commboard.effects import Banner
from commboard.history import History, default_path, profile_folder
from commboard.predict.language_data import BaseCounts, base_files, read_counts
from commboard.predict.personal import PersonalWords
from commboard.predict.personal_file import PersonalFile, learned_words_path
from commboard.predict.predictor import BaseModel, Predictor
from commboard.private_folder import make_private_folder
from commboard.run_options import RunOptions
from commboard.settings.profiles import ProfileNameError, atomic_write, config_root
from commboard.shell.records.event_log import refusal


def practice_run(options: RunOptions) -> str | None:
    """What makes this a demo or test run (None: the patient's own board).

    The demo camera's face "selects" phrases nobody said, and headless or
    virtual-clock runs are tests: none of them may write into (or learn from)
    the patient's real history unless ``--history`` names a file.
    """
    if options.camera.strip().lower().startswith("synthetic"):
        return "Demo camera"
    if options.headless:
        return "Headless run"
    if options.virtual_clock:
        return "Virtual-clock run"
    return None


def open_history(
    options: RunOptions, wall_clock: Callable[[], datetime]
) -> tuple[History | None, list[Banner]]:
    """The run's history (None: not kept) and the info banner saying why it is not kept."""
    if options.history:
        return History(Path(options.history), wall_clock=wall_clock), []
    practice = practice_run(options)
    if practice is not None:
        words = f"{practice}: what is said here is not saved to the history."
        return None, [Banner("history-off", words, "info")]
    return History(default_path(options.profile), wall_clock=wall_clock), []


def access_log_path(options: RunOptions) -> Path | None:
    """The run's access log: ``--access-log``, else the profile's own (none in demo and test runs)."""
    if options.access_log:
        return Path(options.access_log)
    if practice_run(options) is not None:
        return None
    return profile_folder(options.profile) / "access.jsonl"


def event_log_refusal(options: RunOptions) -> str | None:
    """Why ``--event-log`` may not be used (the history, the access log, the learned words or a
    profile), or None."""
    if not options.event_log:
        return None
    protected = {"the history file": default_path(options.profile)}
    if options.history:
        protected["the history file given to --history"] = Path(options.history)
    protected["the profiles folder"] = config_root() / "profiles"
    # The access log and the learned words are the patient's too: a log line
    # appended to either would damage it.
    protected["the access log"] = (
        Path(options.access_log)
        if options.access_log
        else profile_folder(options.profile) / "access.jsonl"
    )
    with contextlib.suppress(ProfileNameError):  # a bad name is refused where profiles load
        protected["the learned words file"] = learned_words_path(options.profile)
    for what, given in (("the layout", options.layout), ("the input script", options.input_script)):
        if given and not os.path.isdir(given):  # never raises (a name too long)
            protected[what] = Path(given)
    return refusal(Path(options.event_log), protected)


def say_unsaved(noun: str, where: str, left: WriteStatus, kept_in: Path | None = None) -> None:
    """On standard error: how many lines a file never got, and why (nothing when none).

    ``kept_in``: the file they were put in instead (``rescue_statements``).
    """
    if left.unsaved:
        count = f"{left.unsaved} {noun}{'s' if left.unsaved > 1 else ''}"
        print(f"commboard: {count} could not be {where}: {left.problem}", file=sys.stderr)
        if kept_in is not None:
            print(
                f"commboard: they are kept in {kept_in} (readable by you only); add its lines "
                f"to the end of the history when it can be written again",
                file=sys.stderr,
            )


def rescue_places() -> list[Path]:
    """Where statements the history never got are put at the end: the config folder, else temp."""
    return [config_root() / "unsaved", Path(tempfile.gettempdir())]


def rescue_statements(lines: Sequence[bytes], places: Sequence[Path]) -> Path | None:
    """Put history lines that were never written into a file of their own; its path, or None.

    The board is stopping while the history cannot be written (a read-only
    or removed data folder, a full disk): the patient's statements, kept in
    memory until now, would be lost.  They go, exactly as the history would
    have had them (one JSON line each, stamped when said), into a new file in
    the first of ``places`` that takes it, readable by the user only.  A full
    disk may refuse every place; then only the count on stderr is left.
    """
    if not lines:
        return None
    name = f"unsaved-statements-{datetime.now().strftime('%Y%m%d-%H%M%S')}.jsonl"
    for folder in places:
        path = folder / name
        try:
            make_private_folder(folder)
            if path.exists():  # never over another run's rescued statements
                continue
            atomic_write(path, b"".join(lines))  # a private temp file, renamed
        except OSError:
            continue
        return path
    return None


def open_prediction(
    options: RunOptions, layout: Layout, base: BaseModel | None = None
) -> tuple[Predictor | None, PersonalFile | None]:
    """The Spell page's predictor for ``layout`` and the profile's learned-words file.

    ``base`` is the language's word data, or None while it is still being
    read (``adapters/word_data_loading``): the slots then offer the layout's
    and the patient's own words.  A practice run (demo camera, headless,
    virtual clock) learns in memory only, so a test never reads or changes a
    patient's learned words.  A damaged file is reported in
    ``PersonalFile.problem`` and left as it is.
    """
    learned_file: PersonalFile | None = None
    personal = PersonalWords()
    if practice_run(options) is None:
        try:
            learned_file = PersonalFile(learned_words_path(options.profile))
        except ValueError:
            learned_file = None  # an unsafe profile name was refused when the profile loaded
        if learned_file is not None:
            personal = learned_file.read()
    base = base if base is not None else BaseModel(BaseCounts())
    return Predictor(base, personal, layout_words(layout), layout_letters(layout)), learned_file


def learned_counts(
    predictor: Predictor | None, file: PersonalFile | None
) -> tuple[int, int] | None:
    """Words and word pairs learned from the patient (None: this run keeps no learned words)."""
    if predictor is None or file is None:
        return None
    return len(predictor.personal.words), len(predictor.personal.pairs)


def forget_learned(predictor: Predictor | None, file: PersonalFile | None) -> str:
    """Forget the learned words in memory and in their file (the carer menu's F), in words.

    A damaged file is never written over (``PersonalFile``): the board then
    forgets them for this run and says the file is left as it was.
    """
    if predictor is None or file is None:
        return "This run keeps no learned words: nothing was forgotten."
    predictor.personal.clear()
    if file.save(predictor.personal):
        return "The learned words are forgotten; the word slots offer the language's own words."
    return f"Forgotten for now, but not in their file: {file.problem}"


def predictor_for(layout: Layout, previous: Predictor | None, read_now: bool = True) -> Predictor:
    """A predictor for a newly chosen layout, keeping the patient's learned words.

    The base data is read again only when the layout's language or its own
    word lists differ from the previous layout's; then, without ``read_now``,
    it is left empty (source "none") for the caller to read off the frame
    loop when a page needs it (``adapters/word_data_loading``).
    """
    personal = previous.personal if previous is not None else PersonalWords()
    files = base_files(layout.language, layout_folder(layout))
    if previous is not None and previous.base.source == (str(files[0]) if files else "none"):
        base = previous.base
    elif read_now:
        base = BaseModel(read_counts(layout.language, layout_folder(layout)))
    else:
        base = BaseModel(BaseCounts())
    return Predictor(base, personal, layout_words(layout), layout_letters(layout))


def layout_folder(layout: Layout) -> Path | None:
    if layout.source is None:
        return None
    return layout.source if layout.source.is_dir() else layout.source.parent
