"""Demo, headless and virtual-clock runs never touch the patient's real history.

Issue 8 item 4: with ``--camera synthetic`` the demo face "selected" phrases
that went into the real history as ``source: blink``; headless scripted runs
did the same unless ``--history`` was given.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from commboard.cli import main, parse_options
from commboard.history import default_path
from commboard.shell import app
from commboard.shell.loop import BoardLoop

# A carer's clicks: "Pain", then "I'm in pain" (spoken, so a history line).  In the
# real-time run each click must land after the page it aims at was drawn: on a
# loaded machine the first frame (the layout's pictures read first) can come
# after 1 s and a frame can come late, so the first click waits 2 s and the
# second comes 1.5 s later.
SPEAKS = "2.0 click 163 320\n3.5 click 532 164\n"
QUIET = ["--camera", "none", "--speech", "none"]


@pytest.fixture(autouse=True)
def real_history(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's own history file, in a private data folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = default_path()
    assert path.is_relative_to(tmp_path)
    return path


def run_with(tmp_path: Path, *words: str) -> list[dict[str, object]]:
    script = tmp_path / "taps.txt"
    script.write_text(SPEAKS, encoding="utf-8")
    log = tmp_path / "events.jsonl"
    argv = ["run", "--input-script", str(script), "--event-log", str(log), *QUIET, *words]
    assert main(argv) == 0
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("words", [("--headless",), ("--headless", "--virtual-clock")])
def test_a_test_run_says_its_words_but_leaves_the_history_alone(
    tmp_path: Path, real_history: Path, words: tuple[str, ...]
) -> None:
    real_history.parent.mkdir(parents=True)
    real_history.write_bytes(b'{"time": "2025-03-01T12:00:00+01:00", "text": "x", "page": "p"}\n')
    before = real_history.read_bytes()
    log = run_with(tmp_path, *words, "--max-seconds", "4.5")
    assert [r["text"] for r in log if r["type"] == "speak"] == ["I am in pain"]
    assert real_history.read_bytes() == before
    banner = next(r for r in log if r["type"] == "banner" and r["key"] == "history-off")
    assert banner["text"] == "Headless run: what is said here is not saved to the history."


def test_an_explicit_history_is_written_in_a_test_run(tmp_path: Path, real_history: Path) -> None:
    mine = tmp_path / "mine.jsonl"
    log = run_with(tmp_path, "--headless", "--virtual-clock", "--history", str(mine))
    assert [json.loads(x)["text"] for x in mine.read_text().splitlines()] == ["I am in pain"]
    assert not real_history.exists()
    assert not [r for r in log if r["type"] == "banner"]


def test_the_demo_camera_shows_that_nothing_is_saved(tmp_path: Path, real_history: Path) -> None:
    options = parse_options(
        ["run", "--windowed", "640x480", "--camera", "synthetic", "--speech", "none"]
    )
    loop = app.build(options)
    assert isinstance(loop, BoardLoop)
    try:
        assert loop.p.history is None and loop.p.usage == {}
        banners = {b.key: b for b in loop.chrome.chrome("", loop.now).banners}
        off = banners["history-off"]
        assert off.level == "info"
        assert off.text == "Demo camera: what is said here is not saved to the history."
    finally:
        app.close(loop)
    assert not real_history.exists()


def test_the_patients_own_board_keeps_the_real_history(real_history: Path) -> None:
    options = parse_options(
        ["run", "--windowed", "640x480", "--camera", "none", "--speech", "none"]
    )
    loop = app.build(options)
    assert isinstance(loop, BoardLoop)
    try:
        assert loop.p.history is not None and loop.p.history.path == real_history
        assert "history-off" not in {b.key for b in loop.chrome.chrome("", loop.now).banners}
    finally:
        app.close(loop)
