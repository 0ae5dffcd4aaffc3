"""``commboard history export|delete``: exactly the chosen days, after a confirmation."""

from __future__ import annotations

import json
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commboard.care_record.history_command import history_command
from commboard.cli import main, parse


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def line(when: str, text: str) -> str:
    return json.dumps({"time": when, "text": text, "page": "home", "source": "blink", "cell": 0})


LINES = [
    line("2026-02-28T23:59:59+00:00", "before"),
    line("2026-03-01T00:00:00+00:00", "first second of the period"),
    "{damaged",
    line("2026-03-02T12:00:00+00:00", "middle"),
    line("2026-03-02T23:59:59+00:00", "last second of the period"),
    line("2026-03-03T00:00:00+00:00", "after"),
]


def history(tmp_path: Path) -> Path:
    path = tmp_path / "history.jsonl"
    path.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    path.chmod(0o600)
    return path


def run(*words: str, answer: str = "yes") -> int:
    return history_command(parse(["history", *words]), lambda _question: answer)


def test_delete_removes_exactly_the_chosen_days_and_keeps_damaged_lines(tmp_path: Path) -> None:
    path = history(tmp_path)
    code = run("delete", "--history", str(path), "--from", "2026-03-01", "--to", "2026-03-02")
    assert code == 0
    assert path.read_text("utf-8").splitlines() == [LINES[0], "{damaged", LINES[5]]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_delete_asks_first_and_no_leaves_the_history_as_it_was(tmp_path: Path) -> None:
    path = history(tmp_path)
    before = path.read_bytes()
    args = ("delete", "--history", str(path), "--from", "2026-03-01", "--to", "2026-03-02")
    assert run(*args, answer="no") == 1
    assert path.read_bytes() == before


def test_delete_needs_both_dates(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = history(tmp_path)
    assert run("delete", "--history", str(path), "--from", "2026-03-01") == 2
    assert "delete needs both --from and --to" in capsys.readouterr().err


def test_export_writes_the_period_privately_and_leaves_the_history(tmp_path: Path) -> None:
    path = history(tmp_path)
    before = path.read_bytes()
    out = tmp_path / "export.jsonl"
    args = ("export", "--history", str(path), "--from", "2026-03-02", "--to", "2026-03-02")
    assert run(*args, "--out", str(out)) == 0
    assert out.read_text("utf-8").splitlines() == [LINES[3], LINES[4]]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert path.read_bytes() == before


def test_the_command_line_confirms_with_yes(tmp_path: Path) -> None:
    path = history(tmp_path)
    words = ["history", "delete", "--history", str(path), "--from", "2026-02-28", "--to",
             "2026-02-28", "--yes"]  # fmt: skip
    assert main(words) == 0
    assert LINES[0] not in path.read_text("utf-8")


def test_export_never_writes_over_the_history_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--out`` naming the history itself (even with ``--replace``) is refused.

    It replaced the patient's whole history with the exported days: every
    statement outside the period, and the damaged lines the command says it
    leaves untouched, were gone.
    """
    path = history(tmp_path)
    before = path.read_bytes()
    (tmp_path / "link.jsonl").symlink_to(path)
    for out in (path, tmp_path / "link.jsonl", tmp_path / "." / "history.jsonl"):
        args = ("export", "--history", str(path), "--from", "2026-03-02", "--to", "2026-03-02")
        assert run(*args, "--out", str(out), "--replace") == 2
        assert "is the history file it is made from" in capsys.readouterr().err
        assert path.read_bytes() == before


def test_the_report_never_writes_over_the_history_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history(tmp_path)
    before = path.read_bytes()
    assert main(["report", "--history", str(path), "--out", str(path), "--replace"]) == 2
    assert "is the history file" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_a_time_that_overflows_local_time_is_a_damaged_line_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # A valid ISO time one hour before year 1 in UTC: astimezone() raised OverflowError,
    # which ended export, delete and the report in a traceback.
    path = history(tmp_path)
    with path.open("a", encoding="utf-8") as f:
        f.write(line("0001-01-01T00:30:00+01:00", "hostile") + "\n")
    out = tmp_path / "out.jsonl"
    code = run("export", "--history", str(path), "--from", "2026-03-01", "--to", "2026-03-02",
               "--out", str(out))  # fmt: skip
    assert code == 0
    assert "hostile" not in out.read_text("utf-8")
    assert len(out.read_text("utf-8").splitlines()) == 3
    report = tmp_path / "report.html"
    assert main(["report", "--history", str(path), "--out", str(report)]) == 0
    assert "line 7:" in report.read_text("utf-8")


def test_export_names_the_existing_file_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The message had 'report' replaced by 'export' everywhere, the file name too.
    path = history(tmp_path)
    out = tmp_path / "weekly-report.jsonl"
    out.write_text("signed\n", encoding="utf-8")
    code = run("export", "--history", str(path), "--out", str(out))
    assert code == 2
    assert f"{out} already exists" in capsys.readouterr().err
    assert out.read_text("utf-8") == "signed\n"


def test_export_names_each_damaged_line_with_the_history_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history(tmp_path)
    out = tmp_path / "out.jsonl"
    code = run("export", "--history", str(path), "--out", str(out))
    assert code == 0
    said = capsys.readouterr().out
    assert f"{path}, line 3" in said
    assert len(out.read_text("utf-8").splitlines()) == 5


def test_an_out_that_is_a_folder_says_so_rather_than_suggesting_replace(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # It said "already exists: ... or add --replace", and --replace then said it is a folder.
    path = history(tmp_path)
    folder = tmp_path / "papers"
    folder.mkdir()
    assert run("export", "--history", str(path), "--out", str(folder)) == 2
    said = capsys.readouterr().err
    assert f"{folder} is a folder: give a file name" in said and "--replace" not in said
    assert main(["report", "--history", str(path), "--out", str(folder)]) == 2
    assert "is a folder" in capsys.readouterr().err
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_statement_said_while_the_history_is_being_rewritten_is_not_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The board writes to the history while a carer deletes days from it.

    The delete reads the history, writes the kept lines to a new file and puts
    it in place of the old one.  A line the board appended in between went into
    the old file and was lost with it; now it waits, and lands in the new one.
    """
    import threading
    from datetime import UTC, date, datetime

    from commboard.care_record import record_files
    from commboard.care_record.statements import Period
    from commboard.history import History

    path = history(tmp_path)
    board = History(path, wall_clock=lambda: datetime(2026, 3, 9, 10, 0, tzinfo=UTC))
    said = threading.Thread(target=board.append, args=("I don't agree", "mycare", "blink", 0))
    replace_file = record_files.atomic_write

    def slow_replace(target: Path, data: bytes) -> None:
        said.start()  # the patient speaks while the kept lines are being written
        said.join(0.5)
        replace_file(target, data)

    monkeypatch.setattr(record_files, "atomic_write", slow_replace)
    done = record_files.remove_period(path, Period(date(2026, 3, 1), date(2026, 3, 2)))
    said.join(5.0)
    assert done.ok, done.words
    lines = path.read_text(encoding="utf-8").splitlines()
    texts = [json.loads(x)["text"] for x in lines if x != "{damaged"]
    assert "I don't agree" in texts
    assert "middle" not in texts and "before" in texts and "after" in texts
