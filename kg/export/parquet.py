"""Parquet tables of the graph, the shape GraphRAG-style tools load: one file per table, IRIs as
keys, and every column that points at another row holding that row's IRI, so tables join
(``events.event = roles.event``, ``roles.entity = entities.entity``, ``mentions.document =
documents.document``). Types are compact IRIs (``kg:Protest``); a date's precision says whether it
names a day, a month or a year.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from pyoxigraph import QuerySolutions, Store

from kg import analyze, query, vocab
from kg.export import view

_QUERIES = {
    "documents": """SELECT ?document ?id ?title ?date ?source WHERE {
        ?document a kg:Document ; dcterms:identifier ?id .
        OPTIONAL { ?document dcterms:title ?title } OPTIONAL { ?document dcterms:date ?date }
        OPTIONAL { ?document dcterms:source ?source } }""",
    "mentions": """SELECT ?node ?document ?begin ?end ?anchor ?sentence WHERE {
        ?node kg:mention ?m . ?m nif:beginIndex ?begin ; nif:endIndex ?end ; nif:referenceContext ?document .
        OPTIONAL { ?m nif:anchorOf ?anchor } OPTIONAL { ?m kg:sentence/nif:anchorOf ?sentence } }""",
    "causal_links": """SELECT ?relation ?cause ?effect ?type ?signal ?confidence ?status WHERE {
        ?relation a kg:CausalRelation ; kg:cause ?cause ; kg:effect ?effect .
        OPTIONAL { ?relation kg:relationType ?type } OPTIONAL { ?relation kg:signal ?signal }
        OPTIONAL { ?relation kg:confidence ?confidence } OPTIONAL { ?relation kg:status ?status } }""",
    "claims": """SELECT ?claim ?source ?status WHERE {
        ?claim kg:accordingTo ?source . OPTIONAL { ?claim kg:status ?status } }""",
}
_NUMBERS = {"begin": "int64", "end": "int64", "confidence": "float64"}
TABLES = ("documents", "entities", "events", "roles", "relations", "causal_links", "claims", "mentions", "communities")


def tables(store: Store) -> dict[str, pd.DataFrame]:
    """Every table, rows in a stable order."""
    graph_view = view.read(store)
    scores = analyze.score(analyze.network(graph_view))
    found = {name: _select(store, text) for name, text in _QUERIES.items()}
    nodes = [n for n in graph_view.nodes if not n.event]
    events = [n for n in graph_view.nodes if n.event]
    found["entities"] = pd.DataFrame(
        {
            "entity": [n.id for n in nodes],
            "type": [f"kg:{n.cls}" for n in nodes],
            "label": [n.label for n in nodes],
            "alt_labels": [list(n.names) for n in nodes],
            "family": [n.family for n in nodes],
        }
    )
    found["events"] = pd.DataFrame(
        {
            "event": [n.id for n in events],
            "type": [f"kg:{n.cls}" for n in events],
            "label": [n.label for n in events],
            "date": [n.date for n in events],
            "date_precision": [precision(n.date) for n in events],
            "status": [n.status for n in events],
        }
    )
    links = [e for e in graph_view.edges if e.kind in ("role", "relation")]
    found["roles"] = pd.DataFrame(
        [(e.source, e.label, e.target) for e in links if e.kind == "role"], columns=["event", "role", "entity"]
    )
    found["relations"] = pd.DataFrame(
        [(e.source, f"kg:{e.label}", e.target) for e in links if e.kind == "relation"],
        columns=["subject", "predicate", "object"],
    )
    found["causal_links"]["type"] = found["causal_links"]["type"].map(vocab.compact)
    found["communities"] = pd.DataFrame(
        [(n.id, scores.community[n.id], scores.centrality[n.id]) for n in graph_view.nodes],
        columns=["node", "community", "centrality"],
    )
    return {name: found[name].sort_values(list(found[name].columns[:3]), ignore_index=True) for name in TABLES}


def precision(value: str) -> str:
    """What a kg:date names: 'day' (YYYY-MM-DD), 'month' (YYYY-MM), 'year' (YYYY), or '' when undated."""
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "")


def _select(store: Store, text: str) -> pd.DataFrame:
    result = query.execute(store, text)
    assert isinstance(result, QuerySolutions)
    columns, rows = query.rows(result)
    frame = pd.DataFrame(rows, columns=columns)
    for column, dtype in _NUMBERS.items():
        if column in frame:
            frame[column] = pd.to_numeric(frame[column].replace("", None)).astype(dtype)
    return frame


def write(store: Store, out: Path) -> dict[str, Path]:
    """Write ``out/NAME.parquet`` for every table."""
    out.mkdir(parents=True, exist_ok=True)
    files = {}
    for name, frame in tables(store).items():
        path = out / f"{name}.parquet"
        tmp = path.with_name(path.name + ".tmp")
        frame.to_parquet(tmp, index=False)
        os.replace(tmp, path)
        files[name] = path
    return files
