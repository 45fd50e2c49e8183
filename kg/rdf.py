"""The RDF stage: a ``ResolvedDocument`` becomes quads in the ontology's vocabulary, all in
the document's own named graph. Pure: no spaCy, no store; the store writes what this returns."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad
from rdflib import URIRef

from kg import iri
from kg._terms import decimal, integer, term, text, typed
from kg.model import (
    CausalRelation,
    Document,
    Entity,
    EntityKind,
    Event,
    Mention,
    Quantity,
    Relation,
    RelationType,
    ResolvedDocument,
    Span,
    Status,
)
from kg.nlp import DEFAULT_CAUSAL_THRESHOLD
from kg.vocab import DCTERMS, GEONAMES, KG, NIF, OWL, RDF, RDFS, SCHEMA, SEM, SKOS, TIME, XSD, event_class

DEFAULT_THRESHOLD = DEFAULT_CAUSAL_THRESHOLD
ENTITY_CLASSES = {
    EntityKind.PERSON: KG.Person,
    EntityKind.ORGANIZATION: KG.Organization,
    EntityKind.GROUP: KG.Group,
    EntityKind.ASSET: KG.Asset,
}
PLACE_CLASSES = {"Country": KG.Country, "City": KG.City, "Region": KG.Region, "Continent": KG.Continent}
DATE_TYPES = {
    "day": (XSD.date, TIME.inXSDDate),
    "month": (XSD.gYearMonth, TIME.inXSDgYearMonth),
    "year": (XSD.gYear, TIME.inXSDgYear),
}
PLAIN_RELATIONS = {RelationType.CAUSES: KG.causes, RelationType.ENABLES: KG.enables, RelationType.PREVENTS: KG.prevents}


# the terms of every mention and sentence, made once (they are most of the quads)
_TYPE, _MENTION, _SENTENCE_CLASS = term(RDF.type), term(KG.Mention), term(NIF.Sentence)
_BEGIN, _END, _ANCHOR = term(NIF.beginIndex), term(NIF.endIndex), term(NIF.anchorOf)
_CONTEXT, _SENTENCE = term(NIF.referenceContext), term(KG.sentence)


class _Writer:
    """Collects the quads of one document's graph."""

    def __init__(self, document: Document, base: str) -> None:
        self.base = base
        self.document = document
        self.graph = graph_name(base, document.id)
        self.doc_node = self.node(f"doc/{iri.doc_path(document.id)}")
        self.quads: list[Quad] = []
        self.written: set[NamedNode] = set()
        self.sentences: dict[Span, NamedNode] = {}  # every mention names its sentence: mint each once

    def node(self, key: str) -> NamedNode:
        return NamedNode(iri.mint(self.base, key))

    def add(self, s: NamedNode, p: URIRef, o: NamedNode | Literal) -> None:
        self.quads.append(Quad(s, term(p), o, self.graph))

    def mention(self, subject: NamedNode, m: Mention) -> None:
        node = self.node(iri.span_key("mention", self.document.id, m.begin, m.end))
        self.add(subject, KG.mention, node)
        if node in self.written:
            return  # a span named by two things (an entity and a quantity) is described once
        self.written.add(node)
        self.quads += [
            Quad(node, _TYPE, _MENTION, self.graph),
            Quad(node, _BEGIN, integer(m.begin), self.graph),
            Quad(node, _END, integer(m.end), self.graph),
            Quad(node, _ANCHOR, text(m.text), self.graph),
            Quad(node, _CONTEXT, self.doc_node, self.graph),
            Quad(node, _SENTENCE, self.sentence(m.sentence), self.graph),
        ]

    def sentence(self, span: Span) -> NamedNode:
        node = self.sentences.get(span)
        if node is None:
            node = self.sentences[span] = self.node(iri.span_key("sentence", self.document.id, span.begin, span.end))
            self.quads += [
                Quad(node, _TYPE, _SENTENCE_CLASS, self.graph),
                Quad(node, _BEGIN, integer(span.begin), self.graph),
                Quad(node, _END, integer(span.end), self.graph),
                Quad(node, _ANCHOR, text(self.document.text[span.begin : span.end]), self.graph),
                Quad(node, _CONTEXT, self.doc_node, self.graph),
            ]
        return node


def _document(w: _Writer, document: Document, content_hash: str | None) -> None:
    d = w.doc_node
    w.add(d, RDF.type, term(KG.Document))
    w.add(d, DCTERMS.identifier, text(document.id))
    w.add(d, DCTERMS.source, text(document.source))
    w.add(d, DCTERMS.format, text(document.media_type))
    if document.date is not None:
        w.add(d, DCTERMS.date, typed(document.date.isoformat(), XSD.date))
    if document.title:
        w.add(d, DCTERMS.title, text(document.title))
    if document.url:
        w.add(d, SCHEMA.url, text(document.url))
    w.add(d, NIF.isString, text(document.text))
    w.add(d, NIF.beginIndex, integer(0))
    w.add(d, NIF.endIndex, integer(len(document.text)))
    if content_hash:
        w.add(d, KG.contentHash, text(content_hash))


def _entity(w: _Writer, e: Entity) -> None:
    s = w.node(e.key)
    cls = PLACE_CLASSES.get(e.subtype or "", KG.Place) if e.kind == EntityKind.PLACE else ENTITY_CLASSES[e.kind]
    w.add(s, RDF.type, term(cls))
    w.add(s, RDFS.label, text(e.label))
    for alt in e.alt_labels:
        w.add(s, SKOS.altLabel, text(alt))
    for m in e.mentions:
        w.mention(s, m)
    if e.place is not None:
        if e.place.geonames_id:
            w.add(s, OWL.sameAs, term(GEONAMES[f"{e.place.geonames_id}/"]))
        if e.place.iso_code:
            w.add(s, KG.isoCode, text(e.place.iso_code))
        if e.place.latitude is not None and e.place.longitude is not None:
            w.add(s, SCHEMA.latitude, decimal(e.place.latitude))
            w.add(s, SCHEMA.longitude, decimal(e.place.longitude))


