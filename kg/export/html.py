"""The interactive HTML graph: one self-contained file that works from file:// offline.

The node and edge records are vis-network's, written as pyvis writes them; the page around them
is ours (``graph.html.template`` and ``graph.js``), because pyvis's own template loads bootstrap
from a CDN even in ``in_line`` mode. vis-network's script and style are inlined from the pyvis
package. Positions come from
``layout`` and physics is off, so even thousands of nodes appear at once and stay still.

Nodes are sized by PageRank and can be coloured by Louvain community, both from ``kg.analyze`` (the
numbers ``kg analyze`` and ``kg export`` give). The map view draws event places on Natural Earth
outlines (``world``), in the page, from file://.

Article text reaches the page only inside a JSON block with ``<``, ``>`` and ``&`` escaped, and
the page shows it with ``textContent`` (vis-network 9 shows a string tooltip as ``innerText``):
markup in an article is displayed, never run.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from pyoxigraph import Store

from kg import analyze, graph_cache
from kg.errors import E, KgError
from kg.export import layout, view, world
from kg.export.view import Edge, GraphView, Node, Selection

# family -> (colour, vis-network shape, legend label); events are boxes coloured by family
ENTITY_STYLE = {
    "Person": ("#1f77b4", "dot", "person"),
    "Organization": ("#9467bd", "square", "organisation"),
    "Group": ("#17becf", "hexagon", "group"),
    "Actor": ("#7f7f7f", "dot", "actor"),
    "Asset": ("#bcbd22", "star", "asset"),
    "Place": ("#2ca02c", "triangle", "place"),
}
EVENT_COLOURS = {
    "CivilUnrest": "#ff7f0e",
    "Violence": "#d62728",
    "Coercion": "#8c1c13",
    "Communication": "#7f7f7f",
    "Disruption": "#e377c2",
    "Crisis": "#c49c94",
    "QuantityChange": "#8c564b",
    "PolicyChange": "#aec7e8",
    "Politics": "#98df8a",
    "Cooperation": "#c5b0d5",
    "Relocation": "#dbdb8d",
    "Business": "#9edae5",
    "Disaster": "#ff9896",
    "Event": "#f7b6d2",
}
EDGE_COLOURS = {
    "causes": "#d62728",
    "enables": "#e6850e",
    "prevents": "#6a3d9a",
    "agent": "#8a8a8a",
    "patient": "#b5b5b5",
    "place": "#9cc59c",
    "relation": "#3b75c4",
}
_LINK_LEGEND = [
    {"label": "causes (wider: surer)", "colour": EDGE_COLOURS["causes"], "width": 4},
    {"label": "enables", "colour": EDGE_COLOURS["enables"], "width": 4},
    {"label": "prevents", "colour": EDGE_COLOURS["prevents"], "width": 4},
    *({"label": role, "colour": EDGE_COLOURS[role], "width": 1} for role in view.ROLES),
    {"label": "other relation", "colour": EDGE_COLOURS["relation"], "width": 1.5},
]
# communities 0, 1, 2... (largest first) in these colours; smaller ones and lone nodes grey
COMMUNITY_COLOURS = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22",
    "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#9edae5", "#dbdb8d",
)  # fmt: skip
OTHER_COMMUNITY = "#c7c7c7"
_HERE = Path(__file__).parent


@dataclass(frozen=True)
class HtmlReport:
    path: Path
    nodes: int
    edges: int


def write(
    store: Store,
    path: Path,
    *,
    title: str = "newskg graph",
    selection: Selection | None = None,
    cache: Path | None = None,
) -> HtmlReport:
    """Write the page for the store (or the part of it that ``selection`` keeps), atomically;
    ``cache``: a generation folder, as for ``view.read``, which also keeps the component layouts."""
    graph = view.read(store, cache=cache)
    if selection is not None:
        graph = view.select(graph, selection)
    shapes = _known_shapes(cache) if cache is not None and selection is None else None
    tmp = path.with_name(path.name + ".tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            handle.writelines(pieces(graph, title=title, dates=analyze.document_dates(store), shapes=shapes))
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise KgError(E.E050, path=path, reason=err.strerror or str(err)) from err
    if cache is not None and shapes is not None:
        _keep_shapes(cache, shapes)
    return HtmlReport(path, len(graph.nodes), len(graph.edges))


_SHAPES = "layouts.json"  # a generation's component layouts (``graph_cache.shared``)


def _known_shapes(cache: Path) -> dict[str, np.ndarray]:
    """The component layouts the last build kept, when the same layout code made them; none when
    the file is missing or unreadable (they are only a saving: the layout is computed again)."""
    path = graph_cache.shared(cache, _SHAPES)
    try:
        kept = json.loads(path.read_bytes())
        if kept.get("code") != layout.code():
            return {}
        return {key: np.array(xy, dtype=float) for key, xy in kept["shapes"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


def _keep_shapes(cache: Path, shapes: dict[str, np.ndarray]) -> None:
    """Floats written by ``json`` read back exactly, so a layout from the file is the one computed."""
    kept = {"code": layout.code(), "shapes": {key: xy.tolist() for key, xy in sorted(shapes.items())}}
    graph_cache.keep(graph_cache.shared(cache, _SHAPES), json.dumps(kept, separators=(",", ":")).encode())


def render(graph: GraphView, *, title: str = "newskg graph", dates: dict[str, str] | None = None) -> str:
    """The whole page as a string; ``dates`` (document id -> date) date the timeline's undated events."""
    return "".join(pieces(graph, title=title, dates=dates))


