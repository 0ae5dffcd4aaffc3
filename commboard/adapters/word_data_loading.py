"""Reading a language's word lists off the frame loop: a worker thread and a one-slot queue.

English's lists take about a second to read and index; done before the
first frame or on the frame loop, that second would delay the board (and a
script's or the patient's first presses).  ``WordDataLoading`` reads them in
a worker thread; the loop polls once a frame and hands the finished
``BaseModel`` to the session, which fills the word slots from then on (until
then the slots offer the layout's and the patient's own words).

Under a virtual clock (headless runs, tests, golden logs) nothing runs in
parallel: the lists are read at once, so runs stay exactly repeatable.
"""

from __future__ import annotations

import queue
import threading
from pathlib import Path

from commboard.predict.language_data import read_counts
from commboard.predict.predictor import BaseModel

POLL_S = 0.1
"""Real seconds between looks at the queue while the lists are read."""


class WordDataLoading:
    """Reads the word lists of ``language`` (or the layout folder's own) once.

    Args:
        language: the layout's language code.
        folder: the layout folder (its ``words.txt`` wins), or None.
        background: read in a worker thread (False: now, in the caller).
    """

    def __init__(self, language: str, folder: Path | None, *, background: bool) -> None:
        self._done: queue.Queue[BaseModel] = queue.Queue(maxsize=1)
        self.waiting = True
        if background:
            worker = threading.Thread(
                target=self._read, args=(language, folder), name="word-data", daemon=True
            )
            worker.start()
        else:
            self._read(language, folder)

    def _read(self, language: str, folder: Path | None) -> None:
        self._done.put(BaseModel(read_counts(language, folder)))

    def poll(self) -> BaseModel | None:
        """The model once it is read (handed over once), else None."""
        if not self.waiting:
            return None
        try:
            model = self._done.get_nowait()
        except queue.Empty:
            return None
        self.waiting = False
        return model

    def next_deadline(self, now: float) -> float | None:
        """While reading, the loop looks again shortly; None once handed over."""
        return now + POLL_S if self.waiting else None
