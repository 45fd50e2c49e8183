"""The one place where rdflib terms become pyoxigraph terms (as oxrdflib does).

The vocabulary lives in rdflib namespaces (``kg.vocab``); triples are written with
pyoxigraph, which is 10-40x faster at this scale.
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import Literal, NamedNode
from rdflib import URIRef
from rdflib.namespace import XSD

_XSD_STRING = NamedNode(str(XSD.string))


@lru_cache(maxsize=4096)
def term(uri: URIRef | str) -> NamedNode:
    """A pyoxigraph named node for a vocabulary term or IRI string (cached: terms repeat)."""
    return NamedNode(str(uri))


def text(value: str) -> Literal:
    return Literal(value)


def typed(value: str, datatype: URIRef) -> Literal:
    return Literal(value, datatype=term(datatype))


def integer(value: int, datatype: URIRef = XSD.integer) -> Literal:
    return Literal(str(value), datatype=term(datatype))


def decimal(value: float) -> Literal:
    """A decimal written the same way on every run: 42000, 12, 0.855."""
    s = f"{value:.6f}".rstrip("0").rstrip(".")
    return Literal(s if s not in ("", "-0") else "0", datatype=term(XSD.decimal))
