"""A store that grows: documents added one build at a time, rebuilt, skipped, and merged across."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pyoxigraph
import pytest

from kg import query, store
from kg.pipeline import BuildOptions, build
from tests.conftest import ROOT, SAMPLE, SAMPLE_DATE

FOLLOWUP = ROOT / "tests" / "data" / "kazakhstan_followup.txt"
FOLLOWUP_DATE = date(2022, 1, 13)
ID = "https://w3id.org/newskg/id/"
TOKAYEV = ID + "person/kassym-jomart-tokayev"


def graph_quads(out: Path, doc_id: str) -> set[pyoxigraph.Quad]:
    graph = pyoxigraph.NamedNode(ID + "graph/" + doc_id)
    return set(store.open_read(out).quads_for_pattern(None, None, None, graph))


def documents_mentioning(out: Path, entity: str) -> dict[str, int]:
    text = f"""SELECT ?doc (COUNT(DISTINCT ?m) AS ?n) WHERE {{
        <{entity}> kg:mention ?m . ?m nif:referenceContext/dcterms:identifier ?doc }} GROUP BY ?doc"""
    _, rows = query.rows(query.execute(store.open_read(out), text))  # type: ignore[arg-type]
    return {doc: int(n) for doc, n in rows}


def mentions_of(out: Path, iri: str) -> int:
    """Triples that name ``iri`` as subject or object, in any graph."""
    st = store.open_read(out)
    node = pyoxigraph.NamedNode(iri)
    return len(list(st.quads_for_pattern(node, None, None, None))) + len(
        list(st.quads_for_pattern(None, None, node, None))
    )


pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def grown(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The sample built, then the follow-up built into the same folder; the figures on the way."""
    out = tmp_path_factory.mktemp("grown") / "out"
    first = build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE, html=False))
    sample_graph = graph_quads(out, SAMPLE.stem)
    second = build([FOLLOWUP], BuildOptions(out=out, date=FOLLOWUP_DATE, html=False))
    alone = build([FOLLOWUP], BuildOptions(out=out.parent / "alone", date=FOLLOWUP_DATE, html=False))
    return {"out": out, "first": first, "second": second, "alone": alone, "sample_graph": sample_graph}


def test_a_second_document_adds_its_own_graph_and_leaves_the_first_alone(grown: dict) -> None:
    out = grown["out"]
    assert grown["second"].built == [FOLLOWUP.stem]
    assert [g.value for g in store.document_graphs(store.open_read(out))] == [
        ID + "graph/" + SAMPLE.stem,
        ID + "graph/" + FOLLOWUP.stem,
    ]
    assert graph_quads(out, SAMPLE.stem) == grown["sample_graph"]
    # the union: the first document's graph, untouched, and the follow-up's
    followup = graph_quads(out, FOLLOWUP.stem)
    assert grown["second"].triples == grown["first"].triples + len(followup)
    assert {p.name for p in out.iterdir()} >= {"graph.ttl", "graph.trig", "entities.csv", "store"}
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert f"<{ID}graph/{FOLLOWUP.stem}>" in trig and f"<{ID}graph/{SAMPLE.stem}>" in trig


def test_shared_entities_are_one_node_with_mentions_in_each_document(grown: dict) -> None:
    out = grown["out"]
    for entity in (TOKAYEV, ID + "place/almaty", ID + "organization/collective-security-treaty-organisation"):
        found = documents_mentioning(out, entity)
        assert set(found) == {SAMPLE.stem, FOLLOWUP.stem}, (entity, found)
    # the follow-up says only "Tokayev": the alias table joins it to the full name, not a new person
    assert mentions_of(out, ID + "person/tokayev") == 0
    built_alone = grown["out"].parent / "alone"
    assert set(documents_mentioning(built_alone, ID + "person/tokayev")) == {FOLLOWUP.stem}


def test_the_cross_document_merge_is_recorded(grown: dict) -> None:
    text = f"""SELECT ?rule WHERE {{ <{TOKAYEV}> kg:mention ?m . ?m kg:resolution ?rule ;
        nif:referenceContext/dcterms:identifier "{FOLLOWUP.stem}" }}"""
    _, rows = query.rows(query.execute(store.open_read(grown["out"]), text))  # type: ignore[arg-type]
    assert ["alias table"] in rows


