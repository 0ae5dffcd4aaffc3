"""Time from the patient confirming a decision to it being on disk (written and fsync'd).

The real pieces: the session (the Yes on the "Is that right?" page), the
effect it returns (``Speak`` with ``confirmed``), the history writer's
background thread and ``History.write`` (``line_file``: whole line, fsync).
The clock starts when the Yes reaches the session and stops when the writer
reports no line unsaved.  The history is on this machine's temporary folder
(the disk the board would use on most laptops).  Goal (issue 12): <= 100 ms.

Run: ``.venv/bin/python benchmarks/decision_flush.py``
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from datetime import datetime
from pathlib import Path

from commboard.board.layout_file import load_layout
from commboard.board.session import Session
from commboard.control.decision_confirmation import YES_CELL
from commboard.effects import Speak
from commboard.events import CellPointed, Source
from commboard.history import History
from commboard.settings import Settings
from commboard.shell.records.history_writer import HistoryWriter

ROUNDS = 200
GOAL_MS = 100.0


def main() -> None:
    layout = load_layout(Path(__file__).resolve().parents[1] / "layouts" / "en")
    agree = next(i for i, c in enumerate(layout.page("mycare").cells) if c and c.label == "I agree")
    with tempfile.TemporaryDirectory() as folder:
        history = History(
            Path(folder) / "history.jsonl", wall_clock=lambda: datetime.now().astimezone()
        )
        writer = HistoryWriter(history)
        session = Session(layout, Settings(), now=0.0)
        session.open_page("mycare", 0.0)
        times_ms: list[float] = []
        for n in range(ROUNDS):
            t = 1.0 + n * 10.0
            session.handle(CellPointed(t, agree, Source.BLINK), t)  # asks "Is that right?"
            start = time.perf_counter()
            for effect in session.handle(CellPointed(t + 2, YES_CELL, Source.BLINK), t + 2):
                if isinstance(effect, Speak) and effect.page is not None:
                    source = effect.source.value if effect.source else ""
                    writer(effect.text, effect.page, source, effect.cell,
                           record=effect.record, confirmed=effect.confirmed)  # fmt: skip
            while writer.status().unsaved:
                time.sleep(0.0002)
            times_ms.append((time.perf_counter() - start) * 1000.0)
        writer.close()
        lines = history.path.read_text(encoding="utf-8").splitlines()
    ordered = sorted(times_ms)
    result = {
        "benchmark": "decision_flush",
        "rounds": ROUNDS,
        "confirmed_lines_on_disk": sum('"confirmed": true' in line for line in lines),
        "confirm_to_disk_ms": {
            "median": round(statistics.median(ordered), 2),
            "p99": round(ordered[int(0.99 * (len(ordered) - 1))], 2),
            "max": round(ordered[-1], 2),
        },
        "goal_ms": GOAL_MS,
        "met": ordered[int(0.99 * (len(ordered) - 1))] <= GOAL_MS,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
