"""The Spell page with word slots, driven through the session as a patient (or carer) would."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from commboard.board.layout_file import default_layout_path, load_layout
from commboard.board.model import Action
from commboard.board.session import Session
from commboard.board.spelling import REDO_SHARE, layout_letters, layout_words, predict_page
from commboard.effects import Effect, Log, WordsLearned
from commboard.events import CellPointed, Source, Switch, SwitchDown, SwitchUp
from commboard.predict.language_data import BaseCounts
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import BaseModel, Predictor
from commboard.scanning.plans import build_plan
from commboard.settings import ScanPattern, Settings, SpellScan, SpellSettings

WORDS = {"want": 50.0, "was": 80.0, "water": 30.0, "my": 60.0, "me": 70.0, "sister": 10.0}
PAIRS = {"i": [("want", 40.0), ("was", 10.0)], "my": [("sister", 5.0)]}


def start(settings: Settings | None = None) -> tuple[Session, Predictor]:
    layout = load_layout(default_layout_path())
    predictor = Predictor(BaseModel(BaseCounts(WORDS, PAIRS, "test")), PersonalWords())
    session = Session(layout, settings or Settings(), 0.0, predictor=predictor)
    session.open_page("alphabet", 0.0)
    return session, predictor


def cell(session: Session, label: str, action: Action | None = None) -> int:
    for i, c in enumerate(session.page.cells):
        if c is not None and c.label == label and (action is None or c.action is action):
            return i
    raise AssertionError(f"no cell {label!r} on {session.page.id}: {session.words}")


def pick(session: Session, label: str, t: float, action: Action | None = None) -> list[Effect]:
    return session.handle(CellPointed(t, cell(session, label, action), Source.MOUSE), t)


def test_slots_update_after_every_letter_and_a_slot_adds_the_word_and_a_space() -> None:
    session, _ = start()
    pick(session, "I", 1.0)
    assert session.message == "i"
    pick(session, "Space", 2.0)
    assert session.words[:2] == ("want", "was")  # after "i": the word pairs first
    out = pick(session, "W", 3.0)
    assert [e.fields["words"] for e in out if isinstance(e, Log) and e.type == "words"] == [
        ["want", "was", "water"]
    ]
    pick(session, "want", 4.0, Action.WORD)
    assert session.message == "i want "
    pick(session, "M", 5.0)
    assert session.words[:2] == ("me", "my")


def test_delete_straight_after_a_slot_takes_the_whole_word_back() -> None:
    session, _ = start()
    for t, label in enumerate(["I", "Space", "W"], start=1):
        pick(session, label, float(t))
    out = pick(session, "water", 5.0, Action.WORD)  # the wrong word
    assert session.message == "i water "
    out = pick(session, "Delete", 6.0)
    assert session.message == "i w"
    assert {"text": "i w", "removed_word": True} in [
        e.fields for e in out if isinstance(e, Log) and e.type == "message"
    ]
    pick(session, "Delete", 7.0)  # a second Delete is one letter again
    assert session.message == "i "


def test_delete_after_undoing_a_stray_selection_still_takes_the_wrong_word_back_whole() -> None:
    """A wrong word, then a stray press chose a letter and was undone: the message is
    "i water " again, straight after the word, so Delete takes the word, not the space."""
    session, _ = start()
    for t, label in enumerate(["I", "Space", "W"], start=1):
        pick(session, label, float(t))
    pick(session, "water", 5.0, Action.WORD)
    pick(session, "M", 6.0)  # the stray selection
    assert session.undo(6.5) != []
    assert session.message == "i water "
    out = pick(session, "Delete", 8.0)
    assert session.message == "i w"
    assert {"text": "i w", "removed_word": True} in [
        e.fields for e in out if isinstance(e, Log) and e.type == "message"
    ]


def test_a_slip_is_repaired_by_choosing_the_word() -> None:
    session, _ = start()
    for t, label in enumerate(["M", "Y", "Space", "S", "U", "S"], start=1):
        pick(session, label, float(t))
    assert session.message == "my sus"
    assert "sister" in session.words
    pick(session, "sister", 9.0, Action.WORD)
    assert session.message == "my sister "


def test_undo_of_a_word_restores_the_slots_of_before() -> None:
    session, _ = start()
    pick(session, "I", 1.0)
    pick(session, "Space", 2.0)
    before = session.words
    pick(session, "want", 3.0, Action.WORD)
    assert session.words != before
    assert session.undo(3.5) != []
    assert session.message == "i " and session.words == before


def test_speaking_a_spelled_message_teaches_it() -> None:
    session, predictor = start()
    for t, label in enumerate(["Z", "O", "E", "Space"], start=1):
        pick(session, label, float(t))
    out = pick(session, "Speak", 6.0)
    assert any(isinstance(e, WordsLearned) for e in out)
    assert predictor.personal.words == {"zoe": 1.0}
    pick(session, "Clear", 7.0)
    pick(session, "Z", 8.0)
    assert session.words[0] == "zoe"


def test_a_spoken_message_that_is_undone_is_not_learned() -> None:
    """A stray press on Speak half-way through a word ("tomo"), undone at once: the
    history withdrew it, but "tomo" stayed a learned word, saved to the patient's
    file and offered in a slot from then on."""
    session, predictor = start()
    for t, label in enumerate(["Z", "O", "E", "Space"], start=1):
        pick(session, label, float(t))
    pick(session, "Speak", 6.0)
    for t, label in enumerate(["T", "O", "M", "O"], start=7):
        pick(session, label, float(t))
    pick(session, "Speak", 11.0)
    assert "tomo" in predictor.personal.words
    out = session.undo(11.5)
    assert any(isinstance(e, WordsLearned) for e in out)  # saved again, without it
    assert predictor.personal.words == {"zoe": 1.0}
    assert predictor.personal.pairs == {("<s>", "zoe"): 1.0}
    assert session.message == "zoe tomo"
    pick(session, "Delete", 12.0)
    assert "tomo" not in session.words


def test_the_likelihood_scan_follows_the_slots_and_grid_keeps_the_fixed_grid() -> None:
    likely, _ = start()
    pick(likely, "I", 1.0)
    out = pick(likely, "Space", 2.0)
    lit = [e.fields["cells"] for e in out if isinstance(e, Log) and e.type == "highlight"]
    assert lit == [[cell(likely, "want", Action.WORD)]]  # the likeliest choice is lit first, alone
    spell = replace(Settings().spell, scan=SpellScan.GRID)
    grid, _ = start(replace(Settings(), spell=spell))
    out = grid.tick(1.3)
    rows = [e.fields["cells"] for e in out if isinstance(e, Log) and e.type == "highlight"]
    # Row-column over the grid: the word row first, then the letter rows, as on any page.
    assert rows == [list(range(6, 12))]
    assert build_plan(grid.page, ScanPattern.ROW_COLUMN).root.children[0].cells == tuple(range(6))


def test_prediction_off_leaves_the_slots_empty_and_the_grid_as_it_was() -> None:
    off = replace(Settings(), spell=SpellSettings(prediction=False))
    session, _ = start(off)
    assert session.words == ()
    assert all(c is None for c in session.page.cells[:6])
    pick(session, "I", 1.0)
    pick(session, "Space", 2.0)
    out = pick(session, "Speak", 3.0)
    assert not any(isinstance(e, WordsLearned) for e in out)
    assert not [e for e in out if isinstance(e, Log) and e.type == "words"]


def test_the_layouts_own_phrases_are_predicted() -> None:
    layout = load_layout(default_layout_path())
    words = layout_words(layout)
    assert {"please", "call", "nurse", "want"} <= set(words.words)


def test_a_slot_goes_to_a_long_likely_word_before_a_short_one_that_is_quickly_spelled() -> None:
    # "a" (most likely, saves one letter) loses its slot to "appointment" (saves ten).
    words = {"a": 100.0, "an": 90.0, "and": 89.0, "are": 88.0, "appointment": 30.0}
    predictor = Predictor(BaseModel(BaseCounts(words, {}, "test")), PersonalWords())
    page = load_layout(default_layout_path()).page("alphabet")
    shown = predict_page(page, "", predictor, 4).words
    assert "appointment" in shown and "a" not in shown
    assert list(shown) == sorted(shown, key=lambda w: -words[w])  # still in likelihood order
    assert predict_page(page, "", predictor, 4).words == shown  # and the same every time


def test_words_spelled_past_make_room_for_words_not_yet_shown() -> None:
    # "i " shows want, am, was, will; the patient chooses W instead, so their word
    # is none of those: "i w" brings the other w- words, not was and will again.
    words = {"was": 80.0, "with": 60.0, "want": 50.0, "water": 30.0, "wish": 20.0}
    words |= {"will": 18.0, "wife": 15.0, "am": 40.0}
    pairs = {"i": [("want", 40.0), ("am", 30.0), ("was", 10.0), ("will", 8.0)]}
    predictor = Predictor(BaseModel(BaseCounts(words, pairs, "test")), PersonalWords())
    session = Session(
        load_layout(default_layout_path()),
        replace(Settings(), spell=SpellSettings(word_slots=4)),
        0.0,
        predictor=predictor,
    )
    session.open_page("alphabet", 0.0)
    pick(session, "I", 1.0)
    pick(session, "Space", 2.0)
    assert session.words == ("want", "am", "was", "will")
    pick(session, "W", 3.0)
    assert {"with", "water", "wish"} <= set(session.words)
    assert "was" not in session.words and "will" not in session.words
    # Worked out from the message, not remembered: reached again by Delete, the
    # same message shows the same slots.
    shown = session.words
    pick(session, "A", 4.0)
    pick(session, "Delete", 5.0)
    assert session.message == "i w" and session.words == shown


def test_a_letter_just_undone_is_offered_early_once_in_case_the_undo_was_a_stray_press() -> None:
    session, _ = start()
    pick(session, "M", 1.0)
    before = session.likelihoods
    assert before is not None
    q = cell(session, "Q")
    pick(session, "Q", 2.0)
    session.undo(2.5)
    assert session.message == "m"
    after = session.likelihoods
    assert after is not None and after[q] == pytest.approx(REDO_SHARE)
    # From one of the rarest cells to one of the three likeliest (after the slots "me", "my").
    assert sorted(after.values(), reverse=True).index(after[q]) < 3 and after[q] > 100 * before[q]
    pick(session, "Y", 3.0)
    pick(session, "Delete", 4.0)  # back to "m": Q is as unlikely as it was
    assert session.likelihoods is not None and session.likelihoods[q] == pytest.approx(before[q])


def _empty_then_full() -> tuple[Session, Predictor]:
    """A Spell page opened before the language's word lists are read (real time), and the
    predictor with the lists that arrives a moment later."""
    layout = load_layout(default_layout_path())
    empty = Predictor(BaseModel(BaseCounts()), PersonalWords(), layout_words(layout))
    full = Predictor(BaseModel(BaseCounts(WORDS, PAIRS, "test")), empty.personal)
    session = Session(layout, Settings(), 0.0, predictor=empty)
    session.open_page("alphabet", 0.0)
    return session, full


def test_word_lists_arriving_while_the_patient_is_in_a_group_keep_the_group() -> None:
    """The lists arrived ~1 s after the first Spell page opened and reloaded the scan: a
    patient who had just pressed to enter a group was thrown back to the first level,
    among groups made differently.  Now the slots change at the next selection."""
    session, full = _empty_then_full()
    level_one = session.highlighted
    session.handle(SwitchDown(0.3, Switch.SELECT, Source.KEYBOARD), 0.3)
    session.handle(SwitchUp(0.7, Switch.SELECT, Source.KEYBOARD), 0.7)
    inside, words = session.highlighted, session.words
    assert inside and set(inside) < set(level_one)  # the patient is in the group
    session.set_predictor(full, 0.8)
    assert session.highlighted == inside and session.words == words
    session.tick(1.5)
    assert set(session.highlighted) <= set(level_one)  # still scanning inside the group
    pick(session, "I", 3.0)
    pick(session, "Space", 4.0)
    assert session.words[:2] == ("want", "was")  # the lists are used from the next selection


def test_word_lists_arriving_while_nothing_is_lit_fill_the_slots_at_once() -> None:
    """In the pause after a selection nothing is being chosen: the slots change at once."""
    session, full = _empty_then_full()
    t = 0.0
    while len(session.highlighted) != 1:  # the scan reaches a single cell
        t += 0.05
        session.tick(t)
    session.handle(SwitchDown(t + 0.3, Switch.SELECT, Source.KEYBOARD), t + 0.3)
    session.handle(SwitchUp(t + 0.7, Switch.SELECT, Source.KEYBOARD), t + 0.7)
    assert session.highlighted == ()  # the pause after the selection
    before = session.words
    session.set_predictor(full, t + 0.75)
    assert session.words != before and set(session.words) & set(WORDS)


GREEK_LAYOUT = """\
format: 1
name: Ελληνικά
language: el
home: spell
pages:
  - id: spell
    title: Γράμματα
    rows: 3
    columns: 4
    cells:
      - {label: "word", action: word}
      - {label: "word", action: word}
      - {label: "word", action: word}
      - {label: "Space", action: add, text: " "}
      - {label: "Α", action: add, text: "α"}
      - {label: "Ν", action: add, text: "ν"}
      - {label: "Ε", action: add, text: "ε"}
      - {label: "Ρ", action: add, text: "ρ"}
      - {label: "Ο", action: add, text: "ο"}
      - {label: "Ό", action: add, text: "ό"}
      - {label: "Speak", action: speak_message}
      - {label: "Delete", action: backspace}
