"""Twenty BBC politics articles (read from ../shared, never copied into the repo): the graph
holds together on text no rule was written for."""

from __future__ import annotations

from pathlib import Path

import pytest
from pyoxigraph import QuerySolutions

from kg import lexicon, query, store, validate
from kg.pipeline import BuildOptions, build
from tests.conftest import SHARED

pytestmark = pytest.mark.model
POLITICS = SHARED / "data" / "bbc" / "politics"


@pytest.fixture(scope="module")
def politics(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("politics20")
    for path in sorted(POLITICS.glob("*.txt"))[:20]:
        (folder / path.name).write_bytes(path.read_bytes())
    out = tmp_path_factory.mktemp("politics20-out")
    report = build([folder], BuildOptions(out=out, html=False))
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


def test_every_event_has_a_type_and_a_role(politics: Path) -> None:
    # a role is a participant, a place or a time (SEM's hasActor, hasPlace, hasTime); an event the
    # lexicon does not know (plain kg:Event) exists only as the end of a causal relation
    rows = select(
        politics,
        """SELECT ?e ?type (COUNT(?role) AS ?roles) (COUNT(?r) AS ?links) WHERE {
        ?e a ?type . ?type rdfs:subClassOf* kg:Event .
        OPTIONAL { ?e kg:agent|kg:patient|kg:place|kg:date ?role }
        OPTIONAL { ?r kg:cause|kg:effect ?e }
      } GROUP BY ?e ?type""",
    )
    assert len(rows) > 30
    typed = [r for r in rows if not r["type"].endswith("#Event")]
    assert [r["e"] for r in typed if r["roles"] == "0"] == []
    assert [r["e"] for r in rows if r["type"].endswith("#Event") and r["links"] == "0"] == []


def test_no_currency_or_commodity_is_a_person(politics: Path) -> None:
    assets = lexicon.load().assets
    persons = select(politics, "SELECT ?label WHERE { ?p a kg:Person ; rdfs:label|skos:altLabel ?label }")
    assert persons
    assert [p["label"] for p in persons if p["label"].lower() in assets] == []


def test_the_build_conforms_to_the_shapes(politics: Path) -> None:
    report = validate.validate_store(store.open_read(politics))
    assert report.graphs == 20 and report.conforms, report.violations[:5]
