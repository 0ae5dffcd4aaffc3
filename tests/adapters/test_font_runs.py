"""Where mixed writing is cut into runs: never inside what a reader sees as one character.

``font_runs`` decides which font draws each piece of "I feel 👍"; a cut inside
an emoji with its skin tone, a family joined by ZWJ, a flag or a letter with
its accent would draw it as two broken pieces (or an empty box).
"""

from __future__ import annotations

from commboard.adapters.font_runs import clusters, split_runs, visual_order

LATIN, EMOJI, HEBREW = "latin.ttf", "emoji.ttf", "hebrew.ttf"


def pick(cluster: str) -> str | None:
    """A pretend machine: Latin and spaces in one font, Hebrew in another, emoji in colour."""
    if any(ord(ch) >= 0x1F000 for ch in cluster):
        return EMOJI
    if any("\u0590" <= ch <= "\u05ff" for ch in cluster):
        return HEBREW
    if all(ord(ch) < 0x250 or ch == "\u0301" for ch in cluster):
        return LATIN
    return None  # nothing here draws it (Chinese, say)


def covers(font: str, cluster: str) -> bool:
    return pick(cluster) == font or (font == HEBREW and cluster.isspace())


def runs(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    return split_runs(text, pick, covers, lambda font: font == EMOJI)


def test_emoji_sequences_flags_and_accents_stay_whole() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"
    assert clusters(f"a{family}b") == ["a", family, "b"]
    assert clusters("\U0001f44d\U0001f3fdx") == ["\U0001f44d\U0001f3fd", "x"]  # skin tone
    assert clusters("\U0001f1ec\U0001f1f7\U0001f1e7\U0001f1eb") == [
        "\U0001f1ec\U0001f1f7",
        "\U0001f1e7\U0001f1eb",
    ]  # two flags, not four letters
    assert clusters("e\u0301t\u00e9") == ["e\u0301", "t", "\u00e9"]
    assert clusters("\u2764\ufe0f!") == ["\u2764\ufe0f", "!"]
    assert clusters("1\ufe0f\u20e3") == ["1\ufe0f\u20e3"]  # a keycap


def test_letters_and_an_emoji_make_two_runs_with_the_space_among_the_letters() -> None:
    assert runs("I feel 👍") == ([("I feel ", LATIN), ("👍", EMOJI)], [])
    assert runs("👍🏽 thanks") == ([("👍🏽", EMOJI), (" thanks", LATIN)], [])
    assert runs("שלום 👍") == ([("שלום ", HEBREW), ("👍", EMOJI)], [])


def test_what_no_font_has_is_reported_and_left_out() -> None:
    assert runs("Hi 你好 👍") == ([("Hi  ", LATIN), ("👍", EMOJI)], ["你", "好"])


def test_runs_stand_in_reading_order() -> None:
    # Right-to-left writing: the first run typed stands on the right, a run of
    # emoji between right-to-left words reads right to left too.
    assert visual_order(["שלום ", "👍"], ["R", ""], True) == [("👍", True), ("שלום ", True)]
    assert visual_order(["מים", " ", "water", " ", "👍"], ["R", "", "L", "", ""], True) == [
        ("👍", True),
        (" ", True),
        ("water", False),
        (" ", True),
        ("מים", True),
    ]
    # Left-to-right writing keeps its order; a Hebrew word inside it reads right to left.
    assert visual_order(["I said ", "שלום", " 👍"], ["L", "R", ""], False) == [
        ("I said ", False),
        ("שלום", True),
        (" 👍", False),
    ]


def test_a_joiner_between_letters_does_not_glue_a_picture_to_them() -> None:
    # ZWJ joins pictures into one (a family); after a letter it only shapes the
    # letter, and an emoji after it stays a cluster of its own (its own font).
    assert clusters("\u0627\u200d\U0001f623") == ["\u0627\u200d", "\U0001f623"]
