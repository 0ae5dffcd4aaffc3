"""Soak: hours of simulated use on the virtual clock; the board must not drift, leak or lie.

The real board (``shell.app.build``: loop, session, confirmation, performer,
history writer, access log, drawing at 1280x720 on the dummy display) runs
on a virtual clock with a simulated patient (``commboard.testing.patient``):
drowsy eyes on the camera (ordinary blinks, long blinks that select by
themselves, the face lost now and then, rest and wake) and a switch used on
purpose (phrases, and now and then the decision "I don't agree", confirmed
with Yes).  Stray selections are real here: a long blink chooses whatever is
lit, so a decision can be asked for that the patient never meant; the patient
answers No when it notices (70%), otherwise the question times out.

Prints JSON: ``hours``, ``memory_growth_mb_per_h`` (RSS after the first hour
to the end, per hour), ``unintended_decisions`` (decisions on record that no
intention explains), ``crashes`` (exceptions reaching the loop, ``error``
records), ``frame_ms_p99`` in the first and the last hour and their ratio (every
frame, most of which draw nothing: it depends on how much scanning there
was) and ``draw_ms_p99`` (the frames that drew: the cost that must stay flat),
and whether every history and access-log line is valid JSON.  Goals (issue
12): no crash, growth <= 5 MB/h, p99 last/first <= 1.2, zero unintended
decisions.

Run: ``.venv/bin/python benchmarks/soak.py --hours 8`` (the default);
``--hours 0.5`` for a quick look.  Real time is about a minute per simulated
hour on this machine at 30 fps.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from array import array
from datetime import datetime, timedelta
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from commboard.cli import parse_options  # noqa: E402
from commboard.events import Source, Switch, SwitchDown, SwitchUp  # noqa: E402
from commboard.shell import app  # noqa: E402
from commboard.shell.eye_input import EyeInput  # noqa: E402
from commboard.signals.blink_switch import BlinkSwitch  # noqa: E402
from commboard.testing.patient import DrowsyEyes, Intentions  # noqa: E402

PRESS_S = 0.4  # a purposeful press: longer than the 0.3 s acceptance time
MATCH_S = 180.0  # a decision on record within this long of meaning it is the patient's


def rss_mb() -> float:
    """Resident memory now (Linux /proc), in MB."""
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def p99(values: array[float]) -> float:
    ordered = sorted(values)
    return ordered[int(0.99 * (len(ordered) - 1))] if ordered else 0.0


def keep(store: dict[int, array[float]], hour: int, ms: float) -> None:
    """Add a time to its hour's array; only the first hour's and the latest are kept."""
    if hour not in store:
        store[hour] = array("d")
        for old in [h for h in store if 0 < h < hour]:
            del store[old]
    store[hour].append(ms)


def valid_lines(path: Path) -> tuple[int, int]:
    """(lines, lines that are not a JSON object)."""
    bad = total = 0
    if path.exists():
        for line in path.read_bytes().splitlines():
            total += 1
            try:
                bad += not isinstance(json.loads(line), dict)
            except ValueError:
                bad += 1
    return total, bad


def build(folder: Path, fps: float, seed: int, hours: float = 8.0):  # type: ignore[no-untyped-def]
    args = ["run", "--max-seconds", str(hours * 3600.0 + 60.0), "--headless", "--virtual-clock", "--speech", "none", "--camera", "none",
            "--history", str(folder / "history.jsonl"), "--access-log",
            str(folder / "access.jsonl"), "--event-log", str(folder / "events.jsonl"),
            "--start-time", "2026-03-01T07:00:00"]  # fmt: skip
    loop = app.build(parse_options(args))
    eyes = DrowsyEyes(seed=seed, fps=fps, start_t=loop.p.clock.now())
    loop.eyes = loop.p.eyes = EyeInput(
        eyes, BlinkSwitch(loop.settings.blink), clock=loop.p.clock, camera="synthetic", fps=fps
    )
    return loop, eyes


def unintended(history: Path, intended: list[tuple[datetime, str]]) -> tuple[int, int]:
    """(decisions on record, of which no intention explains)."""
    recorded = stray = 0
    meant = list(intended)
    for line in history.read_bytes().splitlines() if history.exists() else []:
        record = json.loads(line)
        if record.get("record") != "decision" or record.get("withdrawn"):
            continue
        recorded += 1
        when = datetime.fromisoformat(record["time"]).replace(tzinfo=None)
        match = next((m for m in meant if m[1] == record["text"]
                      and 0 <= (when - m[0]).total_seconds() <= MATCH_S), None)  # fmt: skip
        if match is None:
            stray += 1
        else:
            meant.remove(match)
    return recorded, stray


def soak(hours: float, fps: float, seed: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="soak-"))
    loop, eyes = build(folder, fps, seed, hours)
    patient = Intentions(seed=seed)
    start = loop.p.clock.now()
    calendar0 = datetime(2026, 3, 1, 7, 0)
    end = start + hours * 3600.0
    # Only the first and the latest hour's frame times are kept (8 bytes each): the
    # benchmark's own lists must not show up as the board's memory growth.
    frame_ms: dict[int, array[float]] = {}
    rss: dict[int, float] = {}
    intended: list[tuple[datetime, str]] = []
    release_at: float | None = None
    crashes = 0
    frames = 0
    draw_ms: dict[int, array[float]] = {}
    board_draw = loop.draw

    def timed_draw() -> None:  # a drawn frame's cost, apart from the frames with nothing to draw
        began = time.perf_counter()
        board_draw()
        keep(draw_ms, int((loop.now - start) // 3600), (time.perf_counter() - began) * 1000.0)

    loop.draw = timed_draw
    loop.p.event_log.record(start, "start", layout=loop.p.layout.name)
    try:
        while loop.running and loop.now < end:
            loop.idle()
            now = loop.p.clock.now()
            if now >= end:
                break  # a frame at the very end would open an hour of its own
            hour = int((now - start) // 3600)
            if release_at is not None and now >= release_at:
                loop.dispatch(SwitchUp(release_at, Switch.SELECT, Source.KEYBOARD))
                release_at = None
            page = loop.session.page
            home = next((i for i, c in enumerate(page.cells) if c and c.action.value == "home"),
                        None)  # fmt: skip
            if release_at is None and patient.press(now, page.id, loop.session.highlighted, home):
                loop.dispatch(SwitchDown(now, Switch.SELECT, Source.KEYBOARD))
                release_at = now + PRESS_S
            began = time.perf_counter()
            loop.safe_frame(now)
            keep(frame_ms, hour, (time.perf_counter() - began) * 1000.0)
            frames += 1
            if hour not in rss:
                rss[hour] = rss_mb()
    except Exception as exc:  # a crash is a result here, not the end of the measurement
        crashes += 1
        print(f"soak: crashed: {type(exc).__name__}: {exc}", file=sys.stderr)
    for when_s, words in patient.intended:
        intended.append((calendar0 + timedelta(seconds=when_s - start), words))
    last_rss = rss_mb()
    app.close(loop)
    recorded, stray = unintended(folder / "history.jsonl", intended)
    events = [json.loads(x) for x in (folder / "events.jsonl").read_bytes().splitlines()]
    errors = [e for e in events if e.get("type") == "error" and e.get("source") not in
              ("history", "event_log")]  # fmt: skip
    confirms = [e.get("event") for e in events if e.get("type") == "confirm"]
    hours_done = (loop.now - start) / 3600.0
    first, last = min(frame_ms), max(frame_ms)
    after_first = rss.get(1, rss[0])
    growth = (last_rss - after_first) / max(hours_done - 1.0, 1e-9) if hours_done > 1.0 else None
    history_lines, history_bad = valid_lines(folder / "history.jsonl")
    access_lines, access_bad = valid_lines(folder / "access.jsonl")
    return {
        "benchmark": "soak",
        "hours": round(hours_done, 3),
        "fps": fps,
        "frames": frames,
        "memory_mb": {
            "first_hour": round(rss[0], 1),
            "after_first_hour": round(after_first, 1),
            "end": round(last_rss, 1),
            "peak": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3, 1),
        },  # fmt: skip
        "memory_growth_mb_per_h": round(growth, 2) if growth is not None else None,
        "crashes": crashes + len(errors),
        "decisions_meant": len(patient.intended),
        "decisions_recorded": recorded,
        "unintended_decisions": stray,
        "questions_asked": confirms.count("asked"),
        "questions_answered": {k: confirms.count(k) for k in ("yes", "no", "timeout", "undone")},
        "stray_long_blinks": eyes.long_blinks,
        "frame_ms_p99": {
            "first_hour": round(p99(frame_ms[first]), 3),
            "last_hour": round(p99(frame_ms[last]), 3),
        },  # fmt: skip
        "frame_p99_last_over_first": round(
            p99(frame_ms[last]) / max(p99(frame_ms[first]), 1e-9), 3
        ),
        "drawn_frames": {
            "first_hour": len(draw_ms[min(draw_ms)]),
            "last_hour": len(draw_ms[max(draw_ms)]),
        },  # fmt: skip
        "draw_ms_p99": {
            "first_hour": round(p99(draw_ms[min(draw_ms)]), 3),
            "last_hour": round(p99(draw_ms[max(draw_ms)]), 3),
        },  # fmt: skip
        "draw_p99_last_over_first": round(
            p99(draw_ms[max(draw_ms)]) / max(p99(draw_ms[min(draw_ms)]), 1e-9), 3
        ),
        "history_lines": history_lines,
        "history_invalid_lines": history_bad,
        "access_log_lines": access_lines,
        "access_log_invalid_lines": access_bad,
        "files": str(folder),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hours", type=float, default=8.0)
    parser.add_argument("--fps", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    print(json.dumps(soak(args.hours, args.fps, args.seed), indent=2))


if __name__ == "__main__":
    main()
