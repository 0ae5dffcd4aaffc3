"""Draws the synthetic face: a real photo with eyelids closed, irises moved, head turned.

Built once from a photo and the landmarks MediaPipe found on it (open eyes).
A closed eye is the eye opening painted over with the surrounding skin
(OpenCV inpainting) plus a dark lid line; a glance sideways moves the iris
disc inside the eye opening and paints the place it left with the white of the
eye; a look up or down turns the eye with its lids (``_look_vertically``).  Each
eye/iris combination is drawn once and cached; a frame is then one affine warp
(rotate, move, scale to the frame) plus brightness and noise.
"""

from __future__ import annotations

import cv2
import numpy as np

from commboard.vision import landmarks as lm
from commboard.vision.face_script import FaceState

_FACE_FRACTION = 0.3  # face width as a share of the frame: a laptop camera at arm's length
_NOISE_FRAMES = 4  # camera noise cycles through this many fixed random fields (deterministic)
# A full look up or down (AMOUNT 1) moves the iris centre by this many iris radii:
# about 25 degrees of eye rotation (the centre moves 12 mm x sin 25 = 5.1 mm in an
# eye of 12 mm radius; an iris is about 5.9 mm across half), a comfortable end of
# the vertical range, which narrows with age (upward gaze fell from about 40 to
# 16 degrees between youth and old age: Chamberlain 1971, Am J Ophthalmol 71:341).
# AMOUNT 0.5 / 0.8 are then about 12 / 20 degrees.  It was 0.6 (17 degrees at 1,
# 8 at 0.5), while the same AMOUNT sideways turns the eye 20-40 degrees.
VERTICAL_SHIFT = 0.85
# The lower lid follows a look down by this share of the eye's movement (none up).
LOWER_LID_SHARE = 0.5
# The skin above and below the eye stretches with the lids over this share of the eye width.
SKIN_FADE = 0.5


