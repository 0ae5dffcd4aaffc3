"""What the board says about its own state, and the render model that shows it.

Why scanning is paused or waiting (the scan banner), the status line, and
the ``BoardView`` of the board as it is now.  Pure functions over the session
and a few facts (why scanning is paused: ``PauseOwner.shown``; which
switches select);
the frame loop calls them each time it draws.  One banner says why nothing
moves: while the face is lost it is the scan banner ("I can't see your
face"), and the camera's own face banner is left out.  While a switch is
held towards a selection, the render model carries how far the hold has got
(``hold_view``), and the loop redraws it every ``HOLD_FRAME_S``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

from commboard.board.model import Page
from commboard.board.session import Session
from commboard.control.banners import ChromeState
from commboard.control.board_view import (
    SCAN_BANNER,
    BoardView,
    Chrome,
    HoldView,
    Rect,
    board_view,
    layout_folder,
)
from commboard.control.decision_confirmation import CONFIRM_PAGE_ID
from commboard.control.highlight_look import edge_for, frame_for, ring_for
from commboard.effects import Banner, PauseReason
from commboard.settings import Access, GazeSettings, ScanMode

WAITING_WORDS = "Scanning stopped - press the switch to start"
STOPPED_WORDS = {  # why nothing moves, as the scan banner says it
    PauseReason.CARER_SCREEN: "Scanning paused: carer menu open",
    PauseReason.HELP_CALLED: "Scanning paused: help was called",
    # The camera's own "I can't see your face" banner is not shown meanwhile: one banner says it.
    PauseReason.FACE_LOST: (
        "I can't see your face - scanning paused, it resumes when the face is back"
    ),
    PauseReason.RESTING: "Scanning paused: resting - two long blinks wake the board",
    PauseReason.LOOKS: "Look left or right to keep that half - look up to go back",
    PauseReason.WAITING: WAITING_WORDS,
}
DWELL_WORDS = "Look at what you want until its bar fills"
# The hold bar is redrawn this often while a switch is held: smooth to the eye
# (a 2 s hold fills in 40 steps) at a few frames' cost.
HOLD_FRAME_S = 0.05
FACE_BANNER_KEY = "face"  # the camera's "I can't see your face" banner (control/eye_policy.py)


def scan_state(session: Session, pause_reason: PauseReason | None) -> str | None:
    """Why nothing is highlighted and nothing will move by itself, or None while scanning.

    Paused (carer menu, alarm, face lost, rest) or waiting for the switch
    (after the unanswered passes, or a start-on-switch setting).  A short
    post-selection pause is scanning: it ends by itself.
    """
    if session.paused:
        dwell = session.settings.gaze.access is Access.GAZE_DWELL
        if pause_reason is PauseReason.LOOKS and dwell:
            return DWELL_WORDS
        return STOPPED_WORDS[pause_reason] if pause_reason is not None else "Scanning paused"
    if not session.highlighted and session.next_deadline() is None:
        return STOPPED_WORDS[PauseReason.WAITING]
    return None


def scan_banner(session: Session, pause_reason: PauseReason | None) -> Banner | None:
    """The calm "scanning stopped" banner, shown exactly while the scanner waits (None: hide it)."""
    state = scan_state(session, pause_reason)
    if state is None:
        return None
    face = session.paused and pause_reason is PauseReason.FACE_LOST
    level = "warning" if face else "info"  # as the camera's face banner was
    return Banner(SCAN_BANNER, state, level)


def keep_scan_banner(
    chrome: ChromeState, session: Session, pause_reason: PauseReason | None, now: float
) -> bool:
    """Show the scan banner exactly while nothing moves; True if that changed the screen."""
    banner = scan_banner(session, pause_reason)
    return chrome.hide(SCAN_BANNER) if banner is None else chrome.show(banner, now)


@dataclass(frozen=True, slots=True)
class LooksNow:
    """What the camera allows right now (``shell.eye_input.EyeInput`` knows).

    Attributes:
        blink_selects: the camera works (a long blink selects; looks count).
        halving: looks halve the page now.
        dwell: looks choose by dwell now.
        dwell_problem: why dwell is refused ("" when it is not).
    """

    blink_selects: bool
    halving: bool = False
    dwell: bool = False
    dwell_problem: str = ""


def choosing_words(gaze: GazeSettings, input_name: str, now: LooksNow) -> str:
    """The status line's "switch:" words: what chooses now, and why dwell is refused if it is."""
    if now.halving:
        return "looks halve the page" + (" (a long blink confirms)" if gaze.confirm else "")
    if now.dwell:
        return f"look at a cell for {gaze.dwell_s:g} s to choose it"
    if gaze.access is Access.GAZE_DWELL and now.blink_selects:
        # Dwell is refused (no map, another camera size): say why; switch scanning goes on.
        return f"{now.dwell_problem} Scanning: {switch_names(input_name, True)}"
    return switch_names(input_name, now.blink_selects, gaze.access is not Access.SCAN)


def switch_names(input_name: str, blink_selects: bool, looks: bool = False) -> str:
    """What selects right now: the keyboard (or script) always, the blink while the camera works.

    ``looks``: the patient's access method is looks as switches; they count
    while the camera works (when it does not, the status line says looks are
    off and switch scanning goes on with the keyboard or switch).
    """
    if looks:
        return (
            f"looks + blink + {input_name}"
            if blink_selects
            else f"{input_name} (looks need the camera)"
        )
    return f"blink + {input_name}" if blink_selects else input_name


