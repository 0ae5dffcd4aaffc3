"""The carer menu's slow work with files, and what it costs the frame loop (issue 8, item 15).

Two figures per job, printed as JSON:

* ``calls``: the work itself, timed alone -- counting the statements a
  deletion of "more than 30 days ago" would remove and rewriting the history
  without them (60,000 statements over 120 days), and the ``.obz`` export of
  the shipped English layout and of a big carer layout (40 pages of 6 x 8,
  1,800 photos of 60 kB each);
* ``board``: the real board, headless, with the carer pressing the keys:
  the longest frame while the job runs, ``inline`` (the work done in the
  frame, as the board did before) and ``worker`` (off the frame loop, as
  it does now), with how many frames ran meanwhile and the real seconds the
  job took.  Goal: no frame longer than a scan step's fraction (< 0.05 s).

Run: ``SDL_VIDEODRIVER=dummy .venv/bin/python benchmarks/carer_work.py``
"""

from __future__ import annotations

import json
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

STATEMENTS = 60_000
TODAY = datetime(2026, 3, 31, 10, tzinfo=UTC)
WORDS = ["I want", "water", "please", "pain", "my back", "call Sarah", "thank you", "I am cold"]


def write_history(path: Path, count: int = STATEMENTS) -> None:
    """``count`` statements spread over the 120 days before ``TODAY``."""
    rng = random.Random(1)
    start = TODAY - timedelta(days=120)
    with open(path, "w", encoding="utf-8") as file:
        for i in range(count):
            cell = rng.choice([None, 1, 2, 3, 5])
            record = {
                "time": (start + timedelta(seconds=i * 120 * 86400 / count)).isoformat(),
                "text": " ".join(rng.sample(WORDS, 3)),
                "page": "home",
                "source": "blink",
                "cell": cell,
                "how": "spelled" if cell is None else "phrase",
                "record": None,
                "confirmed": False,
            }
            file.write(json.dumps(record) + "\n")


def write_big_layout(folder: Path, pages: int = 40, kb: int = 60) -> Path:
    """A carer's layout: ``pages`` pages of 6 x 8 cells, a photo (incompressible) in 45 of each."""
    (folder / "images").mkdir(parents=True)
    rng = random.Random(2)
    lines = ["format: 1", "name: Big ward board", "home: p0", "pages:"]
    for p in range(pages):
        lines += [f"  - id: p{p}", "    rows: 6", "    columns: 8", "    cells:"]
        lines += [
            '      - {label: "Call nurse", action: alarm, text: "Please call the nurse"}',
            f"      - {{label: Next, action: go, target: p{(p + 1) % pages}}}",
            "      - {label: Home, action: go, target: p0}",
        ]
        for c in range(3, 48):
            name = f"images/p{p}c{c}.jpg"
            (folder / name).write_bytes(
                b"\xff\xd8\xff\xe0" + rng.randbytes(kb * 1024) + b"\xff\xd9"
            )
            lines.append(f'      - {{label: "Photo {p}-{c}", image: {name}}}')
    path = folder / "layout.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return round(time.perf_counter() - start, 3)


def calls(tmp: Path) -> dict[str, Any]:
    """The work alone, as the frame loop used to do it."""
    from commboard.adapters.board_exchange_menu import export_for_board
    from commboard.board.layout_file import default_layout_path, load_layout
    from commboard.care_record.record_files import remove_period, split
    from commboard.shell.screens.carer_menu.care_papers import old_period

    history = tmp / "calls.jsonl"
    write_history(history)
    period, words = old_period(TODAY.date())
    big = load_layout(write_big_layout(tmp / "calls-big"))
    return {
        "history_count_s": timed(lambda: split(history.read_bytes(), period)),
        "history_rewrite_s": timed(lambda: remove_period(history, period, words)),
        "obz_export_shipped_en_s": timed(
            lambda: export_for_board(load_layout(default_layout_path("en")), tmp / "docs-en")
        ),
        "obz_export_big_s": timed(lambda: export_for_board(big, tmp / "docs-big")),
    }


class Board:
    """The real board, headless on a virtual clock; its carer work inline or in a worker."""

    def __init__(self, tmp: Path, layout: Path, history: Path, worker: bool) -> None:
        from commboard.adapters.background_work import BackgroundWork
        from commboard.cli import parse_options
        from commboard.shell import app

        argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
        argv += ["--start-time", TODAY.strftime("%Y-%m-%dT%H:%M:%S"), "--layout", str(layout)]
        argv += ["--history", str(history), "--event-log", str(tmp / "events.jsonl")]
        self.loop = app.build(parse_options(argv))
        self.loop.carer_work = BackgroundWork(background=worker)
        self.loop.safe_frame(self.loop.p.clock.now())

    def frame(self) -> float:
        """One frame 0.1 board-seconds on; its real duration."""
        self.loop.p.clock.advance_to(self.loop.now + 0.1)
        start = time.perf_counter()
        self.loop.safe_frame(self.loop.p.clock.now())
        return time.perf_counter() - start

    def key(self, code: int, text: str = "") -> float:
        import pygame

        for kind in (pygame.KEYDOWN, pygame.KEYUP):
            pygame.event.post(pygame.event.Event(kind, key=code, unicode=text, mod=0))
        return self.frame()

    def job(self, code: int, text: str) -> dict[str, Any]:
        """Press the key that starts a job; frames until it is done."""
        start = time.perf_counter()
        longest, frames = self.key(code, text), 0
        while self.loop.carer_work.doing is not None:
            time.sleep(0.005)
            longest, frames = max(longest, self.frame()), frames + 1
        return {
            "longest_frame_s": round(longest, 3),
            "frames_meanwhile": frames,
            "job_s": round(time.perf_counter() - start, 3),
        }

    def close(self) -> None:
        from commboard.shell import app

        app.close(self.loop)


def board(tmp: Path, worker: bool) -> dict[str, Any]:
    """The carer deletes old history, then exports a big layout, on the running board."""
    import pygame

    from commboard.testing import TWO_PAGE_LAYOUT

    mode = "worker" if worker else "inline"
    history, small = tmp / f"{mode}.jsonl", tmp / f"{mode}.yaml"
    write_history(history)
    small.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    b = Board(tmp, small, history, worker)
    b.key(pygame.K_ESCAPE)
    b.key(pygame.K_p, "p")
    count = b.job(pygame.K_d, "d")
    delete = b.job(pygame.K_y, "y")
    b.close()
    b = Board(tmp, write_big_layout(tmp / f"{mode}-big"), tmp / f"{mode}-2.jsonl", worker)
    b.key(pygame.K_ESCAPE)
    b.key(pygame.K_l, "l")
    export = b.job(pygame.K_x, "x")
    b.close()
    return {"history_count": count, "history_delete": delete, "obz_export_big": export}


def main() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        # Never the user's own profiles, layouts, history or documents folder.
        os.environ["COMMBOARD_CONFIG_DIR"] = str(tmp / "config")
        os.environ["XDG_DATA_HOME"] = str(tmp / "data")
        import platformdirs

        platformdirs.user_documents_dir = lambda: str(tmp / "Documents")  # type: ignore[assignment]
        out = {
            "statements": STATEMENTS,
            "calls": calls(tmp),
            "board": {"inline": board(tmp, False), "worker": board(tmp, True)},
        }
    json.dump(out, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
