"""Turtle, N-Triples and compacted JSON-LD of all documents as one graph; TriG with a graph per document.

Triples are sorted before writing, so the same store always gives byte-identical files.
"""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import RdfFormat, Store

from kg import store
from kg.export import jsonld

# the RDF files ``kg export`` writes on demand, for a store built with --no-exports
FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}


def write_one(st: Store, fmt: str, path: Path) -> None:
    """One of ``FORMATS``, byte for byte as ``write`` makes it."""
    triples, quads = store.sorted_triples_and_quads(st)
    store.serialize(quads if fmt == "trig" else triples, path, FORMATS[fmt])


def write(st: Store, out: Path) -> dict[str, Path]:
    triples, quads = store.sorted_triples_and_quads(st)
    files = {"turtle": out / "graph.ttl", "ntriples": out / "graph.nt", "jsonld": out / "graph.jsonld"}
    store.serialize(triples, files["turtle"], RdfFormat.TURTLE)
    store.serialize(triples, files["ntriples"], RdfFormat.N_TRIPLES)
    jsonld.write(triples, files["jsonld"])
    del triples
    files["trig"] = out / "graph.trig"
    store.serialize(quads, files["trig"], RdfFormat.TRIG)
    return files
