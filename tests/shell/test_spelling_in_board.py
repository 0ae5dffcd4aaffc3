"""The headless board spells a phrase with word prediction from an input script.

The script is worked out the way a carer clicking for the patient would:
at each step, the word slot that finishes the word being spelled when it
is offered, else the next letter.  The clicks' places come from the same
screen geometry the board draws with; the run is the real ``commboard
run`` loop, and its event log must show the words offered, the slots
chosen, and the phrase spoken exactly.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action, Page
from commboard.board.session import Session
from commboard.board.spelling import layout_words
from commboard.cli import main, parse_options
from commboard.control.board_view import MESSAGE_H, banner_band, grid_rects, margin_px
from commboard.events import CellPointed, Source
from commboard.predict.language_data import read_counts
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import BaseModel, Predictor
from commboard.settings import Settings
from commboard.shell import app
from commboard.shell.loop import BoardLoop

TARGET = "i want my sister to decide"
SIZE = (1280, 720)


def centre(page: Page, index: int) -> tuple[int, int]:
    width, height = SIZE
    gap = margin_px(SIZE)
    top = gap + round(height * MESSAGE_H) + gap
    area = (gap, top, width - 2 * gap, banner_band(SIZE)[1] - gap - top)
    x, y, w, h = grid_rects(area, page.rows, page.columns, gap)[index]
    return x + w // 2, y + h // 2


def plan_clicks() -> tuple[list[tuple[int, int]], int]:
    """Clicks that spell TARGET and speak it, and how many of them chose a word slot."""
    layout = load_layout(default_layout_path())
    predictor = Predictor(BaseModel(read_counts("en")), PersonalWords(), layout_words(layout))
    session = Session(layout, Settings(), 0.0, predictor=predictor)
    home = layout.page("home")
    spell = next(i for i, c in enumerate(home.cells) if c is not None and c.target == "alphabet")
    clicks = [centre(home, spell)]
    session.open_page("alphabet", 0.0)
    slots = 0
    while session.message != TARGET + " " and session.message != TARGET:
        message, page = session.message, session.page
        cut = message.rfind(" ") + 1
        word = next(
            (
                i
                for i, c in enumerate(page.cells)
                if c is not None
                and c.action is Action.WORD
                and (TARGET + " ").startswith(message[:cut] + c.spoken + " ")
            ),
            None,
        )
        if word is None:
            want = (TARGET + " ")[len(message)]
            word_or_letter = next(
                i for i, c in enumerate(page.cells) if c is not None and c.spoken == want
            )
        else:
            word_or_letter, slots = word, slots + 1
        clicks.append(centre(page, word_or_letter))
        session.handle(CellPointed(0.0, word_or_letter, Source.MOUSE), 0.0)
        assert len(clicks) < len(TARGET) + 5, "the plan does not converge"
    speak = next(i for i, c in enumerate(session.page.cells) if c and c.label == "Speak")
    clicks.append(centre(session.page, speak))
    return clicks, slots


def test_the_headless_board_spells_a_phrase_with_predicted_words(tmp_path: Path) -> None:
    clicks, slots = plan_clicks()
    assert slots >= 3  # prediction did most of the work
    assert len(clicks) < len(TARGET)  # fewer selections than letters
    script = tmp_path / "spell.txt"
    script.write_text(
        "".join(f"{1.0 + 1.5 * k:.2f} click {x} {y}\n" for k, (x, y) in enumerate(clicks)),
        encoding="utf-8",
    )
    log = tmp_path / "events.jsonl"
    code = main(
        [
            "run",
            "--headless",
            "--virtual-clock",
            "--camera",
            "none",
            "--speech",
            "none",
            "--windowed",
            f"{SIZE[0]}x{SIZE[1]}",
            "--history",
            str(tmp_path / "history.jsonl"),
            "--event-log",
            str(log),
            "--access-log",
            str(tmp_path / "access.jsonl"),
            "--input-script",
            str(script),
        ]
    )
    assert code == 0
    # The access log keeps no word of it: not the message, not the words the slots offered
    # (the patient's learned names among them, and what they were spelling).
    access = (tmp_path / "access.jsonl").read_text(encoding="utf-8")
    assert '"type": "words"' in access
    assert "sister" not in access and "decide" not in access
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    spoken = [r["text"] for r in records if r["type"] == "speak"]
    assert spoken == [TARGET]
    chosen = [r["label"] for r in records if r["type"] == "select" and r["action"] == "word"]
    assert len(chosen) == slots and "sister" in chosen
    assert any(r["type"] == "words" for r in records)
    history = [json.loads(x) for x in (tmp_path / "history.jsonl").read_text("utf-8").splitlines()]
    assert [h["text"] for h in history] == [TARGET]

    # The next day: the board opens with the message on its Recent page.
    again = [
        "run",
        "--headless",
        "--virtual-clock",
        "--camera",
        "none",
        "--speech",
        "none",
        "--history",
        str(tmp_path / "history.jsonl"),
        "--max-seconds",
        "1",
    ]
    loop = app.build(parse_options(again))
    assert isinstance(loop, BoardLoop)
    try:
        recent = loop.session.layout.page("recent")
        assert [c.spoken for c in recent.cells if c is not None][0] == TARGET
    finally:
        app.close(loop)


def test_a_layouts_own_word_list_with_a_bad_line_is_named_in_a_banner(tmp_path: Path) -> None:
    """A carer's words.txt with a line that is not 'word count' is used without that line,
    and the banner (in the event log) names the file and line, as for layout files."""
    shipped = default_layout_path()
    folder = tmp_path / "with words"
    shutil.copytree(shipped, folder)
    (folder / "words.txt").write_text("sister 50\nbrother fifty\nnurse 40\n", encoding="utf-8")
    log = tmp_path / "events.jsonl"
    argv = ["run", "--headless", "--virtual-clock", "--speech", "none", "--camera", "none",
            "--max-seconds", "2", "--layout", str(folder), "--history", str(tmp_path / "h.jsonl"),
            "--event-log", str(log)]  # fmt: skip
    assert main(argv) == 0
    records = [json.loads(line) for line in log.read_text().splitlines()]
    shown = [r["text"] for r in records if r["type"] == "banner" and r.get("key") == "word-lists"]
    assert shown and f"{folder / 'words.txt'}:2" in shown[0], shown


def test_a_layout_chosen_in_another_language_does_not_offer_the_english_words_learned(
    tmp_path: Path,
) -> None:
    """The carer changes to a Greek layout: the profile's learned words come along
    (predictor_for), but only those the Greek letters spell are offered."""
    from commboard.board.spelling import layout_letters
    from commboard.predict.text import Context
    from commboard.shell.records.run_files import predictor_for

    greek_layout = """\
format: 1
language: el
home: spell
pages:
  - id: spell
    rows: 2
    columns: 4
    cells:
      - {label: "word", action: word}
      - {label: "Ν", action: add, text: "ν"}
      - {label: "Ε", action: add, text: "ε"}
      - {label: "Ρ", action: add, text: "ρ"}
      - {label: "Ό", action: add, text: "ό"}
      - {label: "Space", action: add, text: " "}
      - {label: "Speak", action: speak_message}
      - {label: "Delete", action: backspace}
"""

    english = load_layout(default_layout_path())
    personal = PersonalWords()
    personal.learn("please call xavier")
    before = Predictor(BaseModel(read_counts("en")), personal, None, layout_letters(english))
    (tmp_path / "el.yaml").write_text(greek_layout, encoding="utf-8")
    greek = predictor_for(load_layout(tmp_path / "el.yaml"), before)
    assert greek.personal is personal  # still the profile's words, saved as before
    assert greek.words(Context("<s>", ""), 6) == []
    personal.learn("νερό")
    assert greek.words(Context("<s>", ""), 6) == ["νερό"]
