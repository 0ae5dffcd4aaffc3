"""Reading a language's word lists off the frame loop, once a page needs them.

English's lists take most of a second of CPU to read and index, and about
75 MB of memory.  A patient who only chooses phrases never needs them, so
they are read when a page with word slots is first shown (``want``), not at
start.  ``WordDataLoading`` reads them in a worker thread: done on the frame
loop, that second would stop the scanning.  The loop polls once a frame and
hands the finished ``BaseModel`` to the session, which fills the word slots
from then on (until then the slots offer the layout's and the patient's own
words).

Under a virtual clock (headless runs, tests, golden logs) nothing runs in
parallel: the lists are read at once, so runs stay exactly repeatable.
"""

from __future__ import annotations

import queue
import sys
import threading
from pathlib import Path

from commboard.predict.language_data import BaseCounts, base_files, read_counts
from commboard.predict.predictor import BaseModel

POLL_S = 0.1
"""Real seconds between looks at the queue while the lists are read."""


class WordDataLoading:
    """Reads the word lists of ``language`` (or the layout folder's own) once.

    Args:
        language: the layout's language code.
        folder: the layout folder (its ``words.txt`` wins), or None.
        background: read in a worker thread when first wanted (False: now, in
            the caller).
    """

    def __init__(self, language: str, folder: Path | None, *, background: bool) -> None:
        self._done: queue.Queue[BaseModel] = queue.Queue(maxsize=1)
        self._source = (language, folder)
        self._files = base_files(language, folder)
        self.waiting = True
        self.started = not background
        if not background:
            self._read(language, folder)

    def want(self) -> None:
        """A page needs the lists: start reading them (once; nothing if already started)."""
        if self.started:
            return
        self.started = True
        worker = threading.Thread(
            target=self._read, args=self._source, name="word-data", daemon=True
        )
        worker.start()

    def reads(self, language: str, folder: Path | None) -> bool:
        """Whether these lists are the ones another layout would read, and not yet handed
        over (a layout chosen while they are read keeps them: not read twice)."""
        return self.waiting and base_files(language, folder) == self._files

    def _read(self, language: str, folder: Path | None) -> None:
        try:
            counts = read_counts(language, folder)
        except Exception as exc:  # out of memory, say: the slots keep the layout's words
            why = f"the word lists could not be read ({type(exc).__name__}: {exc})"
            print(f"commboard: {why}", file=sys.stderr)
            counts = BaseCounts(problem=why)
        # Always handed over: a reading that never arrived kept the loop looking
        # every POLL_S for the rest of the run.
        self._done.put(BaseModel(counts))

    def poll(self) -> BaseModel | None:
        """The model once it is read (handed over once), else None."""
        if not self.waiting or not self.started:
            return None
        try:
            model = self._done.get_nowait()
        except queue.Empty:
            return None
        self.waiting = False
        return model

    def next_deadline(self, now: float) -> float | None:
        """While reading, the loop looks again shortly; None before and once handed over."""
        return now + POLL_S if self.waiting and self.started else None
