"""Loading a layout off the frame loop (``adapters.layout_loading``): results, order, never raising."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from commboard.adapters.layout_loading import (
    LayoutLoaded,
    LayoutLoading,
    load_or_problems,
    remember_layout,
    remembered_value,
)
from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Layout
from commboard.settings import Settings
from commboard.testing import TWO_PAGE_LAYOUT


def wait_for(loading: LayoutLoading) -> LayoutLoaded:
    deadline = time.monotonic() + 5.0
    while time.monotonic() < deadline:
        result = loading.poll()
        if result is not None:
            return result
        time.sleep(0.005)
    raise AssertionError("the load never finished")


def test_inline_loading_hands_the_result_over_at_the_next_poll(tmp_path: Path) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    loading = LayoutLoading(background=False)
    assert loading.poll() is None and loading.next_deadline(1.0) is None
    loading.start(path)
    assert loading.loading == path
    result = loading.poll()
    assert result is not None and result.layout is not None and result.layout.name == "Two pages"
    assert loading.poll() is None and loading.loading is None  # handed over once


def test_problems_and_unexpected_errors_come_back_as_problems(tmp_path: Path) -> None:
    missing = load_or_problems(tmp_path / "nope.yaml")
    assert missing.layout is None and "no such layout" in missing.problems[0].message

    def explode(path: Path) -> Layout:
        raise MemoryError("too big")

    exploded = load_or_problems(tmp_path / "x.yaml", explode)
    assert exploded.layout is None and "MemoryError" in exploded.problems[0].message


def test_a_worker_loads_while_the_caller_goes_on_and_a_newer_choice_wins(tmp_path: Path) -> None:
    first_may_finish = threading.Event()

    def load(path: Path) -> Layout:
        if path.name == "first.yaml":
            first_may_finish.wait(5.0)
        return load_layout(path)

    first, second = tmp_path / "first.yaml", tmp_path / "second.yaml"
    first.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    second.write_text(TWO_PAGE_LAYOUT.replace("Two pages", "Second"), encoding="utf-8")
    loading = LayoutLoading(background=True, load=load)
    loading.start(first)
    assert loading.poll() is None  # it does not wait for the worker
    assert loading.next_deadline(10.0) == pytest.approx(10.05)
    loading.start(second)  # the carer changed their mind
    result = wait_for(loading)
    assert result.path == second and result.layout is not None and result.layout.name == "Second"
    first_may_finish.set()
    time.sleep(0.05)
    assert loading.poll() is None  # the older load's result is dropped


def test_the_built_in_layout_is_remembered_as_empty_others_by_absolute_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert remembered_value(default_layout_path()) == ""
    monkeypatch.chdir(tmp_path)
    assert remembered_value(Path("mine.yaml")) == str(tmp_path / "mine.yaml")


def test_a_profile_that_cannot_be_written_gives_a_note_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "profiles").write_text("a file where the folder should be", encoding="utf-8")
    monkeypatch.setenv("COMMBOARD_CONFIG_DIR", str(config))
    settings, note = remember_layout("anna", Settings(), tmp_path / "mine.yaml")
    assert settings.board.layout == str(tmp_path / "mine.yaml")
    assert note is not None and "could not be remembered" in note


def test_the_worker_remembers_and_prepares_a_layout_that_loaded_not_the_frame_loop(
    tmp_path: Path,
) -> None:
    good = tmp_path / "board.yaml"
    good.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: 1\n", encoding="utf-8")
    threads: list[str] = []
    prepared: list[list[str]] = []

    def remember(path: Path) -> str | None:
        threads.append(threading.current_thread().name)
        return f"could not remember {path.name}"

    def prepare(layout: Layout) -> None:
        threads.append(threading.current_thread().name)
        prepared.append(layout.texts())

    loading = LayoutLoading(background=True, remember=remember, prepare=prepare)
    loading.start(good)
    loaded = wait_for(loading)
    assert loaded.layout is not None and loaded.note == "could not remember board.yaml"
    assert threads == ["layout-load", "layout-load"]  # both off the frame loop
    assert "Thank you" in prepared[0] and "Home" in prepared[0]
    loading.start(bad)
    assert wait_for(loading).layout is None and len(threads) == 2  # a failed load is not kept


def test_a_layout_the_editor_saved_is_handed_over_at_once_without_reading_it(
    tmp_path: Path,
) -> None:
    path = tmp_path / "board.yaml"
    path.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    saved = load_layout(path)
    read: list[Path] = []
    prepared: list[Layout] = []

    def load(p: Path) -> Layout:
        read.append(p)
        return load_layout(p)

    loading = LayoutLoading(background=True, load=load, prepare=prepared.append)
    loading.start(path, saved)
    result = loading.poll()  # no worker to wait for: the next poll has it
    assert result is not None and result.layout is saved
    assert read == [] and prepared == [saved]  # readied for drawing, not read again
