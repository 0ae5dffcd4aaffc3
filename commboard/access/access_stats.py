"""The figures a therapist asks for, computed from access-log records.

Definitions (docs/care-record.md, "The access report"), so every figure can
be checked by hand:

* **active time**: calendar time between consecutive records of one run
  (``start`` to ``stop``) while scanning is not stopped (``scan`` ``paused``
  or ``waiting`` stop it; ``resumed`` or ``start`` let it go on), split at
  hour boundaries into the day and the hour of day it fell in;
* **selections**: ``select`` records not made with the mouse (a carer's
  click is not the patient's access); **selections per minute** = selections
  / active minutes of the same day (or hour of day);
* **steps per selection**: the mean of the ``steps`` on those records;
* **undo rate**: ``undo`` records / selections;
* **too-short presses**: released switch presses (``switch`` with
  ``accepted``, not the mouse) whose ``reason`` is ``too short``, / all such presses;
* **blink closures**: ``blink`` ``opened`` durations; *selecting* when a
  ``blink`` ``select`` came between the ``closed`` and the ``opened``,
  else *spontaneous*; the hold threshold is the last ``hold_s`` seen;
* **face-lost time**: from ``face`` ``found: false`` to ``found: true`` (or
  the end of the run).
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from commboard.care_record.statements import Period

EVENING_FROM_H = 20  # "after 20:00": the hours fatigue shows in (Ace Centre, CLINICAL.md)


@dataclass
class Bucket:
    """Counts for one day or one hour of the day."""

    active_min: float = 0.0
    selections: int = 0
    steps: int = 0
    undos: int = 0
    presses: int = 0
    too_short: int = 0

    @property
    def per_minute(self) -> float | None:
        """Selections per active minute (None: no active time)."""
        return self.selections / self.active_min if self.active_min > 0 else None

    @property
    def steps_per_selection(self) -> float | None:
        """Mean scan steps per selection (None: no selection)."""
        return self.steps / self.selections if self.selections else None

    @property
    def undo_rate(self) -> float | None:
        """Undos per selection (None: no selection)."""
        return self.undos / self.selections if self.selections else None

    @property
    def too_short_rate(self) -> float | None:
        """Too-short presses per released press (None: no press)."""
        return self.too_short / self.presses if self.presses else None

    def add(self, other: Bucket) -> None:
        """Add another bucket's counts to this one."""
        self.active_min += other.active_min
        self.selections += other.selections
        self.steps += other.steps
        self.undos += other.undos
        self.presses += other.presses
        self.too_short += other.too_short


