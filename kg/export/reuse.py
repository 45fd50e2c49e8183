"""Exports taken over from the previous generation when they were written from the same inputs.

A build that changes nothing (a rerun over the same corpus) wrote every export again: 477 BBC
articles took 18.6 s, nearly all of it exports. What the exports read is the store's document
graphs, each named by the hash of what built it (``kg:contentHash``), the ontology, which exports
are asked for, and the code that writes them (newskg's and pyoxigraph's versions); a build records
their fingerprint beside its exports (in ``kg.graph_cache.FOLDER``, which ``kg serve
--allow-update`` removes) and the next build with the same fingerprint links the files instead.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph
from pyoxigraph import Store

from kg import __version__, graph_cache, store
from kg.vocab import KG

RECORD = "exports.json"  # in a generation's graph_cache.FOLDER


def fingerprint(st: Store, *, html: bool) -> str:
    """What the exports of ``st`` depend on, as a hash (the store's quads are counted, not read)."""
    from kg.lexicon import ontology_dir

    digest = hashlib.sha256(f"{__version__}\x00{pyoxigraph.__version__}\x00{html}\x00".encode())
    for name in store.ONTOLOGY_FILES:
        digest.update((ontology_dir() / name).read_bytes())
    content = pyoxigraph.NamedNode(str(KG.contentHash))
    hashes = sorted((str(q.graph_name), str(q.object)) for q in st.quads_for_pattern(None, content, None, None))
    digest.update(json.dumps([hashes, len(st)]).encode())
    return digest.hexdigest()


def linked(previous: Path | None, out: Path, inputs: str) -> dict[str, Path] | None:
    """The exports of generation ``previous`` linked into ``out`` when it recorded ``inputs``; else None."""
    if previous is None or not (previous / graph_cache.FOLDER / RECORD).exists():
        return None
    record = json.loads((previous / graph_cache.FOLDER / RECORD).read_text(encoding="utf-8"))
    files: dict[str, str] = record["files"]
    if record["inputs"] != inputs or not all((previous / name).exists() for name in files.values()):
        return None
    for name in files.values():
        graph_cache.link(previous / name, out / name)
    return {key: out / name for key, name in files.items()}


def remember(out: Path, inputs: str, files: dict[str, Path]) -> None:
    """Record that the exports ``files`` in generation ``out`` were written from ``inputs``."""
    record = {"inputs": inputs, "files": {key: path.name for key, path in sorted(files.items())}}
    path = out / graph_cache.FOLDER / RECORD
    path.parent.mkdir(exist_ok=True)
    graph_cache.keep(path, json.dumps(record, indent=0).encode("utf-8"))
