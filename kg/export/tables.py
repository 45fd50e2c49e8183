"""CSV tables of entities, events, causal links and the merge log: the named queries' results."""

from __future__ import annotations

import csv
import os
from pathlib import Path

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
        # the csv module's writer is what pandas' to_csv writes with, and these dialect settings its
        # defaults: the same bytes, without importing pandas and building a frame for each table
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(columns)
            writer.writerows(rows)
        os.replace(tmp, path)
        files[f"{table}.csv"] = path
    return files
