"""graph.jsonld: all documents' triples as compacted JSON-LD, one object per node with short keys.

The ``@context`` maps each property to its local name (``label``, ``altLabel``, ``agent``,
``beginIndex``...) and declares the project's prefixes, so a web page reads ``node.label`` and
``node.agent["@id"]``, classes read ``"@type": "kg:Protest"``, and any JSON-LD processor (rdflib,
pyld, jsonld.js) expands the file back to the triples of graph.ttl. It is written in one pass over
the sorted triples: the same store gives the same bytes (rdflib's compaction orders nothing, and
takes seconds on a corpus that this takes a fraction of one for).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from pathlib import Path

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from kg.vocab import PREFIXES, RDF, XSD, compact

_TERM = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RDF_TYPE = str(RDF.type)
_XSD_STRING = str(XSD.string)


def write(triples: Iterable[Triple], path: Path, *, predicates: Iterable[str] | None = None) -> None:
    """Write ``triples`` (sorted, as ``kg.export.rdf_files`` reads them) atomically. The context
    needs every predicate before the first node: given ``predicates``, the triples are written as
    they stream in; without, they are read into a list first."""
    if predicates is None:
        triples = list(triples)
        predicates = {t.predicate.value for t in triples}
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8") as handle:
        handle.writelines(chunks(triples, predicates))
    os.replace(tmp, path)


def context(predicates: Iterable[str]) -> dict[str, str]:
    """Prefixes, and a term for each predicate whose local name is free (not a prefix, not taken
    by another predicate); the others keep their compact IRI as their key."""
    by_name: dict[str, set[str]] = {}
    for predicate in predicates:
        if predicate != _RDF_TYPE:
            by_name.setdefault(_local(predicate), set()).add(predicate)
    terms = {
        name: compact(next(iter(iris)))
        for name, iris in by_name.items()
        if len(iris) == 1 and name not in PREFIXES and _TERM.match(name)
    }
    return dict(sorted(PREFIXES.items())) | dict(sorted(terms.items()))


def chunks(triples: Iterable[Triple], predicates: Iterable[str]) -> Iterator[str]:
    """The document's text, piece by piece: the context (of ``predicates``), then one node object per line."""
    ctx = context(predicates)
    keys = {_expand(curie): term for term, curie in ctx.items() if term not in PREFIXES} | {_RDF_TYPE: "@type"}
    yield '{"@context": ' + json.dumps(ctx, ensure_ascii=False, indent=1) + ',\n"@graph": [\n'
    first = True
    names: dict[str, str] = {}  # IRI -> compacted: classes, predicates, entities recur (120 BBC articles: -0.2 s)
    for subject, group in groupby(triples, key=lambda t: t.subject):
        yield ("" if first else ",\n") + json.dumps(_node(subject, group, keys, names), ensure_ascii=False)
        first = False
    yield "\n]}\n"


def _node(
    subject: NamedNode | BlankNode | Triple,
    triples: Iterable[Triple],
    keys: dict[str, str],
    names: dict[str, str],
) -> dict[str, object]:
    node: dict[str, object] = {"@id": _id(subject, names)}
    for predicate, group in groupby(triples, key=lambda t: t.predicate.value):
        key = keys.get(predicate) or _compact(predicate, names)
        if predicate == _RDF_TYPE:
            values: list[object] = [_id(t.object, names) for t in group]
        else:
            values = [_value(t.object, names) for t in group]
        node[key] = values[0] if len(values) == 1 else values
    return node


def _id(term: object, names: dict[str, str]) -> str:
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    assert isinstance(term, NamedNode)  # the store holds no RDF-star triples
    return _compact(term.value, names)


def _value(term: object, names: dict[str, str]) -> object:
    if isinstance(term, Literal):
        if term.language:
            return {"@value": term.value, "@language": term.language}
        if term.datatype.value == _XSD_STRING:
            return term.value
        return {"@value": term.value, "@type": _compact(term.datatype.value, names)}
    return {"@id": _id(term, names)}


def _compact(iri: str, names: dict[str, str]) -> str:
    """``compact(iri)``, remembered in ``names``."""
    name = names.get(iri)
    if name is None:
        name = names[iri] = compact(iri)
    return name


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    return PREFIXES[prefix] + local if prefix in PREFIXES and not local.startswith("//") else curie


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri)[-1]
