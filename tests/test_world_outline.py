"""The shipped map outline (``kg/resources/world_outline.txt``) against the data it is written from."""

from __future__ import annotations

from kg.export import world


def test_the_shipped_outline_is_the_computed_one() -> None:
    # run scripts/write_world_outline.py when this fails after a change to the data or the code
    assert world.outline_path() == world.from_sources()
    assert world.outline_path().startswith("M")
