"""Each document graph's sorted lines, TriG block and mentions kept beside the store
(``kg.graph_cache``): the RDF files merged from them and the view read from them are the store's,
a build carries them to its generation without touching the old one's, and an addition gives the
exports of a fresh build of the same documents."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from tempfile import TemporaryDirectory

import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store
from rdflib import namespace

from kg import _terms, graph_cache, query, store
from kg.export import rdf_files, reuse, view
from kg.pipeline import BuildOptions, build
from kg.vocab import KG, PREFIXES
from tests.test_build_safety import POLITICS, assert_same_exports

EX = "https://w3id.org/newskg/id/"


def tiny_store(graphs: int) -> Store:
    """Graphs that share subjects, so that the one-graph files must merge and drop repeats."""
    st = Store()
    for g in range(graphs):
        graph = NamedNode(f"{EX}graph/{g}")
        for s in (0, g, g + 1):
            st.add(Quad(NamedNode(f"{EX}x/{s}"), NamedNode(f"{PREFIXES['kg']}p"), Literal(f"v{s % 3}"), graph))
    st.add(Quad(NamedNode(f"{EX}x/0"), NamedNode(f"{PREFIXES['kg']}q"), NamedNode(f"{EX}x/1"), store.ONTOLOGY_GRAPH))
    return st


def whole_trig(st: Store) -> bytes:
    """graph.trig as Oxigraph writes the document graphs in one stream, in the order of their names."""
    quads = [q for q in st if q.graph_name != store.ONTOLOGY_GRAPH]
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return pyoxigraph.serialize(quads, None, RdfFormat.TRIG, prefixes=PREFIXES)


def test_the_merged_files_are_the_store_s_triples_and_trig(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = tiny_store(5)
    monkeypatch.setattr(graph_cache, "FAN_IN", 2)  # merged in rounds
    found = graph_cache.entries(st, tmp_path)
    assert [e.name for e in found] == sorted(f"<{EX}graph/{g}>" for g in range(5))
    triples = {str(q.triple) + " .\n" for q in st if q.graph_name != store.ONTOLOGY_GRAPH}
    assert list(graph_cache.merged(found, tmp_path)) == sorted(triples)
    assert not list(tmp_path.glob(".kg-merge-*"))  # the rounds' files are gone
    rdf_files.write(st, tmp_path)
    assert (tmp_path / "graph.trig").read_bytes() == whole_trig(st)


def test_a_graph_is_read_from_its_file_until_dropped(tmp_path: Path) -> None:
    st = tiny_store(2)
    graph_cache.entries(st, tmp_path)
    graph = NamedNode(f"{EX}graph/1")
    st.add(Quad(NamedNode(f"{EX}x/9"), NamedNode(f"{PREFIXES['kg']}p"), Literal("added"), graph))
    assert not any("added" in line for line in graph_cache.merged(graph_cache.entries(st, tmp_path), tmp_path))
    graph_cache.drop(tmp_path, graph)
    assert any("added" in line for line in graph_cache.merged(graph_cache.entries(st, tmp_path), tmp_path))


def test_files_written_by_another_version_are_made_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = tiny_store(2)
    graph_cache.entries(st, tmp_path)
    graph = NamedNode(f"{EX}graph/1")
    st.add(Quad(NamedNode(f"{EX}x/9"), NamedNode(f"{PREFIXES['kg']}p"), Literal("added"), graph))
    monkeypatch.setattr(graph_cache, "__version__", "0.0.0-other")
    assert any("added" in line for line in graph_cache.merged(graph_cache.entries(st, tmp_path), tmp_path))
    assert len(list((tmp_path / graph_cache.FOLDER).iterdir())) == 4  # the other version's are gone


def test_a_graph_gone_from_the_store_loses_its_files(tmp_path: Path) -> None:
    st = tiny_store(3)
    graph_cache.entries(st, tmp_path)
    st.remove_graph(NamedNode(f"{EX}graph/2"))
    found = graph_cache.entries(st, tmp_path)
    assert len(found) == 2
    assert sorted((tmp_path / graph_cache.FOLDER).iterdir()) == sorted(p for e in found for p in (e.lines, e.trig))


def test_a_file_of_the_whole_store_outlives_the_graphs_files(tmp_path: Path) -> None:
    st = tiny_store(2)
    graph_cache.entries(st, tmp_path)
    layouts = graph_cache.shared(tmp_path, "layouts.json")
    graph_cache.keep(layouts, b"{}")
    st.remove_graph(NamedNode(f"{EX}graph/1"))
    found = graph_cache.entries(st, tmp_path)
    left = sorted((tmp_path / graph_cache.FOLDER).iterdir())
    assert left == sorted([layouts, *(p for e in found for p in (e.lines, e.trig))])


def test_a_new_generation_links_the_files_and_replaces_them_without_changing_the_old(tmp_path: Path) -> None:
    st = tiny_store(2)
    old, new = tmp_path / "gen-1", tmp_path / "gen-2"
    old.mkdir(), new.mkdir()
    before = {e.lines: e.lines.read_bytes() for e in graph_cache.entries(st, old)}
    graph_cache.carry(old, new)
    carried = graph_cache.entries(st, new)
    assert all(os.path.samefile(e.lines, old / graph_cache.FOLDER / e.lines.name) for e in carried)
    graph = NamedNode(f"{EX}graph/0")
    st.add(Quad(NamedNode(f"{EX}x/9"), NamedNode(f"{PREFIXES['kg']}p"), Literal("added"), graph))
    graph_cache.drop(new, graph)
    graph_cache.entries(st, new)
    assert {path: path.read_bytes() for path in before} == before


def test_files_are_copied_where_they_cannot_be_linked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    st = tiny_store(2)
    old, new = tmp_path / "gen-1", tmp_path / "gen-2"
    old.mkdir(), new.mkdir()
    found = graph_cache.entries(st, old)

    def refuse(source: Path, target: Path) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    graph_cache.carry(old, new)
    copied = sorted((new / graph_cache.FOLDER).iterdir())
    assert [p.read_bytes() for p in copied] == [(old / graph_cache.FOLDER / p.name).read_bytes() for p in copied]
    assert len(copied) == 2 * len(found)


def test_the_exports_fingerprint_follows_their_inputs() -> None:
    st = tiny_store(2)
    graph = NamedNode(f"{EX}graph/1")
    first = reuse.fingerprint(st, html=True)
    assert reuse.fingerprint(st, html=True) == first != reuse.fingerprint(st, html=False)
    st.add(Quad(graph, NamedNode(str(KG.contentHash)), Literal("abc"), graph))
    second = reuse.fingerprint(st, html=True)
    st.remove(Quad(graph, NamedNode(str(KG.contentHash)), Literal("abc"), graph))
    st.add(Quad(graph, NamedNode(str(KG.contentHash)), Literal("abd"), graph))
    assert len({first, second, reuse.fingerprint(st, html=True)}) == 3
    st.add(Quad(graph, NamedNode(f"{PREFIXES['kg']}p"), Literal("by hand"), graph))  # no new hash: counted
    assert reuse.fingerprint(st, html=True) not in {first, second}


@pytest.mark.model
def test_a_build_that_changes_nothing_links_the_exports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build([POLITICS / "011.txt"], BuildOptions(out=out))
    written = {p.name: p.resolve().stat().st_ino for p in out.iterdir() if p.is_file()}
    assert build([POLITICS / "011.txt"], BuildOptions(out=out)).unchanged == ["011"]
    assert {p.name: p.resolve().stat().st_ino for p in out.iterdir() if p.is_file()} == written
    build([POLITICS / "011.txt"], BuildOptions(out=out, html=False))  # other inputs: written again
    assert not (out / "graph.html").exists()
    assert (out / "graph.ttl").resolve().stat().st_ino != written["graph.ttl"]
    build([POLITICS / "011.txt"], BuildOptions(out=out))
    assert (out / "graph.html").exists()


def test_a_graph_written_from_its_quads_has_the_files_the_store_gives() -> None:
    """What the RDF writer makes (numbers, decimals, dates, text with quotes, newlines and accents)
    the store gives back as written: Oxigraph rewrites only non-canonical numbers ("05", "1.50")."""
    graph = NamedNode(f"{EX}graph/0")
    s, p = NamedNode(f"{EX}x/0"), NamedNode(f"{PREFIXES['kg']}p")
    objects = [
        *(_terms.decimal(v) for v in (42000.0, 12.0, 0.855, 0.1 + 0.2, -3.5, 0.0, 1e-7, 2.5e9)),
        *(_terms.integer(v) for v in (0, 7, -12, 2500)),
        _terms.typed("2022-01-06", namespace.XSD.date),
        _terms.typed("2022-01", namespace.XSD.gYearMonth),
        _terms.typed("2022", namespace.XSD.gYear),
        _terms.text('a "quoted"\nline, café'),
    ]
    quads = [Quad(s, p, o, graph) for o in objects]
    st = Store()
    st.extend(quads)
    with TemporaryDirectory() as a, TemporaryDirectory() as b:
        graph_cache.written(Path(a), graph, quads)
        graph_cache.entries(st, Path(b))
        for ending in ("nt", "trig"):
            made = graph_cache._entry(Path(a), str(graph)).lines.with_suffix(f".{ending}")
            read = graph_cache._entry(Path(b), str(graph)).lines.with_suffix(f".{ending}")
            assert made.read_bytes() == read.read_bytes()


@pytest.mark.model
def test_a_build_s_graph_files_are_those_the_store_gives(sample_build: Path, tmp_path: Path) -> None:
    st = store.open_read(sample_build)
    generation = (sample_build / "store").resolve().parent
    (graph,) = store.document_graphs(st)
    made = graph_cache._entry(generation, str(graph))
    read = graph_cache._entry(tmp_path, str(graph))
    assert graph_cache._make(st, graph, read)
    assert made.lines.read_bytes() == read.lines.read_bytes() and made.trig.read_bytes() == read.trig.read_bytes()
    # and the view's mention rows, read from the quads in a store of their own, are the store's
    kept = graph_cache.derived(generation, graph, view._MENTION_ROWS)
    assert json.loads(kept.read_bytes()) == view._graph_mention_rows(st, graph) != []


@pytest.mark.model
def test_the_view_read_graph_by_graph_and_from_its_files_is_the_store_s(sample_build: Path, tmp_path: Path) -> None:
    st = store.open_read(sample_build)
    union = {tuple(None if t is None else t.value for t in row) for row in query.execute(st, view._MENTIONS)}
    assert {tuple(row) for row in view._mention_rows(st, None)} == union and union
    assert view.read(st, cache=tmp_path) == view.read(st) == view.read(st, cache=tmp_path)  # made, then read
    assert len(list((tmp_path / graph_cache.FOLDER).glob("*.mentions-*.json"))) == 1


@pytest.mark.model
def test_an_addition_and_a_rebuild_give_the_exports_of_a_fresh_build(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("011.txt", "024.txt"):
        shutil.copy(POLITICS / name, corpus / name)
    grown = tmp_path / "grown"
    build([corpus], BuildOptions(out=grown))
    shutil.copy(POLITICS / "212.txt", corpus / "212.txt")
    assert build([corpus], BuildOptions(out=grown)).built == ["212"]
    build([corpus], BuildOptions(out=tmp_path / "fresh"))
    assert_same_exports(grown, tmp_path / "fresh")
    # a document rebuilt with another text: its graph's files are made again, the others' carried
    (corpus / "024.txt").write_text((POLITICS / "212.txt").read_text()[:400] + "\n", encoding="utf-8")
    assert build([corpus], BuildOptions(out=grown)).built == ["024"]
    build([corpus], BuildOptions(out=tmp_path / "fresh-2"))
    assert_same_exports(grown, tmp_path / "fresh-2")
    assert (grown / "graph.trig").read_bytes() != (tmp_path / "fresh" / "graph.trig").read_bytes()
