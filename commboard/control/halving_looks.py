"""Look to Speak on the board (``access: gaze_halving``): looks narrow the page to one cell.

``HalvingLooks`` is an eye detector (``control.eye_policy`` feeds it every
sample, like the blink switch): it reads looks (``signals.gaze_look``) and
keeps the half the patient looked at (``control.halving``).  What it asks
of the board, in order:

* ``CellPointed(cell, source=gaze)`` when one cell is left (or when a long
  blink confirms it, with ``gaze.confirm``): the session performs it as if
  it had been scanned to and selected;
* ``RestRequest`` for a long look up (the board rests until the wake
  pattern, as after a long eye closure);
* log records: ``{"type": "gaze", "event": "look"|"ignored", ...}`` as with
  looks as switches, ``{"type": "gaze", "event": "halves", "kept":
  "left"|"right"|"back", "left": [...], "right": [...]}`` and ``{"type":
  "gaze", "event": "chosen", "cell", "looks", "confirmed"}``.

The board draws the two halves (``halves_page``): the cells on the left half
of the screen and the right half, each as one large cell listing its labels;
a single cell left waiting for a blink is drawn alone, lit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from commboard.board.model import Action, Cell, Page
from commboard.control.eye_policy import EyeOutput
from commboard.control.halving import Chosen, Halving, Narrowed
from commboard.effects import Cue, Log
from commboard.events import CellPointed, Source, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, GazeSettings
from commboard.signals.blink_switch import RestRequest
from commboard.signals.gaze_frame import Direction
from commboard.signals.gaze_look_outputs import LongLook, Look, LookIgnored
from commboard.signals.gaze_switch import PatientLooks, ignored_log
from commboard.vision.sample import EyeSample

HalvingOutput = CellPointed | RestRequest | Cue | Log
# The words between labels on a half (the labels of every cell in it).
JOIN = "  ·  "


class HalvingLooks(PatientLooks):
    """Looks keep halves of the page in view until one cell is left; see the module docstring."""

    def __init__(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        super().__init__(gaze, blink)
        self.page_id: str | None = None
        self._page: Page | None = None
        self.halving: Halving | None = None

    def set_settings(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        """New settings from the carer; the learned rest position is kept."""
        super().set_settings(gaze, blink)
        if self.halving is not None:
            self.halving.confirm = gaze.confirm

    def show(self, page: Page, weights: Mapping[int, float] | None = None) -> None:
        """The page on the board now: a new page starts from all its cells.

        ``weights``: how likely each cell is (a Spell page's letters and words
        by the language model): the halves are then balanced by likelihood,
        so likely letters take fewer looks.  New weights (a letter was added)
        take effect while no look has been made on the page yet.
        """
        self._page = page  # its word slots' labels change as the message grows
        current = self.halving
        fresh = current is not None and current.looks == 0 and current.waiting is None
        new_weights = (
            fresh
            and current is not None
            and current.weights != (dict(weights) if weights else None)
        )
        if page.id == self.page_id and current is not None and not new_weights:
            return
        self.page_id = page.id
        cells = page.filled()
        self.halving = Halving(cells, weights, confirm=self.gaze.confirm) if cells else None

    def update(self, sample: EyeSample) -> list[HalvingOutput]:
        """Read one frame's sample: the cell chosen, a rest request and log records, in order."""
        out: list[HalvingOutput] = []
        for item in self.reader.update(sample):
            match item:
                case Look():
                    out += [*self.counted(item), *self._look(item)]
                case LongLook(direction=Direction.UP):
                    out.append(RestRequest(item.t))
                case LookIgnored():
                    out.append(ignored_log(item))
        return out

    def take_switches(self, outputs: Sequence[EyeOutput]) -> list[EyeOutput]:
        """The eye policy's outputs with the blink's presses taken over by the halving.

        With halving the scanner is not running, so the blink switch's
        presses are the halving's: a long blink confirms the cell waiting for
        it, and otherwise does nothing.
        """
        out: list[EyeOutput] = []
        for item in outputs:
            if isinstance(item, SwitchDown) and item.source is Source.BLINK:
                out += self._confirm(item.t)
            elif not (isinstance(item, SwitchDown | SwitchUp) and item.source is Source.BLINK):
                out.append(item)
        return out

    def _look(self, look: Look) -> list[CellPointed | Cue | Log]:
        if self.halving is None:
            return []
        if look.direction is Direction.UP:
            back = self.halving.back()
            return [self._narrowed(look.t, "back", back), *self._say_halves(look.t, back)]
        if look.direction not in (Direction.LEFT, Direction.RIGHT):
            return []
        side = look.direction.value
        step = self.halving.keep(left=look.direction is Direction.LEFT)
        match step:
            case Narrowed():
                return [self._narrowed(look.t, side, step), *self._say_halves(look.t, step)]
            case Chosen():
                return [*self._chosen(look.t, step), *self._say_waiting(look.t, step)]
        return []

    def _labels(self, cells: Sequence[int]) -> str:
        page = self._page
        if page is None:
            return ""
        return ", ".join(c.label for i in cells if (c := page.cells[i]) is not None)

    def _say_halves(self, t: float, step: Narrowed) -> list[Cue]:
        """With ``gaze.speak_halves``: the halves read out quietly (for a patient who cannot read them)."""
        if not self.gaze.speak_halves:
            return []
        words = f"Left: {self._labels(step.left)}."
        if step.right:
            words += f" Right: {self._labels(step.right)}."
        return [Cue(t, words)]

    def _say_waiting(self, t: float, chosen: Chosen) -> list[Cue]:
        if not self.gaze.speak_halves or chosen.confirmed:
            return []
        return [Cue(t, f"{self._labels([chosen.cell])}. A long blink chooses it.")]

    def _confirm(self, t: float) -> list[CellPointed | Log]:
        if self.halving is None:
            return []
        chosen = self.halving.blink()
        return self._chosen(t, chosen) if chosen is not None else []

    def _chosen(self, t: float, chosen: Chosen) -> list[CellPointed | Log]:
        fields = {"cell": chosen.cell, "looks": chosen.looks, "confirmed": chosen.confirmed}
        out: list[CellPointed | Log] = [Log(t, "gaze", {"event": "chosen", **fields})]
        if chosen.confirmed and self.halving is not None:
            self.halving.restart()
            out.append(CellPointed(t, chosen.cell, Source.GAZE))
        return out

    @staticmethod
    def _narrowed(t: float, kept: str, step: Narrowed) -> Log:
        halves = {"left": list(step.left), "right": list(step.right)}
        return Log(t, "gaze", {"event": "halves", "kept": kept, **halves})


def halves_page(page: Page, halving: Halving) -> tuple[Page, tuple[int, ...]]:
    """What the board shows: the two halves as two large cells (or the one cell waiting), lit cells."""
    if halving.waiting is not None:
        cell = page.cells[halving.waiting]
        assert cell is not None
        return Page(page.id, page.title, 1, 1, (cell,)), (0,)
    sides = []
    for half in halving.halves():
        labels = [c.label for i in half if (c := page.cells[i]) is not None]
        sides.append(Cell(JOIN.join(labels), Action.SPEAK) if labels else None)
    if sides[1] is None and sides[0] is not None and len(halving.in_play) == 1:
        return Page(page.id, page.title, 1, 1, (sides[0],)), ()
    return Page(page.id, page.title, 1, 2, tuple(sides)), ()
