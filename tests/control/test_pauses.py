"""One owner for why scanning is paused: the scanner pauses on the first reason, resumes after the last."""

from __future__ import annotations

import pytest

from commboard.control.pauses import PauseOwner, pause_record
from commboard.effects import Alarm, Effect, Log, Notice, Paused, PauseReason, Resumed

CARER, FACE, REST, HELP = (
    PauseReason.CARER_SCREEN,
    PauseReason.FACE_LOST,
    PauseReason.RESTING,
    PauseReason.HELP_CALLED,
)


class Scanner:
    """Counts pauses and resumes, and answers with a marker effect for each."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, float]] = []

    def pause(self, now: float) -> list[Effect]:
        self.calls.append(("pause", now))
        return [Notice(now, "frozen")]

    def resume(self, now: float) -> list[Effect]:
        self.calls.append(("resume", now))
        return [Notice(now, "moving")]


def test_the_first_reason_pauses_the_scanner_and_the_last_resumes_it() -> None:
    owner, scanner = PauseOwner(), Scanner()
    assert owner.hold(FACE, 1.0, scanner) == [Notice(1.0, "frozen"), Paused(1.0, FACE)]
    assert owner.hold(CARER, 2.0, scanner) == [Paused(2.0, CARER, (FACE,))]
    assert owner.release(CARER, 3.0, scanner) == [Resumed(3.0, CARER, (FACE,))]
    assert owner.release(FACE, 4.0, scanner) == [Resumed(4.0, FACE), Notice(4.0, "moving")]
    assert scanner.calls == [("pause", 1.0), ("resume", 4.0)]


def test_the_board_names_the_oldest_reason_still_holding() -> None:
    owner, scanner = PauseOwner(), Scanner()
    assert owner.shown is None
    owner.hold(REST, 1.0, scanner)
    owner.hold(CARER, 2.0, scanner)
    assert owner.shown is REST and owner.reasons == (REST, CARER)
    owner.release(REST, 3.0, scanner)
    assert owner.shown is CARER and owner.holds(CARER) and not owner.holds(REST)


def test_holding_twice_or_releasing_what_is_not_held_changes_nothing() -> None:
    owner, scanner = PauseOwner(), Scanner()
    owner.hold(CARER, 1.0, scanner)
    assert owner.hold(CARER, 2.0, scanner) == []
    assert owner.release(FACE, 2.0, scanner) == []
    assert owner.want(CARER, True, 3.0, scanner) == []
    assert owner.want(CARER, False, 4.0, scanner)[0] == Resumed(4.0, CARER)
    assert scanner.calls == [("pause", 1.0), ("resume", 4.0)]


def test_waiting_for_the_switch_is_the_scanners_own_stop_not_held() -> None:
    with pytest.raises(ValueError):
        PauseOwner().hold(PauseReason.WAITING, 1.0, Scanner())


def test_a_call_for_help_holds_scanning_right_after_the_alarm() -> None:
    owner, scanner = PauseOwner(), Scanner()
    said = Log(5.0, "alarm", {"text": "Help"})
    out = owner.follow([Alarm(5.0, "Help"), said], scanner)
    assert out == [Alarm(5.0, "Help"), Notice(5.0, "frozen"), Paused(5.0, HELP), said]
    assert owner.follow([said], scanner) == [said]


def test_records_keep_the_scan_lines_and_name_overlaps() -> None:
    assert pause_record(Paused(1.0, FACE)) == Log(
        1.0, "scan", {"event": "paused", "reason": "face lost"}
    )
    assert pause_record(Resumed(2.0, FACE)) == Log(2.0, "scan", {"event": "resumed"})
    assert pause_record(Paused(3.0, PauseReason.WAITING)) == Log(3.0, "scan", {"event": "waiting"})
    added = pause_record(Paused(4.0, CARER, (REST,)))
    assert added == Log(
        4.0, "pause", {"event": "added", "reason": "carer menu", "held": ["rest", "carer menu"]}
    )
    left = pause_record(Resumed(5.0, REST, (CARER,)))
    assert left == Log(
        5.0, "pause", {"event": "released", "reason": "rest", "held": ["carer menu"]}
    )
