"""SHACL validation of a built graph against ``ontology/shapes.ttl``.

pySHACL checks the core constraints (counts, datatypes, classes, value sets). The shapes'
SPARQL-based constraints (sh:sparql) mean the same thing but pySHACL runs them through
rdflib's SPARQL engine, about forty times slower than the rest together; so they run here on
pyoxigraph instead, as one query per constraint over the whole batch, with the same focus
nodes and messages a SHACL engine would report.

Documents are validated in batches (each document graph carries everything its nodes must
have, so batches are independent), which keeps memory flat however large the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import Store
from rdflib import Graph
from rdflib.namespace import SH

from kg import store as kg_store
from kg.lexicon import ontology_dir

# triples validated in one run: large enough to amortise the set-up, small enough for memory
BATCH_TRIPLES = 50_000
_RDFS_SUBCLASS = "http://www.w3.org/2000/01/rdf-schema#subClassOf"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass
class ValidationReport:
    graphs: int = 0
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


@dataclass(frozen=True)
class _SparqlConstraint:
    targets: tuple[str, ...]
    select: str
    message: str


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl")


@cache
def _core_shapes() -> Graph:
    """The shapes without their SPARQL-based constraints (checked by ``_sparql_violations``)."""
    core = Graph()
    for triple in _shapes():
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


@cache
def _sparql_constraints() -> tuple[_SparqlConstraint, ...]:
    shapes = _shapes()
    found = []
    for shape, constraint in shapes.subject_objects(SH.sparql):
        targets = tuple(sorted(str(t) for t in shapes.objects(shape, SH.targetClass)))
        select = str(shapes.value(constraint, SH.select))
        found.append(_SparqlConstraint(targets, select, str(shapes.value(constraint, SH.message) or "")))
    return tuple(sorted(found, key=lambda c: c.message))


@cache
def _ontology() -> Graph:
    g = Graph()
    for name in kg_store.ONTOLOGY_FILES:
        g.parse(ontology_dir() / name)
    return g


def _core_violations(data: Graph) -> list[Violation]:
    from pyshacl import validate

    _conforms, results, _text = validate(
        data, shacl_graph=_core_shapes(), ont_graph=_ontology(), inference="none", advanced=True, allow_warnings=True
    )
    found = []
    for result in results.subjects(predicate=SH.focusNode):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        found.append(Violation(str(focus), str(path or ""), str(message or ""), str(severity).rsplit("#", 1)[-1]))
    return found


def _sparql_violations(store: Store) -> list[Violation]:
    """Each sh:sparql constraint as one query: focus nodes of the target classes (or their
    subclasses, read from the ontology loaded beside the data) for which the SELECT returns rows."""
    found = []
    for c in _sparql_constraints():
        prologue = "\n".join(re.findall(r"^\s*PREFIX[^\n]*", c.select, flags=re.M | re.I))
        body = re.sub(r"^\s*PREFIX[^\n]*\n", "", c.select, flags=re.M | re.I).replace("$this", "?this")
        targets = " ".join(f"<{t}>" for t in c.targets)
        query = (
            f"{prologue}\nSELECT DISTINCT ?this WHERE {{ VALUES ?target {{ {targets} }} "
            f"?this a ?cls . ?cls <{_RDFS_SUBCLASS}>* ?target . {{ {body} }} }}"
        )
        for row in store.query(query, use_default_graph_as_union=True):  # type: ignore[union-attr]
            found.append(Violation(row["this"].value, "", c.message, "Violation"))
    return found


def _validate_batch(triples: list[pyoxigraph.Triple]) -> list[Violation]:
    batch = Store()
    batch.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, pyoxigraph.DefaultGraph()) for t in triples)
    for name in kg_store.ONTOLOGY_FILES:
        batch.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE)
    data = Graph().parse(data=pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    return _core_violations(data) + _sparql_violations(batch)


def _report(batches: Iterable[tuple[int, list[pyoxigraph.Triple]]]) -> ValidationReport:
    report = ValidationReport()
    for graphs, triples in batches:
        report.graphs += graphs
        report.violations += _validate_batch(triples)
    report.violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return report


def _store_batches(st: Store, batch_triples: int) -> Iterable[tuple[int, list[pyoxigraph.Triple]]]:
    graphs, batch = 0, []
    for graph in kg_store.document_graphs(st):
        batch += [q.triple for q in st.quads_for_pattern(None, None, None, graph)]
        graphs += 1
        if len(batch) >= batch_triples:
            yield graphs, batch
            graphs, batch = 0, []
    if batch:
        yield graphs, batch


def validate_store(st: Store, *, batch_triples: int = BATCH_TRIPLES) -> ValidationReport:
    """Validate every document graph of a store."""
    return _report(_store_batches(st, batch_triples))


def validate_file(path: Path) -> ValidationReport:
    """Validate one RDF file (Turtle, N-Triples, ...) as a single graph."""
    with path.open("rb") as f:
        triples = [
            t if isinstance(t, pyoxigraph.Triple) else t.triple
            for t in pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.from_extension(path.suffix[1:]))
        ]
    return _report([(1, triples)])
