"""How ``kg build`` scales on the BBC news corpus: throughput, memory, store size and query times.

Builds ``--limit`` BBC articles (all 2,225 by default) with ``kg.pipeline.build``, the code path
of ``kg build``, set up as that command sets up its process (no torch; the models freed before the
exports), then runs every named query on the store it made. Prints documents and words
per second, peak resident memory, triples, the size of each export, and each query's rows and
seconds. The corpus is read from ``../shared/data/bbc`` (copyright BBC, research only: it is
never copied into the repository).

    python -m benchmarks.build_scale [--limit N] [--out DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from kg import query, store
from kg.nlp import keep_torch_out
from kg.pipeline import BuildOptions, build

BBC = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "bbc"


def articles(root: Path, limit: int | None) -> list[Path]:
    """The corpus's articles in a fixed order, spread across its sections when limited."""
    paths = sorted(root.rglob("*.txt"))
    if limit is None or limit >= len(paths):
        return paths
    step = len(paths) / limit
    return [paths[int(i * step)] for i in range(limit)]


def sample_folder(root: Path, paths: list[Path], folder: Path) -> Path:
    """A folder of links to ``paths`` laid out as under ``root``, so that documents keep the ids a
    build of the whole corpus gives them ("politics/002", not "002" twice)."""
    for path in paths:
        link = folder / path.relative_to(root)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(path)
    return folder


def peak_rss_mb() -> float:
    """Peak resident memory of this process or of the largest of its children that ended (the
    forked extraction workers, the export processes), whichever is larger (Linux reports kilobytes)."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


def size_bytes(path: Path) -> int:
    """A file's size, or a folder's (the store) summed over its files."""
    if path.is_dir():
        return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())
    return path.stat().st_size


def time_queries(out: Path) -> list[dict[str, object]]:
    """Each named query's row count and seconds on the built store."""
    st = store.open_read(out)
    timings = []
    for named in query.named_queries():
        started = time.perf_counter()
        rows = sum(1 for _ in query.execute(st, named.text))  # type: ignore[union-attr]
        timings.append({"query": named.name, "rows": rows, "seconds": round(time.perf_counter() - started, 2)})
    return timings


def run(corpus: Path, out: Path) -> dict[str, object]:
    started = time.perf_counter()
    report = build([corpus], BuildOptions(out=out, skip_bad=True, keep_models=False))
    seconds = time.perf_counter() - started
    return {
        "documents": len(report.built),
        "duplicates": len(report.duplicates),
        "skipped": [name for name, _ in report.skipped],
        "words": report.words,
        "seconds": round(seconds, 1),
        "documents_per_second": round(len(report.built) / seconds, 2),
        "words_per_second": round(report.words / seconds),
        "peak_rss_mb": round(peak_rss_mb()),
        "triples": report.triples,
        "entities": report.entities,
        "events": report.events,
        "causal_links": report.causal,
        "export_mb": {path.name: round(size_bytes(path) / 2**20, 1) for path in report.files.values()},
        "queries": time_queries(out),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--limit", type=int, default=None, help="build this many articles (default: all)")
    parser.add_argument("--out", type=Path, default=None, help="keep the build here (default: a temporary folder)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    keep_torch_out()
    if not args.corpus.is_dir():
        print(f"error: no BBC corpus at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.corpus
        if args.limit is not None:
            corpus = sample_folder(args.corpus, articles(args.corpus, args.limit), Path(tmp) / "corpus")
        figures = run(corpus, args.out or Path(tmp) / "out")
    if args.json:
        print(json.dumps(figures, indent=2))
        return 0
    for key, value in figures.items():
        if key == "queries":
            continue
        print(f"{key:>22}: {value}")
    print("\nnamed queries on the built store:")
    for row in figures["queries"]:  # type: ignore[union-attr]
        print(f"  {row['query']:<18} {row['rows']:>8} rows {row['seconds']:>8.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
