"""The therapist's settings screen, driven headless with real pygame key events."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame
import pytest

from commboard.adapters.pygame_input import translate
from commboard.control.settings_screen_layout import screen_layout
from commboard.events import CarerRequest, Click, Source, Switch, SwitchDown, SwitchUp, UiEvent
from commboard.settings import Eye, ScanPattern, Settings
from commboard.settings.fields import describe
from commboard.settings.profiles import ENV_CONFIG_DIR, load_profile, profile_path
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.base import Close, Stay
from commboard.shell.screens.settings.settings_screen import SettingsScreen
from commboard.shell.screens.text_fit import TextCache
from commboard.testing import run_for

T0 = 100.0


class FakeBoard:
    """The ShellContext a carer screen sees: current settings, and what was applied."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.applied: list[Settings] = []

    def layout_choices(self) -> list[object]:
        return []

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.applied.append(settings)


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cfg = tmp_path / "cfg"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(cfg))
    return cfg


@pytest.fixture(scope="module")
def surface() -> pygame.Surface:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    pygame.display.init()
    pygame.font.init()
    return pygame.Surface((1280, 720))


KEYS = {
    "up": (pygame.K_UP, ""),
    "down": (pygame.K_DOWN, ""),
    "left": (pygame.K_LEFT, ""),
    "right": (pygame.K_RIGHT, ""),
    "enter": (pygame.K_RETURN, "\r"),
    "backspace": (pygame.K_BACKSPACE, "\b"),
    "pagedown": (pygame.K_PAGEDOWN, ""),
    "esc": (pygame.K_ESCAPE, "\x1b"),
}


def press(screen: SettingsScreen, *names: str, now: float = T0) -> list[object]:
    """Real pygame KEYDOWN events through the real input adapter, as the loop does."""
    outcomes = []
    for name in names:
        key, text = KEYS.get(name, (ord(name[0]) if len(name) == 1 else 0, name))
        event = translate(
            pygame.event.Event(pygame.KEYDOWN, key=key, unicode=text),
            now,
            None,
            screen.wants_text,
        )
        assert event is not None
        outcomes.append(screen.handle(event, now))
    return outcomes


def go_to(screen: SettingsScreen, key: str) -> None:
    press(screen, *["down"] * [k for k, _, _ in describe()].index(key))
    assert screen.key == key


def test_keyboard_changes_the_scan_interval_and_s_saves_it_to_the_profile() -> None:
    board = FakeBoard()
    saved: list[Settings] = []
    screen = SettingsScreen(board, "anna", on_saved=saved.append, now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, "right", "right", "right", "right", "right")  # Right is a switch key elsewhere
    assert screen.edited.scan.interval_s == 1.5
    assert board.applied == [] and not profile_path("anna").exists()  # not before S
    assert press(screen, "s") == [Stay()]
    on_disk, problems = load_profile("anna")
    assert (on_disk.scan.interval_s, problems) == (1.5, [])
    assert "  interval_s: 1.5\n" in profile_path("anna").read_text()
    assert board.applied[-1].scan.interval_s == 1.5  # the running board uses it at once
    assert saved == [board.applied[-1]]
    assert not screen.changed
    assert press(screen, "esc") == [Close()]


def test_left_and_minus_step_down_and_stop_at_the_minimum() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, "left", "-")
    assert screen.edited.scan.interval_s == 0.8
    press(screen, *["left"] * 12)
    assert screen.edited.scan.interval_s == 0.1
    assert "minimum" in screen.message[0]


def test_typing_a_value_with_enter_and_refusing_nonsense() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, "enter")
    assert screen.mode == "type" and screen.typed == "1.0"
    press(screen, "backspace", "backspace", "backspace", "2", ",", "5", "enter")
    assert screen.mode == "type"  # "2,5" is not a number: say so, keep typing
    assert "expected a number in s from 0.1 to 10" in screen.message[0]
    press(screen, "backspace", "backspace", ".", "5", "enter")
    assert (screen.mode, screen.edited.scan.interval_s) == ("browse", 2.5)
    press(screen, "enter", "backspace", "backspace", "backspace", "4", "0", "enter")
    assert (screen.mode, screen.edited.scan.interval_s) == ("type", 2.5)  # refused, not 10 s
    assert screen.message[0] == "scan.interval_s: 40 is outside the allowed range, 0.1 to 10 s"


