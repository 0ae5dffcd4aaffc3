"""Message editing: what a patient spelling with one switch sees in the message bar."""

from commboard.board.message import MessageBar


def build(*pieces: str) -> MessageBar:
    bar = MessageBar()
    for piece in pieces:
        bar = bar.add(piece)
    return bar


def test_letters_spell_a_word() -> None:
    assert build("H", "I").text == "HI"


def test_words_are_separated_by_one_space() -> None:
    bar = build("I want", "water")
    assert bar.text == "I want water "
    assert bar.spoken == "I want water"


def test_letters_after_a_word_start_a_new_word() -> None:
    assert build("I want", "t", "e", "a").spoken == "I want tea"


def test_space_cell_never_doubles_spaces() -> None:
    assert build("A", " ", " ", "B").text == "A B"
    assert build(" ").text == ""


def test_word_after_spelled_letters_gets_a_space() -> None:
    assert build("N", "O", "please").spoken == "NO please"


def test_backspace_removes_one_character() -> None:
    assert build("C", "A", "T").backspace().text == "CA"
    assert MessageBar().backspace().text == ""


def test_clear_empties_and_empty_message_has_nothing_to_say() -> None:
    bar = build("hello there").clear()
    assert bar.text == "" and bar.empty
    assert build(" ").empty


def test_edits_do_not_change_the_original_value() -> None:
    before = build("yes")
    before.add("please")
    assert before.text == "yes "


def test_a_predicted_word_replaces_the_letters_spelled_so_far() -> None:
    assert MessageBar("i w").complete("want").text == "i want "
    assert MessageBar("i wx").complete("want").text == "i want "  # a slip is repaired
    assert MessageBar("i ").complete("want").text == "i want "  # a next word
    assert MessageBar("").complete("please").text == "please "
    assert MessageBar("i w").complete("  ").text == "i w"  # nothing to add


def test_delete_takes_a_whole_emoji_back_not_a_piece_of_it() -> None:
    """A layout's emoji cell (thumbs up with a skin tone, a red heart, a family, a
    flag) is one picture on screen but several code points: Delete took only the
    last one, so the patient saw the thumb change colour (or nothing change) and
    the next letter was glued to what was left of it."""
    for emoji in ("👍🏽", "❤️", "👨‍👩‍👧", "🇬🇧", "1️⃣"):
        bar = build("ok", emoji)
        assert bar.text == f"ok {emoji} "
        assert bar.backspace().text == f"ok {emoji}"
        assert bar.backspace().backspace().text == "ok "
    assert MessageBar("🇬🇧🇫🇷").backspace().text == "🇬🇧"  # two flags: one at a time


def test_delete_takes_a_separately_chosen_mark_back_alone() -> None:
    """A mark the patient chose as its own cell (Hebrew vowel points, an accent)
    is one selection, so Delete takes back just that."""
    assert build("ש", "\u05b8").backspace().text == "ש"
    assert build("e", "\u0301").backspace().text == "e"
