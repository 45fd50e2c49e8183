"""The sample article end to end through the real pipeline (model tests: slower, scored against gold)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph

from kg import query, store, validate
from kg.pipeline import BuildOptions, build
from tests.conftest import ROOT, SAMPLE, SAMPLE_DATE, SHARED

pytestmark = pytest.mark.model


def score(graph: Path, text: Path = SAMPLE, gold: Path = SHARED / "eval" / "gold" / "seed.json") -> dict:
    onto = sorted(str(p) for p in (ROOT / "ontology").glob("*.ttl"))
    out = subprocess.run(
        [sys.executable, str(SHARED / "eval" / "score.py"), str(gold), str(text), str(graph), *onto, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_sample_scores_against_the_gold_graph(sample_build: Path) -> None:
    result = score(sample_build / "graph.ttl")
    assert result["entities"]["f1"] >= 0.90
    # the detector finds every gold event; the gold names the salient ones only, so precision is
    # lower than the lexicon's (0.64 at 1f20d04: "marking their lowest point", "dedicated bitcoin")
    assert result["events"]["r"] >= 0.95
    assert result["events"]["p"] >= 0.55
    # 0.81 before 73a6a78: "bandits had attacked Almaty, destroying state property" is now a link
    # (a trailing participle of a change is its main clause's result, as the CNC marks it), and
    # the gold calls the attack and the destruction one event; 0.77 before a weak cue ("as") could
    # link events WordNet alone types (cross-validated on the CNC and Causal-TimeBank): "This comes
    # as President Tokayev blamed anti-government protests" is now a wrong link
    assert result["causal"]["f1"] >= 0.70
    assert result["entities"]["duplicates"] == 0  # no gold entity split in two


def test_every_export_is_written(sample_build: Path) -> None:
    for name in (
        "graph.ttl",
        "graph.trig",
        "graph.nt",
        "graph.html",
        "entities.csv",
        "events.csv",
        "causal.csv",
        "merges.csv",
    ):
        assert (sample_build / name).stat().st_size > 0, name
    assert not (sample_build / "graph.jsonld").exists()  # on demand: kg export --format jsonld
    assert store.exists(sample_build)


def test_the_build_conforms_to_the_shapes(sample_build: Path) -> None:
    report = validate.validate_store(store.open_read(sample_build))
    assert report.graphs == 1 and report.conforms, report.violations[:5]


def test_exports_parse_in_rdflib_and_pyoxigraph(sample_build: Path) -> None:
    g = Graph().parse(sample_build / "graph.ttl")
    with (sample_build / "graph.ttl").open("rb") as f:
        assert len(list(pyoxigraph.parse(f, format=pyoxigraph.RdfFormat.TURTLE))) == len(g)
    ds = Dataset().parse(sample_build / "graph.trig", format="trig")
    graphs = {str(c.identifier) for c in ds.graphs() if len(c)}
    assert graphs == {"https://w3id.org/newskg/id/graph/000_b862f496998775da"}


def test_every_mention_slices_the_text_as_read(sample_build: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8-sig")
    result = query.execute(store.open_read(sample_build), query.named("mentions").text)
    columns, rows = query.rows(result)  # type: ignore[arg-type]
    assert rows
    for row in rows:
        r = dict(zip(columns, row, strict=True))
        assert text[int(r["begin"]) : int(r["end"])] == r["anchor"]


def test_causal_chain_query_returns_labels_and_evidence(sample_build: Path) -> None:
    result = query.execute(store.open_read(sample_build), query.named("causal-chains").text)
    columns, rows = query.rows(result)  # type: ignore[arg-type]
    found = {(r[0], r[1]) for r in rows}
    assert any("crackdown" in c and "crash" in e for c, e in found)
    # a chain of two steps: the protests led to the crackdown, which led to the crash
    assert any(c.lower().startswith("protest") and "crash" in e for c, e in found)
    assert all(r[columns.index("evidence")] for r in rows)


def test_html_loads_nothing_from_the_network(sample_build: Path) -> None:
    page = (sample_build / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"https?://", page)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page, re.I)


def test_two_builds_give_byte_identical_turtle(sample_build: Path, tmp_path: Path) -> None:
    build([SAMPLE], BuildOptions(out=tmp_path / "again", date=SAMPLE_DATE))
    assert (tmp_path / "again" / "graph.ttl").read_bytes() == (sample_build / "graph.ttl").read_bytes()


def test_a_build_that_frees_its_models_builds_the_same_and_the_next_loads_them_again(
    sample_build: Path, tmp_path: Path
) -> None:
    from kg import nlp

    build([SAMPLE], BuildOptions(out=tmp_path / "freed", date=SAMPLE_DATE, keep_models=False))
    assert nlp.load.cache_info().currsize == 0
    build([SAMPLE], BuildOptions(out=tmp_path / "kept", date=SAMPLE_DATE))
    assert nlp.load.cache_info().currsize == 1
    for folder in ("freed", "kept"):
        assert (tmp_path / folder / "graph.ttl").read_bytes() == (sample_build / "graph.ttl").read_bytes()


def test_rebuilding_into_the_same_folder_adds_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE))
    again = build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE))
    assert again.unchanged == [SAMPLE.stem] and again.triples == first.triples
    forced = build([SAMPLE], BuildOptions(out=out, date=SAMPLE_DATE, force=True))
    assert forced.built == [SAMPLE.stem] and forced.triples == first.triples


def test_a_failed_build_leaves_the_previous_build_untouched(sample_build: Path, tmp_path: Path) -> None:
    import shutil

    from kg.errors import KgError

    out = tmp_path / "copy"
    shutil.copytree(sample_build, out, symlinks=True)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Police arrested dozens of protesters in Minsk on Monday.")
    (tmp_path / "in" / "b.txt").write_bytes(b"\x00\x01\x02binary")
    with pytest.raises(KgError):
        build([tmp_path / "in"], BuildOptions(out=out))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert store.content_hash(store.open_read(out), pyoxigraph.NamedNode("https://w3id.org/newskg/id/graph/a")) is None


def test_entity_relations_against_the_gold_graph(sample_build: Path) -> None:
    gold = json.loads((SHARED / "eval" / "gold" / "seed.json").read_text(encoding="utf-8"))
    names = {e["id"]: {n.lower() for n in e["names"]} for e in gold["entities"]}
    inverse = {"hasMember": "memberOf"}
    wanted = set()
    for s, p, o in gold["relations"]:
        if p in inverse:
            s, p, o = o, inverse[p], s
        wanted.add((s, p, o))
    result = query.execute(store.open_read(sample_build), query.named("relations").text)
    _columns, rows = query.rows(result)  # type: ignore[arg-type]
    built = {(r[0].lower(), r[1], r[2].lower()) for r in rows}

    def gold_id(label: str) -> str | None:
        return next((k for k, v in names.items() if label in v), None)

    found = {(gold_id(s), p, gold_id(o)) for s, p, o in built}
    precision = len(found & wanted) / len(built)
    recall = len(found & wanted) / len(wanted)
    assert precision >= 0.8 and recall >= 0.5, (sorted(found), sorted(wanted))
