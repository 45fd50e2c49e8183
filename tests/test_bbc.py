"""Twenty BBC politics articles (read from ../shared, never copied into the repo): the graph
holds together on text no rule was written for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from kg import lexicon, query, store, validate
from kg.pipeline import BuildOptions, build

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def politics(politics20: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("politics20-out")
    report = build([politics20], BuildOptions(out=out, html=False))
    assert len(report.built) == 20
    return out


def select(out: Path, text: str) -> list[dict[str, str]]:
    result = query.execute(store.open_read(out), text)
    assert isinstance(result, QuerySolutions)
    columns, rows = query.rows(result)
    return [dict(zip(columns, row, strict=True)) for row in rows]


def test_every_mention_slices_its_document(politics: Path) -> None:
    rows = select(
        politics,
        """SELECT ?b ?e ?a ?text WHERE { ?m a kg:Mention ; nif:beginIndex ?b ; nif:endIndex ?e ;
                               nif:anchorOf ?a ; nif:referenceContext/nif:isString ?text }""",
    )
    assert len(rows) > 500
    bad = [r["a"] for r in rows if r["text"][int(r["b"]) : int(r["e"])] != r["a"]]
    assert bad == []


def test_events_are_typed_labelled_and_never_their_own_patient(politics: Path) -> None:
    # the detector proposes many events; each is a node with a label of more than one word, and
    # no entity is both the agent and the patient of one event
    rows = select(
        politics,
        """SELECT ?e ?type ?label WHERE { ?e a ?type ; rdfs:label ?label . ?type rdfs:subClassOf* kg:Event }""",
    )
    assert len({r["e"] for r in rows}) >= 10 * 20
    assert [r["label"] for r in rows if len(r["label"].split()) < 2] == []
    same = select(politics, "SELECT ?e WHERE { ?e kg:agent ?x ; kg:patient ?x }")
    assert same == []


def test_no_currency_or_commodity_is_a_person(politics: Path) -> None:
    assets = lexicon.load().assets
    persons = select(politics, "SELECT ?label WHERE { ?p a kg:Person ; rdfs:label|skos:altLabel ?label }")
    assert persons
    assert [p["label"] for p in persons if p["label"].lower() in assets] == []


def test_the_build_conforms_to_the_shapes(politics: Path) -> None:
    report = validate.validate_store(store.open_read(politics))
    assert report.graphs == 20 and report.conforms, report.violations[:5]
