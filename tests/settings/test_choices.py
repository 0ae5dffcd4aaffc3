"""Choice settings are enums in the code and words in the file, on the screen and in messages."""

from __future__ import annotations

from dataclasses import fields
from enum import StrEnum
from typing import get_type_hints

import pytest

from commboard.settings import (
    Access,
    Auditory,
    BlinkSettings,
    DisplaySettings,
    Eye,
    FaceLost,
    GazeSettings,
    GazeSwitches,
    ScanMode,
    ScanPattern,
    ScanSettings,
    ScanStart,
    Settings,
    SpeechSettings,
    SpellScan,
    SpellSettings,
)
from commboard.settings.fields import describe, get
from commboard.settings.mapping import settings_from_dict, settings_to_dict
from commboard.settings.profiles import render_yaml
from commboard.settings.values import parse_value, step_value, with_value

CHOICES = {
    "scan.pattern": ScanPattern,
    "scan.mode": ScanMode,
    "scan.start": ScanStart,
    "scan.auditory": Auditory,
    "blink.eye": Eye,
    "blink.face_lost": FaceLost,
    "gaze.access": Access,
    "gaze.switches": GazeSwitches,
    "gaze.eye": Eye,
    "spell.scan": SpellScan,
}


def test_every_setting_with_choices_is_typed_as_its_enum() -> None:
    sections = {"scan": ScanSettings, "blink": BlinkSettings, "gaze": GazeSettings,
                "speech": SpeechSettings, "display": DisplaySettings,
                "spell": SpellSettings}  # fmt: skip
    typed = {
        f"{group}.{f.name}": hint
        for group, cls in sections.items()
        for f in fields(cls)
        if isinstance(hint := get_type_hints(cls)[f.name], type) and issubclass(hint, StrEnum)
    }
    with_choices = {key: type(default) for key, meta, default in describe() if meta.choices}
    assert typed == with_choices == CHOICES
    for key, meta, _ in describe():
        if meta.choices:
            assert meta.choices == tuple(m.value for m in CHOICES[key]), key


@pytest.mark.parametrize(
    ("key", "raw", "member"),
    [
        ("scan.pattern", "Row-Column", ScanPattern.ROW_COLUMN),
        ("scan.pattern", "column row", ScanPattern.COLUMN_ROW),
        ("scan.mode", "STEP", ScanMode.STEP),
        ("scan.start", " switch ", ScanStart.SWITCH),
        ("scan.auditory", False, Auditory.OFF),  # YAML 1.1 reads a bare `off` as false
        ("blink.eye", "either", Eye.EITHER),
        ("blink.face_lost", "keep", FaceLost.KEEP),
    ],
)
def test_a_word_becomes_its_enum_member(key: str, raw: object, member: StrEnum) -> None:
    value, warning = parse_value(key, raw)
    assert value is member and warning is None


def test_a_loaded_profile_holds_enum_members_not_strings() -> None:
    data = {"scan": {"pattern": "huffman", "mode": "step", "start": "switch", "auditory": "both"},
            "blink": {"eye": "left", "face_lost": "keep"}}  # fmt: skip
    settings, problems = settings_from_dict(data)
    assert problems == []
    loaded = {key: get(settings, key) for key in CHOICES}
    assert {key: type(value) for key, value in loaded.items()} == CHOICES
    assert settings_to_dict(settings)["scan"]["pattern"] == "huffman"
    assert type(settings_to_dict(settings)["scan"]["pattern"]) is str  # safe_dump refuses enums


def test_a_bad_word_names_the_choices_and_quotes_the_default_as_a_word() -> None:
    settings, problems = settings_from_dict({"scan": {"pattern": "zigzag"}})
    assert settings.scan.pattern is ScanPattern.ROW_COLUMN
    assert [p.message for p in problems] == [
        "scan.pattern: expected one of linear, row_column, column_row, block, huffman, "
        "not 'zigzag'; using the default 'row_column'"
    ]


def test_the_file_holds_the_words() -> None:
    settings, _ = with_value(Settings(), "scan.auditory", "off")
    settings, _ = with_value(settings, "blink.eye", "either")
    text = render_yaml(settings)
    assert "\n  auditory: 'off'\n" in text  # quoted: a bare off would read back as false
    assert "\n  eye: either\n" in text
    assert "\n  pattern: row_column\n" in text
    assert "Scan pattern (linear | row_column | column_row | block | huffman):" in text


def test_stepping_a_choice_gives_members_in_the_enum_order() -> None:
    settings, seen = Settings(), []
    for _ in range(len(Eye)):
        settings, _ = step_value(settings, "blink.eye", +1)
        seen.append(settings.blink.eye)
    assert seen == [Eye.EITHER, Eye.LEFT, Eye.RIGHT, Eye.BOTH]
    assert all(type(e) is Eye for e in seen)


@pytest.mark.parametrize(
    ("mode", "speaks", "beeps"),
    [
        (Auditory.OFF, False, False),
        (Auditory.LABELS, True, False),
        (Auditory.BEEP, False, True),
        (Auditory.BOTH, True, True),
    ],
)
def test_auditory_modes_say_whether_they_speak_and_beep(
    mode: Auditory, speaks: bool, beeps: bool
) -> None:
    assert (mode.speaks, mode.beeps) == (speaks, beeps)
