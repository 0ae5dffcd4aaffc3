"""The event log: JSON lines ``{"t": seconds since start, "type": ..., ...}``.

What a therapist reads later to see how access went; every type is
documented in docs/event-log.md.  Each line is flushed as it is written so a
crash loses nothing and a benchmark can watch the file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import IO, Any

from commboard.effects import Log


class EventLog:
    """Writes ``Log`` records relative to the run's start time (``None`` path: keep none)."""

    def __init__(self, path: Path | None, start: float) -> None:
        self._start = start
        self._file: IO[str] | None = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._file = path.open("w", encoding="utf-8")

    def record(self, t: float, type_: str, **fields: Any) -> None:
        """Write one record; ``t`` is monotonic seconds on the run's clock."""
        if self._file is None:
            return
        line = finite({"t": round(t - self._start, 3), "type": type_, **fields})
        text = json.dumps(line, ensure_ascii=False, default=str, allow_nan=False)
        self._file.write(text + "\n")
        self._file.flush()

    def write(self, log: Log) -> None:
        """Write a ``Log`` effect from the core."""
        self.record(log.t, log.type, **log.fields)

    def close(self) -> None:
        """Flush and close the file."""
        if self._file is not None:
            self._file.close()
            self._file = None


def finite(value: Any) -> Any:
    """``value`` with every NaN or infinite float (in dicts, lists, tuples) made ``None``.

    JSON has no NaN or Infinity: ``json.dumps`` would write the bare words,
    and every strict reader of the log would fail on that line.  ``null``
    keeps the record (and the rest of the line) readable.
    """
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    return value