def test_enter_opens_the_choice_list_of_a_choice_setting() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    go_to(screen, "scan.pattern")
    press(screen, "enter")
    assert screen.mode == "choose"
    press(screen, "down", "down", "enter")
    assert (screen.mode, screen.edited.scan.pattern) == ("browse", "block")
    go_to_blink = [k for k, _, _ in describe()].index("blink.inverse")
    press(screen, *["down"] * (go_to_blink - screen.index), "enter")
    assert screen.edited.blink.inverse is True


def test_escape_with_unsaved_changes_asks_first() -> None:
    board = FakeBoard()
    screen = SettingsScreen(board, "anna", now=T0)
    go_to(screen, "scan.passes")
    press(screen, "right")
    assert press(screen, "esc") == [Stay()]
    assert screen.mode == "confirm"
    press(screen, "c")
    assert screen.mode == "browse" and screen.edited.scan.passes == 4
    assert press(screen, "esc", "l") == [Stay(), Close()]
    assert board.applied == [] and not profile_path("anna").exists()
    screen = SettingsScreen(board, "anna", now=T0)
    go_to(screen, "scan.passes")
    press(screen, "right")
    assert press(screen, "esc", "s") == [Stay(), Close()]
    assert load_profile("anna")[0].scan.passes == 4


def test_d_restores_the_default_and_pagedown_changes_tab() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    press(screen, "pagedown")
    assert screen.key == "blink.eye"
    press(screen, "right", "right")
    assert screen.edited.blink.eye is Eye.LEFT
    press(screen, "d")
    assert screen.edited.blink.eye is Eye.BOTH


def test_try_out_scans_at_the_edited_speed() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, *["right"] * 10, now=T0)  # 2.0 s per step
    first = T0 + screen.edited.scan.first_extra_s
    screen.tryout.tick(first + 1.9)
    assert screen.tryout.highlighted() == (0, 1, 2)  # row-column by default: the first row
    screen.tryout.tick(first + 2.1)
    assert screen.tryout.highlighted() == (3, 4, 5)
    deadline = screen.next_deadline(first + 2.1)
    assert deadline == pytest.approx(first + 4.0)


def test_t_gives_the_patient_switch_to_the_try_out_with_the_real_hold() -> None:
    linear = replace(Settings().scan, pattern=ScanPattern.LINEAR)
    screen = SettingsScreen(FakeBoard(Settings(scan=linear)), now=T0)
    assert screen.wants_text
    press(screen, "t")
    assert not screen.wants_text  # Space/Enter now arrive as switch presses and releases
    t = T0 + 0.1
    down = translate(
        pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, unicode=" "), t, None, False
    )
    assert down == SwitchDown(t, Switch.SELECT, Source.KEYBOARD)
    screen.handle(down, t)
    screen.handle(SwitchUp(t + 0.1, Switch.SELECT, Source.KEYBOARD), t + 0.1)  # too short
    assert screen.tryout.selections == 0
    screen.handle(SwitchDown(t + 0.2, Switch.SELECT, Source.KEYBOARD), t + 0.2)
    screen.handle(SwitchUp(t + 0.6, Switch.SELECT, Source.KEYBOARD), t + 0.6)
    assert screen.tryout.selections == 1
    assert screen.tryout.result.startswith("Selected: Yes")
    assert screen.handle(CarerRequest(t + 1), t + 1) == Stay()  # Escape takes the switch back
    assert screen.wants_text


@pytest.mark.parametrize(
    ("pattern", "first"),
    [("linear", (0,)), ("row_column", (0, 1, 2)), ("column_row", (0, 3))],
)
def test_try_out_scans_its_two_rows_with_the_edited_pattern(
    pattern: str, first: tuple[int, ...]
) -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    go_to(screen, "scan.pattern")
    screen.set_value(pattern, T0)
    screen.tryout.tick(T0 + 0.1)
    assert screen.tryout.highlighted() == first


