"""The word lists are read off the frame loop, only once a page needs them, and handed over once."""

from __future__ import annotations

import shutil
import time
from dataclasses import replace
from pathlib import Path

import pytest

from commboard.adapters import word_data_loading
from commboard.adapters.word_data_loading import WordDataLoading
from commboard.board.spelling import has_slots
from commboard.cli import parse_options
from commboard.shell import app
from commboard.shell.loop import BoardLoop


def change_to_a_copy(loop: BoardLoop, copy: Path) -> None:
    """The carer changes to a copy of the shipped layout; the frame loop runs until it is in."""
    shipped = loop.session.layout.source
    assert shipped is not None
    shutil.copytree(shipped if shipped.is_dir() else shipped.parent, copy)
    loop.change_layout(copy)
    clock = loop.p.clock
    give_up = time.monotonic() + 60
    while loop.layout_loading.next_deadline(clock.now()) is not None:
        assert time.monotonic() < give_up
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert loop.session.layout.source is not None
    assert loop.session.layout.source.resolve().is_relative_to(copy.resolve())


def test_in_the_background_nothing_is_read_until_wanted_then_the_model_arrives_once() -> None:
    loading = WordDataLoading("en", None, background=True)
    time.sleep(0.3)
    assert loading.poll() is None and loading.next_deadline(10.0) is None  # not even started
    loading.want()
    loading.want()  # a second page asking again starts nothing more
    assert loading.next_deadline(10.0) is not None  # the loop keeps looking
    model = None
    give_up = time.monotonic() + 60
    while model is None and time.monotonic() < give_up:
        model = loading.poll()
        time.sleep(0.05)
    assert model is not None and "want" in model.unigrams.prob
    assert loading.poll() is None and loading.next_deadline(10.0) is None


def test_under_a_virtual_clock_it_is_read_at_once() -> None:
    loading = WordDataLoading("xx", None, background=False)
    model = loading.poll()
    assert model is not None and len(model.unigrams) == 0  # no lists for "xx": empty, no error


@pytest.fixture
def real_time_board(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    argv = ["run", "--headless", "--speech", "none", "--camera", "none",
            "--history", str(tmp_path / "h.jsonl"), "--event-log", str(tmp_path / "e.jsonl")]  # fmt: skip
    loop = app.build(parse_options(argv))
    assert isinstance(loop, BoardLoop)
    yield loop
    app.close(loop)


def test_a_phrase_board_never_reads_the_word_lists_and_the_spell_page_gets_them(
    real_time_board: BoardLoop,
) -> None:
    """On pages without word slots the lists (a second of CPU, ~75 MB) stay unread;
    the first page with word slots starts the reading, and its slots then offer the
    language's words."""
    loop = real_time_board
    clock = loop.p.clock
    for _ in range(5):
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert loop.p.word_data is not None and not loop.p.word_data.started
    assert loop.p.predictor is not None and loop.p.predictor.base.source == "none"

    spell = next(i for i, page in loop.p.layout.pages.items() if has_slots(page))
    loop.perform(loop.session.open_page(spell, clock.now()))
    give_up = time.monotonic() + 60
    while loop.p.predictor.base.source == "none" and time.monotonic() < give_up:
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert loop.p.word_data.started
    assert "frequency_dictionary_en" in loop.p.predictor.base.source
    assert loop.session.has_word_slots and len(loop.session.words) >= 4  # slots filled


def test_a_layout_chosen_before_any_spelling_does_not_read_the_lists_on_the_frame_loop(
    real_time_board: BoardLoop, tmp_path: Path
) -> None:
    """Changing layout (carer menu) read the word lists at once on the frame loop when
    they had not been read yet: a second with no scanning.  Now the new layout's lists
    wait, like the first ones, for a page with word slots, and are read off the loop."""
    loop = real_time_board
    clock = loop.p.clock
    change_to_a_copy(loop, tmp_path / "my board")
    give_up = time.monotonic() + 60
    assert loop.p.predictor is not None and loop.p.predictor.base.source == "none"
    assert loop.p.word_data is not None and not loop.p.word_data.started

    spell = next(i for i, page in loop.session.layout.pages.items() if has_slots(page))
    loop.perform(loop.session.open_page(spell, clock.now()))
    while loop.p.predictor.base.source == "none" and time.monotonic() < give_up:
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert "frequency_dictionary_en" in loop.p.predictor.base.source
    assert len(loop.session.words) >= 4


def test_a_reading_that_fails_is_handed_over_empty_and_the_loop_stops_looking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A worker that died (here: out of memory) left ``waiting`` set for good: the
    loop woke every POLL_S for the rest of the run, for lists that never came."""

    def no_room(language: str, folder: Path | None) -> None:
        raise MemoryError("no room for the word lists")

    monkeypatch.setattr(word_data_loading, "read_counts", no_room)
    loading = WordDataLoading("en", None, background=True)
    loading.want()
    model = None
    give_up = time.monotonic() + 60
    while model is None and time.monotonic() < give_up:
        model = loading.poll()
        time.sleep(0.01)
    assert model is not None and len(model.unigrams) == 0  # the slots keep the layout's words
    assert loading.next_deadline(10.0) is None  # no more looking


def test_with_prediction_off_the_spell_page_does_not_read_the_lists_until_it_is_on(
    real_time_board: BoardLoop,
) -> None:
    """Prediction off (settings screen): the Spell page's slots offer no language words, so
    its second of CPU and ~75 MB were spent for nothing; turned on, the lists are read."""
    loop = real_time_board
    clock = loop.p.clock
    spell_off = replace(loop.settings.spell, prediction=False)
    loop.apply_settings(replace(loop.settings, spell=spell_off))
    spell = next(i for i, page in loop.p.layout.pages.items() if has_slots(page))
    loop.perform(loop.session.open_page(spell, clock.now()))
    for _ in range(5):
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert loop.session.has_word_slots
    assert loop.p.word_data is not None and not loop.p.word_data.started
    loop.apply_settings(replace(loop.settings, spell=replace(spell_off, prediction=True)))
    give_up = time.monotonic() + 60
    while loop.p.predictor is not None and loop.p.predictor.base.source == "none":
        assert time.monotonic() < give_up
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert loop.p.word_data.started


def test_a_layout_chosen_before_the_same_lists_arrived_keeps_their_reading(
    real_time_board: BoardLoop, tmp_path: Path
) -> None:
    """The carer changed to a layout using the same lists before they had arrived: a second
    reader was made, and a reading already under way went on unused beside a second one
    (another second of CPU, ~75 MB).  The one reader is kept for the new layout."""
    loop = real_time_board
    clock = loop.p.clock
    reading = loop.p.word_data
    assert reading is not None and reading.waiting  # not even started: no Spell page yet
    change_to_a_copy(loop, tmp_path / "same words")
    give_up = time.monotonic() + 60
    assert loop.p.word_data is reading  # the same reader, for the new layout

    spell = next(i for i, page in loop.session.layout.pages.items() if has_slots(page))
    loop.perform(loop.session.open_page(spell, clock.now()))
    while loop.p.predictor is not None and loop.p.predictor.base.source == "none":
        assert time.monotonic() < give_up
        loop.safe_frame(clock.now())
        time.sleep(0.05)
    assert "frequency_dictionary_en" in loop.p.predictor.base.source
