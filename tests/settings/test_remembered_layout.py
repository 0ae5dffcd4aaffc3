"""The layout remembered in a profile (``board.layout``): saved alone, never over an unreadable file."""

from __future__ import annotations

from pathlib import Path

import pytest

from commboard.settings.profiles import ENV_CONFIG_DIR, load_profile, profile_path, save_one_value
from commboard.settings.values import with_value


@pytest.fixture(autouse=True)
def config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cfg = tmp_path / "cfg"
    monkeypatch.setenv(ENV_CONFIG_DIR, str(cfg))
    return cfg


def test_saving_one_value_keeps_every_other_value_the_file_has() -> None:
    path = profile_path("anna")
    path.parent.mkdir(parents=True)
    path.write_text("scan:\n  interval_s: 2.5\nspeech:\n  rate_wpm: 120\n", encoding="utf-8")
    save_one_value("anna", "board.layout", "/home/carer/layouts/anna")
    settings, problems = load_profile("anna")
    assert problems == []
    assert settings.board.layout == "/home/carer/layouts/anna"
    assert settings.scan.interval_s == 2.5 and settings.speech.rate_wpm == 120


def test_a_missing_profile_is_created_with_only_that_value_changed() -> None:
    save_one_value("new", "board.layout", "/x/y.yaml")
    settings, _ = load_profile("new")
    expected, _ = with_value(type(settings)(), "board.layout", "/x/y.yaml")
    assert settings == expected


def test_an_unreadable_profile_is_left_as_it_is() -> None:
    path = profile_path("broken")
    path.parent.mkdir(parents=True)
    path.write_text("scan: [\n  oops\n", encoding="utf-8")
    with pytest.raises(ValueError, match="nothing was saved"):
        save_one_value("broken", "board.layout", "/x/y.yaml")
    assert path.read_text(encoding="utf-8") == "scan: [\n  oops\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["broken.yaml"]


def test_the_remembered_layout_is_an_ordinary_setting_with_a_default_of_the_built_in() -> None:
    settings, problems = load_profile("nobody")
    assert settings.board.layout == "" and problems == []
