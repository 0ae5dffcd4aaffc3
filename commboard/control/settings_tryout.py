"""The settings screen's try-out: a small sample page scanned with the settings being edited.

Therapist and patient see and feel a change before it is saved: the real
``Scanner`` walks a two-row sample page with the edited scan settings (speed,
hold, pattern), and the settings screen draws it with the edited display
settings.  No pygame; time is passed in.
"""

from __future__ import annotations

from dataclasses import replace

from commboard.board.model import Action, Cell, Page
from commboard.effects import Activate, Effect, Notice, Paused, PauseReason, Undo
from commboard.events import SwitchDown, SwitchUp
from commboard.scanning.engine import Scanner
from commboard.scanning.plans import build_plan
from commboard.settings import Auditory, ScanMode, ScanSettings, ScanStart

# Two rows of three: enough for row-column, column-row, block and Huffman to
# move differently from linear, small enough to read at a glance.
SAMPLE_CELLS = ("Yes", "No", "Pain", "Thirsty", "Call nurse", "Tired")
SAMPLE_COLUMNS = 3
WAITING_RESULT = "Scanning paused — press the switch to start"  # the patient's switch starts it


def tryout_title(scan: ScanSettings) -> str:
    """What is tried, in words: the pattern, the speed (or NEXT, in step mode) and the hold."""
    pattern = scan.pattern.replace("_", "-")
    # Step mode moves only on NEXT: a time per step would say it moves by itself.
    moves = "NEXT moves" if scan.mode is ScanMode.STEP else f"{scan.interval_s:.1f} s per step"
    return f"Try-out: {pattern}, {moves}, hold {scan.acceptance_s:.2f} s"


class TryOut:
    """A small sample page scanned by the real ``Scanner`` with the scan settings being edited.

    It scans with the edited pattern (no usage history: Huffman is its
    balanced tree), so the speed, the first-item time, the hold and the way
    the highlight moves can all be felt.  Auditory scanning stays off: the
    screen is for the carer too.  While the switch is not on it (a demo for
    the eye) it starts over whenever the scanner stops after its passes.
    """

    def __init__(
        self,
        scan: ScanSettings,
        now: float | None,
        labels: tuple[str, ...] = SAMPLE_CELLS,
        columns: int = SAMPLE_COLUMNS,
    ) -> None:
        self.labels = labels
        self.columns = max(1, min(columns, len(labels)))
        self.rows = -(-len(labels) // self.columns)
        cells: list[Cell | None] = [Cell(t, Action.SPEAK) for t in labels]
        cells += [None] * (self.rows * self.columns - len(cells))
        self.page = Page("try-out", "Try-out", self.rows, self.columns, tuple(cells))
        self.result = ""
        self.selections = 0
        self.live = False  # the patient's switch drives it
        self.scan = replace(scan, auditory=Auditory.OFF)
        self.scanner = Scanner(self.scan)
        self.started = False  # started at the first ``tick`` when ``now`` was not known
        if now is not None:
            self.restart(scan, now)

    def restart(self, scan: ScanSettings, now: float) -> None:
        """Scan the sample from the start with ``scan`` (its pattern included)."""
        self.scan = replace(scan, auditory=Auditory.OFF)
        # The demo for the eye always starts by itself; on the patient's switch a start on
        # the switch waits, and says so (a blank sample told the therapist nothing).
        demo = self.scan if self.live else replace(self.scan, start=ScanStart.AUTO)
        self.scanner = Scanner(demo)
        self.started = True
        self._take(self.scanner.load(build_plan(self.page, self.scan.pattern), now))
        if self.live and not self.highlighted() and self.next_deadline() is None:
            self.result = WAITING_RESULT

    def handle(self, event: SwitchDown | SwitchUp, now: float) -> None:
        """A switch press or release from the patient."""
        self.tick(now)
        self._take(self.scanner.handle(event, now))

    def tick(self, now: float) -> None:
        """Advance the highlight to ``now``."""
        if not self.started:
            self.restart(self.scan, now)
        self._take(self.scanner.tick(now))
        idle = self.scanner.next_deadline() is None
        if idle and not self.live and self.scan.mode == ScanMode.AUTO:
            self.restart(self.scan, now)

    def next_deadline(self) -> float | None:
        """When the highlight moves next (None: waiting for a switch)."""
        return self.scanner.next_deadline()

    def highlighted(self) -> tuple[int, ...]:
        """Cells lit now."""
        return self.scanner.highlighted()

    def _take(self, effects: list[Effect]) -> None:
        for effect in effects:
            match effect:
                case Activate(cell=cell):
                    self.selections += 1
                    self.result = f"Selected: {self.labels[cell]} ({self.selections})"
                case Undo():
                    self.result = "Undone (selected again inside the undo window)"
                case Paused(reason=PauseReason.WAITING):
                    self.result = WAITING_RESULT
                case Notice(text=text):
                    self.result = text
