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