CYAN, MAGENTA = (0, 229, 255), (255, 0, 255)


def draw_try_out(display: dict[str, object], size: tuple[int, int]) -> tuple[np.ndarray, tuple]:
    """The settings screen drawn with ``display`` settings and "Yes" lit; pixels of the try-out."""
    settings = Settings(
        scan=replace(Settings().scan, pattern=ScanPattern.LINEAR),
        display=replace(Settings().display, **display),  # type: ignore[arg-type]
    )
    screen = SettingsScreen(FakeBoard(settings), now=T0)
    pygame.font.init()
    target = pygame.Surface(size)
    screen.draw(target, TextCache(), T0 + 0.1)
    assert screen.tryout.highlighted() == (0,)
    x, y, w, h = screen_layout(size, len(screen.groups)).tryout
    pixels = pygame.surfarray.array3d(target)[x : x + w, y : y + h]
    return pixels, (x, y, w, h)


def where(pixels: np.ndarray, rgb: tuple[int, int, int]) -> tuple[np.ndarray, np.ndarray]:
    return np.nonzero(np.all(pixels == rgb, axis=2))


def test_try_out_draws_the_edited_highlight_and_frame_colours() -> None:
    pixels, _ = draw_try_out({}, (1280, 720))
    assert not where(pixels, CYAN)[0].size and not where(pixels, MAGENTA)[0].size
    pixels, _ = draw_try_out(
        {"highlight_color": "#00e5ff", "highlight_border_color": "#ff00ff"}, (1280, 720)
    )
    assert where(pixels, CYAN)[0].size > 500  # the lit cell is filled with the edited colour
    assert where(pixels, MAGENTA)[0].size > 200  # and framed with the edited frame colour


@pytest.mark.parametrize("size", [(800, 600), (1280, 720), (1920, 1080)])
def test_an_enlarged_thick_highlight_stays_in_its_row_and_its_label_is_not_cut(
    size: tuple[int, int],
) -> None:
    display = {
        "highlight_color": "#00e5ff",
        "highlight_border_color": "#ff00ff",
        "border_scale": 4.0,
        "enlarge_highlight": True,
    }
    pixels, (_, _, _, h) = draw_try_out(display, size)
    frame_x, frame_y = where(pixels, MAGENTA)
    fill_x, fill_y = where(pixels, CYAN)
    assert frame_y.size and fill_y.size
    # "Yes" is in the top row of two: the frame never reaches the bottom row's half
    sample_top, sample_bottom = h * 3 // 20, h * 16 // 20
    assert frame_y.min() >= sample_top
    assert frame_y.max() < (sample_top + sample_bottom) // 2 + h // 40
    # the label is drawn inside the fill, never over (or cut by) the thick frame
    box = pixels[frame_x.min() : frame_x.max() + 1, frame_y.min() : frame_y.max() + 1]
    ink_x, ink_y = where(box, (0, 0, 0))
    assert ink_x.size > 20
    lo_x, hi_x = fill_x.min() - frame_x.min(), fill_x.max() - frame_x.min()
    lo_y, hi_y = fill_y.min() - frame_y.min(), fill_y.max() - frame_y.min()
    assert lo_x <= ink_x.min() and ink_x.max() <= hi_x
    assert lo_y <= ink_y.min() and ink_y.max() <= hi_y


@pytest.mark.parametrize("enlarge", [False, True])
@pytest.mark.parametrize("size", [(800, 480), (1280, 720)])
def test_the_try_outs_highlight_keeps_its_white_ring_all_round(
    enlarge: bool, size: tuple[int, int]
) -> None:
    # Review12: enlarged, the lit sample cell filled its row's strip, so the white ring
    # above and below was cut off and its dark frame vanished into the dark background:
    # the therapist saw a frameless highlight the patient's board never shows.
    display = {"highlight_border_color": "#ff00ff", "enlarge_highlight": enlarge}
    pixels, _ = draw_try_out(display, size)
    frame_x, frame_y = where(pixels, MAGENTA)
    middle = (frame_x.min() + frame_x.max()) // 2
    assert tuple(pixels[middle, frame_y.min() - 1]) == (255, 255, 255)
    assert tuple(pixels[middle, frame_y.max() + 1]) == (255, 255, 255)


