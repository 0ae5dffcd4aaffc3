"""Mixed writing cut into runs one font each can draw: "I feel 👍" is "I feel " + "👍".

No installed font has every script: pygame's own font has Latin letters but no
emoji, the colour emoji font has pictures but no letters.  A message the
patient builds from letter cells and an emoji cell needs both, so it is cut
into runs, each drawn with its own font (``shell/screens/run_font.py``).

The cut is made between the characters a reader sees as one (grapheme
clusters): an emoji with its skin tone or its ZWJ partners ("👨‍👩‍👧"), a flag's
two letters, a letter with its accents stay in one run, so one font draws
them whole.  Spaces and punctuation go with the writing beside them, so a
Hebrew word keeps its full stop and is shaped as one piece, right to left.

Runs are placed in reading order by a small part of the Unicode bidirectional
algorithm: the paragraph's direction, and a run of the other direction kept
in its own order inside it ("שלום 👍" shows the thumb on the left).

This module does not import pygame: ``font_choice`` (which ``commboard
validate`` uses) asks it where the cuts are.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from itertools import groupby
from typing import TypeVar

ZWJ = "\u200d"
# Unicode categories that never start a cluster: combining marks, and the
# spacing marks of Indic scripts.
_MARKS = ("Mn", "Me", "Mc")
# Spaces, punctuation, digits and math/currency signs: they take the font of
# the writing around them instead of starting a run of their own.
_NEUTRAL = ("Zs", "Po", "Ps", "Pe", "Pi", "Pf", "Pd", "Pc", "Nd", "Sm", "Sc", "Sk")

T = TypeVar("T")


def _modifies(ch: str) -> bool:
    """A code point that belongs to the character before it."""
    cp = ord(ch)
    return (
        unicodedata.category(ch) in _MARKS
        or 0xFE00 <= cp <= 0xFE0F  # variation selectors (text / emoji presentation)
        or 0x1F3FB <= cp <= 0x1F3FF  # skin tones
        or 0xE0020 <= cp <= 0xE007F  # tag letters (subdivision flags)
        or ch == ZWJ
    )


def _regional(ch: str) -> bool:
    return 0x1F1E6 <= ord(ch) <= 0x1F1FF


def _pictographic(ch: str) -> bool:
    return ord(ch) >= 0x1F000 or unicodedata.category(ch) == "So"


def _zwj_sequence(cluster: str, ch: str) -> bool:
    """Whether ``ch`` continues an emoji ZWJ sequence ("👨" ZWJ "👩"), not a ZWJ between letters."""
    return cluster.endswith(ZWJ) and _pictographic(cluster[0]) and _pictographic(ch)


def clusters(text: str) -> list[str]:
    """``text`` cut into the characters a reader sees as one (grapheme clusters, simplified).

    A mark, variation selector, skin tone, tag or ZWJ joins the character
    before it, a picture after a picture and a ZWJ joins too (a family), and
    regional indicators pair up into flags.
    """
    out: list[str] = []
    flag_open = False  # the last cluster is a flag's first letter
    for ch in text:
        joined = bool(out) and (_modifies(ch) or _zwj_sequence(out[-1], ch))
        if out and _regional(ch) and flag_open:
            joined, flag_open = True, False
        elif _regional(ch):
            flag_open = not joined
        elif not joined:
            flag_open = False
        if joined:
            out[-1] += ch
        else:
            out.append(ch)
    return out


def is_neutral(cluster: str) -> bool:
    """Spaces, punctuation and digits: they go with the writing beside them."""
    return all(ch.isspace() or unicodedata.category(ch) in _NEUTRAL for ch in cluster)


def split_runs(
    text: str,
    pick: Callable[[str], str | None],
    covers: Callable[[str, str], bool],
    colour: Callable[[str], bool],
) -> tuple[list[tuple[str, str]], list[str]]:
    """``text`` as (run, font file) pairs in reading order, and the clusters no font draws.

    Args:
        text: The writing, without control characters.
        pick: The font file that draws a cluster alone (as that cluster would be
            drawn in a cell of its own), or None when no installed font has it.
        covers: Whether a font file has glyphs for every character of a cluster.
        colour: Whether a font file is a colour emoji font (which draws no letters,
            so spaces and punctuation never go with it).
    """
    parts = clusters(text)
    fonts = _strong_fonts(parts, pick)
    for i, part in enumerate(parts):
        if not is_neutral(part):
            continue
        after = next((fonts[j] for j in range(i, len(parts)) if not is_neutral(parts[j])), None)
        nearby = [f for f in (fonts[i - 1] if i else None, after) if f and not colour(f)]
        fonts[i] = next((f for f in nearby if covers(f, part)), None) or pick(part)
    runs: list[tuple[str, str]] = []
    missing: list[str] = []
    for part, font in zip(parts, fonts, strict=True):
        if font is None:
            missing.append(part)
        elif runs and runs[-1][1] == font:
            runs[-1] = (runs[-1][0] + part, font)
        else:
            runs.append((part, font))
    return runs, missing


def script(cluster: str) -> str:
    """The writing system of a cluster, from its first character's Unicode name ("ARABIC").

    Pictures and symbols (emoji, "❤") are one kind of their own.
    """
    first = cluster[0]
    if ord(first) >= 0x1F000 or unicodedata.category(first) == "So":
        return "SYMBOL"
    return unicodedata.name(first, "").split(" ")[0]


def _strong_fonts(parts: list[str], pick: Callable[[str], str | None]) -> list[str | None]:
    """A font per cluster that is no space, digit or punctuation (None for those and for missing).

    A stretch of one script ("مرحبا", "👍😀") gets one font when one has it
    all: shaping joins Arabic letters only within one font's run, and two
    fonts in a word would look patched.  Else each cluster gets its own.
    """
    fonts: list[str | None] = [None] * len(parts)
    start = 0
    while start < len(parts):
        end = start + 1
        kind = None if is_neutral(parts[start]) else script(parts[start])
        while (
            kind and end < len(parts) and not is_neutral(parts[end]) and script(parts[end]) == kind
        ):
            end += 1
        if kind:
            whole = pick("".join(parts[start:end]))
            fonts[start:end] = [whole or pick(p) for p in parts[start:end]]
        start = end
    return fonts


def direction(text: str) -> str:
    """ "R" for writing with right-to-left letters, "L" with left-to-right ones, "" for neither."""
    kinds = {unicodedata.bidirectional(ch) for ch in text}
    if kinds & {"R", "AL"}:
        return "R"
    return "L" if "L" in kinds else ""


def visual_order(items: Sequence[T], directions: Sequence[str], rtl: bool) -> list[tuple[T, bool]]:
    """``items`` left to right on the line, each with whether it reads right to left.

    ``directions`` holds each item's own direction ("R", "L" or "" for
    neither: emoji, spaces).  An item of neither direction takes the
    direction of the writing on both sides of it when they agree, else the
    paragraph's (``rtl``), as the Unicode bidirectional algorithm does for
    neutral characters.  Runs of the paragraph's direction follow it; a
    stretch of the other direction keeps its own order inside it.
    """
    paragraph = "R" if rtl else "L"
    resolved = []
    for i, own in enumerate(directions):
        if not own:
            before = next((d for d in reversed(directions[:i]) if d), paragraph)
            after = next((d for d in directions[i + 1 :] if d), paragraph)
            own = before if before == after else paragraph
        resolved.append(own)
    groups = [list(g) for _, g in groupby(zip(resolved, items, strict=True), key=lambda p: p[0])]
    if rtl:
        groups.reverse()
    placed: list[tuple[T, bool]] = []
    for group in groups:
        backwards = group[0][0] == "R"
        placed.extend((item, backwards) for _, item in (reversed(group) if backwards else group))
    return placed
