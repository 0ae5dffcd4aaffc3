"""Helpers for the speech tests: WAV measurements, waiting, reading the paced player's log."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

# About 8 s of speech at 160 wpm: long enough that "cut off" and "still playing" differ
# by seconds, so no test depends on how busy the machine is.
LONG_TEXT = (
    "I would like to talk to my doctor about my options before we decide anything. "
    "Please explain it again slowly, and ask me, not my family. I need time to decide."
)


def wait_until(predicate: Callable[[], object], timeout_s: float = 30.0) -> bool:
    """Poll until ``predicate`` is true; False if it never became true."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.005)
    return bool(predicate())


class PacedPlayer:
    """What the stand-in player did: one dict per start/end line."""

    def __init__(self, log: Path) -> None:
        self.log = log

    def events(self) -> list[dict]:
        if not self.log.exists():
            return []
        lines = self.log.read_text().splitlines()
        events = [json.loads(line) for line in lines]
        return [e for e in events if not e["path"].endswith("probe.wav")]

    def starts(self) -> list[dict]:
        return [e for e in self.events() if e["event"] == "start"]

    def ended(self, pid: int) -> bool:
        return any(e["event"] == "end" and e["pid"] == pid for e in self.events())


def alive(pid: int) -> bool:
    """Whether the process still runs (a zombie has ended; it only awaits its parent)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
