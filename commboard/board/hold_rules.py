"""How long a cell must be held to be chosen: its own hold, or the long hold of the costly cells.

The same rule for switches, blinks and dwell: ``Session``
(:mod:`commboard.board.session`) gives it to the scanner, and
``control.dwell_looks`` to looks.
"""

from __future__ import annotations

from commboard.board.model import Action, Cell
from commboard.settings.fields import FIELDS

# Cells whose accidental selection costs the most (calling for help, losing a
# half-built message) need the longer hold (CLINICAL.md: OptiKey 2 s for Clear).
LONG_HOLD_ACTIONS = frozenset({Action.ALARM, Action.CLEAR})

# The nurse call is never held for less than the alarm hold's own minimum (1 s),
# whatever a layout cell's ``hold`` says: a stray press or an ordinary blink
# (0.1-0.4 s) must not call the nurse.
NURSE_CALL_MIN_HOLD_S = FIELDS["scan.alarm_hold_s"].meta.min or 1.0


def hold_needed(cell: Cell, alarm_hold_s: float) -> float | None:
    """How long choosing ``cell`` must be held (None: the usual acceptance time).

    Its own ``hold_s``, else the profile's alarm hold for the nurse call and
    Clear (the same rule for switches, blinks, and dwell); the nurse call's
    own hold at least ``NURSE_CALL_MIN_HOLD_S``.
    """
    if cell.hold_s is not None:
        if cell.action is Action.ALARM:
            return max(cell.hold_s, NURSE_CALL_MIN_HOLD_S)
        return cell.hold_s
    if cell.action in LONG_HOLD_ACTIONS:
        return alarm_hold_s
    return None
