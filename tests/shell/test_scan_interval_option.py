"""``--scan-interval`` is held to the same range as a profile value, and the carer is told.

A scan interval of 0 would flash the highlight faster than anyone can react;
100 s would leave the patient waiting minutes for a phrase.  Both are clamped
(``commboard.settings.values.with_value``) and the board says so on screen and in the
event log.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commboard.cli import parse_options
from commboard.effects import Banner
from commboard.settings.fields import describe
from commboard.shell import app
from commboard.shell.loop import BoardLoop

META = next(meta for key, meta, _ in describe() if key == "scan.interval_s")
LOW, HIGH = META.min, META.max  # the clinical range a profile value is held to


def run_board(tmp_path: Path, interval: str) -> tuple[BoardLoop, list[dict[str, object]]]:
    log = tmp_path / "events.jsonl"
    args = parse_options(
        ["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none",
         "--history", str(tmp_path / "h.jsonl"), "--event-log", str(log),
         "--scan-interval", interval, "--max-seconds", "30"]
    )  # fmt: skip
    loop = app.build(args)
    assert isinstance(loop, BoardLoop)
    try:
        loop.run()
    finally:
        app.close(loop)
    return loop, [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def shown_banners(loop: BoardLoop) -> tuple[Banner, ...]:
    """The banners on the last frame drawn."""
    assert loop.view is not None
    return loop.view.banners


def highlight_gaps(records: list[dict[str, object]]) -> list[float]:
    times = [float(r["t"]) for r in records if r["type"] == "highlight" and r["cells"]]  # type: ignore[arg-type]
    return [round(b - a, 3) for a, b in zip(times[1:], times[2:], strict=False)]


@pytest.mark.parametrize(
    ("given", "used", "words"),
    [("0", LOW, "below the minimum"), ("100", HIGH, "above the maximum")],
)
def test_an_out_of_range_scan_interval_is_clamped_and_shown(
    tmp_path: Path, given: str, used: float, words: str
) -> None:
    loop, records = run_board(tmp_path, given)
    assert loop.settings.scan.interval_s == used
    shown = [b for b in shown_banners(loop) if b.key == "scan-interval"]
    assert len(shown) == 1 and words in shown[0].text and "--scan-interval" in shown[0].text
    logged = [r for r in records if r["type"] == "banner" and r["key"] == "scan-interval"]
    assert [r["text"] for r in logged] == [shown[0].text]
    gaps = highlight_gaps(records)  # the highlight really steps at the clamped interval
    assert gaps and min(gaps) == pytest.approx(used)  # (the first step of a cycle is longer)


def test_a_scan_interval_in_range_is_used_without_a_banner(tmp_path: Path) -> None:
    loop, records = run_board(tmp_path, "1.5")
    assert loop.settings.scan.interval_s == 1.5
    assert not [b for b in shown_banners(loop) if b.key == "scan-interval"]
    assert not [r for r in records if r["type"] == "banner"]


def test_a_scan_interval_that_is_not_a_number_keeps_the_profiles(tmp_path: Path) -> None:
    loop, _ = run_board(tmp_path, "nan")
    assert LOW <= loop.settings.scan.interval_s <= HIGH
    assert any(b.key == "scan-interval" for b in shown_banners(loop))
