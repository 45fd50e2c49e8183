"""The RDF stage and the vocabulary contract."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from kg import rdf
from kg.iri import DEFAULT_BASE
from kg.lexicon import load, ontology_dir
from kg.model import (
    CausalRelation,
    Document,
    Entity,
    EntityKind,
    Event,
    EventAttribution,
    Mention,
    Quantity,
    RelationType,
    ResolvedDocument,
    Span,
    Status,
    TimeValue,
)
from kg.vocab import KG, event_class

TEXT = "Protests prompted a crackdown. It was harsh."
S1 = Span(0, 30)


def m(begin: int, end: int) -> Mention:
    return Mention(begin, end, TEXT[begin:end], S1)


def resolved(confidence: float = 0.9, status: Status = Status.HAPPENED) -> ResolvedDocument:
    doc = Document("d/1", TEXT, "test.txt", date(2022, 1, 8))
    protest = Event("event/d/1/0", "Protest", "protests", (m(0, 8),))
    crackdown = Event(
        "event/d/1/20",
        "Crackdown",
        "crackdown",
        (m(20, 29),),
        time=TimeValue(m(20, 29), "2022-01", "month"),
        quantities=(Quantity(m(20, 29), 26, "protesters", None, "more than", 26, None),),
    )
    relation = CausalRelation(
        "causal/d/1/0-20", protest.key, crackdown.key, RelationType.CAUSES, "prompted", confidence, status, m(0, 29)
    )
    place = Entity("place/kazakhstan", EntityKind.PLACE, "Kazakhstan", (m(0, 8),), ("Qazaqstan",), "Country")
    return ResolvedDocument(doc, (place,), (protest, crackdown), (relation,))


def graph(quads: list[pyoxigraph.Quad]) -> Graph:
    data = pyoxigraph.serialize([q.triple for q in quads], format=pyoxigraph.RdfFormat.N_TRIPLES)
    return Graph().parse(data=data, format="nt")


def test_rdf_stage_does_not_import_spacy() -> None:
    code = "import sys, kg.rdf, kg.resolve; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_quad_is_in_the_document_graph() -> None:
    quads = rdf.quads(resolved())
    assert {q.graph_name.value for q in quads} == {"https://w3id.org/newskg/id/graph/d/1"}


def test_mentions_slice_the_text_and_name_their_document() -> None:
    g = graph(rdf.quads(resolved()))
    nif = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
    mentions = list(g.subjects(RDF.type, KG.Mention))
    assert mentions
    for mention in mentions:
        b = int(g.value(mention, URIRef(nif + "beginIndex")))  # type: ignore[arg-type]
        e = int(g.value(mention, URIRef(nif + "endIndex")))  # type: ignore[arg-type]
        assert str(g.value(mention, URIRef(nif + "anchorOf"))) == TEXT[b:e]
        assert g.value(mention, URIRef(nif + "referenceContext")) == URIRef("https://w3id.org/newskg/id/doc/d/1")
        assert g.value(mention, KG.sentence) is not None


@pytest.mark.parametrize(
    "confidence, status, plain",
    [(0.9, Status.HAPPENED, True), (0.4, Status.HAPPENED, False), (0.9, Status.POTENTIAL, False)],
)
def test_plain_causes_triple_only_above_threshold_and_not_for_potential(
    confidence: float, status: Status, plain: bool
) -> None:
    g = graph(rdf.quads(resolved(confidence, status), threshold=0.5))
    assert (len(list(g.triples((None, KG.causes, None)))) == 1) is plain
    assert len(list(g.subjects(RDF.type, KG.CausalRelation))) == 1  # the reified relation is always there


def test_a_causal_relation_says_what_read_it_when_known() -> None:
    doc = resolved()
    read = replace(doc, causal=(replace(doc.causal[0], method="verb:prompt"),))
    assert [str(o) for o in graph(rdf.quads(read)).objects(None, KG.method)] == ["verb:prompt"]
    assert not list(graph(rdf.quads(doc)).objects(None, KG.method))


def test_a_statement_reports_what_it_attributes() -> None:
    doc = resolved()
    protest, crackdown = doc.events
    said = EventAttribution(Status.REPORTED, None, m(0, 8), statement=protest.key)
    reported = replace(doc, events=(protest, replace(crackdown, attributions=(said,))))
    g = graph(rdf.quads(reported))
    statement, event = URIRef(DEFAULT_BASE + protest.key), URIRef(DEFAULT_BASE + crackdown.key)
    assert list(g.subject_objects(KG.reports)) == [(statement, event)]
    assert not list(graph(rdf.quads(doc)).subject_objects(KG.reports))


def test_dates_and_quantities_are_typed_data() -> None:
    g = graph(rdf.quads(resolved()))
    (date_literal,) = list(g.objects(None, KG.date))
    assert date_literal.datatype == URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")
    (q,) = list(g.objects(None, KG.quantity))
    assert float(g.value(q, URIRef("https://schema.org/value"))) == 26  # type: ignore[arg-type]
    assert str(g.value(q, KG.qualifier)) == "more than"


def test_iris_are_stable_run_after_run() -> None:
    assert rdf.quads(resolved()) == rdf.quads(resolved())


def test_vocabulary_terms_are_declared_in_the_ontology() -> None:
    onto = Graph()
    for name in ("newskg.ttl", "event-types.ttl"):
        onto.parse(ontology_dir() / name)
    declared = set(onto.subjects())
    missing = [t for t in KG.__annotations__ if URIRef(str(KG._NS) + t) not in declared]
    assert missing == []


def test_every_event_type_is_an_event_class_with_a_label() -> None:
    onto = Graph()
    for name in ("newskg.ttl", "event-types.ttl"):
        onto.parse(ontology_dir() / name)
    for name in load().events.parents:
        cls = event_class(name)
        assert (cls, RDFS.label, None) in onto
        assert KG.Event in set(onto.transitive_objects(cls, RDFS.subClassOf))
    with pytest.raises(KeyError):
        event_class("Protst")


def test_cameo_codes_where_cameo_has_them() -> None:
    cameo = load().events.cameo
    assert cameo["Protest"] == "14" and cameo["Arrest"] == "173" and cameo["Crackdown"] == "175"
