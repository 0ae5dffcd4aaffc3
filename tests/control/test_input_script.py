"""Input scripts parsed and fed: explicit press/release times, and errors that name the line."""

from __future__ import annotations

import pytest

from commboard.control.input_script import (
    ScriptedClick,
    ScriptedEvent,
    ScriptedKey,
    ScriptError,
    ScriptFeed,
    parse_script,
)
from commboard.events import Source, Switch, SwitchDown, SwitchUp

SCRIPT = """\
# a 0.4 s press of the select switch, then a NEXT tap
1.5 down select
1.9 up select   # released
  3 down next
3.1 up next
"""


def test_lines_become_timed_switch_events() -> None:
    events = [e.event(100.0) for e in parse_script(SCRIPT) if isinstance(e, ScriptedEvent)]
    assert events == [
        SwitchDown(101.5, Switch.SELECT, Source.SCRIPT),
        SwitchUp(101.9, Switch.SELECT, Source.SCRIPT),
        SwitchDown(103.0, Switch.NEXT, Source.SCRIPT),
        SwitchUp(103.1, Switch.NEXT, Source.SCRIPT),
    ]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("1 down select\nsoon down select\n", 2, "not a number"),
        ("1 press select\n", 1, "'down' or 'up'"),
        ("# ok\n\n1 down blink\n", 3, "'select' or 'next'"),
        ("1 down\n", 1, "expected"),
        ("2 down select\n1 up select\n", 2, "before the line above"),
        ("-1 down select\n", 1, "negative"),
    ],
)
def test_errors_name_the_file_and_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse_script(text, "taps.txt")
    assert f"taps.txt, line {line}:" in str(caught.value)
    assert words in str(caught.value)


def test_feed_hands_out_events_as_time_reaches_them() -> None:
    feed = ScriptFeed(parse_script(SCRIPT), start=10.0)
    assert feed.next_deadline() == 11.5
    assert feed.drain(11.0) == []
    assert [e.t for e in feed.drain(11.9)] == [11.5, 11.9]
    assert feed.next_deadline() == 13.0
    assert len(feed.drain(99.0)) == 2 and feed.finished and feed.next_deadline() is None


def test_carer_keys_and_clicks_are_scripted_with_their_time() -> None:
    items = parse_script("1 key Escape\n2.5 key s\n3 click 640 360\n")
    assert items == [
        ScriptedKey(1.0, "escape"),
        ScriptedKey(2.5, "s"),
        ScriptedClick(3.0, 640, 360),
    ]
    feed = ScriptFeed(items, start=10.0)
    assert feed.drain(12.6) == [ScriptedKey(1.0, "escape"), ScriptedKey(2.5, "s")]
    assert feed.next_deadline() == 13.0


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("1 key\n", "SECONDS key NAME"),
        ("1 click 10\n", "SECONDS click X Y"),
        ("1 click a b\n", "X Y"),
    ],
)
def test_wrong_key_and_click_lines_name_the_line(text: str, words: str) -> None:
    with pytest.raises(ScriptError, match=words) as caught:
        parse_script(text, "carer.txt")
    assert "carer.txt, line 1:" in str(caught.value)


@pytest.mark.parametrize("time", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_times_that_are_not_finite_are_refused_with_the_line_named(time: str) -> None:
    # nan compared false with everything: it passed the order check and its
    # event never came, so a --virtual-clock run waited for it for ever; inf
    # reached the event log as the non-JSON word Infinity.
    with pytest.raises(ScriptError) as caught:
        parse_script(f"1 down select\n{time} up select\n", "taps.txt")
    assert str(caught.value).startswith("taps.txt, line 2:") and "not finite" in str(caught.value)
    with pytest.raises(ScriptError, match="line 1:"):
        parse_script(f"{time} key escape\n", "taps.txt")


@pytest.mark.parametrize(
    "line",
    [
        "1 down " + "x" * 20_000_000,
        "1 " + "press " * 3_000_000 + "select",
        "9" * 5_000_000 + "z down select",
    ],
    ids=["20 MB word", "many words", "long time"],
)
def test_a_huge_bad_line_is_quoted_short(line: str) -> None:
    with pytest.raises(ScriptError) as caught:
        parse_script(f"0.5 down select\n{line}\n", "big.txt")
    message = str(caught.value)
    assert message.startswith("big.txt, line 2:") and len(message) < 250, message[:300]
    assert "characters)" in message, "says how long the quoted text really is"


def test_a_short_bad_line_is_quoted_whole() -> None:
    with pytest.raises(ScriptError, match=r"got '1 down select now'$"):
        parse_script("1 down select now\n", "taps.txt")
