"""The persistent store: Oxigraph on disk, one named graph per document.

A build never writes into the store that readers use. It makes a new generation folder,
``DIR/.kg/gen-N``, copies the current store into it (a cheap RocksDB checkpoint), writes the
copy and the exports next to it, and then switches ``DIR/.kg/current`` (a relative symlink) to
it in one atomic rename. ``DIR/store``, ``DIR/graph.ttl`` and the other exports are links
through ``.kg/current``, so the store and its exports always switch together: a build killed
at any moment leaves the old pair or the new pair, never a new store with old exports. A failed
build leaves the old generation untouched, and a running ``kg serve`` keeps answering from the
generation it opened until it reopens.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import pyoxigraph
from pyoxigraph import NamedNode, Quad, Store

from kg.errors import E, KgError
from kg.vocab import KG, PREFIXES, RDF

STORE_LINK = "store"
GENERATIONS = ".kg"
CURRENT = "current"  # the link in GENERATIONS to the generation that readers use
# the ontology rides along in its own graph, so that queries can climb rdfs:subClassOf
ONTOLOGY_GRAPH = NamedNode("https://w3id.org/newskg/ontology")
ONTOLOGY_FILES = ("newskg.ttl", "event-types.ttl")


def store_path(out_dir: Path) -> Path:
    return out_dir / STORE_LINK


def exists(out_dir: Path) -> bool:
    return (store_path(out_dir) / "CURRENT").exists()


def open_read(out_dir: Path) -> Store:
    """The current store, read-only; a clear error when there is none."""
    return open_current(out_dir)[1]


def current_generation(out_dir: Path) -> Path:
    """The store folder of the generation that ``DIR/store`` leads to now: readers compare it to
    notice a switch."""
    return store_path(out_dir).resolve()


def open_current(out_dir: Path, *, writable: bool = False) -> tuple[Path, Store]:
    """The current generation and the store opened on it.

    The link is resolved once, so the pair always matches even if a build switches it meanwhile.
    ``writable`` is for ``kg serve --allow-update`` only, which holds ``writing(out_dir)`` so that
    no build copies a generation while it changes.
    """
    path = store_path(out_dir)
    if not exists(out_dir):
        raise KgError(E.E020, path=path)
    generation = current_generation(out_dir)
    try:
        return generation, Store(str(generation)) if writable else Store.read_only(str(generation))
    except (OSError, RuntimeError) as err:  # RocksDB reports files deleted under it as "Corruption"
        raise KgError(E.E021, path=path, reason=str(err).splitlines()[0]) from err


@contextmanager
def writing(out_dir: Path) -> Iterator[None]:
    """The right to write ``out_dir``: one build (or one ``kg serve --allow-update``) at a time.

    Two builds into one folder would pick the same next generation, or one would delete the
    generation the other is writing when it switches. Readers need no lock: they never see a
    generation that is being written. The lock is an advisory ``flock``, which the kernel
    releases when the process ends, so a crashed build never leaves a stale lock behind.
    """
    root = out_dir / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    with (root / "lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(E.E022, path=out_dir) from None
        yield


def current_folder(out_dir: Path) -> Path | None:
    """The generation folder (store and exports) that readers use now; None before the first build."""
    link = out_dir / GENERATIONS / CURRENT
    return link.resolve() if link.is_symlink() and link.exists() else None


def _next_generation(out_dir: Path) -> Path:
    root = out_dir / GENERATIONS
    root.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name.split("-")[1]) for p in root.glob("gen-*") if p.name.split("-")[1].isdigit()]
    return root / f"gen-{max(numbers, default=0) + 1}"


@dataclass(frozen=True)
class Generation:
    """A generation being written: ``folder`` for the exports (files named with a dot stay
    unlinked: a build's own records), ``store`` a writable copy of the current store."""

    folder: Path
    store: Store


@contextmanager
def staged(out_dir: Path) -> Iterator[Generation]:
    """A new generation holding a writable copy of the current store; it becomes the current
    generation, store and exports at once, only on success."""
    folder = _next_generation(out_dir)
    folder.mkdir()
    target = folder / STORE_LINK
    try:
        if exists(out_dir):
            Store.read_only(str(store_path(out_dir).resolve())).backup(str(target))
        generation = Generation(folder, Store(str(target)))
        yield generation
        generation.store.flush()
        names = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        for name in names:
            if (out_dir / name).is_dir() and not (out_dir / name).is_symlink():
                raise KgError(E.E050, path=out_dir / name, reason="a folder, not a link made by kg; move it away")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _switch(out_dir, folder, names)


def _switch(out_dir: Path, folder: Path, names: list[str]) -> None:
    """Point ``.kg/current`` at ``folder`` (one atomic rename), make sure ``DIR/NAME`` links
    through it for each of its exports ``names``, then drop older generations and links to
    exports that this generation no longer has."""
    root = out_dir / GENERATIONS
    _link(root / CURRENT, folder.name)
    for name in names:
        target = os.path.join(GENERATIONS, CURRENT, name)
        if not ((out_dir / name).is_symlink() and os.readlink(out_dir / name) == target):
            _link(out_dir / name, target)  # a file of an older layout is replaced by the link, atomically
    for old in root.iterdir():
        if old.name.startswith(("gen-", "store-")) and old != folder:
            shutil.rmtree(old, ignore_errors=True)
    through_current = os.path.join(GENERATIONS, CURRENT, "")
    for link in out_dir.iterdir():
        if link.name not in names and link.is_symlink() and os.readlink(link).startswith(through_current):
            link.unlink()


def _link(link: Path, target: str) -> None:
    """Make ``link`` a symlink to ``target`` with one atomic rename over whatever was there."""
    tmp = link.with_name(f".{link.name}.tmp")
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    tmp.symlink_to(target)
    os.replace(tmp, link)


# -------------------------------------------------------------------------- reading and writing
def replace_graph(store: Store, graph: NamedNode, quads: list[Quad]) -> None:
    """Replace one document's named graph (no duplicates when a document is rebuilt)."""
    _drop(store, graph)
    store.extend(quads)


BULK_QUADS = 30_000  # quads a GraphWriter loads at once (about 30 BBC articles; 10,000 took 40% longer)


class GraphWriter:
    """Replaces documents' named graphs in a store being built, loading the new quads in bulk.

    A bulk load (``bulk_extend``) of ``BULK_QUADS`` at a time wrote 120 BBC articles in 0.4-0.5 s,
    where ``extend`` per document took 1.0 s and the flush after it 0.25-0.45 s more. It is not
    transactional, which a build can afford: it writes a new generation, deleted unless the build
    succeeds. Quads are held until ``flush``, so queries see them only after it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._pending: list[Quad] = []
        self._graphs: set[NamedNode] = set()  # graphs with pending quads

    def replace(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Like ``replace_graph``: the store ends up with ``quads`` as ``graph``, whatever it held."""
        if graph in self._graphs:
            self.flush()  # its pending quads must go before the graph is dropped
        _drop(self.store, graph)
        self._pending.extend(quads)
        self._graphs.add(graph)
        if len(self._pending) >= BULK_QUADS:
            self.flush()

    def flush(self) -> None:
        """Load the pending quads into the store."""
        if self._pending:
            self.store.bulk_extend(self._pending)
        self._pending, self._graphs = [], set()


def _drop(store: Store, graph: NamedNode) -> None:
    if store.contains_named_graph(graph):
        store.remove_graph(graph)


def load_ontology(store: Store) -> None:
    """(Re)load the ontology into its own graph."""
    from kg.lexicon import ontology_dir

    if store.contains_named_graph(ONTOLOGY_GRAPH):
        store.remove_graph(ONTOLOGY_GRAPH)
    for name in ONTOLOGY_FILES:
        store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE, to_graph=ONTOLOGY_GRAPH)


