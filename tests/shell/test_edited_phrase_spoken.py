"""A phrase edited and saved is what the patient's switch then speaks (headless, scripted).

The editor screen is not built yet: the edit goes through the editor's rules
(``control.page_editor``) and its save (``adapters.layout_save``), exactly
what the screen will call; the real board then loads the saved file and a
scripted switch chooses the edited cell.
"""

from __future__ import annotations

import json
from pathlib import Path

from commboard.adapters.layout_save import save_page
from commboard.board.layout_file import load_layout
from commboard.cli import main
from commboard.control.page_editor import PageEdit
from commboard.testing import TWO_PAGE_LAYOUT

# Scan interval 2 s, row-column: open row 2, then choose its first cell ("Thank you").
CHOOSE_THANK_YOU = "2.8 down select\n3.2 up select\n4.5 down select\n4.9 up select\n"


def test_the_new_words_are_spoken_after_a_save(tmp_path: Path) -> None:
    board = tmp_path / "board.yaml"
    board.write_text(TWO_PAGE_LAYOUT, encoding="utf-8")
    layout = load_layout(board)
    edit = PageEdit.open(layout.page("home")).edit_cell(2, text="Thank you, Sarah")
    save_page(layout, edit.page)

    script = tmp_path / "taps.txt"
    script.write_text(CHOOSE_THANK_YOU, encoding="utf-8")
    log = tmp_path / "events.jsonl"
    argv = ["run", "--headless", "--virtual-clock", "--camera", "none", "--speech", "none"]
    argv += ["--layout", str(board), "--history", str(tmp_path / "h.jsonl")]
    argv += ["--scan-interval", "2", "--input-script", str(script)]
    assert main([*argv, "--event-log", str(log), "--max-seconds", "8"]) == 0
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in records if r["type"] == "speak"] == ["Thank you, Sarah"]
