"""Eyes closed while a carer screen is open: no rest, no undo of the patient's last choice.

At the camera view the carer asks the patient to close their eyes to check
the red outlines.  That closure must not reach the board: blinks are
ignored under a carer screen, so a closure of ``rest_s`` there must neither
undo the selection the patient made before (the blink's own selection never
happened) nor leave the board resting when the carer closes the screen.  A
screen that wants switches (the settings try-out) still gets blink presses.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from commboard.board.layout_file import load_layout_or_default
from commboard.board.session import Session
from commboard.effects import Effect, Log
from commboard.events import SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, ScanSettings, Settings
from commboard.shell.chrome import ChromeState
from commboard.shell.eye_input import EyeInput
from commboard.signals.blink_switch import BlinkSwitch
from commboard.testing import ScriptedSamples
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

# The helpers below mirror tests/shell/test_eye_input.py (test modules share nothing).
LAYOUT = """\
format: 1
name: Test board
home: home
pages:
  - id: home
    title: Home
    rows: 1
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
"""


class FakeFeed:
    """Hands over queued items whose time has come."""

    def __init__(self) -> None:
        self.items: list[EyeSample | CameraStatus] = []
        self.started = self.closed = False

    def start(self) -> None:
        self.started = True

    def drain(self, now: float) -> list[EyeSample | CameraStatus]:
        due = [i for i in self.items if i.t <= now + 1e-9]
        self.items = [i for i in self.items if i.t > now + 1e-9]
        return due

    def latest_frame(self) -> None:
        return None

    def close(self) -> None:
        self.closed = True


class Host:
    """The frame loop's side of the glue: a real session and banners, effects recorded."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.chrome = ChromeState()
        self.screens: list[Any] = []
        self.status_parts: dict[str, str] = {}
        self.dirty = False
        self.now = 0.0
        self.logs: list[Log] = []

    @property
    def settings(self) -> Settings:
        return self.session.settings

    def dispatch(self, event: Any) -> None:
        if isinstance(event, SwitchDown | SwitchUp) and not self.screens:
            self.perform(self.session.handle(event, self.now))

    def perform(self, effects: list[Effect]) -> None:
        self.logs += [e for e in effects if isinstance(e, Log)]

    def of(self, type_: str) -> list[dict[str, Any]]:
        return [dict(log.fields, t=log.t) for log in self.logs if log.type == type_]

    def banners(self) -> dict[str, str]:
        return {b.key: b.text for b in self.chrome.chrome("", self.now).banners}


def make(tmp_path: Path, *, camera: str = "synthetic", blink: BlinkSettings | None = None):  # type: ignore[no-untyped-def]
    path = tmp_path / "board.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    layout, problems = load_layout_or_default(path)
    assert not problems
    settings = Settings(
        scan=ScanSettings(interval_s=2.0, undo_window_s=0.0),
        blink=blink or BlinkSettings(),
    )
    host = Host(Session(layout, settings, 0.0))
    feed = FakeFeed()
    eyes = EyeInput(feed, BlinkSwitch(settings.blink), camera=camera, virtual_clock=True)
    return host, feed, eyes


def play(host: Host, feed: FakeFeed, eyes: EyeInput, samples: list[EyeSample]) -> None:
    """Run the glue frame by frame, as the loop does: session tick first, then the camera."""
    feed.items += samples
    feed.items.sort(key=lambda i: i.t)
    for s in samples:
        host.now = s.t
        host.perform(host.session.tick(s.t))
        eyes.frame(host, s.t)


def ok(t: float = 0.0) -> CameraStatus:
    return CameraStatus(t, CameraState.OK, "Camera working")


class TryOut:
    """A carer screen that takes switch presses (like the settings try-out)."""

    wants_switches = True

    def __init__(self) -> None:
        self.presses: list[Any] = []


class RoutingHost(Host):
    """Routes switch events like the real loop: top screen if it wants them, else ignored."""

    def dispatch(self, event: Any) -> None:
        if not isinstance(event, SwitchDown | SwitchUp):
            return
        if self.screens:
            top = self.screens[-1]
            if getattr(top, "wants_switches", False):
                top.presses.append(event)
            return
        self.perform(self.session.handle(event, self.now))


def routed(tmp_path: Path) -> tuple[RoutingHost, FakeFeed, EyeInput]:
    host, feed, eyes = make(tmp_path)
    routing = RoutingHost(host.session)
    return routing, feed, eyes


def test_a_long_closure_at_the_camera_view_neither_rests_nor_undoes(tmp_path: Path) -> None:
    host, feed, eyes = routed(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(3.0).closed(1.0).open(2.0).samples())
    assert [s["source"] for s in host.of("select")] == ["blink"], "the patient chose a cell"

    host.screens.append(object())  # the carer opens the camera view
    play(host, feed, eyes, ScriptedSamples(start_t=6.0).open(1.0).closed(4.0).open(1.0).samples())
    assert not host.of("undo"), "the patient's earlier choice is not undone"
    assert not host.of("rest")

    host.screens.clear()  # the carer closes it; the loop resumes scanning
    host.perform(host.session.resume(12.0))
    play(host, feed, eyes, ScriptedSamples(start_t=12.0).open(1.0).samples())
    assert not host.session.paused and "rest" not in host.banners()
    assert not eyes.blink.state.resting
    assert "resting" not in host.status_parts["camera"]


def test_a_closure_begun_before_the_screen_opened_selects_nothing_after_it_closes(
    tmp_path: Path,
) -> None:
    host, feed, eyes = routed(tmp_path)
    feed.items.append(ok())
    play(host, feed, eyes, ScriptedSamples().open(3.0).closed(0.3).samples())
    host.screens.append(object())
    play(host, feed, eyes, ScriptedSamples(start_t=3.3).closed(2.0).samples())
    host.screens.clear()
    host.perform(host.session.resume(5.3))
    play(host, feed, eyes, ScriptedSamples(start_t=5.3).closed(1.0).open(1.0).samples())
    assert not host.of("select"), "eyes must be seen open again before a closure counts"
    play(host, feed, eyes, ScriptedSamples(start_t=7.3).closed(1.0).open(1.0).samples())
    assert [s["source"] for s in host.of("select")] == ["blink"]


def test_the_settings_try_out_still_gets_blink_presses(tmp_path: Path) -> None:
    host, feed, eyes = routed(tmp_path)
    feed.items.append(ok())
    tryout = TryOut()
    host.screens.append(tryout)
    play(host, feed, eyes, ScriptedSamples().open(2.0).closed(1.0).open(1.0).samples())
    assert [type(e) for e in tryout.presses] == [SwitchDown, SwitchUp]
    assert not host.of("select"), "the try-out took the press, not the board"


def test_a_lost_camera_under_a_carer_screen_is_still_reported(tmp_path: Path) -> None:
    host, feed, eyes = routed(tmp_path)
    feed.items.append(ok())
    host.screens.append(object())
    play(host, feed, eyes, ScriptedSamples().open(1.0).samples())
    feed.items.append(CameraStatus(1.5, CameraState.LOST, "Camera lost — using keyboard switch"))
    eyes.frame(host, 1.5)
    assert host.banners()["camera"] == "Camera lost — using keyboard switch"
