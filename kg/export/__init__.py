"""Exports from the store: RDF files, CSV tables and the HTML graph."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path

from pyoxigraph import Store

from kg import forking


def write_all(
    st: Store, out: Path, *, html: bool = True, writers: Executor | None = None, previous: Path | None = None
) -> dict[str, Path]:
    """Write every export of the store into the generation folder ``out``, side by side on the
    processes of ``writers`` (see ``export_writers``) when there are; returns name -> path. When the
    generation ``previous`` wrote its exports from the same inputs (``reuse``), they are linked
    instead."""
    from kg.export import reuse

    inputs = reuse.fingerprint(st, html=html)
    files = reuse.linked(previous, out, inputs)
    if files is None:
        files = _write_parts(st, out, html=html, writers=writers)
        reuse.remember(out, inputs, files)
    return files


@contextmanager
def export_writers(processes: int, *, html: bool = True) -> Iterator[Executor | None]:
    """The processes, up to ``processes`` and one for each group of exports, that write a build's
    exports side by side (None for one), forked when this is entered: at a build's start, before
    the models load. A process forked after the extraction counts the building process's whole
    heap as resident memory of its own (477 BBC articles: the HTML graph's process peaked at about
    540 MB, where it needs about 200 MB for itself); one forked first counts what it imports. They
    import the exports' code when they write: importing it at their start, beside the models'
    loading, made a build of one article 0.27 s slower (forking alone, 0.08 s)."""
    processes = min(processes, len(_parts(html)))
    if processes < 2:
        yield None
        return
    with forking.pool(processes) as writers:
        writers.submit(int)  # a forking pool starts all its processes with its first task
        yield writers


def prepare(writers: Executor | None, quads: int, *, html: bool = True) -> list[Future[None]]:
    """Have the writers import the exports' code now, beside the extraction, once the store holds
    ``quads`` enough that they will write side by side (``SIDE_BY_SIDE_QUADS``); else nothing.
    Imported when they write, it was the exports' serial tail's first second (120 BBC articles:
    numpy, SciPy and networkx for the HTML graph); imported as they start, it made a build of one
    small article, which never uses them, 0.27 s slower. Returns the tasks, one per group of
    exports, so that each process is likely to take one."""
    if writers is None or quads < SIDE_BY_SIDE_QUADS:
        return []
    return [writers.submit(_import_parts) for _ in _parts(html)]


def _import_parts() -> None:
    # and the k-d tree that a large graph's layout uses, which the HTML graph's code leaves to it
    import scipy.spatial  # noqa: F401

    from kg.export import html, rdf_files, tables  # noqa: F401


# below this many quads in the store the exports are written one after another: forking and the
# store's checkpoint cost what writing side by side saves (10 BBC articles, 12,048 quads: 0.19-0.21 s
# one after another, 0.16-0.18 s side by side; the sample article 0.06 s against 0.09 s)
SIDE_BY_SIDE_QUADS = 10_000
# the export groups, slowest first (120 BBC articles: the HTML graph 1.5 s, the tables 1.1 s, the
# RDF files 0.7 s), the order in which they are handed to processes
_SLOWEST_FIRST = ("html", "tables", "rdf")


def _write_parts(st: Store, out: Path, *, html: bool, writers: Executor | None) -> dict[str, Path]:
    """The exports are independent and, written one after another, are a build's serial tail (120
    BBC articles: 8 s of 29, measured under load); with ``writers`` they are written side by side,
    by processes that open a checkpoint of the store read-only. A checkpoint (hard links to the
    store's files), not the store itself: a store written by bulk loads compacts in the background
    and deletes files that a read-only open may still be looking for."""
    parts = _parts(html)
    if writers is None or len(st) < SIDE_BY_SIDE_QUADS:
        return {name: path for part in parts for name, path in _write(part, st, out).items()}
    checkpoint = out / ".export-store"  # named with a dot: no link is made to it, and it is removed
    st.flush()
    st.backup(str(checkpoint))
    # the longest first, so that the others share the other processes: with two, the HTML graph on
    # one and the tables then the RDF files on the other
    order = sorted(parts, key=_SLOWEST_FIRST.index)
    try:
        made = writers.map(_write_read_only, order, [checkpoint] * len(order), [out] * len(order))
        written = dict(zip(order, made, strict=True))
    finally:
        shutil.rmtree(checkpoint, ignore_errors=True)
    return {name: path for part in parts for name, path in written[part].items()}


def _parts(html: bool) -> list[str]:
    """The groups of exports a build writes."""
    return ["rdf", "tables", *(["html"] if html else [])]


def _write_read_only(part: str, store_dir: Path, out: Path) -> dict[str, Path]:
    return _write(part, Store.read_only(str(store_dir)), out)


def _write(part: str, st: Store, out: Path) -> dict[str, Path]:
    """One group of exports: the RDF files, the CSV tables or the HTML graph."""
    from kg.export import rdf_files, tables

    with _collector_paused():
        if part == "rdf":
            return rdf_files.write(st, out)
        if part == "tables":
            return tables.write(st, out)
        from kg.export import html as html_export

        return {"html": html_export.write(st, out / "graph.html", cache=out).path}


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while an export runs: exports make hundreds of thousands of
    short-lived terms, rows and dicts with next to no cycles, and the collector's passes over
    them (and over the build's heap) took 0.2-0.4 s of the 6 s of exports of 120 BBC articles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


FORMATS = ("graphml", "gexf", "parquet", "jsonld", "ttl", "trig", "nt")


def default_path(out: Path, fmt: str) -> Path:
    """Where ``kg export`` writes without --out: a folder of tables for Parquet, else one file."""
    return out / "tables" if fmt == "parquet" else out / f"graph.{fmt}"


def export(st: Store, fmt: str, path: Path) -> Path:
    """Write the store in one of ``FORMATS`` to ``path`` (a folder for Parquet); returns ``path``."""
    from kg.errors import E, KgError

    if fmt not in FORMATS:
        raise KgError(E.E033, value=fmt, choices=", ".join(FORMATS))
    if fmt in ("ttl", "trig", "nt"):
        from kg.export import rdf_files

        rdf_files.write_one(st, fmt, path)
    elif fmt == "jsonld":
        from kg.export import rdf_files

        rdf_files.write_jsonld(st, path)
    elif fmt == "parquet":
        from kg.export import parquet

        parquet.write(st, path)
    else:
        from kg import analyze
        from kg.export import network, view

        graph = analyze.network(view.read(st))
        (network.write_graphml if fmt == "graphml" else network.write_gexf)(graph, path)
    return path
