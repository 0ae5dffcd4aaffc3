"""The end-to-end blink film's ground truth, and real pixels through the pipeline into the blink switch."""

from __future__ import annotations

import pytest

from commboard.adapters.camera_worker import open_vision
from commboard.clock import VirtualClock
from commboard.events import SwitchDown
from commboard.settings import BlinkSettings
from commboard.signals.blink_switch import BlinkSwitch
from commboard.vision.blink_film import (
    FILM_DURATION_S,
    FILM_SCRIPT,
    ground_truth,
    presses_per_closure,
)
from commboard.vision.face_script import parse_script
from commboard.vision.sample import EyeSample


def test_film_has_what_the_issue_asks_for() -> None:
    truth = ground_truth(parse_script(FILM_SCRIPT), 30.0, FILM_DURATION_S)
    longs, shorts = truth["long_blinks"], truth["short_blinks"]
    assert len(longs) == 10 and all(b["duration_s"] >= 0.8 for b in longs)
    assert len(shorts) == 11 and all(0.1 <= b["duration_s"] <= 0.3 for b in shorts)
    assert [(a["start_s"], a["duration_s"]) for a in truth["face_absent"]] == [(23.0, 2.0)]
    actions = {c["action"] for c in truth["conditions"]}
    assert {"rotate 15", "rotate -15", "bright 0.5", "noise 8"} <= actions
    assert truth["frames"] == 1740
    spans = sorted((b["start_s"], b["end_s"]) for b in longs + shorts)
    assert all(a_end < b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:], strict=False))


def test_presses_are_matched_to_the_closure_they_fall_in_with_a_tolerance() -> None:
    script = parse_script("2.0 1.0 close\n5.0 1.2 close\n9.0 1.0 close\n")
    longs = ground_truth(script, 30.0, 12.0)["long_blinks"]
    downs = [1.96, 2.5, 4.92, 6.4, 7.0]  # 6.4 and 7.0: after the second closure ended
    assert presses_per_closure(downs, longs, within_s=0.05) == [[1.96, 2.5], [], []]
    assert presses_per_closure(downs, longs, within_s=0.1) == [[1.96, 2.5], [4.92], []]


SCRIPT = """\
1.0   0.2   close
2.0   1.0   close
4.0   0.3   close
5.0   2.5   rotate 15
5.5   1.2   close
8.0   1.5   absent
8.5   0.8   close
10.0  1.0   bright 0.5
10.0  1.0   noise 8
10.2  0.15  close
"""


def test_long_closures_on_real_pixels_select_and_nothing_else_does(tmp_path) -> None:
    script = tmp_path / "face.txt"
    script.write_text(SCRIPT)
    feed = open_vision(f"synthetic:{script}", clock=VirtualClock(0.0), size=(640, 480), fps=30.0,
                       start_t=0.0)  # fmt: skip
    feed.start()
    switch = BlinkSwitch(BlinkSettings())
    downs = [
        e.t
        for item in feed.drain(11.5)
        if isinstance(item, EyeSample)
        for e in switch.update(item)
        if isinstance(e, SwitchDown)
    ]
    feed.close()
    # The 1.0 s and the tilted 1.2 s closures; not the 0.15-0.3 s blinks, and not the
    # closure "behind" the missing face.  SwitchDown is dated to the start of the closure.
    assert downs == [pytest.approx(2.0, abs=0.05), pytest.approx(5.5, abs=0.05)]
