"""The vocabularies newskg writes, as closed namespaces: a misspelt term raises instead of
minting a wrong IRI. ``ontology/newskg.ttl`` is the source of truth for ``KG``; a test
checks that every term here is declared there."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD, DefinedNamespace

__all__ = [
    "DCTERMS",
    "FARO",
    "GEONAMES",
    "KG",
    "NIF",
    "OWL",
    "PREFIXES",
    "PROV",
    "RDF",
    "RDFS",
    "SCHEMA",
    "SEM",
    "SKOS",
    "TIME",
    "XSD",
    "compact",
]


class KG(DefinedNamespace):
    """newskg's own ontology."""

    _NS = Namespace("https://w3id.org/newskg/ontology#")
    _fail = True

    # classes
    Actor: URIRef
    Person: URIRef
    Organization: URIRef
    Group: URIRef
    Asset: URIRef
    Place: URIRef
    Country: URIRef
    Region: URIRef
    City: URIRef
    Continent: URIRef
    Event: URIRef
    CausalRelation: URIRef
    Mention: URIRef
    Document: URIRef
    # properties
    mention: URIRef
    sentence: URIRef
    agent: URIRef
    patient: URIRef
    place: URIRef
    date: URIRef
    quantity: URIRef
    qualifier: URIRef
    accordingTo: URIRef
    reports: URIRef
    status: URIRef
    causes: URIRef
    enables: URIRef
    prevents: URIRef
    cause: URIRef
    effect: URIRef
    relationType: URIRef
    signal: URIRef
    method: URIRef
    confidence: URIRef
    cameoCode: URIRef
    isoCode: URIRef
    contentHash: URIRef
    resolution: URIRef
    memberOf: URIRef
    hasMember: URIRef
    locatedIn: URIRef
    worksFor: URIRef
    leaderOf: URIRef
    backedBy: URIRef
    nounTrigger: URIRef
    verbTrigger: URIRef
    adjectiveTrigger: URIRef
    situational: URIRef
    EventTypeScheme: URIRef


class SEM(DefinedNamespace):
    """The Simple Event Model."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    Time: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTime: URIRef
    hasTimeStamp: URIRef
    accordingTo: URIRef
    eventType: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    String: URIRef
    OffsetBasedString: URIRef
    Phrase: URIRef
    Sentence: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    referenceContext: URIRef
    isString: URIRef
    sentence: URIRef


class FARO(DefinedNamespace):
    """FARO, the factual and argumentative relations between events."""

    _NS = Namespace("http://purl.org/faro/")
    _fail = True

    Event: URIRef
    causes: URIRef
    enables: URIRef
    prevents: URIRef


SCHEMA = Namespace("https://schema.org/")
GEONAMES = Namespace("https://sws.geonames.org/")

PREFIXES = {
    "kg": str(KG._NS),
    "sem": str(SEM._NS),
    "nif": str(NIF._NS),
    "faro": str(FARO._NS),
    "prov": str(PROV),
    "time": str(TIME),
    "schema": str(SCHEMA),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "rdf": str(RDF),
}


def compact(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``prefix:local`` for an IRI in one of the namespaces (the longest that fits), else the IRI
    itself: how JSON-LD keys and ``kg query`` tables name terms.

    Example:
        >>> compact("https://w3id.org/newskg/ontology#Protest")
        'kg:Protest'
        >>> compact("https://w3id.org/newskg/id/event/a/1")
        'https://w3id.org/newskg/id/event/a/1'
    """
    fits = [(p, ns) for p, ns in prefixes.items() if iri.startswith(ns) and len(iri) > len(ns)]
    fits = [(p, ns) for p, ns in fits if not iri[len(ns) :].startswith("//")]
    if not fits:
        return iri
    prefix, namespace = max(fits, key=lambda fit: len(fit[1]))
    return f"{prefix}:{iri[len(namespace) :]}"


def event_class(name: str) -> URIRef:
    """The class of an event type named in the event-type scheme (``ontology/event-types.ttl``)."""
    from kg import lexicon

    known = lexicon.load().events.parents
    if name not in known:
        raise KeyError(f"{name!r} is not an event type of ontology/event-types.ttl")
    return URIRef(str(KG._NS) + name)
