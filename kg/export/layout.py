"""Fixed positions for the HTML graph, computed once in Python so that the page needs no physics.

Each connected component is laid out on its own with a force-directed pass (Fruchterman and
Reingold, repulsion only between nearby nodes, as in their grid variant: found among all pairs in a
small component, with a k-d tree in a large one), and the components are then packed in rows,
largest first. Laying out the whole graph at once pulls every small component into a clump at the
centre; networkx's own spring layout is also too slow here (17 s for 2,000 nodes and 5,000 edges on
this machine, against well under a second for this one). The same graph always gets the same
positions: seeded start, fixed order.

A component's layout depends on its shape alone, so a build that adds a document to a large store
lays out only the components it changed: the others' come from the shapes the last layout kept
(``shapes``; 477 BBC articles: 2.7 s of layout, of it 1.5 s for the components besides the one of
6,994 nodes that nearly every article joins, 466 shapes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from importlib.metadata import version
from pathlib import Path

import networkx as nx
import numpy as np

SPACING = 130.0  # ideal distance between linked nodes, in vis-network's canvas units
ITERATIONS = 50
SEED = 7
# up to this many nodes a component's near pairs are found among all pairs, with numpy alone, above
# it with SciPy's k-d tree: importing SciPy took a fifth of a one-article build's exports
ALL_PAIRS = 150
MARGIN = np.array([1.5 * SPACING, SPACING])  # between packed components

Point = tuple[float, float]


def positions(
    nodes: Iterable[Hashable], edges: Iterable[tuple[Hashable, Hashable]], shapes: dict[str, np.ndarray] | None = None
) -> dict[Hashable, Point]:
    """Every node's (x, y), components packed side by side around the origin. ``shapes``: the
    layouts of component shapes found before (by ``_shape_key``), used instead of laying them out
    again; on return it holds this graph's, and no others, for the next time."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    order = {node: k for k, node in enumerate(graph)}
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(order[n] for n in c)))
    known = dict(shapes or {})
    used: dict[str, np.ndarray] = {}
    blocks = [_component(graph, sorted(c, key=order.__getitem__), known, used) for c in components]
    if shapes is not None:
        shapes.clear()
        shapes.update(used)
    return _pack(blocks)


def _component(
    graph: nx.Graph, nodes: list[Hashable], known: dict[str, np.ndarray], used: dict[str, np.ndarray]
) -> dict[Hashable, np.ndarray]:
    """The connected component of ``graph`` whose ``nodes`` are given in the graph's order, as
    coordinates whose bounding box starts at (0, 0).

    The layout depends only on the node count and the links, numbered in that order and sorted
    (the start is seeded; not the order in which a subgraph gives them, which follows the numbers
    of the whole graph's nodes), so components of the same shape, most of them pairs and triples
    in news, share one: from ``known`` when there, else computed and added; every shape laid out
    goes into ``used``.
    """
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    index = {node: k for k, node in enumerate(nodes)}
    pairs = ((index[a], index[b]) for a, b in graph.subgraph(nodes).edges())
    links = np.array(sorted((min(pair), max(pair)) for pair in pairs), dtype=np.intp)
    shape = _shape_key(len(nodes), links)
    if shape not in known:
        xy = _spread(_force_directed(len(nodes), links))
        known[shape] = xy - xy.min(axis=0)
    used[shape] = known[shape]
    return dict(zip(nodes, known[shape], strict=True))


