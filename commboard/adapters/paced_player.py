"""A stand-in for ``aplay`` that takes as long as the sound lasts, for machines without a sound card.

Usage: ``python paced_player.py [aplay options] FILE`` (the speech tests put it
on PATH as ``aplay``; the speech benchmark runs it directly).  Appends JSON
lines to the file named by ``$PACED_PLAYER_LOG``: ``{"event": "start", ...}``
when it begins and ``{"event": "end", ...}`` only if it plays to the end
(``commboard.testing.PacedPlayer`` reads them).  While the file named by
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


def note(**fields: object) -> None:
    with open(os.environ["PACED_PLAYER_LOG"], "a") as log:
        log.write(json.dumps({"pid": os.getpid(), "t": time.monotonic(), **fields}) + "\n")


def main() -> None:
    path = sys.argv[-1]
    unplugged = os.environ.get("PACED_PLAYER_UNPLUGGED", "")
    if unplugged and os.path.exists(unplugged):  # act out a speaker that was unplugged
        print("aplay: main:831: audio open error: No such file or directory", file=sys.stderr)
        sys.exit(1)
    with wave.open(path) as w:
        duration = w.getnframes() / w.getframerate()
    note(event="start", path=path, duration=duration)
    end = time.monotonic() + duration
    while (left := end - time.monotonic()) > 0:
        time.sleep(min(left, 0.005))  # like a sound card draining its buffer
    note(event="end", path=path)


if __name__ == "__main__":
    main()
