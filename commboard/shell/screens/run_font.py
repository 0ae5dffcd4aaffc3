"""Fonts for text: a face opened at a pixel size, and writing no one font can draw.

Mixed writing ("I feel " + "👍") is drawn run by run on one baseline.

``font_choice`` gives such writing a face with runs (``font_runs`` cuts them);
``RunFont`` measures and renders it as one ``pygame.font.Font`` would, so the
fitting, wrapping and ellipsis code in ``text_fit`` measure mixed writing with
the same calls: ``size``, ``render`` and ``get_linesize``.  Each run is drawn
with its own font at the same pixel size; a colour emoji font (a bitmap drawn
at one size) is scaled to the line, as a label of emoji alone is.  Runs stand
side by side in reading order, their baselines on one line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Protocol

import pygame

from commboard.adapters.font_choice import Face
from commboard.adapters.font_runs import direction, visual_order

# pygame-ce opens its bundled font (``Font(None, px)``) at this share of ``px``;
# other fonts are opened the same way, so a size means the same on every label.
DEFAULT_FONT_SCALE = 0.6875


class TextFont(Protocol):
    """What ``text_fit`` asks of a font: pygame's ``Font``, or a ``RunFont``."""

    def size(self, text: str, /) -> tuple[int, int]: ...

    def render(
        self, text: str, antialias: bool, color: tuple[int, int, int], /
    ) -> pygame.Surface: ...

    def get_linesize(self) -> int: ...


def open_face(face: Face | None, px: int) -> pygame.font.Font:
    """The font file of ``face`` at ``px``, shaped for its script; pygame's own font if it fails."""
    if face is None or face.path is None:
        return pygame.font.Font(None, px)
    try:  # pygame draws its own font at 0.6875 of the size asked: match it
        font = pygame.font.Font(face.path, max(1, round(px * DEFAULT_FONT_SCALE)))
    except (OSError, pygame.error):
        return pygame.font.Font(None, px)
    try:  # needs SDL_ttf built with HarfBuzz (pygame-ce's wheels are)
        if face.script:
            font.set_script(face.script)
        if face.rtl:
            font.set_direction(pygame.DIRECTION_RTL)
    except pygame.error:
        pass  # unshaped letters still beat empty boxes
    return font


def colour_scale(font: pygame.font.Font, px: int) -> float:
    """How much a colour bitmap font is shrunk to stand ``px`` high (never enlarged)."""
    return min(1.0, px / max(1, font.get_linesize()))


class RunFont:
    """A font-like drawer for mixed writing: one real font per run, a shared baseline."""

    def __init__(
        self,
        runs: Callable[[str], tuple[Face, ...]],
        open_font: Callable[[Face, int], pygame.font.Font],
        px: int,
        rtl: bool,
        faces: tuple[Face, ...] = (),
    ) -> None:
        """Draw at ``px`` pixels, in a paragraph read right to left when ``rtl``.

        Args:
            runs: The runs of a piece of the writing (``FontChoice.runs``).
            open_font: The font of a run's face at a pixel size (cached by the caller).
            px: The size every run is drawn at.
            rtl: The whole writing's direction (a wrapped line keeps it).
            faces: The runs of the whole writing: every line gets their line height.
        """
        self._runs = runs
        self._open = open_font
        self._px = px
        self._rtl = rtl
        self._top = 0  # the tallest run's height above the baseline
        self._bottom = 0  # and below it (with the line gap)
        for face in faces:
            self._part(face)

    def _part(self, face: Face) -> tuple[pygame.font.Font, float]:
        """The font of a run and its scale; widens the line to hold it."""
        font = self._open(face, self._px)
        scale = colour_scale(font, self._px) if face.color else 1.0
        self._top = max(self._top, round(font.get_ascent() * scale))
        self._bottom = max(self._bottom, round((font.get_linesize() - font.get_ascent()) * scale))
        return font, scale

    def get_linesize(self) -> int:
        """The height of a line: room for the tallest run above and below the baseline."""
        return self._top + self._bottom

    def size(self, text: str, /) -> tuple[int, int]:
        """Width and height of ``text`` drawn run by run."""
        width = 0
        for face in self._runs(text):
            font, scale = self._part(face)
            w = font.size(face.shown)[0]
            width += w if scale >= 1.0 else max(1, int(w * scale))
        return width, self.get_linesize()

    def render(self, text: str, antialias: bool, color: tuple[int, int, int], /) -> pygame.Surface:
        """``text`` drawn run by run, left to right in reading order, on one baseline."""
        runs = _spaces_apart(self._runs(text))
        placed = visual_order(runs, [direction(face.shown) for face in runs], self._rtl)
        pieces = []
        for face, backwards in placed:
            # A run of emoji or spaces inside right-to-left writing reads right to left too.
            font, scale = self._part(dataclasses.replace(face, rtl=backwards))
            if not font.size(face.shown)[0]:
                continue  # a lone joiner or variation selector: nothing to draw (pygame refuses)
            piece = font.render(face.shown, antialias, color)
            if scale < 1.0:
                w, h = piece.get_size()
                size = (max(1, int(w * scale)), max(1, int(h * scale)))
                piece = pygame.transform.smoothscale(piece, size)
            pieces.append((piece, self._top - round(font.get_ascent() * scale)))
        surface = pygame.Surface(
            (sum(p.get_width() for p, _ in pieces), self.get_linesize()), pygame.SRCALPHA
        )
        x = 0
        for piece, y in pieces:
            surface.blit(piece, (x, y))
            x += piece.get_width()
        return surface


def _spaces_apart(runs: tuple[Face, ...]) -> list[Face]:
    """``runs`` with the spaces at their ends as runs of their own.

    A space between writing of two directions belongs to neither word: set
    apart, it takes its place by the bidirectional rules ("مرحبا 👍 hi" shows
    "hi 👍 مرحبا", not " hi👍 مرحبا").
    """
    out: list[Face] = []
    for face in runs:
        core = face.shown.strip()
        lead = face.shown[: len(face.shown) - len(face.shown.lstrip())]
        trail = face.shown[len(lead) + len(core) :]
        parts = (lead, core, trail) if core else (face.shown,)
        out.extend(dataclasses.replace(face, shown=p) for p in parts if p)
    return out


def drawn(font: TextFont, text: str, ink: tuple[int, int, int]) -> pygame.Surface:
    """``text`` rendered; nothing to see (a lone joiner or variation selector, part of an
    emoji cut where a long word broke) is an empty line, where pygame raises."""
    if text and not font.size(text)[0]:
        return pygame.Surface((1, font.get_linesize()), pygame.SRCALPHA)
    return font.render(text, True, ink)
