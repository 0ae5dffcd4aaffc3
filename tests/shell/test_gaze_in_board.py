"""Looks as switches inside the running board: the synthetic face looks, the board selects.

The real board (``shell.app.build``) headless on a virtual clock, with the
synthetic face (real pixels, real MediaPipe) at 15 fps.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pygame
import pytest

from commboard.shell.loop import BoardLoop
from commboard.testing import GAZE_CALIBRATION_FACE, YES_NO_LAYOUT, run_until


@pytest.fixture
def board(start_board: Callable[..., BoardLoop]) -> Callable[..., BoardLoop]:
    return lambda *words: start_board(
        "--camera-fps", "15", *words, layout=YES_NO_LAYOUT, camera=None, draw=True
    )


def records(tmp_path: Path) -> list[dict[str, Any]]:
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_a_held_look_selects_the_lit_cell_and_a_glance_selects_nothing(
    board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    # "look right" is the image's right: the patient's own left, SELECT by default.
    script = tmp_path / "looks.face"
    script.write_text("2.6  0.25  look right 0.8\n4.0  1.0   look right 0.8\n", encoding="utf-8")
    loop = board("--camera", f"synthetic:{script}", "--access", "gaze_switches")
    assert "looks + blink" in loop.status_text()
    run_until(loop, loop.start + 10.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    gaze = [e for e in events if e["type"] == "gaze"]
    assert [(e["event"], e.get("reason")) for e in gaze] == [("ignored", "glance"), ("look", None)]
    assert gaze[1]["direction"] == "left"
    lit = [e for e in events if e["type"] == "highlight" and e["t"] <= gaze[1]["t"]][-1]
    [chosen] = [e for e in events if e["type"] == "select"]
    assert chosen["source"] == "gaze" and chosen["cell"] == lit["cells"][0]


def test_with_no_camera_looks_fall_back_to_switch_scanning_and_the_status_line_says_so(
    start_board: Callable[..., BoardLoop],
) -> None:
    loop = start_board("--access", "gaze_switches", layout=YES_NO_LAYOUT, camera="none")
    assert "switch: keyboard (looks need the camera)" in loop.status_text()
    assert not loop.session.paused  # the keyboard switch still scans


FOUR = """\
format: 1
name: Four phrases
home: home
pages:
  - id: home
    title: Home
    rows: 2
    columns: 2
    cells:
      - {label: "Yes"}
      - {label: "No"}
      - {label: "Pain"}
      - {label: "Thank you"}
