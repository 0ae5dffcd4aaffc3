"""The board behaves exactly as recorded: every golden run's event log is byte-identical.

A difference means behaviour changed.  If that was meant, re-record with
``make golden`` and say why in the commit; otherwise it is a regression.

One allowance: a run on the camera goes through the real MediaPipe model,
whose floating-point results differ slightly between processors (its
XNNPACK kernels pick different instructions: a blink's closure measured
0.1740 s on one machine, 0.1739 s on another).  For those runs every
record must still match in order, type and every word, but a number may
differ by less than half a frame at 30 frames a second -- a selection one
frame earlier or later, a missed or extra blink, fails as before.
"""

from __future__ import annotations

import difflib
import json
import math
from pathlib import Path
from typing import Any

import pytest
from golden_runs import LOGS, SCENARIOS, Scenario, run

CAMERA_TOLERANCE = 0.5 / 30  # half a frame at 30 fps, in seconds (or any number)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_golden_event_log_is_unchanged(scenario: Scenario, tmp_path: Path) -> None:
    log, screens = run(scenario, tmp_path)
    tolerance = 0.0 if scenario.camera == "none" else CAMERA_TOLERANCE
    _same(LOGS / f"{scenario.name}.jsonl", log, "event log", tolerance)
    _same(LOGS / f"{scenario.name}.screen.jsonl", screens, "screen trace", tolerance)


def _same(path: Path, got: str, what: str, tolerance: float) -> None:
    expected = path.read_text(encoding="utf-8")
    if got == expected or (tolerance and _close(expected, got, tolerance)):
        return
    diff = difflib.unified_diff(
        expected.splitlines(), got.splitlines(), "recorded", "now", lineterm="", n=2
    )
    pytest.fail(f"{path.name}: the {what} changed:\n" + "\n".join(list(diff)[:60]))


def _close(expected: str, got: str, tolerance: float) -> bool:
    """Same records in the same order, numbers within ``tolerance``, everything else equal."""
    want, have = expected.splitlines(), got.splitlines()
    return len(want) == len(have) and all(
        _near(json.loads(a), json.loads(b), tolerance) for a, b in zip(want, have, strict=True)
    )


def _near(a: Any, b: Any, tolerance: float) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return math.isclose(a, b, rel_tol=0.0, abs_tol=tolerance)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_near(a[k], b[k], tolerance) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_near(x, y, tolerance) for x, y in zip(a, b, strict=True))
    return bool(a == b)


def test_the_camera_allowance_still_fails_a_changed_selection() -> None:
    recorded = '{"t": 5.5, "type": "blink", "event": "select", "duration_s": 0.5202}\n'
    jitter = '{"t": 5.5, "type": "blink", "event": "select", "duration_s": 0.5203}\n'
    a_frame_late = '{"t": 5.533, "type": "blink", "event": "select", "duration_s": 0.5202}\n'
    other_cell = '{"t": 5.5, "type": "blink", "event": "opened", "duration_s": 0.5202}\n'
    assert _close(recorded, jitter, CAMERA_TOLERANCE)
    assert not _close(recorded, a_frame_late, CAMERA_TOLERANCE)
    assert not _close(recorded, other_cell, CAMERA_TOLERANCE)
    assert not _close(recorded, recorded + recorded, CAMERA_TOLERANCE)