"""


def test_words_learned_on_another_languages_layout_are_not_offered(tmp_path: Path) -> None:
    """A profile's learned words follow the patient from layout to layout: on a
    Greek layout the slots offered "please", "call", "xavier" (said on the
    English one) after every space, and the English Spell page would offer the
    Greek words back.  Only words the layout's letters spell are offered; the
    rest stay learned for when that layout is chosen again."""
    (tmp_path / "el.yaml").write_text(GREEK_LAYOUT, encoding="utf-8")
    greek = load_layout(tmp_path / "el.yaml")
    english = load_layout(default_layout_path())
    personal = PersonalWords()
    personal.learn("please call xavier")
    personal.learn("νερό")
    on_greek = Predictor(
        BaseModel(BaseCounts()), personal, layout_words(greek), layout_letters(greek)
    )
    session = Session(greek, Settings(), 0.0, predictor=on_greek)
    assert session.words == ("νερό",)
    pick(session, "Ν", 1.0)
    pick(session, "νερό", 2.0, Action.WORD)
    assert session.message == "νερό "
    assert session.words == ("νερό",)  # nothing English after the space either
    pick(session, "Speak", 3.0)
    assert "νερό" in personal.words  # still learned, for this profile

    on_english = Predictor(
        BaseModel(BaseCounts(WORDS, PAIRS, "test")), personal, None, layout_letters(english)
    )
    session = Session(english, Settings(), 0.0, predictor=on_english)
    session.open_page("alphabet", 0.0)
    pick(session, "X", 1.0)
    assert session.words[0] == "xavier"  # the English words are still there for English
    pick(session, "Delete", 2.0)
    assert "νερό" not in session.words
    assert all(w.isascii() for w in session.words)
