"""Fixtures shared by the shell tests: a private config folder, the headless board, the eye glue.

``start_board`` builds the real board (``shell.app.build``) the way
``commboard run --headless --virtual-clock`` does; ``eye_board`` builds the
camera glue (``EyeInput``) over a real session with a scripted feed, without
a frame loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from commboard.board.layout_file import load_layout_or_default
from commboard.board.session import Session
from commboard.cli import parse_options
from commboard.clock import VirtualClock
from commboard.settings import BlinkSettings, ScanSettings, Settings
from commboard.shell import app
from commboard.shell.eye_input import EyeInput
from commboard.shell.loop import BoardLoop
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import YES_NO_LAYOUT, RecordingEyeHost, ScriptedFeed

StartBoard = Callable[..., BoardLoop]
EyeBoard = Callable[..., tuple[RecordingEyeHost, ScriptedFeed, EyeInput]]


@pytest.fixture(autouse=True)
def private_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's own profiles, nor list their own layouts folder."""
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))


@pytest.fixture
def start_board(tmp_path: Path) -> Iterator[StartBoard]:
    """Build the real board headless on a virtual clock; every board built is closed at the end.

    ``start_board(*words, layout=None, camera="none", history=None, draw=True)``:
    ``words`` are more ``commboard run`` options; ``layout`` is YAML text
    (written to ``board.yaml``) or a layout file (None: the default layout);
    ``camera`` None leaves ``--camera`` out; speech is off, the history is
    ``h.jsonl`` unless given and the event log is ``events.jsonl`` in
    ``tmp_path``.  ``draw`` runs the first frame; pass False to swap in fakes
    (speaker, beeper, eyes) first.  A test may close a board early to read
    what it flushed: closing it again here is harmless.
    """
    built: list[BoardLoop] = []

    def start(
        *words: str,
        layout: str | Path | None = None,
        camera: str | None = "none",
        history: Path | None = None,
        draw: bool = True,
    ) -> BoardLoop:
        argv = ["run", "--headless", "--virtual-clock", "--speech", "none"]
        if isinstance(layout, str):
            path = tmp_path / "board.yaml"
            path.write_text(layout, encoding="utf-8")
            layout = path
        if layout is not None:
            argv += ["--layout", str(layout)]
        if camera is not None:
            argv += ["--camera", camera]
        argv += ["--history", str(history or tmp_path / "h.jsonl")]
        argv += ["--event-log", str(tmp_path / "events.jsonl"), *words]
        loop = app.build(parse_options(argv))
        assert isinstance(loop, BoardLoop)
        built.append(loop)
        if draw:
            loop.safe_frame(loop.p.clock.now())
        return loop

    yield start
    for loop in built:
        app.close(loop)


@pytest.fixture
def eye_board(tmp_path: Path) -> EyeBoard:
    """The camera glue over a real two-cell session (scan 2 s, no undo window) and a scripted feed.

    ``eye_board(camera="synthetic", blink=None)`` returns ``(host, feed, eyes)``;
    run frames with ``host.play(feed, eyes, samples)``.
    """

    def make(
        *, camera: str = "synthetic", blink: BlinkSettings | None = None
    ) -> tuple[RecordingEyeHost, ScriptedFeed, EyeInput]:
        path = tmp_path / "board.yaml"
        path.write_text(YES_NO_LAYOUT, encoding="utf-8")
        layout, problems = load_layout_or_default(path)
        assert not problems
        settings = Settings(
            scan=ScanSettings(interval_s=2.0, undo_window_s=0.0),
            blink=blink or BlinkSettings(),
        )
        host = RecordingEyeHost(Session(layout, settings, 0.0))
        feed = ScriptedFeed()
        eyes = EyeInput(feed, BlinkSwitch(settings.blink), clock=VirtualClock(0.0), camera=camera)
        return host, feed, eyes

    return make
