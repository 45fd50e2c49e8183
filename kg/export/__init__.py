"""Exports from the store: RDF files, CSV tables and the HTML graph."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import Store


def write_all(st: Store, out: Path, *, html: bool = True) -> dict[str, Path]:
    """Write every export of the store into ``out``; returns name -> path."""
    from kg.export import rdf_files, tables

    files = rdf_files.write(st, out)
    files |= tables.write(st, out)
    if html:
        from kg.export import html as html_export

        files["html"] = html_export.write(st, out / "graph.html").path
    return files


FORMATS = ("graphml", "gexf", "parquet", "jsonld")


def default_path(out: Path, fmt: str) -> Path:
    """Where ``kg export`` writes without --out: a folder of tables for Parquet, else one file."""
    return out / "tables" if fmt == "parquet" else out / f"graph.{fmt}"


def export(st: Store, fmt: str, path: Path) -> Path:
    """Write the store in one of ``FORMATS`` to ``path`` (a folder for Parquet); returns ``path``."""
    from kg.errors import E, KgError

    if fmt not in FORMATS:
        raise KgError(E.E033, value=fmt, choices=", ".join(FORMATS))
    if fmt == "jsonld":
        from kg import store
        from kg.export import jsonld

        jsonld.write(store.sorted_triples_and_quads(st)[0], path)
    elif fmt == "parquet":
        from kg.export import parquet

        parquet.write(st, path)
    else:
        from kg import analyze
        from kg.export import network, view

        graph = analyze.network(view.read(st))
        (network.write_graphml if fmt == "graphml" else network.write_gexf)(graph, path)
    return path
