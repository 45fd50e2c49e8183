"""SHACL validation of a built graph against ``ontology/shapes.ttl`` with pySHACL.

A store is validated one document graph at a time (each graph carries everything its
document's nodes must have), which keeps memory flat however large the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import Store
from rdflib import Graph

from kg import store as kg_store
from kg.lexicon import ontology_dir


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


@cache
def _shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl")


@cache
def _ontology() -> Graph:
    g = Graph()
    for name in ("newskg.ttl", "event-types.ttl"):
        g.parse(ontology_dir() / name)
    return g


def validate_graph(data: Graph) -> list[Violation]:
    """The SHACL violations of one rdflib graph (empty when it conforms)."""
    from pyshacl import validate
    from rdflib.namespace import SH

    _conforms, results, _text = validate(
        data, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", advanced=True, allow_warnings=True
    )
    found = []
    for result in results.subjects(predicate=SH.focusNode):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage)
        severity = results.value(result, SH.resultSeverity)
        found.append(Violation(str(focus), str(path or ""), str(message or ""), str(severity).rsplit("#", 1)[-1]))
    return sorted(found, key=lambda v: (v.focus, v.path, v.message))


def _to_rdflib(triples: list[pyoxigraph.Triple]) -> Graph:
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def validate_store(st: Store) -> ValidationReport:
    report = ValidationReport()
    for graph in kg_store.document_graphs(st):
        triples = [q.triple for q in st.quads_for_pattern(None, None, None, graph)]
        report.violations += validate_graph(_to_rdflib(triples))
        report.graphs += 1
    return report


def validate_file(path: Path) -> ValidationReport:
    report = ValidationReport(graphs=1)
    report.violations = validate_graph(Graph().parse(path))
    return report
