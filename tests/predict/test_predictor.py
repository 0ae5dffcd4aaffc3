"""Word slots and next letters: ranking on known contexts, slips, unusual text, the real English data."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from commboard.predict.language_data import BaseCounts, read_counts
from commboard.predict.personal import PersonalWords
from commboard.predict.predictor import (
    PASSED_WEIGHT,
    PERSONAL_MAX,
    PERSONAL_MIN,
    BaseModel,
    Predictor,
    fitted_share,
)
from commboard.predict.text import START, context_of

WORDS = {"was": 100.0, "water": 50.0, "want": 40.0, "wife": 30.0, "with": 90.0, "sister": 5.0}
PAIRS = {"i": [("want", 30.0), ("was", 20.0)], "my": [("wife", 10.0), ("sister", 8.0)]}


def small() -> Predictor:
    return Predictor(BaseModel(BaseCounts(WORDS, PAIRS, "test")), PersonalWords())


def test_completions_follow_the_previous_word_then_the_word_frequencies() -> None:
    p = small()
    # After "i" the word pairs put "want" first although "was" is more common alone.
    assert p.words(context_of("i w"), 3) == ["want", "was", "with"]
    # Without a known previous word the single-word counts decide.
    assert p.words(context_of("w"), 3) == ["was", "with", "water"]
    # After a space: the next word.
    assert p.words(context_of("my "), 2) == ["wife", "sister"]


def test_the_same_context_always_gives_the_same_slots_in_the_same_order() -> None:
    p = small()
    first = [p.words(context_of(m), 6) for m in ("", "i ", "i w", "my s")]
    again = [p.words(context_of(m), 6) for m in ("", "i ", "i w", "my s")]
    assert first == again


def test_next_letters_leave_out_words_already_in_a_slot() -> None:
    p = small()
    context = context_of("i w")
    letters = p.letters(context)
    assert max(letters, key=lambda k: letters[k]) == "a"  # want, was, water
    without = p.letters(context, ("want", "was", "water"))
    assert without["a"] == pytest.approx(0.0, abs=1e-12)
    assert without["i"] == pytest.approx(letters["i"])  # with, wife: still spelled


def test_a_word_spelled_past_counts_a_fraction_and_makes_room_for_others() -> None:
    p = small()
    context = context_of("i w")
    before = dict(p.scored_words(context, 3))
    after = dict(p.scored_words(context, 3, frozenset({"want", "was"})))
    # The patient chose W although "want" and "was" were in the slots: "with" and
    # "water" are now the likelier words, and the two passed over are not ruled out.
    assert list(after) == ["with", "water", "want"]
    assert after["want"] == pytest.approx(PASSED_WEIGHT * before["want"])
    letters = p.letters(context)
    passed = p.letters(context, (), frozenset({"want", "was"}))
    assert passed["a"] < 0.2 * letters["a"]  # the next letter of want, was (and water)
    assert passed["i"] == pytest.approx(letters["i"])  # with, wife


def test_a_slip_in_one_letter_still_offers_the_word() -> None:
    p = small()
    # "sixt": one wrong letter; "sisster": one letter too many; "wnat": two swapped.
    assert "sister" in p.words(context_of("my sixt"), 6)
    assert "sister" in p.words(context_of("my sisst"), 6)
    assert "want" in p.words(context_of("i wna"), 6)
    # An exact completion outranks a slip.
    assert p.words(context_of("wa"), 6)[0] == "was"


def test_context_reads_the_word_being_spelled_and_the_one_before() -> None:
    assert context_of("") == context_of("   ")
    assert context_of("i want m").previous == "want"
    assert context_of("i want m").prefix == "m"
    assert context_of("I WANT ").prefix == ""
    assert context_of("is it? y").previous == START  # a question ends a sentence


@pytest.mark.parametrize(
    "message",
    ["🙂 ", "🙂", "שלום ע", "x" * 300, "x" * 300 + " ", "a\u0301b", "??? ", "\t\n", "123 4"],
)
def test_unusual_text_never_breaks_prediction(message: str) -> None:
    p = small()
    p.personal.learn(message)
    words = p.words(context_of(message), 6)
    letters = p.letters(context_of(message), tuple(words))
    assert len(words) <= 6
    assert all(v >= 0 for v in letters.values())


def test_no_base_data_predicts_from_the_patient_alone() -> None:
    p = Predictor(BaseModel(BaseCounts()), PersonalWords())
    assert p.words(context_of("sh"), 4) == []
    p.personal.learn("shalom sara")
    assert p.words(context_of("sh"), 4)[0] == "shalom"
    assert p.words(context_of("shalom "), 4)[0] == "sara"


def test_english_data_ships_and_predicts_common_bedside_words() -> None:
    counts = read_counts("en")
    assert counts.problem == ""
    assert len(counts.words) > 50_000 and sum(len(v) for v in counts.pairs.values()) > 200_000
    p = Predictor(BaseModel(counts), PersonalWords())
    assert "sister" in p.words(context_of("my sis"), 6)
    assert p.words(context_of("i want "), 6)[0] == "to"
    assert "want" in p.words(context_of("i wa"), 6)


def test_a_language_without_data_is_neither_an_error_nor_a_notice() -> None:
    """A language with no lists predicts from the patient's words (documented): nothing
    is broken, so no banner every time its Spell page opens."""
    counts = read_counts("xx")
    assert counts.words == {} and counts.problem == ""
    assert BaseModel(counts).notice() == ""


def test_a_layouts_word_list_with_bad_lines_keeps_the_rest_and_names_the_first(
    tmp_path: Path,
) -> None:
    (tmp_path / "words.txt").write_text("hallo 10\nwelt zehn\ndanke 5\n-3\n", encoding="utf-8")
    counts = read_counts("de", tmp_path)
    assert counts.words == {"hallo": 10.0, "danke": 5.0}
    notice = BaseModel(counts).notice()
    assert f"{tmp_path / 'words.txt'}:2" in notice and "2 lines" in notice


def test_a_word_list_that_cannot_be_read_is_named_and_nothing_is_raised(tmp_path: Path) -> None:
    (tmp_path / "words.txt").write_bytes(b"caf\xe9 3\n")  # Latin-1, not UTF-8
    model = BaseModel(read_counts("fr", tmp_path))
    assert len(model.unigrams) == 0
    assert str(tmp_path / "words.txt") in model.notice() and "UTF-8" in model.notice()


VARIED = [
    "i wish you were here",
    "i am cold",
    "please close the door",
    "my feet hurt",
    "i need the nurse",
    "can you read to me",
    "turn the light off",
    "i feel sick",
    "where is my phone",
    "the bed is too hard",
    "i am tired now",
    "tell my son to come",
]


def test_how_much_the_patients_own_words_count_is_learned_from_how_they_speak() -> None:
    base = BaseModel(read_counts("en"))
    varied = Predictor(base, PersonalWords())
    for message in VARIED:
        varied.personal.learn(message)
    repeats = Predictor(base, PersonalWords())
    for message in VARIED[:3] * 5:
        repeats.personal.learn(message)
    # A patient who says the same things again gets them first...
    assert repeats.words(context_of("i w"), 6)[0] == "wish"
    assert repeats.words(context_of("please "), 6)[0] == "close"
    # ...and their words weigh much more than those of a patient whose every
    # message is new (whose words said once could not have been predicted
    # from the others), where the base data keeps most of its say.
    assert repeats.personal_share() == PERSONAL_MAX
    assert varied.personal_share() < 0.5 * PERSONAL_MAX
    # Either way a word said once is offered again.
    assert "wish" in varied.words(context_of("i w"), 6)


def test_the_patients_share_stays_within_its_bounds_whatever_they_said() -> None:
    base = {"the": 0.05, "water": 0.001}
    assert fitted_share({}, base) == PERSONAL_MIN
    assert fitted_share({"xavier": 1.0}, base) == PERSONAL_MIN  # nothing to judge by yet
    assert fitted_share({"xavier": 40.0, "the": 2.0}, base) == PERSONAL_MAX
    assert fitted_share({"the": 1.0, "water": 1.0}, base) == PERSONAL_MIN  # nothing repeated
    share = fitted_share({"the": 3.0, "water": 1.0, "xavier": 2.0}, base)
    assert PERSONAL_MIN <= share <= PERSONAL_MAX


@pytest.mark.parametrize("slow_path", [False, True])
def test_a_german_word_list_offers_its_words_spelled_as_written(
    tmp_path: Path, slow_path: bool
) -> None:
    """A German layout's words.txt: the slots show "straße", not "strasse" (case folding
    turned every ß into ss, so the board misspelled the patient's words and the ß cell of
    the Spell page never got its likelihood); a list saved decomposed (NFD, as macOS
    editors do) still matches the ü the Spell page types."""
    words = "Straße 100\nStraßenbahn 50\n" + unicodedata.normalize("NFD", "Übelkeit 40\n")
    (tmp_path / "words.txt").write_text(words + ("oops\n" if slow_path else ""), encoding="utf-8")
    (tmp_path / "word_pairs.txt").write_text("große Übelkeit 5\n", encoding="utf-8")
    p = Predictor(BaseModel(read_counts("de", tmp_path)), PersonalWords())
    assert p.words(context_of("stra"), 2) == ["straße", "straßenbahn"]
    letters = p.letters(context_of("stra"))
    assert max(letters, key=letters.__getitem__) == "ß"
    assert p.words(context_of("straß"), 2) == ["straße", "straßenbahn"]
    assert p.words(context_of("ü"), 1) == ["übelkeit"]
    assert p.words(context_of("Große "), 1) == ["übelkeit"]
