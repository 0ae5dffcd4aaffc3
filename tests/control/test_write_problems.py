"""A failing file is shown and recorded once when it starts, kept up to date, and closed once."""

from __future__ import annotations

from commboard.control.write_problems import WriteStatus, event_log_watch, history_watch
from commboard.effects import Banner, HideBanner, Log, Notice, ShowBanner

FULL = "the disk is full (/d/history.jsonl)"


def test_a_history_failure_is_one_banner_one_error_and_one_resumption() -> None:
    watch = history_watch()
    assert watch.check(WriteStatus(), 0.0) == []
    assert watch.check(WriteStatus(None, 1), 0.5) == []  # being written: not a problem

    first = watch.check(WriteStatus(FULL, 1), 1.0)
    assert first == [
        Log(1.0, "error", {"source": "history", "message": FULL}),
        ShowBanner(
            1.0,
            Banner(
                "history-save",
                f"What you say is not being saved: {FULL}. "
                "1 statement is kept and will be saved when it works again.",
            ),
        ),
    ]
    assert watch.check(WriteStatus(FULL, 1), 2.0) == []  # nothing new: nothing again
    more = watch.check(WriteStatus(FULL, 3), 3.0)
    assert [type(e) for e in more] == [ShowBanner]  # the same banner, its count kept up to date
    assert "3 statements are kept" in more[0].banner.text  # type: ignore[union-attr]

    assert watch.check(WriteStatus(None, 1, written_late=2), 4.0) == []  # still catching up
    assert watch.check(WriteStatus(None, 0, written_late=3), 5.0) == [
        HideBanner(5.0, "history-save"),
        Log(5.0, "writing_resumed", {"source": "history", "kept": 3, "dropped": 0}),
        Notice(5.0, "What you say is being saved again."),
    ]
    assert watch.check(WriteStatus(None, 0, written_late=3), 6.0) == []


def test_a_second_failure_counts_only_its_own_lines() -> None:
    watch = event_log_watch()
    watch.check(WriteStatus("the folder does not exist (x)", 4), 0.0)
    watch.check(WriteStatus(None, 0, written_late=4), 1.0)
    changed = watch.check(WriteStatus("the disk is full (x)", 2, written_late=4, dropped=0), 2.0)
    assert changed[0] == Log(
        2.0, "error", {"source": "event_log", "message": "the disk is full (x)"}
    )
    other = watch.check(WriteStatus("the disk is read-only (x)", 3, 4, 0), 3.0)
    assert [type(e) for e in other] == [Log, ShowBanner]  # it failed another way: said again
    end = watch.check(WriteStatus(None, 0, written_late=7, dropped=1), 4.0)
    assert end[1] == Log(4.0, "writing_resumed", {"source": "event_log", "kept": 3, "dropped": 1})