def pieces(
    graph: GraphView,
    *,
    title: str = "newskg graph",
    dates: dict[str, str] | None = None,
    shapes: dict[str, np.ndarray] | None = None,
) -> Iterator[str]:
    """The page of ``render`` in pieces, for ``write`` to write one after another: the page of 477 BBC
    articles is 27 MB of UTF-8 and 53 MB as one Python string, made and copied several times over.
    ``shapes`` as for ``layout.positions``."""
    scores = analyze.score(analyze.network(graph))
    community = [scores.community[n.id] for n in graph.nodes]
    vis_nodes, vis_edges = _vis_records(graph, [scores.centrality[n.id] for n in graph.nodes], shapes)
    located = places(graph)
    payload = {
        "nodes": graph.nodes,
        "edges": graph.edges,
        "documents": graph.documents,
        "legend": legend(graph),
        "links": _LINK_LEGEND,
        "vis": {"nodes": vis_nodes, "edges": vis_edges},
        "community": community,
        "communities": communities(graph, scores),
        "timeline": timeline(graph, dates or {}),
        "places": located,
        "outline": world.outline_path() if located else "",
    }
    script, style = _vis_assets()
    page = (
        (_HERE / "graph.html.template")
        .read_text(encoding="utf-8")
        .replace("{{TITLE}}", _html_text(title))
        .replace("{{VIS_CSS}}", style)
        .replace("{{VIS_JS}}", _inline_script(script))
        .replace("{{APP_JS}}", _inline_script((_HERE / "graph.js").read_text(encoding="utf-8")))
    )
    for k, part in enumerate(page.split("{{DATA}}")):
        if k:
            yield from _data_pieces(payload)
        yield part


def style(node: Node) -> tuple[str, str, str]:
    """(colour, shape, legend label) of a node: its class group, or its event family."""
    if not node.event:
        return ENTITY_STYLE.get(node.family, ENTITY_STYLE["Actor"])
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in node.family).strip()
    label = "other event" if node.family == "Event" else f"{words} (event)"
    return EVENT_COLOURS.get(node.family, EVENT_COLOURS["Event"]), "box", label


def legend(graph: GraphView) -> list[dict[str, object]]:
    """One entry per family present, entities first, with how many nodes each has."""
    counts = Counter(n.family for n in graph.nodes)
    first: dict[str, Node] = {}
    for node in sorted(graph.nodes, key=lambda n: (n.event, n.family)):
        first.setdefault(node.family, node)
    return [
        dict(zip(("colour", "shape", "label"), style(node), strict=True)) | {"family": family, "count": counts[family]}
        for family, node in first.items()
    ]


def communities(graph: GraphView, scores: analyze.Scores) -> list[dict[str, object]]:
    """Colour and text colour of each community (by number), with its size and most central member."""
    members: dict[int, list[Node]] = {}
    for node in graph.nodes:
        members.setdefault(scores.community[node.id], []).append(node)
    entries = []
    for number in range(len(members)):
        group = members[number]
        colour = COMMUNITY_COLOURS[number] if number < len(COMMUNITY_COLOURS) and len(group) > 1 else OTHER_COMMUNITY
        top = max(group, key=lambda n: (scores.centrality[n.id], n.id))
        entries.append({"colour": colour, "text": _text_colour(colour), "size": len(group), "label": top.label})
    return entries


def timeline(graph: GraphView, dates: dict[str, str]) -> list[tuple[int, str, str]]:
    """(node index, date, whose) of every event in date order, undated last: the event's own date,
    else its article's (``analyze.event_date``), which the page marks as such."""
    rows = [(k, *analyze.event_date(n, dates)) for k, n in enumerate(graph.nodes) if n.event]
    return sorted(rows, key=lambda row: (row[1] == "", row[1], graph.nodes[row[0]].label, row[0]))


def places(graph: GraphView) -> list[dict[str, object]]:
    """The places of events that have coordinates, in map units (``world.SCALE`` per degree,
    north up), with how many events happened there."""
    events: Counter[str] = Counter(e.target for e in graph.edges if e.kind == "role" and e.label == "place")
    return [
        {"node": k, "x": round(lon * world.SCALE, 1), "y": round(-lat * world.SCALE, 1), "events": events[n.id]}
        for k, n in enumerate(graph.nodes)
        if n.coordinates is not None and events[n.id]
        for lat, lon in [n.coordinates]
    ]


