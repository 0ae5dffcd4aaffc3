"""A stand-in for ``aplay`` that takes as long as the sound lasts, for machines without a sound card.

Usage: ``python paced_player.py [aplay options] FILE`` (the speech tests put it
on PATH as ``aplay``; the speech benchmark runs it directly).  Appends JSON
lines to the file named by ``$PACED_PLAYER_LOG``: ``{"event": "start", ...}``
when it begins and ``{"event": "end", ...}`` only if it plays to the end
(:class:`PacedPlayer` reads them back for tests).  While the file named by
``$PACED_PLAYER_UNPLUGGED`` exists it fails the way aplay does without a
device.  Times are ``time.monotonic()`` (the same clock in every process on
one machine).  It imports nothing from commboard, so it runs as a bare script.
"""

from __future__ import annotations

import json
import os
import sys
import time
import wave
from pathlib import Path
from typing import Any


def note(**fields: object) -> None:
    with open(os.environ["PACED_PLAYER_LOG"], "a") as log:
        log.write(json.dumps({"pid": os.getpid(), "t": time.monotonic(), **fields}) + "\n")


class PacedPlayer:
    """What the stand-in player did, read from its ``log``.

    One dict per start and end, each with the player's ``pid``; the
    speaker's start-up probe is left out.
    """

    def __init__(self, log: Path) -> None:
        self.log = log

    def events(self) -> list[dict[str, Any]]:
        if not self.log.exists():
            return []
        lines = self.log.read_text().splitlines()
        events: list[dict[str, Any]] = [json.loads(line) for line in lines]
        return [e for e in events if not e["path"].endswith("probe.wav")]

    def starts(self) -> list[dict[str, Any]]:
        return [e for e in self.events() if e["event"] == "start"]

    def ended(self, pid: int) -> bool:
        return any(e["event"] == "end" and e["pid"] == pid for e in self.events())


def main() -> None:
    path = sys.argv[-1]
    source = sys.stdin.buffer if path == "-" else path
    if path == "-":  # ``aplay -``: the board opened the file for us and deleted it already
        path = os.readlink("/proc/self/fd/0").removesuffix(" (deleted)")
    unplugged = os.environ.get("PACED_PLAYER_UNPLUGGED", "")
    if unplugged and os.path.exists(unplugged):  # act out a speaker that was unplugged
        print("aplay: main:831: audio open error: No such file or directory", file=sys.stderr)
        sys.exit(1)
    with wave.open(source) as w:
        duration = w.getnframes() / w.getframerate()
    note(event="start", path=path, duration=duration)
    end = time.monotonic() + duration
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(left, 0.005))  # like a sound card draining its buffer
    note(event="end", path=path)


if __name__ == "__main__":
    main()
