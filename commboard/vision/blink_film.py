"""The end-to-end blink film: a synthetic-camera script and its ground truth.

One minute of the astronaut photo doing everything that must *not* select --
ordinary blinks of 0.1-0.3 s, glances, +-15 deg head tilts, 2 s without a
face, brightness halved, camera noise -- around ten deliberate closures of
1.0-1.3 s, some of them during the tilts, the dark and the noise.  Every
deliberate closure must select exactly once; nothing else may select.

``benchmarks/make_test_video.py`` films it into a video with a JSON sidecar
(``ground_truth``); the same script also runs live as ``--camera
synthetic:FILE``.  Times are seconds from the start of the film.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

from commboard.vision.face_script import FaceScript

LONG_MIN_S: Final = 0.8  # a closure at least this long is deliberate (issue 3: >= 0.8 s)
SHORT_MAX_S: Final = 0.4  # ordinary blinks last 100-400 ms (CLINICAL.md)

FILM_SCRIPT: Final = """\
# End-to-end blink film (commboard/vision/blink_film.py). 60 s at 30 fps.
# Deliberate closures: 1.0-1.3 s.  Ordinary blinks: 0.1-0.3 s.
2.0   0.15  close
4.0   1.0   close
5.5   1.0   look left
7.0   0.2   close
9.0   1.2   close
10.5  1.0   look right
12.0  4.0   rotate 15
12.8  0.12  close
13.5  1.0   close
16.5  0.3   close
18.0  4.0   rotate -15
19.0  1.1   close
21.0  0.25  close
23.0  2.0   absent
26.0  0.1   close
27.0  1.0   close
30.0  10.0  bright 0.5
31.0  0.2   close
32.0  1.3   close
33.0  13.0  noise 8
35.0  0.15  close
36.5  1.0   close
41.0  0.3   close
43.0  1.2   close
46.0  6.0   rotate 15
46.0  6.0   bright 0.5
48.0  1.0   close
50.5  0.2   close
53.0  0.1   close
55.0  1.0   close
"""
FILM_DURATION_S: Final = 58.0


def _span(start: float, duration: float) -> dict[str, float]:
    return {"start_s": start, "end_s": round(start + duration, 6), "duration_s": duration}


def ground_truth(script: FaceScript, fps: float, duration_s: float) -> dict[str, Any]:
    """What happens in the film, for checking a run against it.

    Closures (``close``) of at least ``LONG_MIN_S`` are deliberate; those of at
    most ``SHORT_MAX_S`` are ordinary blinks.  The conditions are listed so a
    failure can be traced to its cause (a tilt, the dark, the noise).
    """
    closes = [ln for ln in script.lines if ln.action == "close"]
    conditions = [
        {**_span(ln.start_s, ln.duration_s), "action": " ".join((ln.action, *ln.args))}
        for ln in script.lines
        if ln.action != "close"
    ]
    return {
        "fps": fps,
        "duration_s": duration_s,
        "frames": round(duration_s * fps),
        "long_blinks": [_span(c.start_s, c.duration_s) for c in closes
                        if c.duration_s >= LONG_MIN_S],
        "short_blinks": [_span(c.start_s, c.duration_s) for c in closes
                         if c.duration_s <= SHORT_MAX_S],
        "face_absent": [c for c in conditions if c["action"] == "absent"],
        "conditions": conditions,
        "expect": "every long blink selects exactly once; nothing else selects",
    }  # fmt: skip


def presses_per_closure(
    downs: Sequence[float], long_blinks: Sequence[Mapping[str, Any]], within_s: float
) -> list[list[float]]:
    """For each deliberate closure (``ground_truth``'s ``long_blinks``), the presses that match it.

    A press matches when its switch-down time lies within ``within_s`` of the
    closure.  A closure selected exactly once has one press; a missed one has
    none; a press that matches no closure is a false selection.
    """
    return [
        [d for d in downs if blink["start_s"] - within_s <= d <= blink["end_s"] + within_s]
        for blink in long_blinks
    ]
