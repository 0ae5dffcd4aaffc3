"""Pictures a carer typed by path are copied into the layout folder, never over another picture."""

from __future__ import annotations

from pathlib import Path

from commboard.adapters.picture_copy import copy_pictures


def test_a_copy_lands_in_images_and_an_existing_different_picture_is_never_replaced(
    tmp_path: Path,
) -> None:
    source = tmp_path / "usb" / "sarah.png"
    source.parent.mkdir()
    source.write_bytes(b"new picture")
    layout = tmp_path / "layout"
    assert copy_pictures({"images/sarah.png": source}, layout) == []
    assert (layout / "images" / "sarah.png").read_bytes() == b"new picture"
    assert copy_pictures({"images/sarah.png": source}, layout) == []  # the same bytes: done
    (layout / "images" / "dog.png").write_bytes(b"the dog")
    problems = copy_pictures({"images/dog.png": source}, layout)
    assert problems == [f"{layout / 'images' / 'dog.png'} already exists; not replaced"]
    assert (layout / "images" / "dog.png").read_bytes() == b"the dog"
    assert sorted(p.name for p in (layout / "images").iterdir()) == ["dog.png", "sarah.png"]
    gone = copy_pictures({"images/x.png": tmp_path / "missing.png"}, layout)
    assert len(gone) == 1 and "could not be copied" in gone[0]
