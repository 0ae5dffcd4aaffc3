"""The synthetic camera's script: what the face does when, and clear errors for bad lines."""

from __future__ import annotations

import pytest

from commboard.vision.face_script import DEMO_SCRIPT, FaceState, parse_script

SCRIPT = """\
photo hopper
# a comment line
1.0  0.5  close            # both eyes
2.0  1.0  close-left
2.5  1.0  look right 0.5
4.0  2.0  rotate -15
4.5  1.0  move 30 -10
5.0  2.0  bright 0.5
5.0  2.0  noise 8
5.5  0.5  open
8.0  2.0  absent
"""


def test_script_states_over_time() -> None:
    script = parse_script(SCRIPT)
    assert script.photo == "hopper" and script.duration_s == 10.0
    assert script.state_at(0.5) == FaceState()
    assert script.state_at(1.2) == FaceState(left_closed=True, right_closed=True)
    assert script.state_at(1.5) == FaceState()  # the end time is exclusive
    assert script.state_at(2.7) == FaceState(left_closed=True, look=(0.5, 0.0))
    assert script.state_at(4.7) == FaceState(rotate_deg=-15, move=(30, -10))
    assert script.state_at(5.7) == FaceState(rotate_deg=-15, bright=0.5, noise=8)
    assert script.state_at(9.0).absent


def test_later_lines_win_for_the_same_property() -> None:
    script = parse_script("0 5 close\n1 1 open\n")
    assert script.state_at(0.5).left_closed
    assert not script.state_at(1.5).left_closed and not script.state_at(1.5).right_closed
    assert script.state_at(2.5).right_closed


def test_repeat_loops_the_script_and_the_demo_loops() -> None:
    script = parse_script("repeat 4\n1 0.5 close-right\n")
    assert script.state_at(9.2).right_closed and not script.state_at(10.2).right_closed
    demo = parse_script(DEMO_SCRIPT)
    assert demo.repeat_s == 20 and demo.state_at(27.5).left_closed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1 1 close\n2 1 wink\n", "line 2: unknown action 'wink'"),
        ("1 close\n", "line 1: expected START_S DURATION_S ACTION"),
        ("1 0 close\n", "line 1: start must be >= 0 and duration > 0"),
        ("x 1 close\n", "line 1: .x. is not a number"),
        ("1 1 look sideways\n", "line 1: look needs left, right, up or down"),
        ("1 1 look up 2\n", "line 1: the look amount must be between 0 and 1"),
        ("1 1 move 3\n", "line 1: move takes 2 number"),
        ("1 1 rotate ten\n", "line 1: .ten. is not a number"),
        ("\n\nphoto lena\n", "line 3: photo must be one of astronaut, hopper"),
        ("repeat -1\n", "line 1: repeat needs a number of seconds > 0"),
    ],
)
def test_errors_name_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=f"^my.txt {message}"):
        parse_script(text, "my.txt")
