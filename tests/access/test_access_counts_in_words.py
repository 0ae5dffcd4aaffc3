"""Counts in the access report and in layout export agree with their nouns.

A review found "Undo rate 25% (1 undos)" on the care team's access report,
"1 selections, 0 suggestions" when a period held one selection, "Errors (1
undos and 1 too-short presses)" could be a suggestion's words, and "Exported 1 pages" when a
one-page layout was exported.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commboard.access.access_stats import figures_from
from commboard.access.suggestions import suggestions
from commboard.adapters.board_exchange import export_command
from commboard.cli import main
from commboard.testing import YES_NO_LAYOUT


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rec(at: str, type_: str, **fields: object) -> str:
    return json.dumps({"t": 0, "type": type_, **fields, "at": f"2026-03-02T{at}+00:00"})


def one_of_each() -> str:
    """One selection by the patient, one undo, one too-short press."""
    return "\n".join([
        rec("10:00:00", "start"),
        rec("10:05:00", "select", source="blink", steps=3),
        rec("10:05:10", "undo"),
        rec("10:06:00", "switch", source="keyboard", name="select", held_s=0.1, accepted=False,
            reason="too short"),
        rec("10:10:00", "stop"),
    ]) + "\n"  # fmt: skip


def test_the_report_and_its_summary_say_1_undo_and_1_selection(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "access.jsonl"
    log.write_text(one_of_each(), encoding="utf-8")
    out = tmp_path / "access.html"
    assert main(["access-report", "--access-log", str(log), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "(1 undo)" in html and "1 undos" not in html
    assert capsys.readouterr().out.strip() == f"{out}: 1 selection, 0 suggestions"


def test_a_suggestion_says_1_undo_and_1_too_short_press() -> None:
    lines = [rec("10:00:00", "start")]
    for k in range(10):
        lines.append(rec(f"10:{k + 1:02d}:00", "select", source="blink", steps=3))
    lines += [
        rec("10:20:00", "undo"),
        rec("10:21:00", "switch", source="keyboard", name="select", held_s=0.1, accepted=False,
            reason="too short"),
        rec("10:22:00", "switch", source="keyboard", name="select", held_s=0.1, accepted=False,
            reason="too short"),
        rec("10:30:00", "stop"),
    ]  # fmt: skip
    said = " ".join(suggestions(figures_from([("a", ("\n".join(lines) + "\n").encode())])))
    assert "Errors (1 undo and 2 too-short presses) are 30% of 10 selections" in said


def test_exporting_a_one_page_layout_says_1_page(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    layout = tmp_path / "board.yaml"
    layout.write_text(YES_NO_LAYOUT, encoding="utf-8")
    out = tmp_path / "board.obz"
    assert export_command(str(layout), str(out)) == 0
    assert f"Exported 1 page to {out}" in capsys.readouterr().out
