"""Carer work off the frame loop (``adapters.background_work``): one at a time, never lost."""

from __future__ import annotations

import threading
import time

import pytest

from commboard.adapters.background_work import POLL_S, BackgroundWork


def wait_for(work: BackgroundWork[str]) -> str:
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        result = work.poll()
        if result is not None:
            return result
        time.sleep(0.005)
    raise AssertionError("the work never finished")


def failed(exc: Exception) -> str:
    return f"failed: {exc}"


def test_under_a_virtual_clock_the_work_is_done_at_start_and_handed_over_once() -> None:
    work = BackgroundWork[str](background=False)
    assert work.poll() is None and work.next_deadline(1.0) is None and work.doing is None
    assert work.start("Counting", lambda: "12 statements", failed)
    assert work.doing == "Counting"
    assert work.poll() == "12 statements"
    assert work.poll() is None and work.doing is None and work.next_deadline(1.0) is None


def test_a_second_job_is_refused_while_one_runs_and_the_loop_never_waits() -> None:
    released = threading.Event()
    work = BackgroundWork[str](background=True)
    assert work.start("Deleting", lambda: "deleted" if released.wait(5.0) else "timed out", failed)
    assert work.poll() is None  # returns at once while the worker waits
    assert work.next_deadline(10.0) == pytest.approx(10.0 + POLL_S)  # the loop looks again soon
    assert not work.start("Exporting", lambda: "exported", failed)  # refused: one at a time
    assert work.doing == "Deleting"
    released.set()
    assert wait_for(work) == "deleted"
    assert work.wait(1.0) and work.doing is None
    assert work.start("Exporting", lambda: "exported", failed)  # free again
    assert wait_for(work) == "exported"


def test_work_that_raises_still_hands_over_a_result_and_frees_the_worker() -> None:
    def broken() -> str:
        raise OSError(28, "No space left on device")

    work = BackgroundWork[str](background=True)
    assert work.start("Deleting", broken, failed)
    assert wait_for(work) == "failed: [Errno 28] No space left on device"
    assert work.doing is None


def test_closing_waits_a_bounded_time_for_work_still_running() -> None:
    released = threading.Event()
    work = BackgroundWork[str](background=True)
    assert work.wait(0.0)  # nothing ran
    work.start("Exporting", lambda: str(released.wait(5.0)), failed)
    assert not work.wait(0.05)  # still running: the caller says so and goes on closing
    released.set()
    assert work.wait(5.0)
