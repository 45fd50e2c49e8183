"""SPARQL over the store: inline queries, query files and the named queries of ``ontology/queries``.

Queries see every document graph (and the ontology) as one default graph, with the project's
prefixes predeclared, so ``SELECT ?e WHERE { ?e a kg:Protest }`` works as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    Store,
    Triple,
    Variable,
)

from kg.errors import E, KgError
from kg.lexicon import ontology_dir
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "tsv", "json")
_RESULT_FORMATS = {"csv": QueryResultsFormat.CSV, "tsv": QueryResultsFormat.TSV, "json": QueryResultsFormat.JSON}


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    text: str


def named_queries() -> list[NamedQuery]:
    """The queries shipped in ``ontology/queries``; the first comment line describes each."""
    found = []
    for path in sorted((ontology_dir() / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0] if text else ""
        found.append(NamedQuery(path.stem, first.lstrip("# ").strip(), text))
    return found


def named(name: str) -> NamedQuery:
    for q in named_queries():
        if q.name == name:
            return q
    raise KgError(E.E031, name=name)


def load_text(query_or_file: str) -> str:
    """An inline query, or the text of a ``.rq``/``.sparql`` file."""
    path = Path(query_or_file)
    if path.suffix.lower() in (".rq", ".sparql") or (
        len(query_or_file) < 4096 and "\n" not in query_or_file and path.is_file()
    ):
        if not path.is_file():
            raise KgError(E.E001, path=path)
        return path.read_text(encoding="utf-8")
    return query_or_file


def _term(value: str) -> NamedNode | Literal:
    """A --bind value: <iri> is an IRI, anything else a plain literal."""
    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    return Literal(value)


def execute(store: Store, text: str, *, bindings: dict[str, str] | None = None) -> QuerySolutions | QueryBoolean:
    """Run a SPARQL query over all graphs; a malformed query is a ``KgError`` with the parser's reason."""
    try:
        result = run(store, text, bindings=bindings)
    except OSError as err:
        raise KgError(E.E032, reason=str(err).splitlines()[0]) from err
    if not isinstance(result, QuerySolutions | QueryBoolean):
        raise KgError(E.E032, reason="CONSTRUCT and DESCRIBE are not supported here; use SELECT or ASK")
    return result


# what cannot hold a keyword: IRIs, strings (long and short) and comments
_NOT_KEYWORDS = re.compile(
    r"""<[^<>"{}|^`\\\s]*>|\"\"\"[\s\S]*?\"\"\"|'''[\s\S]*?'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|#[^\n]*"""
)
# FROM (and FROM NAMED) as a keyword, not ?from, $from, ex:from or from:x
_DATASET_CLAUSE = re.compile(r"(?<![?$:\w])FROM(?![\w:-])", re.IGNORECASE)


def has_dataset_clause(text: str) -> bool:
    """Whether the query names its own dataset with FROM or FROM NAMED.

    Example:
        >>> has_dataset_clause("SELECT * FROM <http://example.org/g> WHERE { ?s ?p ?o }")
        True
        >>> has_dataset_clause('SELECT ?from WHERE { ?s ex:from ?from ; ?p "FROM" } # FROM')
        False
    """
    return bool(_DATASET_CLAUSE.search(_NOT_KEYWORDS.sub(" ", text)))


def run(
    store: Store,
    text: str,
    *,
    bindings: dict[str, str] | None = None,
    default_graphs: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QuerySolutions | QueryBoolean | QueryTriples:
    """Run any SPARQL query, CONSTRUCT and DESCRIBE included: what ``kg query`` and ``kg serve`` share.

    The dataset is every graph merged into the default graph, unless the query names its own with
    FROM / FROM NAMED or the caller does (the protocol's ``default-graph-uri`` and
    ``named-graph-uri``): pyoxigraph's union option would otherwise override a FROM clause
    silently. Evaluation is lazy, so an ``OSError`` can also come later, while the result is read.
    """
    substitutions: dict[Variable, NamedNode | BlankNode | Literal | Triple] = {
        Variable(k): _term(v) for k, v in (bindings or {}).items()
    }
    explicit = bool(default_graphs or named_graphs)
    try:
        return store.query(
            text,
            prefixes=PREFIXES,
            use_default_graph_as_union=not explicit and not has_dataset_clause(text),
            default_graph=[NamedNode(g) for g in default_graphs] if default_graphs else None,
            named_graphs=[NamedNode(g) for g in named_graphs] if named_graphs else None,
            substitutions=substitutions or None,
        )
    except SyntaxError as err:
        raise KgError(E.E030, reason=" ".join(str(err).split())[:300]) from err
    except ValueError as err:  # a graph name that is not an IRI
        raise KgError(E.E030, reason=str(err).splitlines()[0]) from err
    except RuntimeError as err:  # e.g. --bind of a variable the SELECT clause does not name
        raise KgError(E.E032, reason=str(err).splitlines()[0]) from err


def cell(term: object) -> str:
    """A term as plain text for a table cell."""
    if term is None:
        return ""
    if isinstance(term, Literal | NamedNode):
        return term.value
    return str(term)


def rows(result: QuerySolutions) -> tuple[list[str], list[list[str]]]:
    columns = [v.value for v in result.variables]
    # a solution gives its values in the order of the variables: faster than a look-up by name
    return columns, [[cell(term) for term in solution] for solution in result]


def serialize(result: QuerySolutions | QueryBoolean, fmt: str) -> str:
    """SPARQL 1.1 results as CSV, TSV or JSON (the W3C formats)."""
    if fmt not in _RESULT_FORMATS:
        raise KgError(E.E033, value=fmt, choices=", ".join(FORMATS))
    if isinstance(result, QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    data = result.serialize(format=_RESULT_FORMATS[fmt])
    assert data is not None  # with no output given, serialize returns the bytes
    return data.decode("utf-8")
