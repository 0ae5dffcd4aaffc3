"""One OBF button as a commboard cell: its label, action, words, link, hold and colour.

The action comes from ``load_board`` (a link, found by the linked board's id,
else its path), else from OBF's ``action``/``actions`` (the special actions
such as ``:space`` or ``:backspace``, ``+letters``, the habits of real apps),
else the button says its words; our export's ``ext_commboard_*`` fields win.
A link that cannot be followed, an unknown action, a colour that cannot be
read: the button still becomes a cell, and the run counts or notes it.  The
picture is :mod:`~commboard.exchange.obf_pictures`' work.
"""

from __future__ import annotations

from typing import Any, cast

from commboard.board.layout_cells import MAX_HOLD_S
from commboard.board.model import Action, Cell
from commboard.exchange.obf_pictures import picture
from commboard.exchange.obf_run import MAX_LABEL, Board, Run, clean_text, keepable, norm
from commboard.exchange.obf_values import (
    CELL_MAPPED,
    EXT_ACTION,
    EXT_HOLD,
    JsonObject,
    canonical,
    extra_keys,
    hex_color,
    id_text,
    read_extra_fields,
)

KNOWN_BUTTON = {
    "id", "label", "vocalization", "action", "actions", "load_board",
    "background_color", "image_id", "sound_id", EXT_ACTION, EXT_HOLD,
} | extra_keys(Cell, CELL_MAPPED)  # fmt: skip
_SPECIAL = {
    ":space": (Action.ADD, " "),
    ":backspace": (Action.BACKSPACE, None),
    ":clear": (Action.CLEAR, None),
    ":home": (Action.HOME, None),
    ":speak": (Action.SPEAK_MESSAGE, None),
    ":hush": (Action.STOP, None),
    ":back": (Action.BACK, None),
}


def _written(value: object) -> str | None:
    """Text as written (``" "`` stays a space), None when absent or empty."""
    return value[:MAX_LABEL] if isinstance(value, str) and value != "" else None


def _label(run: Run, button: JsonObject) -> str:
    label = next(
        (t for t in (button.get("label"), button.get("vocalization")) if clean_text(t)), None
    )
    if not isinstance(label, str):
        run.counts["no label"] += 1
        return "(picture)"
    return label[:MAX_LABEL]


def _actions(button: JsonObject) -> list[str]:
    found = [button["action"]] if isinstance(button.get("action"), str) else []
    extra = button.get("actions")
    if isinstance(extra, list):
        found += [a for a in extra if isinstance(a, str) and a not in found]
    return found


def _link(run: Run, board: Board, index: int, button: JsonObject) -> str | None:
    """The page a ``load_board`` button opens; None (noted) when it cannot be followed."""
    link = button.get("load_board")
    if not isinstance(link, dict):
        return None
    target = run.by_id.get(id_text(link.get("id")) or "")
    path = link.get("path")
    if target is None and isinstance(path, str):
        target = run.by_path.get(norm(path))
    if target is not None:
        return target.page_id
    # real sets link to boards they left out (CoughDrop's 'special::unfinished', a board
    # given only by its url): the button says its words, and the carer is told
    path_text = norm(path) if isinstance(path, str) else ""
    if id_text(link.get("id")) in run.left_out_ids or path_text in run.left_out_paths:
        run.counts["links left out"] += 1  # a board past the layout's page limit
        return None
    run.counts["links" if run.lone else "links out of archive"] += 1
    if not run.lone and not run.first_missing_link:
        shown = id_text(link.get("id")) or link.get("path") or link.get("url") or "?"
        run.first_missing_link = (
            f"{board.file}, field 'buttons[{index}].load_board', opens {str(shown)[:120]!r}"
        )
    return None


def _ours(button: JsonObject) -> Action | None:
    word = button.get(EXT_ACTION)
    try:
        return Action(word) if isinstance(word, str) else None
    except ValueError:
        return None


def _standard(run: Run, label: str, button: JsonObject) -> tuple[Action, str | None]:
    """(action, words) from OBF's own ``action``/``actions``; unknown ones noted."""
    actions = _actions(button)
    if not actions:
        return Action.SPEAK, None
    first, rest = actions[0], actions[1:]
    for extra in rest:
        run.notes.append(f"button '{label}': only its first action was kept, not {extra!r}")
    vocal = clean_text(button.get("vocalization"))
    if first == ":speak" and vocal is not None and vocal[0] not in ":+":
        # LoveWords marks word buttons ':speak' meaning "say mine"; the format's ':speak'
        # (say the message) has no words of its own
        run.counts["speak with words"] += 1
        return Action.SPEAK, None
    if first == ":add":  # LoveWords: the button's words go into the message
        return Action.ADD, None
    if first in _SPECIAL:
        return _SPECIAL[first]
    if first.startswith("+") and len(first) > 1:
        return Action.ADD, first[1:]
    run.counts[f"action {first}"] += 1
    return Action.SPEAK, None


def _doing(
    run: Run, board: Board, index: int, label: str, button: JsonObject
) -> tuple[Action, str | None, str | None]:
    """(action, words from the action, go target) for a button."""
    if "load_board" in button:
        target = _link(run, board, index, button)
        ours = _ours(button)
        if ours is not None and ours is not Action.GO:
            return ours, None, None
        # a link we could not follow (a lone .obf, a board left out): the button says its words
        return (Action.GO, None, target) if target is not None else (Action.SPEAK, None, None)
    action, words = _standard(run, label, button)
    ours = _ours(button)
    return (ours if ours not in (None, Action.GO) else action), words, None


def _hold(run: Run, label: str, button: JsonObject) -> float | None:
    value = button.get(EXT_HOLD)
    if value is None:
        return None
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not 0 <= value <= MAX_HOLD_S
    ):
        run.notes.append(
            f"button '{label}': hold time {value!r} is not 0-{MAX_HOLD_S:g} s; left out"
        )
        return None
    return float(value)


def _color(run: Run, label: str, button: JsonObject) -> str | None:
    value = button.get("background_color")
    color = hex_color(value)
    if value is not None and color is None:
        run.notes.append(f"button '{label}': colour {value!r} could not be read; left out")
    return color


def button_cell(run: Run, board: Board, index: int, button: JsonObject) -> Cell:
    """One button as a cell; what cannot be carried is counted or noted in ``run``."""
    label = _label(run, button)
    action, words, target = _doing(run, board, index, label, button)
    vocal = _written(button.get("vocalization"))
    text = vocal if vocal is not None else words
    if "sound_id" in button:
        run.counts["sounds"] += 1
    foreign = keepable(run, label, {k: v for k, v in button.items() if k not in KNOWN_BUTTON})
    image, record = picture(run, board, button.get("image_id"))
    if record:
        foreign["image"] = record
    extra, problems = read_extra_fields(Cell, CELL_MAPPED, button)
    run.notes += [f"button '{label}': {problem}" for problem in problems]
    return Cell(
        label,
        action,
        text,
        target,
        _color(run, label, button),
        _hold(run, label, button),
        image=image,
        foreign=canonical(foreign),
        **cast(dict[str, Any], extra),  # checked against the field's type when read
    )
