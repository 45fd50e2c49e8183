"""What the HTML graph shows: the store's actors, places and events with their evidence, the
edges between them, and the selection that ``kg viz`` applies (documents, types, dates, causal
links only).

Three kinds of edge: *role* edges from an event to its agent, patient and place; *causal* edges,
one per ``kg:CausalRelation`` (below the threshold of the plain ``kg:causes`` triple too, with
its confidence); and *relation* edges, any other ``kg:`` property between two drawn nodes.
Attribution (``kg:accordingTo``) is not drawn: it is a property of the claim, shown with it.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pyoxigraph import DefaultGraph, NamedNode, Quad, QuerySolutions, Store

from kg import graph_cache, query
from kg.errors import E, KgError
from kg.vocab import PREFIXES

ROLES = ("agent", "patient", "place")
ROOTS = ("Actor", "Place", "Event")  # kg: classes whose instances are drawn

_CLASSES = """
SELECT ?class ?parent WHERE {
  ?class a owl:Class ; rdfs:subClassOf ?parent .
  FILTER (STRSTARTS(STR(?class), STR(kg:)) && STRSTARTS(STR(?parent), STR(kg:)))
}"""
_TYPED = """
SELECT ?x ?class ?label WHERE {
  ?x a ?class . OPTIONAL { ?x rdfs:label ?label }
  FILTER (STRSTARTS(STR(?class), STR(kg:)) && ?class NOT IN (kg:Mention, kg:Document, kg:CausalRelation))
}"""
_MENTIONS = """
SELECT ?x ?document ?begin ?end ?anchor ?sentence ?sb WHERE {
  ?x kg:mention ?m . ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext/dcterms:identifier ?document .
  OPTIONAL { ?m nif:anchorOf ?anchor }
  OPTIONAL { ?m kg:sentence ?s . ?s nif:anchorOf ?sentence ; nif:beginIndex ?sb }
}"""
_FACTS = """
SELECT ?x ?p ?value WHERE {
  VALUES ?p { kg:date kg:status skos:altLabel schema:latitude schema:longitude }
  ?x ?p ?value
}"""
_SOURCES = """
SELECT ?x ?source WHERE {
  ?x kg:accordingTo ?s .
  OPTIONAL { ?s rdfs:label ?label } OPTIONAL { ?s dcterms:identifier ?id }
  BIND (COALESCE(?label, CONCAT("document ", ?id), STR(?s)) AS ?source)
}"""
_QUANTITIES = """
SELECT ?x ?amount WHERE {
  ?x kg:quantity ?q . ?q schema:value ?v .
  OPTIONAL { ?q kg:qualifier ?qualifier } OPTIONAL { ?q schema:unitText ?text } OPTIONAL { ?q schema:unitCode ?code }
  BIND (CONCAT(COALESCE(CONCAT(?qualifier, " "), ""), STR(?v), COALESCE(CONCAT(" ", ?text), CONCAT(" ", ?code), ""))
        AS ?amount)
}"""
_CAUSAL = """
SELECT ?r ?cause ?effect ?type ?confidence ?signal WHERE {
  ?r a kg:CausalRelation ; kg:cause ?cause ; kg:effect ?effect .
  OPTIONAL { ?r kg:relationType ?type } OPTIONAL { ?r kg:confidence ?confidence } OPTIONAL { ?r kg:signal ?signal }
}"""
# links are read in two steps: the store's predicates (from its index, without reading every
# triple), then the triples of the kg: ones that can be a link; one scan of every triple with this
# filter took three times as long (0.17 s against 0.06 s on 120 BBC articles)
_PREDICATES = "SELECT DISTINCT ?p WHERE { ?a ?p ?b }"
_LINKS = "SELECT DISTINCT ?a ?p ?b WHERE {{ VALUES ?p {{ {predicates} }} ?a ?p ?b . FILTER (isIRI(?b)) }}"
_NOT_LINKS = frozenset(
    PREFIXES["kg"] + name
    for name in ("mention", "sentence", "quantity", "accordingTo", "cause", "effect", "causes", "enables", "prevents")
)
_DOCUMENTS = (
    "SELECT ?id ?title WHERE { ?d a kg:Document ; dcterms:identifier ?id . OPTIONAL { ?d dcterms:title ?title } }"
)


@dataclass(frozen=True)
class Evidence:
    """A sentence that grounds a node or edge, with the mention's offsets inside it."""

    document: str
    sentence: str
    begin: int
    end: int


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    cls: str  # the most specific kg: class, e.g. "PriceFall"
    family: str  # the legend group: Person, Organization, Group, Asset, Actor, Place, or the event family
    event: bool
    types: tuple[str, ...] = ()  # cls and its kg: superclasses, for --type
    date: str = ""
    status: str = ""
    according_to: tuple[str, ...] = ()
    quantities: tuple[str, ...] = ()
    names: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    coordinates: tuple[float, float] | None = None  # a place's (latitude, longitude), for the map view


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    kind: str  # "causal", "role" or "relation"
    label: str  # the role, the causal relation type, or the property's local name
    confidence: float | None = None
    signal: str = ""
    status: str = ""
    according_to: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True)
