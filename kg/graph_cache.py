"""Each document graph of the store as its sorted N-Triples lines and its TriG block, a pair of files
per graph kept in the generation folder (``.graphs/``, beside the store), so that the RDF files of
a store that grew by a few documents are merged from files instead of read and sorted again.

On a 477-article store, reading every graph out of the store and sorting its lines took 1.9 s and
writing graph.trig from them 0.6 s, of 5 s of RDF files; graph.trig is now the blocks one after
another, graph.nt a merge of sorted files, both streamed. Other exports keep what they read from
one graph alone beside them (``derived``: the HTML view's mentions). A build carries the files of
the generation it copies (hard links: the files are only ever replaced, never written in place) and
writes those of the documents it builds from the quads it stores for them (``written``); the
exports make any file that is missing. A store written in place (``kg serve --allow-update``)
loses its entries, since a SPARQL update changes graphs behind them.
"""

from __future__ import annotations

import hashlib
import heapq
import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Store

from kg import __version__
from kg.store import ONTOLOGY_GRAPH
from kg.vocab import PREFIXES

FOLDER = ".graphs"  # in a generation folder; the dot keeps it out of DIR
FAN_IN = 256  # sorted files merged at once (open files); more are merged in rounds


@dataclass(frozen=True)
class Entry:
    """One graph's files: ``lines`` its distinct triples as sorted N-Triples lines (the order of the
    terms' N-Triples text), ``trig`` its block of graph.trig (without the prefixes)."""

    name: str  # the graph's N-Triples name, or DEFAULT (``str(DefaultGraph())``) for the default graph
    lines: Path
    trig: Path


def carry(previous: Path | None, folder: Path) -> None:
    """Give the new generation ``folder`` the entries of the generation ``previous`` (hard links)."""
    source = previous / FOLDER if previous is not None else None
    if source is None or not source.is_dir():
        return
    target = folder / FOLDER
    target.mkdir()
    for path in source.iterdir():
        link(path, target / path.name)


def link(source: Path, target: Path) -> None:
    """``target`` as a hard link to ``source``, or a copy on a file system without hard links (or
    with too many to one file)."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def drop(folder: Path, graph: NamedNode) -> None:
    """Forget ``graph``'s files: its document is being built again."""
    for path in (folder / FOLDER).glob(f"{_key(str(graph))}.*"):
        path.unlink()


def forget(folder: Path) -> None:
    """Forget every entry of a generation whose store is about to be written in place."""
    shutil.rmtree(folder / FOLDER, ignore_errors=True)


def graphs(st: Store) -> list[NamedNode | DefaultGraph]:
    """The store's document graphs (the ontology's left out) in the order of their names, then the
    default graph."""
    named = sorted((g for g in st.named_graphs() if isinstance(g, NamedNode) and g != ONTOLOGY_GRAPH), key=str)
    return [*named, DefaultGraph()]


def derived(folder: Path, graph: NamedNode, kind: str) -> Path:
    """Where a file made from ``graph`` alone is kept (``kind``: its ending, e.g. "mentions.json"):
    carried, dropped and removed with the graph's entry. Write it with ``keep``."""
    (folder / FOLDER).mkdir(exist_ok=True)
    return folder / FOLDER / f"{_key(str(graph))}.{kind}"


def shared(folder: Path, name: str) -> Path:
    """Where a file made from the whole store is kept for the next build to start from (e.g. the
    HTML graph's component layouts): carried with the entries, never dropped with a graph. Write it
    with ``keep``; a reader must check that it was written by the same code."""
    (folder / FOLDER).mkdir(exist_ok=True)
    return folder / FOLDER / name


