"""Access figures from a known synthetic access log equal the values worked out by hand.

The log (times UTC, the test runs in UTC):

day 1 (2 March): start 19:30, scanning until 20:00, paused 20:00-20:10 for a
lost face, scanning again until the stop at 20:40.  Active: 30 min in hour
19 and 30 min in hour 20 (the 10 paused minutes do not count); the board ran
70 min.  Selections by the patient: 19:40 (4 steps), 19:55 (6 steps), 20:20
(2 steps); 20:25 was a carer's mouse click (not counted).  One undo (20:20:30).
Switch presses released: 19:50 too short, 20:30 accepted.  Blinks: one
spontaneous of 0.2 s, one selecting of 0.8 s, hold 0.5 s.  Face lost 10 min.

day 2 (3 March): start 08:00 with a 1.5 s scan interval, one selection at
08:30 (3 steps), stop 09:00: 60 active minutes in hour 8.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import date
from itertools import combinations
from pathlib import Path

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from commboard.access import access_charts
from commboard.access.access_stats import AccessFigures, figures_from
from commboard.access.suggestions import suggestions
from commboard.care_record.statements import Period
from commboard.cli import main


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def rec(at: str, type_: str, **fields: object) -> str:
    return json.dumps({"t": 0, "type": type_, **fields, "at": at + "+00:00"})


SETTINGS = {"interval_s": 1.0, "pattern": "row_column", "mode": "auto", "acceptance_s": 0.3,
            "blink_hold_s": 0.5}  # fmt: skip
LOG = "\n".join([
    rec("2026-03-02T19:30:00", "start", layout="x", page="home"),
    rec("2026-03-02T19:30:00", "settings", **SETTINGS),
    rec("2026-03-02T19:40:00", "select", page="home", cell=0, action="speak", source="blink",
        steps=4),
    rec("2026-03-02T19:50:00", "switch", source="keyboard", name="select", held_s=0.1,
        accepted=False, reason="too short"),
    rec("2026-03-02T19:55:00", "select", page="home", cell=1, action="speak",
        source="keyboard", steps=6),
    rec("2026-03-02T20:00:00", "face", found=False, paused=True),
    rec("2026-03-02T20:00:00", "scan", event="paused", reason="face lost"),
    "{ a torn line",
    rec("2026-03-02T20:10:00", "face", found=True, paused=True),
    rec("2026-03-02T20:10:00", "scan", event="resumed"),
    rec("2026-03-02T20:20:00", "select", page="home", cell=2, action="speak", source="blink",
        steps=2),
    rec("2026-03-02T20:20:30", "undo", action="speak"),
    rec("2026-03-02T20:25:00", "select", page="home", cell=3, action="go", source="mouse",
        steps=9),
    rec("2026-03-02T20:30:00", "switch", source="keyboard", name="select", held_s=0.5,
        accepted=True),
    rec("2026-03-02T20:31:00", "blink", event="closed"),
    rec("2026-03-02T20:31:00.200", "blink", event="opened", duration_s=0.2),
    rec("2026-03-02T20:32:00", "blink", event="closed"),
    rec("2026-03-02T20:32:00.500", "blink", event="select", duration_s=0.5, hold_s=0.5),
    rec("2026-03-02T20:32:00.800", "blink", event="opened", duration_s=0.8),
    rec("2026-03-02T20:40:00", "stop", reason="quit"),
    rec("2026-03-03T08:00:00", "start", layout="x", page="home"),
    rec("2026-03-03T08:00:00", "settings", **(SETTINGS | {"interval_s": 1.5})),
    rec("2026-03-03T08:30:00", "select", page="home", cell=0, action="speak", source="blink",
        steps=3),
    rec("2026-03-03T09:00:00", "stop", reason="quit"),
]) + "\n"  # fmt: skip


def test_figures_equal_the_hand_computed_values() -> None:
    f = figures_from([("access.jsonl", LOG.encode())])
    d1, d2 = f.by_day[date(2026, 3, 2)], f.by_day[date(2026, 3, 3)]
    assert d1.active_min == pytest.approx(60.0) and d2.active_min == pytest.approx(60.0)
    assert f.board_min == pytest.approx(70.0 + 60.0)
    assert (d1.selections, d2.selections) == (3, 1)
    assert d1.per_minute == pytest.approx(3 / 60) and d2.per_minute == pytest.approx(1 / 60)
    assert d1.steps_per_selection == pytest.approx(4.0)  # (4 + 6 + 2) / 3
    assert f.by_hour[19].per_minute == pytest.approx(2 / 30)
    assert f.by_hour[20].per_minute == pytest.approx(1 / 30)
    assert f.by_hour[8].active_min == pytest.approx(60.0)
    assert f.by_hour[19].steps_per_selection == pytest.approx(5.0)
    assert d1.undo_rate == pytest.approx(1 / 3) and f.by_hour[20].undo_rate == pytest.approx(1.0)
    assert (d1.presses, d1.too_short) == (2, 1) and d1.too_short_rate == pytest.approx(0.5)
    assert f.by_hour[19].too_short_rate == 1.0 and f.by_hour[20].too_short_rate == 0.0
    assert f.spontaneous_s == [0.2] and f.selecting_s == [0.8] and f.hold_s == 0.5
    assert dict(f.face_lost_min) == {date(2026, 3, 2): pytest.approx(10.0)}
    assert [s["interval_s"] for _, s in f.settings] == [1.0, 1.5]
    assert f.problems == ["access.jsonl, line 8: not an access record; skipped"]
    total = f.total()
    assert (total.selections, total.undos) == (4, 1)
    assert total.per_minute == pytest.approx(4 / 120)


def test_a_period_keeps_only_its_days() -> None:
    f = figures_from([("a", LOG.encode())], Period(date(2026, 3, 3), date(2026, 3, 3)))
    assert list(f.by_day) == [date(2026, 3, 3)]
    assert f.total().selections == 1 and f.total().active_min == pytest.approx(60.0)


def evening_log() -> str:
    """20 selections by day (2 undone), 20 in the evening (8 undone); 12 spontaneous blinks."""
    lines = [
        rec("2026-03-02T09:00:00", "start"),
        rec("2026-03-02T09:00:00", "settings", **SETTINGS),
    ]
    for k in range(20):
        lines.append(rec(f"2026-03-02T10:{k:02d}:00", "select", source="blink", steps=3))
        if k < 2:
            lines.append(rec(f"2026-03-02T10:{k:02d}:10", "undo"))
    for k in range(20):
        lines.append(rec(f"2026-03-02T21:{k:02d}:00", "select", source="blink", steps=3))
        if k < 8:
            lines.append(rec(f"2026-03-02T21:{k:02d}:10", "undo"))
    for k in range(12):
        seconds = 0.46 if k == 5 else 0.2
        lines.append(rec(f"2026-03-02T22:{k:02d}:00", "blink", event="closed"))
        lines.append(rec(f"2026-03-02T22:{k:02d}:01", "blink", event="opened",
                         duration_s=seconds))  # fmt: skip
    lines.append(rec("2026-03-02T23:00:00", "stop"))
    return "\n".join(lines) + "\n"


def test_suggestions_cite_the_numbers_they_rest_on() -> None:
    f = figures_from([("a", evening_log().encode())])
    said = suggestions(f)
    assert (
        "Undo rate 40% after 20:00 (10% before), over 20 selections - consider a 1.3 s scan "
        "interval in the evening." in said
    )
    assert (
        "Longest spontaneous blinks reach 0.46 s - hold 0.5 s leaves little margin; consider "
        "0.6 s, or calibrate blinks again (carer menu, B)." in said
    )


def test_no_suggestion_without_enough_data() -> None:
    assert suggestions(figures_from([("a", LOG.encode())])) == []


def test_the_command_writes_a_page_with_embedded_charts_and_no_words(tmp_path: Path) -> None:
    log = tmp_path / "access.jsonl"
    log.write_text(LOG, encoding="utf-8")
    out = tmp_path / "access.html"
    assert main(["access-report", "--access-log", str(log), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert html.count('src="data:image/png;base64,') == 4
    assert "line 8: not an access record" in html
    assert "Monday 2 March 2026 to Tuesday 3 March 2026" in html
    assert "<script" not in html and "http" not in html
    # Review12: a log given by its path named the patient after the file: "Access report: access".
    assert "Access report: access" not in html and "Access report: the patient" in html


def test_the_command_reads_rotated_files_oldest_first(tmp_path: Path) -> None:
    log = tmp_path / "access.jsonl"
    first, second = LOG.split(rec("2026-03-03T08:00:00", "start", layout="x", page="home"))
    (tmp_path / "access.jsonl.1").write_text(first, encoding="utf-8")
    log.write_text(rec("2026-03-03T08:00:00", "start") + second, encoding="utf-8")
    out = tmp_path / "a.html"
    assert main(["access-report", "--access-log", str(log), "--out", str(out)]) == 0
    assert 'Selections (by the patient)</th><td class="n">4<' in out.read_text("utf-8")


def test_a_missing_log_and_bad_dates_say_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "a.html"
    assert (
        main(["access-report", "--access-log", str(tmp_path / "no.jsonl"), "--out", str(out)]) == 2
    )
    assert "there is no access log at" in capsys.readouterr().err
    log = tmp_path / "access.jsonl"
    log.write_text(LOG, encoding="utf-8")
    args = ["access-report", "--access-log", str(log), "--out", str(out), "--from", "March"]
    assert main(args) == 2
    assert "--from 'March' is not a date" in capsys.readouterr().err


def test_the_report_never_writes_over_the_access_log_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    log = tmp_path / "access.jsonl"
    log.write_text(LOG, encoding="utf-8")
    args = ["access-report", "--access-log", str(log), "--out", str(log), "--replace"]
    assert main(args) == 2
    assert "is the access log it is made from" in capsys.readouterr().err
    assert log.read_text(encoding="utf-8") == LOG


@pytest.mark.parametrize(
    "make",
    [
        access_charts.by_day_figure,
        access_charts.by_hour_figure,
        access_charts.blink_figure,
        access_charts.face_figure,
    ],
)
def test_no_chart_title_runs_into_another(make: Callable[[AccessFigures], Figure]) -> None:
    """The by-hour chart's two titles were drawn into each other ("Selections per minute,
    by hourUndo rate and too-short presses, by hour", not a letter apart): hard to read."""
    figure = make(figures_from([("access.jsonl", LOG.encode())]))
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    boxes = [a.title.get_window_extent(renderer) for a in figure.axes if a.get_title()]
    assert boxes
    space = figure.dpi * 0.1  # a tenth of an inch between two titles on one line
    for first, second in combinations(boxes, 2):
        side_by_side = first.y0 < second.y1 and second.y0 < first.y1
        apart = max(first.x0 - second.x1, second.x0 - first.x1)
        assert not side_by_side or apart >= space, (first, second)


