"""Keeping native libraries' log lines off the terminal, so it shows only commboard's own words.

MediaPipe (TensorFlow Lite, absl) writes ``INFO: Created TensorFlow Lite
XNNPACK delegate``, ``WARNING: All log messages before absl::InitializeLog()``
and ``W0000 00:00:... inference_feedback_manager.cc:114] ...`` lines, and
ALSA's library writes ``ALSA lib confmisc.c:855:(parse_card) cannot find
card '0'`` when pygame's mixer looks for a sound card that is not there.  A
newcomer reads them as errors; none of them is one.  They are written by C
code straight to file descriptor 2, before or beside anything Python can
configure: MediaPipe 0.10 ignores ``GLOG_minloglevel`` and
``TF_CPP_MIN_LOG_LEVEL`` and exports no absl call to lower its level.

So ``keep_native_logs_quiet`` points descriptor 2 at a pipe read by a
thread that drops those lines and passes every other line on, while
Python's own ``sys.stderr`` (our messages, tracebacks, ``faulthandler``)
keeps writing to the terminal directly and is never held up or lost.
Setting ``COMMBOARD_NATIVE_LOGS=1`` shows everything, for whoever is
debugging MediaPipe or the sound card.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import sys
import threading
from typing import BinaryIO

SHOW_ALL = "COMMBOARD_NATIVE_LOGS"
# The lines we drop, and only these: glog/absl lines below FATAL ("W0000
# 00:00:1796094061.995654   13735 file.cc:114] ..."), TensorFlow Lite's INFO
# lines, absl's notice that it was never initialised, and ALSA library errors.
NOISE = re.compile(
    rb"^(?:[IWE]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w./-]+:\d+\] "
    rb"|INFO: Created TensorFlow Lite "
    rb"|WARNING: All log messages before absl::InitializeLog\(\) is called"
    rb"|ALSA lib )"
)


def is_noise(line: bytes) -> bool:
    """True for a native library's log line that says nothing a carer can act on."""
    return NOISE.match(line) is not None


def pass_on(source: BinaryIO, target: int) -> None:
    """Copy ``source`` line by line to descriptor ``target``, less the noise, until it ends.

    A terminal that went away loses the lines, never the draining: a full
    pipe would block the native code writing to it (the camera thread).
    """
    for line in source:
        if not is_noise(line):
            with contextlib.suppress(OSError):
                os.write(target, line)


class QuietNativeLogs:
    """Descriptor 2 through the noise filter; ``stop`` puts it back.

    Only for the real command line: it changes process-wide descriptors, so
    tests that call ``commboard.cli.main`` with arguments never start it.
    """

    def __init__(self) -> None:
        sys.stderr.flush()
        self._terminal = os.dup(2)
        read, write = os.pipe()
        os.dup2(write, 2)
        os.close(write)
        # Should the filter ever stop reading, a full pipe drops native lines
        # instead of blocking the thread that writes them.
        os.set_blocking(2, False)
        # Our own words go straight to the terminal, not through the pipe.
        sys.stderr = open(  # noqa: SIM115 - lives as long as the process
            os.dup(self._terminal), "w", buffering=1, encoding="utf-8", errors="backslashreplace"
        )
        source = open(read, "rb")  # noqa: SIM115 - closed by the thread at its end
        self._thread = threading.Thread(
            target=self._run, args=(source,), name="commboard-native-logs", daemon=True
        )
        self._thread.start()

    def _run(self, source: BinaryIO) -> None:
        with source:
            pass_on(source, self._terminal)

    def stop(self) -> None:
        """Descriptor 2 back to the terminal; what is still in the pipe is passed on first."""
        if self._terminal < 0:
            return
        os.dup2(self._terminal, 2)  # closes the pipe's last write end held here
        self._thread.join(timeout=0.5)  # a child may still hold one: do not wait for it
        self._terminal = -1


def keep_native_logs_quiet() -> QuietNativeLogs | None:
    """Start filtering descriptor 2 for this process and its children (None: shown on request).

    Call it before MediaPipe, OpenCV or pygame's mixer load; it stops by itself at exit.
    """
    if os.environ.get(SHOW_ALL):
        return None
    try:
        quiet = QuietNativeLogs()
    except OSError:  # no descriptor 2 to filter (a daemon): nothing to keep quiet
        return None
    atexit.register(quiet.stop)
    return quiet