"""


def test_halving_selects_the_intended_phrase_by_looks_alone(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    # Image right = the patient's left: keep {Yes, No}; then image left = their right: "No".
    script = tmp_path / "looks.face"
    script.write_text("2.5  1.0  look right 0.8\n5.0  1.0  look left 0.8\n", encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_halving",
        layout=FOUR, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 2.0)
    halves = [cell.label for cell in loop.make_view().cells]
    assert halves == ["Yes  ·  No", "Pain  ·  Thank you"]
    assert "CHOOSING BY LOOKS" in loop.status_text()
    assert loop.make_view().arrows == (0.0, 0.0), "a big arrow at each side, empty"
    run_until(loop, loop.start + 2.8)  # the look towards the patient's left half is building
    view = loop.make_view()
    assert view.hold is not None and view.hold.cells == (0,) and 0 < view.hold.progress < 1
    assert [c.highlighted for c in view.cells] == [True, False], "the half looked at is lit"
    assert view.arrows is not None and 0 < view.arrows[0] < 1 and view.arrows[1] == 0.0
    # On screen: the left arrow is filled from its base (the half's inside) part of the
    # way to its tip; the right one is empty; no word of the labels is under an arrow.
    loop.draw()
    left, right = (loop.renderer.arrow_box(c, pygame.Rect(c.rect), view) for c in view.cells)
    assert left is not None and right is not None
    ink = pygame.Color(view.highlight_border_color)
    surface = loop.p.surface
    full = view.arrows[0]  # the filled share, from the base (right) towards the tip (left)
    base_side = (left.right - int(left.width * full / 2), left.centery)
    tip_side = (left.left + int(left.width * (1 - full) / 2), left.centery)
    assert surface.get_at(base_side)[:3] == ink[:3], "filled from the base"
    assert surface.get_at(tip_side)[:3] != ink[:3], "not yet to the tip"
    assert surface.get_at(right.center)[:3] != ink[:3], "the other arrow is empty"
    for cell in view.cells:
        words = loop.renderer.cell_areas(cell, pygame.Rect(cell.rect), view)[1]
        assert not words.colliderect(left) and not words.colliderect(right)
    run_until(loop, loop.start + 8.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    [chosen] = [e for e in events if e["type"] == "select"]
    assert (chosen["label"], chosen["source"]) == ("No", "gaze")
    assert [e["text"] for e in events if e["type"] == "speak"] == ["No"]
    [done] = [e for e in events if e.get("event") == "chosen"]
    assert done["looks"] == 2
    camera_ok = next(e["t"] for e in events if e["type"] == "camera" and e["state"] == "ok")
    scanned = [e for e in events if e["type"] == "highlight" and e["cells"] and e["t"] > camera_ok]
    assert scanned == []  # once the camera works, looks choose and nothing is scanned


def calibrate_looks(tmp_path: Path, profile: str) -> None:
    from commboard.cli import parse_options
    from commboard.shell import app

    script = tmp_path / "calibration.face"
    script.write_text(GAZE_CALIBRATION_FACE, encoding="utf-8")
    args = parse_options(
        ["calibrate", "--gaze", "--headless", "--virtual-clock", "--camera",
         f"synthetic:{script}", "--camera-fps", "15", "--speech", "none", "--profile", profile]
    )  # fmt: skip
    assert app.calibrate(args) == 0


def test_dwell_chooses_the_cell_the_patient_looks_at_after_the_gaze_calibration(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    calibrate_looks(tmp_path, "dweller")
    # Image right is the patient's left, which is the screen's left as they face it: "Yes".
    # A 0.5 s glance at "No" first chooses nothing.
    script = tmp_path / "dwell.face"
    script.write_text("3.0 0.5 look left 0.8\n5.0 3.0 look right 0.8\n", encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_dwell",
        "--profile", "dweller", layout=YES_NO_LAYOUT, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 2.0)
    assert "look at a cell for 1 s" in loop.status_text()
    assert "Look at what you want until its bar fills" in [b.text for b in loop.make_view().banners]
    run_until(loop, loop.start + 5.6)
    view = loop.make_view()
    assert view.hold is not None and view.hold.cells == (0,), "the ring fills on Yes"
    run_until(loop, loop.start + 9.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    [chosen] = [e for e in events if e["type"] == "select"]
    assert (chosen["label"], chosen["source"]) == ("Yes", "gaze")
    [dwell] = [e for e in events if e.get("event") == "dwell"]
    assert dwell["cell"] == 0 and dwell["held_s"] >= 1.0
    assert 6.0 <= dwell["t"] <= 7.0  # 1 s after the look settled (from 5 s), not the glance


def test_dwell_without_a_gaze_calibration_is_refused_and_scanning_goes_on(
    start_board: Callable[..., BoardLoop], tmp_path: Path
) -> None:
    script = tmp_path / "still.face"
    script.write_text("5.0 3.0 look right 0.8\n", encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_dwell",
        "--profile", "uncalibrated", layout=YES_NO_LAYOUT, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 3.0)
    assert "Dwell needs the gaze calibration" in loop.status_text()
    banners = [b.text for b in loop.make_view().banners]
    assert any(t.startswith("Dwell needs the gaze calibration") for t in banners), banners
    assert not loop.session.paused, "switch scanning goes on meanwhile"
    run_until(loop, loop.start + 9.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    assert not [e for e in events if e.get("event") == "dwell"]
    [off] = [e for e in events if e.get("event") == "dwell_off"]
    assert off["reason"].startswith("Dwell needs the gaze calibration")


def confirming_profile(tmp_path: Path) -> None:
    profiles = tmp_path / "config" / "profiles"
    profiles.mkdir(parents=True, exist_ok=True)
    (profiles / "confirmer.yaml").write_text("gaze:\n  confirm: true\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("after", "said"),
    [
        ("8.0  1.0  close\n", ["No"]),  # the long blink chooses the cell left
        ("8.0  1.0  look left 0.8\n", []),  # a look away cancels it: nothing is said
    ],
)
def test_halving_with_blink_confirmation_waits_for_a_long_blink_on_the_last_cell(
    start_board: Callable[..., BoardLoop], tmp_path: Path, after: str, said: list[str]
) -> None:
    """gaze.confirm: the last cell is lit and waits; the patient's long blink says it."""
    confirming_profile(tmp_path)
    script = tmp_path / "looks.face"
    looks = "2.5  1.0  look right 0.8\n5.0  1.0  look left 0.8\n"
    script.write_text(looks + after, encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_halving",
        "--profile", "confirmer", layout=FOUR, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 7.5)
    [waiting] = [c for c in loop.make_view().cells if c.label]
    assert waiting.label == "No", "one cell left, waiting for the blink"
    run_until(loop, loop.start + 12.0)
    loop.p.event_log.close()
    events = records(tmp_path)
    assert [e["text"] for e in events if e["type"] == "speak"] == said
    chosen = [e for e in events if e["type"] == "select"]
    assert [(e["label"], e["source"]) for e in chosen] == [("No", "gaze")] * len(said)
    assert all(e["t"] >= 8.4 for e in chosen), "chosen by the held blink, not when left"


