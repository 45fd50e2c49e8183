"""CSV tables of entities, events, causal links and the merge log: the named queries' results."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
from pyoxigraph import QuerySolutions, Store

from kg import query

TABLES = {"entities": "entities", "events": "events", "causal": "causal-links", "merges": "merges"}


def write(st: Store, out: Path) -> dict[str, Path]:
    files = {}
    for table, name in TABLES.items():
        result = query.execute(st, query.named(name).text)
        assert isinstance(result, QuerySolutions)
        columns, rows = query.rows(result)
        path = out / f"{table}.csv"
        tmp = path.with_name(path.name + ".tmp")
        pd.DataFrame(rows, columns=columns).to_csv(tmp, index=False, lineterminator="\n")
        os.replace(tmp, path)
        files[f"{table}.csv"] = path
    return files
