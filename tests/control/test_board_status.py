"""What the board says about itself: why nothing moves, the status line, one banner for a lost face."""

from __future__ import annotations

from dataclasses import replace

from commboard.board.layout_file import load_layout_or_default
from commboard.board.session import Session
from commboard.control import board_status
from commboard.control.banners import ChromeState
from commboard.control.board_view import SCAN_BANNER, Chrome
from commboard.effects import Banner, PauseReason
from commboard.settings import Access, ScanMode, Settings

FACE = PauseReason.FACE_LOST


def session() -> Session:
    layout, _ = load_layout_or_default(None)
    board = Session(layout, Settings(), 0.0)
    board.tick(0.0)
    return board


def test_a_paused_board_names_the_reason_and_a_scanning_one_says_nothing() -> None:
    board = session()
    assert board_status.scan_state(board, None) is None
    board.pause(1.0)
    assert board_status.scan_state(board, PauseReason.CARER_SCREEN) == (
        "Scanning paused: carer menu open"
    )
    face = board_status.scan_banner(board, FACE)
    assert face is not None and face.level == "warning" and face.text.startswith("I can't see")
    rest = board_status.scan_banner(board, PauseReason.RESTING)
    assert rest is not None and rest.level == "info"
    assert board_status.status_text(board, FACE, "keyboard", {}).endswith("PAUSED")


def test_the_scan_banner_is_kept_exactly_while_nothing_moves() -> None:
    board, chrome = session(), ChromeState()
    assert board_status.keep_scan_banner(chrome, board, None, 0.0) is False
    board.pause(1.0)
    assert board_status.keep_scan_banner(chrome, board, PauseReason.HELP_CALLED, 1.0) is True
    assert board_status.keep_scan_banner(chrome, board, PauseReason.HELP_CALLED, 1.1) is False
    assert [b.key for b in chrome.chrome("", 1.1).banners] == [SCAN_BANNER]
    board.resume(2.0)
    assert board_status.keep_scan_banner(chrome, board, None, 2.0) is True
    assert chrome.chrome("", 2.0).banners == ()


def test_while_the_face_pauses_scanning_one_banner_says_so() -> None:
    board = session()
    both = Chrome(banners=(Banner("face", "I can't see your face"), Banner(SCAN_BANNER, "x")))
    board.pause(1.0)
    view = board_status.board_frame((800, 600), board, both, FACE)
    assert [b.key for b in view.banners] == [SCAN_BANNER]
    kept = board_status.board_frame((800, 600), board, both, PauseReason.CARER_SCREEN)
    assert [b.key for b in kept.banners] == ["face", SCAN_BANNER]


def test_the_status_line_names_switches_speed_pattern_and_calibration() -> None:
    board = session()
    line = board_status.status_text(board, None, "blink + keyboard", {"camera": "camera: on"})
    assert line.startswith("switch: blink + keyboard  |  scan ")
    assert "camera: on" in line and "not calibrated" in line


def test_in_step_mode_the_status_line_gives_no_speed_that_does_nothing() -> None:
    # Review12: with two switches (step mode) the highlight moves only on NEXT, yet the
    # status line said "scan 1.0 s row-column" as if it moved by itself every second.
    board = session()
    board.settings = replace(board.settings, scan=replace(board.settings.scan, mode=ScanMode.STEP))
    line = board_status.status_text(board, None, "keyboard", {})
    assert "step scan row-column" in line
    assert "1.0 s" not in line


def test_the_status_line_says_gaze_is_not_calibrated_only_for_a_gaze_method() -> None:
    board = session()
    scanning = board_status.status_text(board, None, "keyboard", {})
    assert "gaze not calibrated" not in scanning
    for access in (Access.GAZE_HALVING, Access.GAZE_SWITCHES):
        gaze = replace(board.settings.gaze, access=access, calibrated=False)
        board.settings = replace(board.settings, gaze=gaze)
        assert "gaze not calibrated" in board_status.status_text(board, None, "keyboard", {})
        calibrated = replace(gaze, calibrated=True)
        board.settings = replace(board.settings, gaze=calibrated)
        line = board_status.status_text(board, None, "keyboard", {})
        assert "gaze not calibrated" not in line
        assert "blinks not calibrated" in line, "with looks in use, it says which calibration"


def test_the_status_line_says_how_looks_choose_and_why_dwell_is_refused() -> None:
    from commboard.control.board_status import LooksNow, choosing_words
    from commboard.settings import Access, GazeSettings

    dwell = GazeSettings(access=Access.GAZE_DWELL)
    assert choosing_words(dwell, "keyboard", LooksNow(True, dwell=True)) == (
        "look at a cell for 1 s to choose it"
    )
    refused = choosing_words(dwell, "keyboard", LooksNow(True, dwell_problem="No map."))
    assert refused == "No map. Scanning: blink + keyboard"
    assert choosing_words(dwell, "keyboard", LooksNow(False)) == "keyboard (looks need the camera)"
    halving = GazeSettings(access=Access.GAZE_HALVING, confirm=True)
    assert choosing_words(halving, "keyboard", LooksNow(True, halving=True)) == (
        "looks halve the page (a long blink confirms)"
    )
    assert choosing_words(GazeSettings(), "keyboard", LooksNow(True)) == "blink + keyboard"


def test_the_halving_arrow_of_the_half_a_look_is_held_towards_fills_as_the_look_builds() -> None:
    from commboard.board.model import Action, Cell, Page
    from commboard.control.board_view import HoldView

    halves = Page("p", "P", 1, 2, (Cell("Yes · No", Action.SPEAK), Cell("Pain", Action.SPEAK)))
    assert board_status.halving_arrows(halves, None) == (0.0, 0.0)
    assert board_status.halving_arrows(halves, HoldView((1,), 0.4)) == (0.0, 0.4)
    assert board_status.halving_arrows(halves, HoldView((0,), 1.7)) == (1.0, 0.0)
    waiting = Page("p", "P", 1, 1, (Cell("No", Action.SPEAK),))
    assert board_status.halving_arrows(waiting, HoldView((0,), 0.5)) == (0.0, 0.0)


def test_the_status_line_says_the_spell_page_is_scanned_by_likelihood() -> None:
    """On the Spell page the scan follows the word model, not the profile's row-column
    pattern the status line used to name there; other pages keep the pattern's name."""
    from commboard.predict.language_data import BaseCounts
    from commboard.predict.personal import PersonalWords
    from commboard.predict.predictor import BaseModel, Predictor
    from commboard.settings import SpellScan, SpellSettings

    layout, _ = load_layout_or_default(None)
    predictor = Predictor(BaseModel(BaseCounts({"water": 5.0}, {}, "test")), PersonalWords())
    board = Session(layout, Settings(), 0.0, predictor=predictor)
    assert "scan 1.0 s row-column" in board_status.status_text(board, None, "keyboard", {})
    board.open_page("alphabet", 0.0)
    assert "scan 1.0 s by likelihood" in board_status.status_text(board, None, "keyboard", {})
    grid = replace(Settings(), spell=SpellSettings(scan=SpellScan.GRID))
    board = Session(layout, grid, 0.0, predictor=predictor)
    board.open_page("alphabet", 0.0)
    assert "scan 1.0 s row-column" in board_status.status_text(board, None, "keyboard", {})
