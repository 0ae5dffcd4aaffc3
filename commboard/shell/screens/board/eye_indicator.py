"""The small face/eye indicator in the corner of the board, with the ring that fills during a hold.

A patient who selects by holding their eyes closed cannot see the screen
while they do it, but they see it before and after: the indicator shows that
the camera has their face (a green rim), whether their eyes read as open or
closed, and a ring that fills while a closure counts towards a selection --
so a selection that did not happen is explained ("the ring stopped at half"),
and a carer can tell at a glance that the blink switch is alive.

``indicator_look`` is the plain-data part (tested without pixels);
``draw_indicator`` paints it with pygame.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from commboard.control.board_view import Rect
from commboard.shell.screens.text_fit import TextCache, blit_in
from commboard.signals.blink_switch import BlinkState
from commboard.vision.sample import CameraState

# Colours: the rim says whether the face is seen (green) or not (red), grey
# when the camera is not working; the ring is a bright blue that reads on the
# dark disc and differs from the yellow scan highlight.
DISC = (24, 28, 34)
RIM_FACE = (46, 204, 113)
RIM_NO_FACE = (231, 76, 60)
RIM_OFF = (127, 140, 141)
RING = (64, 156, 255)
RING_TRACK = (60, 66, 74)
EYE_WHITE = (241, 243, 244)
IRIS = (24, 28, 34)
RESTING = (155, 89, 182)

SIZE_OF_MESSAGE_BAR = 0.9  # indicator height (and disc diameter), share of the message bar's height
RING_SEGMENTS = 48  # polygon segments of a full ring: smooth at 100-200 px
# The label beside the disc: font size as a share of the message bar's height
# (0.31: a line such as "starting" stands 19 px tall at 1280x720, 27 px at
# 1920x1080 -- readable from a bed; the old label inside the disc was 9 px), in a box this
# many bar-heights wide (one or two words a line, so "camera starting" wraps).
LABEL_PX_SHARE = 0.31
LABEL_W_SHARE = 1.25
# Below this font size (the status line's own smallest) the label is not
# drawn; the status line carries the camera state instead.
MIN_LABEL_PX = 16
# The indicator never takes more of the message bar's width than this, so the
# patient's words keep most of the bar (narrow portrait screens: disc only).
MAX_BAR_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class IndicatorLook:
    """What the indicator shows.

    Attributes:
        eye: "open", "closed" or "none" (no usable face, or no camera).
        ring: 0..1, how far the current closure is towards selecting.
        label: two or three words under the eye ("face found", "no face", "resting"...).
        rim: colour of the rim (face found, not found, camera off).
    """

    eye: str
    ring: float
    label: str
    rim: tuple[int, int, int]


def indicator_look(
    camera: CameraState, blink: BlinkState | None, look: tuple[str, float] | None = None
) -> IndicatorLook:
    """The indicator for the camera's state and the blink switch's view of the last frame.

    ``look``: a look being held (its direction, and how far its hold has got):
    the label names the direction and the ring fills as the hold builds.
    """
    if camera is not CameraState.OK or blink is None:
        label = {
            CameraState.STARTING: "camera starting",
            CameraState.LOST: "camera lost",
            CameraState.ERROR: "camera error",
            CameraState.ENDED: "camera off",
        }.get(camera, "no camera")
        return IndicatorLook("none", 0.0, label, RIM_OFF)
    if blink.resting:
        return IndicatorLook("closed" if blink.eyes_closed else "open", 0.0, "resting", RESTING)
    if not blink.face_found:
        return IndicatorLook("none", 0.0, "no face", RIM_NO_FACE)
    if not blink.tracking:
        return IndicatorLook("none", 0.0, blink.problem or "not tracking", RIM_NO_FACE)
    if look is not None and not blink.eyes_closed:
        direction, progress = look
        return IndicatorLook("open", max(0.0, min(1.0, progress)), f"looking {direction}", RIM_FACE)
    eye = "closed" if blink.eyes_closed else "open"
    label = "eyes closed" if blink.eyes_closed else "eyes open"
    return IndicatorLook(eye, max(0.0, min(1.0, blink.hold_progress)), label, RIM_FACE)


@dataclass(frozen=True, slots=True)
class IndicatorParts:
    """Where the indicator's pieces go on screen.

    Attributes:
        rect: the whole indicator (a rounded plate), at the message bar's right end.
        disc: the square holding the disc, eye and ring (the plate's right end).
        label: the box for the label, left of the disc; None when it cannot
            be shown readably (then the status line must carry the state).
        label_px: the font size the label is drawn at (0 without a label).
    """

    rect: Rect
    disc: Rect
    label: Rect | None
    label_px: int


def indicator_parts(message_rect: Rect) -> IndicatorParts:
    """Lay out the indicator at the right end of the message bar, scaled with the bar.

    Everything is a share of the bar's height (which is a share of the
    screen's), so the indicator and its label grow with the screen.  The
    label goes left of the disc; when it would be smaller than
    ``MIN_LABEL_PX`` or the indicator would take more than ``MAX_BAR_SHARE``
    of the bar's width, only the disc is drawn.
    """
    x, y, w, h = message_rect
    side = round(h * SIZE_OF_MESSAGE_BAR)
    pad = (h - side) // 2
    right = x + w - pad
    plate_w = side + round(h * LABEL_W_SHARE)
    if round(h * LABEL_PX_SHARE) < MIN_LABEL_PX or plate_w > w * MAX_BAR_SHARE:
        plate_w = side
    return split_indicator((right - plate_w, y + pad, plate_w, side))


def split_indicator(rect: Rect) -> IndicatorParts:
    """The pieces of an indicator drawn in ``rect``: a square is the disc alone.

    Anything wider has the disc at its right end and the label to its left,
    at the size ``indicator_parts`` chose for the bar this indicator sits in.
    """
    x, y, w, side = rect
    disc = (x + w - side, y, side, side)
    if w <= side:
        return IndicatorParts(rect, disc, None, 0)
    left = side // 4  # clear of the plate's rounded left end
    label = (x + left, y, w - side - left, side)
    return IndicatorParts(rect, disc, label, round(side / SIZE_OF_MESSAGE_BAR * LABEL_PX_SHARE))


def indicator_rect(message_rect: Rect) -> Rect:
    """The whole indicator at the right end of the message bar, where the patient looks for their words."""
    return indicator_parts(message_rect).rect


def shows_label(message_rect: Rect) -> bool:
    """Whether the indicator's label is readable on this screen (else: say the state in the status line)."""
    return indicator_parts(message_rect).label is not None


def ring_points(
    center: tuple[float, float], outer: float, inner: float, fraction: float
) -> list[tuple[float, float]]:
    """Polygon of a ring segment starting at 12 o'clock and running clockwise.

    A filled polygon instead of ``pygame.draw.arc``, whose thick arcs leave
    pin-holes.
    """
    steps = max(2, math.ceil(RING_SEGMENTS * fraction))
    cx, cy = center
    angles = [-math.pi / 2 + 2 * math.pi * fraction * i / steps for i in range(steps + 1)]
    out = [(cx + outer * math.cos(a), cy + outer * math.sin(a)) for a in angles]
    out += [(cx + inner * math.cos(a), cy + inner * math.sin(a)) for a in reversed(angles)]
    return out


def _eye(surface: pygame.Surface, center: tuple[int, int], radius: int, eye: str) -> None:
    cx, cy = center
    w, h = radius, max(2, radius // 2)
    if eye == "open":
        pygame.draw.ellipse(surface, EYE_WHITE, (cx - w, cy - h, 2 * w, 2 * h))
        pygame.draw.circle(surface, IRIS, (cx, cy), max(2, h * 3 // 4))
    elif eye == "closed":
        # A closed lid: a downward curve with lashes.
        lid = [(cx + w * math.cos(a), cy + h * 0.6 * math.sin(a)) for a in _span(0.0, math.pi, 12)]
        pygame.draw.lines(surface, EYE_WHITE, False, lid, max(2, radius // 6))
        for a in (math.pi * 0.3, math.pi * 0.5, math.pi * 0.7):
            x0, y0 = cx + w * math.cos(a), cy + h * 0.6 * math.sin(a)
            pygame.draw.line(surface, EYE_WHITE, (x0, y0), (x0, y0 + h * 0.6), max(2, radius // 10))
    else:
        pygame.draw.ellipse(surface, RIM_OFF, (cx - w, cy - h, 2 * w, 2 * h), max(2, radius // 8))


def _span(start: float, stop: float, n: int) -> list[float]:
    return [start + (stop - start) * i / (n - 1) for i in range(n)]


def draw_indicator(
    surface: pygame.Surface, rect: Rect, look: IndicatorLook, texts: TextCache
) -> None:
    """Paint the indicator into ``rect`` (from ``indicator_rect``): disc, eye, ring and label.

    A label too long to fit its box at ``MIN_LABEL_PX`` or more is left out
    rather than drawn too small to read.
    """
    parts = split_indicator(rect)
    x, y, side, _ = parts.disc
    radius = side // 2
    center = (x + radius, y + radius)
    thickness = max(3, radius // 6)
    rim_w = max(2, thickness // 2)
    if parts.label is not None:
        pygame.draw.rect(surface, DISC, rect, border_radius=radius)
        pygame.draw.rect(surface, look.rim, rect, width=rim_w, border_radius=radius)
    pygame.draw.circle(surface, DISC, center, radius)
    pygame.draw.circle(surface, look.rim, center, radius, rim_w)
    inner_r = radius - thickness // 2 - 2
    track = ring_points(center, inner_r, inner_r - thickness, 1.0)
    pygame.draw.polygon(surface, RING_TRACK, track)
    if look.ring > 0:
        pygame.draw.polygon(
            surface, RING, ring_points(center, inner_r, inner_r - thickness, look.ring)
        )
    _eye(surface, center, int(inner_r * 0.55), look.eye)
    if parts.label is not None:
        box = parts.label[2:]
        if texts.fit_px(look.label, box, parts.label_px) >= MIN_LABEL_PX:
            words = texts.text(look.label, box, EYE_WHITE, parts.label_px, align="left")
            blit_in(surface, words, parts.label, "left")
