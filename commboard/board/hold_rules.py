"""How long a cell must be held to be chosen: its own hold, or the long hold of the costly cells.

The same rule for switches, blinks and dwell: ``Session``
(:mod:`commboard.board.session`) gives it to the scanner, and
``control.dwell_looks`` to looks.
"""

from __future__ import annotations

from commboard.board.model import Action, Cell

# Cells whose accidental selection costs the most (calling for help, losing a
# half-built message) need the longer hold (CLINICAL.md: OptiKey 2 s for Clear).
LONG_HOLD_ACTIONS = frozenset({Action.ALARM, Action.CLEAR})


def hold_needed(cell: Cell, alarm_hold_s: float) -> float | None:
    """How long choosing ``cell`` must be held (None: the usual acceptance time).

    Its own ``hold_s``, else the profile's alarm hold for the nurse call and
    Clear (the same rule for switches, blinks, and dwell).
    """
    if cell.hold_s is not None:
        return cell.hold_s
    if cell.action in LONG_HOLD_ACTIONS:
        return alarm_hold_s
    return None