def _vis_records(
    graph: GraphView, centrality: list[float], shapes: dict[str, np.ndarray] | None = None
) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """vis-network node and edge records, the fields pyvis's ``Network(directed=True)`` would give
    them (an empty label is the node's id, an edge without arrows points "to"), without pyvis's
    ``add_node`` and ``add_edge``, which scan a list of every node so far for each one added.
    A node's id is its index in graph.nodes; its ``value`` (which vis-network scales to a size)
    is the square root of its PageRank over the largest, so that the long tail stays visible."""
    index = {n.id: k for k, n in enumerate(graph.nodes)}
    links = [(index[e.source], index[e.target]) for e in graph.edges]
    positions = layout.positions(range(len(graph.nodes)), links, shapes)
    top = max(centrality, default=1.0)
    nodes: list[dict[str, object]] = []
    for k, node in enumerate(graph.nodes):
        colour, shape, _ = style(node)
        x, y = positions[k]
        font = {"color": _text_colour(colour) if node.event else "#222222"}  # an event's label is inside its box
        record = {"id": k, "label": _short(node.label, 60) or k, "shape": shape, "color": colour}
        value = round(math.sqrt(centrality[k] / top), 4)
        nodes.append(record | {"title": _node_tooltip(node), "x": x, "y": y, "font": font, "value": value})
    edges: list[dict[str, object]] = []
    for k, (edge, (a, b)) in enumerate(zip(graph.edges, links, strict=True)):
        title = _edge_tooltip(edge, graph.nodes[a], graph.nodes[b])
        edges.append({"id": k, "title": title, "arrows": "to"} | _edge_style(edge) | {"from": a, "to": b})
    return nodes, edges


def _edge_style(edge: Edge) -> dict[str, object]:
    """Causal links stand out: coloured by type, arrowed, as wide as they are confident; roles
    are thin grey lines without arrows; other relations thin blue arrows."""
    if edge.kind == "causal":
        width = 1.5 + 5 * (edge.confidence if edge.confidence is not None else 0.5)
        return {"color": EDGE_COLOURS.get(edge.label, EDGE_COLOURS["causes"]), "width": round(width, 2),
                "arrows": "to", "label": edge.label}  # fmt: skip
    if edge.kind == "role":
        return {"color": EDGE_COLOURS[edge.label], "width": 1, "arrows": {"to": {"enabled": False}}}
    return {
        "color": EDGE_COLOURS["relation"],
        "width": 1.5,
        "arrows": {"to": {"scaleFactor": 0.6}},
        "label": edge.label,
    }


def _node_tooltip(node: Node) -> str:
    """Plain text (vis-network shows a string tooltip as text, not HTML)."""
    kind = " · ".join(filter(None, [style(node)[2], node.cls, node.date, node.status]))
    sentence = node.evidence[0].sentence if node.evidence else ""
    return "\n".join(filter(None, [node.label, kind, _short(sentence, 300)]))


def _edge_tooltip(edge: Edge, source: Node, target: Node) -> str:
    confidence = f"confidence {edge.confidence:g}" if edge.confidence is not None else ""
    signal = f"signal “{edge.signal}”" if edge.signal else ""
    details = ", ".join(filter(None, [confidence, signal]))
    return f"{source.label} → {edge.label} → {target.label}" + (f" ({details})" if details else "")


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _text_colour(background: str) -> str:
    """Dark text on light boxes, white on dark ones (relative luminance, roughly)."""
    r, g, b = (int(background[k : k + 2], 16) for k in (1, 3, 5))
    return "#222222" if 0.299 * r + 0.587 * g + 0.114 * b > 140 else "#ffffff"


def _vis_assets() -> tuple[str, str]:
    spec = importlib.util.find_spec("pyvis")  # found, not imported: only its files are needed
    assert spec is not None and spec.origin is not None
    lib = Path(spec.origin).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def _inline_script(code: str) -> str:
    """Script text that cannot end our <script> element early, with no literal URL in it."""
    return _no_literal_urls(code.replace("</script", "<\\/script"))


def _data_pieces(value: object, depth: int = 0) -> Iterator[str]:
    """``_json_for_script(value)`` in pieces: the outer two levels of objects and lists entry by
    entry, each entry below them encoded whole. The same text: keys are strings, sorted as
    ``sort_keys`` sorts them, and no '://' can span two pieces (no value starts with '/')."""
    if depth < 2 and isinstance(value, dict) and value:
        for k, key in enumerate(sorted(value)):
            yield ("," if k else "{") + _json_for_script(key) + ":"
            yield from _data_pieces(value[key], depth + 1)
        yield "}"
    elif depth < 2 and isinstance(value, list | tuple) and value:
        for k, item in enumerate(value):
            yield "," if k else "["
            yield from _data_pieces(item, depth + 1)
        yield "]"
    else:
        yield _json_for_script(value)


def _json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or start markup.
    Dataclasses are written as objects of their fields (``vars``)."""
    return _no_literal_urls(
        json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=vars)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _no_literal_urls(code: str) -> str:
    """'://' as ':\\/\\/' in JavaScript or JSON: the same characters once parsed, but nothing
    in the file reads as a link to fetch (the page loads nothing from any network)."""
    return code.replace("://", ":\\/\\/")


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
