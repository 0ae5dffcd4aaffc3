"""The board's transient on-screen state: banners, notices, shown words, the alarm.

What the session does not know but the patient and carer see around the
page: problem banners (shown by ``ShowBanner`` / ``HideBanner`` effects, the
performer applies them here), short notices, the words of a message speech
could not say, and the flashing alarm with its one-minute limit; and the
words of the layout and history banners.  Time is passed in (``now``), so
headless runs are exact.
``deadline`` says when something here next changes on its own (a notice
expiring, the alarm flashing), so the loop can sleep until then.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from commboard.board.layout_file import LayoutProblem
from commboard.control.board_view import Chrome
from commboard.effects import Banner

NOTICE_S = 4.0  # how long a notice ("Undone: Yes") stays up
SAID_S = 10.0  # how long words stay shown in large text when speech is unavailable
ALARM_S = 60.0  # the alarm flashes this long unless a carer stops it first
FLASH_S = 0.5  # alarm flash half-period: 1 Hz, well below the 3 Hz photosensitivity limit
PATH_CHARS = 48  # a path in a banner is cut from the left beyond this (the file name matters most)
MAX_LINES_NAMED = 5  # damaged history lines named in the banner; the log has them all


@dataclass(slots=True)
class _Timed:
    banner: Banner
    until: float | None


class ChromeState:
    """Banners (lasting or timed), words shown instead of speech, and the alarm."""

    def __init__(self) -> None:
        self._banners: dict[str, _Timed] = {}
        self._said: tuple[str, float] | None = None
        self._alarm: tuple[str, float] | None = None

    def show(self, banner: Banner, now: float, for_s: float | None = None) -> bool:
        """Show (or replace) a banner, forever or for ``for_s``; True if that changed anything."""
        old = self._banners.get(banner.key)
        until = None if for_s is None else now + for_s
        self._banners[banner.key] = _Timed(banner, until)
        return old is None or old.banner != banner or for_s is not None

    def hide(self, key: str) -> bool:
        """Remove a banner; True if it was shown."""
        return self._banners.pop(key, None) is not None

    def notice(self, text: str, now: float) -> None:
        """A short-lived line for patient and carer."""
        self.show(Banner("notice", text, "info"), now, NOTICE_S)

    def said(self, text: str, now: float) -> None:
        """Show spoken words in very large text (speech is unavailable or off)."""
        self._said = (text, now + SAID_S)

    def alarm(self, text: str, now: float) -> None:
        """Start the full-screen flashing alarm."""
        self._alarm = (text, now)

    def stop_alarm(self) -> bool:
        """A carer stopped the alarm; True if one was on."""
        was_on, self._alarm = self._alarm is not None, None
        return was_on

    @property
    def alarm_on(self) -> bool:
        """True while the alarm covers the screen."""
        return self._alarm is not None

    def expire(self, now: float) -> bool:
        """Drop what has timed out; True if anything changed on screen."""
        gone = [k for k, v in self._banners.items() if v.until is not None and v.until <= now]
        for key in gone:
            del self._banners[key]
        changed = bool(gone)
        if self._said and self._said[1] <= now:
            self._said, changed = None, True
        if self._alarm and now - self._alarm[1] >= ALARM_S:
            self._alarm, changed = None, True
            self.show(Banner("alarm", "Help was called. Press Escape to clear this."), now)
        return changed or self._alarm is not None

    def deadline(self, now: float) -> float | None:
        """When something here changes by itself next (None: only on input)."""
        times = [v.until for v in self._banners.values() if v.until is not None]
        if self._said:
            times.append(self._said[1])
        if self._alarm:
            started = self._alarm[1]
            times.append(started + FLASH_S * (math.floor((now - started) / FLASH_S) + 1))
        return min(times) if times else None

    def chrome(self, status: str, now: float) -> Chrome:
        """What to draw now."""
        banners = tuple(v.banner for v in self._banners.values())
        alarm_text = self._alarm[0] if self._alarm else None
        flash_on = bool(self._alarm) and math.floor((now - self._alarm[1]) / FLASH_S) % 2 == 0  # type: ignore[index]
        said = self._said[0] if self._said else None
        return Chrome(status, banners, said, alarm_text, flash_on)


def short_path(path: Path | str, max_chars: int = PATH_CHARS) -> str:
    """``path`` as written, or its tail after "..." when longer than ``max_chars``.

    Whole folder names are kept where possible: "/home/ann/.../en/pain.yaml".
    The file name itself is never cut.
    """
    text = str(path)
    if len(text) <= max_chars:
        return text
    parts = Path(text).parts
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        candidate = f"{part}/{tail}"
        if len(candidate) + 4 > max_chars:
            break
        tail = candidate
    return f".../{tail}"


def layout_notice(
    problems: Sequence[LayoutProblem], outcome: str = "using the default layout"
) -> str:
    """The banner when a layout could not be used: path (shortened), line, what, and what now.

    Example: "Layout .../layouts/mine/pain.yaml line 7: unknown action 'spek'
    (and 2 more problems); using the default layout."  ``outcome`` says what
    the board does instead (at start: the default; from the carer menu: it
    keeps the layout in use).  Empty without problems.
    """
    if not problems:
        return ""
    first = problems[0]
    where = short_path(first.path) + (f" line {first.line}" if first.line is not None else "")
    more = len(problems) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"Layout {where}: {first.message}{extra}; {outcome}."


def kept_layout_notice(problems: Sequence[LayoutProblem], kept: str) -> str:
    """The banner when a layout chosen in the carer menu is broken and ``kept`` stays in use."""
    return layout_notice(problems, f"still using {kept!r}")


_HISTORY_LINE = re.compile(r"^(?P<path>.*), line (?P<line>\d+): (?P<what>.*)$")


def history_notice(problems: Sequence[str]) -> str:
    """One banner for problems found reading the history file (``History.problems``).

    Damaged lines are named by number ("lines 3, 7"); the file is left as it
    is, and the board only loses what those lines would have taught it.
    """
    if not problems:
        return ""
    found = [_HISTORY_LINE.match(p) for p in problems]
    lines = [m for m in found if m is not None]
    if len(lines) != len(problems) or len({m["path"] for m in lines}) != 1:
        more = len(problems) - 1
        extra = f" (and {more} more)" if more else ""
        return f"History: {problems[0]}{extra}."
    numbers = ", ".join(m["line"] for m in lines[:MAX_LINES_NAMED])
    more = len(lines) - MAX_LINES_NAMED
    numbers += f" and {more} more" if more > 0 else ""
    word = "line" if len(lines) == 1 else "lines"
    return (
        f"History {short_path(lines[0]['path'])}, {word} {numbers}: damaged, skipped; "
        "the file is left unchanged."
    )