def content_hash(store: Store, graph: NamedNode) -> str | None:
    """The hash recorded for the text of the document in ``graph``."""
    for quad in store.quads_for_pattern(None, pyoxigraph.NamedNode(str(KG.contentHash)), None, graph):
        return str(cast(pyoxigraph.Literal, quad.object).value)  # written as a literal, never a triple
    return None


def document_graphs(store: Store) -> list[NamedNode]:
    doc_type = pyoxigraph.NamedNode(str(KG.Document))
    rdf_type = pyoxigraph.NamedNode(str(RDF.type))
    # a document's triples are always in its own named graph
    graphs = cast(set[NamedNode], {q.graph_name for q in store.quads_for_pattern(None, rdf_type, doc_type, None)})
    return sorted(graphs, key=lambda g: g.value)


def count_triples(store: Store) -> int:
    """Quads in document graphs (the ontology's own graph not counted): counted by the store, not
    read one by one."""
    return len(store) - sum(1 for _ in store.quads_for_pattern(None, None, None, ONTOLOGY_GRAPH))


def serialize(items: Iterable[pyoxigraph.Triple] | Iterable[Quad], path: Path, fmt: pyoxigraph.RdfFormat) -> None:
    """Write triples or quads (a stream is written as it comes) to ``path`` with the project's
    prefixes, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    pyoxigraph.serialize(items, str(tmp), fmt, prefixes=PREFIXES if fmt != pyoxigraph.RdfFormat.N_TRIPLES else None)
    os.replace(tmp, path)
