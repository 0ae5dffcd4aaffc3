"""Counts in the care team's and the carer's messages agree with their nouns: never "1 statements".

A carer deleting one old statement read "Delete 1 statements said ...", then
"Deleted 1 statements"; the report said "1 statements, 1 of them decisions or
preferences", and one damaged line was "1 damaged lines".
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import pytest

from commboard.care_record.history_command import history_command
from commboard.care_record.record_files import export_to, remove_period, report_to
from commboard.care_record.statements import Period
from commboard.cli import main, parse
from commboard.shell.screens.carer_menu.care_papers import DeleteConfirm
from commboard.shell.screens.carer_menu.forget_words import ForgetConfirm


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def line(when: str, text: str, record: str | None = None) -> str:
    fields = {"time": when, "text": text, "page": "home", "source": "blink", "cell": 0}
    return json.dumps(fields | {"record": record})


@pytest.fixture
def history(tmp_path: Path) -> Path:
    """One statement (a decision) on 2 March, and one damaged line."""
    path = tmp_path / "history.jsonl"
    text = line("2026-03-02T12:00:00+00:00", "I don't agree", "decision") + "\n{damaged\n"
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


MARCH = Period(date(2026, 3, 1), date(2026, 3, 3))


def test_the_carers_papers_say_one_statement_and_one_damaged_line(
    history: Path, tmp_path: Path
) -> None:
    exported = export_to(history, tmp_path / "out.jsonl", MARCH).words
    assert ": 1 statement said " in exported and "; 1 damaged line left out (" in exported
    reported = report_to(history, tmp_path / "r.html", MARCH, "Anna", datetime(2026, 3, 4)).words
    assert reported.endswith(": 1 statement, a decision or preference; 1 damaged line skipped")
    deleted = remove_period(history, MARCH).words
    assert deleted.startswith("Deleted 1 statement said ")
    assert "; 1 damaged line left untouched (" in deleted


def test_the_command_line_asks_and_answers_in_the_singular(
    history: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []
    words = ["history", "export", "--history", str(history), "--out", str(tmp_path / "o.jsonl")]
    assert history_command(parse(words), lambda q: asked.append(q) or "yes") == 0
    assert asked[0].startswith("Export 1 statement said ")
    assert capsys.readouterr().out.startswith(
        f"{tmp_path / 'o.jsonl'}: 1 statement; 1 damaged line"
    )
    out = tmp_path / "r.html"
    assert main(["report", "--history", str(history), "--out", str(out)]) == 0
    assert ": 1 statement, a decision or preference; 1 damaged line skipped" in (
        capsys.readouterr().out
    )
    words = ["history", "delete", "--history", str(history), "--from", "2026-03-01"]
    assert (
        history_command(parse([*words, "--to", "2026-03-03"]), lambda q: asked.append(q) or "yes")
        == 0
    )
    assert asked[1].startswith("Delete 1 statement said ")


def test_the_carer_menus_questions_count_in_words() -> None:
    confirm = DeleteConfirm(None, Path("h.jsonl"), MARCH, "more than 30 days ago", 1)  # type: ignore[arg-type]
    assert confirm.title == "Delete 1 statement said more than 30 days ago? This cannot be undone."
    assert confirm.entries[0].label == "Yes, delete this statement"
    forget = ForgetConfirm(None, 1, 1)  # type: ignore[arg-type]
    assert forget.title.startswith("Forget the 1 word and 1 word pair learned")
    assert forget.entries[0].label == "Yes, forget this word"
