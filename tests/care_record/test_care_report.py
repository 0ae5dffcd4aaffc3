"""``commboard report``: the care team's page, decisions first, every statement once, in order."""

from __future__ import annotations

import json
import re
import stat
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from commboard.cli import main

HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture(autouse=True)
def berlin_time(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The report prints local time: run these tests in a known zone (UTC+1 in March)."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def line(when: str, text: str, **extra: object) -> str:
    record = {"time": when, "text": text, "page": "mycare", "source": "blink", "cell": 1}
    return json.dumps(record | extra) + "\n"


def history(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "history.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def report(tmp_path: Path, path: Path, *extra: str) -> tuple[int, str]:
    out = tmp_path / "report.html"
    code = main(["report", "--history", str(path), "--out", str(out), "--replace", *extra])
    return code, out.read_text(encoding="utf-8") if out.exists() else ""


def said_in_timeline(html: str) -> list[str]:
    timeline = html.split("Everything that was said", 1)[1]
    return re.findall(
        r'<td class="said">(?:<span class="mark">\w+</span>)?(?:<bdi>)?([^<]*)<', timeline
    )


def test_hostile_words_print_as_text(tmp_path: Path) -> None:
    path = history(tmp_path, line("2026-03-01T10:00:00+01:00", HOSTILE, cell=None))
    code, html = report(tmp_path, path, "--name", "<b>Anna</b>")
    assert code == 0
    assert "<script>" not in html and "<img" not in html and "<b>Anna" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert "&lt;b&gt;Anna&lt;/b&gt;" in html


def test_every_statement_in_the_period_once_in_order_with_local_times(tmp_path: Path) -> None:
    path = history(
        tmp_path,
        line("2026-02-28T23:30:00+00:00", "before: 1 March 00:30 in Berlin"),
        line("2026-03-01T09:00:00+01:00", "first"),
        line("2026-03-01T09:00:00+01:00", "first"),  # said twice: printed twice
        line("2026-03-02T08:00:00+00:00", "second, 09:00 local", record="decision", confirmed=True),
        line("2026-03-03T23:59:59+01:00", "third"),
        line("2026-03-04T00:00:00+01:00", "after the period"),
    )
    code, html = report(tmp_path, path, "--from", "2026-03-01", "--to", "2026-03-03")
    assert code == 0
    assert said_in_timeline(html) == [
        "before: 1 March 00:30 in Berlin",
        "first",
        "first",
        "second, 09:00 local",
        "third",
    ]
    assert "Sunday 1 March 2026 to Tuesday 3 March 2026" in html
    assert '<td class="when">00:30</td>' in html  # local time, not the file's UTC
    assert '<td class="when">09:00</td>' in html
    # Decisions first: the decision table comes before the timeline.
    decisions, timeline = html.split("Everything that was said", 1)
    assert "second, 09:00 local" in decisions and "confirmed" in decisions
    assert "after the period" not in html


def test_damaged_lines_are_reported_by_number_and_the_rest_kept(tmp_path: Path) -> None:
    path = history(
        tmp_path,
        line("2026-03-01T09:00:00+01:00", "kept"),
        "{half a line\n",
        '{"time": "not a time", "text": "x", "page": "home"}\n',
        line("2026-03-01T10:00:00+01:00", "also kept"),
    )
    code, html = report(tmp_path, path)
    assert code == 0
    assert "line 2: not a history record" in html and "line 3: not a history record" in html
    assert said_in_timeline(html) == ["kept", "also kept"]


def test_an_empty_period_says_nothing_was_said(tmp_path: Path) -> None:
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "kept"))
    code, html = report(tmp_path, path, "--from", "2026-04-01", "--to", "2026-04-02")
    assert code == 0
    assert "Nothing was said in this period." in html


def test_a_period_open_at_one_end_is_named_not_called_all_of_the_history(
    tmp_path: Path,
) -> None:
    # Review12: '--from 2026-04-01' with nothing said since printed "Period: all of the
    # history" and "Nothing was said": the care team read that the patient never spoke.
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "said in March"))
    code, html = report(tmp_path, path, "--from", "2026-04-01")
    assert code == 0
    assert "all of the history" not in html
    assert "since Wednesday 1 April 2026" in html
    code, html = report(tmp_path, path, "--to", "2026-02-27")
    assert "all of the history" not in html
    assert "up to Friday 27 February 2026" in html


def test_the_terminal_names_the_decisions_as_the_page_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review12: it said "2 statements, 1 marked"; the page heads them "Decisions and preferences".
    path = history(
        tmp_path,
        line("2026-03-01T09:00:00+01:00", "Stop", record="decision", confirmed=True),
        line("2026-03-01T09:05:00+01:00", "Thirsty"),
    )
    code, _ = report(tmp_path, path)
    said = capsys.readouterr().out
    assert code == 0 and "marked" not in said
    assert "2 statements, 1 of them a decision or preference" in said


def test_a_history_given_by_its_path_does_not_name_the_patient_after_the_file(
    tmp_path: Path,
) -> None:
    # Review12: every profile's file is history.jsonl, so the page said "What history said".
    code, html = report(tmp_path, history(tmp_path, line("2026-03-01T09:00:00+01:00", "Yes")))
    assert code == 0 and "What history said" not in html and "What the patient said" in html
    _, named = report(tmp_path, tmp_path / "history.jsonl", "--name", "Anna")
    assert "What Anna said" in named


