"""Fakes shipped with the package, for tests, benchmarks and headless runs.

Each seam has a real adapter and a fake here.  Add a fake with a small,
self-contained insertion; do not reorganise this file.
"""

from __future__ import annotations


class FakeClock:
    """A monotonic clock the test advances by hand."""

    def __init__(self, start: float = 0.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> float:
        self.now += seconds
        return self.now
