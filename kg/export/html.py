"""The interactive HTML graph: one self-contained file that works from file:// offline.

pyvis builds the node and edge records; the page around them is ours, because pyvis's own
template loads bootstrap from a CDN even in ``in_line`` mode. vis-network's script and style
are inlined from the pyvis package. Positions are computed here with networkx and physics is
off, so even thousands of nodes appear at once. Article text reaches the page only inside a
JSON block with ``<``, ``>`` and ``&`` escaped, and is shown with ``textContent``: markup in an
article is displayed, never run.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from pyoxigraph import QuerySolutions, Store

from kg import query

CLASS_STYLE = {  # class local name -> (colour, shape, legend)
    "Person": ("#1f77b4", "dot", "person"),
    "Organization": ("#9467bd", "dot", "organisation"),
    "Group": ("#17becf", "dot", "group"),
    "Asset": ("#bcbd22", "dot", "asset"),
    "Place": ("#2ca02c", "triangle", "place"),
    "Country": ("#2ca02c", "triangle", "place"),
    "City": ("#2ca02c", "triangle", "place"),
    "Region": ("#2ca02c", "triangle", "place"),
    "Continent": ("#2ca02c", "triangle", "place"),
}
EVENT_FAMILY_COLOURS = {
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
ROLE_COLOURS = {"agent": "#555555", "patient": "#999999", "place": "#2ca02c"}
CAUSAL_COLOUR = "#d62728"

_NODES = """
PREFIX kg: <https://w3id.org/newskg/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node ?class ?label ?date ?status ?anchor ?begin ?end ?sentence ?sb ?document WHERE {
  ?node a ?class ; rdfs:label ?label ; kg:mention ?m .
  ?m nif:anchorOf ?anchor ; nif:beginIndex ?begin ; nif:endIndex ?end ;
     nif:referenceContext/dcterms:identifier ?document ; kg:sentence ?s .
  ?s nif:anchorOf ?sentence ; nif:beginIndex ?sb .
  OPTIONAL { ?node kg:date ?date }
  OPTIONAL { ?node kg:status ?status }
  FILTER (STRSTARTS(STR(?class), STR(kg:)))
}"""
_ALT = "SELECT ?node ?alt WHERE { ?node skos:altLabel ?alt }"
_EDGES = """
SELECT ?from ?to ?role ?confidence ?signal WHERE {
  { ?from ?p ?to . VALUES (?p ?role) { (kg:agent "agent") (kg:patient "patient") (kg:place "place") } }
  UNION
  { ?r a kg:CausalRelation ; kg:cause ?from ; kg:effect ?to ; kg:relationType ?role ;
       kg:confidence ?confidence ; kg:signal ?signal }
}"""
_TOP = """SELECT ?class ?top WHERE { ?class rdfs:subClassOf* ?top . ?top rdfs:subClassOf kg:Event }"""


@dataclass
class _Node:
    id: str
    cls: str
    label: str
    date: str = ""
    status: str = ""
    names: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, str, int, int]] = field(default_factory=set)


def _solutions(st: Store, text: str) -> QuerySolutions:
    result = query.execute(st, text)
    assert isinstance(result, QuerySolutions)
    return result


def graph_data(st: Store) -> dict[str, object]:
    """Nodes, edges and legend of the whole store, as plain JSON-ready data, in a stable order."""
    tops = {}
    for row in _solutions(st, _TOP):
        cls, top = _local(row["class"].value), _local(row["top"].value)
        tops.setdefault(cls, top)
    nodes: dict[str, _Node] = {}
    for row in _solutions(st, _NODES):
        iri, cls = row["node"].value, _local(row["class"].value)
        if cls in ("Mention", "Document", "CausalRelation"):
            continue
        node = nodes.setdefault(iri, _Node(iri, cls, row["label"].value))
        node.date = row["date"].value if row["date"] else node.date
        node.status = row["status"].value if row["status"] else node.status
        node.evidence.add(
            (
                row["document"].value,
                int(row["sb"].value),
                row["sentence"].value,
                int(row["begin"].value) - int(row["sb"].value),
                int(row["end"].value) - int(row["sb"].value),
            )
        )
    for row in _solutions(st, _ALT):
        if row["node"].value in nodes:
            nodes[row["node"].value].names.add(row["alt"].value)
    edges = []
    for row in _solutions(st, _EDGES):
        a, b, role = row["from"].value, row["to"].value, row["role"].value
        if a in nodes and b in nodes:
            confidence = float(row["confidence"].value) if row["confidence"] else None
            edges.append(
                {
                    "from": a,
                    "to": b,
                    "role": role,
                    "confidence": confidence,
                    "signal": row["signal"].value if row["signal"] else "",
                }
            )
    edges.sort(key=lambda e: (e["from"], e["to"], e["role"]))
    out_nodes = []
    for n in sorted(nodes.values(), key=lambda n: n.id):
        colour, shape, kind = _style(n.cls, tops)
        evidence = sorted(n.evidence)
        out_nodes.append(
            {
                "id": n.id,
                "label": n.label,
                "class": n.cls,
                "kind": kind,
                "colour": colour,
                "shape": shape,
                "date": n.date,
                "status": n.status,
                "names": sorted(n.names),
                "evidence": [{"document": d, "sentence": s, "begin": b, "end": e} for d, _sb, s, b, e in evidence],
            }
        )
    return {"nodes": out_nodes, "edges": edges}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _style(cls: str, tops: dict[str, str]) -> tuple[str, str, str]:
    if cls in CLASS_STYLE:
        return CLASS_STYLE[cls]
    family = tops.get(cls, "Event")
    return EVENT_FAMILY_COLOURS.get(family, EVENT_FAMILY_COLOURS["Event"]), "box", f"event: {family}"


def _layout(data: dict[str, object]) -> dict[str, tuple[float, float]]:
    """Fixed positions (deterministic): the page needs no physics to settle."""
    import networkx as nx

    g = nx.Graph()
    nodes = data["nodes"]
    edges = data["edges"]
    assert isinstance(nodes, list) and isinstance(edges, list)
    g.add_nodes_from(n["id"] for n in nodes)
    g.add_edges_from((e["from"], e["to"]) for e in edges)
    if not g:
        return {}
    scale = 120 * max(1.0, len(g) ** 0.5)
    if len(g) <= 300:
        pos = nx.kamada_kawai_layout(g, scale=scale)
    else:
        pos = nx.spring_layout(g, seed=7, scale=scale, iterations=60)
    return {k: (round(float(v[0]), 1), round(float(v[1]), 1)) for k, v in pos.items()}


def _vis_records(data: dict[str, object]) -> tuple[list[dict[str, object]], list[dict[str, object]]]:
    """vis-network node and edge records, made with pyvis."""
    from pyvis.network import Network

    positions = _layout(data)
    net = Network(directed=True)
    nodes = data["nodes"]
    edges = data["edges"]
    assert isinstance(nodes, list) and isinstance(edges, list)
    for n in nodes:
        x, y = positions.get(n["id"], (0.0, 0.0))
        evidence = n["evidence"][0]["sentence"] if n["evidence"] else ""
        title = "\n".join(filter(None, [n["label"], n["kind"], n["date"], evidence[:300]]))
        net.add_node(
            n["id"],
            label=n["label"][:40],
            title=title,
            color=n["colour"],
            shape=n["shape"],
            x=x,
            y=y,
            physics=False,
            font={"size": 12},
        )
    for k, e in enumerate(edges):
        causal = e["confidence"] is not None
        net.add_edge(
            e["from"],
            e["to"],
            id=f"e{k}",
            title=f"{e['role']} {e['signal']}".strip(),
            color=CAUSAL_COLOUR if causal else ROLE_COLOURS.get(e["role"], "#999999"),
            width=1 + 4 * float(e["confidence"]) if causal else 1,
            dashes=not causal,
            label=e["role"] if causal else "",
            arrows="to",
        )
    return net.nodes, net.edges


def _json_for_script(value: object) -> str:
    """JSON safe inside <script>: no '<', '>' or '&' can close the element or start markup,
    and IRIs are written "https:\\/\\/..." (the same string) so that no URL appears literally."""
    return _no_literal_urls(
        json.dumps(value, ensure_ascii=False, sort_keys=True)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def _no_literal_urls(code: str) -> str:
    """'://' as ':\\/\\/' in JavaScript or JSON: the same characters once parsed, but nothing
    in the file reads as a link to fetch (the page loads nothing from any network)."""
    return code.replace("://", ":\\/\\/")


def _vis_assets() -> tuple[str, str]:
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    return (lib / "vis-network.min.js").read_text(encoding="utf-8"), (lib / "vis-network.css").read_text(
        encoding="utf-8"
    )


def render(data: dict[str, object], *, title: str = "newskg graph") -> str:
    """The whole page as a string."""
    vis_nodes, vis_edges = _vis_records(data)
    script, style = _vis_assets()
    payload = _json_for_script({"graph": data, "vis": {"nodes": vis_nodes, "edges": vis_edges}})
    page = (Path(__file__).parent / "graph.html.template").read_text(encoding="utf-8")
    # the vis-network bundle must not end our <script> early
    script = _no_literal_urls(script.replace("</script", "<\\/script"))
    return (
        page.replace("{{TITLE}}", _html_text(title))
        .replace("{{VIS_CSS}}", style)
        .replace("{{VIS_JS}}", script)
        .replace("{{DATA}}", payload)
    )


def _html_text(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write(st: Store, path: Path, *, title: str = "newskg graph") -> Path:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(render(graph_data(st), title=title), encoding="utf-8")
    os.replace(tmp, path)
    return path
