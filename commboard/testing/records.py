"""A file that fails like a full or read-only disk, for the event log and history."""

from __future__ import annotations

import errno
import json
import os
from typing import Any


class FailingLineFile:
    """A ``line_file.LineFile`` that fails like a full or read-only disk on chosen attempts.

    Args:
        errno_code: the error of a failing attempt (``errno.ENOSPC``: full disk,
            ``errno.EROFS``: read-only).
        failing: which attempts fail, counted from 1 (retries count too);
            ``fail_now``/``heal`` switch it by hand instead.

    ``data`` holds what was written: whole lines only, as the real file does.
    """

    def __init__(self, errno_code: int = errno.ENOSPC, failing: range = range(0)) -> None:
        self.errno_code = errno_code
        self.failing = failing
        self.broken = False
        self.attempts = 0
        self.data = b""

    def fail_now(self) -> None:
        """Fail every attempt from now on until ``heal``."""
        self.broken = True

    def heal(self) -> None:
        """Succeed again (and stop the ``failing`` range)."""
        self.broken, self.failing = False, range(0)

    def append(self, data: bytes) -> None:
        self.attempts += 1
        if self.broken or self.attempts in self.failing:
            raise OSError(self.errno_code, os.strerror(self.errno_code))
        self.data += data

    def close(self) -> None:
        pass

    def lines(self) -> list[dict[str, Any]]:
        """The JSON records written."""
        return [json.loads(line) for line in self.data.decode("utf-8").splitlines()]