def code() -> str:
    """What a kept layout was made by: this module and the numerical libraries it runs on."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(f"{np.__version__}\x00{version('scipy')}".encode())
    return digest.hexdigest()


def _shape_key(n: int, links: np.ndarray) -> str:
    return hashlib.sha256(f"{n}:".encode() + links.astype(np.int64).tobytes()).hexdigest()[:32]


def _force_directed(n: int, links: np.ndarray) -> np.ndarray:
    """Fruchterman-Reingold with a cooling step, repulsion cut off at two ideal distances."""
    rng = np.random.default_rng(SEED)
    side = SPACING * np.sqrt(n)
    xy = rng.uniform(0.0, side, size=(n, 2))
    step = side / 4
    for _ in range(ITERATIONS):
        move = _repulsion(xy) + _attraction(xy, links)
        length = np.maximum(np.hypot(move[:, 0], move[:, 1]), 1e-9)[:, None]
        xy += move / length * np.minimum(length, step)
        step = max(step * 0.92, SPACING / 20)
    return xy


def _spread(xy: np.ndarray) -> np.ndarray:
    """Scaled up until nodes are about half an ideal distance from their nearest neighbour: a
    densely linked component settles tighter than its labels can be read."""
    if len(xy) <= ALL_PAIRS:
        squared = _squared_distances(xy)
        np.fill_diagonal(squared, np.inf)
        nearest = np.median(np.sqrt(squared.min(axis=1)))
    else:
        from scipy.spatial import cKDTree

        nearest = np.median(cKDTree(xy).query(xy, k=2)[0][:, 1])
    return xy * max(1.0, SPACING / 2 / max(float(nearest), 1e-9))


def _near_pairs(xy: np.ndarray, reach: float) -> np.ndarray:
    """The pairs (i, j), i < j, of points at most ``reach`` apart (in an order that depends on the
    points alone: the layout is the same, run after run)."""
    if len(xy) <= ALL_PAIRS:
        first, second = np.nonzero(np.triu(_squared_distances(xy) <= reach * reach, k=1))
        return np.stack([first, second], axis=1)
    from scipy.spatial import cKDTree

    pairs: np.ndarray = cKDTree(xy).query_pairs(reach, output_type="ndarray")
    return pairs


def _squared_distances(xy: np.ndarray) -> np.ndarray:
    delta = xy[:, None, :] - xy[None, :, :]
    squared: np.ndarray = (delta**2).sum(axis=2)
    return squared


def _repulsion(xy: np.ndarray) -> np.ndarray:
    """Every pair closer than two ideal distances pushes apart with 3 k^2 / d (a stronger push
    than the textbook k^2 / d keeps dense components open and the pairs few, hence fast)."""
    pairs = _near_pairs(xy, 2 * SPACING)
    delta = xy[pairs[:, 0]] - xy[pairs[:, 1]]
    dist2 = np.maximum((delta**2).sum(axis=1), 1.0)[:, None]
    return _accumulate(len(xy), pairs, delta * (3 * SPACING**2 / dist2))


def _attraction(xy: np.ndarray, links: np.ndarray) -> np.ndarray:
    delta = xy[links[:, 0]] - xy[links[:, 1]]
    pull = delta * (np.hypot(delta[:, 0], delta[:, 1])[:, None] / SPACING)  # |pull| = d^2 / k
    return -_accumulate(len(xy), links, pull)


def _accumulate(n: int, pairs: np.ndarray, force: np.ndarray) -> np.ndarray:
    """Sum each pair's force on its first node and its opposite on the second (bincount is
    many times faster than ``np.add.at``)."""
    total = np.empty((n, 2))
    for axis in (0, 1):
        total[:, axis] = np.bincount(pairs[:, 0], force[:, axis], n) - np.bincount(pairs[:, 1], force[:, axis], n)
    return total


def _pack(blocks: list[dict[Hashable, np.ndarray]]) -> dict[Hashable, Point]:
    """Shelf packing: blocks left to right in rows about as wide as the whole is tall, with
    more room across than down between them, as labels are wider than they are tall."""
    sizes = [np.max(np.stack(list(b.values())), axis=0) + MARGIN for b in blocks]
    width = max([float(np.sqrt(sum(w * h for w, h in sizes))) * 1.2, *(float(w) for w, _ in sizes)], default=0.0)
    placed: dict[Hashable, np.ndarray] = {}
    x = y = row = 0.0
    for block, (w, h) in zip(blocks, sizes, strict=True):
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        placed |= {node: xy + np.array([x, y]) for node, xy in block.items()}
        x, row = x + w, max(row, float(h))
    if not placed:
        return {}
    centre = (np.min(np.stack(list(placed.values())), axis=0) + np.max(np.stack(list(placed.values())), axis=0)) / 2
    return {
        node: (round(float(xy[0] - centre[0]), 1), round(float(xy[1] - centre[1]), 1)) for node, xy in placed.items()
    }
