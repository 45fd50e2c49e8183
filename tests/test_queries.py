"""The named queries of ontology/queries: each runs on the sample build and answers something."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg import query, store
from tests.test_cli import kg

NAMED = query.named_queries()


def run(out: Path, name: str, **bindings: str) -> list[dict[str, str]]:
    result = query.execute(store.open_read(out), query.named(name).text, bindings=bindings)
    columns, rows = query.rows(result)  # type: ignore[arg-type]
    return [dict(zip(columns, row, strict=True)) for row in rows]


@pytest.mark.parametrize("named", NAMED, ids=[q.name for q in NAMED])
def test_every_named_query_starts_with_its_description(named: query.NamedQuery) -> None:
    first = named.text.splitlines()[0]
    assert first.startswith("# ") and len(named.description) > 20, named.name


def test_the_list_names_every_query() -> None:
    listed = kg("query", "--list").stdout
    for named in NAMED:
        assert named.name in listed and named.description[:40] in listed


@pytest.mark.model
@pytest.mark.parametrize("named", NAMED, ids=[q.name for q in NAMED])
def test_every_named_query_runs_on_the_sample(sample_build: Path, named: query.NamedQuery) -> None:
    assert run(sample_build, named.name), f"{named.name} found nothing in the sample"


@pytest.mark.model
def test_an_actors_timeline_is_bound_by_label_and_ordered_by_date(sample_build: Path) -> None:
    rows = run(sample_build, "actor-timeline", actor="Kassym-Jomart Tokayev")
    assert rows and {r["actor"] for r in rows} == {"Kassym-Jomart Tokayev"}
    assert {r["role"] for r in rows} <= {"agent", "patient"}
    dates = [r["when"] for r in rows if r["when"]]
    assert dates == sorted(dates) and all(r["evidence"] for r in rows)
    unbound = run(sample_build, "actor-timeline")
    assert len({r["actor"] for r in unbound}) > 1
    assert [r for r in unbound if r["actor"] == "Kassym-Jomart Tokayev"] == rows


@pytest.mark.model
def test_events_at_a_place(sample_build: Path) -> None:
    rows = run(sample_build, "events-at-place", place="Almaty")
    assert rows and {r["place"] for r in rows} == {"Almaty"}
    assert all(r["geonames"].startswith("https://sws.geonames.org/") for r in rows)


@pytest.mark.model
def test_quantities_carry_their_evidence(sample_build: Path) -> None:
    rows = run(sample_build, "quantities")
    assert rows
    for r in rows:
        assert r["anchor"] and r["anchor"] in r["evidence"]
        assert any(r[k] for k in ("value", "minValue", "maxValue"))


@pytest.mark.model
def test_mentions_of_one_entity_by_label(sample_build: Path) -> None:
    rows = run(sample_build, "mentions", label="Almaty")
    assert rows and {r["label"] for r in rows} == {"Almaty"}
    assert all(r["anchor"] in r["sentence"] for r in rows)
