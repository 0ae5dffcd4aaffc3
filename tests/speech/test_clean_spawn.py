"""The speech worker starts even while a package folder sits on ``sys.path``.

The camera thread's ``import cv2`` puts ``site-packages/cv2`` on ``sys.path``
for a moment; a speech worker started then imported ``cv2/typing`` as
``typing`` and died.  Here a fake package folder with its own ``typing``
stands in for cv2's, deterministically, for the whole start.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
import types
from pathlib import Path

import pytest

from commboard.adapters import clean_spawn
from commboard.adapters.pyttsx3_synth import Synthesized, Utterance
from commboard.adapters.speech_worker import SynthWorker
from commboard.testing import measure_wav


@pytest.fixture
def cv2_like_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A package folder on sys.path (where cv2's loader puts its own) whose ``typing`` breaks."""
    folder = tmp_path / "fakecv"
    (folder / "typing").mkdir(parents=True)
    (folder / "__init__.py").write_text("")
    (folder / "typing" / "__init__.py").write_text("raise ImportError('shadowed typing')\n")
    monkeypatch.setattr(sys, "path", [sys.path[0], str(folder), *sys.path[1:]])
    return folder


def _first_result(worker: SynthWorker, deadline_s: float = 30.0) -> Synthesized | None:
    for _ in range(int(deadline_s / 0.5)):
        result = worker.receive(timeout=0.5)
        if result is not None or worker.problem:
            return result
    return None


def test_worker_speaks_although_a_package_folder_shadows_typing(
    cv2_like_folder: Path, tmp_path: Path
) -> None:
    worker = SynthWorker(restarts=0)  # no second chance: the first start must work
    try:
        wav = tmp_path / "hello.wav"
        worker.submit(Utterance(1, "hello", str(wav), rate_wpm=150, volume=1.0, voice=""))
        result = _first_result(worker)
    finally:
        worker.close()

    assert worker.problem == ""
    assert result is not None and result.error == ""
    assert measure_wav(wav).rms > 0.02  # real speech came out of the child


def test_child_does_not_rerun_the_main_script(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "main-ran"
    script = tmp_path / "board_script.py"
    script.write_text(f"open({str(marker)!r}, 'w').close()\n")
    main = types.ModuleType("__main__")
    main.__file__ = str(script)  # like the `commboard` console script
    monkeypatch.setitem(sys.modules, "__main__", main)

    done = tmp_path / "child-ran"
    process = clean_spawn.start(mp.get_context("spawn"), "os:mkdir", (str(done),), name="probe")
    process.join(30)

    assert process.exitcode == 0 and done.is_dir()
    assert not marker.exists()
    assert sys.modules["__main__"] is main  # the parent's __main__ is put back


def test_import_roots_leave_out_package_folders(cv2_like_folder: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()

    roots = clean_spawn.import_roots([str(plain), str(cv2_like_folder), ""])

    assert roots == [str(plain), str(Path.cwd())]