def test_unchanged_documents_are_skipped(grown: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(grown["out"], out, symlinks=True)
    before = store.count_triples(store.open_read(out))
    for path, when in ((SAMPLE, SAMPLE_DATE), (FOLLOWUP, FOLLOWUP_DATE)):
        again = build([path], BuildOptions(out=out, date=when, html=False))
        assert again.built == [] and again.unchanged == [path.stem]
        assert again.triples == before
    # the hash covers the text and the date: another date is another version
    redated = build([FOLLOWUP], BuildOptions(out=out, date=SAMPLE_DATE, html=False))
    assert redated.built == [FOLLOWUP.stem]
    forced = build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE, html=False, force=True))
    assert forced.built == [SAMPLE.stem] and graph_quads(out, SAMPLE.stem) == grown["sample_graph"]


def test_a_document_is_built_again_when_what_builds_it_changes(grown: dict, tmp_path: Path) -> None:
    # an upgrade or another option must not leave graphs that the new build would not make
    out = tmp_path / "out"
    shutil.copytree(grown["out"], out, symlinks=True)
    same = BuildOptions(out=out, date=SAMPLE_DATE, html=False)
    assert build([SAMPLE], same).unchanged == [SAMPLE.stem]
    assert build([SAMPLE], replace(same, threshold=0.6)).built == [SAMPLE.stem]
    assert build([SAMPLE], replace(same, threshold=0.6)).unchanged == [SAMPLE.stem]
    assert build([SAMPLE], replace(same, threshold=0.6, causal_model=None)).built == [SAMPLE.stem]


def test_a_rebuilt_document_replaces_its_graph_and_drops_what_it_no_longer_says(grown: dict, tmp_path: Path) -> None:
    out = tmp_path / "out"
    shutil.copytree(grown["out"], out, symlinks=True)
    smailov = ID + "person/alikhan-smailov"
    assert documents_mentioning(out, smailov) == {FOLLOWUP.stem: 1}
    edited = tmp_path / FOLLOWUP.name  # the same document id, a new version of its text
    text = FOLLOWUP.read_text(encoding="utf-8")
    edited.write_text(text.replace("named Alikhan Smailov as prime minister after dismissing", "dismissed"))
    # another file than the one built, so replacing its document takes --replace
    report = build([edited], BuildOptions(out=out, date=FOLLOWUP_DATE, html=False, replace=True))
    assert report.built == [FOLLOWUP.stem]
    assert mentions_of(out, smailov) == 0  # no orphan: gone with the only version that named him
    assert graph_quads(out, SAMPLE.stem) == grown["sample_graph"]
    # every quad of the new version once, nothing left of the old one
    st = store.open_read(out)
    graph = pyoxigraph.NamedNode(ID + "graph/" + FOLLOWUP.stem)
    quads = list(st.quads_for_pattern(None, None, None, graph))
    assert len(quads) == len(set(quads)) == report.triples - len(grown["sample_graph"])
    anchors = {q.object.value for q in quads if q.predicate.value.endswith("#anchorOf")}
    assert "Alikhan Smailov" not in anchors
    assert set(documents_mentioning(out, TOKAYEV)) == {SAMPLE.stem, FOLLOWUP.stem}


def test_an_actors_timeline_runs_across_documents(grown: dict) -> None:
    text = query.named("actor-timeline").text
    result = query.execute(store.open_read(grown["out"]), text, bindings={"actor": "Kassym-Jomart Tokayev"})
    columns, rows = query.rows(result)  # type: ignore[arg-type]
    documents = [row[columns.index("document")] for row in rows]
    assert documents[0] == SAMPLE.stem and documents[-1] == FOLLOWUP.stem


def test_a_change_to_the_word_data_builds_every_document_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # a trigger moved from one type to another in a checkout, the version number the same: the
    # documents built with the old lexicon are stale, not "unchanged"
    from kg import lexicon, pipeline

    data = tmp_path / "resources"
    shutil.copytree(lexicon.RESOURCES, data)
    monkeypatch.setattr(lexicon, "RESOURCES", data)
    options = BuildOptions(out=tmp_path / "out")
    before = pipeline.fingerprint(options)
    assert pipeline.fingerprint(options) == before  # the same data, the same fingerprint
    with (data / "wordclasses.tsv").open("a", encoding="utf-8") as handle:
        handle.write("extra\tword\n")
    assert pipeline.fingerprint(options) != before
