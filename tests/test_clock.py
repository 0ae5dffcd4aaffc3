"""The clock seam: virtual time moves only when told, real time only by itself."""

from __future__ import annotations

from commboard.clock import Clock, MonotonicClock, VirtualClock


def test_virtual_time_stands_still_until_advanced() -> None:
    clock = VirtualClock(12.5)
    assert clock.virtual
    assert clock.now() == clock.now() == 12.5
    clock.advance_to(13.0)
    assert clock.now() == 13.0


def test_virtual_time_never_runs_back() -> None:
    clock = VirtualClock(5.0)
    clock.advance_to(4.0)
    assert clock.now() == 5.0


def test_real_time_reads_its_source_and_cannot_be_moved() -> None:
    seconds = [100.0]
    clock = MonotonicClock(read=lambda: seconds[0])
    assert not clock.virtual
    clock.advance_to(200.0)
    assert clock.now() == 100.0, "only the source moves real time; the loop waits instead"
    seconds[0] = 101.5
    assert clock.now() == 101.5


def test_the_default_real_clock_is_monotonic() -> None:
    clock = MonotonicClock()
    readings = [clock.now() for _ in range(1000)]
    assert readings == sorted(readings) and readings[-1] > 0


def test_both_clocks_are_clocks() -> None:
    clocks: list[Clock] = [MonotonicClock(), VirtualClock(0.0)]  # mypy checks the protocol
    assert [c.virtual for c in clocks] == [False, True]
