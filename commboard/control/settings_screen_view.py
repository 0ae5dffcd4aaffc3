"""What the therapist's settings screen shows, as data: the screen builds it, the painter draws it.

``SettingsScreen.view`` (``shell.screens.settings``) hands its state to
``settings_view``, which fills a ``SettingsView`` for one screen size;
``settings_paint.paint`` draws that and nothing else.  The value
formatting (``show_value``, ``range_text``) lives here because both the
screen's messages and the rows use it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from commboard.control.settings_tryout import TryOut
from commboard.settings import DisplaySettings, Meta, ScanSettings, Settings
from commboard.settings.fields import get

RGB = tuple[int, int, int]
# The message line's colours (the painter uses them for values too).
CHANGED = (138, 180, 248)  # values edited but not yet saved
MUTED = (190, 196, 204)
WARN = (255, 150, 130)
Entry = tuple[str, Meta, object]  # a setting's dotted key, metadata and default
# Values the board runs with that the profile does not have (a one-run
# ``--scan-interval``): key -> (the running value, the profile's value).
OneRun = Mapping[str, tuple[object, object]]


@dataclass(frozen=True, slots=True)
class SettingRow:
    """One row of the list: a setting's label and its edited value as shown."""

    label: str
    shown: str  # the edited value, as a therapist reads it
    selected: bool
    changed: bool  # edited and not yet saved


@dataclass(frozen=True, slots=True)
class SettingDetail:
    """The selected setting on the right: its value box, range and help."""

    key: str
    label: str
    shown: str  # the value, or what is being typed followed by a caret
    value: object  # the edited value itself (a colour's swatch needs it)
    range: str
    help: str


@dataclass(frozen=True, slots=True)
class TryOutView:
    """The try-out sample page at this moment, drawn like the board with the edited settings."""

    scan: ScanSettings
    display: DisplaySettings
    labels: tuple[str, ...]
    rows: int
    columns: int
    lit: frozenset[int]  # highlighted sample cells
    result: str  # what the last try-out selection chose ("" before any)


@dataclass(frozen=True, slots=True)
class SettingsView:
    """The whole settings screen for one frame."""

    profile: str
    changed: bool  # something edited and not saved
    groups: tuple[str, ...]  # the tabs
    group: str  # the open tab
    rows: tuple[SettingRow, ...]  # the rows shown, top first
    hidden: tuple[int, int]  # the tab's rows scrolled out of sight above and below (scroll bar)
    detail: SettingDetail
    choices: tuple[str, ...]  # the open choice list (empty when none is open)
    choice: int  # the chosen entry of ``choices``
    confirming: bool  # the leave-without-saving question is up
    message: tuple[str, RGB]  # the line above the buttons and its colour
    trying: bool  # the patient's switch drives the try-out
    tryout: TryOutView


def decimals(meta: Meta) -> int:
    """Digits after the point that the setting's step needs (0.05 -> 2)."""
    return max(0, -math.floor(math.log10(meta.step) + 1e-9)) if meta.step else 2


def show_value(meta: Meta, value: object) -> str:
    """A value as a therapist reads it: '1.3 s', 'Yes', 'row column', '(system default)'."""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, str):
        return value.replace("_", " ") if value else "(system default)"
    text = f"{value:.{decimals(meta)}f}" if isinstance(value, float) else str(value)
    return f"{text} {meta.unit}" if meta.unit else text


def range_text(meta: Meta, default: object) -> str:
    """'from 0.1 s to 10.0 s,  step 0.1,  default 1.0 s'."""
    parts = []
    if meta.min is not None and meta.max is not None:
        low, high = show_value(meta, float(meta.min)), show_value(meta, float(meta.max))
        parts.append(f"from {low} to {high}")
    if meta.step:
        parts.append(f"step {meta.step:g}")
    parts.append(f"default {show_value(meta, default)}")
    return ",  ".join(parts)


def settings_view(
    profile: str,
    entries: list[Entry],
    edited: Settings,
    saved: Settings,
    index: int,
    rows: list[int],
    mode: str,
    typed: str,
    choice: int,
    message: tuple[str, RGB],
    tryout: TryOut,
    one_run: OneRun | None = None,
) -> SettingsView:
    """The screen's state as a view: ``index`` selected, ``rows`` shown, in ``mode``.

    Args:
        profile: the profile saved to.
        entries: every setting, in screen order.
        edited: the values being edited; ``saved`` the values on disk.
        index: the selected entry; ``rows`` the entries shown, top first.
        mode: browse | choose | type | confirm; ``typed`` and ``choice`` its input so far.
        message: the line above the buttons and its colour.
        tryout: the try-out's scanner over the sample page.
        one_run: values the board runs with and the profile does not have; while one
            is shown as it runs, its row says so ("4.0 s (this run; profile 1.7 s)"),
            as saving leaves it out of the file.
    """
    one_run = one_run or {}
    key, meta, default = entries[index]
    value = get(edited, key)
    shown = typed + "|" if mode == "type" else show_value(meta, value)
    help_text = meta.help
    if _this_run(key, value, one_run):
        kept = show_value(meta, one_run[key][1])
        help_text = f"Set for this run only (on the command line); the profile keeps {kept}. "
        help_text += meta.help
    group = key.split(".", 1)[0]
    tab = [i for i, (k, _, _) in enumerate(entries) if k.split(".", 1)[0] == group]
    hidden = (sum(i < min(rows) for i in tab), sum(i > max(rows) for i in tab)) if rows else (0, 0)
    return SettingsView(
        profile=profile,
        changed=edited != saved,
        groups=tuple(dict.fromkeys(k.split(".", 1)[0] for k, _, _ in entries)),
        group=group,
        rows=tuple(_row(entries[i], edited, saved, i == index, one_run) for i in rows),
        hidden=hidden,
        detail=SettingDetail(key, meta.label, shown, value, range_text(meta, default), help_text),
        choices=tuple(meta.choices) if mode == "choose" else (),
        choice=choice,
        confirming=mode == "confirm",
        message=message,
        trying=tryout.live,
        tryout=TryOutView(
            edited.scan,
            edited.display,
            tuple(tryout.labels),
            tryout.rows,
            tryout.columns,
            frozenset(tryout.highlighted()),
            tryout.result,
        ),
    )


def _this_run(key: str, value: object, one_run: OneRun) -> bool:
    """Whether ``value`` is the one the board runs with for this run only (not the profile's)."""
    return key in one_run and value == one_run[key][0]


def _row(
    entry: Entry, edited: Settings, saved: Settings, selected: bool, one_run: OneRun
) -> SettingRow:
    key, meta, _ = entry
    value = get(edited, key)
    shown = show_value(meta, value)
    if _this_run(key, value, one_run):
        shown += f" (this run; profile {show_value(meta, one_run[key][1])})"
    return SettingRow(meta.label, shown, selected, value != get(saved, key))
