"""Plain-words suggestions from the access figures, each citing its numbers.

Suggestions only: changing a setting stays the therapist's decision.  Each
rule fires only when the data are enough to support it, and says the numbers
it rests on.  Sources: CLINICAL.md (errors above 25% of selections: fix
errors before speed, Koester & Simpson 2014; ALS fatigue wants slower
scanning later in the day, Ace Centre; spontaneous blinks last 0.1-0.4 s and
a hold should sit clear above the patient's own longest).
"""

from __future__ import annotations

from commboard.access.access_stats import EVENING_FROM_H, AccessFigures
from commboard.counts import counted
from commboard.settings.fields import FIELDS

MIN_SELECTIONS = 10  # fewer selections than this in a group: no rate is trusted
EVENING_UNDO = 0.15  # an evening undo rate this high...
EVENING_FACTOR = 1.5  # ...and this many times the daytime rate
ERROR_SHARE = 0.25  # Koester & Simpson: fix errors before speed
SHORT_SHARE = 0.20
BLINK_MARGIN_S = 0.1  # a hold closer than this to the longest spontaneous blink
FACE_LOST_SHARE = 0.10
SLOWER = 1.3


def _interval(figures: AccessFigures) -> float | None:
    if not figures.settings:
        return None
    value = figures.settings[-1][1].get("interval_s")
    return float(value) if isinstance(value, int | float) else None


def _evening(figures: AccessFigures) -> str | None:
    evening = figures.hours(EVENING_FROM_H, 5)
    day = figures.hours(6, EVENING_FROM_H - 1)
    late, early = evening.undo_rate, day.undo_rate
    if evening.selections < MIN_SELECTIONS or late is None or late < EVENING_UNDO:
        return None
    if early is not None and day.selections >= MIN_SELECTIONS and late < EVENING_FACTOR * early:
        return None
    before = f" ({early:.0%} before)" if early is not None and day.selections else ""
    interval = _interval(figures)
    longest = FIELDS["scan.interval_s"].meta.max or 10.0  # never a value the settings refuse
    slower = f"a {min(interval * SLOWER, longest):.1f} s" if interval else "a slower"
    return (
        f"Undo rate {late:.0%} after {EVENING_FROM_H}:00{before}, over {evening.selections} "
        f"selections - consider {slower} scan interval in the evening."
    )


def _errors(figures: AccessFigures) -> str | None:
    total = figures.total()
    if total.selections < MIN_SELECTIONS:
        return None
    errors = total.undos + total.too_short
    share = errors / total.selections
    if share <= ERROR_SHARE:
        return None
    short = counted(total.too_short, "too-short press", "too-short presses")
    return (
        f"Errors ({counted(total.undos, 'undo')} and {short}) are {share:.0%} "
        f"of {total.selections} selections: above 25%, fix errors before speed (a slower scan "
        "interval or a longer first step) before making scanning faster."
    )


def _short(figures: AccessFigures) -> str | None:
    total = figures.total()
    rate = total.too_short_rate
    if total.presses < MIN_SELECTIONS or rate is None or rate < SHORT_SHARE:
        return None
    need = figures.settings[-1][1].get("acceptance_s") if figures.settings else None
    held = f" for the {need:g} s acceptance time" if isinstance(need, int | float) else ""
    return (
        f"{rate:.0%} of switch presses ({total.too_short} of {total.presses}) were too short"
        f"{held} - check the switch's position, or consider a shorter acceptance time."
    )


def _blinks(figures: AccessFigures) -> str | None:
    hold = figures.hold_s
    if hold is None or len(figures.spontaneous_s) < MIN_SELECTIONS:
        return None
    longest = max(figures.spontaneous_s)
    if longest < hold - BLINK_MARGIN_S:
        return None
    safer = min(round(longest + 0.15, 1), FIELDS["blink.hold_s"].meta.max or 2.0)
    return (
        f"Longest spontaneous blinks reach {longest:.2f} s - hold {hold:g} s leaves little "
        f"margin; consider {safer:g} s, or calibrate blinks again (carer menu, B)."
    )


def _face(figures: AccessFigures) -> str | None:
    lost = sum(figures.face_lost_min.values())
    if figures.board_min <= 0 or lost / figures.board_min < FACE_LOST_SHARE:
        return None
    share = lost / figures.board_min
    return (
        f"The face was not seen for {lost:.0f} min ({share:.0%} of the time the board ran) - "
        "check the camera's position and light (carer menu, C: Camera view)."
    )


def suggestions(figures: AccessFigures) -> list[str]:
    """Every suggestion the data support, most important first (empty: none)."""
    rules = (_errors, _evening, _short, _blinks, _face)
    return [s for s in (rule(figures) for rule in rules) if s is not None]
