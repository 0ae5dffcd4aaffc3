"""Looks as switches (``access: gaze_switches``): a held look is a press of the scanner's switch.

``GazeSwitch`` reads looks (``signals.gaze_look.LookReader``) and turns the
accepted ones into the same ``SwitchDown``/``SwitchUp`` as a key or a long
blink, with ``source: gaze``:

* ``left_select_right_next`` -- a look to the patient's left is SELECT, to
  their right NEXT (two-switch step scanning); ``right_select_left_next`` the
  other way round; ``any_select`` -- a look left, right or up is SELECT
  (one-switch scanning).  Other looks are logged and do nothing.
* Like the blink switch, ``SwitchDown`` is back-dated to the start of the
  look, so the scanner's acceptance time is measured from there (an
  ordinary cell is accepted as the look is; a long-hold cell such as "Call
  nurse" waits while the look is held on); ``SwitchUp`` follows when the
  gaze comes back (or the face or eyes are lost).

Every accepted look is logged as ``{"type": "gaze", "event": "look",
"direction", "held_s", "amplitude"}``, and what was not a look as ``{"type":
"gaze", "event": "ignored", "direction", "reason", "held_s"}`` (docs/event-log.md).
"""

from __future__ import annotations

from commboard.effects import Cue, Log
from commboard.events import Source, Switch, SwitchDown, SwitchUp
from commboard.settings import BlinkSettings, GazeSettings, GazeSwitches
from commboard.signals.gaze_frame import Direction, GazeTuning
from commboard.signals.gaze_look import LookReader
from commboard.signals.gaze_look_outputs import Look, LookEnded, LookIgnored
from commboard.vision.sample import EyeSample

SWITCHES: dict[GazeSwitches, dict[Direction, Switch]] = {
    GazeSwitches.LEFT_SELECT: {Direction.LEFT: Switch.SELECT, Direction.RIGHT: Switch.NEXT},
    GazeSwitches.RIGHT_SELECT: {Direction.RIGHT: Switch.SELECT, Direction.LEFT: Switch.NEXT},
    GazeSwitches.ANY_SELECT: {
        Direction.LEFT: Switch.SELECT,
        Direction.RIGHT: Switch.SELECT,
        Direction.UP: Switch.SELECT,
    },
}

GazeSwitchOutput = SwitchDown | SwitchUp | Cue | Log


def tuning(gaze: GazeSettings) -> GazeTuning:
    """The look reader's tuning from the patient's gaze settings."""
    return GazeTuning(
        hold_s=gaze.hold_s,
        distance=gaze.distance,
        vertical_distance=gaze.vertical_distance,
        refractory_s=gaze.refractory_s,
        eye=gaze.eye,
        mirrored=gaze.mirrored,
    )


class PatientLooks:
    """A patient's looks read with their gaze settings; what looks as switches and halving share.

    Args:
        gaze: the patient's gaze settings (hold, distances, mapping...).
        blink: the blink settings (eye levels and head limits the looks share).
    """

    def __init__(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        self.gaze = gaze
        self.reader = LookReader(tuning(gaze), blink)

    @property
    def settings(self) -> tuple[GazeSettings, BlinkSettings]:
        """The settings in use (the board hands new ones over with ``set_settings``)."""
        return self.gaze, self.reader.blink

    def set_settings(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        """New settings from the carer; the learned rest position is kept."""
        self.gaze = gaze
        self.reader.set_tuning(tuning(gaze), blink)

    def counted(self, look: Look) -> list[Cue | Log]:
        """What every accepted look leaves: its log record, and the beep (``gaze.cue``)."""
        beep = [Cue(look.t, "", beep=True)] if self.gaze.cue else []
        return [look_log(look), *beep]


class GazeSwitch(PatientLooks):
    """Held looks as switch presses; see the module docstring."""

    def __init__(self, gaze: GazeSettings, blink: BlinkSettings) -> None:
        super().__init__(gaze, blink)
        self._down: Switch | None = None

    def update(self, sample: EyeSample) -> list[GazeSwitchOutput]:
        """Read one frame's sample: switch events and log records, in order."""
        out: list[GazeSwitchOutput] = []
        for item in self.reader.update(sample):
            match item:
                case Look():
                    out += self.counted(item)
                    switch = SWITCHES[self.gaze.switches].get(item.direction)
                    if switch is not None and self._down is None:
                        self._down = switch
                        out.append(SwitchDown(item.start_t, switch, Source.GAZE))
                case LookEnded():
                    out += self.release(item.t)
                case LookIgnored():
                    out.append(ignored_log(item))
        if not sample.face_found:
            out += self.release(sample.t)
        return out

    def release(self, t: float) -> list[SwitchUp]:
        """Let go of a switch held by a look (looks turned off, or the look is over)."""
        if self._down is None:
            return []
        switch, self._down = self._down, None
        return [SwitchUp(t, switch, Source.GAZE)]


def look_log(look: Look) -> Log:
    """The event-log record of an accepted look."""
    return Log(
        look.t,
        "gaze",
        {
            "event": "look",
            "direction": look.direction.value,
            "held_s": look.held_s,
            "amplitude": look.amplitude,
        },
    )


def ignored_log(ignored: LookIgnored) -> Log:
    """The event-log record of something that was not a look, and why."""
    direction = ignored.direction.value if ignored.direction is not None else None
    return Log(
        ignored.t,
        "gaze",
        {
            "event": "ignored",
            "direction": direction,
            "reason": ignored.reason,
            "held_s": ignored.held_s,
        },
    )
