"""Learning from the patient: one use is enough, profiles never share, files are private and safe."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from commboard.predict.language_data import BaseCounts
from commboard.predict.personal import MAX_PAIRS, MAX_WORDS, PersonalWords
from commboard.predict.personal_file import (
    PersonalFile,
    learned_words_path,
    render_personal,
    words_command,
)
from commboard.predict.predictor import BaseModel, Predictor
from commboard.predict.text import context_of

BASE = BaseModel(
    BaseCounts(
        {"the": 1000.0, "to": 800.0, "call": 50.0, "xylophone": 1.0}, {"call": [("the", 5.0)]}
    )
)


def test_a_new_name_is_predicted_after_one_use() -> None:
    p = Predictor(BASE, PersonalWords())
    assert "xavier" not in p.words(context_of("call x"), 6)
    p.personal.learn("Please call Xavier")
    assert p.words(context_of("call x"), 6)[0] == "xavier"
    assert "xavier" in p.words(context_of("call "), 6)  # and as the next word
    assert "please" in p.words(context_of(""), 6)  # how the patient starts a message


def test_learned_words_weigh_above_the_base_data() -> None:
    p = Predictor(BASE, PersonalWords())
    assert p.words(context_of("t"), 2) == ["the", "to"]
    p.personal.learn("tomorrow")
    # Said once: among the slots, with the base's far more common words ...
    assert "tomorrow" in p.words(context_of("t"), 3)
    # ... and before them once the patient has said it a few times.
    for _ in range(3):
        p.personal.learn("tomorrow")
    assert p.words(context_of("t"), 3) == ["tomorrow", "the", "to"]


def test_profiles_never_share_learned_words(tmp_path: Path) -> None:
    anna, ben = learned_words_path("anna", tmp_path), learned_words_path("ben", tmp_path)
    assert anna != ben
    model = PersonalWords()
    model.learn("call Xavier")
    assert PersonalFile(anna).save(model)
    assert PersonalFile(anna).read().words == {"call": 1.0, "xavier": 1.0}
    assert PersonalFile(ben).read().words == {}
    assert not ben.exists()


def test_the_file_is_private_and_written_whole(tmp_path: Path) -> None:
    path = learned_words_path("anna", tmp_path)
    model = PersonalWords()
    model.learn("my sister decides with me")
    assert PersonalFile(path).save(model)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.parent.parent.stat().st_mode) == 0o700
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "commboard-personal-words" and data["words"]["sister"] == 1
    assert [".words.json" in n for n in os.listdir(path.parent)] == [False]  # no temp file left


def test_a_damaged_file_is_reported_left_untouched_and_never_overwritten(tmp_path: Path) -> None:
    path = learned_words_path("anna", tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text('{"format": "commboard-personal-words",\n "version": 1, "words": {', "utf-8")
    before = path.read_bytes()
    file = PersonalFile(path)
    model = file.read()
    assert model.words == {}
    assert str(path) in file.problem and "line 2" in file.problem and "JSON" in file.problem
    model.learn("new words")
    assert not file.save(model)
    assert path.read_bytes() == before


def test_a_wrong_count_names_the_word(tmp_path: Path) -> None:
    path = tmp_path / "words.json"
    path.write_text(
        json.dumps({"format": "commboard-personal-words", "version": 1, "words": {"anna": "x"}}),
        "utf-8",
    )
    file = PersonalFile(path)
    file.read()
    assert "'anna'" in file.problem and str(path) in file.problem


def test_the_model_never_grows_without_bound() -> None:
    model = PersonalWords()
    for n in range(MAX_WORDS + 500):
        model.learn(f"w{n} v{n}")
    assert len(model.words) <= MAX_WORDS
    assert len(model.pairs) <= MAX_PAIRS
    assert len(render_personal(model).encode()) < 1_000_000


def test_the_carer_can_clear_learned_words(tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    path = learned_words_path("anna", tmp_path)
    model = PersonalWords()
    model.learn("call Xavier")
    PersonalFile(path).save(model)
    assert words_command("show", "anna", tmp_path) == 0
    assert "xavier" in capsys.readouterr().out
    assert words_command("clear", "anna", tmp_path) == 0
    assert PersonalFile(path).read().words == {}


def test_a_file_nested_too_deeply_or_with_a_huge_word_is_reported_short_and_left_alone(
    tmp_path: Path,
) -> None:
    """Lists 100 000 deep raised RecursionError out of ``read`` (the board did not start); a
    wrong count on a 1 MB word quoted the whole word into the banner."""
    path = tmp_path / "words.json"
    path.write_text("[" * 100_000, "utf-8")
    file = PersonalFile(path)
    assert file.read().words == {}
    assert "nested too deeply" in file.problem and not file.writable
    huge = {"format": "commboard-personal-words", "version": 1, "words": {"w" * 1_000_000: "x"}}
    path.write_text(json.dumps(huge), "utf-8")
    file = PersonalFile(path)
    assert file.read().words == {}
    assert "'wwww" in file.problem and len(file.problem) < 300


def test_a_model_at_its_caps_in_any_script_is_read_back_at_the_next_start(tmp_path: Path) -> None:
    """A patient who spells Chinese or Japanese (no spaces: a "word" is up to 40
    characters of 3 bytes each) filled the caps with a 2.7 MB file the board wrote
    itself and then refused to read ("more than a learned-words file can be"):
    every learned word was gone at the next start and nothing was saved again."""
    import random

    rng = random.Random(3)
    # 40 characters of 4 bytes each (the longest word kept), plus quotes JSON must escape
    vocab = [
        '"' + "".join(chr(0x20000 + rng.randrange(40000)) for _ in range(38)) + '"'
        for _ in range(MAX_WORDS)
    ]
    model = PersonalWords()
    for _ in range(MAX_PAIRS // 2):
        model.learn(" ".join(rng.choice(vocab) for _ in range(4)))
    assert len(model.words) >= MAX_WORDS * 0.85 and len(model.pairs) >= MAX_PAIRS * 0.85
    path = tmp_path / "zh" / "words.json"
    assert PersonalFile(path).save(model)
    assert path.stat().st_size > 2_000_000  # what used to be refused
    again = PersonalFile(path)
    read = again.read()
    assert again.problem == "" and again.writable
    assert read.words == model.words and read.pairs == model.pairs


def test_a_file_bigger_than_any_the_board_writes_is_reported_not_read_and_left_alone(
    tmp_path: Path,
) -> None:
    from commboard.predict.personal_file import MAX_FILE_BYTES

    path = tmp_path / "words.json"
    path.write_bytes(b" " * (MAX_FILE_BYTES + 1))
    file = PersonalFile(path)
    assert file.read().words == {}
    assert str(path) in file.problem and "more than a learned-words file can be" in file.problem
    model = PersonalWords()
    model.learn("hello")
    assert not file.save(model)
    assert path.stat().st_size == MAX_FILE_BYTES + 1


def test_a_clear_while_the_board_runs_is_not_undone_by_the_next_message(tmp_path: Path) -> None:
    """The board runs all day with the learned words in memory; the carer runs
    `commboard words clear`; the next message the patient spoke saved the whole
    model again, so "xavier" (and all the rest) came back."""
    path = learned_words_path("anna", tmp_path)
    board_file = PersonalFile(path)
    model = board_file.read()  # the board starts
    model.learn("call xavier")
    assert board_file.save_learned(model, "call xavier")
    assert words_command("clear", "anna", tmp_path) == 0  # the carer, meanwhile
    model.learn("i am cold")
    assert board_file.save_learned(model, "i am cold")
    on_disk = PersonalFile(path).read()
    assert set(on_disk.words) == {"i", "am", "cold"}
    assert set(model.words) == {"i", "am", "cold"}  # and the board no longer offers it
    predictor = Predictor(BaseModel(BaseCounts()), model)
    assert "xavier" not in predictor.words(context_of("x"), 6)
    model.learn("hello")  # nobody else wrote meanwhile: saved as it is
    assert board_file.save_learned(model, "hello")
    assert set(PersonalFile(path).read().words) == {"i", "am", "cold", "hello"}


def test_a_hand_edited_file_with_wrong_types_or_non_words_is_reported_and_left_alone(
    tmp_path: Path,
) -> None:
    """'"version": true' was read as version 1, and a "word" with a space or an empty
    one was accepted: a slot then offered "a b" (two words in one selection) or nothing."""
    path = tmp_path / "words.json"
    head = '{"format": "commboard-personal-words", '
    for body, why in [
        ('"version": true, "words": {}, "pairs": []}', "version True"),
        ('"version": 1, "words": {"a b": 3}, "pairs": []}', "word 'a b' is not one word"),
        ('"version": 1, "words": {"": 3}, "pairs": []}', "word '' is not one word"),
        ('"version": 1, "words": {"x": 1}, "pairs": [["x", "y z", 1]]}', "is not [previous word"),
    ]:
        path.write_text(head + body, "utf-8")
        before = path.read_bytes()
        file = PersonalFile(path)
        assert file.read().words == {}
        assert why in file.problem and str(path) in file.problem, file.problem
        assert not file.save(PersonalWords({"hello": 1.0}))
        assert path.read_bytes() == before
