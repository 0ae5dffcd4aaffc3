"""The board's face tracker starts without importing the rest of MediaPipe.

``import mediapipe`` also imported matplotlib and MediaPipe's Tasks API:
about 1 s of the board's start and 60 MB of the bedside laptop's memory,
for code the board never calls.  Each check runs in a fresh interpreter,
since what is imported is process-wide.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

START_TRACKER = """
import sys
import numpy as np
from skimage import data
import cv2
from commboard.adapters.mediapipe_mesh import MediaPipeMesh
mesh = MediaPipeMesh(video=False)
points = mesh.detect(np.ascontiguousarray(cv2.resize(data.astronaut(), (640, 480))))
print("landmarks", None if points is None else points.shape[0])
print("matplotlib", "matplotlib" in sys.modules)
print("tasks", "mediapipe.tasks" in sys.modules)
"""


def run(code: str) -> dict[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return dict(line.split(" ", 1) for line in done.stdout.splitlines() if " " in line)


def test_the_tracker_finds_a_face_without_importing_plotting_or_tasks() -> None:
    seen = run(START_TRACKER)
    assert seen["landmarks"] == "478"
    assert seen["matplotlib"] == "False"
    assert seen["tasks"] == "False"


def test_the_ordinary_control_imports_plotting() -> None:
    """Without the lean import, MediaPipe pulls matplotlib in (what this saves)."""
    seen = run("import sys, mediapipe\nprint('matplotlib', 'matplotlib' in sys.modules)\n")
    assert seen["matplotlib"] == "True"


def test_mediapipe_used_the_ordinary_way_afterwards_is_complete() -> None:
    """Code that imports MediaPipe later in the same process gets all of it."""
    seen = run(
        START_TRACKER
        + """
import mediapipe as mp
print("version", mp.__version__)
print("hands", mp.solutions.hands.Hands.__name__)
print("tasks_after", hasattr(mp.tasks, "vision"))
print("same", mp.solutions.face_mesh is sys.modules["mediapipe.python.solutions.face_mesh"])
"""
    )
    assert seen["version"] == "0.10.21"
    assert seen["hands"] == "Hands"
    assert seen["tasks_after"] == "True"
    assert seen["same"] == "True"


def test_after_an_ordinary_import_the_tracker_uses_it() -> None:
    seen = run(
        "import mediapipe\n"
        + START_TRACKER
        + "print('full', hasattr(sys.modules['mediapipe'], 'tasks'))\n"
    )
    assert seen["landmarks"] == "478"
    assert seen["full"] == "True"
