"""Counts in words for people: "1 statement", "2 statements", never "1 statements".

The carer's menus, the care team's report and the history commands name
how many statements, lines or words something holds; a count of one is
common (one old statement to delete, one damaged line) and must read as
plain English.
"""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and ``noun`` agreeing: ``1 statement``, ``0 statements``, ``2 word pairs``.

    ``plural`` for a noun not made plural by adding "s".
    """
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def report_summary(count: int, marked: int) -> str:
    """A report's statements and how many of them are decisions or preferences, in words.

    ``2 statements, 1 of them a decision or preference``; ``1 statement, a decision
    or preference``.  "Decisions and preferences" is the report page's own heading.
    """
    said = counted(count, "statement")
    if count == 1:
        return f"{said}, {'a' if marked else 'not a'} decision or preference"
    kind = "a decision or preference" if marked == 1 else "decisions or preferences"
    return f"{said}, {marked} of them {kind}"
