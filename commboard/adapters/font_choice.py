"""Which font file draws a piece of text: per label, a font with a glyph for every character.

pygame's bundled bold sans font (FreeSansBold) draws Latin text, and stays the
font for every label it can draw, so English boards look as they always did.
For a label it cannot draw (Hebrew, Arabic, Greek, emoji...) we look for an
installed font that has a glyph for each of its characters: fontconfig's
``fc-list :charset=...`` where it exists, else the usual font folders
(``scripts/system-packages.sh`` installs Debian's Noto fonts).  Coverage is read
from each font's character map with fontTools, never guessed from rendering,
because SDL_ttf happily "draws" a missing glyph as an empty box.

A label no single font can draw is shown with the characters the best font
lacks left out (no boxes), and ``commboard validate`` warns about it.

This module does not import pygame: ``commboard validate`` asks it too.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from fontTools.ttLib import TTFont, TTLibError

FONT_DIRS = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/Library/Fonts",
    "/System/Library/Fonts",
    "C:/Windows/Fonts",
)
FONT_SUFFIXES = (".ttf", ".otf", ".ttc")
FC_LIST = "fc-list"  # fontconfig's lister; absent on most non-Linux systems
FC_TIMEOUT_S = 5.0
EMOJI_FROM = 0x1F000  # emoji and pictographs start here; prefer a colour font for them
# ISO 15924 codes HarfBuzz shapes with, for the right-to-left scripts we meet.
RTL_SCRIPTS = {"HEBREW": "Hebr", "ARABIC": "Arab", "SYRIAC": "Syrc", "THAANA": "Thaa"}


@dataclass(frozen=True, slots=True)
class Face:
    """One font choice for one label.

    Attributes:
        path: The font file; None for pygame's bundled default font.
        shown: The label as it will be drawn (characters no font has are left out).
        rtl: True when the label is right-to-left (shape and align it so).
        script: ISO 15924 script code for HarfBuzz shaping ("Hebr"), or "" to let it guess.
        color: True for a colour bitmap font (emoji), drawn at its own size and scaled.
    """

    path: str | None
    shown: str
    rtl: bool = False
    script: str = ""
    color: bool = False


def default_font_file() -> str | None:
    """pygame's bundled ``freesansbold.ttf`` (found without importing pygame), or None."""
    spec = importlib.util.find_spec("pygame")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = Path(folder) / "freesansbold.ttf"
        if path.is_file():
            return str(path)
    return None


@lru_cache(maxsize=512)
def _charmap(path: str) -> frozenset[int]:
    """The code points ``path`` has glyphs for (empty when the file cannot be read)."""
    try:
        with TTFont(path, lazy=True, fontNumber=0) as font:
            return frozenset(font.getBestCmap() or {})
    except (OSError, TTLibError, AssertionError, KeyError, ValueError):
        return frozenset()


def _without_controls(text: str) -> str:
    """``text`` without control characters other than white space (a NUL, an escape...)."""
    return "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")


def _needed(text: str) -> frozenset[int]:
    """Code points that need a glyph: not spaces, joiners or variation selectors."""
    return frozenset(
        ord(ch)
        for ch in text
        if not ch.isspace()
        and unicodedata.category(ch) not in ("Cf", "Mn", "Cc")
        and not 0xFE00 <= ord(ch) <= 0xFE0F
    )


def _rank(path: str) -> tuple[int, ...]:
    """Sort key: bold sans first (Noto before others), serif and mono last, shorter names first."""
    name = Path(path).stem.lower()
    return (
        "mono" in name,
        "sans" not in name,  # plain letter shapes read best on a board (not Kufi, not Naskh)
        "serif" in name or "naskh" in name or "rashi" in name,
        "bold" not in name,
        any(w in name for w in ("italic", "oblique", "condensed", "light", "thin", "black")),
        "noto" not in name,  # Noto draws each script in its own designed shapes
        "display" in name or "ui" in name,
        len(name),
    )


def _is_color(path: str) -> bool:
    return "emoji" in Path(path).stem.lower() and "color" in Path(path).stem.lower()