def test_try_out_sits_on_the_edited_background() -> None:
    pixels, (_, _, w, h) = draw_try_out({"background_color": "#204060"}, (1280, 720))
    assert where(pixels, (32, 64, 96))[0].size > w * h // 20


def test_switch_presses_do_nothing_unless_the_try_out_has_the_switch() -> None:
    screen = SettingsScreen(FakeBoard(), now=T0)
    screen.handle(SwitchDown(T0, Switch.SELECT, Source.BLINK), T0)
    screen.handle(SwitchUp(T0 + 1, Switch.SELECT, Source.BLINK), T0 + 1)
    assert screen.tryout.selections == 0 and not screen.changed


def test_mouse_plus_button_tab_and_save_button(surface: pygame.Surface) -> None:
    board = FakeBoard()
    screen = SettingsScreen(board, "anna", now=T0)
    screen.draw(surface, TextCache(), T0)
    lay = screen_layout(surface.get_size(), len(screen.groups))

    def click(rect: tuple[int, int, int, int]) -> object:
        x, y, w, h = rect
        event: UiEvent = Click(T0, x + w // 2, y + h // 2)
        return screen.handle(event, T0)

    click(lay.rows[3])
    assert screen.key == "scan.interval_s"
    click(lay.plus)
    click(lay.plus)
    assert screen.edited.scan.interval_s == 1.2
    click(lay.tabs[3])
    assert screen.key.startswith("speech.")
    click(lay.buttons[0])
    assert load_profile("anna")[0].scan.interval_s == 1.2


def test_a_failed_save_still_applies_and_says_not_saved(config_dir: Path) -> None:
    config_dir.parent.mkdir(exist_ok=True)
    config_dir.write_text("a file where the config directory should be")
    board = FakeBoard()
    screen = SettingsScreen(board, "anna", now=T0)
    go_to(screen, "scan.interval_s")
    press(screen, "right", "s")
    assert screen.message[0].startswith("Not saved")
    assert board.applied[-1].scan.interval_s == 1.1
    assert screen.changed  # leaving will ask again


def test_every_setting_can_be_shown_at_every_size(surface: pygame.Surface) -> None:
    """Generated from the metadata: walking every row and drawing must never fail."""
    texts = TextCache()
    for size in [(800, 600), (1280, 720), (1920, 1080)]:
        target = pygame.Surface(size)
        screen = SettingsScreen(FakeBoard(), now=T0)
        for i in range(len(describe())):
            screen.draw(target, texts, T0 + i)
            press(screen, "down", now=T0 + i)
        assert screen.index == len(describe()) - 1
        lit_cell = screen_layout(size, len(screen.groups)).tryout
        assert target.get_at((lit_cell[0] + 2, lit_cell[1] + lit_cell[3] // 2))[:3] != (0, 0, 0)


# -- inside the running board (real loop, carer menu, virtual clock) ------------


@pytest.fixture
def running_board(start_board: Callable[..., BoardLoop]) -> BoardLoop:
    return start_board("--profile", "anna", camera=None)


def key(loop: BoardLoop, code: int, text: str = "", hold_s: float = 0.0) -> None:
    """Press a key, hold it ``hold_s``, release it, and let the board run 0.5 s."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    if hold_s:
        run_for(loop, hold_s)
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.5)


def test_from_the_carer_menu_keyboard_changes_are_saved_and_used_by_the_board(
    running_board: BoardLoop, tmp_path: Path
) -> None:
    loop = running_board
    key(loop, pygame.K_ESCAPE)
    key(loop, pygame.K_s, "s")
    screen = loop.screens[-1]
    assert isinstance(screen, SettingsScreen) and screen.profile == "anna"
    for _ in range(3):
        key(loop, pygame.K_DOWN)
    for _ in range(5):
        key(loop, pygame.K_RIGHT)  # Right is NEXT on the board; here it changes the value
    assert loop.settings.scan.interval_s == 1.0  # not before saving
    key(loop, pygame.K_s, "s")
    assert load_profile("anna")[0].scan.interval_s == 1.5
    assert loop.settings.scan.interval_s == 1.5  # the running board uses it at once
    assert loop.session.settings.scan.interval_s == 1.5

    frames = loop.frames
    run_for(loop, 3.0)  # the try-out moves by itself: the screen is redrawn without input
    assert loop.frames > frames

    key(loop, pygame.K_t, "t")  # the patient's switch now drives the try-out
    key(loop, pygame.K_SPACE, " ", hold_s=0.6)  # row-column: the first row...
    assert screen.tryout.selections == 0
    run_for(loop, 0.5)
    key(loop, pygame.K_SPACE, " ", hold_s=0.6)  # ...then its first cell
    assert screen.tryout.selections == 1
    key(loop, pygame.K_ESCAPE)  # takes the switch back
    key(loop, pygame.K_ESCAPE)  # nothing unsaved: back to the menu
    key(loop, pygame.K_r, "r")
    assert loop.screens == [] and not loop.session.paused
    assert "scan 1.5 s" in loop.status_text()
    records = [json.loads(line) for line in (tmp_path / "events.jsonl").read_text().splitlines()]
    assert not [
        r for r in records if r["type"] == "select"
    ]  # the try-out never selected on the board
    assert not [r for r in records if r.get("ignored")]  # its switch presses were not dropped


def test_a_save_keeps_on_disk_what_the_therapist_did_not_change_here() -> None:
    """The board ran with a one-run ``--scan-interval 4`` (or the profile was changed with
    ``commboard settings set`` since the board started): saving a new volume on the screen
    wrote the running 4 s over the therapist's 1.7 s, and the older value over the newer."""
    from commboard.settings.profiles import save_profile
    from commboard.settings.values import with_value

    tuned = with_value(Settings(), "scan.interval_s", "1.7")[0]
    save_profile("anna", tuned)
    running = with_value(tuned, "scan.interval_s", "4")[0]  # --scan-interval 4, for this run
    board = FakeBoard(running)
    screen = SettingsScreen(board, "anna", now=T0)
    save_profile("anna", with_value(tuned, "blink.hold_s", "0.8")[0])  # set from a terminal
    go_to(screen, "speech.volume")
    press(screen, "left", "s")
    on_disk = load_profile("anna")[0]
    assert on_disk.speech.volume == 0.9  # what was changed here is saved
    assert on_disk.scan.interval_s == 1.7  # not the one-run 4 s
    assert on_disk.blink.hold_s == 0.8  # nor the older value over the newer
    assert board.applied[-1].scan.interval_s == 4.0  # this run keeps its interval
    assert board.applied[-1].speech.volume == 0.9


def test_a_profile_damaged_while_the_screen_is_open_does_not_save_defaults() -> None:
    """Someone's half-finished hand edit left the profile unreadable while the screen was
    open: the save wrote the defaults (what an unreadable file reads as) with the one
    change, so every value the therapist had tuned was gone at the next start."""
    from commboard.settings.profiles import save_profile
    from commboard.settings.values import with_value

    tuned = with_value(Settings(), "scan.interval_s", "1.7")[0]
    path = save_profile("anna", tuned)
    board = FakeBoard(tuned)
    screen = SettingsScreen(board, "anna", now=T0)
    broken = "scan:\n  interval_s: [1.9\n"
    path.write_text(broken, encoding="utf-8")
    go_to(screen, "speech.volume")
    press(screen, "left", "s")
    on_disk, problems = load_profile("anna")
    assert problems == []
    assert on_disk.speech.volume == 0.9  # the change made here
    assert on_disk.scan.interval_s == 1.7  # the tuned value, not the default
    kept = path.with_name("anna.yaml.corrupt-1")
    assert kept.read_text(encoding="utf-8") == broken  # the hand edit kept aside
