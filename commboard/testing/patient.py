"""A simulated patient for soak runs: drowsy eyes on a camera, and a switch used on purpose.

* :class:`DrowsyEyes` is a camera feed (``shell.eye_input.Feed``) that makes
  eye samples on demand, frame by frame, for hours: ordinary blinks of
  0.1-0.45 s, now and then a drowsy one long enough to select by itself
  (CLINICAL.md: 2.3% of blinks last 0.5 s or more in drowsy eyes), the face
  out of the picture for a while, and a rest (eyes shut 4.5 s) followed by the
  wake pattern (two long blinks).  Those long blinks select whatever is
  highlighted: they are the patient's *unintended* selections.
* :class:`Intentions` is what the patient means to do with their switch:
  every few minutes a phrase, or a care decision (open My care, choose it,
  answer Yes).  It presses when the scan highlights the group holding the
  next target, like a patient watching the board, answers No to a question
  it did not mean to be asked, and remembers which decisions it meant, so a
  soak can count the decisions on record the patient never intended.

Both are deterministic for a seed.  Nothing here imports the shell.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from commboard.control.decision_confirmation import CONFIRM_PAGE_ID, NO_CELL, YES_CELL
from commboard.vision.sample import CameraState, CameraStatus, EyeSample

OPEN_EAR, CLOSED_EAR = 0.30, 0.12


@dataclass
class DrowsyEyes:
    """Eye samples for as long as asked: blinks, drowsy long blinks, face lost, rest and wake.

    Args:
        seed: the random seed.
        fps: frames per second.
        start_t: the first frame's stamp.
        long_blink_share: the share of blinks long enough (0.5-0.8 s) to select.
    """

    seed: int = 12
    fps: float = 30.0
    start_t: float = 0.0
    long_blink_share: float = 0.023
    closures: list[tuple[float, float]] = field(default_factory=list)  # (from, to), pending
    absent: list[tuple[float, float]] = field(default_factory=list)
    frames_made: int = 0
    long_blinks: int = 0
    started: bool = False

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._next_t = self.start_t
        self._plan_until = self.start_t
        self._status_sent = False

    # -- the feed protocol ------------------------------------------------------

    def start(self) -> None:
        self.started = True

    def close(self) -> None:
        self.started = False

    def latest_frame(self) -> None:
        return None

    def drain(self, now: float) -> list[EyeSample | CameraStatus]:
        """Every frame stamped up to ``now`` (the camera working from the first)."""
        out: list[EyeSample | CameraStatus] = []
        if not self._status_sent:
            out.append(CameraStatus(self.start_t, CameraState.OK, "Camera working"))
            self._status_sent = True
        while self._next_t <= now + 1e-9:
            out.append(self._sample(self._next_t))
            self.frames_made += 1
            self._next_t = self.start_t + self.frames_made / self.fps
        return out

    # -- the eyes -----------------------------------------------------------------

    def _plan(self, t: float) -> None:
        """Write the next stretch of behaviour: a blink, a face lost, or a rest and wake."""
        rng, at = self._rng, max(self._plan_until, t)
        roll = rng.random()
        if roll < 0.0008:  # about every 20 minutes: out of the picture 5-30 s
            gone = rng.uniform(5.0, 30.0)
            self.absent.append((at, at + gone))
            self._plan_until = at + gone + 1.0
        elif roll < 0.0011:  # about every hour: rest (4.5 s shut), then the wake pattern
            self.closures += [(at, at + 4.5), (at + 12.0, at + 12.9), (at + 14.0, at + 14.9)]
            self._plan_until = at + 20.0
        else:
            gap = rng.uniform(2.0, 6.0)
            if rng.random() < self.long_blink_share:
                length = rng.uniform(0.5, 0.8)
                self.long_blinks += 1
            else:
                length = rng.choice((0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.45))
            self.closures.append((at + gap, at + gap + length))
            self._plan_until = at + gap + length

    def _sample(self, t: float) -> EyeSample:
        while self._plan_until <= t:
            self._plan(t)
        while self.absent and self.absent[0][1] < t:
            self.absent.pop(0)
        while self.closures and self.closures[0][1] < t:
            self.closures.pop(0)
        if self.absent and self.absent[0][0] <= t:
            return EyeSample(t=t, face_found=False)
        shut = bool(self.closures) and self.closures[0][0] <= t
        ear = CLOSED_EAR if shut else OPEN_EAR
        return EyeSample(
            t=t, face_found=True, ear_left=ear, ear_right=ear, iris_left=(0.0, 0.0),
            iris_right=(0.0, 0.0), yaw_deg=0.0, pitch_deg=0.0, roll_deg=0.0, face_width=0.3,
            brightness=120.0,
        )  # fmt: skip


# What the patient means to say: (page, cell) steps on the built-in English layout.
PHRASE = (("home", 13),)  # "Thank you"
DECISION = (("home", 10), ("mycare", 3), (CONFIRM_PAGE_ID, YES_CELL), ("mycare", 1))
DECISION_TEXT = "I don't agree"
DARK_S = 4.0  # nothing lit this long: scanning has stopped, not just paused after a selection


@dataclass
class Intentions:
    """The patient's purposeful switch use, decided frame by frame from what the board shows.

    When scanning has stopped (its passes ran out), a patient with something
    to say presses once to start it again.

    ``press(now, page, highlighted, home_cell)`` answers whether the patient
    presses now.  Every ``every_s`` (on average) a new intention starts from
    the home page: a phrase, or (one time in ``decision_every``) the decision
    "I don't agree", confirmed with Yes.  Asked a question it did not mean
    (a stray blink chose a decision), the patient answers No when it notices
    (``notices`` of the time; otherwise the question times out).
    """

    seed: int = 7
    every_s: float = 180.0
    decision_every: int = 4
    notices: float = 0.7
    steps: list[tuple[str, int]] = field(default_factory=list)
    intended: list[tuple[float, str]] = field(default_factory=list)  # (when meant, words)
    next_at: float = 30.0
    answered_no: int = 0
    _busy_until: float = 0.0
    _question_seen: bool = False
    _dark_since: float | None = None

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._count = 0

    def _begin(self, now: float) -> None:
        self._count += 1
        if self._count % self.decision_every == 0:
            self.steps = list(DECISION)
            self.intended.append((now, DECISION_TEXT))
        else:
            self.steps = list(PHRASE)
        self.next_at = now + self._rng.expovariate(1.0 / self.every_s)

    def press(
        self, now: float, page: str, highlighted: tuple[int, ...], home_cell: int | None
    ) -> bool:
        """Whether the patient presses the switch now."""
        if now < self._busy_until:
            return False
        if not highlighted:
            return self._restart(now, page)
        self._dark_since = None
        if page == CONFIRM_PAGE_ID and (not self.steps or self.steps[0][0] != CONFIRM_PAGE_ID):
            return self._unmeant_question(now, highlighted)
        self._question_seen = False
        if not self.steps and now >= self.next_at and page == "home":
            self._begin(now)
        return bool(self.steps) and self._toward(now, page, highlighted, home_cell)

    def _restart(self, now: float, page: str) -> bool:
        """Nothing lit for a while (scanning stopped after its passes): press to start it.

        Not at once: right after a selection nothing is lit for the undo window,
        and a press then would undo it.
        """
        if self._dark_since is None:
            self._dark_since = now
        wants = bool(self.steps) or (now >= self.next_at and page == "home")
        if not wants or now - self._dark_since < DARK_S:
            return False
        self._busy_until = now + 1.2
        self._dark_since = None
        return True

    def _toward(
        self, now: float, page: str, highlighted: tuple[int, ...], home_cell: int | None
    ) -> bool:
        """A press towards the next step of the intention (or home, after a stray selection)."""
        want_page, cell = self.steps[0]
        if want_page != page:  # a stray selection moved the board: go home, start again
            if home_cell is None or page == "home":
                self.steps = []
                return False
            want_page, cell = page, home_cell
        if cell not in highlighted:
            return False
        if len(highlighted) == 1 and want_page == self.steps[0][0]:
            self.steps.pop(0)
        self._busy_until = now + 1.2  # the press, and a moment to see what it did
        return True

    def _unmeant_question(self, now: float, highlighted: tuple[int, ...]) -> bool:
        if not self._question_seen:
            self._question_seen = True
            self._noticed = self._rng.random() < self.notices
        if self._noticed and highlighted == (NO_CELL,):
            self.answered_no += 1
            self._busy_until = now + 1.2
            self._noticed = False
            return True
        return False
