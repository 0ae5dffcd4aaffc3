"""The board behaves exactly as recorded: every golden run's event log is byte-identical.

A difference means behaviour changed.  If that was meant, re-record with
``make golden`` and say why in the commit; otherwise it is a regression.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from golden_runs import LOGS, SCENARIOS, Scenario, run


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.name)
def test_golden_event_log_is_unchanged(scenario: Scenario, tmp_path: Path) -> None:
    log, screens = run(scenario, tmp_path)
    _same(LOGS / f"{scenario.name}.jsonl", log, "event log")
    _same(LOGS / f"{scenario.name}.screen.jsonl", screens, "screen trace")


def _same(path: Path, got: str, what: str) -> None:
    expected = path.read_text(encoding="utf-8")
    if got != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), got.splitlines(), "recorded", "now", lineterm="", n=2
        )
        pytest.fail(f"{path.name}: the {what} changed:\n" + "\n".join(list(diff)[:60]))