class GraphView:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    documents: dict[str, str] = field(default_factory=dict)  # identifier -> title ("" when none)


@dataclass(frozen=True)
class Selection:
    """What ``kg viz`` keeps; the empty selection keeps everything."""

    documents: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None
    causal_only: bool = False


@dataclass
class _Facts:
    """What the store says about one subject, gathered over several queries."""

    date: str = ""
    status: str = ""
    names: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    quantities: set[str] = field(default_factory=set)
    evidence: set[tuple[str, int, int, str, int, int]] = field(default_factory=set)
    position: dict[str, float] = field(default_factory=dict)  # "latitude" and "longitude"

    def coordinates(self) -> tuple[float, float] | None:
        if len(self.position) < 2:
            return None
        return self.position["latitude"], self.position["longitude"]

    def grounding(self) -> tuple[Evidence, ...]:
        return tuple(Evidence(d, s, b, e) for d, _sb, _b, s, b, e in sorted(self.evidence))


def read(store: Store, *, cache: Path | None = None) -> GraphView:
    """The whole store as a graph view, in a stable order. ``cache``: a generation folder that
    keeps what is read graph by graph (``kg.graph_cache``), for the next build to read again."""
    parents: dict[str, set[str]] = defaultdict(set)
    for row in _select(store, _CLASSES):
        parents[_local(row["class"].value)].add(_local(row["parent"].value))
    classes: dict[str, set[str]] = defaultdict(set)
    labels: dict[str, set[str]] = defaultdict(set)
    for x, cls, label in _select(store, _TYPED):  # the big queries are unpacked: faster than by name
        classes[x.value].add(_local(cls.value))
        labels[x.value].add((label or x).value)
    kinds = {iri: kind for iri, found in classes.items() if (kind := _classify(found, parents))}
    facts = _facts(store, cache)
    nodes = tuple(_node(iri, min(labels[iri]), kinds[iri], facts[iri]) for iri in sorted(kinds))
    edges = sorted(_causal_edges(store, set(kinds), facts) + _link_edges(store, set(kinds)), key=_edge_key)
    documents = {row["id"].value: row["title"].value if row["title"] else "" for row in _select(store, _DOCUMENTS)}
    return GraphView(nodes, tuple(edges), dict(sorted(documents.items())))


def _select(store: Store, text: str) -> QuerySolutions:
    result = query.execute(store, text)
    assert isinstance(result, QuerySolutions)
    return result


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _ancestors(cls: str, parents: dict[str, set[str]]) -> list[str]:
    """cls and every kg: class above it, nearest first."""
    seen, queue = [cls], [cls]
    while queue:
        for parent in sorted(parents.get(queue.pop(0), ())):
            if parent not in seen:
                seen.append(parent)
                queue.append(parent)
    return seen


def _classify(classes: set[str], parents: dict[str, set[str]]) -> tuple[str, str, tuple[str, ...]] | None:
    """(class, family, types) of a drawn node, or None for anything else (quantities, times...).
    The class is the most specific one; the family is the class just under Actor or Event, or Place."""
    chains = sorted((_ancestors(c, parents) for c in classes), key=lambda chain: (-len(chain), chain[0]))
    for chain in chains:
        root = next((c for c in chain if c in ROOTS), None)
        if root is None:
            continue
        below = next((c for c in chain if root in parents.get(c, ())), root)
        family = "Place" if root == "Place" else below
        return chain[0], family, tuple(dict.fromkeys(c for ch in chains for c in ch))
    return None