def _quantity(w: _Writer, event: NamedNode, q: Quantity) -> None:
    node = w.node(iri.span_key("quantity", w.document.id, q.mention.begin, q.mention.end))
    w.add(event, KG.quantity, node)
    w.add(node, RDF.type, term(SCHEMA.QuantitativeValue))
    w.add(node, SCHEMA.value, decimal(q.value))
    if q.unit_text:
        w.add(node, SCHEMA.unitText, text(q.unit_text))
    if q.unit_code:
        w.add(node, SCHEMA.unitCode, text(q.unit_code))
    if q.qualifier:
        w.add(node, KG.qualifier, text(q.qualifier))
    if q.min_value is not None:
        w.add(node, SCHEMA.minValue, decimal(q.min_value))
    if q.max_value is not None:
        w.add(node, SCHEMA.maxValue, decimal(q.max_value))
    w.mention(node, q.mention)


def _event(w: _Writer, e: Event) -> None:
    s = w.node(e.key)
    w.add(s, RDF.type, term(event_class(e.type) if e.type != "Event" else KG.Event))
    w.add(s, RDFS.label, text(e.label))
    for m in e.mentions:
        w.mention(s, m)
    roles = {"agent": KG.agent, "patient": KG.patient, "place": KG.place}
    for role, key in e.roles:
        w.add(s, roles[role], w.node(key))
    if e.time is not None:
        datatype, time_property = DATE_TYPES[e.time.precision]
        w.add(s, KG.date, typed(e.time.value, datatype))
        instant = w.node(f"time/{e.time.value}")
        w.add(s, SEM.hasTime, instant)
        w.add(instant, RDF.type, term(TIME.Instant))
        w.add(instant, time_property, typed(e.time.value, datatype))
    for q in e.quantities:
        _quantity(w, s, q)
    w.add(s, KG.status, text(e.status.value))
    for a in e.attributions:
        w.add(s, KG.accordingTo, w.node(a.source) if a.source else w.doc_node)
        if a.statement is not None:
            w.add(w.node(a.statement), KG.reports, s)
    if not e.attributions:
        w.add(s, KG.accordingTo, w.doc_node)


def _causal(w: _Writer, c: CausalRelation, threshold: float) -> None:
    s = w.node(c.key)
    cause, effect = w.node(c.cause), w.node(c.effect)
    w.add(s, RDF.type, term(KG.CausalRelation))
    w.add(s, KG.cause, cause)
    w.add(s, KG.effect, effect)
    w.add(s, KG.relationType, text(c.relation_type.value))
    w.add(s, KG.signal, text(c.signal))
    w.add(s, KG.confidence, decimal(c.confidence))
    w.add(s, KG.status, text(c.status.value))
    if c.method:
        w.add(s, KG.method, text(c.method))
    w.add(s, KG.accordingTo, w.doc_node)
    w.mention(s, c.mention)
    if c.confidence >= threshold and c.status != Status.POTENTIAL:
        w.add(cause, PLAIN_RELATIONS[c.relation_type], effect)


ENTITY_RELATIONS = {
    "memberOf": KG.memberOf,
    "locatedIn": KG.locatedIn,
    "worksFor": KG.worksFor,
    "leaderOf": KG.leaderOf,
    "backedBy": KG.backedBy,
}


def _relation(w: _Writer, r: Relation) -> None:
    """The plain triple, and its reification (an rdf:Statement) that points at its evidence."""
    s, o, p = w.node(r.subject), w.node(r.object), ENTITY_RELATIONS[r.predicate]
    w.add(s, p, o)
    span = iri.span_key("relation", w.document.id, r.mention.begin, r.mention.end)
    node = w.node(f"{span}/{r.predicate}/{iri.slug(r.subject)}/{iri.slug(r.object)}")
    w.add(node, RDF.type, term(RDF.Statement))
    w.add(node, RDF.subject, s)
    w.add(node, RDF.predicate, term(p))
    w.add(node, RDF.object, o)
    w.add(node, KG.accordingTo, w.doc_node)
    w.mention(node, r.mention)


def graph_name(base: str, document_id: str) -> NamedNode:
    """The named graph that holds one document's triples."""
    return NamedNode(iri.mint(base, f"graph/{iri.doc_path(document_id)}"))


def quads(
    resolved: ResolvedDocument,
    *,
    base: str = iri.DEFAULT_BASE,
    threshold: float = DEFAULT_THRESHOLD,
    content_hash: str | None = None,
) -> list[Quad]:
    """Every quad of one document, in its named graph."""
    w = _Writer(resolved.document, base)
    _document(w, resolved.document, content_hash)
    for e in resolved.entities:
        _entity(w, e)
    for ev in resolved.events:
        _event(w, ev)
    for c in resolved.causal:
        _causal(w, c, threshold)
    for r in resolved.relations:
        _relation(w, r)
    for merge in resolved.merges:
        # the merge log as data: how this mention was joined to its entity
        mention = w.node(iri.span_key("mention", w.document.id, merge.mention.begin, merge.mention.end))
        w.add(mention, KG.resolution, text(merge.rule))
    return _unique(w.quads)


def _unique(items: Iterable[Quad]) -> list[Quad]:
    return list(dict.fromkeys(items))
