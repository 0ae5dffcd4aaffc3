"""``commboard screenshot``: the real board drawn headless into a PNG of the asked size."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from commboard.cli import main
from commboard.shell.screens.board.render import BACKGROUND


def test_screenshot_draws_the_page_at_the_asked_size(tmp_path: Path) -> None:
    out = tmp_path / "shots" / "board.png"
    assert main(["screenshot", str(out), "--size", "1024x600", "--page", "alphabet"]) == 0
    picture = pygame.image.load(str(out))
    assert picture.get_size() == (1024, 600)
    # the highlighted first row is drawn in the highlight colour
    colours = {tuple(picture.get_at((x, 130)))[:3] for x in range(0, 1024, 8)}
    assert (255, 212, 0) in colours and BACKGROUND in colours


def test_an_unknown_page_is_refused_with_the_page_names(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["screenshot", str(tmp_path / "x.png"), "--page", "nope"]) == 2
    assert "alphabet" in capsys.readouterr().err
    assert not (tmp_path / "x.png").exists()
