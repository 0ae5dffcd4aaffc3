"""Why scanning is paused: one owner for every reason, and the effects of a change.

A carer screen, a lost face, a rest and a call for help can each hold the
scanner still, and more than one can at once (the carer opens the menu
while the patient rests).  ``PauseOwner`` keeps the set of reasons that
hold it: the scanner pauses when the first one arrives and resumes when
the last one is gone, so no rule can resume a pause another still needs.
Each change is an effect: ``Paused(reason)`` / ``Resumed(reason)``, with
the other reasons that hold it (``also``, ``still``); the shell's performer
writes their records (``pause_record``) to the event log.  The board shows the oldest reason still
holding (``shown``): it is the one the patient and carer saw appear.
"""

from __future__ import annotations

from typing import Protocol

from commboard.effects import Alarm, Effect, Log, Paused, PauseReason, Resumed

HELD = frozenset(set(PauseReason) - {PauseReason.WAITING})
"""Reasons an owner holds; ``WAITING`` is the scanner's own stop, ended by a switch press."""


class Pausable(Protocol):
    """What can be paused: the session (which pauses its scanner)."""

    def pause(self, now: float) -> list[Effect]: ...

    def resume(self, now: float) -> list[Effect]: ...


class PauseOwner:
    """The reasons scanning is paused now, oldest first; the only caller of pause and resume."""

    def __init__(self) -> None:
        self._reasons: list[PauseReason] = []

    @property
    def reasons(self) -> tuple[PauseReason, ...]:
        """Every reason holding scanning now, oldest first (empty: it runs)."""
        return tuple(self._reasons)

    @property
    def shown(self) -> PauseReason | None:
        """The reason the board names: the oldest one still holding (None: not paused).

        Choosing by looks holds the scanner for as long as it is the access
        method; any other reason is named before it.
        """
        others = [r for r in self._reasons if r is not PauseReason.LOOKS]
        return others[0] if others else (self._reasons[0] if self._reasons else None)

    def holds(self, reason: PauseReason) -> bool:
        """Whether ``reason`` is one of the reasons holding scanning."""
        return reason in self._reasons

    def hold(self, reason: PauseReason, now: float, scanner: Pausable) -> list[Effect]:
        """``reason`` holds scanning from ``now``; the scanner pauses if nothing held it yet."""
        if reason not in HELD:
            raise ValueError(f"{reason!r} is not a reason an owner holds")
        if reason in self._reasons:
            return []
        also = tuple(self._reasons)
        self._reasons.append(reason)
        if also:
            return [Paused(now, reason, also)]
        return [*scanner.pause(now), Paused(now, reason)]

    def release(self, reason: PauseReason, now: float, scanner: Pausable) -> list[Effect]:
        """``reason`` no longer holds scanning; the scanner resumes if it was the last one."""
        if reason not in self._reasons:
            return []
        self._reasons.remove(reason)
        if self._reasons:
            return [Resumed(now, reason, tuple(self._reasons))]
        return [Resumed(now, reason), *scanner.resume(now)]

    def want(
        self, reason: PauseReason, wanted: bool, now: float, scanner: Pausable
    ) -> list[Effect]:
        """Hold ``reason`` if ``wanted``, else release it (for rules re-stated every frame)."""
        if wanted:
            return self.hold(reason, now, scanner)
        return self.release(reason, now, scanner)

    def want_one(
        self,
        reasons: tuple[PauseReason, ...],
        wanted: PauseReason | None,
        now: float,
        scanner: Pausable,
    ) -> list[Effect]:
        """Hold ``wanted`` (if any) and release the other ``reasons`` (one input's pauses)."""
        effects = self.hold(wanted, now, scanner) if wanted is not None else []
        for reason in reasons:
            if reason is not wanted:
                effects += self.release(reason, now, scanner)
        return effects

    def follow(self, effects: list[Effect], scanner: Pausable) -> list[Effect]:
        """``effects`` with the pauses they call for: a call for help holds scanning.

        The pause comes right after the ``Alarm``, before anything the session
        said after it, as the alarm's own consequence.
        """
        out: list[Effect] = []
        for effect in effects:
            out.append(effect)
            if isinstance(effect, Alarm):
                out += self.hold(PauseReason.HELP_CALLED, effect.t, scanner)
        return out


def pause_record(effect: Paused | Resumed) -> Log:
    """The event-log record of a pause change (docs/event-log.md: ``scan`` and ``pause``).

    Scanning stopping or going on is a ``scan`` record, as the scanner always
    wrote it; a reason joining or leaving while scanning stays paused for
    another is a ``pause`` record naming the reasons that hold it.
    """
    t = effect.t
    match effect:
        case Paused(reason=PauseReason.WAITING):
            return Log(t, "scan", {"event": "waiting"})
        case Paused(reason=reason, also=()):
            return Log(t, "scan", {"event": "paused", "reason": reason.value})
        case Paused(reason=reason, also=also):
            held = [r.value for r in (*also, reason)]
            return Log(t, "pause", {"event": "added", "reason": reason.value, "held": held})
        case Resumed(still=()):
            return Log(t, "scan", {"event": "resumed"})
        case Resumed(reason=reason, still=still):
            held = [r.value for r in still]
            return Log(t, "pause", {"event": "released", "reason": reason.value, "held": held})
