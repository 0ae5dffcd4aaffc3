"""One value at a time: parsing, clamping and stepping as a therapist changes settings."""

from __future__ import annotations

from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from commboard.settings import Auditory, ScanPattern, Settings
from commboard.settings.fields import describe, get, setting_keys
from commboard.settings.mapping import settings_from_dict
from commboard.settings.profiles import render_yaml
from commboard.settings.values import UnknownSettingError, step_value, with_value


def test_every_field_has_usable_metadata() -> None:
    """Guards fields other people add: the screen and the clamping rely on this."""
    for key, meta, default in describe():
        assert meta.label and meta.help, key
        if isinstance(default, int | float) and not isinstance(default, bool):
            assert meta.min is not None and meta.max is not None and meta.step, key
            assert meta.min <= default <= meta.max, key
        if meta.choices:
            assert default in meta.choices, key
    assert setting_keys() == [key for key, _, _ in describe()]


@pytest.mark.parametrize(
    ("key", "raw", "expected"),
    [
        ("scan.interval_s", "2.5", 2.5),
        ("scan.interval_s", 3, 3.0),
        ("scan.passes", "4", 4),
        ("scan.passes", 5.0, 5),
        ("scan.pattern", "Row-Column", ScanPattern.ROW_COLUMN),
        ("scan.auditory", False, Auditory.OFF),
        ("blink.inverse", "yes", True),
        ("blink.inverse", "off", False),
        ("speech.voice", "en-gb", "en-gb"),
        ("display.highlight_color", " #00FF00 ", "#00FF00"),
        ("display.highlight_border_color", "#FF00FF", "#FF00FF"),
        ("display.background_color", " #000000", "#000000"),
    ],
)
def test_values_are_parsed_to_the_field_type(key: str, raw: Any, expected: Any) -> None:
    settings, warning = with_value(Settings(), key, raw)
    assert get(settings, key) == expected
    assert type(get(settings, key)) is type(expected)
    assert warning is None


def test_out_of_range_values_are_clamped_with_the_promised_message() -> None:
    settings, warning = with_value(Settings(), "scan.interval_s", "20")
    assert settings.scan.interval_s == 10.0
    assert warning == "scan.interval_s 20 is above the maximum 10 s; using 10"
    settings, warning = with_value(Settings(), "speech.rate_wpm", 20)
    assert settings.speech.rate_wpm == 80
    assert warning == "speech.rate_wpm 20 is below the minimum 80 wpm; using 80"


@pytest.mark.parametrize(
    ("key", "raw", "says"),
    [
        ("scan.interval_s", "fast", "expected a number in s from 0.1 to 10"),
        ("scan.interval_s", "nan", "expected a number"),
        ("scan.interval_s", True, "expected a number"),
        ("scan.passes", "2.5", "whole number"),
        ("scan.mode", "sometimes", "expected one of auto, step"),
        ("blink.inverse", "perhaps", "expected yes or no"),
        ("display.highlight_color", "yellow", "colour like #ffd400"),
        ("display.highlight_border_color", "black", "colour like #000000"),
        ("display.background_color", "#0b0f1", "colour like #0b0f14"),
        ("speech.voice", ["a"], "expected text"),
    ],
)
def test_values_of_the_wrong_type_are_refused_with_the_key(key: str, raw: Any, says: str) -> None:
    with pytest.raises(ValueError, match=says) as info:
        with_value(Settings(), key, raw)
    assert str(info.value).startswith(f"{key}: ")


def test_unknown_key_names_the_closest_keys() -> None:
    with pytest.raises(UnknownSettingError) as info:
        with_value(Settings(), "scan.intervall_s", 2)
    assert "no setting named 'scan.intervall_s'" in str(info.value)
    assert "scan.interval_s" in str(info.value)
    with pytest.raises(UnknownSettingError, match="blink.hold_s"):
        with_value(Settings(), "hold_s", 2)


def test_stepping_numbers_stays_on_the_step_grid_and_in_range() -> None:
    s = Settings()
    for _ in range(3):
        s, warning = step_value(s, "scan.interval_s", +1)
    assert s.scan.interval_s == 1.3  # not 1.3000000000000003
    s, _ = with_value(s, "scan.interval_s", 9.95)
    s, warning = step_value(s, "scan.interval_s", +1)
    assert s.scan.interval_s == 10.0
    assert warning is not None and "maximum" in warning
    s, _ = step_value(Settings(), "scan.passes", -5)
    assert s.scan.passes == 1


def test_stepping_choices_wraps_and_booleans_toggle() -> None:
    s, _ = step_value(Settings(), "scan.pattern", +1)
    assert s.scan.pattern is ScanPattern.COLUMN_ROW
    s, _ = step_value(Settings(), "scan.pattern", -2)
    assert s.scan.pattern is ScanPattern.HUFFMAN
    s, _ = step_value(Settings(), "blink.inverse", +1)
    assert s.blink.inverse is True


def _value_for(key: str) -> st.SearchStrategy[Any]:
    meta, default = next((m, d) for k, m, d in describe() if k == key)
    if isinstance(default, bool):
        return st.booleans()
    if meta.choices:
        return st.sampled_from(meta.choices)
    if isinstance(default, int):
        return st.integers(int(meta.min or 0), int(meta.max or 0))
    if isinstance(default, float):
        return st.floats(meta.min, meta.max, allow_nan=False)
    if default.startswith("#"):
        return st.from_regex(r"#[0-9a-f]{6}", fullmatch=True)
    return st.text(max_size=30)


@st.composite
def any_settings(draw: st.DrawFn) -> Settings:
    s = Settings()
    for key in setting_keys():
        s, _ = with_value(s, key, draw(_value_for(key)))
    extra = draw(
        st.dictionaries(
            st.from_regex(r"[a-z]{1,8}_new", fullmatch=True),
            st.integers() | st.text(max_size=10),
            max_size=2,
        )
    )
    return Settings(
        **{f: getattr(s, f) for f in ("scan", "blink", "speech", "display")},
        unknown=tuple((f"scan.{k}", v) for k, v in extra.items()),
    )


@hyp_settings(max_examples=60, deadline=None)
@given(any_settings())
def test_any_valid_settings_survive_the_file_format(s: Settings) -> None:
    text = render_yaml(s, "anna")
    back, problems = settings_from_dict(yaml.safe_load(text))
    assert back == s
    assert len(problems) == len(s.unknown)  # only the unknown fields are mentioned


@pytest.mark.parametrize("text", ["a\x85b", "Zoë", "line\u2028break"])
def test_kept_text_is_read_back_exactly_and_stays_readable(text: str) -> None:
    """Found by the round-trip property: PyYAML read a written U+0085 back as a space."""
    s = Settings(unknown=(("scan.note", text),))
    rendered = render_yaml(s, "anna")
    back, _ = settings_from_dict(yaml.safe_load(rendered))
    assert back == s
    if text == "Zoë":
        assert "note: Zoë" in rendered  # not escaped: a therapist reads and edits this file
