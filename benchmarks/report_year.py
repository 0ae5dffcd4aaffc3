"""``commboard report`` over a year of history: about 50 statements a day, 365 days.

Writes a synthetic history (phrases, spelled messages, confirmed decisions and
preferences, a few damaged lines), then times the whole command as a carer
runs it (read, parse, render, write the page).  Goal (issue 12): <= 2 s.

Run: ``.venv/bin/python benchmarks/report_year.py``
"""

from __future__ import annotations

import json
import random
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from commboard.cli import main

DAYS = 365
PER_DAY = 50
GOAL_S = 2.0
PHRASES = ["Yes", "No", "I am in pain", "I would like a drink", "Please call my wife", "Thank you"]
DECISIONS = ["I agree", "I don't agree", "Stop", "I want to try"]


def write_year(path: Path, seed: int = 12) -> int:
    rng = random.Random(seed)
    start = datetime(2025, 3, 1, 7, 0, tzinfo=timezone(timedelta(hours=1)))
    lines: list[str] = []
    for day in range(DAYS):
        for k in range(PER_DAY):
            when = start + timedelta(days=day, seconds=k * 900 + rng.randrange(600))
            roll = rng.random()
            record: dict[str, object] = {"time": when.isoformat(timespec="seconds"),
                                         "page": "home", "source": "blink", "cell": 1,
                                         "how": "phrase", "record": None, "confirmed": False}  # fmt: skip
            if roll < 0.05:
                record |= {"text": rng.choice(DECISIONS), "page": "mycare", "record": "decision",
                           "confirmed": True}  # fmt: skip
            elif roll < 0.15:
                record |= {"text": "i need the window open", "cell": None, "how": "spelled"}
            else:
                record["text"] = rng.choice(PHRASES)
            lines.append(json.dumps(record))
        if day % 60 == 0:
            lines.append("{damaged")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def main_() -> None:
    with tempfile.TemporaryDirectory() as folder:
        history = Path(folder) / "history.jsonl"
        count = write_year(history)
        out = Path(folder) / "report.html"
        start = time.perf_counter()
        code = main(["report", "--history", str(history), "--out", str(out)])
        seconds = time.perf_counter() - start
        size = out.stat().st_size
    print(json.dumps({
        "benchmark": "report_year",
        "history_lines": count,
        "exit_code": code,
        "report_mb": round(size / 1e6, 2),
        "seconds": round(seconds, 3),
        "goal_s": GOAL_S,
        "met": code == 0 and seconds <= GOAL_S,
    }, indent=2))  # fmt: skip


if __name__ == "__main__":
    main_()