LONG_WORDS = FOUR.replace('"Yes"', '"Television please"').replace('"Pain"', '"Uncomfortable"')


@pytest.mark.parametrize("size", ["720x1280", "800x480"])
def test_halving_arrows_keep_clear_of_the_words_on_small_and_portrait_screens(
    start_board: Callable[..., BoardLoop], tmp_path: Path, size: str
) -> None:
    """The arrow's outline is drawn across its edges, so half of it lay outside the box the
    words were kept clear of: at 800x480 and 720x1280 it reached the words' box, and a long
    word fitted to its width touched the arrow."""
    script = tmp_path / "rest.face"
    script.write_text("9.0  1.0  look right 0.8\n", encoding="utf-8")
    loop = start_board(
        "--camera-fps", "15", "--camera", f"synthetic:{script}", "--access", "gaze_halving",
        "--windowed", size, layout=LONG_WORDS, camera=None,
    )  # fmt: skip
    run_until(loop, loop.start + 2.0)
    loop.draw()
    view, surface = loop.make_view(), loop.p.surface
    assert view.arrows is not None
    for cell in view.cells:
        rect = pygame.Rect(cell.rect)
        arrow = loop.renderer.arrow_box(cell, rect, view)
        words = loop.renderer.cell_areas(cell, rect, view)[1]
        assert arrow is not None
        background = surface.get_at((words.centerx, words.top + 1))
        # between the arrow's side of the cell and the words: what the arrow drew
        outside = (
            range(rect.left, words.left) if cell.index == 0 else range(words.right, rect.right)
        )
        drawn = [
            x for x in outside for y in range(arrow.top, arrow.bottom, 3)
            if surface.get_at((x, y)) != background and rect.left + view.border_px <= x
            and x < rect.right - view.border_px
        ]  # fmt: skip
        clear = words.left - 1 - max(drawn) if cell.index == 0 else min(drawn) - words.right
        assert clear >= 4, f"{size}: half {cell.index}: {clear} px between arrow and words"
