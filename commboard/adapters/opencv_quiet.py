"""OpenCV set up for the camera thread: quiet, and without a spinning thread pool.

Log lines: opening OpenCV captures without OpenCV's own lines flooding the terminal.

A missing ``index:N`` camera is re-probed every few seconds and an unplugged
one fails every read; OpenCV (4.11) prints a ``[ WARN ]`` line -- and for a
missing index an ``[ERROR] ... obsensor ... out of range`` line -- for each.
The board reports the camera's state itself, once per change (event log,
banner, status line), so OpenCV's lines only bury other messages.
"""

from __future__ import annotations

import os

import cv2

# OpenCV's log levels (cv2.utils.logging is not in the 4.11 wheels;
# cv2.setLogLevel takes the number): 0 silent, 1 fatal, 2 error, 3 warning.
# Fatal only: ERROR still lets the obsensor line of every probe through.
OPENCV_LOG_FATAL = 1


def quiet_opencv() -> None:
    """Keep OpenCV's WARN/ERROR lines off the terminal (for the whole process).

    A person debugging a camera can set ``OPENCV_LOG_LEVEL`` (e.g. ``INFO``):
    then the level is left as they chose.
    """
    if "OPENCV_LOG_LEVEL" not in os.environ:
        cv2.setLogLevel(OPENCV_LOG_FATAL)


def open_capture(target: int | str) -> cv2.VideoCapture:
    """``cv2.VideoCapture(target)`` (a camera index or a file) with OpenCV's log quietened first."""
    quiet_opencv()
    single_threaded_opencv()
    return cv2.VideoCapture(target)


def single_threaded_opencv() -> None:
    """Run OpenCV's calls on the thread that makes them, without its worker pool (whole process).

    The board's OpenCV calls are small and come 30 times a second from the
    camera thread: a colour conversion of each frame, and the turn of a
    rolled face.  OpenCV splits each over its pool of workers, which then
    spin (``sched_yield``) waiting for the next call.  Measured on a 640x480
    frame at 30 fps: 0.29 CPU-s per 10 s with the pool, 0.075 without, and
    the call itself no slower (0.21 ms against 0.23) -- about 1.3 CPU-s a
    minute of a bedside laptop's CPU for nothing (``benchmarks/board_cpu.py``).
    """
    cv2.setNumThreads(1)
