"""Opening OpenCV captures without OpenCV's own log lines flooding the terminal.

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
    return cv2.VideoCapture(target)