def test_a_period_without_blinks_says_so_instead_of_an_empty_chart() -> None:
    """A patient on a USB switch has no blink closures: the chart was an empty frame with a
    y axis from -0.04 to 0.04, which reads as broken data.  It says there were none."""
    no_blinks = "\n".join(line for line in LOG.splitlines() if '"blink"' not in line)
    figures = figures_from([("access.jsonl", no_blinks.encode())])
    assert figures.spontaneous_s == [] and figures.selecting_s == []
    figure = access_charts.blink_figure(figures)
    (axes,) = figure.axes
    words = " ".join(t.get_text() for t in axes.texts)
    assert "No blink closures" in words
    assert axes.get_ylim()[0] >= 0


def test_lines_nested_too_deeply_or_with_infinite_numbers_are_left_out_not_raised(
    tmp_path: Path,
) -> None:
    """A line of lists 50 000 deep made access-report end in a RecursionError traceback; a
    blink of 1e400 s (infinity) reached the charts."""
    deep = '{"at": "2026-03-02T20:33:00+00:00", "type": "x", "d": ' + "[" * 50_000 + "]" * 50_000
    infinite = rec("2026-03-02T20:34:00", "blink", event="opened", duration_s=1).replace(
        '"duration_s": 1', '"duration_s": 1e400'
    )
    stop = rec("2026-03-02T20:40:00", "stop", reason="quit")
    log = tmp_path / "access.jsonl"
    log.write_text(LOG.replace(stop, f"{deep}}}\n{infinite}\n{stop}"), encoding="utf-8")
    out = tmp_path / "access.html"
    assert main(["access-report", "--access-log", str(log), "--out", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert "line 20: not an access record" in html and "line 21: not an access record" in html
    assert html.count('src="data:image/png;base64,') == 4


def test_suggested_values_stay_inside_the_settings_ranges() -> None:
    # Review12: a 9 s interval drew "consider a 11.7 s scan interval" and a 1.9 s hold with
    # 1.96 s blinks "consider 2.1 s": values the settings refuse (at most 10 s and 2 s).
    log = evening_log().replace('"interval_s": 1.0', '"interval_s": 9.0')
    log = log.replace('"blink_hold_s": 0.5', '"blink_hold_s": 1.9').replace("0.46", "1.96")
    said = " ".join(suggestions(figures_from([("a", log.encode())])))
    assert "consider a 10.0 s scan interval" in said and "11.7" not in said
    assert "consider 2 s" in said and "2.1 s" not in said
