"""What the board says about its own state, and the render model that shows it.

Why scanning is paused or waiting (the scan banner), the status line, and
the ``BoardView`` of the board as it is now.  Pure functions over the session
and the shell's few facts (why the scanner paused, which switches select);
the frame loop calls them each time it draws.  One banner says why nothing
moves: while the face is lost it is the scan banner ("I can't see your
face"), and the camera's own face banner is left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from commboard.board.session import Session
from commboard.shell.screens.board.eye_indicator import indicator_rect
from commboard.shell.view import SCAN_BANNER, Banner, BoardView, Chrome, board_view

PAUSE_WORDS = {  # why scanning is paused, as the banner says it (scanner reason -> words)
    "carer menu": "Scanning paused: carer menu open",
    "alarm": "Scanning paused: help was called",
    # The camera's own "I can't see your face" banner is not shown meanwhile: one banner says it.
    "face lost": "I can't see your face - scanning paused, it resumes when the face is back",
    "rest": "Scanning paused: resting - two long blinks wake the board",
}
WAITING_WORDS = "Scanning stopped - press the switch to start"
FACE_BANNER_KEY = "face"  # the camera's "I can't see your face" banner (shell/eye_input.py)


def scan_state(session: Session, pause_reason: str | None) -> str | None:
    """Why nothing is highlighted and nothing will move by itself, or None while scanning.

    Paused (carer menu, alarm, face lost, rest) or waiting for the switch
    (after the unanswered passes, or a start-on-switch setting).  A short
    post-selection pause is scanning: it ends by itself.
    """
    if session.paused:
        reason = pause_reason or "paused"
        return PAUSE_WORDS.get(reason, f"Scanning paused: {reason}")
    if not session.highlighted and session.next_deadline() is None:
        return WAITING_WORDS
    return None


def scan_banner(session: Session, pause_reason: str | None) -> Banner | None:
    """The calm "scanning stopped" banner, shown exactly while the scanner waits (None: hide it)."""
    state = scan_state(session, pause_reason)
    if state is None:
        return None
    face = session.paused and pause_reason == "face lost"
    level = "warning" if face else "info"  # as the camera's face banner was
    return Banner(SCAN_BANNER, state, level)


def switch_names(input_name: str, blink_selects: bool) -> str:
    """What selects right now: the keyboard (or script) always, the blink while the camera works."""
    return f"blink + {input_name}" if blink_selects else input_name


def status_text(
    session: Session,
    pause_reason: str | None,
    switches: str,
    status_parts: Mapping[str, str],
) -> str:
    """The status line: input, scan speed and pattern, camera, calibration."""
    settings = session.settings
    scan = settings.scan
    parts = [
        f"switch: {switches}",
        f"scan {scan.interval_s:.1f} s {scan.pattern.replace('_', '-')}",
        *status_parts.values(),
    ]
    if not settings.blink.calibrated:
        parts.append("not calibrated")
    if session.paused:
        parts.append("PAUSED")
    elif scan_state(session, pause_reason) is not None:
        parts.append("WAITING FOR SWITCH")
    return "  |  ".join(parts)


def one_face_banner(chrome: Chrome, session: Session, pause_reason: str | None) -> Chrome:
    """The chrome to draw: one banner for a lost face, not two saying the same.

    While scanning is paused because the face is lost, the scan banner
    (always shown, see ``shown_banners``) says "I can't see your face";
    the camera's own face banner is then left out.
    """
    if pause_reason != "face lost" or not session.paused:
        return chrome
    kept = tuple(b for b in chrome.banners if b.key != FACE_BANNER_KEY)
    return replace(chrome, banners=kept)


def view_now(size: tuple[int, int], session: Session, chrome: Chrome, indicator: bool) -> BoardView:
    """The render model of the board as it is now (``indicator``: the eye indicator is shown)."""
    display = session.settings.display
    view = board_view(
        size,
        session.page,
        session.message,
        session.highlighted,
        chrome,
        highlight_color=display.highlight_color,
        border_scale=display.border_scale,
        enlarge_highlight=display.enlarge_highlight,
        highlight_border_color=display.highlight_border_color,
        background_color=display.background_color,
    )
    if not indicator:
        return view
    # The eye indicator sits at the right of the message bar: the words end before it.
    left = view.message_rect[0]
    return replace(view, message_text_w=indicator_rect(view.message_rect)[0] - left)
