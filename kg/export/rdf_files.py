"""Turtle, N-Triples and compacted JSON-LD of all documents as one graph; TriG with a graph per document.

Triples are sorted before writing, so the same store always gives byte-identical files. They are
sorted as N-Triples text, graph by graph, and streamed into the writers: no set of all terms is
held in memory.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import RdfFormat, Store, Triple, parse

from kg import store
from kg.export import jsonld

# the RDF files ``kg export`` writes on demand, for a store built with --no-exports
FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}


def write_one(st: Store, fmt: str, path: Path) -> None:
    """One of ``FORMATS``, byte for byte as ``write`` makes it."""
    graphs = store.sorted_graphs(st)
    if fmt == "trig":
        store.serialize(store.quads(graphs), path, RdfFormat.TRIG)
    elif fmt == "nt":
        _write_ntriples(graphs, path)
    else:
        store.serialize(_triples(graphs), path, FORMATS[fmt])


def write_jsonld(st: Store, path: Path) -> None:
    """graph.jsonld alone, as ``write`` makes it."""
    graphs = store.sorted_graphs(st)
    jsonld.write(_triples(graphs), path, predicates=_predicates(graphs))


def write(st: Store, out: Path) -> dict[str, Path]:
    files = {name: out / f"graph.{ext}" for name, ext in (("turtle", "ttl"), ("ntriples", "nt"), ("jsonld", "jsonld"))}
    graphs = store.sorted_graphs(st)
    files["trig"] = out / "graph.trig"
    store.serialize(store.quads(graphs), files["trig"], RdfFormat.TRIG)
    _write_ntriples(graphs, files["ntriples"])
    predicates = _predicates(graphs)
    del graphs
    # Turtle and JSON-LD read the sorted triples back from graph.nt as a stream
    store.serialize(_read_ntriples(files["ntriples"]), files["turtle"], RdfFormat.TURTLE)
    jsonld.write(_read_ntriples(files["ntriples"]), files["jsonld"], predicates=predicates)
    return files


def _write_ntriples(graphs: list[tuple[str, list[str]]], path: Path) -> None:
    """graph.nt: the sorted lines themselves, which are what Oxigraph's N-Triples writer writes."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(store.triple_lines(graphs))
    os.replace(tmp, path)


def _read_ntriples(path: Path) -> Iterator[Triple]:
    return (quad.triple for quad in parse(path=path, format=RdfFormat.N_TRIPLES))


def _triples(graphs: list[tuple[str, list[str]]]) -> Iterator[Triple]:
    text = "".join(store.triple_lines(graphs))
    return (quad.triple for quad in parse(text, RdfFormat.N_TRIPLES))


def _predicates(graphs: list[tuple[str, list[str]]]) -> set[str]:
    """Every predicate's IRI (without the brackets), for the JSON-LD context."""
    return {line.split(" ", 2)[1][1:-1] for _, lines in graphs for line in lines}
