"""The synthetic camera's script: what the animated face does, and when. Pure parsing and timing.

A script is plain text, one instruction per line (``#`` starts a comment)::

    photo astronaut          # optional: astronaut (default) or hopper
    repeat 20                # optional: play the script again every 20 s
    2.0   0.15  close        # START_S DURATION_S ACTION [ARGS]
    6.0   1.0   close-left
    9.0   2.0   look left 0.8
    12.0  2.0   rotate 15
    14.0  2.0   move 40 -20
    16.0  3.0   bright 0.5
    16.0  3.0   noise 8
    20.0  2.0   absent

Actions: ``open``, ``close``, ``close-left``, ``close-right`` (the patient's own
left/right eye, which is on the image's right/left), ``look left|right|up|down
[AMOUNT]`` (image directions; AMOUNT 0..1 of the way to the eye corner, default
0.8; ``up-left``, ``down-right``... move both ways by AMOUNT), ``rotate DEG`` (clockwise on screen, so ``roll_deg`` reads +DEG), ``move
DX DY`` (pixels), ``bright FACTOR``, ``noise SIGMA`` (grey levels), ``absent``
(no face in the picture).  Lines overlap freely; for the same property the
later line wins.  Outside every line the face looks straight ahead, eyes open.
The full description is in ``docs/camera.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Final

PHOTOS: Final = ("astronaut", "hopper")
_LOOK: Final = {
    "left": (-1.0, 0.0), "right": (1.0, 0.0), "up": (0.0, -1.0), "down": (0.0, 1.0),
    "up-left": (-1.0, -1.0), "up-right": (1.0, -1.0),
    "down-left": (-1.0, 1.0), "down-right": (1.0, 1.0),
}  # fmt: skip
_ARGS: Final = {
    "open": 0, "close": 0, "close-left": 0, "close-right": 0, "absent": 0,
    "rotate": 1, "bright": 1, "noise": 1, "move": 2,
}  # fmt: skip

DEMO_SCRIPT: Final = """\
# The built-in demo: ordinary blinks, one deliberate 1 s blink, a glance each way.
repeat 20
2.0   0.15  close
5.0   0.2   close
7.0   1.0   close
11.0  0.12  close
12.5  1.5   look left
14.5  1.5   look right
17.0  2.0   rotate 10
"""


@dataclass(frozen=True, slots=True)
class FaceState:
    """What the synthetic face looks like at one moment."""

    left_closed: bool = False  # the patient's left eye (image right)
    right_closed: bool = False
    look: tuple[float, float] = (0.0, 0.0)  # iris shift, image x/y, -1..1
    rotate_deg: float = 0.0
    move: tuple[float, float] = (0.0, 0.0)
    bright: float = 1.0
    noise: float = 0.0
    absent: bool = False


@dataclass(frozen=True, slots=True)
class ScriptLine:
    start_s: float
    duration_s: float
    action: str
    args: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FaceScript:
    lines: tuple[ScriptLine, ...] = ()
    repeat_s: float | None = None
    photo: str = "astronaut"

    @property
    def duration_s(self) -> float:
        """When the last line ends (0 for an empty script)."""
        return max((ln.start_s + ln.duration_s for ln in self.lines), default=0.0)

    def state_at(self, t_s: float) -> FaceState:
        """The face at ``t_s`` seconds after the script started."""
        if self.repeat_s:
            t_s %= self.repeat_s
        state = FaceState()
        for ln in self.lines:
            if ln.start_s <= t_s < ln.start_s + ln.duration_s:
                state = _apply(state, ln)
        return state


def _apply(state: FaceState, ln: ScriptLine) -> FaceState:
    match ln.action:
        case "open":
            return replace(state, left_closed=False, right_closed=False)
        case "close":
            return replace(state, left_closed=True, right_closed=True)
        case "close-left":
            return replace(state, left_closed=True)
        case "close-right":
            return replace(state, right_closed=True)
        case "look":
            dx, dy = _LOOK[ln.args[0]]
            amount = float(ln.args[1]) if len(ln.args) > 1 else 0.8
            return replace(state, look=(dx * amount, dy * amount))
        case "rotate":
            return replace(state, rotate_deg=float(ln.args[0]))
        case "move":
            return replace(state, move=(float(ln.args[0]), float(ln.args[1])))
        case "bright":
            return replace(state, bright=float(ln.args[0]))
        case "noise":
            return replace(state, noise=float(ln.args[0]))
    return replace(state, absent=True)


def _number(word: str) -> float:
    """``word`` as a number; the error says which word in plain words (shown to the carer)."""
    try:
        return float(word)
    except ValueError:
        raise ValueError(f"{word!r} is not a number") from None


def _check_args(action: str, args: list[str]) -> None:
    if action == "look":
        if not args or args[0] not in _LOOK or len(args) > 2:
            raise ValueError(
                "look needs left, right, up or down (or up-left, down-right...) and an optional amount"
            )
        if len(args) == 2 and not 0.0 <= _number(args[1]) <= 1.0:
            raise ValueError("the look amount must be between 0 and 1")
        return
    if action not in _ARGS:
        raise ValueError(f"unknown action {action!r}")
    if len(args) != _ARGS[action]:
        raise ValueError(f"{action} takes {_ARGS[action]} number(s), got {len(args)}")
    for a in args:
        _number(a)


def _parse_line(words: list[str]) -> ScriptLine:
    if len(words) < 3:
        raise ValueError("expected START_S DURATION_S ACTION [ARGS]")
    start, duration = _number(words[0]), _number(words[1])
    if start < 0 or duration <= 0:
        raise ValueError("start must be >= 0 and duration > 0")
    action, args = words[2].lower(), [w.lower() for w in words[3:]]
    _check_args(action, args)
    return ScriptLine(start, duration, action, tuple(args))


def _setting(script: FaceScript, words: list[str]) -> FaceScript:
    if words[0].lower() == "photo":
        if len(words) != 2 or words[1].lower() not in PHOTOS:
            raise ValueError(f"photo must be one of {', '.join(PHOTOS)}")
        return replace(script, photo=words[1].lower())
    if len(words) != 2 or not _number(words[1]) > 0:
        raise ValueError("repeat needs a number of seconds > 0")
    return replace(script, repeat_s=float(words[1]))


def parse_script(text: str, name: str = "script") -> FaceScript:
    """Parse a script; errors name the file and line, e.g. ``demo.txt line 3: unknown action``.

    Raises:
        ValueError: on the first line that cannot be understood.
    """
    script = FaceScript()
    lines: list[ScriptLine] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        words = raw.split("#", 1)[0].split()
        try:
            if not words:
                continue
            if words[0].lower() in ("photo", "repeat"):
                script = _setting(script, words)
            else:
                lines.append(_parse_line(words))
        except ValueError as err:
            raise ValueError(f"{name} line {number}: {err}") from None
    return replace(script, lines=tuple(lines))