class FontChoice:
    """Answers "which font draws this label?", remembering every answer."""

    def __init__(self, dirs: tuple[str, ...] | None = None, use_fontconfig: bool = True) -> None:
        """Look in ``dirs`` (default ``FONT_DIRS``) and ask fontconfig, beside pygame's own font."""
        self._default = default_font_file()
        self._dirs = FONT_DIRS if dirs is None else dirs
        self._fc = shutil.which(FC_LIST) if use_fontconfig else None
        self._files: list[str] | None = None
        self._faces: dict[str, Face] = {}
        self._missing: dict[str, None] = {}  # characters left out so far, in order met
        self._told = False

    def _all_files(self) -> list[str]:
        if self._files is None:
            found: set[str] = set()
            for folder in self._dirs:
                root = Path(os.path.expanduser(folder))
                if root.is_dir():
                    found.update(
                        str(p) for p in root.rglob("*") if p.suffix.lower() in FONT_SUFFIXES
                    )
            self._files = sorted(found, key=_rank)
        return self._files

    def _candidates(self, needed: frozenset[int]) -> list[str]:
        """Font files that may have ``needed``: fontconfig's answer, else every known file."""
        if self._fc:
            charset = " ".join(f"{cp:x}" for cp in sorted(needed))
            try:
                out = subprocess.run(
                    [self._fc, f":charset={charset}", "--format", "%{file}\n"],
                    capture_output=True,
                    text=True,
                    timeout=FC_TIMEOUT_S,
                    check=False,
                ).stdout
            except (OSError, subprocess.SubprocessError):
                out = ""
            files = sorted({line for line in out.splitlines() if line}, key=_rank)
            if files:
                return files
        return self._all_files()

    def face(self, text: str) -> Face:
        """The font for ``text``: the default font when it can, else the best installed one."""
        cached = self._faces.get(text)
        if cached is None:
            cached = self._faces[text] = self._choose(text)
        return cached

    def _choose(self, label: str) -> Face:
        # Control characters (a NUL from another app's board) draw nothing and
        # pygame refuses to draw a NUL at all: they are never part of what is shown.
        text = _without_controls(label)
        needed = _needed(text)
        rtl, script = _direction(text)
        if self._default and needed <= _charmap(self._default):
            return Face(None, text, rtl, script)
        best: tuple[int, str | None] = (-1, None)
        # A font already chosen for another label usually has this one's script too:
        # trying those first spares a fontconfig call per label while the board draws.
        emoji = any(cp >= EMOJI_FROM for cp in needed)
        used = self._emoji_first([f.path for f in self._faces.values() if f.path], emoji)
        for path in dict.fromkeys(used):
            if needed <= _charmap(path) and (emoji or not _is_color(path)):
                return Face(path, text, rtl, script, _is_color(path))
        for path in self._emoji_first(self._candidates(needed), emoji):
            have = _charmap(path)
            if needed <= have:
                return Face(path, text, rtl, script, _is_color(path))
            if len(needed & have) > best[0] and not _is_color(path):
                best = (len(needed & have), path)
        if self._default and len(needed & _charmap(self._default)) >= best[0]:
            best = (0, None)
        have = _charmap(best[1]) if best[1] else _charmap(self._default or "")
        shown = "".join(ch for ch in text if ord(ch) in have or ord(ch) not in needed)
        shown = " ".join(shown.split())
        self._missing.update(dict.fromkeys(ch for ch in text if ch not in shown and ch.strip()))
        return Face(best[1], shown, rtl, script)

    @staticmethod
    def _emoji_first(paths: list[str], emoji: bool) -> list[str]:
        """``paths`` by rank; colour fonts first when the text has emoji (pictures in colour)."""
        return sorted(paths, key=lambda p: (not (emoji and _is_color(p)), _rank(p)))

    def prepare(self, texts: Iterable[str]) -> None:
        """Choose the fonts for ``texts`` now (start-up, a loading thread), not while drawing.

        The first label in a new script asks fontconfig (a process: tens of
        milliseconds) or reads font files; done here, the frame loop never waits.
        """
        for text in texts:
            self.face(text)

    def undrawable(self, label: str) -> str:
        """The characters of ``label`` no installed font can draw together with the rest ("" if none).

        Control characters are left out of what is drawn without being named here: they are no letters.
        """
        face = self.face(label)
        text = _without_controls(label)
        if face.shown == text:
            return ""
        kept = set(face.shown)
        return "".join(dict.fromkeys(ch for ch in text if ch not in kept and not ch.isspace()))

    def notice(self) -> str | None:
        """Once: plain words for the carer when some label lost characters no font has."""
        if self._told or not self._missing:
            return None
        self._told = True
        missing = list(self._missing)
        # A character some font draws alone (an emoji beside Hebrew letters) is left out only
        # where no one font has it together with the rest: installing fonts would not help.
        alone = [ch for ch in missing if self.face(ch).shown == ch]
        if len(alone) == len(missing):
            some = ", ".join(f"{ch} U+{ord(ch):04X}" for ch in missing[:6])
            return (
                f"Some letters cannot be drawn together with the writing around them ({some}): "
                "no one installed font has both, so they are left out there (alone in a cell "
                "they are shown)."
            )
        # Each with its code point: the letters themselves cannot be drawn in the banner either.
        some = ", ".join([f"{ch} U+{ord(ch):04X}" for ch in missing if ch not in alone][:6])
        return (
            f"Some letters cannot be drawn ({some}): no installed font has them, so they are "
            "left out. Install fonts-noto-core, fonts-noto-color-emoji (fonts-noto-cjk for Chinese, "
            "Japanese, Korean)."
        )


def _direction(text: str) -> tuple[bool, str]:
    """(right-to-left?, script code) from the first strongly directional character."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            name = unicodedata.name(ch, "").split(" ")[0]
            return True, RTL_SCRIPTS.get(name, "")
        if kind == "L":
            return False, ""
    return False, ""
