"""The settings themselves: every field with its label, unit, range, step, help and default.

The therapist's settings screen, ``commboard settings``, validation and
clamping are all generated from this metadata, so a new setting is one field
here.  Defaults and ranges come from ``shared/CLINICAL.md``.

A setting with a fixed set of answers is typed as its ``StrEnum`` (``ScanMode``,
``Auditory``, ...): code compares enum members, never words, and the words a
therapist reads and writes are the members' values.

Settings are immutable; change one with ``dataclasses.replace`` (or the
helpers in ``commboard.settings.values``).  Keys are dotted: ``scan.interval_s``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import Any

SETTINGS_VERSION = 2


@dataclass(frozen=True, slots=True)
class Meta:
    """What a person needs to know to set a value safely."""

    label: str
    help: str
    unit: str = ""
    min: float | None = None
    max: float | None = None
    step: float | None = None
    choices: tuple[str, ...] = ()


def setting(default: Any, meta: Meta) -> Any:
    """A dataclass field with its metadata attached.

    A choice setting (its default an enum member) gets its ``choices`` from the
    enum, in the enum's order: the words the screen shows and the file holds.
    """
    if isinstance(default, StrEnum) and not meta.choices:
        meta = replace(meta, choices=tuple(member.value for member in type(default)))
    return field(default=default, metadata={"meta": meta})


class ScanPattern(StrEnum):
    """How the highlight moves over a page (each is a plan builder in ``scanning.plans``)."""

    LINEAR = "linear"
    ROW_COLUMN = "row_column"
    COLUMN_ROW = "column_row"
    BLOCK = "block"
    HUFFMAN = "huffman"


class ScanMode(StrEnum):
    """Whether the highlight moves by itself or on the NEXT switch."""

    AUTO = "auto"  # one switch: the highlight moves by itself, SELECT chooses
    STEP = "step"  # two switches: NEXT moves, SELECT chooses


class ScanStart(StrEnum):
    """Whether scanning starts by itself on a new page or waits for a press."""

    AUTO = "auto"  # scanning starts by itself on every page
    SWITCH = "switch"  # scanning waits for the first switch press


class Auditory(StrEnum):
    """What is heard as the highlight moves: nothing, the label, a beep, or both."""

    OFF = "off"
    LABELS = "labels"  # speak each highlighted label with the quiet prompt voice
    BEEP = "beep"
    BOTH = "both"

    @property
    def speaks(self) -> bool:
        """Whether each highlighted label is read with the quiet prompt voice."""
        return self in (Auditory.LABELS, Auditory.BOTH)

    @property
    def beeps(self) -> bool:
        """Whether each step of the highlight beeps."""
        return self in (Auditory.BEEP, Auditory.BOTH)


class Eye(StrEnum):
    """Which eye's closure selects (the patient's own left and right)."""

    BOTH = "both"
    EITHER = "either"
    LEFT = "left"
    RIGHT = "right"


class SpellScan(StrEnum):
    """How the highlight moves on a Spell page that has word slots."""

    LIKELIHOOD = "likelihood"  # likely letters and words first (Huffman over the predictions)
    GRID = "grid"  # the scan pattern of every other page, over the fixed grid


class FaceLost(StrEnum):
    """What scanning does while the camera cannot see the face."""

    PAUSE = "pause"
    KEEP = "keep"


# The metadata reads as a table, a few lines per setting; ruff would spread each
# Meta over a dozen lines.
# fmt: off
@dataclass(frozen=True, slots=True)
class ScanSettings:
    pattern: ScanPattern = setting(
        ScanPattern.ROW_COLUMN, Meta("Scan pattern", "How the highlight moves over the page."))
    mode: ScanMode = setting(
        ScanMode.AUTO,
        Meta("Scan mode", "auto: one switch, the highlight moves by itself; "
             "step: NEXT moves, SELECT chooses."),
    )
    start: ScanStart = setting(
        ScanStart.AUTO,
        Meta("Start scanning", "Start by itself on every page, or wait for a switch press."),
    )
    interval_s: float = setting(
        1.0, Meta("Scan interval", "Time each row or cell stays highlighted. "
                  "About reaction time / 0.65.", "s", 0.1, 10.0, 0.1))
    first_extra_s: float = setting(
        0.25, Meta("Extra time on first item", "Added to the first step of each group.",
                   "s", 0.0, 3.0, 0.05))
    passes: int = setting(
        3, Meta("Passes before going back", "Unanswered passes before going up a level, "
                "then pausing until a switch.", "", 1, 10, 1))
    post_select_delay_s: float = setting(
        0.3, Meta("Pause after a selection", "Scanning waits this long after a selection.",
                  "s", 0.0, 5.0, 0.1))
    acceptance_s: float = setting(
        0.3, Meta("Acceptance (hold) time", "A switch must be held this long to count. "
                  "Filters accidental presses.", "s", 0.0, 2.0, 0.05))
    # At least 1 s: the hold is what keeps a stray press or an ordinary blink (0.1-0.4 s)
    # from calling the nurse or losing the message; 0 made every press count at once.
    alarm_hold_s: float = setting(
        2.0, Meta("Hold for alarm and clear", "Longer hold for cells that call for help or "
                  "clear the message.", "s", 1.0, 5.0, 0.1))
    undo_window_s: float = setting(
        1.0, Meta("Undo window", "Select again within this time to cancel the last "
                  "selection. 0 = off. After a blink, at least the blink hold + rest after "
                  "a selection + 0.5 s.", "s", 0.0, 5.0, 0.1))
    auditory: Auditory = setting(
        Auditory.OFF,
        Meta("Auditory scanning", "Read each highlighted item quietly, beep, or both."),
    )


@dataclass(frozen=True, slots=True)
class BlinkSettings:
    eye: Eye = setting(Eye.BOTH, Meta("Which eye", "Eye(s) whose closure selects."))
    inverse: bool = setting(
        False, Meta("Inverse mode", "Eyes closed at rest; opening them on purpose selects."))
    hold_s: float = setting(
        0.5, Meta("Blink hold time", "Eyes must stay closed this long to select. Ordinary "
                  "blinks last 0.1-0.4 s.", "s", 0.1, 2.0, 0.05))
    refractory_s: float = setting(
        1.0, Meta("Rest after a selection", "Closures are ignored this long after a "
                  "selection.", "s", 0.0, 5.0, 0.1))
    rest_s: float = setting(
        3.0, Meta("Closure that means rest", "Eyes closed this long pauses scanning "
                  "until two long blinks wake it (always at least 1 s more than the blink "
                  "hold and the alarm hold).", "s", 1.0, 20.0, 0.5))
    open_level: float = setting(
        0.30, Meta("Open eye level", "Eye aspect ratio with eyes open (set by calibration).",
                   "", 0.05, 0.6, 0.01))
    closed_level: float = setting(
        0.12, Meta("Closed eye level", "Eye aspect ratio with eyes closed (set by "
                   "calibration).", "", 0.0, 0.4, 0.01))
    calibrated: bool = setting(
        False, Meta("Calibrated", "Whether the levels above were measured for this patient."))
    face_lost: FaceLost = setting(
        FaceLost.PAUSE, Meta("When the face is lost", "Pause scanning, or keep scanning."))
    # Blink switch tuning (docs/blink.md explains each value and its source).
    close_fraction: float = setting(
        0.4, Meta("Closed below", "Eyes count as closed below this fraction of the way from "
                  "the closed to the open level.", "", 0.1, 0.8, 0.05))
    reopen_fraction: float = setting(
        0.6, Meta("Open again above", "A closure ends above this fraction (hysteresis: must "
                  "be higher than 'Closed below').", "", 0.2, 0.9, 0.05))
    adaptive_hold: bool = setting(
        True, Meta("Raise hold with fatigue", "Lengthen the hold when the patient's own "
                   "recent blinks get longer (tiredness, dry eyes)."))
    max_hold_s: float = setting(
        0.75, Meta("Longest automatic hold", "Raising the hold with fatigue never goes above "
                  "this.", "s", 0.3, 2.0, 0.05))
    target_false_per_hour: float = setting(
        0.5, Meta("Accepted accidental selections", "Raising the hold aims at no more "
                  "accidental selections per hour than this.", "/h", 0.1, 5.0, 0.1))
    wake_window_s: float = setting(
        5.0, Meta("Wake pattern time", "While resting, two long blinks within this time "
                  "wake the board (always at least the blink hold time + 1.5 s).", "s", 2.0,
                  15.0, 0.5))
    max_yaw_deg: float = setting(
        25.0, Meta("Head turn limit", "Blinks are ignored while the head is turned further "
                   "than this.", "deg", 5.0, 45.0, 1.0))
    max_pitch_deg: float = setting(
        20.0, Meta("Head nod limit", "Blinks are ignored while the head is tipped up or "
                   "down further than this.", "deg", 5.0, 45.0, 1.0))
    max_roll_deg: float = setting(
        25.0, Meta("Head tilt limit", "Blinks are ignored while the head is tilted "
                   "sideways further than this.", "deg", 5.0, 45.0, 1.0))
    look_down_iris: float = setting(
        0.5, Meta("Looking down limit", "A closure that starts while the iris sits this far "
                  "down in the eye (0 = centre, 1 = bottom) is ignored: looking down lowers "
                  "the lids.", "", 0.1, 1.0, 0.05))


class Access(StrEnum):
    """How the patient chooses (docs/gaze.md)."""

    SCAN = "scan"  # switch scanning: keyboard, USB switch, long blink
    GAZE_SWITCHES = "gaze_switches"  # held looks are the scanner's switches (blink still works)
    GAZE_HALVING = "gaze_halving"  # Look to Speak: looks keep half the page until one cell is left
    GAZE_DWELL = "gaze_dwell"  # look at a large cell until its ring fills (needs the gaze calibration)


class GazeSwitches(StrEnum):
    """Which looks are which switch with ``access: gaze_switches`` (the patient's own left/right)."""

    LEFT_SELECT = "left_select_right_next"  # two switches: step scanning
    RIGHT_SELECT = "right_select_left_next"
    ANY_SELECT = "any_select"  # one switch: a look left, right or up selects


@dataclass(frozen=True, slots=True)
class GazeSettings:
    access: Access = setting(
        Access.SCAN, Meta("Access method", "Switch scanning (keys, switch, long blink), held "
                          "looks as switches, or halving: look left or right to keep that half "
                          "of the page, up to go back; or dwell: look at a large cell until its "
                          "ring fills (needs the gaze calibration)."))
    switches: GazeSwitches = setting(
        GazeSwitches.LEFT_SELECT, Meta("Looks as switches", "Which look selects and which "
                                       "moves on (the patient's own left and right)."))
    hold_s: float = setting(
        0.5, Meta("Look hold time", "A look must be held this long to count; glances and "
                  "drifts never count.", "s", 0.2, 2.0, 0.05))
    distance: float = setting(
        0.1, Meta("Look distance (sideways)", "How far from the eyes' rest position a look "
                  "left or right must go, as a share of the eye's half-width.", "", 0.03, 0.6,
                  0.01))
    vertical_distance: float = setting(
        0.08, Meta("Look distance (up/down)", "How far a look up or down must go: the eye's "
                   "height against the bridge of the nose, as a share of 0.4 of the eye's width.", "",
                   0.03, 0.6, 0.01))
    refractory_s: float = setting(
        0.3, Meta("Rest after a look", "Looks are ignored this long after one counted.", "s",
                  0.0, 3.0, 0.1))
    cue: bool = setting(
        True, Meta("Beep on each look", "A short beep when a look counts, so the patient "
                   "knows without watching the screen."))
    speak_halves: bool = setting(
        False, Meta("Read the halves aloud", "Halving: the words on each half are read "
                    "quietly after every look, for a patient who cannot read the screen well."))
    confirm: bool = setting(
        False, Meta("Confirm with a long blink", "Halving: the last cell waits for a long "
                    "blink (a look away cancels it) instead of being chosen at once."))
    eye: Eye = setting(
        Eye.BOTH, Meta("Eye for looks", "Both eyes, or one (left/right: one-eye mode, for a "
                       "patient with one eye that moves well)."))
    mirrored: bool = setting(
        False, Meta("Camera mirrors the picture", "Yes if the camera shows the patient as a "
                    "mirror does; then left and right are swapped back."))
    dwell_s: float = setting(
        1.0, Meta("Dwell time", "Dwell: how long the patient looks at a cell to choose it "
                  "(a cell's own hold time, e.g. the nurse call's, is used when longer).", "s",
                  0.5, 4.0, 0.1))
    screen_width_cm: float = setting(
        31.0, Meta("Screen width", "The width of the screen's picture, to state pointing "
                   "accuracy in degrees.", "cm", 10.0, 200.0, 1.0))
    viewing_cm: float = setting(
        60.0, Meta("Viewing distance", "How far the patient's eyes are from the screen.", "cm",
                   20.0, 300.0, 5.0))
    calibrated: bool = setting(
        False, Meta("Gaze calibrated", "Whether the look distances above were measured for "
                    "this patient (carer menu: Calibrate looks; or commboard calibrate --gaze)."))


@dataclass(frozen=True, slots=True)
class SpeechSettings:
    rate_wpm: int = setting(
        160, Meta("Speaking rate", "Words per minute of the main voice.", "wpm", 80, 300, 10))
    # Never 0: the board does not say when the voice is silent, so the patient's
    # words would go unheard with nothing on screen to tell anyone why.
    volume: float = setting(
        1.0, Meta("Volume", "Main voice volume (never off: the patient must be heard).", "",
                  0.1, 1.0, 0.1))
    voice: str = setting(
        "", Meta("Voice", "Voice id or name; empty = the system default."))
    quiet_builder: bool = setting(
        True, Meta("Quiet builder", "Letters and words are not spoken while a message is "
                   "built; only Speak says it."))
    # Never 0 either: a patient who scans by ear (auditory scanning) would hear nothing.
    cue_volume: float = setting(
        0.5, Meta("Prompt voice volume", "Volume of auditory scanning prompts (never off).", "",
                  0.1, 1.0, 0.1))
    cue_rate_wpm: int = setting(
        220, Meta("Prompt voice rate", "Rate of auditory scanning prompts.", "wpm", 80, 400, 10))


@dataclass(frozen=True, slots=True)
class DisplaySettings:
    border_scale: float = setting(
        1.0, Meta("Highlight border", "Thickness of the highlight border (1 = normal).",
                  "x", 0.5, 4.0, 0.25))
    font_scale: float = setting(
        1.0, Meta("Text size", "Size of cell text (1 = fit the cell).", "x", 0.5, 2.0, 0.1))
    highlight_color: str = setting(
        "#ffd400", Meta("Highlight colour", "Colour of the highlighted cells."))
    # Frame colour separately: some low-vision patients see a coloured frame
    # better than black (the white outer ring stays, for any cell colour).
    highlight_border_color: str = setting(
        "#000000", Meta("Highlight frame colour",
                        "Colour of the thick frame around the highlighted cells."))
    background_color: str = setting(
        "#0b0f14", Meta("Background colour",
                        "Colour behind the cells. #000000 is pure black (highest contrast); "
                        "a light colour suits some patients in a bright room."))
    enlarge_highlight: bool = setting(
        False, Meta("Enlarge highlight", "Draw the highlighted cells larger."))


@dataclass(frozen=True, slots=True)
class BoardSettings:
    # Remembered by the carer menu's "Change layout" (L); ``--layout`` still wins for one run.
    layout: str = setting(
        "", Meta("Layout", "The layout folder or file the board opens with; empty = the "
                 "built-in layout. Change layout (L) in the carer menu sets it; a value "
                 "typed in the settings is used from the next start."))
    # CLINICAL.md: statements that decide care deserve a confirmation, so that a
    # stray selection does not become the patient's recorded decision.
    confirm_decisions: bool = setting(
        True, Meta("Confirm decisions", "After a decision cell (My care: 'I don't agree', "
                   "'Stop'...) the board asks 'You said: ... Is that right?' with Yes / No; "
                   "only Yes records it. A cell's own 'confirm' in the layout wins."))


@dataclass(frozen=True, slots=True)
class SpellSettings:
    prediction: bool = setting(
        True, Meta("Word prediction", "Word slots on the Spell page offer the word being "
                   "spelled and the next word, learned from what the patient says."))
    word_slots: int = setting(
        6, Meta("Word slots", "How many predicted words the Spell page shows.", "", 4, 6, 1))
    scan: SpellScan = setting(
        SpellScan.LIKELIHOOD,
        Meta("Spell page scanning", "likelihood: the letters and words most likely next "
             "are offered first (fewest steps); grid: the fixed grid is scanned like "
             "every other page, for patients who rely on a stable layout."))
# fmt: on


@dataclass(frozen=True, slots=True)
class Settings:
    """All of one patient's settings (a profile)."""

    version: int = SETTINGS_VERSION
    scan: ScanSettings = field(default_factory=ScanSettings)
    blink: BlinkSettings = field(default_factory=BlinkSettings)
    gaze: GazeSettings = field(default_factory=GazeSettings)
    speech: SpeechSettings = field(default_factory=SpeechSettings)
    display: DisplaySettings = field(default_factory=DisplaySettings)
    board: BoardSettings = field(default_factory=BoardSettings)
    spell: SpellSettings = field(default_factory=SpellSettings)
    # Fields this version does not know (from a newer commboard or a hand edit),
    # as (dotted key, value) pairs: reported on load, written back on save.
    unknown: tuple[tuple[str, Any], ...] = ()


GROUPS: tuple[str, ...] = ("scan", "blink", "gaze", "speech", "display", "board", "spell")


def describe() -> list[tuple[str, Meta, Any]]:
    """Every setting as (dotted key, metadata, default), in screen order."""
    out: list[tuple[str, Meta, Any]] = []
    defaults = Settings()
    for group in GROUPS:
        section = getattr(defaults, group)
        for f in fields(section):
            out.append((f"{group}.{f.name}", f.metadata["meta"], getattr(section, f.name)))
    return out


def get(settings: Settings, key: str) -> Any:
    """The value of a dotted key such as ``scan.interval_s``."""
    group, name = key.split(".", 1)
    return getattr(getattr(settings, group), name)


@dataclass(frozen=True, slots=True)
class SettingField:
    """One setting: its dotted key, its screen/range metadata and its default."""

    key: str
    meta: Meta
    default: Any


FIELDS: Mapping[str, SettingField] = {
    key: SettingField(key, meta, default) for key, meta, default in describe()
}
"""Every setting by dotted key, in screen order (read-only: built from ``describe``)."""


def setting_keys() -> list[str]:
    """Every dotted key, in screen order."""
    return list(FIELDS)