@dataclass
class AccessFigures:
    """Everything the access report shows."""

    by_day: dict[date, Bucket] = field(default_factory=lambda: defaultdict(Bucket))
    by_hour: dict[int, Bucket] = field(default_factory=lambda: defaultdict(Bucket))
    spontaneous_s: list[float] = field(default_factory=list)
    selecting_s: list[float] = field(default_factory=list)
    hold_s: float | None = None
    face_lost_min: dict[date, float] = field(default_factory=lambda: defaultdict(float))
    board_min: float = 0.0  # every minute the board ran (paused or not)
    settings: list[tuple[datetime, dict[str, Any]]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    first: datetime | None = None
    last: datetime | None = None

    def total(self) -> Bucket:
        """All days together."""
        out = Bucket()
        for bucket in self.by_day.values():
            out.add(bucket)
        return out

    def hours(self, first: int, last: int) -> Bucket:
        """Hours of the day ``first``..``last`` together (``last`` < ``first`` wraps midnight)."""
        out = Bucket()
        for hour, bucket in self.by_hour.items():
            inside = first <= hour <= last if first <= last else hour >= first or hour <= last
            if inside:
                out.add(bucket)
        return out


DAY_S = 86400.0


def wall(stamp: float) -> datetime:
    """A sweep time (see :func:`_stamp`) as a naive local ``datetime``."""
    return datetime.fromordinal(int(stamp // DAY_S)) + timedelta(seconds=stamp % DAY_S)


@dataclass
class _Sweep:
    """The reader's state while walking the records in order.

    Times are seconds on the board's own local calendar (day ordinal * 86400 +
    seconds of the day, read from ``at`` as written): the day and the hour of
    the day are the patient's, as the board saw them, and a year of records
    needs no time-zone arithmetic.
    """

    figures: AccessFigures
    paused: bool = False
    last: float | None = None
    face_lost_at: float | None = None
    selecting: bool = False
    days: dict[int, date] = field(default_factory=dict)
    hour: float = -1.0  # the hour (seconds // 3600) whose active seconds are being summed
    hour_s: float = 0.0

    def day(self, stamp: float) -> date:
        ordinal = int(stamp // DAY_S)
        found = self.days.get(ordinal)
        if found is None:
            found = self.days[ordinal] = date.fromordinal(ordinal)
        return found

    def active(self, start: float, end: float) -> None:
        """Add ``start``..``end`` to the active minutes, split at each hour.

        Summed per hour first and added to the day and hour buckets when the
        hour changes (``flush``): most records are seconds apart.
        """
        while start < end:
            hour = start // 3600.0
            edge = min(end, (hour + 1.0) * 3600.0)
            if hour != self.hour:
                self.flush()
                self.hour = hour
            self.hour_s += edge - start
            start = edge

    def flush(self) -> None:
        """Add the active seconds summed for the current hour to its buckets."""
        if self.hour_s > 0.0:
            stamp = self.hour * 3600.0
            minutes = self.hour_s / 60.0
            self.figures.by_day[self.day(stamp)].active_min += minutes
            self.figures.by_hour[int(stamp % DAY_S // 3600.0)].active_min += minutes
        self.hour_s = 0.0

    def face_back(self, stamp: float) -> None:
        if self.face_lost_at is not None:
            lost = (stamp - self.face_lost_at) / 60.0
            self.figures.face_lost_min[self.day(self.face_lost_at)] += max(0.0, lost)
            self.face_lost_at = None

    def end_run(self) -> None:
        if self.last is not None:
            self.face_back(self.last)
        self.last = None

    def step(self, stamp: float, record: dict[str, Any]) -> None:
        kind = record.get("type")
        if kind == "start":
            self.end_run()
            self.paused = False
        elif self.last is not None and stamp > self.last:
            self.figures.board_min += (stamp - self.last) / 60.0
            if not self.paused:
                self.active(self.last, stamp)
        self.last = stamp
        self._count(stamp, kind, record)
        if kind == "stop":
            self.end_run()

    def buckets(self, stamp: float) -> tuple[Bucket, Bucket]:
        """The day's and the hour of the day's buckets for a time."""
        return (
            self.figures.by_day[self.day(stamp)],
            self.figures.by_hour[int(stamp % DAY_S // 3600.0)],
        )

    def _count(self, stamp: float, kind: object, r: dict[str, Any]) -> None:
        match kind:
            case "blink":
                self._blink(r)
            case "scan":
                self._scan(r.get("event"))
            case "select" if r.get("source") != "mouse":
                _selected(self.buckets(stamp), r.get("steps"))
            case "undo":
                for b in self.buckets(stamp):
                    b.undos += 1
            case "switch" if "accepted" in r and r.get("source") != "mouse":
                for b in self.buckets(stamp):
                    b.presses += 1
                    b.too_short += r.get("reason") == "too short"
            case "face":
                self._face(stamp, r.get("found"))
            case "settings":
                self._settings(stamp, r)

    def _scan(self, event: object) -> None:
        if event in ("paused", "waiting"):
            self.paused = True
        elif event in ("resumed", "start"):
            self.paused = False

    def _face(self, stamp: float, found: object) -> None:
        if found is False and self.face_lost_at is None:
            self.face_lost_at = stamp
        elif found is True:
            self.face_back(stamp)

    def _settings(self, stamp: float, r: dict[str, Any]) -> None:
        fields = {k: v for k, v in r.items() if k not in ("t", "type", "at")}
        self.figures.settings.append((wall(stamp), fields))
        hold = fields.get("blink_hold_s")
        if isinstance(hold, int | float) and self.figures.hold_s is None:
            self.figures.hold_s = float(hold)

    def _blink(self, r: dict[str, Any]) -> None:
        event = r.get("event")
        if event == "closed":
            self.selecting = False
        elif event == "select":
            self.selecting = True
            if isinstance(r.get("hold_s"), int | float):
                self.figures.hold_s = float(r["hold_s"])
        elif event == "opened" and isinstance(r.get("duration_s"), int | float):
            kept = self.figures.selecting_s if self.selecting else self.figures.spontaneous_s
            kept.append(float(r["duration_s"]))
            self.selecting = False


def _selected(buckets: tuple[Bucket, Bucket], steps: object) -> None:
    for b in buckets:
        b.selections += 1
        b.steps += steps if isinstance(steps, int) else 0


_ORDINALS: dict[str, int] = {}


def _finite(text: str) -> float:
    """A number of the log; ValueError for one too large to be a float (``1e400``: infinity)."""
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def _no_constant(text: str) -> float:
    raise ValueError(text)  # NaN, Infinity: never written by the board


_decode = json.JSONDecoder(parse_float=_finite, parse_constant=_no_constant).decode


def _stamp(at: str) -> float:
    """``2026-03-02T20:00:00.250+01:00`` as seconds on the local calendar (ValueError if not)."""
    day = _ORDINALS.get(at[:10])
    if day is None:
        day = _ORDINALS[at[:10]] = date.fromisoformat(at[:10]).toordinal()
    if at[10:11] != "T" or at[13:14] != ":" or at[16:17] != ":":
        raise ValueError(at)
    end = 23 if at[19:20] == "." else 19
    return day * DAY_S + int(at[11:13]) * 3600 + int(at[14:16]) * 60 + float(at[17:end])


_OPENED = '"type": "blink", "event": "opened", "duration_s": '
_AT = '"at": "'


def _opened(line: str) -> tuple[float, dict[str, Any]] | None:
    """The commonest line (a blink's end, as the board writes it), read without the JSON parser.

    A month of camera use is mostly these; reading them directly halves the
    report's time.  Anything not exactly in the board's own form goes to the parser.
    """
    start = line.find(_OPENED)
    at = line.rfind(_AT)
    if start < 0 or at < 0 or not line.endswith('"}'):
        return None
    start += len(_OPENED)
    try:
        duration = _finite(line[start : line.index(",", start)])
        return _stamp(line[at + len(_AT) : -2]), {
            "type": "blink",
            "event": "opened",
            "duration_s": duration,
        }
    except ValueError:
        return None


def _record(line: str) -> tuple[float, dict[str, Any]] | None:
    fast = _opened(line)
    if fast is not None:
        return fast
    try:
        record = _decode(line)
        stamp = _stamp(record["at"])
    except (ValueError, KeyError, TypeError, RecursionError):  # RecursionError: nested too deep
        return None
    if not isinstance(record, dict) or not isinstance(record.get("type"), str):
        return None
    return stamp, record


def figures_from(files: list[tuple[str, bytes]], period: Period | None = None) -> AccessFigures:
    """The figures from access-log files' bytes, oldest file first (name, contents).

    Records outside ``period`` are left out; the run they belong to is cut there.
    """
    figures = AccessFigures()
    sweep = _Sweep(figures)
    first: float | None = None
    last: float | None = None
    for name, raw in files:
        for number, line in enumerate(raw.decode("utf-8", "replace").splitlines(), start=1):
            if not line.strip():
                continue
            parsed = _record(line)
            if parsed is None:
                figures.problems.append(f"{name}, line {number}: not an access record; skipped")
                continue
            stamp, record = parsed
            if period is not None and not period.holds_day(sweep.day(stamp)):
                sweep.end_run()
                continue
            first = stamp if first is None or stamp < first else first
            last = stamp if last is None or stamp > last else last
            sweep.step(stamp, record)
        sweep.end_run()
    sweep.flush()
    figures.first = wall(first) if first is not None else None
    figures.last = wall(last) if last is not None else None
    return figures


def read_files(paths: list[Path]) -> tuple[list[tuple[str, bytes]], list[str]]:
    """The files' bytes (unreadable ones become problems, with the path)."""
    out: list[tuple[str, bytes]] = []
    problems: list[str] = []
    for path in paths:
        try:
            out.append((str(path), path.read_bytes()))
        except OSError as exc:
            problems.append(f"{path}: could not read it ({exc.strerror})")
    return out, problems
