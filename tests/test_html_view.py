"""The HTML graph without a browser: what the selection keeps, the layout, and what the page's
text looks like (escaped, self-contained). Hand-made graphs, no spaCy model."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from kg import analyze, graph_cache
from kg.errors import KgError
from kg.export import html, layout
from kg.export.view import Edge, Evidence, GraphView, Node, Selection, select

MARKUP = '</script><script>window.pwned=1</script><img src=x onerror="window.pwned=1">'


def node(id_: str, family: str, *, event: bool = False, date_: str = "", document: str = "a", label: str = "") -> Node:
    types = (family, "Event") if event else (family, "Actor")
    evidence = (Evidence(document, f"{label or id_} happened.", 0, len(label or id_)),)
    return Node(id_, label or id_, family, family, event, types, date=date_, evidence=evidence)


def small_graph() -> GraphView:
    """Two dated events (one only to the month) and an undated one, causal links between them, an
    agent for each, and an entity in another document linked to nothing."""
    nodes = (
        node("protest", "CivilUnrest", event=True, date_="2022-01-02"),
        node("crackdown", "Coercion", event=True, date_="2022-02"),
        node("crash", "QuantityChange", event=True),
        node("police", "Group"),
        node("miners", "Group"),
        node("minister", "Person", document="b"),
    )
    edges = (
        Edge("protest", "crackdown", "causal", "causes", 0.8),
        Edge("crackdown", "crash", "causal", "causes", 0.6),
        Edge("crackdown", "police", "role", "agent"),
        Edge("protest", "miners", "role", "agent"),
    )
    return GraphView(nodes, edges, {"a": "", "b": "Second"})


def ids(view: GraphView) -> set[str]:
    return {n.id for n in view.nodes}


@pytest.mark.parametrize(
    "selection, nodes, edges",
    [
        (Selection(), {"protest", "crackdown", "crash", "police", "miners", "minister"}, 4),
        (Selection(documents=("b",)), {"minister"}, 0),
        (Selection(types=("event",)), {"protest", "crackdown", "crash"}, 2),
        (Selection(types=("Group", "coercion")), {"crackdown", "police", "miners"}, 1),
        (Selection(causal_only=True), {"protest", "crackdown", "crash"}, 2),
        # a month-only date meets a range that contains any of its days; undated events never do
        (Selection(since=date(2022, 2, 15)), {"crackdown", "police"}, 1),
        (Selection(until=date(2022, 1, 31)), {"protest", "miners"}, 1),
        (Selection(since=date(2022, 1, 1), causal_only=True), {"protest", "crackdown"}, 1),
    ],
)
def test_selection(selection: Selection, nodes: set[str], edges: int) -> None:
    kept = select(small_graph(), selection)
    assert ids(kept) == nodes
    assert len(kept.edges) == edges
    assert all(e.source in nodes and e.target in nodes for e in kept.edges)


@pytest.mark.parametrize(
    "selection, word", [(Selection(documents=("c",)), "document"), (Selection(types=("X",)), "type")]
)
def test_unknown_document_or_type_is_an_error_that_lists_the_known_ones(selection: Selection, word: str) -> None:
    with pytest.raises(KgError, match=word):
        select(small_graph(), selection)


def test_layout_is_deterministic_and_keeps_components_apart() -> None:
    edges = [(0, 1), (1, 2), (2, 0), (3, 4), (5, 6), (6, 7)]
    first = layout.positions(range(10), edges)
    assert first == layout.positions(range(10), edges)
    assert len(set(first.values())) == 10  # nobody on top of anybody

    def box(members: range) -> tuple[float, float, float, float]:
        xs, ys = [first[k][0] for k in members], [first[k][1] for k in members]
        return min(xs), min(ys), max(xs), max(ys)

    boxes = [box(range(0, 3)), box(range(3, 5)), box(range(5, 8))]
    for k, (ax0, ay0, ax1, ay1) in enumerate(boxes):
        for bx0, by0, bx1, by1 in boxes[k + 1 :]:
            assert ax1 < bx0 or bx1 < ax0 or ay1 < by0 or by1 < ay0, "components overlap"


@pytest.mark.parametrize("n", [2, 40, 300])
def test_near_pairs_are_the_same_found_among_all_or_by_k_d_tree(n: int, monkeypatch: pytest.MonkeyPatch) -> None:
    xy = np.random.default_rng(n).uniform(0.0, layout.SPACING * np.sqrt(n), size=(n, 2))
    monkeypatch.setattr(layout, "ALL_PAIRS", n)
    every = layout._near_pairs(xy, 2 * layout.SPACING), layout._spread(xy)
    monkeypatch.setattr(layout, "ALL_PAIRS", 0)
    tree = layout._near_pairs(xy, 2 * layout.SPACING), layout._spread(xy)
    pairs = [sorted(map(tuple, found[0].tolist())) for found in (every, tree)]
    assert pairs[0] and pairs[0] == pairs[1] and np.array_equal(every[1], tree[1])


def test_pagerank_is_networkx_s() -> None:
    graph = nx.gnm_random_graph(200, 300, seed=5)
    graph.add_edge(3, 3)  # a self-loop counts once
    graph.add_nodes_from(range(200, 205))  # lone nodes spread their rank evenly
    ours, theirs = analyze.pagerank(graph), nx.pagerank(graph)
    assert list(ours) == list(theirs)
    assert max(abs(ours[k] - theirs[k]) for k in ours) < 1e-12
    assert analyze.pagerank(nx.Graph()) == {}


def test_a_small_page_is_drawn_without_scipy() -> None:
    """A one-article build's page needs neither SciPy's sparse arrays nor its k-d tree, whose
    import was a fifth of its exports' time."""
    code = (
        "import sys; from kg.export import html; from tests.test_html_view import small_graph; "
        "html.render(small_graph()); print(sorted(m for m in sys.modules if m.split('.')[0] == 'scipy'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_layout_takes_kept_component_shapes_and_keeps_only_the_graph_s() -> None:
    edges = [(0, 1), (1, 2), (3, 4)]
    shapes: dict[str, np.ndarray] = {}
    first = layout.positions(range(6), edges, shapes)
    assert first == layout.positions(range(6), edges)  # keeping the shapes changes nothing
    assert sorted(len(xy) for xy in shapes.values()) == [2, 3]  # the pair and the chain; no lone node
    chain = next(key for key, xy in shapes.items() if len(xy) == 3)
    kept = {key: xy * (2.0 if key == chain else 1.0) for key, xy in shapes.items()} | {"gone": np.zeros((4, 2))}
    again = layout.positions(range(6), edges, kept)
    spread = [abs(again[0][0] - again[2][0]), abs(first[0][0] - first[2][0])]
    assert spread[0] == pytest.approx(2 * spread[1], abs=0.3)  # the kept chain, as kept (to 0.1 each)
    assert set(kept) == set(shapes)  # a shape no longer in the graph is not kept


def test_layouts_are_kept_exactly_and_not_used_by_other_layout_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    xy = np.array([[0.0, 0.0], [1 / 3, 130.00000000000003]])
    html._keep_shapes(tmp_path, {"pair": xy})
    kept = html._known_shapes(tmp_path)
    assert list(kept) == ["pair"] and kept["pair"].tobytes() == xy.tobytes()  # the same floats, bit for bit
    monkeypatch.setattr(layout, "code", lambda: "another layout")
    assert html._known_shapes(tmp_path) == {}
    (tmp_path / graph_cache.FOLDER / "layouts.json").write_text('{"code": "another', encoding="utf-8")  # cut short
    assert html._known_shapes(tmp_path) == {}


def test_page_is_self_contained_and_article_text_cannot_close_its_script() -> None:
    graph = small_graph()
    hostile = Node("x", MARKUP, "Person", "Person", False, ("Person",), names=("https://example.org",))
    page = html.render(GraphView((*graph.nodes, hostile), graph.edges, graph.documents), title="<b>t</b>")
    assert "://" not in page.replace(":\\/\\/", "")
    assert "http://" not in page and "https://" not in page
    assert page.count("</script>") == 3  # the data block, vis-network, ours
    assert "<script>window.pwned" not in page and "<img" not in page
    assert "<title>&lt;b&gt;t&lt;/b&gt;</title>" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert "<link" not in page and " src=" not in page.split('id="kg-data"')[0]


_TURTLE = """
@prefix kg: <https://w3id.org/newskg/ontology#> . @prefix id: <https://w3id.org/newskg/id/> .
@prefix nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> .
@prefix dcterms: <http://purl.org/dc/terms/> . @prefix schema: <https://schema.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
id:doc a kg:Document ; dcterms:identifier "d1" ; dcterms:title "Unrest" .
id:p a kg:Protest ; rdfs:label "protest" ; kg:date "2022-01" ; kg:status "reported" ; kg:accordingTo id:min , id:doc ;
  kg:place id:almaty ; kg:quantity [ schema:value 26 ; schema:unitText "protesters" ; kg:qualifier "at least" ] ;
  kg:mention id:m1 .
id:c a kg:Crackdown ; rdfs:label "crackdown" ; kg:agent id:min ; kg:mention id:m2 .
id:min a kg:Organization ; rdfs:label "interior ministry" ; skos:altLabel "the ministry" ; kg:memberOf id:gov ;
  kg:mention id:m3 .
id:gov a kg:Organization ; rdfs:label "government" ; kg:mention id:m3 .
id:almaty a kg:City ; rdfs:label "Almaty" ; schema:latitude 43.25 ; schema:longitude 76.95 ; kg:mention id:m4 .
id:r a kg:CausalRelation ; kg:cause id:p ; kg:effect id:c ; kg:relationType "causes" ; kg:confidence 0.7 ;
  kg:signal "prompted" ; kg:mention id:m5 .
id:s a nif:String ; nif:anchorOf "Protests in Almaty prompted a crackdown." ; nif:beginIndex 10 .
id:m1 nif:beginIndex 10 ; nif:endIndex 18 ; nif:anchorOf "Protests" ; nif:referenceContext id:doc ; kg:sentence id:s .
id:m2 nif:beginIndex 40 ; nif:endIndex 49 ; nif:referenceContext id:doc ; kg:sentence id:s .
id:m3 nif:beginIndex 60 ; nif:endIndex 77 ; nif:anchorOf "interior ministry" ; nif:referenceContext id:doc .
id:m4 nif:beginIndex 22 ; nif:endIndex 28 ; nif:referenceContext id:doc ; kg:sentence id:s .
id:m5 nif:beginIndex 10 ; nif:endIndex 49 ; nif:referenceContext id:doc ; kg:sentence id:s .
"""


def test_the_page_data_in_pieces_is_the_data_encoded_whole() -> None:
    node = small_graph().nodes[0]
    payload = {"b": {"y": [1, (2, "a://b")], "x": {}, "w": []}, "a": [node, [], "<&>", {"k": [node]}], "c": "x://y"}
    assert "".join(html._data_pieces(payload)) == html._json_for_script(payload)
    assert html.render(small_graph()) == "".join(html.pieces(small_graph()))


def test_read_a_store() -> None:
    """Classes and families from the ontology, claims, quantities, aliases, evidence offsets in
    the sentence (the mention itself when it has no sentence), and all three kinds of edge."""
    from pyoxigraph import NamedNode, RdfFormat, Store

    from kg.export.view import read
    from kg.store import load_ontology

    st = Store()
    load_ontology(st)
    st.load(_TURTLE.encode(), format=RdfFormat.TURTLE, to_graph=NamedNode("https://w3id.org/newskg/id/graph/d1"))
    graph = read(st)
    nodes = {n.label: n for n in graph.nodes}
    assert sorted(nodes) == ["Almaty", "crackdown", "government", "interior ministry", "protest"]
    protest = nodes["protest"]
    assert (protest.cls, protest.family, protest.event) == ("Protest", "CivilUnrest", True)
    assert (protest.date, protest.status) == ("2022-01", "reported")
    assert protest.according_to == ("document d1", "interior ministry")
    assert protest.quantities == ("at least 26 protesters",)
    assert protest.evidence == (Evidence("d1", "Protests in Almaty prompted a crackdown.", 0, 8),)
    assert (nodes["Almaty"].family, nodes["interior ministry"].names) == ("Place", ("the ministry",))
    assert (nodes["Almaty"].coordinates, nodes["protest"].coordinates) == ((43.25, 76.95), None)
    assert nodes["interior ministry"].evidence == (Evidence("d1", "interior ministry", 0, 17),)
    kinds = sorted((e.kind, e.label, e.confidence) for e in graph.edges)
    assert kinds == [
        ("causal", "causes", 0.7),
        ("relation", "memberOf", None),
        ("role", "agent", None),
        ("role", "place", None),
    ]
    assert graph.documents == {"d1": "Unrest"}


def located_graph() -> GraphView:
    """The small graph with places: Almaty (coordinates, the protest's place), Astana
    (coordinates, no event) and a place without coordinates (the crackdown's)."""
    graph = small_graph()
    places = (
        replace(node("almaty", "Place"), coordinates=(43.25, 76.95)),
        replace(node("astana", "Place"), coordinates=(51.17, 71.45)),
        node("nowhere", "Place"),
    )
    edges = (Edge("protest", "almaty", "role", "place"), Edge("crackdown", "nowhere", "role", "place"))
    return GraphView((*graph.nodes, *places), (*graph.edges, *edges), graph.documents)


def test_page_data_sizes_by_pagerank_dates_the_timeline_and_places_events() -> None:
    """Node values follow kg.analyze's PageRank; an undated event takes its article's date, marked
    as the document's; the map gets the event places with coordinates; the same graph gives the
    same bytes."""
    graph = located_graph()
    page = html.render(graph, dates={"a": "2022-01-05"})
    assert page == html.render(located_graph(), dates={"a": "2022-01-05"})
    data = json.loads(page.split('id="kg-data">', 1)[1].split("</script>", 1)[0])
    scores = analyze.score(analyze.network(graph))
    by_rank = sorted(range(len(graph.nodes)), key=lambda k: scores.centrality[graph.nodes[k].id])
    values = [data["vis"]["nodes"][k]["value"] for k in by_rank]
    assert values == sorted(values) and values[-1] == 1 and values[0] < 1
    assert [data["communities"][c]["size"] for c in data["community"]] == [
        sum(1 for n in graph.nodes if scores.community[n.id] == scores.community[m.id]) for m in graph.nodes
    ]
    labels = {k: n.id for k, n in enumerate(graph.nodes)}
    assert [(labels[k], when, whose) for k, when, whose in data["timeline"]] == [
        ("protest", "2022-01-02", "event"),
        ("crash", "2022-01-05", "document"),
        ("crackdown", "2022-02", "event"),
    ]
    assert [(labels[p["node"]], p["x"], p["y"], p["events"]) for p in data["places"]] == [("almaty", 769.5, -432.5, 1)]
    assert data["outline"].startswith("M") and data["outline"].count("z") > 200
    assert html.render(small_graph()).count('"outline":""') == 1  # no places, no map data