def keep(path: Path, data: bytes) -> None:
    """Write a graph's file: replaced, never written in place, since it may be a link shared with an
    older generation."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def entries(st: Store, folder: Path) -> list[Entry]:
    """An entry for every document graph of ``st`` and for the default graph when it holds
    anything, in the order of ``graphs``; missing entries are made from the store, the files of
    graphs it no longer has are removed."""
    (folder / FOLDER).mkdir(exist_ok=True)
    found = []
    every = graphs(st)
    for graph in every:
        entry = _entry(folder, str(graph))
        kept = isinstance(graph, NamedNode) and entry.lines.exists() and entry.trig.exists()
        if kept or _make(st, graph, entry):  # the default graph is made each time, and has none when empty
            found.append(entry)
    keys = {_key(str(graph)) for graph in every}
    for path in (folder / FOLDER).iterdir():
        key = path.name.split(".", 1)[0]
        if _KEY.fullmatch(key) and key not in keys:  # a graph's file (not a ``shared`` one)
            path.unlink()
    return found


def merged(found: list[Entry], scratch: Path) -> Iterator[str]:
    """All entries' triples as one graph, without repeats: sorted N-Triples lines, newlines
    included, streamed from the files (at most ``FAN_IN`` open at once; rounds of more are merged
    into files in a temporary folder in ``scratch``, beside the exports rather than in /tmp)."""
    with tempfile.TemporaryDirectory(prefix=".kg-merge-", dir=scratch) as rounds_folder:
        paths = [entry.lines for entry in found]
        while len(paths) > FAN_IN:
            rounds = [paths[k : k + FAN_IN] for k in range(0, len(paths), FAN_IN)]
            paths = [_merge_into(group, Path(rounds_folder) / f"{len(paths)}-{k}.nt") for k, group in enumerate(rounds)]
        with ExitStack() as stack:
            files = [stack.enter_context(path.open(encoding="utf-8")) for path in paths]
            last = None
            for line in heapq.merge(*files):
                if line != last:
                    yield line
                    last = line


def _merge_into(paths: list[Path], target: Path) -> Path:
    with ExitStack() as stack, target.open("w", encoding="utf-8") as handle:
        files = [stack.enter_context(path.open(encoding="utf-8")) for path in paths]
        handle.writelines(heapq.merge(*files))  # repeats are dropped in the last round
    return target


_KEY = re.compile("[0-9a-f]{32}")


def _key(name: str) -> str:
    """A graph's files' name: another newskg or pyoxigraph (another text for the same triples) makes
    them all again rather than mix two writers' text in one export."""
    return hashlib.sha256(f"{__version__}\x00{pyoxigraph.__version__}\x00{name}".encode()).hexdigest()[:32]


def _entry(folder: Path, name: str) -> Entry:
    return Entry(name, folder / FOLDER / f"{_key(name)}.nt", folder / FOLDER / f"{_key(name)}.trig")


def written(folder: Path, graph: NamedNode, quads: Iterable[Quad]) -> None:
    """Make ``graph``'s entry from the quads a build has just replaced it with, dropping its other
    files, instead of reading them out of the store again (120 BBC articles: 0.8 s of dumps after
    the build). The same lines: Oxigraph writes both, and the RDF writer's numbers are in the
    canonical form the store would give back (it rewrites "05" as "5")."""
    drop(folder, graph)
    dumped = pyoxigraph.serialize((quad.triple for quad in quads), None, RdfFormat.N_TRIPLES)
    if dumped:
        _write(_entry(folder, str(graph)), dumped)


def _make(st: Store, graph: NamedNode | DefaultGraph, entry: Entry) -> bool:
    """Write ``entry`` from the store's ``graph``; False (and no files) when the graph is empty.
    Oxigraph writes a graph as N-Triples faster than Python makes a term per triple."""
    dumped = st.dump(format=RdfFormat.N_TRIPLES, from_graph=graph)  # bytes, as no output is given
    if not dumped:
        entry.lines.unlink(missing_ok=True)
        entry.trig.unlink(missing_ok=True)
        return False
    _write(entry, dumped)
    return True


def _write(entry: Entry, dumped: bytes) -> None:
    """An entry's two files from its graph's N-Triples. Sorting the lines is sorting the terms,
    since N-Triples escapes control characters, so the space after a term sorts before any
    character that could continue it."""
    entry.lines.parent.mkdir(exist_ok=True)
    lines = sorted(set(dumped.decode("utf-8").splitlines()))
    keep(entry.lines, "".join(line + "\n" for line in lines).encode("utf-8"))
    if entry.name == str(DefaultGraph()):
        quads = pyoxigraph.parse("\n".join(lines), RdfFormat.N_TRIPLES)
    else:  # each line ends with " ."
        quads = pyoxigraph.parse("".join(f"{line[:-1]}{entry.name} .\n" for line in lines), RdfFormat.N_QUADS)
    block = pyoxigraph.serialize(quads, None, RdfFormat.TRIG, prefixes=PREFIXES)
    assert block is not None  # bytes, as no output was given
    keep(entry.trig, block[len(trig_header()) :])


@cache
def trig_header() -> bytes:
    """The prefix lines that Oxigraph's TriG writer puts before the first graph."""
    node = NamedNode("urn:x")
    text = pyoxigraph.serialize([Quad(node, node, node, node)], None, RdfFormat.TRIG, prefixes=PREFIXES)
    assert text is not None
    return text[: text.index(b"\n<") + 1]