def _facts(store: Store, cache: Path | None) -> dict[str, _Facts]:
    facts: dict[str, _Facts] = defaultdict(_Facts)
    for row in _select(store, _FACTS):
        item, prop, value = facts[row["x"].value], _local(row["p"].value), row["value"].value
        if prop == "altLabel":
            item.names.add(value)
        elif prop == "date":
            item.date = value
        elif prop in ("latitude", "longitude"):
            item.position[prop] = float(value)
        else:
            item.status = value
    for row in _select(store, _SOURCES):
        facts[row["x"].value].sources.add(row["source"].value)
    for row in _select(store, _QUANTITIES):
        facts[row["x"].value].quantities.add(row["amount"].value)
    for x, document, first, last, anchored, in_sentence, sentence_begin in _mention_rows(store, cache):
        begin, end = int(first), int(last)
        anchor = anchored or ""
        sentence, start = (in_sentence, int(sentence_begin)) if in_sentence is not None else (anchor, begin)
        facts[x].evidence.add((document, start, begin, sentence, begin - start, end - start))
    return facts


# the kind of file that keeps a graph's rows, named by the query that read them
_MENTION_ROWS = f"mentions-{hashlib.sha256(_MENTIONS.encode()).hexdigest()[:12]}.json"


def _mention_rows(store: Store, cache: Path | None) -> Iterator[list[Any]]:
    """The values of ``_MENTIONS``' rows (None where unbound), read graph by graph: a mention and
    all that is said of it are in its document's graph, so the graphs' rows are the store's. Each
    graph's rows are kept in ``cache``, and a build that adds a document reads the others' from
    there (477 BBC articles: 2.6 s of queries, 0.05 s of reading)."""
    for graph in graph_cache.graphs(store):
        path = None
        if cache is not None and isinstance(graph, NamedNode):  # the default graph is read each time
            path = graph_cache.derived(cache, graph, _MENTION_ROWS)
        if path is not None and path.exists():
            yield from json.loads(path.read_bytes())
            continue
        rows = _graph_mention_rows(store, graph)
        if path is not None:
            graph_cache.keep(path, json.dumps(rows, ensure_ascii=False).encode("utf-8"))
        yield from rows


def keep_mention_rows(folder: Path, graph: NamedNode, quads: Iterable[Quad]) -> None:
    """Keep ``graph``'s mention rows in the generation ``folder``, read from the quads a build has
    just stored for it, in a store of their own: while other processes parse, not after the build
    (120 BBC articles: 0.5 s of queries of the whole store, 0.2 s of small ones)."""
    small = Store()
    small.extend(quads)
    rows = _graph_mention_rows(small, graph)
    graph_cache.keep(graph_cache.derived(folder, graph, _MENTION_ROWS), json.dumps(rows, ensure_ascii=False).encode())


def _graph_mention_rows(store: Store, graph: NamedNode | DefaultGraph) -> list[list[Any]]:
    """``_MENTIONS``' rows of one graph, sorted: the same rows whichever store holds the graph."""
    result = store.query(_MENTIONS, prefixes=PREFIXES, default_graph=graph)
    assert isinstance(result, QuerySolutions)
    rows = [[None if term is None else term.value for term in row] for row in result]
    return sorted(rows, key=lambda row: [(value is None, value or "") for value in row])


def _node(iri: str, label: str, kind: tuple[str, str, tuple[str, ...]], facts: _Facts) -> Node:
    cls, family, types = kind
    return Node(
        id=iri,
        label=label,
        cls=cls,
        family=family,
        event="Event" in types,
        types=types,
        date=facts.date,
        status=facts.status,
        according_to=tuple(sorted(facts.sources)),
        quantities=tuple(sorted(facts.quantities)),
        names=tuple(sorted(facts.names - {label})),
        evidence=facts.grounding(),
        coordinates=facts.coordinates(),
    )


