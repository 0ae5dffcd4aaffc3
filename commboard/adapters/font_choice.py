"""Which font file draws a piece of text: per label, a font with a glyph for every character.

pygame's bundled bold sans font (FreeSansBold) draws Latin text, and stays the
font for every label it can draw, so English boards look as they always did.
For a label it cannot draw (Hebrew, Arabic, Greek, emoji...) we look for an
installed font that has a glyph for each of its characters: fontconfig's
``fc-list :charset=...`` where it exists, else the usual font folders
(``scripts/system-packages.sh`` installs Debian's Noto fonts).  Coverage is read
from each font's character map with fontTools, never guessed from rendering,
because SDL_ttf happily "draws" a missing glyph as an empty box.

Writing no single font can draw ("I feel 👍": letters and a colour emoji; a
Hebrew word and an emoji) is cut into runs, each with its own font
(``font_runs``); emoji beside letters always go to the colour font when one is
installed, as they look in their own cell.  Characters no installed font has
are left out (no boxes), and ``commboard validate`` warns about them.

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

from commboard.adapters import font_runs

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
RUNS_KEPT = 2000  # lines of mixed writing whose runs are remembered (the message bar's)
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
        runs: For writing no one font draws, one face per run, in typed order
            (``path`` is then None and unused); empty when one font draws it all.
    """

    path: str | None
    shown: str
    rtl: bool = False
    script: str = ""
    color: bool = False
    runs: tuple[Face, ...] = ()


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


def _covers(path: str, cluster: str) -> bool:
    return _needed(cluster) <= _charmap(path)


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
        self._picks: dict[str, str | None] = {}  # font file per cluster of mixed writing
        self._runs: dict[str, tuple[Face, ...]] = {}
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
        emoji = any(cp >= EMOJI_FROM for cp in needed)
        # Emoji beside letters: the picture in colour and the letters in the board's
        # font, as each looks in its own cell (not one font's grey outline for both).
        mixed = self._mixed(text, rtl, script) if emoji else None
        if mixed is not None and mixed.runs:
            colours = [f.path for f in mixed.runs if f.color and f.path]
            if colours and needed <= _charmap(colours[0]):
                return Face(colours[0], text, rtl, script, True)  # "👍 ☺": all pictures
            return mixed
        whole, best = self._search(needed, emoji)
        if whole is not None:
            return Face(whole, text, rtl, script, _is_color(whole))
        mixed = mixed or self._mixed(text, rtl, script)
        return mixed or self._partial(text, needed, best, rtl, script)

    def _search(self, needed: frozenset[int], emoji: bool) -> tuple[str | None, str | None]:
        """(A font file with all of ``needed`` or None; else the plain font with the most, None: ours)."""
        best: tuple[int, str | None] = (-1, None)
        # A font already chosen for another label usually has this one's script too:
        # trying those first spares a fontconfig call per label while the board draws.
        chosen = [f.path for face in self._faces.values() for f in (face, *face.runs) if f.path]
        for path in dict.fromkeys(self._emoji_first(chosen, emoji)):
            if needed <= _charmap(path) and (emoji or not _is_color(path)):
                return path, None
        for path in self._emoji_first(self._candidates(needed), emoji):
            have = _charmap(path)
            if needed <= have:
                return path, None
            if len(needed & have) > best[0] and not _is_color(path):
                best = (len(needed & have), path)
        if self._default and len(needed & _charmap(self._default)) >= best[0]:
            return None, None
        return None, best[1]

    def _partial(
        self, text: str, needed: frozenset[int], best: str | None, rtl: bool, script: str
    ) -> Face:
        """``text`` in the font ``best`` (None: ours) without the characters it lacks."""
        have = _charmap(best) if best else _charmap(self._default or "")
        shown = "".join(ch for ch in text if ord(ch) in have or ord(ch) not in needed)
        shown = " ".join(shown.split())
        self._missing.update(dict.fromkeys(ch for ch in text if ch not in shown and ch.strip()))
        return Face(best, shown, rtl, script)

    def _mixed(self, text: str, rtl: bool, script: str) -> Face | None:
        """``text`` as runs in different fonts (one font: a plain face); None if nothing draws."""
        runs, missing = self._split(text)
        shown = text
        if missing:  # no installed font has these: left out, as by ``_partial``
            shown = " ".join("".join(run for run, _ in runs).split())
            runs = self._split(shown)[0]
        fonts = list(dict.fromkeys(path for _, path in runs))
        if not fonts or (len(fonts) == 1 and not missing):
            return None
        self._missing.update(dict.fromkeys(ch for ch in text if ch not in shown and ch.strip()))
        if len(fonts) == 1:
            own = None if fonts[0] == self._default else fonts[0]
            return Face(own, shown, rtl, script, _is_color(fonts[0]))
        faces = tuple(self._run_face(run, path) for run, path in runs)
        return Face(None, shown, rtl, script, runs=faces)

    def _split(self, text: str) -> tuple[list[tuple[str, str]], list[str]]:
        return font_runs.split_runs(text, self._pick, _covers, _is_color)

    def _pick(self, cluster: str) -> str | None:
        """The font file that draws ``cluster`` (or a word) alone: ours if it can, None: no font."""
        if cluster not in self._picks:
            needed = _needed(cluster)
            if self._default and needed <= _charmap(self._default):
                self._picks[cluster] = self._default
            else:
                emoji = any(cp >= EMOJI_FROM for cp in needed)
                self._picks[cluster] = self._search(needed, emoji)[0]
            if len(self._picks) > RUNS_KEPT:
                self._picks.pop(next(iter(self._picks)))
        return self._picks[cluster]

    def _run_face(self, run: str, path: str) -> Face:
        _, script = _direction(run)
        rtl = font_runs.direction(run) == "R"
        own = None if path == self._default else path
        return Face(own, run, rtl, script, _is_color(path))

    def runs(self, text: str) -> tuple[Face, ...]:
        """The runs of ``text``, part of writing whose face has runs (a wrapped line), typed order."""
        cached = self._runs.get(text)
        if cached is None:
            cached = tuple(self._run_face(run, path) for run, path in self._split(text)[0])
            self._runs[text] = cached
            if len(self._runs) > RUNS_KEPT:
                self._runs.pop(next(iter(self._runs)))
        return cached

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
