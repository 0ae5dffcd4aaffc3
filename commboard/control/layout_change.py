"""What happens when the carer chooses another layout: loading it, then using it or keeping the old one.

The carer menu's layout picker asks for a layout file; the shell loads it
off the frame loop (``adapters/layout_loading``), and the board goes on with
the layout in use, showing "Loading layout...".  When the load finishes:

* a layout that loaded replaces the session (same settings, with the chosen
  file remembered as ``board.layout``, and the patient's Recent page of the
  messages they spelled most, as at start); if scanning is held for some reason
  (an alarm, a carer screen, a rest) the new session starts paused too;
* a layout that failed to load is not used: the old one stays and a banner
  names the file and the line that is wrong;
* a layout that loaded but could not be remembered in the profile is used,
  with a banner saying so (``note``);
* a board imported from another app (``.obf``/``.obz``) says for a while
  where it was put and what it could not carry (``told``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from commboard.board.layout_file import LayoutProblem
from commboard.board.model import Layout
from commboard.board.recent import with_recent_page
from commboard.board.session import Session
from commboard.control.banners import kept_layout_notice
from commboard.effects import Banner, Effect, HideBanner, Log, ShowBanner
from commboard.predict.predictor import Predictor
from commboard.settings.values import with_valid_value

# An imported board's note (where it went, what it could not carry) shows this long.
IMPORT_NOTE_S = 20.0


@dataclass(frozen=True, slots=True)
class LayoutLoaded:
    """A finished load: the layout, or the problems (file and line) that stopped it."""

    path: Path
    layout: Layout | None
    problems: tuple[LayoutProblem, ...] = ()
    note: str | None = None  # the layout loaded but could not be remembered: why
    told: str | None = None  # a board imported from another app: where it went, what was lost


def loading(path: Path, now: float) -> list[Effect]:
    """The carer chose ``path``: say so while it loads."""
    return [
        Log(now, "layout_loading", {"path": str(path)}),
        ShowBanner(now, Banner("layout-loading", f"Loading layout {path.name}...", "info")),
    ]


def arrived(
    loaded: LayoutLoaded,
    session: Session,
    remembered: str,
    held: bool,
    now: float,
    usage: Mapping[str, Mapping[int, float]],
    predictor: Predictor | None = None,
    recent: Sequence[str] = (),
) -> tuple[Session, list[Effect]]:
    """The session to use from now on, and what to log and show.

    Args:
        loaded: the finished load.
        session: the session in use (kept if the layout did not load).
        remembered: ``board.layout`` as the profile now keeps it for ``loaded.path``.
        held: scanning is paused for some reason; the new session starts paused.
        now: the frame's time.
        usage: how often each cell was used (the Huffman weights).
        predictor: word prediction for the new layout's language (None: none).
        recent: the messages the patient spelled most (the history's), for the
            new layout's Recent page (none: no Recent page).
    """
    effects: list[Effect] = [HideBanner(now, "layout-loading")]
    if loaded.layout is None:
        kept = session.layout.name
        problems = [str(p) for p in loaded.problems]
        effects.append(
            Log(now, "layout", {"path": str(loaded.path), "problems": problems, "kept": kept})
        )
        notice = kept_layout_notice(loaded.problems, kept)
        return session, [*effects, ShowBanner(now, Banner("layout", notice))]
    settings = with_valid_value(session.settings, "board.layout", remembered)
    layout = with_recent_page(loaded.layout, recent)
    new = Session(layout, settings, now, usage, predictor=predictor)
    effects.append(
        Log(
            now,
            "layout",
            {"name": loaded.layout.name, "path": str(loaded.path), "problems": []},
        )
    )
    if held:
        effects += new.pause(now)
    effects += [HideBanner(now, "layout"), HideBanner(now, "layout-remembered")]
    if loaded.note:  # in use, but the profile could not keep it for the next start
        effects.append(ShowBanner(now, Banner("layout-remembered", loaded.note)))
    if loaded.told:  # an imported board: where it went and what it could not carry
        effects.append(
            ShowBanner(now, Banner("layout-imported", loaded.told, "info"), IMPORT_NOTE_S)
        )
    return new, effects + new.tick(now)
