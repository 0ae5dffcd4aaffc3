"""Page editor on the real board (headless): open, edit a cell, save, as the carer waits for them.

Issue 11 target: every action under 100 ms on this machine.  Works on a copy
of the shipped English layout's spelling page (``alphabet``, 42 cells: more
than the 36 of the target), on the real board loop built as ``commboard run
--headless --virtual-clock`` builds it; each action is timed from the key
to the end of the frame that shows its result:

* ``open``: E in the carer menu until the editor is drawn (the page's file
  is parsed for the save here);
* ``edit``: Enter after typing a cell's new label, until it is drawn;
* ``save``: S until the board shows the saved layout again -- the check,
  the round-trip write with its backup and read-back, the board taking the
  layout (a new session: scan plans and Huffman weights) and the frame;
* ``reload``: what the board did before it took the saved layout from the
  save (reading every file of the layout again), shown for comparison;
* ``baseline_old_save``: the old save path measured in the same run -- the
  page's file parsed at the save plus the whole layout read again -- so a
  figure taken on a loaded machine can be compared with its own baseline;
* ``baseline_bare_write``: copying the file to its backup and writing it
  atomically, each with fsync, and nothing else: what the old save paid for
  its writes alone (the save now links the backup instead of copying it).

Median, 95th percentile and worst of ``--runs`` runs, in milliseconds.

Usage: ``python benchmarks/page_editor.py [--runs N]``
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import pygame

from commboard.adapters.layout_file_writes import write_atomically
from commboard.adapters.layout_save import save_page
from commboard.board.layout_file import default_layout_path, load_layout
from commboard.cli import parse_options
from commboard.control.page_editor import PageEdit
from commboard.events import CarerRequest, Key
from commboard.shell import app
from commboard.shell.loop import BoardLoop
from commboard.shell.screens.editor.editor_screen import EditorScreen

PAGE = "alphabet"
EDITOR = ("open", "edit", "save")


def _press(loop: BoardLoop, code: int, text: str = "") -> float:
    """One carer key on the board, until the frame is drawn: milliseconds."""
    start = time.perf_counter()
    loop.dispatch(Key(loop.now, code, text))
    loop.draw()
    return (time.perf_counter() - start) * 1000


def _board(tmp: Path, folder: Path) -> BoardLoop:
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none"]
    argv += ["--layout", str(folder), "--history", str(tmp / "h.jsonl")]
    argv += ["--event-log", str(tmp / "events.jsonl")]
    loop = app.build(parse_options(argv))
    assert isinstance(loop, BoardLoop)
    loop.safe_frame(loop.p.clock.now())
    return loop


def _one_run(loop: BoardLoop, n: int, times: dict[str, list[float]]) -> None:
    loop.perform(loop.session.open_page(PAGE, loop.now))
    loop.draw()  # the board shows the page, as it does before a carer opens the menu
    loop.dispatch(CarerRequest(loop.now))  # the carer menu (not timed)
    loop.draw()
    times["open"].append(_press(loop, pygame.K_e, "e"))
    editor = loop.screens[-1]
    assert isinstance(editor, EditorScreen) and len(editor.keys.edit.page.cells) >= 36
    for _ in range(5):
        editor.keys.press("right")
    _press(loop, pygame.K_l, "l")
    for _ in range(40):
        editor.keys.press("backspace")
    for ch in f"I want {n}":
        editor.keys.press(ch)
    times["edit"].append(_press(loop, pygame.K_RETURN))
    assert editor.keys.edit.page.cells[5] is not None
    assert editor.keys.edit.page.cells[5].label == f"I want {n}"
    times["save"].append(_press(loop, pygame.K_s, "s"))
    assert not loop.screens, "the save was refused"
    saved = loop.session.layout.page(PAGE).cells[5]
    assert saved is not None and saved.label == f"I want {n}"


def _baselines(folder: Path, n: int, times: dict[str, list[float]]) -> None:
    layout = load_layout(folder)
    page = PageEdit.open(layout.page(PAGE)).edit_cell(5, label=f"Old path {n}").page
    start = time.perf_counter()
    save_page(layout, page)  # parses the page's file at the save
    middle = time.perf_counter()
    load_layout(folder)  # the board read the saved layout again
    end = time.perf_counter()
    times["reload"].append((end - middle) * 1000)
    times["baseline_old_save"].append((end - start) * 1000)
    file = folder / f"{PAGE}.yaml"
    data = file.read_bytes()
    start = time.perf_counter()
    write_atomically(file.with_name(file.name + ".bak"), data)
    write_atomically(file, data)
    times["baseline_bare_write"].append((time.perf_counter() - start) * 1000)


def _figures(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "median_ms": round(statistics.median(values), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(max(values), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    runs = parser.parse_args().runs
    names = (*EDITOR, "reload", "baseline_old_save", "baseline_bare_write")
    times: dict[str, list[float]] = {name: [] for name in names}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        os.environ["COMMBOARD_CONFIG_DIR"] = str(tmp / "config")  # never the carer's profiles
        os.environ["XDG_DATA_HOME"] = str(tmp / "data")
        folder, old = tmp / "mine", tmp / "old"
        shutil.copytree(default_layout_path(), folder)
        shutil.copytree(default_layout_path(), old)
        loop = _board(tmp, folder)
        try:
            for n in range(runs):  # interleaved: both paths see the same load
                _one_run(loop, n, times)
                _baselines(old, n, times)
        finally:
            app.close(loop)
    result: dict[str, object] = {name: _figures(v) for name, v in times.items()}
    result["page_cells"] = len(load_layout(default_layout_path()).page(PAGE).cells)
    result["runs"] = runs
    result["load_average_1min"] = round(os.getloadavg()[0], 2)
    # The machine is shared: the worst run shows other processes' load too.
    result["median_under_100_ms"] = all(statistics.median(times[k]) < 100 for k in EDITOR)
    result["max_under_100_ms"] = all(max(times[k]) < 100 for k in EDITOR)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