class FaceAnimator:
    """Renders ``FaceState``s of one photo into RGB frames of one size."""

    def __init__(self, photo: np.ndarray, landmarks: np.ndarray, size: tuple[int, int]) -> None:
        self.size = size
        face_px = float(np.ptp(landmarks[:, 0])) * photo.shape[1]
        scale = _FACE_FRACTION * size[0] / face_px
        self._canvas = cv2.resize(photo, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        h, w = self._canvas.shape[:2]
        self._px = landmarks[:, :2] * np.array([w, h])
        self._centre = self._px.mean(axis=0)
        self._variants: dict[tuple[bool, bool, tuple[float, float]], np.ndarray] = {}
        self._noise: dict[float, list[np.ndarray]] = {}
        blank = self._warp(self._canvas, 0.0, (0.0, 0.0))
        # No face: the same room, blurred beyond recognition (a camera pointing past the bed).
        self._absent = cv2.blur(blank, (size[0] // 3, size[0] // 3))

    def render(self, state: FaceState, frame_no: int) -> np.ndarray:
        """The frame for ``state``; ``frame_no`` picks the (repeatable) noise field."""
        if state.absent:
            frame = self._absent.copy()
        else:
            canvas = self._variant(state.left_closed, state.right_closed, state.look)
            frame = self._warp(canvas, state.rotate_deg, state.move)
        if state.bright != 1.0:
            frame = cv2.convertScaleAbs(frame, alpha=state.bright)
        if state.noise > 0:
            noisy = frame.astype(np.int16)
            noisy += self._noise_field(frame_no, state.noise)
            frame = np.clip(noisy, 0, 255, out=noisy).astype(np.uint8)
        return frame

    def _warp(self, canvas: np.ndarray, rotate_deg: float, move: tuple[float, float]) -> np.ndarray:
        width, height = self.size
        cx, cy = float(self._centre[0]), float(self._centre[1])
        m = cv2.getRotationMatrix2D((cx, cy), -rotate_deg, 1.0)  # OpenCV: + is anticlockwise
        m[0, 2] += width / 2 - cx + move[0]
        m[1, 2] += height * 0.45 - cy + move[1]
        return cv2.warpAffine(
            canvas, m, (width, height), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT
        )

    def _noise_field(self, frame_no: int, sigma: float) -> np.ndarray:
        """Gaussian camera noise of ``sigma`` grey levels, as int16, from a fixed seed."""
        if sigma not in self._noise:
            rng = np.random.default_rng(20240601)
            shape = (self.size[1], self.size[0], 3)
            if len(self._noise) > 4:
                self._noise.clear()
            self._noise[sigma] = [
                np.round(sigma * rng.standard_normal(shape)).astype(np.int16)
                for _ in range(_NOISE_FRAMES)
            ]
        return self._noise[sigma][frame_no % _NOISE_FRAMES]

    def _variant(
        self, left_closed: bool, right_closed: bool, look: tuple[float, float]
    ) -> np.ndarray:
        key = (left_closed, right_closed, look)
        if key not in self._variants:
            img = self._canvas.copy()
            eyes = (
                (lm.CONTOUR_LEFT, lm.IRIS_LEFT, lm.IRIS_LEFT_RIM, left_closed),
                (lm.CONTOUR_RIGHT, lm.IRIS_RIGHT, lm.IRIS_RIGHT_RIM, right_closed),
            )
            for contour, iris, rim, closed in eyes:
                poly = self._px[list(contour)]
                if closed:
                    _close_eye(img, poly)
                elif look != (0.0, 0.0):
                    radius = float(
                        np.linalg.norm(self._px[list(rim)] - self._px[iris], axis=1).mean()
                    )
                    sclera = _move_iris(img, poly, self._px[iris], radius, look[0])
                    if look[1] != 0.0:
                        _look_vertically(img, poly, look[1] * radius * VERTICAL_SHIFT, sclera)
            if len(self._variants) > 32:
                self._variants.clear()
            self._variants[key] = img
        return self._variants[key]


def _mask(shape: tuple[int, ...], poly: np.ndarray) -> np.ndarray:
    mask = np.zeros(shape[:2], np.uint8)
    cv2.fillPoly(mask, [np.round(poly).astype(np.int32)], (255,))
    return mask


def _close_eye(img: np.ndarray, poly: np.ndarray) -> None:
    """Paint the eye opening with skin and draw the closed lid's line, in place."""
    width = float(np.linalg.norm(poly[0] - poly[8]))
    grow = max(3, int(round(width * 0.25)))  # also covers lashes and lid shadow
    mask = cv2.dilate(_mask(img.shape, poly), np.ones((grow, grow), np.uint8))
    img[:] = cv2.inpaint(img, mask, grow, cv2.INPAINT_TELEA)
    lower, upper = poly[:9], np.vstack([poly[8:], poly[:1]])[::-1]
    # A closed upper lid comes down to just above the lower lid.  (Tried 0.5/0.65/0.8 of
    # the way down: 0.8 gives the lowest Face Mesh EAR on both photos, glasses included.)
    lid = lower * 0.8 + upper * 0.2
    skin = img[mask > 0].reshape(-1, 3).mean(axis=0)
    colour = tuple(int(c) for c in skin * 0.25)  # lashes: dark, but the skin's hue
    thickness = max(2, int(round(width / 18)))
    cv2.polylines(
        img, [np.round(lid * 4).astype(np.int32)], False, colour, thickness, cv2.LINE_AA, shift=2
    )


def _move_iris(
    img: np.ndarray, poly: np.ndarray, centre: np.ndarray, radius: float, look_x: float
) -> np.ndarray:
    """Move the iris disc sideways inside the eye opening by ``look_x`` (-1..1 of the room it has).

    Returns the colour of the white of the eye (for ``_look_vertically``).
    """
    eye = _mask(img.shape, poly)
    disc = np.zeros_like(eye)
    cv2.circle(
        disc, (int(round(centre[0])), int(round(centre[1]))), int(round(radius * 1.15)), (255,), -1
    )
    iris = cv2.bitwise_and(disc, eye)
    white = img[(eye > 0) & (disc == 0)].reshape(-1, 3)
    luma = white @ np.array([0.299, 0.587, 0.114])
    sclera = white[luma >= np.median(luma)].mean(axis=0) if len(white) else img[eye > 0].mean(0)
    if look_x == 0.0:
        return sclera
    half_width = float(np.linalg.norm(poly[0] - poly[8])) / 2
    shift = np.array([[1, 0, look_x * max(0.0, half_width - radius)], [0, 1, 0]], dtype=np.float32)
    h, w = img.shape[:2]
    moved = cv2.warpAffine(img, shift, (w, h), flags=cv2.INTER_LINEAR)
    moved_iris = cv2.warpAffine(iris, shift, (w, h), flags=cv2.INTER_NEAREST)
    img[iris > 0] = sclera.astype(np.uint8)
    paste = (moved_iris > 0) & (eye > 0)
    img[paste] = moved[paste]
    return sclera


def _lid_curves(poly: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The upper and lower lid margins' y at the columns ``xs`` (contour: corner, lower, corner, upper)."""
    lower = poly[:9]
    upper = np.vstack([poly[8:], poly[:1]])
    curves = []
    for lid in (upper, lower):
        order = np.argsort(lid[:, 0])
        curves.append(np.interp(xs, lid[order, 0], lid[order, 1]))
    return curves[0], curves[1]


def _look_vertically(img: np.ndarray, poly: np.ndarray, shift: float, sclera: np.ndarray) -> None:
    """Turn the eye up (``shift`` < 0, pixels) or down, in place: the lids go with it.

    The eye's contents (iris and white) move by ``shift`` at the middle of
    the eye, less towards the corners (which do not move).  The upper lid
    margin moves with the eye, up and down: during steady fixation lid and
    eye take "essentially equal average positions" (Becker & Fuchs 1988,
    J Neurophysiol 60:1227), so a look down shows no white above the iris.
    The lower lid moves down with a look down by ``LOWER_LID_SHARE`` of it
    (the opening narrows from 9.7 to 6.4 mm at 40 deg of down-gaze, Read et
    al. 2006, Optom Vis Sci 83:E702) and stays with a look up.  The skin
    above and below the opening stretches, fading out over ``SKIN_FADE`` of
    the eye width.  A white uncovered where the photo had lid shows the
    sclera colour.
    """
    x0, x1 = float(poly[:, 0].min()), float(poly[:, 0].max())
    width = x1 - x0
    fade = SKIN_FADE * width
    top = int(max(0, np.floor(poly[:, 1].min() - fade - abs(shift) - 2)))
    bottom = int(min(img.shape[0], np.ceil(poly[:, 1].max() + fade + abs(shift) + 2)))
    left, right = int(max(0, np.floor(x0))), int(min(img.shape[1], np.ceil(x1) + 1))
    xs = np.arange(left, right, dtype=np.float64)
    ys = np.arange(top, bottom, dtype=np.float64)[:, None]
    # The lid margin moves most at the middle of the eye and not at the corners.
    taper = np.sqrt(np.clip(1.0 - ((xs - (x0 + x1) / 2) / (width / 2)) ** 2, 0.0, 1.0))
    upper, lower = _lid_curves(poly, xs)
    eye_shift = shift * taper
    lower_shift = max(0.0, shift) * LOWER_LID_SHARE * taper
    new_upper, new_lower = upper + eye_shift, lower + lower_shift
    above = ys < new_upper
    below = ys > new_lower
    inside = ~above & ~below
    fade_up = eye_shift * np.clip(1.0 - (new_upper - ys) / fade, 0.0, 1.0)
    fade_down = lower_shift * np.clip(1.0 - (ys - new_lower) / fade, 0.0, 1.0)
    source_y = ys - np.where(above, fade_up, np.where(below, fade_down, eye_shift))
    source_x = np.broadcast_to(xs, source_y.shape)
    region = img[top:bottom, left:right]
    warped = cv2.remap(
        img,
        source_x.astype(np.float32),
        source_y.astype(np.float32),
        cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_REPLICATE,
    )
    # Inside the new opening, what came from outside the old one is white of the eye.
    uncovered = inside & ((source_y > lower) | (source_y < upper))
    warped[uncovered] = sclera.astype(np.uint8)
    region[:] = warped