def _causal_edges(store: Store, drawn: set[str], facts: dict[str, _Facts]) -> list[Edge]:
    edges = []
    for row in _select(store, _CAUSAL):
        cause, effect, relation = row["cause"].value, row["effect"].value, facts[row["r"].value]
        if cause in drawn and effect in drawn:
            edges.append(
                Edge(
                    cause,
                    effect,
                    "causal",
                    row["type"].value if row["type"] else "causes",
                    confidence=float(row["confidence"].value) if row["confidence"] else None,
                    signal=row["signal"].value if row["signal"] else "",
                    status=relation.status,
                    according_to=tuple(sorted(relation.sources)),
                    evidence=relation.grounding(),
                )
            )
    return edges


def _link_edges(store: Store, drawn: set[str]) -> list[Edge]:
    edges: list[Edge] = []
    predicates = [
        p for (p,) in _select(store, _PREDICATES) if p.value.startswith(PREFIXES["kg"]) and p.value not in _NOT_LINKS
    ]
    if not predicates:
        return edges
    for a, p, b in _select(store, _LINKS.format(predicates=" ".join(map(str, predicates)))):
        source, target, label = a.value, b.value, _local(p.value)
        if source in drawn and target in drawn:
            edges.append(Edge(source, target, "role" if label in ROLES else "relation", label))
    return edges


def _edge_key(edge: Edge) -> tuple[str, str, str, str, str]:
    return edge.source, edge.target, edge.kind, edge.label, edge.signal


def select(view: GraphView, selection: Selection) -> GraphView:
    """The part of the view that the selection keeps: nodes of the documents and types asked
    for, events dated in the range with the actors and places linked to them, and the edges
    among what is kept; with ``causal_only``, just the causal edges and the events they join."""
    keep = {n.id for n in view.nodes}
    if selection.documents:
        keep &= _in_documents(view, selection.documents)
    if selection.types:
        keep &= _of_types(view, selection.types)
    if selection.since or selection.until:
        keep &= _in_dates(view, keep, selection.since or date.min, selection.until or date.max)
    edges = [e for e in view.edges if e.source in keep and e.target in keep]
    if selection.causal_only:
        edges = [e for e in edges if e.kind == "causal"]
        keep = {end for e in edges for end in (e.source, e.target)}
    return replace(view, nodes=tuple(n for n in view.nodes if n.id in keep), edges=tuple(edges))


def _in_documents(view: GraphView, documents: tuple[str, ...]) -> set[str]:
    unknown = sorted(set(documents) - set(view.documents))
    if unknown:
        raise KgError(E.E100, value=unknown[0], known=_some(view.documents))
    return {n.id for n in view.nodes if any(ev.document in documents for ev in n.evidence)}


def _of_types(view: GraphView, types: tuple[str, ...]) -> set[str]:
    """Nodes of any of the types: a class name (Protest, Violence, Actor, Event...), any case."""
    known = {t.casefold(): t for n in view.nodes for t in n.types}
    unknown = [t for t in types if t.casefold() not in known]
    if unknown:
        raise KgError(E.E101, value=unknown[0], known=_some(sorted(set(known.values()))))
    wanted = {t.casefold() for t in types}
    return {n.id for n in view.nodes if wanted & {t.casefold() for t in n.types}}


def _in_dates(view: GraphView, candidates: set[str], since: date, until: date) -> set[str]:
    events = {n.id for n in view.nodes if n.event}
    dated = {n.id for n in view.nodes if n.id in events & candidates and _overlaps(n.date, since, until)}
    linked = {end for e in view.edges if e.source in dated or e.target in dated for end in (e.source, e.target)}
    return dated | (linked & candidates - events)


def _overlaps(value: str, since: date, until: date) -> bool:
    """Whether a kg:date (YYYY-MM-DD, YYYY-MM or YYYY) names a day, month or year that meets [since, until]."""
    try:
        if len(value) == 4:
            first, last = date(int(value), 1, 1), date(int(value), 12, 31)
        elif len(value) == 7:
            year, month = int(value[:4]), int(value[5:])
            first, last = date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        else:
            first = last = date.fromisoformat(value[:10])
    except ValueError:
        return False
    return first <= until and last >= since


def _some(names: Iterable[str]) -> str:
    items = list(names)
    return ", ".join(items[:12]) + (", ..." if len(items) > 12 else "")
