"""Slow carer work while the board goes on: what is shown and logged, and the words for it.

A history deletion, the care team's report or a layout export runs off the
frame loop (``adapters.background_work``); the board keeps scanning and a
calm banner says what is being done ("Deleting 45 statements said more than
30 days ago...") until it ends.  Then the banner goes and the work's own
words say what was done, or why not (with the file).  One at a time: a
second request is refused in words naming the one still running, so two
rewrites of the history never overlap.
"""

from __future__ import annotations

from commboard.effects import Banner, Effect, HideBanner, Log, ShowBanner

BANNER = "carer-work"


def started(doing: str, now: float) -> list[Effect]:
    """The work began: say so while it runs."""
    return [
        Log(now, "work", {"doing": doing}),
        ShowBanner(now, Banner(BANNER, f"{doing}...", "info")),
    ]


def finished(now: float) -> list[Effect]:
    """The work ended (its own words follow): the banner goes."""
    return [Log(now, "work_done", {}), HideBanner(now, BANNER)]


def refused(busy: str) -> str:
    """A second request while ``busy`` runs: not started, and why."""
    return f"Not started: the board is still busy ({busy}). Try again when that has finished."


def left(doing: str) -> str:
    """Work that kept the carer waiting ended after they left the screen that asked: not
    carried on (its question would open over whatever they are doing now)."""
    return f"{doing}: done, but its menu was closed meanwhile. Choose it again to go on."


def failed(doing: str, why: str) -> str:
    """The work stopped in a way it did not foresee; ``why`` names the file."""
    return f"{doing} did not finish: {why}"
