"""The real board, headless on a virtual clock: scripted selections, speech, fallbacks, carer menu.

These run the same loop, renderer and scanner as ``commboard run``
(``SDL_VIDEODRIVER=dummy``).  Keyboard and mouse input is injected as real
pygame events, so the key mapping is exercised too.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from commboard.cli import main
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.carer_menu.carer_menu import (
    CarerMenu,
    LayoutPicker,
    QuitConfirm,
    menu_entries,
)
from commboard.shell.screens.carer_menu.menu_paint import button_rects
from commboard.speech import NullSpeaker
from commboard.testing import TWO_PAGE_LAYOUT, measure_wav, run_for

LAYOUT = TWO_PAGE_LAYOUT

# Scan interval 2 s, first step +0.25 s: row 1 is lit from 2.25 s to 4.25 s.
# A 0.4 s press from 2.8 s is accepted at 3.1 s (0.3 s acceptance) and opens
# the row; "Thank you" is then lit until 5.35 s; a press from 4.5 s chooses it.
THANK_YOU = """\
# open row 2, then choose "Thank you"
2.8 down select
3.2 up select
4.5 down select
4.9 up select
"""


@pytest.fixture
def layout_file(tmp_path: Path) -> Path:
    path = tmp_path / "board.yaml"
    path.write_text(LAYOUT, encoding="utf-8")
    return path


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def read_log(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_args(tmp_path: Path, *extra: str) -> list[str]:
    return [
        "run",
        "--headless",
        "--virtual-clock",
        "--camera",
        "none",  # keyboard/script only: the camera has its own scenario tests
        "--history",
        str(tmp_path / "history.jsonl"),
        *extra,
    ]


def test_scripted_switch_selects_the_phrase_and_it_is_spoken(
    tmp_path: Path, layout_file: Path
) -> None:
    log, wavs = tmp_path / "events.jsonl", tmp_path / "wav"
    script = write(tmp_path / "taps.txt", THANK_YOU)
    code = main(
        run_args(
            tmp_path,
            "--layout",
            str(layout_file),
            "--scan-interval",
            "2",
            "--input-script",
            str(script),
            "--event-log",
            str(log),
            "--speech",
            f"wav:{wavs}",
            "--max-seconds",
            "8",
        )
    )
    assert code == 0
    records = read_log(log)
    selects = [r for r in records if r["type"] == "select"]
    assert [(s["label"], s["cell"], s["source"]) for s in selects] == [("Thank you", 2, "script")]
    speaks = [r for r in records if r["type"] == "speak"]
    assert [(s["text"], s["t"]) for s in speaks] == [("Thank you very much", 4.8)]
    assert records[0]["type"] == "start" and records[-1] == {
        "t": 8.0,
        "type": "stop",
        "reason": "time up",
    }
    presses = [r for r in records if r["type"] == "switch"]
    assert [p["held_s"] for p in presses] == [0.4, 0.4]
    spoken = sorted(wavs.glob("0*.wav"))
    assert len(spoken) == 1
    assert measure_wav(spoken[0]).rms > 0.01  # real speech, not silence (1% of full scale)
    history = [json.loads(x) for x in (tmp_path / "history.jsonl").read_text().splitlines()]
    assert [(h["text"], h["page"], h["source"]) for h in history] == [
        ("Thank you very much", "home", "script")
    ]


def test_the_same_script_gives_the_same_log_every_time(tmp_path: Path, layout_file: Path) -> None:
    script = write(tmp_path / "taps.txt", THANK_YOU + "6.0 down select\n6.1 up select\n")
    logs = []
    for name in ("a", "b"):
        log = tmp_path / f"{name}.jsonl"
        main(
            run_args(
                tmp_path,
                "--layout",
                str(layout_file),
                "--input-script",
                str(script),
                "--event-log",
                str(log),
                "--speech",
                "none",
                "--max-seconds",
                "30",
            )
        )
        logs.append(log.read_text())
    assert logs[0] == logs[1]
    assert '"type": "highlight"' in logs[0]


def test_a_bad_input_script_stops_before_the_board_with_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    script = write(tmp_path / "taps.txt", "1 down select\n2 press select\n")
    assert main(run_args(tmp_path, "--input-script", str(script), "--speech", "none")) == 2
    assert "taps.txt, line 2" in capsys.readouterr().err


def test_screenshots_after_every_page_change_and_selection(
    tmp_path: Path, layout_file: Path
) -> None:
    script = write(tmp_path / "taps.txt", THANK_YOU)
    shots = tmp_path / "shots"
    main(
        run_args(
            tmp_path,
            "--layout",
            str(layout_file),
            "--scan-interval",
            "2",
            "--input-script",
            str(script),
            "--speech",
            "none",
            "--screenshots",
            str(shots),
        )
    )
    names = sorted(p.name for p in shots.iterdir())
    assert names == ["0001-page.png", "0002-select.png"]
    picture = pygame.image.load(str(shots / "0002-select.png"))
    assert picture.get_size() == (1280, 720)


# -- in-process board: injected keyboard and mouse ---------------------------------


@pytest.fixture
def board(start_board: Callable[..., BoardLoop], layout_file: Path) -> BoardLoop:
    return start_board(layout=layout_file)


def key(loop: BoardLoop, code: int, text: str = "") -> None:
    """Press and release a key, then let the board handle it (0.5 s later)."""
    pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=code, unicode=text, mod=0))
    pygame.event.post(pygame.event.Event(pygame.KEYUP, key=code, unicode=text, mod=0))
    run_for(loop, 0.5)


def click(loop: BoardLoop, x: int, y: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(x, y)))
    run_for(loop, 0.1)


def centre(rect: tuple[int, int, int, int]) -> tuple[int, int]:
    return rect[0] + rect[2] // 2, rect[1] + rect[3] // 2


def test_select_switch_never_opens_or_quits_the_carer_menu(board: BoardLoop) -> None:
    for code in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
        key(board, code)
    assert board.screens == [] and board.running
    key(board, pygame.K_ESCAPE)
    assert isinstance(board.screens[-1], CarerMenu) and board.session.paused
    for code in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_RIGHT):
        key(board, code)
    assert isinstance(board.screens[-1], CarerMenu) and board.running
    key(board, pygame.K_q, "q")
    assert isinstance(board.screens[-1], QuitConfirm)
    for code in (pygame.K_SPACE, pygame.K_RETURN):
        key(board, code)
    assert board.running  # the switch cannot confirm quitting
    key(board, pygame.K_ESCAPE)  # steps back, does not quit
    assert isinstance(board.screens[-1], CarerMenu) and board.running
    key(board, pygame.K_r, "r")
    assert board.screens == [] and not board.session.paused


def test_escape_then_confirm_quits(board: BoardLoop, tmp_path: Path) -> None:
    key(board, pygame.K_F10)
    key(board, pygame.K_q, "q")
    key(board, pygame.K_y, "y")
    assert not board.running
    ignored = [r for r in read_log(tmp_path / "events.jsonl") if r.get("ignored")]
    assert ignored == []  # no switch was pressed while the menu was open


def test_carer_menu_works_with_the_mouse(board: BoardLoop) -> None:
    click(board, 5, 5)  # the message bar: nothing happens
    assert board.screens == []
    key(board, pygame.K_ESCAPE)
    size = board.p.surface.get_size()
    click(board, *centre(button_rects(size, len(menu_entries()))[2][-1]))  # "Quit the board"
    assert isinstance(board.screens[-1], QuitConfirm)
    click(board, *centre(button_rects(size, 2)[2][0]))  # "Yes, quit"
    assert not board.running


def test_switch_presses_while_the_menu_is_open_are_logged_as_ignored(
    board: BoardLoop, tmp_path: Path
) -> None:
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_SPACE)
    ignored = [r for r in read_log(tmp_path / "events.jsonl") if r.get("ignored")]
    assert [(r["name"], r["source"]) for r in ignored] == [("select", "keyboard")] * 2


def test_mouse_click_on_a_cell_chooses_it(board: BoardLoop, tmp_path: Path) -> None:
    assert board.view is not None
    more = next(c for c in board.view.cells if c.label == "More")
    click(board, *centre(more.rect))
    assert board.session.page.id == "more"
    selects = [r for r in read_log(tmp_path / "events.jsonl") if r["type"] == "select"]
    assert selects[-1]["source"] == "mouse" and selects[-1]["label"] == "More"


def test_speech_failure_shows_the_words_large_and_a_banner(board: BoardLoop) -> None:
    board.p.speaker = NullSpeaker("Speech unavailable: no audio player found")
    assert board.view is not None
    yes = next(c for c in board.view.cells if c.label == "Yes")
    click(board, *centre(yes.rect))
    assert board.view.said == "Yes"
    assert any("no audio player" in b.text for b in board.view.banners)
    run_for(board, 11.0)
    assert board.view.said is None  # the words go after a while; the banner stays
    assert any("no audio player" in b.text for b in board.view.banners)


def test_changing_layout_from_the_menu(board: BoardLoop) -> None:
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_l, "l")
    picker = board.screens[-1]
    assert isinstance(picker, LayoutPicker)
    english = next(e for e in picker.entries if e.label.endswith("(en)"))
    key(board, 0, english.shortcut)
    assert board.screens == [] and board.session.layout.name != "Two pages"
    assert board.session.page.id == board.session.layout.home


def test_typing_a_broken_layout_path_keeps_the_layout_in_use_with_a_banner(
    board: BoardLoop, tmp_path: Path
) -> None:
    broken = write(
        tmp_path / "broken.yaml",
        "format: 1\nhome: home\npages:\n  - id: home\n    rows: two\n    columns: 1\n    cells: [Hi]\n",
    )
    key(board, pygame.K_ESCAPE)
    key(board, pygame.K_l, "l")
    key(board, pygame.K_t, "t")
    for ch in str(broken):
        key(board, 0, ch)
    key(board, pygame.K_RETURN)  # typing mode: Enter confirms the path
    assert board.screens == []
    assert board.view is not None
    banner = " ".join(b.text for b in board.view.banners)
    assert "broken.yaml line 5" in banner and "two" in banner
    assert "still using 'Two pages'" in banner and board.session.layout.name == "Two pages"


def test_broken_layout_at_start_falls_back_to_the_default_and_says_so(
    tmp_path: Path, start_board: Callable[..., BoardLoop]
) -> None:
    broken = write(
        tmp_path / "mine.yaml",
        "format: 1\nhome: home\npages:\n  - id: home\n    rows: 1\n    columns: 1\n    cells:\n      - {label: Hi, action: spek}\n",
    )
    loop = start_board(layout=broken)
    assert loop.view is not None
    texts = [b.text for b in loop.view.banners]
    assert any(
        "mine.yaml line 8" in t and "spek" in t and "using the default layout" in t for t in texts
    )
    assert loop.session.layout.name == "English bedside"
    assert broken.read_text().endswith("action: spek}\n")  # the carer's file is untouched


def test_alarm_flashes_sounds_and_pauses_until_a_carer_stops_it(
    board: BoardLoop, tmp_path: Path
) -> None:
    assert board.view is not None
    click(board, *centre(next(c for c in board.view.cells if c.label == "More").rect))
    click(board, *centre(next(c for c in board.view.cells if c.label == "Help").rect))
    assert board.view.alarm == "Please call the nurse"
    assert board.session.paused and board.p.alarm_sound is not None and board.p.alarm_sound.sounding
    first = board.view.flash_on
    run_for(board, 0.5)
    assert board.view.flash_on != first  # it flashes (1 Hz), not a still picture
    key(board, pygame.K_ESCAPE)  # stops the alarm; does not open the menu
    assert board.view.alarm is None and board.screens == []
    assert not board.session.paused and not board.p.alarm_sound.sounding
    types = [r["type"] for r in read_log(tmp_path / "events.jsonl")]
    assert types.count("alarm") == 1 and types.count("alarm_stopped") == 1