def test_a_withdrawn_statement_is_shown_withdrawn_once(tmp_path: Path) -> None:
    path = history(
        tmp_path,
        line("2026-03-01T09:00:00+01:00", "Stop", record="decision", confirmed=True),
        line(
            "2026-03-01T09:00:02+01:00", "Stop", record="decision", confirmed=True, withdrawn=True
        ),  # fmt: skip
    )
    code, html = report(tmp_path, path)
    assert code == 0
    assert said_in_timeline(html) == [""]  # the words are struck through, in a span
    assert (
        html.count('<span class="withdrawn"><bdi>Stop</bdi></span>') == 2
    )  # decision table + timeline
    assert "withdrawn</strong> at 09:00" in html


@pytest.mark.parametrize(
    ("extra", "words"),
    [
        (("--from", "1 March"), "--from '1 March' is not a date: write it as YYYY-MM-DD"),
        (("--to", "2026-02-30"), "--to '2026-02-30' is not a date"),
        (("--from", "2026-03-02", "--to", "2026-03-01"), "--to 2026-03-01 is before --from"),
    ],
)
def test_bad_dates_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: tuple[str, ...], words: str
) -> None:
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "kept"))
    code, html = report(tmp_path, path, *extra)
    assert code == 2 and html == ""
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and words in err[0]


def test_an_output_that_cannot_be_written_gives_one_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "kept"))
    out = tmp_path / "no-such-folder" / "r.html"
    assert main(["report", "--history", str(path), "--out", str(out)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == [f"commboard report: the report could not be written: "
                   f"the folder does not exist ({out})"]  # fmt: skip


def test_the_report_is_private_and_an_existing_file_is_not_replaced_silently(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "kept"))
    out = tmp_path / "r.html"
    assert main(["report", "--history", str(path), "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    out.write_text("signed by Dr Smith", encoding="utf-8")
    assert main(["report", "--history", str(path), "--out", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "signed by Dr Smith"
    assert "already exists" in capsys.readouterr().err


def test_the_page_is_self_contained_and_prints_on_a4(tmp_path: Path) -> None:
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "kept"))
    _, html = report(tmp_path, path)
    assert "size: A4" in html
    assert not re.search(r"<(script|link|img)\b", html)
    assert "http" not in html.replace("http-equiv", "")


def test_a_profiles_report_reads_that_patients_own_history(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    own = tmp_path / "data" / "commboard" / "profiles" / "anna" / "history.jsonl"
    own.parent.mkdir(parents=True)
    own.write_text(line("2026-03-01T09:00:00+01:00", "Anna's words"), encoding="utf-8")
    other = tmp_path / "data" / "commboard" / "history.jsonl"
    other.write_text(line("2026-03-01T09:00:00+01:00", "someone else"), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--profile", "anna", "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "Anna&#39;s words" in html and "someone else" not in html


def test_a_message_spelled_without_spaces_is_broken_to_stay_on_the_page(tmp_path: Path) -> None:
    # Patients who spell by switch often leave out the spaces. One long
    # "word" widened the table past the A4 sheet: printed, the end of the
    # message and the "How" column were cut off at the page edge.
    words = "IWANTTOGOHOMEPLEASEDONOTKEEPMEHEREANYLONGER" * 2
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", words, cell=None))
    _, html = report(tmp_path, path)
    rule = re.search(r"td\.said \{([^}]*)\}", html)
    assert rule is not None and "overflow-wrap: anywhere" in rule.group(1)


def test_a_mistyped_patient_name_is_refused_not_reported_as_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # "--profile anan" for Anna wrote a report saying "Nothing was said in
    # this period" and exited 0: a record that the patient said nothing.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    own = tmp_path / "data" / "commboard" / "profiles" / "anna" / "history.jsonl"
    own.parent.mkdir(parents=True)
    own.write_text(line("2026-03-01T09:00:00+01:00", "Anna's words"), encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", "--profile", "anan", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "no patient profile 'anan'" in err and "anna" in err
    assert not out.exists()
    # a patient with settings but nothing said yet still gets a report that says so
    settings = tmp_path / "config" / "commboard" / "profiles" / "bob.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text("version: 1\n", encoding="utf-8")
    assert main(["report", "--profile", "bob", "--out", str(out)]) == 0
    assert "no history file" in capsys.readouterr().out


def test_right_to_left_words_keep_their_own_direction(tmp_path: Path) -> None:
    # In the report's left-to-right table a Hebrew statement ending in "!"
    # printed with the "!" at its start (the bidi algorithm takes the
    # paragraph's direction for the neutral end): "!שלום" is not what was said.
    path = history(tmp_path, line("2026-03-01T09:00:00+01:00", "שלום!", record="decision"))
    _, html = report(tmp_path, path)
    assert html.count("<bdi>שלום!</bdi>") == 2  # decision table and timeline, each isolated


def test_a_lone_surrogate_escape_is_printed_as_a_replacement_not_a_crash(tmp_path: Path) -> None:
    # json.dumps writes "\ud800" as valid JSON; read back it is a lone surrogate that UTF-8
    # cannot encode, and writing the page ended in a UnicodeEncodeError traceback.
    path = history(
        tmp_path,
        line("2026-03-01T09:00:00+01:00", "before"),
        line("2026-03-01T09:01:00+01:00", "broken \ud800 word", page="home\udfff"),
        line("2026-03-01T09:02:00+01:00", "after"),
    )
    code, html = report(tmp_path, path)
    assert code == 0
    assert said_in_timeline(html) == ["before", "broken \ufffd word", "after"]
