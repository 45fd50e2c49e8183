"""SPARQL over the store: inline queries, query files and the named queries of ``ontology/queries``.

Queries see every document graph (and the ontology) as one default graph, with the project's
prefixes predeclared, so ``SELECT ?e WHERE { ?e a kg:Protest }`` works as written.
"""

from __future__ import annotations

import json
import multiprocessing
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

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
from kg.iri import DEFAULT_BASE
from kg.lexicon import ontology_dir
from kg.vocab import PREFIXES, compact

T = TypeVar("T")
FORMATS = ("table", "csv", "tsv", "json")
# a printed table names resources under the default base with this prefix too (id: is not a query prefix:
# local names with "/" are not SPARQL prefixed names)
TABLE_PREFIXES = PREFIXES | {"id": DEFAULT_BASE}
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
    if path.suffix.lower() in (".rq", ".sparql") or ("\n" not in query_or_file and _is_file(path)):
        if not _is_file(path):
            raise KgError(E.E001, path=path)
        return path.read_text(encoding="utf-8")
    return query_or_file


def _is_file(path: Path) -> bool:
    """Whether ``path`` names a file; a text no file system takes as a path (a one-line query
    longer than a file name may be) names none."""
    try:
        return path.is_file()
    except OSError:  # ENAMETOOLONG
        return False


def _term(value: str) -> NamedNode | Literal:
    """A --bind value: <iri> is an IRI, anything else a plain literal."""
    if value.startswith("<") and value.endswith(">"):
        return NamedNode(value[1:-1])
    return Literal(value)


def resolve_aliases(store: Store, bindings: dict[str, str]) -> dict[str, str]:
    """Bound values as the labels the named queries match: a value that is no node's preferred label
    (rdfs:label) but, in any case, one node's label or other name (skos:altLabel) becomes that node's
    label, so ``--bind actor=Blair`` finds Tony Blair. IRIs (``<...>``) are left alone.

    Example:
        >>> resolve_aliases(Store(), {"actor": "<https://example.org/x>"})
        {'actor': '<https://example.org/x>'}
    """
    return {variable: _preferred(store, value) for variable, value in bindings.items()}


def _preferred(store: Store, value: str) -> str:
    if value.startswith("<") and value.endswith(">"):
        return value
    literal = Literal(value)
    if store.query(f"ASK {{ ?x rdfs:label {literal} }}", prefixes=PREFIXES, use_default_graph_as_union=True):
        return value
    found = store.query(
        "SELECT DISTINCT ?label WHERE { ?x rdfs:label ?label . { ?x rdfs:label ?name } UNION { ?x skos:altLabel ?name }"
        f" FILTER (LCASE(STR(?name)) = LCASE({literal})) }} ORDER BY ?label",
        prefixes=PREFIXES,
        use_default_graph_as_union=True,
    )
    assert isinstance(found, QuerySolutions)
    labels = list(dict.fromkeys(cell(row[0]) for row in found))
    if len(labels) > 1:
        raise KgError(E.E134, value=value, labels=", ".join(labels[:8]))
    return labels[0] if labels else value


def within(seconds: float | None, work: Callable[[], T]) -> T:
    """``work()`` run in a child process that is ended after ``seconds`` (``KgError`` E133).

    pyoxigraph cannot cancel a query, so ending the process that runs it is the only way to stop
    one. ``work`` opens the store itself: an open store is not shared across a fork.
    """
    if seconds is None:
        return work()
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send((True, work()))
        except KgError as err:  # sent as its code and fields: a KgError does not pickle
            send.send((False, (err.code.name, err.fields)))

    process = context.Process(target=child, daemon=True)
    process.start()
    send.close()
    try:
        if not receive.poll(seconds):
            raise KgError(E.E133, seconds=seconds)
        ok, value = receive.recv()
    except EOFError:
        raise KgError(E.E032, reason="the process running the query ended without an answer") from None
    finally:
        process.kill()
        process.join()
    if not ok:
        name, fields = value
        raise KgError(E[name], **fields)
    return value  # type: ignore[no-any-return]


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


def table_cell(term: object) -> str:
    """A term as a printed table shows it: an IRI as a CURIE where a prefix of ``kg query`` covers
    it (``kg:Protest``, ``schema:Place``) or it is a resource of the default base
    (``id:person/tony-blair``), so that a column of IRIs fits a terminal; else as ``cell``."""
    if isinstance(term, NamedNode):
        return compact(term.value, TABLE_PREFIXES)
    return cell(term)


def rows(result: QuerySolutions, *, curies: bool = False) -> tuple[list[str], list[list[str]]]:
    """Column names and rows of plain text; with ``curies``, IRIs as ``table_cell`` writes them."""
    columns = [v.value for v in result.variables]
    show = table_cell if curies else cell
    # a solution gives its values in the order of the variables: faster than a look-up by name
    return columns, [[show(term) for term in solution] for solution in result]


def answer(
    out_dir: Path, text: str, fmt: str, *, bindings: dict[str, str] | None = None
) -> str | tuple[list[str], list[list[str]]]:
    """What ``kg query`` prints: the W3C results text for csv, tsv and json; for a table, its
    columns and rows, or 'true' / 'false' for ASK. Bound labels may be any alias (``resolve_aliases``)."""
    from kg import store as kg_store

    st = kg_store.open_read(out_dir)
    result = execute(st, text, bindings=resolve_aliases(st, bindings or {}))
    if fmt != "table":
        return serialize(result, fmt)
    if isinstance(result, QueryBoolean):
        return str(bool(result)).lower()
    return rows(result, curies=True)


def serialize(result: QuerySolutions | QueryBoolean, fmt: str) -> str:
    """SPARQL 1.1 results as CSV, TSV or JSON (the W3C formats)."""
    if fmt not in _RESULT_FORMATS:
        raise KgError(E.E033, value=fmt, choices=", ".join(FORMATS))
    if isinstance(result, QueryBoolean):
        return json.dumps({"head": {}, "boolean": bool(result)}) if fmt == "json" else str(bool(result)).lower()
    data = result.serialize(format=_RESULT_FORMATS[fmt])
    assert data is not None  # with no output given, serialize returns the bytes
    return data.decode("utf-8")
