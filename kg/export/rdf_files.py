"""Turtle and N-Triples of all documents as one graph, TriG with a graph per document, and, on
demand (``kg export --format jsonld``), compacted JSON-LD of all documents as one graph.

Triples are sorted before writing, so the same store always gives byte-identical files. Each
document graph's sorted N-Triples lines and TriG block are files (``kg.graph_cache``): graph.trig
is the blocks one after another, graph.nt a merge of the sorted files, and Turtle and JSON-LD
stream from graph.nt. No set of all terms or lines is held in memory.

A build writes no JSON-LD: adding one article to 477, the RDF files took 3.2-4.5 s with
graph.jsonld (gathering its context's predicates included) and 1.2-2.7 s without (three runs
each), for a file of 18.5 MB that grows with the corpus and that no contract or other export
reads; ``kg export`` writes the same bytes when asked.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from pyoxigraph import RdfFormat, Store, Triple, parse

from kg import graph_cache, store
from kg.export import jsonld

# the RDF files ``kg export`` writes on demand, for a store built with --no-exports
FORMATS = {"ttl": RdfFormat.TURTLE, "nt": RdfFormat.N_TRIPLES, "trig": RdfFormat.TRIG}


def write_one(st: Store, fmt: str, path: Path) -> None:
    """One of ``FORMATS``, byte for byte as ``write`` makes it (its graphs' files made in a scratch folder)."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as scratch:
        found = graph_cache.entries(st, Path(scratch))
        if fmt == "trig":
            _write_trig(found, path)
        elif fmt == "nt":
            _write_ntriples(found, path)
        else:
            _write_ntriples(found, Path(scratch) / "graph.nt")
            store.serialize(_read_ntriples(Path(scratch) / "graph.nt"), path, FORMATS[fmt])


def write_jsonld(st: Store, path: Path) -> None:
    """graph.jsonld, compacted, from the same sorted triples as graph.ttl."""
    with tempfile.TemporaryDirectory(prefix="kg-export-") as scratch:
        ntriples = Path(scratch) / "graph.nt"
        predicates: set[str] = set()
        _write_ntriples(graph_cache.entries(st, Path(scratch)), ntriples, predicates)
        jsonld.write(_read_ntriples(ntriples), path, predicates=predicates)


def write(st: Store, out: Path) -> dict[str, Path]:
    """The three files into the generation folder ``out``, from its graphs' files (made where missing)."""
    files = {name: out / f"graph.{ext}" for name, ext in (("turtle", "ttl"), ("ntriples", "nt"), ("trig", "trig"))}
    found = graph_cache.entries(st, out)
    _write_trig(found, files["trig"])
    _write_ntriples(found, files["ntriples"])
    # Turtle reads the sorted triples back from graph.nt as a stream
    store.serialize(_read_ntriples(files["ntriples"]), files["turtle"], RdfFormat.TURTLE)
    return files


def _write_trig(found: list[graph_cache.Entry], path: Path) -> None:
    """graph.trig: the prefixes, then each graph's block, which is what Oxigraph's TriG writer writes."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("wb") as handle:
        if found:
            handle.write(graph_cache.trig_header())
        for entry in found:
            with entry.trig.open("rb") as block:
                shutil.copyfileobj(block, handle)
    os.replace(tmp, path)


def _write_ntriples(found: list[graph_cache.Entry], path: Path, predicates: set[str] | None = None) -> None:
    """graph.nt: the merged lines, which are what Oxigraph's N-Triples writer writes; every
    predicate's IRI (without the brackets) goes into ``predicates`` when given, for the JSON-LD
    context."""
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        if predicates is None:
            handle.writelines(graph_cache.merged(found, path.parent))
        else:
            for line in graph_cache.merged(found, path.parent):
                handle.write(line)
                predicates.add(line.split(" ", 2)[1][1:-1])
    os.replace(tmp, path)


def _read_ntriples(path: Path) -> Iterator[Triple]:
    return (quad.triple for quad in parse(path=path, format=RdfFormat.N_TRIPLES))
