"""The word lists are read off the frame loop, and handed over exactly once."""

from __future__ import annotations

import time

from commboard.adapters.word_data_loading import WordDataLoading


def test_in_the_background_the_model_arrives_later_and_once() -> None:
    loading = WordDataLoading("en", None, background=True)
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
