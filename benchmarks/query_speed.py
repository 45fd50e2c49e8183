"""How fast the named queries of ``ontology/queries`` answer on a store of realistic size, and a
guard against a query that regresses: exits 1 when any takes longer than ``--budget`` seconds.

pyoxigraph runs a query in the order it is written and does not reorder joins, so one query
written the natural way (every pattern in one join, OPTIONALs and property paths over all nodes)
can take seconds where the same rows come in a tenth of one; this catches such a rewrite. Each
query runs unbound and, for the queries that take a ``--bind``, bound to the most frequent value
(the largest answer a user binds). The time is the best of ``--repeat`` runs, rows read.

    python -m benchmarks.query_speed --store DIR [--budget SECONDS] [--repeat N] [--json]
    python -m benchmarks.query_speed --limit 100     # builds 100 BBC articles first (about 30 s)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from pyoxigraph import QuerySolutions, Store

from kg import query, store

# the variable each bindable named query is bound on (the label it projects)
BOUND = {"actor-timeline": "actor", "events-at-place": "place", "mentions": "label", "top-actors": "actor"}
DEFAULT_BUDGET = 3.0  # seconds on 100 BBC articles; every named query takes under 1 s there


def seconds(st: Store, text: str, bindings: dict[str, str], repeat: int) -> tuple[int, float]:
    """Rows and the best time of ``repeat`` runs, every row read (evaluation is lazy)."""
    best = float("inf")
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        result = query.execute(st, text, bindings=bindings)
        assert isinstance(result, QuerySolutions)
        rows = sum(1 for _ in result)
        best = min(best, time.perf_counter() - started)
    return rows, best


def commonest(st: Store, named: query.NamedQuery, variable: str) -> str:
    """The value of ``variable`` in most of the query's unbound rows."""
    result = query.execute(st, named.text)
    columns, rows = query.rows(result)  # type: ignore[arg-type]
    at = columns.index(variable)
    return Counter(row[at] for row in rows if row[at]).most_common(1)[0][0]


def measure(out: Path, repeat: int) -> list[dict[str, object]]:
    """Each named query's rows and seconds, unbound and (where it binds) bound."""
    st = store.open_read(out)
    timings: list[dict[str, object]] = []
    for named in query.named_queries():
        cases: list[dict[str, str]] = [{}]
        if named.name in BOUND:
            cases.append({BOUND[named.name]: commonest(st, named, BOUND[named.name])})
        for bindings in cases:
            rows, best = seconds(st, named.text, bindings, repeat)
            timings.append({"query": named.name, "bind": bindings, "rows": rows, "seconds": round(best, 3)})
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, help="a build folder (else --limit BBC articles are built)")
    parser.add_argument("--limit", type=int, default=100, help="BBC articles to build when no --store")
    parser.add_argument("--budget", type=float, default=DEFAULT_BUDGET, help="most seconds a query may take")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.store
        if out is None:
            from benchmarks.build_scale import BBC, articles, sample_folder
            from kg.pipeline import BuildOptions, build

            folder = sample_folder(BBC, articles(BBC, args.limit), Path(tmp) / "bbc")
            out = Path(tmp) / "out"
            build([folder], BuildOptions(out=out, html=False, skip_bad=True))
        timings = measure(out, args.repeat)
    slow = [t for t in timings if float(t["seconds"]) > args.budget]  # type: ignore[arg-type]
    if args.json:
        print(json.dumps({"budget": args.budget, "timings": timings, "slow": slow}, indent=1))
    else:
        for t in timings:
            bound = " ".join(f"{k}={v}" for k, v in t["bind"].items())  # type: ignore[attr-defined]
            print(f"{t['query']:16s} {bound:32.32s} {t['rows']:>7} rows {t['seconds']:>8.3f} s")
    if slow:
        names = ", ".join(str(t["query"]) for t in slow)
        print(f"over the budget of {args.budget:g} s: {names}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
