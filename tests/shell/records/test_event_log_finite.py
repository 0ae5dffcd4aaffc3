"""The event log is JSON on every line: NaN and infinite numbers are written as null.

``json.dumps`` writes them as the bare words NaN and Infinity, which no
strict JSON reader accepts (an ``inf`` time in an input script put one in).
"""

from __future__ import annotations

import json
from pathlib import Path

from commboard.effects import Log
from commboard.shell.records.event_log import EventLog


def strict(line: str) -> dict[str, object]:
    def refuse(word: str) -> float:
        raise ValueError(f"not JSON: {word}")

    loaded: dict[str, object] = json.loads(line, parse_constant=refuse)
    return loaded


def test_non_finite_numbers_become_null_and_the_record_is_kept(tmp_path: Path) -> None:
    log = EventLog(tmp_path / "events.jsonl", start=10.0)
    log.record(float("inf"), "switch", name="select")
    log.write(Log(11.0, "blink", {"ear": float("nan"), "levels": (0.3, float("-inf")), "n": 2}))
    log.record(12.5, "scan", nested={"at": [1.0, float("nan")]})
    log.close()
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert [strict(line) for line in lines] == [
        {"t": None, "type": "switch", "name": "select"},
        {"t": 1.0, "type": "blink", "ear": None, "levels": [0.3, None], "n": 2},
        {"t": 2.5, "type": "scan", "nested": {"at": [1.0, None]}},
    ]
