"""The HTML graph without a browser: what the selection keeps, the layout, and what the page's
text looks like (escaped, self-contained). Hand-made graphs, no spaCy model."""

from __future__ import annotations

from datetime import date

import pytest

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
