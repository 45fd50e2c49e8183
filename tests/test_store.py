"""The store's writers, model-free."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Store

from kg import store

GRAPH = NamedNode("https://w3id.org/newskg/id/graph/a")


def _quads(*values: str, graph: NamedNode = GRAPH) -> list[Quad]:
    subject, predicate = NamedNode("https://example.org/s"), NamedNode("https://example.org/p")
    return [Quad(subject, predicate, Literal(v), graph) for v in values]


def test_graph_writer_replaces_as_replace_graph_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "BULK_QUADS", 3)  # flushes on its own after the third quad
    other = NamedNode("https://w3id.org/newskg/id/graph/b")
    by_writer, by_replace = Store(), Store()
    for st in (by_writer, by_replace):
        st.extend(_quads("old"))  # a graph from an earlier build
    writer = store.GraphWriter(by_writer)
    steps = [(GRAPH, _quads("1")), (GRAPH, _quads("2", "3")), (other, _quads("4", "5", graph=other))]
    for graph, quads in steps:
        writer.replace(graph, quads)
        store.replace_graph(by_replace, graph, quads)
    writer.flush()
    assert set(by_writer) == set(by_replace) == set(_quads("2", "3") + _quads("4", "5", graph=other))
