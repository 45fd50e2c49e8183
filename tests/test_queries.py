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
def test_statements_say_who_said_what(sample_build: Path) -> None:
    rows = run(sample_build, "statements", speaker="interior ministry")
    assert [r["reportedLabel"] for r in rows] == ["26 protesters killed in clashes"]
    assert {r["speaker"] for r in run(sample_build, "statements")} >= {"Kassym-Jomart Tokayev", "interior ministry"}


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


# The named queries written the fast way, each beside the natural form it replaced or would be
# written as: one join in the order a person reads it (pyoxigraph evaluates it as written). The
# timings are benchmarks.query_speed's; these tests hold the rows equal.
TOP_ACTORS_NATURAL = """
SELECT (MIN(?label) AS ?actor) (COUNT(DISTINCT ?event) AS ?events) (COUNT(DISTINCT ?agentOf) AS ?asAgent)
       (COUNT(DISTINCT ?patientOf) AS ?asPatient) (COUNT(DISTINCT ?doc) AS ?documents) (MIN(?c) AS ?class) ?entity
WHERE {
  ?entity a ?c ; rdfs:label ?label ; kg:mention/nif:referenceContext ?doc .
  ?c rdfs:subClassOf kg:Actor .
  ?event kg:agent|kg:patient ?entity .
  OPTIONAL { ?event kg:agent ?entity . BIND (?event AS ?agentOf) }
  OPTIONAL { ?event kg:patient ?entity . BIND (?event AS ?patientOf) }
}
GROUP BY ?entity
ORDER BY DESC(?events) ?actor ?entity
"""
# every aspect in its own subquery still (one join would multiply them), each read the plain way:
# labels and sources from every graph, documents through nif:referenceContext
EVENTS_NATURAL = """
SELECT ?event ?type ?label ?date ?place ?agent ?patient ?quantities ?status ?accordingTo ?triggers
       ?typeId ?typeLabel ?datePrecision ?placeIris ?agentIris ?patientIris ?documents ?sentences WHERE {
  ?event a ?type ; rdfs:label ?label ; kg:status ?status . ?type rdfs:subClassOf* kg:Event
  OPTIONAL { ?event kg:date ?date }
  BIND (CONCAT("kg:", STRAFTER(STR(?type), STR(kg:))) AS ?typeId)
  OPTIONAL { ?type rdfs:label ?typeLabel }
  BIND (COALESCE(IF(DATATYPE(?date) = xsd:gYear, "year", IF(DATATYPE(?date) = xsd:gYearMonth, "month", "day")), "")
        AS ?datePrecision)
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?place)
             WHERE { ?event kg:place/rdfs:label ?l } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT STR(?x); separator=" | ") AS ?placeIris)
             WHERE { ?event kg:place ?x } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?agent)
             WHERE { ?event kg:agent/rdfs:label ?l } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT STR(?x); separator=" | ") AS ?agentIris)
             WHERE { ?event kg:agent ?x } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?l; separator=" | ") AS ?patient)
             WHERE { ?event kg:patient/rdfs:label ?l } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT STR(?x); separator=" | ") AS ?patientIris)
             WHERE { ?event kg:patient ?x } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?amount; separator=" | ") AS ?quantities) WHERE {
               ?event kg:quantity ?q . ?q schema:value ?v .
               OPTIONAL { ?q kg:qualifier ?qual }
               OPTIONAL { ?q schema:unitText ?ut } OPTIONAL { ?q schema:unitCode ?uc }
               BIND (CONCAT(COALESCE(CONCAT(?qual, " "), ""), STR(?v), " ", COALESCE(?ut, ?uc, "")) AS ?amount) }
             GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?source; separator=" | ") AS ?accordingTo) WHERE {
               ?event kg:accordingTo ?s .
               OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?s dcterms:identifier ?sid }
               BIND (COALESCE(?sl, CONCAT("document ", ?sid)) AS ?source) }
             GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?a; separator=" | ") AS ?triggers)
             WHERE { ?event kg:mention/nif:anchorOf ?a } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?id; separator=" | ") AS ?documents)
             WHERE { ?event kg:mention/nif:referenceContext/dcterms:identifier ?id } GROUP BY ?event }
  OPTIONAL { SELECT ?event (GROUP_CONCAT(DISTINCT ?offsets; separator=" | ") AS ?sentences) WHERE {
               ?event kg:mention ?m . ?m nif:referenceContext/dcterms:identifier ?id ; kg:sentence ?s .
               ?s nif:beginIndex ?sb ; nif:endIndex ?se
               BIND (CONCAT(?id, ":", STR(?sb), "-", STR(?se)) AS ?offsets) }
             GROUP BY ?event }
}
ORDER BY ?date ?event
"""
NATURAL = {"top-actors": TOP_ACTORS_NATURAL, "events": EVENTS_NATURAL}
# (named query, its fast fragment, the natural fragment it replaced)
REWRITTEN = [
    (
        "actor-timeline",
        "{ SELECT DISTINCT ?entity ?actor WHERE { ?entity rdfs:label ?actor } }",
        "?entity rdfs:label ?actor .",
    ),
]


def natural(name: str) -> str:
    if name in NATURAL:
        return NATURAL[name]
    _, fast, slow = next(r for r in REWRITTEN if r[0] == name)
    text = query.named(name).text
    assert fast in text, f"{name} no longer holds the fragment this test compares"
    return text.replace(fast, slow)


def solutions(out: Path, text: str, **bindings: str) -> list[tuple[str, ...]]:
    result = query.execute(store.open_read(out), text, bindings=bindings)
    return [tuple(query.cell(term) for term in row) for row in result]  # type: ignore[union-attr]


@pytest.mark.model
@pytest.mark.parametrize("name", [*NATURAL, *(r[0] for r in REWRITTEN)])
def test_a_named_query_written_the_fast_way_gives_the_rows_of_its_natural_form(sample_build: Path, name: str) -> None:
    fast = solutions(sample_build, query.named(name).text)
    assert fast and fast == solutions(sample_build, natural(name))


@pytest.mark.model
def test_top_actors_ranks_by_events_and_splits_the_roles(sample_build: Path) -> None:
    rows = run(sample_build, "top-actors")
    events = [int(r["events"]) for r in rows]
    assert events == sorted(events, reverse=True) and events[0] > 1
    for r in rows:
        agent, patient = int(r["asAgent"]), int(r["asPatient"])
        assert max(agent, patient) <= int(r["events"]) <= agent + patient
        assert int(r["documents"]) >= 1 and r["class"].startswith("https://w3id.org/newskg/ontology#")
    top = rows[0]["actor"]
    assert [r["actor"] for r in run(sample_build, "top-actors", actor=top)] == [top]