def status_text(
    session: Session,
    pause_reason: PauseReason | None,
    switches: str,
    status_parts: Mapping[str, str],
) -> str:
    """The status line: input, scan speed and pattern, camera, calibration."""
    settings = session.settings
    scan = settings.scan
    looks = settings.gaze.access is not Access.SCAN
    choosing = session.paused and pause_reason is PauseReason.LOOKS
    # The Spell page is scanned by likelihood, whatever the profile's pattern is.
    pattern = "by likelihood" if session.scanned_by_likelihood else scan.pattern.replace("_", "-")
    # Step mode moves only on NEXT: a speed there would say it moves by itself.
    speed = "step scan" if scan.mode is ScanMode.STEP else f"scan {scan.interval_s:.1f} s"
    parts = [
        f"switch: {switches}",
        # While looks choose, nothing is scanned: the scan speed would only mislead.
        *([] if choosing else [f"{speed} {pattern}"]),
        *status_parts.values(),
    ]
    if not settings.blink.calibrated:  # with looks in use, say which calibration is missing
        parts.append("blinks not calibrated" if looks else "not calibrated")
    if looks and not settings.gaze.calibrated:
        parts.append("gaze not calibrated")
    if session.paused and pause_reason is PauseReason.LOOKS:
        parts.append("CHOOSING BY LOOKS")
    elif session.paused:
        parts.append("PAUSED")
    elif scan_state(session, pause_reason) is not None:
        parts.append("WAITING FOR SWITCH")
    return "  |  ".join(parts)


def one_face_banner(chrome: Chrome, session: Session, pause_reason: PauseReason | None) -> Chrome:
    """The chrome to draw: one banner for a lost face, not two saying the same.

    While scanning is paused because the face is lost, the scan banner
    (always shown, see ``shown_banners``) says "I can't see your face";
    the camera's own face banner is then left out.
    """
    if pause_reason is not PauseReason.FACE_LOST or not session.paused:
        return chrome
    kept = tuple(b for b in chrome.banners if b.key != FACE_BANNER_KEY)
    return replace(chrome, banners=kept)


def hold_view(session: Session, now: float | None) -> HoldView | None:
    """The press being held towards a selection, and how far it has got (None: none held)."""
    holding = session.holding
    if holding is None or now is None:
        return None
    return HoldView(holding.cells, holding.progress(now))


def hold_redraw_at(session: Session, now: float) -> float | None:
    """When the hold bar next moves (None: no press held): the frame loop redraws then.

    On a fixed grid from the press's start, so runs under a virtual clock
    draw the same frames whatever else happens.
    """
    holding = session.holding
    if holding is None:
        return None
    steps = int((now - holding.down_t) / HOLD_FRAME_S) + 1
    return min(holding.down_t + steps * HOLD_FRAME_S, holding.down_t + holding.need_s)


def halving_arrows(shown: Page, hold: HoldView | None) -> tuple[float, float]:
    """How full the halving screen's side arrows are (left, right): the half a look is
    held towards fills as the look builds; 0 when no look is building (or one cell is
    left, waiting: it has no sides)."""
    fill = [0.0, 0.0]
    if hold is not None and shown.columns == 2 and hold.cells and hold.cells[0] in (0, 1):
        fill[hold.cells[0]] = max(0.0, min(1.0, hold.progress))
    return fill[0], fill[1]


def board_frame(
    size: tuple[int, int],
    session: Session,
    chrome: Chrome,
    pause_reason: PauseReason | None,
    indicator: Callable[[Rect], Rect] | None = None,
    now: float | None = None,
    shown: tuple[Page, tuple[int, ...]] | None = None,
    shown_hold: HoldView | None = None,
) -> BoardView:
    """The render model of one frame: the page, the chrome, one banner for a lost face.

    ``shown``: another page to draw in place of the session's, and its lit
    cells (choosing by looks draws the two halves of the page, or dwell's
    large cells); ``shown_hold``: the dwell ring filling on one of them.
    """
    chrome = one_face_banner(chrome, session, pause_reason)
    return view_now(size, session, chrome, indicator, now, shown, shown_hold)


def view_now(
    size: tuple[int, int],
    session: Session,
    chrome: Chrome,
    indicator: Callable[[Rect], Rect] | None = None,
    now: float | None = None,
    shown: tuple[Page, tuple[int, ...]] | None = None,
    shown_hold: HoldView | None = None,
) -> BoardView:
    """The render model of the board as it is now.

    Args:
        indicator: where the eye indicator sits in a message bar (None: no indicator);
            the message's words end before it.
        now: the frame's time, for the hold bar (None: no hold bar).
    """
    display = session.settings.display
    frame = frame_for(display.highlight_color, display.highlight_border_color)
    ring = ring_for(frame)
    page, lit = shown if shown is not None else (session.page, session.highlighted)
    # While a decision waits for Yes / No, the bar asks the question in its large text.
    message = page.title if page.id == CONFIRM_PAGE_ID else session.message
    view = board_view(
        size,
        page,
        message,
        lit,
        chrome,
        highlight_color=display.highlight_color,
        border_scale=display.border_scale,
        enlarge_highlight=display.enlarge_highlight,
        highlight_border_color=frame,
        background_color=display.background_color,
        ring_color=ring,
        ring_edge_color=edge_for(ring),
        hold=hold_view(session, now) if shown is None else shown_hold,
        pictures_from=layout_folder(session.layout.source),
    )
    if indicator is None:
        return view
    # The eye indicator sits at the right of the message bar: the words end before it.
    left = view.message_rect[0]
    return replace(view, message_text_w=indicator(view.message_rect)[0] - left)
