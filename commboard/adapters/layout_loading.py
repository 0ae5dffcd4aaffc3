"""Loading a layout the carer chose, off the frame loop: a worker thread and a queue.

Reading and checking a layout (``board.layout_file.load_layout``) can take
a while for a large one; done on the frame loop it would stop scanning and
the nurse call for that long.  ``LayoutLoading.start`` hands the path to a
worker thread, which puts the finished ``LayoutLoaded`` (the layout, or the
problems that stopped it) on a queue; the loop polls it once a frame and,
until it arrives, shows "Loading layout..." over the board that is still
working.

A layout that loaded is remembered in the patient's profile
(``board.layout``, ``save_remembered``) so the board opens with it next time;
that write is done by the worker too, never on the frame loop.

Under a virtual clock (headless runs, tests, golden logs) nothing runs in
parallel: the load is done at ``start`` and handed over at the next poll,
so runs stay exactly repeatable.  A newer request replaces an older one
still loading; the older result is dropped when it arrives.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from commboard.board.layout_file import (
    LayoutError,
    LayoutProblem,
    default_layout_path,
    load_layout,
)
from commboard.board.model import Layout
from commboard.control.layout_change import LayoutLoaded
from commboard.settings import Settings
from commboard.settings.profiles import save_one_value
from commboard.settings.values import with_valid_value

# Real seconds between looks at the queue while a load runs (the loop
# otherwise sleeps up to half a second when nothing moves).
POLL_S = 0.05

Loader = Callable[[Path], Layout]
Remember = Callable[[Path], str | None]  # saves the choice; a note when it could not


IMPORTED = (".obf", ".obz")  # Open Board Format: imported into a new layout folder first


def _import(path: Path) -> LayoutLoaded:
    """An ``.obf``/``.obz`` chosen in the carer menu: imported into the carer's layouts folder."""
    from commboard.adapters.board_exchange_menu import import_for_board
    from commboard.exchange.obf_values import ExchangeError

    try:
        layout, told = import_for_board(path)
    except ExchangeError as exc:
        return LayoutLoaded(path, None, (LayoutProblem(path, None, str(exc)),))
    return LayoutLoaded(path, layout, told=told)


def load_or_problems(path: Path, load: Loader = load_layout) -> LayoutLoaded:
    """Load ``path``; never raises (an unexpected error becomes a problem naming the path).

    An ``.obf`` or ``.obz`` file is imported first (``board_exchange_menu``), into a
    new folder in the carer's layouts folder, and that layout is loaded.
    """
    try:
        if path.suffix.lower() in IMPORTED:
            return _import(path)
        return LayoutLoaded(path, load(path))
    except LayoutError as exc:
        return LayoutLoaded(path, None, tuple(exc.problems))
    except Exception as exc:  # never crash in front of a patient: report it instead
        problem = LayoutProblem(path, None, f"could not load this layout: {exc!r}")
        return LayoutLoaded(path, None, (problem,))


class LayoutLoading:
    """One layout load at a time, in a worker thread (or inline, under a virtual clock).

    Args:
        background: load in a worker thread (the real board); False loads at
            ``start`` (virtual clock: deterministic).
        load: what loads a layout (tests pass a slow or failing one).
        remember: saves a layout that loaded as the profile's choice (it
            writes a file, so it runs with the load, off the frame loop).
        prepare: readies a layout that loaded for drawing (chooses its
            fonts), also off the frame loop.
    """

    def __init__(
        self,
        *,
        background: bool,
        load: Loader = load_layout,
        remember: Remember | None = None,
        prepare: Callable[[Layout], None] | None = None,
    ) -> None:
        self.background = background
        self._load = load
        self._remember = remember
        self._prepare = prepare
        self._results: queue.Queue[tuple[int, LayoutLoaded]] = queue.Queue()
        self._request = 0  # the newest request; results of older ones are dropped
        self._waiting: Path | None = None

    @property
    def loading(self) -> Path | None:
        """The path being loaded, None when no load is waiting to be handed over."""
        return self._waiting

    def start(self, path: Path, loaded: Layout | None = None) -> None:
        """Begin loading ``path``; the result comes from a later ``poll``.

        ``loaded``: the layout at ``path`` already in memory and checked (the
        page editor's save, read back before it was written).  Nothing is
        read: it is readied and remembered at once, on the caller's thread
        (milliseconds), so the board shows the saved page on the next frame
        rather than after a worker's round trip.
        """
        self._request += 1
        self._waiting = path
        request = self._request
        if loaded is not None or not self.background:
            self._results.put((request, self._finish(path, loaded)))
            return
        worker = threading.Thread(
            target=lambda: self._results.put((request, self._finish(path))),
            name="layout-load",
            daemon=True,  # a load still running never keeps a quitting board alive
        )
        worker.start()

    def _finish(self, path: Path, layout: Layout | None = None) -> LayoutLoaded:
        loaded = (
            LayoutLoaded(path, layout) if layout is not None else load_or_problems(path, self._load)
        )
        if loaded.layout is None:
            return loaded
        if self._prepare is not None:
            # Only a head start: if it fails, the fonts are chosen when drawn instead.
            with contextlib.suppress(Exception):
                self._prepare(loaded.layout)
        chosen = loaded.layout.source or path  # an imported board: its new folder
        return replace(loaded, note=self._remember(chosen) if self._remember else None)

    def poll(self) -> LayoutLoaded | None:
        """The newest request's result once it is ready (once), else None; never waits."""
        while True:
            try:
                request, result = self._results.get_nowait()
            except queue.Empty:
                return None
            if request == self._request and self._waiting is not None:
                self._waiting = None
                return result

    def next_deadline(self, now: float) -> float | None:
        """While a worker loads, look again soon (real clock); otherwise nothing is due."""
        return None if self._waiting is None else now + POLL_S


def remembered_value(path: Path) -> str:
    """What the profile keeps for ``path``: its absolute path, or "" for the built-in layout."""
    chosen = Path(os.path.expanduser(path)).resolve()
    return "" if chosen == default_layout_path().resolve() else str(chosen)


def save_remembered(profile: str, current: str, path: Path) -> str | None:
    """Save ``path`` as the profile's ``board.layout`` unless it is ``current``; a note if not saved.

    Only that one value is written (``save_one_value``): the board's
    settings may hold a one-run ``--scan-interval``.  A profile that cannot
    be read or written is left as it is; the note says so, for a banner.
    """
    value = remembered_value(path)
    if current == value:
        return None
    try:
        save_one_value(profile, "board.layout", value)
    except (ValueError, OSError) as exc:
        return f"Layout in use, but it could not be remembered for the next start: {exc}"
    return None


def remember_layout(profile: str, settings: Settings, path: Path) -> tuple[Settings, str | None]:
    """Keep ``path`` as the profile's ``board.layout``; the settings with it, and a note if not saved."""
    note = save_remembered(profile, settings.board.layout, path)
    return with_valid_value(settings, "board.layout", remembered_value(path)), note
