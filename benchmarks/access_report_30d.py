"""``commboard access-report`` over 30 days of access logs.

Synthesises what a board used 14 hours a day with the camera writes: a
selection every ~20 s with its switch press (some too short, some undone),
about 12 blinks a minute (a few long spontaneous ones), the face lost now and
then, one run per day; written as the board writes its access log (no
``blink closed`` records) in 10 MB files, as the board rotates them.  Times the whole
command: read, compute, draw four charts, write the page.  Goal (issue 12): <= 10 s.

Run: ``.venv/bin/python benchmarks/access_report_30d.py``
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from commboard.cli import main

DAYS = 30
HOURS_A_DAY = 14
GOAL_S = 10.0
MAX_BYTES = 10_000_000


def _line(at: datetime, type_: str, **fields: object) -> str:
    stamp = at.isoformat(timespec="milliseconds")
    return json.dumps({"t": 0.0, "type": type_, **fields, "at": stamp})


def _day(rng: random.Random, start: datetime) -> list[str]:
    out = [_line(start, "start", layout="English bedside", page="home", size=[1280, 720]),
           _line(start, "settings", interval_s=1.0, pattern="row_column", mode="auto",
                 acceptance_s=0.3, blink_hold_s=0.5)]  # fmt: skip
    t, end = start, start + timedelta(hours=HOURS_A_DAY)
    next_select = t + timedelta(seconds=20)
    while t < end:
        t += timedelta(seconds=rng.uniform(3.0, 7.0))  # a blink every ~5 s
        closed = rng.choice((0.15, 0.2, 0.25, 0.3, 0.35)) if rng.random() > 0.01 else 0.45
        out.append(_line(t + timedelta(seconds=closed), "blink", event="opened", duration_s=closed))
        if t >= next_select:
            out.append(_line(t + timedelta(seconds=0.5), "blink", event="select",
                             duration_s=0.5, hold_s=0.5))  # fmt: skip
            out.append(_line(t + timedelta(seconds=0.8), "blink", event="opened", duration_s=0.8))
            short = rng.random() < 0.08
            out.append(_line(t, "switch", source="blink", name="select", held_s=0.8,
                             accepted=not short, **({"reason": "too short"} if short else {})))  # fmt: skip
            if not short:
                out.append(_line(t, "select", page="home", cell=rng.randrange(16),
                                 action="speak", source="blink", steps=rng.randrange(2, 9)))  # fmt: skip
                if rng.random() < (0.2 if t.hour >= 20 else 0.06):
                    out.append(_line(t + timedelta(seconds=0.6), "undo", action="speak"))
            next_select = t + timedelta(seconds=rng.uniform(10, 30))
        if rng.random() < 0.002:
            out.append(_line(t, "face", found=False, paused=True))
            out.append(_line(t, "scan", event="paused", reason="face lost"))
            t += timedelta(seconds=rng.uniform(5, 120))
            out.append(_line(t, "face", found=True, paused=True))
            out.append(_line(t, "scan", event="resumed"))
    out.append(_line(t, "stop", reason="quit"))
    return out


def write_logs(folder: Path) -> tuple[Path, int, int]:
    rng = random.Random(30)
    lines: list[str] = []
    for day in range(DAYS):
        lines += _day(rng, datetime(2026, 2, 1, 7, 0, tzinfo=UTC) + timedelta(days=day))
    data = ("\n".join(lines) + "\n").encode()
    chunks, start = [], 0
    while start < len(data):  # split at line ends into 10 MB files, as the board rotates them
        end = min(len(data), start + MAX_BYTES)
        end = data.rfind(b"\n", start, end) + 1 if end < len(data) else end
        chunks.append(data[start:end])
        start = end
    path = folder / "access.jsonl"
    for n, chunk in enumerate(reversed(chunks)):
        (path if n == 0 else path.with_name(f"access.jsonl.{n}")).write_bytes(chunk)
    return path, len(lines), len(data)


def main_() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path, count, size = write_logs(Path(folder))
        out = Path(folder) / "access.html"
        start = time.perf_counter()
        code = main(["access-report", "--access-log", str(path), "--out", str(out)])
        seconds = time.perf_counter() - start
    print(json.dumps({
        "benchmark": "access_report_30d",
        "days": DAYS,
        "access_log_lines": count,
        "access_log_mb": round(size / 1e6, 1),
        "exit_code": code,
        "seconds": round(seconds, 2),
        "goal_s": GOAL_S,
        "met": code == 0 and seconds <= GOAL_S,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main_()
