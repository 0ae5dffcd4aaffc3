"""Problems with the patient's profile at start: every one is told, none dropped in silence."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from commboard.shell.loop import BoardLoop

PROFILE = (
    "version: 2\nscan:\n  interval_s: 0.05\n  acceptance_s: 5\n  passes: 20\nblink:\n  hold_s: 3\n"
)


def test_problems_past_the_two_banners_are_counted_and_listed_in_the_terminal(
    start_board: Callable[..., BoardLoop], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Review12: four values were put right (a blink hold of 3 s back to 0.5 s among them)
    # but only the first two were ever shown; the rest were told nowhere.
    profiles = tmp_path / "config" / "profiles"
    profiles.mkdir(parents=True)
    (profiles / "default.yaml").write_text(PROFILE, encoding="utf-8")
    board = start_board()
    texts = [b.text for b in board.chrome.chrome("", board.now).banners]
    assert any("scan.interval_s" in t for t in texts)
    assert any("3 more problems" in t and "commboard settings show" in t for t in texts)
    said = capsys.readouterr().err
    for key in ("scan.interval_s", "scan.acceptance_s", "scan.passes", "blink.hold_s"):
        assert key in said
